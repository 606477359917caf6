"""The app's refusals with a message in Chinese and English, picked from a table by code.

Owns: CodedError, the base of the errors that carry a message for a person (draft files,
hand-off codes). The message holds only the table's text and the context it is given, never
a value read from a file. Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

from collections.abc import Mapping


class CodedError(Exception):
    MESSAGES: Mapping[str, tuple[str, str]] = {}  # code -> (Chinese, English), set by each subclass

    def __init__(self, code: str, **ctx: object) -> None:
        self.code = code
        self.ctx = ctx
        zh, en = self.MESSAGES[code]
        self.message_zh = zh.format(**ctx)
        self.message_en = en.format(**ctx)
        super().__init__(f"{code}: {self.message_en}")

    def message(self, lang: str = "zh") -> str:
        return self.message_zh if lang == "zh" else self.message_en
