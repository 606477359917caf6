"""Writing the rendered packet to a folder: one PDF per document plus the combined one.

Owns: the default file names (the document id + ".pdf", e.g. medical_application.pdf,
packet.pdf, used by the command line), or the names the caller gives (the wizard names the
files by document title, person and date: app.filenames), finding the files a write would
replace (the caller asks first), and the atomic owner-only write (drafts.write_private:
temp file, fsync, rename, 0600).

Needs no reportlab and no Qt: the wizard and the command line both use it.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from app.drafts import write_private

_DOC_ID = re.compile(r"^[a-z0-9_]{1,64}$")


def file_name(doc_id: str) -> str:
    """The file name of a document id; refuses ids that are not plain lower-case words."""
    if not _DOC_ID.match(doc_id):
        raise ValueError("document ids are lower-case letters, digits and underscores")
    return f"{doc_id}.pdf"


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
    target_paths), each atomically and readable by the owner only; returns the paths
    written. Replaces files of the same name."""
    folder = Path(folder)
    written = []
    for path, data in zip(target_paths(folder, pdfs, names), pdfs.values(), strict=True):
        write_private(path, data)
        written.append(path)
    return written
