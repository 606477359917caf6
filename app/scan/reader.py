"""Reading papers into draft fields: the one entry point the CLI and the wizard call.

Owns: running the OCR over pages (progress, cancel), combining what the pages say about one
person (the ID card decides identity; periods read from several papers are merged by their
months), the birth date that identity-number repairs must agree with, and the result: the
draft fields in the draft file's shape plus one record per field read
{path, value, confidence, corrected}, with messages for what was left empty.
Messages name fields, never the values read. Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from app.domain import regions
from app.domain.application import ApplicationDraft
from app.domain.findings import field_label
from app.domain.idnumbers import NumberError, parse_id_number
from app.scan import correct, values
from app.scan.engine import Engine, default_engine
from app.scan.images import Page, open_pages
from app.scan.layout import Kind, PageReading, Raw, read_page

NAME_MIN_CONFIDENCE = 0.90  # below: a character may be a rare one the model does not know
CORRECTED_FACTOR = 0.9      # a repaired value is less sure than one read right at once

MESSAGES = {
    "id_unreadable": ("{field}：号码未能识别，请手工输入。", "{field}: the number could not be read; please type it."),
    "id_ambiguous": ("{field}：号码校验不通过，且有多种可能的更正，请手工输入。",
                     "{field}: the number fails its check and several corrections are possible; please type it."),
    "id_unconfirmed": ("{field}：号码校验不通过；可能的更正无法与出生日期核对，请手工输入。",
                       "{field}: the number fails its check and no birth date confirms a correction; please type it."),
    "id_birth_conflict": ("{field}：号码与证件上的出生日期不一致，请核对后手工输入。",
                          "{field}: the number disagrees with the birth date on the card; please check and type it."),
    "id_conflict": ("{field}：不同证件上读到的号码不一致，已采用身份证上的号码，请核对。",
                    "{field}: the papers show different numbers; the ID card's is used, please check."),
    "uscc_unreadable": ("{field}：代码未能识别，请手工输入。", "{field}: the code could not be read; please type it."),
    "uscc_ambiguous": ("{field}：代码校验不通过，且有多种可能的更正，请手工输入。",
                       "{field}: the code fails its check and several corrections are possible; please type it."),
    "name_unreadable": ("{field}：未能可靠识别，可能含生僻字（如扩展B区汉字），请核对，生僻字可按码位输入。",
                        "{field}: not read reliably; it may hold a rare character (e.g. CJK Ext B): "
                        "check it and enter such characters by code point."),
    "month_invalid": ("{field}：年月无法识别，请手工输入。", "{field}: the month cannot be read; please type it."),
    "count_invalid": ("{field}：月数无法识别，请手工输入。", "{field}: the number of months cannot be read; please type it."),
    "money_invalid": ("{field}：金额无法识别，请手工输入。", "{field}: the amount cannot be read; please type it."),
    "text_invalid": ("{field}：内容无法识别，请手工输入。", "{field}: the text cannot be read; please type it."),
    "sex_invalid": ("{field}：无法识别，请手工选择。", "{field}: cannot be read; please choose it."),
    "birth_invalid": ("{field}：日期无法识别，请手工输入。", "{field}: the date cannot be read; please type it."),
    "scheme_invalid": ("{field}：险种无法识别，请手工选择。", "{field}: the scheme cannot be read; please choose it."),
    "row_unreadable": ("第{n}行参保记录的起止年月无法识别，未导入该行。",
                       "Row {n} of a table: its months cannot be read; the row was not imported."),
    "nothing_read": ("{source}：未识别到证件或参保凭证的内容。", "{source}: no ID card or insurance record was recognised."),
}


class Cancelled(Exception):
    """The person cancelled the reading."""


@dataclass(frozen=True)
class FieldRead:
    path: str          # a draft path: identity.id_number, history.0.start, transfer.pension.end
    value: str         # as the draft holds it
    confidence: float  # 0-1
    corrected: bool    # the value differs from the text read (check digits, a letter read as a digit)
    page: int          # index into ScanResult.pages
    box: tuple[float, float, float, float]  # where it was read, in that page's pixels

    def as_json(self) -> dict:
        return {"path": self.path, "value": self.value, "confidence": round(self.confidence, 3),
                "corrected": self.corrected}


@dataclass(frozen=True)
class Notice:
    code: str
    path: str | None = None
    page: int | None = None
    ctx: tuple[tuple[str, object], ...] = ()

    def message(self, lang: str = "zh") -> str:
        zh, en = MESSAGES[self.code]
        ctx = dict(self.ctx)
        if self.path:
            ctx["field"] = field_label(self.path, lang)
        return (zh if lang == "zh" else en).format(**ctx)


@dataclass
class ScanResult:
    pages: list[Page]
    kinds: list[str]
    fields: list[FieldRead] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def draft_data(self) -> dict:
        """The fields read, nested in the draft file's shape (only what was read)."""
        data: dict = {}
        for item in self.fields:
            _put(data, item.path.split("."), item.value)
        if "history" in data:
            data["history"] = [data["history"][k] for k in sorted(data["history"], key=int)]
        return data

    def draft(self) -> ApplicationDraft:
        """A whole draft holding what was read (everything else at its defaults)."""
        return ApplicationDraft.model_validate(self.draft_data())

    def as_json(self, lang: str = "zh") -> dict:
        return {"draft": self.draft_data(), "fields": [f.as_json() for f in self.fields],
                "messages": [{"path": n.path, "code": n.code, "message": n.message(lang)} for n in self.notices]}


