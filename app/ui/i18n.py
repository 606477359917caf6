"""Run-time language switching: Qt's own strings and ours.

Owns: which translators are installed. Source strings are Chinese (the default language
needs no file); English comes from resources/translations/transfer_helper_en.qm. Qt's own
qtbase translation of the chosen language is installed first (qtbase_zh_CN or qtbase_en),
so that Back / Next / Cancel and the file and print dialogs speak the same language as the
rest, whatever the system's language. Switching installs the new set; every widget
retranslates on QEvent.LanguageChange.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app import paths

LANGUAGES = ("zh", "en")


class Translations:
    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "zh"

    def switch(self, language: str) -> bool:
        """Install the translators of `language`; True if all files were found."""
        self.clear()
        ok = True
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if language == "zh":
            ok &= self._load("qtbase_zh_CN", qt_dir)
            self._load("qt_missing_zh_CN", str(paths.TRANSLATIONS))  # what that one lacks; optional
            QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        else:
            ok &= self._load("qtbase_en", qt_dir)
            ok &= self._load("transfer_helper_en", str(paths.TRANSLATIONS))
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        self.language = language
        return ok

    def clear(self) -> None:
        """Remove the translators installed by this object (the source language remains)."""
        app = QCoreApplication.instance()
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []

    def _load(self, name: str, folder: str) -> bool:
        translator = QTranslator()
        if not translator.load(name, folder):
            return False
        QCoreApplication.instance().installTranslator(translator)
        self._installed.append(translator)
        return True
