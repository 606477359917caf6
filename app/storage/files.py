"""The one reading path and the one writing path of every file the app owns.

Reading (`read_limited`): only a regular file (a folder, FIFO, device or socket is refused
before anything waits on it: the file is opened non-blocking and checked again on the open
handle), and never more than `limit` + 1 bytes, whatever the file's size claims to be
(/proc files and growing files lie). Writing (`write_atomic`): a temp file in the same
folder (0600), fsync, the previous version kept as FILE.bak when asked, rename, folder
fsync; a symbolic link is followed (the link stays and points to the new file), anything
else that is not a regular file is refused. `write_set` writes several files all or none:
into a temp folder inside the target folder, then renamed into place. `append_line` adds one
line to a private log with one write. Imports nothing from the rest of the app.
"""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 20


class NotRegularFile(OSError):
    """A folder, FIFO, device or socket where a file was expected."""

    def __init__(self, path: str | os.PathLike) -> None:
        super().__init__(errno.EINVAL, "not a regular file", os.fspath(path))


class TooLarge(OSError):
    """More bytes than the reader accepts."""

    def __init__(self, path: str | os.PathLike, limit: int) -> None:
        super().__init__(errno.EFBIG, f"larger than {limit} bytes", os.fspath(path))
        self.limit = limit


def read_limited(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. Raises NotRegularFile, TooLarge
    or the OSError of the system (missing, no permission)."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise NotRegularFile(path)
    handle = os.open(path, _READ_FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):  # swapped between the two looks
            raise NotRegularFile(path)
        chunks, remaining = [], limit + 1
        while remaining > 0:
            chunk = os.read(handle, min(remaining, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(handle)
    data = b"".join(chunks)
    if len(data) > limit:
        raise TooLarge(path, limit)
    return data


def target(path: str | os.PathLike) -> Path:
    """Where a write to `path` lands: a symbolic link is followed (saving over a linked draft
    updates the file it points to, the link stays). Raises NotRegularFile when something
    other than a regular file is there."""
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return path
    if not stat.S_ISREG(mode):
        raise NotRegularFile(path)
    return path


def write_atomic(path: str | os.PathLike, data: bytes, *, backup: bytes | None = None) -> Path:
    """Write `data` to `path` atomically and owner-only (0600); with `backup`, FILE.bak gets
    those bytes first (also atomically). Returns the path written (a link's target)."""
    path = target(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    if backup is not None:
        _replace_with(path.with_name(path.name + ".bak"), backup)
    _replace_with(path, data)
    fsync_folder(folder)
    return path


def _replace_with(path: Path, data: bytes) -> None:
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            os.chmod(temp_name, 0o600)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


def write_set(folder: str | os.PathLike, files: Mapping[str, bytes], *, remove: Iterable[str] = ()) -> list[Path]:
    """Write every file of `files` (name -> bytes) into `folder`, all or none: they are
    written and fsynced in a temp folder inside `folder`, then renamed into place, and the
    names in `remove` (an earlier set's files not in this one) are deleted. On an error
    (a full disk) nothing of the set stays and the OSError names `folder`."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        destinations = [target(folder / name) for name in files]
        stage = Path(tempfile.mkdtemp(prefix=".set-", suffix=".tmp", dir=folder))
    except NotRegularFile:
        raise
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(folder)) from None
    moved: list[Path] = []
    try:
        for name, data in files.items():
            handle = os.open(stage / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        for name, destination in zip(files, destinations, strict=True):
            os.replace(stage / name, destination)
            moved.append(destination)
    except OSError as exc:
        for path in moved:  # renames need no space: this is only reached on odd failures
            with contextlib.suppress(OSError):
                path.unlink()
        raise OSError(exc.errno, exc.strerror, str(folder)) from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    for name in remove:
        if name not in files:
            with contextlib.suppress(FileNotFoundError):
                (folder / name).unlink()
    fsync_folder(folder)
    return moved


def append_line(path: str | os.PathLike, line: bytes) -> None:
    """Append one line to an owner-only log with a single write (no torn lines)."""
    handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    try:
        os.write(handle, line)
    finally:
        os.close(handle)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def fsync_folder(folder: str | os.PathLike) -> None:
    if os.name == "nt":  # Windows cannot open a folder for fsync; os.replace is durable there
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
