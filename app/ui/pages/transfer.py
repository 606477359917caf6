"""Transfer page: why, from where to where, since when, who files, and whether the pension
moves too. Fields appear only when they apply.

Groups in the order of the paper form: the reason; the origin (area, agency, the month
coverage stopped) beside the destination (area, agency, scheme, the month coverage starts);
the new employer; where it is filed and whether the person is retired; the pension
relationship and its own offices (the 人社 social insurance agencies, which are not the
medical ones); who files, and the agent; the date of application (blank: signed and dated by
hand). Which groups show is asked from the domain (app.domain.applicability.parts), which
also decides what is checked and printed, and every input box is capped at the domain's
limit by the binder: the page states neither.

Hidden groups keep their values in the draft, so switching back loses nothing; the domain
ignores the parts that do not apply.

Each area is one search box (AreaPicker) holding both its code and its name: a name, pinyin
initials or the six-digit code finds it. Agency names are never filled in: they differ from
place to place, so the area only suggests one as placeholder text.

Mnemonics are unique among the controls shown at one time, except that with both the
pension and the agent groups open G, H, M, A, J, I and P belong to one field of each (Qt then
moves the focus between the two in turn): the page has more inputs than a keyboard has keys.

Next is always allowed (app.ui.pages.base): the line under the fields says what is still
open. 转出地 and 中止参保年月 are prefilled from the last insurance period when it was
suspended there (app.domain.prefill), marked as such, and stay editable.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain import applicability, idnumbers, regions
from app.domain.enums import FiledAt, Filer, IdType, Reason, Scheme
from app.ui.pages.base import FormPage, PageId
from app.ui.widgets import fit_note
from app.ui.widgets.area_field import AreaField
from app.ui.widgets.area_picker import AreaPicker
from app.ui.widgets.field_row import FieldRow, align_labels, plain
from app.ui.widgets.fit_note import FitNote

_OFFICE_FIELDS = ("name", "address", "phone", "postcode")

def area_code(text: str | None) -> str | None:
    """A typed area code as the checks read it (fullwidth digits allowed), if it has 6 digits."""
    code = idnumbers.normalize_number_text(text or "")
    return code if len(code) == 6 and code.isdigit() else None


def region_for(text: str | None) -> regions.Region | None:
    code = area_code(text)
    return regions.get(code) if code else None


class TransferPage(FormPage):
    page_id = PageId.TRANSFER
    prefixes = ("transfer.",)

    def build(self) -> None:
        self.rows: dict[str, FieldRow] = {}
        self.notes: dict[str, FitNote] = {}
        self.checks: dict[str, QCheckBox] = {}
        self.pickers: dict[str, AreaPicker] = {}
        self.areas: dict[str, AreaField] = {}

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

        self.reason_box = QGroupBox()
        form = self._form(self.reason_box)
        self.reason = self._combo(form, "transfer.reason", list(Reason))
        main.addWidget(self.reason_box)

        places = QHBoxLayout()
        self.origin_box = QGroupBox()
        form = self._form(self.origin_box)
        self.origin = self._agency(form, "transfer.origin")
        self.stop_month = self._line(form, "transfer.stop_month")
        self.destination_box = QGroupBox()
        form = self._form(self.destination_box)
        self.destination = self._agency(form, "transfer.destination")
        self.scheme = self._combo(form, "transfer.destination_scheme", [Scheme.EMPLOYEE, Scheme.RESIDENT])
        self.enrol_month = self._line(form, "transfer.enrol_month")
        places.addWidget(self.origin_box, 1)
        places.addWidget(self.destination_box, 1)
        main.addLayout(places)

        self.employer_box = QGroupBox()
        form = self._form(self.employer_box)
        self.employer_name = self._line(form, "transfer.new_employer.name", note=True)
        self.employer_uscc = self._line(form, "transfer.new_employer.uscc")
        main.addWidget(self.employer_box)

        self.filing_box = QGroupBox()
        form = self._form(self.filing_box)
        self.filed_at = self._combo(form, "transfer.filed_at", list(FiledAt), allow_blank=False)
        self.retired = self._check(form, "transfer.retired")
        self.pension_moves = self._check(form, "transfer.pension_moves")
        main.addWidget(self.filing_box)

        self.pension_box = QGroupBox()
        form = self._form(self.pension_box)
        self.pension_start = self._line(form, "transfer.pension.start")
        self.pension_end = self._line(form, "transfer.pension.end")
        self.pension_months = self._line(form, "transfer.pension.months_paid")
        self.pension_balance = self._line(form, "transfer.pension.account_balance")
        self.pension_voucher = self._line(form, "transfer.pension.voucher_number")
        self.hukou_place = self._check(form, "transfer.pension.destination_is_hukou_place")
        self.approved = self._check(form, "transfer.pension.approved_transfer")
        main.addWidget(self.pension_box)

        self.pension_offices_box = QGroupBox()
        offices = QHBoxLayout(self.pension_offices_box)
        self.pension_office_boxes: dict[str, QGroupBox] = {}
        for side in applicability.PENSION_OFFICES:
            box = QGroupBox()
            self.pension_office_boxes[side] = box
            office_form = self._form(box)
            for name in _OFFICE_FIELDS:
                self._line(office_form, f"{side}.{name}", note=name == "name")
            offices.addWidget(box, 1)
        main.addWidget(self.pension_offices_box)

        self.filer_box = QGroupBox()
        form = self._form(self.filer_box)
        self.filer = self._combo(form, "transfer.filer", list(Filer), allow_blank=False)
        self.agent_box = QGroupBox()
        agent_form = self._form(self.agent_box)
        self.agent_name = self._line(agent_form, "transfer.agent.name", note=True)
        self.agent_id_type = self._combo(agent_form, "transfer.agent.id_type", list(IdType), allow_blank=False)
        self.agent_id_number = self._line(agent_form, "transfer.agent.id_number")
        self.agent_phone = self._line(agent_form, "transfer.agent.phone")
        self.agent_relation = self._line(agent_form, "transfer.agent.relation")
        self.agent_address = self._line(agent_form, "transfer.agent.address", note=True)
        self.agent_postcode = self._line(agent_form, "transfer.agent.postcode")
        form.addRow(self.agent_box)
        self.signed_on = self._line(form, "transfer.signed_on")
        main.addWidget(self.filer_box)
        main.addStretch(1)

        self.session.changed.connect(self._on_changed)
        self._update_visibility()

    # -- building helpers ------------------------------------------------------------------
    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        return form

    def _line(self, form: QFormLayout, path: str, *, note: bool = False) -> QLineEdit:
        edit = QLineEdit()  # the binder caps it at the domain's limit for `path`
        notes = ()
        if note:
            self.notes[path] = FitNote(self.session, path)
            notes = (self.notes[path],)
        row = FieldRow(form, edit, notes=notes)
        self.rows[path] = row
        self.binder.line_edit(path, edit, row.message)
        return edit

    def _combo(self, form: QFormLayout, path: str, choices: list, allow_blank: bool = True) -> QComboBox:
        combo = QComboBox()
        row = FieldRow(form, combo)
        self.rows[path] = row
        self.binder.combo(path, combo, choices, row.message, allow_blank=allow_blank)
        return combo

    def _check(self, form: QFormLayout, path: str) -> QCheckBox:
        box = QCheckBox()
        row = FieldRow(form, box)
        self.rows[path] = row
        self.checks[path] = box
        self.binder.check_box(path, box, row.message)
        return box

    def _agency(self, form: QFormLayout, prefix: str) -> dict[str, QLineEdit]:
        picker = AreaPicker(full_names=True)
        row = FieldRow(form, picker)
        self.rows[f"{prefix}.area"] = row
        self.pickers[prefix] = picker
        self.areas[prefix] = AreaField(self.binder, prefix, picker, row.message)
        return {name: self._line(form, f"{prefix}.{name}", note=name == "name") for name in _OFFICE_FIELDS}

    # -- strings ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setTitle(self.tr("转移信息"))
        self.setSubTitle(self.tr("从哪里转到哪里、什么时候，以及由谁办理。只显示与您的情况有关的栏目。"))
        self.reason_box.setTitle(self.tr("转移原因"))
        self.origin_box.setTitle(self.tr("转出地（原参保地）"))
        self.destination_box.setTitle(self.tr("转入地（新参保地）"))
        self.employer_box.setTitle(self.tr("现工作单位"))
        self.filing_box.setTitle(self.tr("办理情况"))
        self.pension_box.setTitle(self.tr("养老保险关系（同时转移时填写）"))
        self.pension_offices_box.setTitle(
            self.tr("养老保险经办机构（人社部门的社会保险经办机构，不是医保经办机构；知道的就填，不知道可不填）"))
        self.pension_office_boxes["transfer.pension.origin_office"].setTitle(self.tr("原参保地（转出地）"))
        self.pension_office_boxes["transfer.pension.destination_office"].setTitle(self.tr("转入地（新参保地）"))
        self.filer_box.setTitle(self.tr("申请人"))
        self.agent_box.setTitle(self.tr("代办人"))
        labels = {
            "transfer.reason": self.tr("转移原因(&R)"),
            "transfer.origin.area": self.tr("地区(&O)"),
            "transfer.origin.name": self.tr("经办机构(&1)"),
            "transfer.origin.address": self.tr("机构地址(&2)"),
            "transfer.origin.phone": self.tr("机构电话(&3)"),
            "transfer.origin.postcode": self.tr("邮政编码(&4)"),
            "transfer.stop_month": self.tr("中止参保年月(&S)"),
            "transfer.destination.area": self.tr("地区(&D)"),
            "transfer.destination.name": self.tr("经办机构(&5)"),
            "transfer.destination.address": self.tr("机构地址(&6)"),
            "transfer.destination.phone": self.tr("机构电话(&7)"),
            "transfer.destination.postcode": self.tr("邮政编码(&8)"),
            "transfer.destination_scheme": self.tr("参保险种(&K)"),
            "transfer.enrol_month": self.tr("参保年月(&Y)"),
            "transfer.new_employer.name": self.tr("单位名称(&U)"),
            "transfer.new_employer.uscc": self.tr("统一社会信用代码(&C)"),
            "transfer.filed_at": self.tr("申请地点(&E)"),
            "transfer.pension.start": self.tr("本地参保开始年月(&G)"),
            "transfer.pension.end": self.tr("本地参保终止年月(&H)"),
            "transfer.pension.months_paid": self.tr("实际缴费月数(&M)"),
            "transfer.pension.account_balance": self.tr("个人账户储存额（元）(&9)"),
            "transfer.pension.voucher_number": self.tr("参保缴费凭证编号(&0)"),
            "transfer.pension.origin_office.name": self.tr("机构名称(&B)"),
            "transfer.pension.origin_office.address": self.tr("机构地址(&F)"),
            "transfer.pension.origin_office.phone": self.tr("机构电话(&L)"),
            "transfer.pension.origin_office.postcode": self.tr("邮政编码(&N)"),
            "transfer.pension.destination_office.name": self.tr("机构名称(&A)"),
            "transfer.pension.destination_office.address": self.tr("机构地址(&J)"),
            "transfer.pension.destination_office.phone": self.tr("机构电话(&I)"),
            "transfer.pension.destination_office.postcode": self.tr("邮政编码(&P)"),
            "transfer.filer": self.tr("申请人身份(&W)"),
            "transfer.agent.name": self.tr("代办人姓名(&A)"),
            "transfer.agent.id_type": self.tr("证件类型(&J)"),
            "transfer.agent.id_number": self.tr("证件号码(&I)"),
            "transfer.agent.phone": self.tr("联系电话(&P)"),
            "transfer.agent.relation": self.tr("与申请人关系(&G)"),
            "transfer.agent.address": self.tr("联系地址(&H)"),
            "transfer.agent.postcode": self.tr("邮政编码(&M)"),
            "transfer.signed_on": self.tr("申请日期(&Z)"),
        }
        for path, text in labels.items():
            self.rows[path].set_label(text)
        checks = {
            "transfer.retired": self.tr("已经退休(&Q)"),
            "transfer.pension_moves": self.tr("同时转移城镇职工养老保险关系(&V)"),
            "transfer.pension.destination_is_hukou_place": self.tr("转入地在户籍所在省(&T)"),
            "transfer.pension.approved_transfer": self.tr("属于组织调动（经组织、人事部门批准）(&X)"),
        }
        for path, text in checks.items():
            self.checks[path].setText(text)
        places = {"transfer.origin": self.tr("转出地"), "transfer.destination": self.tr("转入地")}
        for prefix, place in places.items():
            self.pickers[prefix].setAccessibleName(self.tr("{place}地区").format(place=place))
            for name in _OFFICE_FIELDS:
                row = self.rows[f"{prefix}.{name}"]
                row.focus.setAccessibleName(
                    self.tr("{place}：{field}").format(place=place, field=plain(row.label.text())))
            self.areas[prefix].refresh_message()
        offices = {"transfer.pension.origin_office": self.tr("原参保地养老保险经办机构"),
                   "transfer.pension.destination_office": self.tr("转入地养老保险经办机构")}
        for prefix, place in offices.items():
            for name in _OFFICE_FIELDS:
                row = self.rows[f"{prefix}.{name}"]
                row.focus.setAccessibleName(
                    self.tr("{place}：{field}").format(place=place, field=plain(row.label.text())))
            self.rows[f"{prefix}.name"].field.setPlaceholderText(self.tr("以当地人社部门公布的名称为准"))
        for edit in (self.stop_month, self.enrol_month, self.pension_start, self.pension_end):
            edit.setPlaceholderText(self.tr("年-月，如 2026-06"))
        self.signed_on.setPlaceholderText(self.tr("留空：打印后签字时手写日期"))
        self.agent_relation.setPlaceholderText(self.tr("如 子女、配偶、受托人"))
        self.employer_uscc.setPlaceholderText(self.tr("营业执照上的 18 位代码"))
        self.pension_balance.setPlaceholderText(self.tr("见养老保险参保缴费凭证"))
        self._update_places()
        align_labels([row.label for row in self.rows.values()])

    # -- reacting to the draft -------------------------------------------------------------
    def _on_changed(self, path: str) -> None:
        for prefix in ("transfer.origin", "transfer.destination"):
            if path in ("", f"{prefix}.area_code"):
                self._update_place(prefix)
        if path == "" or path in applicability.DECIDING:
            self._update_visibility()

    def _update_places(self) -> None:
        for prefix in ("transfer.origin", "transfer.destination"):
            self._update_place(prefix)

    def _update_place(self, prefix: str) -> None:
        region = region_for(self.session.value(f"{prefix}.area_code"))
        name_edit = self.rows[f"{prefix}.name"].field
        if region is None:
            name_edit.setPlaceholderText(self.tr("以当地医保经办机构公布的名称为准"))
        else:
            name_edit.setPlaceholderText(
                self.tr("如“{area}医疗保障局”，以当地公布的名称为准").format(area=region.name))

    def _update_visibility(self) -> None:
        case = applicability.parts(self.session.draft)
        self.employer_box.setVisible(case.new_employer)
        self.agent_box.setVisible(case.agent)
        self.pension_box.setVisible(case.pension)
        self.pension_offices_box.setVisible(case.pension)

    # -- QWizardPage -----------------------------------------------------------------------
    def initializePage(self) -> None:
        # An unticked box on screen means "no": store it, so the check does not ask for it.
        for path in ("transfer.retired", "transfer.pension_moves"):
            if self.session.value(path) is None:
                self.session.fill(path, False)
        self._prefill()
        for area in self.areas.values():
            area.show_value()
            area.refresh_message()
        fit_note.warm_up_in_background()
        self._update_places()
        self._update_visibility()
        self.binder.refresh_all()

    def _prefill(self) -> None:
        """What the history already says (app.domain.prefill), into fields still empty."""
        from app.domain.prefill import transfer_prefill

        for path, value in transfer_prefill(self.session.draft).items():
            self.binder.prefill(path, value, lambda: self.tr("取自参保记录的最后一段（暂停参保），可以修改。"))
