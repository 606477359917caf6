"""Identity page: the document and its number first, then the person as the forms print it.

The number comes first because it decides the rest: a valid GB 11643-style number fills in
sex and birth date (Session does it, through the domain's fill_from_id) and the line under
it shows what the number says (region, birth date, sex), so a typo shows at once. Messages
appear under each field while typing (the fast per-field check) and, a moment later, the
cross-field ones (sex or birth date against the number) from the full check.

Next is always allowed (app.ui.pages.base): the line under the fields says what is still
open, and the review page checks everything before documents are made.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain import idnumbers, regions
from app.domain.enums import HukouType, IdType, Sex
from app.domain.identity import DECODABLE_TYPES, id_info_or_none
from app.ui.pages.base import FormPage, PageId
from app.ui.widgets import fit_note
from app.ui.widgets.field_row import FieldRow, align_labels
from app.ui.widgets.fit_note import FitNote
from app.ui.widgets.name_edit import NameEdit

def needs_ss_number(id_type: IdType | None, id_number: str | None) -> bool:
    """The 社会保障号码 is asked for only when the document number is not one: passports and
    travel permits, and the old 15-character foreign permanent resident card."""
    if id_type is None:
        return False
    if id_type not in DECODABLE_TYPES:
        return True
    number = idnumbers.normalize_number_text(id_number or "")
    return id_type is IdType.FOREIGN_PR and len(number) == 15


class IdentityPage(FormPage):
    page_id = PageId.IDENTITY
    prefixes = ("identity.",)

    def build(self) -> None:
        self.rows: dict[str, FieldRow] = {}
        self.notes: dict[str, FitNote] = {}
        self._last_info = None  # what the last valid number said: lets sex and birth date follow it

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no tab stop of its own: fields scroll into view
        content = QWidget()
        scroll.setWidget(content)
        outer.addWidget(scroll)
        main = QVBoxLayout(content)

        self.doc_box = QGroupBox()
        form = self._form(self.doc_box)
        self.id_type = QComboBox()
        self._combo(form, "identity.id_type", self.id_type, list(IdType), allow_blank=False)
        self.id_number = self._line(form, "identity.id_number")
        self.decoded = QLabel()
        self.decoded.setTextFormat(Qt.TextFormat.PlainText)
        self.decoded.setWordWrap(True)
        self.decoded.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.decoded_label = QLabel()
        form.addRow(self.decoded_label, self.decoded)
        main.addWidget(self.doc_box)

        self.person_box = QGroupBox()
        form = self._form(self.person_box)
        self.name = NameEdit()
        self._line(form, "identity.name", edit=self.name.edit, field=self.name, note=True)
        self.sex = QComboBox()
        self._combo(form, "identity.sex", self.sex, list(Sex))
        self.birth_date = self._line(form, "identity.birth_date")
        self.ss_number = self._line(form, "identity.social_security_number")
        main.addWidget(self.person_box)

        self.contact_box = QGroupBox()
        form = self._form(self.contact_box)
        self.phone = self._line(form, "identity.phone")
        self.address = self._line(form, "identity.address", note=True)
        self.postcode = self._line(form, "identity.postcode")
        main.addWidget(self.contact_box)

        self.more_box = QGroupBox()
        form = self._form(self.more_box)
        self.hukou_address = self._line(form, "identity.hukou_address", note=True)
        self.hukou_type = QComboBox()
        self._combo(form, "identity.hukou_type", self.hukou_type, list(HukouType))
        self.ss_card = self._line(form, "identity.ss_card_number")
        self.former_number = self._line(form, "identity.former_personal_number")
        main.addWidget(self.more_box)
        main.addStretch(1)

        self.session.changed.connect(self._on_changed)
        self._update_number_parts()

    # -- building helpers ------------------------------------------------------------------
    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        return form

    def _line(self, form: QFormLayout, path: str, *, edit: QLineEdit | None = None, field: QWidget | None = None,
              note: bool = False) -> QLineEdit:
        edit = edit or QLineEdit()  # the binder caps it at the domain's limit for `path`
        notes = ()
        if note:
            self.notes[path] = FitNote(self.session, path)
            notes = (self.notes[path],)
        row = FieldRow(form, field or edit, focus=edit, notes=notes)
        self.rows[path] = row
        self.binder.line_edit(path, edit, row.message)
        return edit

    def _combo(self, form: QFormLayout, path: str, combo: QComboBox, choices: list, allow_blank: bool = True) -> None:
        row = FieldRow(form, combo)
        self.rows[path] = row
        self.binder.combo(path, combo, choices, row.message, allow_blank=allow_blank)

    # -- strings ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setTitle(self.tr("身份信息"))
        self.setSubTitle(self.tr("先填证件号码：出生日期和性别会自动填好。姓名请与证件上完全一致。"))
        self.doc_box.setTitle(self.tr("证件"))
        self.person_box.setTitle(self.tr("本人"))
        self.contact_box.setTitle(self.tr("联系方式"))
        self.more_box.setTitle(self.tr("更多（可选）"))
        labels = {
            "identity.id_type": self.tr("证件类型(&T)"),
            "identity.id_number": self.tr("证件号码(&I)"),
            "identity.name": self.tr("姓名(&M)"),
            "identity.sex": self.tr("性别(&X)"),
            "identity.birth_date": self.tr("出生日期(&D)"),
            "identity.social_security_number": self.tr("社会保障号码(&S)"),
            "identity.phone": self.tr("联系电话(&P)"),
            "identity.address": self.tr("现联系地址(&A)"),
            "identity.postcode": self.tr("邮政编码(&Z)"),
            "identity.hukou_address": self.tr("户籍地址(&H)"),
            "identity.hukou_type": self.tr("户籍类型(&K)"),
            "identity.ss_card_number": self.tr("社会保障卡号(&G)"),
            "identity.former_personal_number": self.tr("原个人编号(&O)"),
        }
        for path, text in labels.items():
            self.rows[path].set_label(text)
        self.decoded_label.setText(self.tr("号码显示："))
        self.decoded.setAccessibleName(self.tr("证件号码所含信息"))
        self.id_number.setPlaceholderText(self.tr("照证件逐位输入；身份证为 18 位，最后一位可能是 X"))
        self.birth_date.setPlaceholderText(self.tr("如 1990-05-12；填好证件号码后自动填写"))
        self.ss_number.setPlaceholderText(self.tr("见社会保障卡；没有可以不填"))
        self.phone.setPlaceholderText(self.tr("手机 11 位，或 区号-号码"))
        self.address.setPlaceholderText(self.tr("能收到邮件的地址，经办机构可能寄送材料"))
        self.ss_card.setPlaceholderText(self.tr("社会保障卡正面的卡号"))
        self.former_number.setPlaceholderText(self.tr("旧参保凭证上的个人编号，有才填"))
        self._update_number_parts()
        align_labels([row.label for row in self.rows.values()] + [self.decoded_label])

    # -- reacting to the draft -------------------------------------------------------------
    def _on_changed(self, path: str) -> None:
        if path in ("", "identity.id_type", "identity.id_number"):
            if path == "":
                self._last_info = None
            self._follow_number()
            self._update_number_parts()
        if path == "identity.id_type":
            # The number's own message depends on the type: show the new verdict now,
            # not after the debounced full check.
            self.session.run_check()
        if path in ("", "identity.name"):
            self.name.refresh()

    def _info(self):
        return id_info_or_none(self.session.value("identity.id_type"), self.session.value("identity.id_number"),
                               self.session.today)

    def _follow_number(self) -> None:
        """When a valid number is corrected to another valid one, sex and birth date that
        still show what the old number said follow the new one; anything else the person
        chose stays, and the full check reports the disagreement."""
        info = self._info()
        if info is None:
            return
        last, self._last_info = self._last_info, info
        if last is None or last == info:
            return
        if last.sex != info.sex and self.session.value("identity.sex") == Sex(last.sex):
            self.session.set("identity.sex", Sex(info.sex))
        old_birth = last.birth_date.isoformat()
        if old_birth != info.birth_date.isoformat() and self.session.value("identity.birth_date") == old_birth:
            self.session.set("identity.birth_date", info.birth_date.isoformat())

    def _update_number_parts(self) -> None:
        id_type = self.session.value("identity.id_type")
        self.decoded.setText(self._decoded_text(self._info(), id_type))
        self.rows["identity.social_security_number"].set_visible(
            needs_ss_number(id_type, self.session.value("identity.id_number")))

    def _decoded_text(self, info, id_type: IdType | None) -> str:
        if info is None:
            if id_type is not None and id_type not in DECODABLE_TYPES:
                return self.tr("这种证件的号码不含出生日期和性别，请在下面填写。")
            return self.tr("输入完整、正确的号码后，这里显示号码中的地区、出生日期和性别。")
        if info.kind is idnumbers.IdKind.FOREIGN_PR:
            region_name = regions.province_name(info.province_code)
        else:
            region = regions.get(info.address_code)
            region_name = region.full_name if region is not None else None
        if region_name is None:
            region_name = self.tr("区划代码表中未找到（{code}）").format(code=info.address_code)
        sex = self.tr("男") if info.sex == "male" else self.tr("女")
        return self.tr("{region} · 出生日期 {birth} · {sex}").format(
            region=region_name, birth=info.birth_date.isoformat(), sex=sex)

    # -- QWizardPage -----------------------------------------------------------------------
    def initializePage(self) -> None:
        # Sex and birth date from the number: Session.replace() fills them for every draft
        # that comes in (opened, restored, imported), typing does through Session.set().
        info = self._info()
        self._last_info = info
        self._update_number_parts()
        self.binder.refresh_all()
        # Load the print fonts and form files now, in the background, not on a keystroke.
        fit_note.warm_up_in_background()
