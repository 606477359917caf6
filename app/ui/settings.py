"""Preferences, typed, over an injected QSettings. Never personal data.

Owns: every settings key (as a constant), its type and its default. Tests inject a
QSettings on a temporary INI file.
"""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import QByteArray, QSettings

from app.printer_calibration import IDENTITY, Calibration
from app.service_window.prefs import WindowPrefs

LANGUAGE = "ui/language"            # "zh" | "en"
GEOMETRY = "ui/geometry"            # window geometry (bytes)
LAST_FOLDER = "files/last_folder"   # folder of the last Open/Save As (a folder, not a file name)
DEFAULT_COPIES = "print/copies"     # copies of each application form
CALIBRATION = "print/calibration"   # + "/<printer name, sanitised>": "dx_mm,dy_mm,scale" (numbers only)
DEFAULT_PRINTER_KEY = "default"     # the key of a printer without a name
WINDOW = "window"                   # window mode: WINDOW + "/" + a WindowPrefs field, e.g. "window/enabled"


def calibration_key(printer_name: str) -> str:
    """The settings key of a printer's calibration. '/' and '\\' would make subgroups (and a
    Windows network printer is named \\\\server\\name), so they and control characters
    become '_'."""
    name = "".join("_" if ch in "/\\" or not ch.isprintable() else ch for ch in printer_name).strip()
    return f"{CALIBRATION}/{name[:120] or DEFAULT_PRINTER_KEY}"


class Settings:
    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or QSettings()

    def _get(self, key: str, default, kind):
        value = self.store.value(key, default)
        try:
            return kind(value)
        except (TypeError, ValueError):
            return default

    @property
    def language(self) -> str:
        value = self._get(LANGUAGE, "zh", str)
        return value if value in ("zh", "en") else "zh"

    @language.setter
    def language(self, value: str) -> None:
        self.store.setValue(LANGUAGE, value if value in ("zh", "en") else "zh")

    @property
    def geometry(self) -> QByteArray:
        value = self.store.value(GEOMETRY, QByteArray())
        return value if isinstance(value, QByteArray) else QByteArray()

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.store.setValue(GEOMETRY, value)

    @property
    def last_folder(self) -> str:
        # In window mode the app keeps no trace of where one applicant's files went.
        return "" if self.window_mode else self._get(LAST_FOLDER, "", str)

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        if not self.window_mode:
            self.store.setValue(LAST_FOLDER, value)

    @property
    def default_copies(self) -> int:
        value = self._get(DEFAULT_COPIES, 2, int)
        return value if 1 <= value <= 9 else 2

    @default_copies.setter
    def default_copies(self, value: int) -> None:
        self.store.setValue(DEFAULT_COPIES, max(1, min(9, int(value))))

    def calibration(self, printer_name: str) -> Calibration:
        """The correction saved for this printer; none (the identity) if nothing or nothing
        valid is saved."""
        value = self.store.value(calibration_key(printer_name), "")
        if isinstance(value, list):  # an INI value written by hand without quotes
            value = ",".join(str(part) for part in value)
        try:
            return Calibration.from_text(str(value)) if value else IDENTITY
        except ValueError:
            return IDENTITY

    def set_calibration(self, printer_name: str, value: Calibration) -> None:
        if value.is_identity:
            self.store.remove(calibration_key(printer_name))
        else:
            self.store.setValue(calibration_key(printer_name), value.to_text())

    # -- window mode: preferences of the office (app.service_window.prefs), not personal data ----------
    @property
    def window_mode(self) -> bool:
        return _flag(self.store.value(f"{WINDOW}/enabled", False))

    @property
    def window_prefs(self) -> WindowPrefs:
        default = WindowPrefs()
        values = {}
        for field in dataclasses.fields(WindowPrefs):
            raw = self.store.value(f"{WINDOW}/{field.name}", getattr(default, field.name))
            kind = type(getattr(default, field.name))
            try:
                values[field.name] = _flag(raw) if kind is bool else kind(raw)
            except (TypeError, ValueError):
                values[field.name] = getattr(default, field.name)
        return WindowPrefs(**values).normalized()

    @window_prefs.setter
    def window_prefs(self, prefs: WindowPrefs) -> None:
        prefs = prefs.normalized()
        for field in dataclasses.fields(WindowPrefs):
            self.store.setValue(f"{WINDOW}/{field.name}", getattr(prefs, field.name))
        if prefs.enabled:
            self.store.remove(LAST_FOLDER)

    def sync(self) -> None:
        self.store.sync()


def _flag(value: object) -> bool:
    """A bool read back from QSettings: an INI file gives the text "true" / "false"."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "on")
    return bool(value)