def _put(data: dict, parts: list[str], value: str) -> None:
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


Progress = Callable[[int, int], None]


def scan_files(paths: Iterable[str | os.PathLike], *, today: date | None = None, engine: Engine | None = None,
               progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> ScanResult:
    """Open every file (raises images.ImageFileError before any reading) and read them."""
    pages = [page for path in paths for page in open_pages(path)]
    return scan_pages(pages, today=today, engine=engine, progress=progress, cancelled=cancelled)


def scan_pages(pages: list[Page], *, today: date | None = None, engine: Engine | None = None,
               progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> ScanResult:
    engine = engine or default_engine()
    readings = []
    for number, page in enumerate(pages):
        if cancelled is not None and cancelled():
            raise Cancelled
        if progress is not None:
            progress(number, len(pages))
        readings.append(read_page(engine.read(page.image)))
    if progress is not None:
        progress(len(pages), len(pages))
    return combine(pages, readings, today or date.today())


# ------------------------------------------------------------------------------ combining
class _Builder:
    def __init__(self, result: ScanResult) -> None:
        self.result = result
        self.taken: set[str] = set()

    def add(self, path: str, value: str, raw: Raw, page: int, corrected: bool = False) -> None:
        if path in self.taken:
            return
        self.taken.add(path)
        confidence = raw.confidence * (CORRECTED_FACTOR if corrected else 1.0)
        self.result.fields.append(FieldRead(path, value, max(0.0, min(1.0, confidence)), corrected, page, raw.box))

    def notice(self, code: str, path: str | None = None, page: int | None = None, **ctx: object) -> None:
        self.result.notices.append(Notice(code, path, page, tuple(ctx.items())))


def combine(pages: list[Page], readings: list[PageReading], today: date) -> ScanResult:
    result = ScanResult(pages, [r.kind for r in readings])
    build = _Builder(result)
    order = sorted(range(len(readings)), key=lambda i: readings[i].kind != Kind.ID_CARD)  # the card first
    _identity(build, readings, order, today)
    _history(build, readings)
    _transfer(build, readings)
    for number, reading in enumerate(readings):
        if reading.kind == Kind.UNKNOWN and not reading.fields and not reading.rows:
            build.notice("nothing_read", page=number, source=f"{pages[number].source} #{pages[number].number}")
    return result


def _birth_reference(readings: list[PageReading], order: list[int], today: date) -> date | None:
    """The birth date numbers are checked against: the card's 出生 line, else the date in a
    number that passed its check as read (when all such numbers agree)."""
    for i in order:
        raw = readings[i].fields.get("birth")
        if readings[i].kind == Kind.ID_CARD and raw is not None:
            try:
                return values.birth_date(raw.text)
            except values.Unreadable:
                pass
    births = set()
    for reading in readings:
        raw = reading.fields.get("id_number")
        if raw is not None:
            try:
                births.add(parse_id_number(raw.text, today=today).birth_date)
            except NumberError:
                continue
    return births.pop() if len(births) == 1 else None


def _identity(build: _Builder, readings: list[PageReading], order: list[int], today: date) -> None:
    birth = _birth_reference(readings, order, today)
    chosen: str | None = None
    for i in order:
        reading = readings[i]
        raw = reading.fields.get("id_number")
        if raw is None:
            continue
        repair = correct.repair_id_number(raw.text, birth=birth, today=today)
        if repair.value is None:
            if chosen is None and not any(f.path == "identity.id_number" for f in build.result.fields):
                build.notice(repair.reason, "identity.id_number", i)
            continue
        number_birth = parse_id_number(repair.value, today=today).birth_date
        if birth is not None and number_birth != birth:
            build.notice("id_birth_conflict", "identity.id_number", i)
            continue
        if chosen is None:
            chosen = repair.value
            build.add("identity.id_number", repair.value, raw, i, repair.corrected)
        elif repair.value != chosen:
            build.notice("id_conflict", "identity.id_number", i)
    # A notice about a number that a later paper then gave is no longer true.
    if chosen is not None:
        build.result.notices = [n for n in build.result.notices
                                if not (n.path == "identity.id_number" and n.code.startswith("id_u"))]
    _name(build, readings, order)
    for i in order:
        reading = readings[i]
        if reading.kind != Kind.ID_CARD:
            continue
        _one(build, reading, i, "sex", "identity.sex", values.sex)
        _one(build, reading, i, "birth", "identity.birth_date", lambda t: values.birth_date(t).isoformat())
        # The card's 住址 is the registered (户籍) address, not necessarily where the person lives.
        _one(build, reading, i, "address", "identity.hukou_address", lambda t: values.plain_text(t, 100))


def _name(build: _Builder, readings: list[PageReading], order: list[int]) -> None:
    unsure = None
    for i in order:
        raw = readings[i].fields.get("name")
        if raw is None:
            continue
        try:
            value = values.name(raw.text)
        except values.Unreadable:
            unsure = i
            continue
        if raw.confidence < NAME_MIN_CONFIDENCE:
            unsure = i
            continue
        build.add("identity.name", value, raw, i)
        return
    if unsure is not None:
        build.notice("name_unreadable", "identity.name", unsure)


def _one(build: _Builder, reading: PageReading, page: int, key: str, path: str, parse) -> None:
    raw = reading.fields.get(key)
    if raw is None or path in build.taken:
        return
    try:
        parsed = parse(raw.text)
    except values.Unreadable as exc:
        build.notice(exc.code, path, page)
        return
    value, corrected = parsed if isinstance(parsed, tuple) else (parsed, False)
    build.add(path, value, raw, page, corrected)


_ROW_PARSERS = {
    "start": values.month,
    "end": values.month,
    "months_paid": values.count,
    "account_balance": values.money,
    "scheme": values.scheme,
    "area_name": lambda t: values.plain_text(t, 50),
    "employer_name": lambda t: values.plain_text(t, 100),
}
_PAGE_WIDE = ("scheme", "area_name", "account_balance")  # "参保险种：职工…" above a table holds for its rows


def _history(build: _Builder, readings: list[PageReading]) -> None:
    periods: dict[tuple[str, str], dict[str, tuple[str, Raw, int, bool]]] = {}
    for page, reading in enumerate(readings):
        if reading.kind not in (Kind.MEDICAL, Kind.CERTIFICATE):
            continue
        for number, row in enumerate(reading.rows, 1):
            parsed: dict[str, tuple[str, Raw, int, bool]] = {}
            problems = []
            cells = dict(row)
            for key in _PAGE_WIDE:
                # A scheme printed once holds for every row; an area or a balance only when
                # the table has one row (otherwise it is the total, or the latest area).
                if key not in cells and key in reading.fields and (key == "scheme" or len(reading.rows) == 1):
                    cells[key] = reading.fields[key]
            for key, raw in cells.items():
                if key == "employer_uscc":
                    repair = correct.repair_uscc(raw.text)
                    if repair.value is None:
                        problems.append((repair.reason, key))
                    else:
                        parsed[key] = (repair.value, raw, page, repair.corrected)
                    continue
                parser = _ROW_PARSERS.get(key)
                if parser is None:
                    continue
                try:
                    out = parser(raw.text)
                except values.Unreadable as exc:
                    problems.append((exc.code, key))
                    continue
                value, corrected = out if isinstance(out, tuple) else (out, False)
                parsed[key] = (value, raw, page, corrected)
            if "start" not in parsed or "end" not in parsed:
                build.notice("row_unreadable", page=page, n=number)
                continue
            slot = periods.setdefault((parsed["start"][0], parsed["end"][0]), {})
            for key, item in parsed.items():
                slot.setdefault(key, item)
            for code, key in problems:
                slot.setdefault(f"!{key}", (code, None, page, False))
    for index, key in enumerate(sorted(periods)):
        for name, (value, raw, page, corrected) in periods[key].items():
            if name.startswith("!"):
                if name[1:] not in periods[key]:
                    build.notice(value, f"history.{index}.{name[1:]}", page)
                continue
            build.add(f"history.{index}.{name}", value, raw, page, corrected)
            if name == "area_name":
                code = _area_code(value)
                if code is not None:
                    build.add(f"history.{index}.area_code", code, raw, page)


def _area_code(name: str) -> str | None:
    """The GB/T 2260 code of an area printed with its full name (广东省深圳市), if exactly one."""
    found = [r.code for r in regions.all_regions() if r.current and r.full_name == name]
    return found[0] if len(found) == 1 else None


def _transfer(build: _Builder, readings: list[PageReading]) -> None:
    for page, reading in enumerate(readings):
        if reading.kind == Kind.MEDICAL:
            _one(build, reading, page, "agency", "transfer.origin.name", lambda t: values.plain_text(t, 50))
        elif reading.kind == Kind.PENSION:
            _one(build, reading, page, "voucher", "transfer.pension.voucher_number", values.voucher_number)
            _one(build, reading, page, "pension_start", "transfer.pension.start", values.month)
            _one(build, reading, page, "pension_end", "transfer.pension.end", values.month)
            _one(build, reading, page, "pension_months", "transfer.pension.months_paid", values.count)
            _one(build, reading, page, "pension_balance", "transfer.pension.account_balance", values.money)
