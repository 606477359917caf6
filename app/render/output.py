"""Writing rendered packets to a folder: one PDF per document plus the combined one.

Owns: the file names (the document id + ".pdf", e.g. medical_application.pdf, packet.pdf,
or, for the command line's several drafts, "<stem>.<document id>.pdf"; the wizard gives its
own names: document title, person and date, app.filenames), finding the files a write would
replace (the caller asks first), and writing a packet as one set through
app.storage.files.write_set: all its files or none, owner-only, and no document of an
earlier set of the same stem left beside the new one.

Needs no reportlab and no Qt: the wizard and the command line both use it.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from pathlib import Path

from app.storage import files

_DOC_ID = re.compile(r"^[a-z0-9_]{1,64}$")


class SetExists(Exception):
    """Files of an earlier set with this stem are in the folder (replace them only when told)."""

    def __init__(self, folder: Path, stem: str) -> None:
        super().__init__(f"{folder}: {stem}")
        self.folder = folder
        self.stem = stem


def file_name(doc_id: str, stem: str | None = None) -> str:
    """The file name of a document id; refuses ids that are not plain lower-case words."""
    if not _DOC_ID.match(doc_id):
        raise ValueError("document ids are lower-case letters, digits and underscores")
    return f"{stem}.{doc_id}.pdf" if stem else f"{doc_id}.pdf"


def target_paths(folder: Path, pdfs: Mapping[str, bytes], names: Mapping[str, str] | None = None) -> list[Path]:
    """Where `write_documents` would write, in the order of `pdfs`. `names`: doc id -> a
    file name (app.filenames.safe_file_name); the default name for ids it lacks."""
    names = names or {}
    paths = []
    for doc_id in pdfs:
        name = names.get(doc_id) or file_name(doc_id)
        if Path(name).name != name or name in (".", ".."):
            raise ValueError("a file name, not a path")
        paths.append(Path(folder) / name)
    return paths


def existing(folder: Path, pdfs: Mapping[str, bytes], names: Mapping[str, str] | None = None) -> list[Path]:
    """The files that writing `pdfs` into `folder` would replace."""
    return [path for path in target_paths(folder, pdfs, names) if path.exists()]


def write_documents(folder: Path, pdfs: Mapping[str, bytes], names: Mapping[str, str] | None = None) -> list[Path]:
    """Write every PDF of `pdfs` (doc id -> bytes) into `folder` (named by `names`, see
    target_paths) as one set (all or none), readable by the owner only; returns the paths
    written. Replaces files of the same name."""
    paths = target_paths(folder, pdfs, names)
    return files.write_set(folder, {path.name: data for path, data in zip(paths, pdfs.values(), strict=True)})


def earlier_set(folder: Path, stem: str) -> list[Path]:
    """The files of a set named `stem` already in `folder` ("<stem>.<document id>.pdf")."""
    pattern = re.compile(re.escape(stem) + r"\.[a-z0-9_]{1,64}\.pdf")
    try:
        return sorted(path for path in Path(folder).iterdir() if pattern.fullmatch(path.name))
    except (FileNotFoundError, NotADirectoryError):
        return []


def free_stem(folder: Path, base: str, taken: set[str]) -> str:
    """"<base>-N" with the smallest N that neither this run nor an earlier one has used in
    `folder`: the packets of different people never share names."""
    return next(stem for stem in (f"{base}-{n}" for n in itertools.count(1))
                if stem not in taken and not earlier_set(folder, stem))


def write_named_set(folder: Path, stem: str, pdfs: Mapping[str, bytes], *, replace: bool = False) -> list[Path]:
    """Write "<stem>.<document id>.pdf" for each PDF as one set. An earlier set of the same
    stem raises SetExists unless `replace`; then its files that are not in the new set go."""
    earlier = earlier_set(folder, stem)
    if earlier and not replace:
        raise SetExists(Path(folder), stem)
    named = {file_name(doc_id, stem): data for doc_id, data in pdfs.items()}
    return files.write_set(folder, named, remove=[path.name for path in earlier])
