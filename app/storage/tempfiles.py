"""Every temporary file of the app, in one folder that can be emptied at once.

Owns: the app's own temporary folder (tempfile.mkdtemp(prefix="transfer-helper-"), owner
only), the registry of temporary files written elsewhere, emptying both ("next applicant"
at a service window) and removing the folder on exit. `redirect_process_temp()` makes
Python's tempfile module and Qt (QDir.tempPath reads TMPDIR on every call on Unix, TMP
and TEMP on Windows, as does Python there: QTemporaryFile, the print spool copy) write into
this folder too, so that nothing the app or a library
writes while working on one applicant outlives the next "clear". A folder left behind by a
crashed run is removed at the next start (`sweep_stale`).

Deleting a file does not overwrite its blocks (on SSDs and journalling file systems nothing
short of full-disk encryption does): this keeps files from being found and opened, it is no
forensic erasure. Imports nothing from Qt, reportlab or the rest of the app but app.storage.files.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
from pathlib import Path

from app.storage import files

PREFIX = "transfer-helper-"
OWNER_FILE = ".owner"  # the pid of the run that made the folder (not a temporary file of an applicant)
TEMP_VARIABLES = ("TMPDIR", "TMP", "TEMP")  # Unix; Windows (Qt and Python read TMP, then TEMP)


class TempFiles:
    """The app's temporary folder and the temporary files it registered."""

    def __init__(self, prefix: str = PREFIX, base: str | os.PathLike | None = None) -> None:
        self.prefix = prefix
        self.base = base  # where the folder is made (None: the system's temporary folder)
        self._folder: Path | None = None
        self._files: set[Path] = set()
        self._lock = threading.Lock()
        self._saved: tuple[str | None, dict[str, str | None]] | None = None  # tempfile.tempdir, TEMP_VARIABLES before

    # -- the folder ------------------------------------------------------------------------
    @property
    def folder(self) -> Path:
        """The app's temporary folder, made on first use (0700)."""
        with self._lock:
            if self._folder is None or not self._folder.is_dir():
                base = os.fspath(self.base) if self.base is not None else self._system_temp()
                self._folder = Path(tempfile.mkdtemp(prefix=self.prefix, dir=base))
                with contextlib.suppress(OSError):
                    os.chmod(self._folder, 0o700)
                files.write_atomic(self._folder / OWNER_FILE, str(os.getpid()).encode("ascii"))
            return self._folder

    def _system_temp(self) -> str:
        if self._saved is not None:  # redirected: the folder itself must not nest in itself
            tempdir, env = self._saved
            return tempdir or next((env[name] for name in TEMP_VARIABLES if env[name]), None) or tempfile.gettempdir()
        return tempfile.gettempdir()

    def new_path(self, suffix: str = "", prefix: str = "") -> Path:
        """A new empty file (0600) in the folder, registered; the caller writes it."""
        handle, name = tempfile.mkstemp(suffix=suffix, prefix=prefix or "tmp-", dir=self.folder)
        os.close(handle)
        return self.register(name)

    def write(self, data: bytes, suffix: str = "") -> Path:
        path = self.new_path(suffix)
        files.write_atomic(path, data)
        return path

    def register(self, path: str | os.PathLike) -> Path:
        """Note a temporary file written anywhere, to be removed by `clear()`."""
        path = Path(path)
        with self._lock:
            self._files.add(path)
        return path

    def registered(self) -> list[Path]:
        with self._lock:
            return sorted(self._files)

    def leftovers(self) -> list[Path]:
        """Every file the next `clear()` would remove (registered ones that exist, and all
        of the folder but its owner note)."""
        found = [path for path in self.registered() if path.exists()]
        if self._folder is not None and self._folder.is_dir():
            found += [path for path in sorted(self._folder.rglob("*")) if path.name != OWNER_FILE or
                      path.parent != self._folder]
        return found

    # -- clearing --------------------------------------------------------------------------
    def clear(self) -> int:
        """Remove every registered file and everything in the folder (the folder stays).
        Returns how many files and folders were removed."""
        removed = 0
        with self._lock:
            files, self._files = self._files, set()
            folder = self._folder
        for path in files:
            with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
                path.unlink()
                removed += 1
        if folder is not None and folder.is_dir():
            for child in folder.iterdir():
                if child.name == OWNER_FILE:
                    continue
                removed += 1
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        child.unlink()
        return removed

    def remove(self) -> None:
        """Clear and remove the folder (on exit); undo a redirect."""
        self.clear()
        self.restore_process_temp()
        with self._lock:
            folder, self._folder = self._folder, None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    # -- the process's temporary folder ----------------------------------------------------
    def redirect_process_temp(self) -> Path:
        """Make tempfile.* and Qt's QDir.tempPath() use the app's folder. Undone by
        `restore_process_temp()` or `remove()`."""
        if self._saved is None:
            folder = self.folder
            self._saved = (tempfile.tempdir, {name: os.environ.get(name) for name in TEMP_VARIABLES})
            tempfile.tempdir = str(folder)
            for name in TEMP_VARIABLES:
                os.environ[name] = str(folder)
        return self.folder

    def restore_process_temp(self) -> None:
        if self._saved is None:
            return
        tempdir, env = self._saved
        self._saved = None
        tempfile.tempdir = tempdir
        for name, value in env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def sweep_stale(base: str | os.PathLike | None = None, prefix: str = PREFIX) -> int:
    """Remove the temporary folders of earlier runs that ended without cleaning up (their
    owner process is gone). Only folders of this user with the owner note are touched."""
    base = Path(base) if base is not None else Path(tempfile.gettempdir())
    removed = 0
    try:
        candidates = list(base.glob(prefix + "*"))
    except OSError:
        return 0
    for folder in candidates:
        try:
            if not folder.is_dir() or folder.is_symlink() or folder.stat().st_uid != os.getuid():
                continue
            pid = int((folder / OWNER_FILE).read_text(encoding="ascii").strip())
        except (OSError, ValueError, AttributeError):
            continue
        if pid == os.getpid() or _alive(pid):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill would terminate the process there; never sweep on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists, but not ours to signal: leave its folder alone
    return True


_REGISTRY: TempFiles | None = None


def registry() -> TempFiles:
    """The app's one registry (made on first use; its folder only when first needed)."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = TempFiles()
    return _REGISTRY
