"""下一位 on disk: the files of the previous applicant, removed in one call.

Owns what "next applicant" (and the idle clear) removes from disk: the autosave and its
.bak, and everything in the app's temporary folder (Qt's print spool copies go there too,
see app.storage.tempfiles). The widgets, the clipboard and Qt's file-dialog history are
cleared by app.ui.window_mode, which calls this. Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from app.storage import tempfiles

if TYPE_CHECKING:
    from app.storage.autosave import Autosave


def wipe_applicant_files(autosave: Autosave | None, temp: tempfiles.TempFiles | None = None) -> int:
    """Remove the previous applicant's files; returns how many temporary files went."""
    if autosave is not None:
        autosave.discard()  # and its .bak
    return (temp or tempfiles.registry()).clear()
