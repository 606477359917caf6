"""The answers of a draft as a person reads them on the review page, section by section.

Owns: which answers each section lists (the agent only when an agent files, the pension only
when it moves, the new employer when named or when the employer files), the order, and how a
value reads (pick-list labels, months as 2024年03月, yes/no, amounts in 元), the mark on values
decoded from the ID number, and the code points of rare characters (a name that another system
may show as "□"). Every answer keeps its field path so the review page can jump to it.

Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from app.domain import applicability, codepoints, months
from app.domain.application import ApplicationDraft
from app.domain.enums import Sex, label
from app.domain.fields import get_value, pattern_of
from app.domain.findings import field_label
from app.domain.identity import id_info_or_none

FROM_ID = "id_number"
"""Origin of a value decoded from the ID number (sex, birth date)."""

SECTION_TITLES: dict[str, tuple[str, str]] = {
    "identity": ("身份信息", "Identity"),
    "history": ("参保记录", "Insurance history"),
    "transfer": ("转移信息", "Transfer"),
    "agent": ("代办人", "Agent"),
    "pension": ("养老保险", "Pension insurance"),
}

IDENTITY_FIELDS = (
    "name", "sex", "id_type", "id_number", "birth_date", "social_security_number", "phone", "address",
    "postcode", "hukou_address", "hukou_type", "ss_card_number", "former_personal_number",
)
_AGENCY = ("area_code", "area_name", "name", "address", "phone", "postcode")
TRANSFER_FIELDS = (
    "reason", "filer",
    *(f"origin.{f}" for f in _AGENCY), "stop_month",
    *(f"destination.{f}" for f in _AGENCY), "destination_scheme", "enrol_month",
    "new_employer.name", "new_employer.uscc",
    "filed_at", "retired", "pension_moves", "signed_on",
)
AGENT_FIELDS = ("name", "relation", "id_type", "id_number", "phone", "address", "postcode")
PENSION_FIELDS = (
    "start", "end", "months_paid", "account_balance", "voucher_number",
    "destination_is_hukou_place", "approved_transfer",
    *(f"{side}.{f}" for side in ("origin_office", "destination_office") for f in ("name", "address", "phone", "postcode")),
)

_MONTH_FIELDS = frozenset({
    "history.*.start", "history.*.end", "transfer.stop_month", "transfer.enrol_month",
    "transfer.pension.start", "transfer.pension.end",
})
_DATE_FIELDS = frozenset({"identity.birth_date", "transfer.signed_on"})
_MONEY_FIELDS = frozenset({"history.*.account_balance", "history.*.overdraft", "transfer.pension.account_balance"})
_COUNT_FIELDS = frozenset({"history.*.months_paid", "history.*.arrears_months", "transfer.pension.months_paid"})
_RARE_CHECKED = frozenset({"identity.name", "transfer.agent.name", "identity.address", "identity.hukou_address"})


@dataclass(frozen=True, slots=True)
class Answer:
    path: str            # the field the review page jumps to
    label: str
    value: str           # as a person reads it; "" when unanswered
    origin: str | None = None   # FROM_ID when decoded from the ID number
    rare: str = ""       # rare characters with their code points, e.g. "𠮷 U+20BB7"

    @property
    def answered(self) -> bool:
        return bool(self.value)


@dataclass(frozen=True, slots=True)
class Section:
    key: str             # "identity", "history", "transfer", "agent", "pension"
    title: str
    answers: tuple[Answer, ...]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def format_month(text: str, lang: str) -> str:
    """ "2024-3" -> "2024年03月" (zh) or "2024-03" (en); unreadable text as typed."""
    try:
        canonical = months.parse_month(text)
    except months.MonthError:
        return text
    return months.display_zh(canonical) if lang == "zh" else canonical


def format_date(value: Any, lang: str) -> str:
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError:
            return str(value)
    return f"{day.year}年{day.month:02d}月{day.day:02d}日" if lang == "zh" else day.isoformat()


def format_value(path: str, value: Any, lang: str = "zh") -> str:
    """A draft value as a person reads it; "" for no answer."""
    if _blank(value):
        return ""
    pattern = pattern_of(path)
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("Yes" if value else "No")
    if isinstance(value, StrEnum):
        return label(value, lang)
    text = str(value).strip()
    if pattern in _MONTH_FIELDS:
        return format_month(text, lang)
    if pattern in _DATE_FIELDS:
        return format_date(value, lang)
    if pattern in _MONEY_FIELDS:
        return f"{text} 元" if lang == "zh" else f"{text} yuan"
    if pattern in _COUNT_FIELDS:
        return f"{text} 个月" if lang == "zh" else f"{text} months"
    return text


def rare_characters(text: str) -> str:
    """The rare characters of `text` (codepoints.is_rare), each with its code point:
    "𠮷 U+20BB7"; "" when there are none."""
    return "、".join(f"{char} {codepoints.label(char)}" for char in codepoints.rare_chars(text))


def _answer(draft: ApplicationDraft, path: str, lang: str) -> Answer:
    value = get_value(draft, path)
    shown = format_value(path, value, lang)
    rare = rare_characters(shown) if path in _RARE_CHECKED and shown else ""
    return Answer(path, field_label(path, lang), shown, rare=rare)


def _identity(draft: ApplicationDraft, today: date, lang: str) -> tuple[Answer, ...]:
    ident = draft.identity
    info = id_info_or_none(ident.id_type, ident.id_number, today)
    answers = []
    for name in IDENTITY_FIELDS:
        path = f"identity.{name}"
        answer = _answer(draft, path, lang)
        if info is not None and name == "sex" and ident.sex in (None, info.sex):
            answer = Answer(path, answer.label, label(ident.sex or Sex(info.sex), lang), FROM_ID)
        elif info is not None and name == "birth_date" and _same_day(ident.birth_date, info.birth_date):
            answer = Answer(path, answer.label, format_date(info.birth_date, lang), FROM_ID)
        answers.append(answer)
    return tuple(answers)


def _same_day(typed: str | None, decoded: date) -> bool:
    """Unanswered (it is filled from the number) or the decoded day itself."""
    if _blank(typed):
        return True
    try:
        return date.fromisoformat(typed.strip()) == decoded
    except ValueError:
        return False


def period_line(draft: ApplicationDraft, index: int, lang: str) -> str:
    """One period as one answer: area, scheme, months and status; the employer and amounts,
    when given, on a second line (a list row is narrower than a sentence)."""
    parts = period_parts(draft, index, lang)
    lines = [" · ".join(parts[:4]), " · ".join(parts[4:])]
    return "\n".join(line for line in lines if line)


def period_parts(draft: ApplicationDraft, index: int, lang: str) -> tuple[str, ...]:
    """The parts of a period's line: area, scheme, months and status always (the first four),
    then employer and amounts when given."""
    period = draft.history[index]
    zh = lang == "zh"
    parts = []
    area = period.area_name or ""
    if period.area_code:
        area += f"（{period.area_code}）" if zh else f" ({period.area_code})"
    parts.append(area.strip() or ("地区未填写" if zh else "area missing"))
    parts.append(label(period.scheme, lang) if period.scheme is not None else ("险种未填写" if zh else "scheme missing"))
    start = format_month(period.start, lang) if period.start else "?"
    end = format_month(period.end, lang) if period.end else "?"
    parts.append(f"{start}—{end}" if zh else f"{start} to {end}")
    parts.append(label(period.status, lang) if period.status is not None else ("状态未填写" if zh else "status missing"))
    if not _blank(period.employer_name):
        parts.append(period.employer_name.strip())
    base = f"history.{index}"
    extras = (
        ("months_paid", "实际缴费 {v}", "paid {v}"),
        ("account_balance", "个人账户余额 {v}", "account balance {v}"),
        ("arrears_months", "欠费 {v}", "arrears {v}"),
        ("overdraft", "透支 {v}", "overdraft {v}"),
        ("employer_uscc", "统一社会信用代码 {v}", "credit code {v}"),
    )
    for name, text_zh, text_en in extras:
        shown = format_value(f"{base}.{name}", getattr(period, name), lang)
        if shown:
            parts.append((text_zh if zh else text_en).format(v=shown))
    return tuple(parts)


def _history(draft: ApplicationDraft, lang: str) -> tuple[Answer, ...]:
    return tuple(
        Answer(f"history.{i}", field_label(f"history.{i}", lang), period_line(draft, i, lang))
        for i in range(len(draft.history))
    )


def _transfer(draft: ApplicationDraft, lang: str) -> tuple[Answer, ...]:
    transfer = draft.transfer
    employer = transfer.new_employer
    case = applicability.parts(draft)  # what is printed is what is reviewed
    show_employer = case.new_employer_required or (case.new_employer and employer is not None and not (
        _blank(employer.name) and _blank(employer.uscc)))
    answers = []
    for name in TRANSFER_FIELDS:
        if name.startswith("new_employer.") and not show_employer:
            continue
        answers.append(_answer(draft, f"transfer.{name}", lang))
    return tuple(answers)


def sections(draft: ApplicationDraft, today: date, lang: str = "zh") -> tuple[Section, ...]:
    """Every answer of the draft, grouped as the review page shows them."""

    def section(key: str, answers: tuple[Answer, ...]) -> Section:
        zh, en = SECTION_TITLES[key]
        return Section(key, zh if lang == "zh" else en, answers)

    result = [
        section("identity", _identity(draft, today, lang)),
        section("history", _history(draft, lang)),
        section("transfer", _transfer(draft, lang)),
    ]
    case = applicability.parts(draft)
    if case.agent:
        result.append(section("agent", tuple(_answer(draft, f"transfer.agent.{n}", lang) for n in AGENT_FIELDS)))
    if case.pension:
        result.append(section("pension", tuple(_answer(draft, f"transfer.pension.{n}", lang)
                                               for n in PENSION_FIELDS)))
    return tuple(result)
