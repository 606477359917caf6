"""PyInstaller's own hook for PySide6.QtGui, less the Qt plugins this app never loads.

The built-in hook collects every plugin of QtGui's types, and PyInstaller then collects
whatever those plugins link: the on-screen keyboard alone brings QtQuick and QtQml (about
25 MB). A plugin removed only after the analysis leaves those libraries behind, so the
plugins are filtered here, before their dependencies are looked at. Which plugins go is
decided in packaging/transfer-helper.spec (hooksconfig "transfer_helper" / "drop_qt_plugins");
this file only applies it. User hooks take precedence over PyInstaller's (hookspath).
"""
from __future__ import annotations

import os

from PyInstaller.utils.hooks import get_hook_config
from PyInstaller.utils.hooks.qt import add_qt6_dependencies


def plugin_name(path: str) -> str:
    """"libqxcb.so" (Linux), "libqcocoa.dylib" (macOS), "qwindows.dll" (Windows) -> "qxcb" ..."""
    stem = os.path.basename(path).split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep(src: str, dest_dir: str, drop: dict[str, list[str]]) -> bool:
    parts = dest_dir.replace("\\", "/").split("/")
    if "plugins" not in parts or parts.index("plugins") + 1 >= len(parts):
        return True  # not a plugin: Qt's own libraries are left alone
    plugin_type = "/".join(parts[parts.index("plugins") + 1:])
    names = drop.get(plugin_type, [])
    return not (names == "*" or plugin_name(src) in names)


def hook(hook_api) -> None:
    hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
    drop = get_hook_config(hook_api, "transfer_helper", "drop_qt_plugins") or {}
    hook_api.add_imports(*hiddenimports)
    hook_api.add_binaries([(src, dest) for src, dest in binaries if keep(src, dest, drop)])
    hook_api.add_datas(datas)
