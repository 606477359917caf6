"""PyInstaller's own hook for PySide6.QtCore, less Qt's translations this app never loads.

The built-in hook collects qt_*.qm and qtbase_*.qm in every language Qt has (about 40).
The app installs only Qt's Simplified Chinese qtbase catalogue (app/ui/i18n.py: the source
language of Qt's strings is English), so only the files named in packaging/transfer-helper.spec
(hooksconfig "transfer_helper" / "qt_translations") are kept. User hooks take precedence
over PyInstaller's (hookspath).
"""
from __future__ import annotations

import os

from PyInstaller.utils.hooks import get_hook_config
from PyInstaller.utils.hooks.qt import add_qt6_dependencies


def hook(hook_api) -> None:
    hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
    wanted = get_hook_config(hook_api, "transfer_helper", "qt_translations")
    if wanted is not None:
        datas = [(src, dest) for src, dest in datas
                 if not src.endswith(".qm") or os.path.basename(src) in wanted]
    hook_api.add_imports(*hiddenimports)
    hook_api.add_binaries(binaries)
    hook_api.add_datas(datas)
