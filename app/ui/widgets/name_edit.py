"""Name entry that takes rare characters and shows the name as it will be printed.

Owns: the name line edit, the "enter by code point" box (U+20BB7, 20BB7, &#x20BB7; or the
character itself, inserted at the cursor), the preview in the print font with the code
points of rare characters, and the warning when no print font has a character. Parsing is
app.domain.codepoints (no Qt); font coverage is app.render.fonts, imported on first need.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import codepoints
from app.ui import fonts as ui_fonts

PREVIEW_PT = 20
CHECK_DELAY_MS = 100


def uncovered_chars(text: str) -> list[str]:
    """Characters no print font has; [] when the renderer's font module is not available."""
    try:
        from app.render import fonts as render_fonts  # reportlab: only once a name is typed
    except ImportError:
        return []
    return render_fonts.uncovered_chars(text)


def _listed(chars: list[str]) -> str:
    return "、".join(f"{ch} {codepoints.label(ch)}" for ch in chars)


class _CodeLineEdit(QLineEdit):
    """Return inserts the character and stays here: it must not also press the wizard's
    default button (QLineEdit leaves Return to the dialog)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class NameEdit(QWidget):
    """`edit` is the QLineEdit to bind; everything else here helps to fill it in right."""

    inserted = Signal(str)  # characters inserted from the code-point box

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()  # capped where it is bound (app.ui.binding: the domain's limit)
        self.code_button = QPushButton()
        self.code_button.setCheckable(True)
        self.code_button.setAutoDefault(False)

        self.code_panel = QWidget()
        self.code_label = QLabel()
        self.code_edit = _CodeLineEdit()
        self.code_edit.setMaxLength(200)
        self.code_label.setBuddy(self.code_edit)
        self.insert_button = QPushButton()
        self.insert_button.setAutoDefault(False)
        self.code_echo = QLabel()          # what Enter would insert, or why it cannot
        self.code_echo.setTextFormat(Qt.TextFormat.PlainText)
        self.code_echo.setWordWrap(True)

        self.preview = QLabel()
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setFont(ui_fonts.print_font(PREVIEW_PT))
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setVisible(False)
        self.rare_note = QLabel()
        self.rare_note.setTextFormat(Qt.TextFormat.PlainText)
        self.rare_note.setWordWrap(True)
        self.rare_note.setVisible(False)
        self.uncovered_note = QLabel()
        self.uncovered_note.setTextFormat(Qt.TextFormat.PlainText)
        self.uncovered_note.setWordWrap(True)
        self.uncovered_note.setStyleSheet("color: #b3261e;")
        self.uncovered_note.setVisible(False)

        self._layout()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_fonts)
        self.edit.textChanged.connect(self._on_text)
        self.code_button.toggled.connect(self.show_code_entry)
        self.code_edit.textChanged.connect(self._echo_code)
        self.code_edit.returnPressed.connect(self.insert_code)
        self.insert_button.clicked.connect(self.insert_code)
        close = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.code_edit)
        close.setContext(Qt.ShortcutContext.WidgetShortcut)
        close.activated.connect(lambda: self.show_code_entry(False))
        self._uncovered: list[str] = []
        self.retranslate()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.edit, 1)
        top.addWidget(self.code_button)
        panel = QHBoxLayout(self.code_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addWidget(self.code_label)
        panel.addWidget(self.code_edit, 1)
        panel.addWidget(self.insert_button)
        panel_box = QVBoxLayout()
        panel_box.setContentsMargins(0, 0, 0, 0)
        panel_box.setSpacing(2)
        panel_box.addWidget(self.code_panel)
        panel_box.addWidget(self.code_echo)
        self.code_panel.setVisible(False)
        self.code_echo.setVisible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        outer.addLayout(top)
        outer.addLayout(panel_box)
        outer.addWidget(self.preview)
        outer.addWidget(self.rare_note)
        outer.addWidget(self.uncovered_note)

    def retranslate(self) -> None:
        self.code_button.setText(self.tr("按编码输入生僻字(&U)…"))
        self.code_button.setToolTip(self.tr("输入法打不出的字，可以按 Unicode 编码输入，例如 U+20BB7（𠮷）"))
        self.code_label.setText(self.tr("编码(&E)："))
        self.code_edit.setPlaceholderText(self.tr("如 U+20BB7、20BB7 或粘贴该字，可输入多个，用空格分开"))
        self.code_edit.setAccessibleName(self.tr("生僻字编码"))
        self.insert_button.setText(self.tr("插入(&J)"))
        self.preview.setAccessibleName(self.tr("打印字体预览"))
        self.preview.setToolTip(self.tr("用打印字体显示，申请表上的姓名就是这样"))
        self._echo_code(self.code_edit.text())
        self._show_notes()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- code point entry ------------------------------------------------------------------
    def show_code_entry(self, shown: bool = True) -> None:
        if self.code_button.isChecked() != shown:
            self.code_button.setChecked(shown)  # calls back here through toggled
            return
        self.code_panel.setVisible(shown)
        if shown:
            self.code_edit.setFocus()
        else:
            self.code_edit.clear()
            self.code_echo.setVisible(False)
            self.edit.setFocus()

    def _error_text(self, error: codepoints.CodepointError) -> str:
        texts = {
            codepoints.EMPTY: self.tr("请先输入编码，如 U+20BB7。"),
            codepoints.UNREADABLE: self.tr("“{value}”不是编码：请写成 U+20BB7 或 20BB7 的样子。"),
            codepoints.TOO_LARGE: self.tr("“{value}”超出 Unicode 的范围（最大 U+10FFFF）。"),
            codepoints.SURROGATE: self.tr("{value} 是代理项，只是一个字的一半，不是字；请输入完整编码（如 U+20BB7）。"),
            codepoints.UNASSIGNED: self.tr("{value} 在本程序所用的 Unicode 版本中还没有字，请核对编码。"),
            codepoints.NOT_PRINTABLE: self.tr("{value} 是控制符或私用区字符，不能打印在申请表上。"),
        }
        return texts[error.code].format(value=error.value)

    def _echo_code(self, text: str) -> None:
        if not text.strip():
            self.code_echo.setVisible(False)
            return
        try:
            chars = codepoints.parse(text)
        except codepoints.CodepointError:
            self.code_echo.setVisible(False)  # still typing: say what is wrong on Enter only
            return
        self.code_echo.setStyleSheet("")
        self.code_echo.setText(self.tr("按回车插入：{chars}").format(chars=_listed(list(chars))))
        self.code_echo.setVisible(True)

    def insert_code(self) -> bool:
        """Insert what the code box names at the name's cursor. False (and why) if it can't."""
        try:
            chars = codepoints.parse(self.code_edit.text())
        except codepoints.CodepointError as error:
            self.code_echo.setText(self._error_text(error))
            self.code_echo.setStyleSheet("color: #b3261e;")
            self.code_echo.setVisible(True)
            return False
        self.edit.insert(chars)
        self.inserted.emit(chars)
        self.show_code_entry(False)
        return True

    # -- preview ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the edit's text again: needed when it was set with its signals blocked (the
        Binder does that when a draft is loaded)."""
        self._on_text(self.edit.text())

    def _on_text(self, text: str) -> None:
        self.preview.setText(text)
        self.preview.setVisible(bool(text.strip()))
        self._uncovered = [ch for ch in self._uncovered if ch in text]
        self._show_notes()
        self._timer.start()

    def check_fonts(self) -> None:
        """Look up font coverage now (the timer calls this after typing stops)."""
        self._timer.stop()
        self._uncovered = uncovered_chars(self.edit.text())
        self._show_notes()

    def _show_notes(self) -> None:
        text = self.edit.text()
        rare = codepoints.rare_chars(text)
        self.rare_note.setText(self.tr("含生僻字：{chars}").format(chars=_listed(rare)))
        self.rare_note.setVisible(bool(rare))
        self.uncovered_note.setText(self.tr(
            "打印字体中没有这些字：{chars}。打印出来会是带编码的方框。请核对编码；"
            "如果字没错，请在本机安装含该字的字体（如 花园明朝 HanaMinB 或 SimSun-ExtB）。"
        ).format(chars=_listed(self._uncovered)))
        self.uncovered_note.setVisible(bool(self._uncovered))
