"""The personalised 办事指南 (guide): the facts printed on its pages, for one application.

Owns: loading resources/guide/guide.json (steps, time limits with their sources, materials,
documents of the packet, notes: all the rule-ish wording is data there, so a policy change is
a data change), the case tags that select what applies, the values that fill the texts, and
`build_guide`, which turns them into frozen facts: steps in order with their office, what to
do, bring and receive, and expected dates counted in working days (workdays.py), flagged when
they rest on estimated holiday data. The renderer prints these facts; it computes none.

Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app import paths
from app.domain import months, workdays
from app.domain import packs, rules
from app.domain.application import Application, ApplicationDraft
from app.domain.enums import FiledAt, IdType, PeriodStatus, Reason, Scheme, label
from app.domain.history import Period
from app.domain.rules import Source

GUIDE_FILE = paths.RESOURCES / "guide" / "guide.json"

TAGS: dict[str, str] = {
    "self": "the insured person files",
    "agent": "an agent files (power of attorney)",
    "employer": "the new employer files (seal)",
    "at_destination": "filed at the destination's window",
    "at_origin": "filed at the origin's window",
    "pension": "the pension relationship moves too",
    "from_employee": "the origin scheme is employee insurance (personal account)",
    "from_resident": "the origin scheme is resident insurance (incl. legacy schemes)",
    "to_employee": "the destination scheme is employee insurance",
    "to_resident": "the destination scheme is resident insurance",
    "type_change": "employee <-> resident",
    "cross_province": "origin and destination lie in different provinces",
    "same_province": "origin and destination lie in one province",
    "stopped": "coverage at the origin has stopped by today",
    "enrolled": "enrolled at the destination by today",
    "has_new_employer": "a new employer is named",
    "has_balance": "the origin period shows a personal-account balance above zero",
    "hukou_move": "the reason is a hukou move",
    "estimate": "an expected date rests on estimated holiday data",
    "retired": "the person is retired (outside the 2021 transfer measure: 异地就医备案 instead)",
    "temporary_account": "PEN-AGE-50-40 holds: the pension stays, a temporary contribution account is opened",
    "approved_transfer": "the move is an approved transfer (调动), which keeps the normal pension transfer",
    "hmt_resident": "the ID is a residence permit for HK, Macao and Taiwan residents",
    "has_pension_voucher": "the pension contribution voucher is already issued (its number is known)",
    "origin_stopped": "the origin period's status says coverage has stopped (suspended or terminated)",
    "retroactive": "MED-GAP-RETROACTIVE holds: a short gap is covered retroactively",
    "short_continuity": "MED-TYPE-CHANGE-CONTINUITY holds: a switch before 24 continuous months",
    "waiting_2021": "MED-GAP-WAITING-PERIOD holds: gap over 3 months, the destination may set a waiting period",
    "waiting_2025": "MED-RESIDENT-WAITING holds: 国办发〔2024〕38号 waiting periods for resident insurance",
}

RULE_TAGS: dict[str, str] = {
    "PEN-AGE-50-40": "temporary_account",
    "MED-GAP-RETROACTIVE": "retroactive",
    "MED-TYPE-CHANGE-CONTINUITY": "short_continuity",
    "MED-GAP-WAITING-PERIOD": "waiting_2021",
    "MED-RESIDENT-WAITING": "waiting_2025",
}
"""Tags that follow a rule: the guide says what the rule decided, it never decides again."""
"""The case vocabulary that `when` / `unless` in guide.json may use."""

BASE_PLACEHOLDERS = frozenset({
    "origin_area", "destination_area", "origin_agency", "destination_agency",
    "stop_month", "enrol_month", "id_type", "id_type_en", "agent_id_type", "agent_id_type_en",
    "agent_relation", "balance", "from_scheme", "from_scheme_en", "to_scheme", "to_scheme_en",
    "new_employer", "filing_place", "filing_place_en", "base_date",
})
DOCUMENT_PLACEHOLDERS = ("copies_{}", "signing_{}", "signing_{}_en")
"""Per packet document: its copies and who signs, e.g. {copies_medical_application}."""

ACCEPTED = "accepted"
"""The event every time-limit chain starts from: the window accepts the application."""

_WEEKDAYS = "一二三四五六日"


# --- the data file ------------------------------------------------------------------

class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Data):
    zh: str
    en: str


def holds(tags: frozenset[str], when: Sequence[str] = (), unless: Sequence[str] = ()) -> bool:
    """True when every `when` tag is among `tags` and no `unless` tag is."""
    return all(t in tags for t in when) and not any(t in tags for t in unless)


def _known_tags(value: tuple[str, ...]) -> tuple[str, ...]:
    unknown = sorted(set(value) - set(TAGS))
    if unknown:
        raise ValueError(f"unknown tags {unknown}")
    return value


class _Conditional(_Data):
    """Something used when every `when` tag holds and no `unless` tag does."""

    when: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()

    _check_tags = field_validator("when", "unless")(_known_tags)

    def applies(self, tags: frozenset[str]) -> bool:
        return holds(tags, self.when, self.unless)


class Part(_Conditional, Text):
    """One piece of a text."""


class Ref(_Conditional):
    """A reference to a material from a step's `bring` list."""

    id: str


class TimeLimitSpec(_Data):
    id: str
    workdays: int = Field(ge=1, le=120)
    after: str
    kind: Literal["normal", "paper", "pension"]
    label: Text
    source: Source


class DocumentSpec(_Conditional):
    id: str
    copies: int = Field(ge=1, le=5)
    hand_in: bool
    original_signature: bool
    title: Text
    reason: tuple[Part, ...]
    signing: tuple[Part, ...]


class MaterialSpec(_Conditional):
    id: str
    document: str | None = None
    originals: int = Field(ge=0, le=5)
    copies: int = Field(ge=0, le=5)
    copies_when: dict[str, int] = Field(default_factory=dict)
    name: tuple[Part, ...]
    detail: tuple[Part, ...]
    source: Source | None = None


class StepSpec(_Conditional):
    id: str
    where: Literal["origin", "destination", "filing", "pension_origin", "pension_destination"]
    title: Text
    do: tuple[Part, ...]
    bring: tuple[str | Ref, ...]
    receive: tuple[Part, ...]
    limits: tuple[str, ...]
    done_if: str | None = None
    done: Text | None = None


class NoteSpec(_Conditional):
    id: str
    text: tuple[Part, ...]
    source: Source | None = None


class OfficesSpec(_Data):
    """How a pension step names its office: the pension (人社) office the person named, else
    these texts; never the medical agency, which is another body in most cities."""

    pension_unnamed: Text   # the office's name when none was given
    pension_ask: Text       # printed instead of an address and phone not given
    source: Source


class HeldBackSpec(_Data):
    """What the guide says of a document the case needs but that an error holds back."""

    material: Text          # a material's detail, for a held-back document: {reason}
    intro: Text             # before the list of held-back documents


class SummarySpec(_Data):
    route: tuple[Part, ...]
    filing: tuple[Part, ...]
    pension: tuple[Part, ...]
    base_signed: Text
    base_today: Text


class About(_Data):
    id: str
    version: str
    compiled_on: date
    title_zh: str
    title_en: str
    note_zh: str
    note_en: str
    vocabulary: str


class GuideData(_Data):
    about: About
    time_limits: tuple[TimeLimitSpec, ...]
    documents: tuple[DocumentSpec, ...]
    materials: tuple[MaterialSpec, ...]
    steps: tuple[StepSpec, ...]
    notes: tuple[NoteSpec, ...]
    summary: SummarySpec
    offices: OfficesSpec
    held_back: HeldBackSpec

    def limit(self, limit_id: str) -> TimeLimitSpec:
        return next(spec for spec in self.time_limits if spec.id == limit_id)


@cache
def load_guide_data() -> GuideData:
    with open(GUIDE_FILE, encoding="utf-8") as handle:
        return GuideData.model_validate(json.load(handle))


def guide_version() -> str:
    about = load_guide_data().about
    return f"{about.id} {about.version}"


# --- the facts of one case ----------------------------------------------------------

class DocumentLike(Protocol):
    """What the guide needs to know of a packet document (packet.PacketDocument)."""

    doc_id: str
    copies: int
    signing_zh: str
    signing_en: str


@dataclass(frozen=True, slots=True)
class Office:
    role: Literal["origin", "destination"]
    role_zh: str      # 转出地 / 转入地
    area_name: str
    name: str
    address: str | None
    phone: str | None
    postcode: str | None
    ask_zh: str = ""  # printed when neither address nor phone is known: where to ask
    ask_en: str = ""


@dataclass(frozen=True, slots=True)
class DueDate:
    limit_id: str
    kind: Literal["normal", "paper", "pension"]
    label_zh: str
    label_en: str
    workdays: int          # this step's own limit
    total_workdays: int    # counted from acceptance
    date: date
    estimate: bool
    source_document: str
    source_article: str

    @property
    def source(self) -> str:
        return f"{self.source_document} {self.source_article}"

    @property
    def text_zh(self) -> str:
        """"预计 2026年12月7日（星期一）前", or with "约 … （估算）" when estimated."""
        if self.estimate:
            return f"约 {zh_date(self.date)}前（估算）"
        return f"预计 {zh_date(self.date)}前"

    @property
    def text_en(self) -> str:
        prefix = "about" if self.estimate else "by"
        suffix = " (estimate)" if self.estimate else ""
        return f"{prefix} {self.date.isoformat()}{suffix}"


@dataclass(frozen=True, slots=True)
class Material:
    material_id: str
    name_zh: str
    name_en: str
    detail_zh: str
    detail_en: str
    originals: int          # originals to bring (ID cards, vouchers)
    copies: int             # photocopies to bring
    printed: int            # for a document of the packet: how many to print, sign and bring
    document: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class Step:
    number: int
    step_id: str
    title_zh: str
    title_en: str
    office: Office
    done: bool
    do_zh: tuple[str, ...]
    do_en: tuple[str, ...]
    bring: tuple[Material, ...]
    receive_zh: str
    receive_en: str
    due: tuple[DueDate, ...]


@dataclass(frozen=True, slots=True)
class Note:
    note_id: str
    text_zh: str
    text_en: str
    source: str | None


@dataclass(frozen=True, slots=True)
class Summary:
    route_zh: str
    route_en: str
    filing_zh: str
    filing_en: str
    pension_zh: str
    pension_en: str
    first_zh: str       # what to do first: the first step not done yet
    first_en: str
    finish: DueDate | None  # the whole transfer, normally; None when nothing is transferred (a retiree)
    base_zh: str
    base_en: str


@dataclass(frozen=True, slots=True)
class Guide:
    person_name: str
    title_zh: str
    made_on_zh: str         # the day the guide was made, as printed
    base_date: date
    base_is_signed_on: bool
    summary: Summary
    steps: tuple[Step, ...]
    materials: tuple[Material, ...]
    notes: tuple[Note, ...]
    estimate: bool          # some date is an estimate
    version: str            # guide data version


def zh_date(day: date, weekday: bool = True) -> str:
    """"2026年12月7日（星期一）": the weekday helps to plan a visit."""
    text = f"{day.year}年{day.month}月{day.day}日"
    return f"{text}（星期{_WEEKDAYS[day.weekday()]}）" if weekday else text


def zh_month(month: str) -> str:
    return f"{int(month[:4])}年{int(month[5:7])}月"


def origin_period(app: Application) -> Period:
    """The latest period at the origin area (else the latest period): what is transferred."""
    at_origin = [p for p in app.history if p.area_code == app.transfer.origin.area_code]
    return max(at_origin or app.history, key=lambda p: months.index(p.end))


def case_tags(app: Application, today: date) -> frozenset[str]:
    transfer = app.transfer
    period = origin_period(app)
    this_month = today.year * 12 + today.month - 1
    tags = {transfer.filer.value}
    tags.add("at_destination" if transfer.filed_at is FiledAt.DESTINATION else "at_origin")
    from_family, to_family = period.scheme.family, transfer.destination_scheme.family
    tags.add("from_employee" if from_family is Scheme.EMPLOYEE else "from_resident")
    tags.add("to_employee" if to_family is Scheme.EMPLOYEE else "to_resident")
    if from_family is not to_family:
        tags.add("type_change")
    same = transfer.origin.area_code[:2] == transfer.destination.area_code[:2]
    tags.add("same_province" if same else "cross_province")
    if transfer.pension_moves:
        tags.add("pension")
    if months.index(transfer.stop_month) <= this_month and period.status is not PeriodStatus.PAYING:
        tags.add("stopped")
    if months.index(transfer.enrol_month) <= this_month:
        tags.add("enrolled")
    if transfer.new_employer is not None:
        tags.add("has_new_employer")
    if from_family is Scheme.EMPLOYEE and (period.account_balance or Decimal(0)) > 0:
        tags.add("has_balance")
    if transfer.reason is Reason.HUKOU_MOVE:
        tags.add("hukou_move")
    if transfer.retired:
        tags.add("retired")
    if transfer.pension is not None:
        if transfer.pension.approved_transfer:
            tags.add("approved_transfer")
        if transfer.pension.voucher_number:
            tags.add("has_pension_voucher")
    if app.identity.id_type is IdType.HMT_RESIDENCE_PERMIT:
        tags.add("hmt_resident")
    if period.status is not PeriodStatus.PAYING:
        tags.add("origin_stopped")
    fired = rules.fired_rule_ids(_draft_of(app), today)
    tags.update(tag for rule_id, tag in RULE_TAGS.items() if rule_id in fired)
    return frozenset(tags)


def _draft_of(app: Application) -> ApplicationDraft:
    return ApplicationDraft.model_validate(app.model_dump(mode="json"))


def base_date(app: Application, today: date) -> tuple[date, bool]:
    """The day the time limits count from: the signing date if given, else today."""
    signed = app.transfer.signed_on
    return (signed, True) if signed is not None else (today, False)


def case_values(app: Application, today: date) -> dict[str, str]:
    """The values that fill the placeholders of guide.json (BASE_PLACEHOLDERS)."""
    transfer, ident = app.transfer, app.identity
    period = origin_period(app)
    agent = transfer.agent
    at_destination = transfer.filed_at is FiledAt.DESTINATION
    return {
        "origin_area": transfer.origin.area_name,
        "destination_area": transfer.destination.area_name,
        "origin_agency": transfer.origin.name,
        "destination_agency": transfer.destination.name,
        "stop_month": zh_month(transfer.stop_month),
        "enrol_month": zh_month(transfer.enrol_month),
        "id_type": label(ident.id_type, "zh"),
        "id_type_en": label(ident.id_type, "en").lower(),
        "agent_id_type": label(agent.id_type, "zh") if agent else "",
        "agent_id_type_en": label(agent.id_type, "en").lower() if agent else "",
        "agent_relation": agent.relation if agent else "",
        "balance": f"{period.account_balance or Decimal(0):,.2f}",
        "from_scheme": label(period.scheme, "zh"),
        "from_scheme_en": label(period.scheme, "en").lower(),
        "to_scheme": label(transfer.destination_scheme, "zh"),
        "to_scheme_en": label(transfer.destination_scheme, "en").lower(),
        "new_employer": transfer.new_employer.name if transfer.new_employer else "",
        "filing_place": "转入地" if at_destination else "转出地",
        "filing_place_en": "destination" if at_destination else "origin",
        "base_date": zh_date(base_date(app, today)[0], weekday=False),
    }


def select(parts: Sequence[Part], tags: frozenset[str], values: Mapping[str, str], lang: str) -> tuple[str, ...]:
    """The applicable parts of a text, filled, in order."""
    return tuple(fill(getattr(p, lang), values) for p in parts if p.applies(tags))


def fill(template: str, values: Mapping[str, str]) -> str:
    # Only data templates are formatted; the values (user text) are inserted verbatim.
    return template.format_map(values)


def due_dates(start: date, limits: Sequence[TimeLimitSpec] | None = None) -> dict[str, DueDate]:
    """Every time limit's expected date, following its `after` chain back to acceptance."""
    specs = {s.id: s for s in (limits if limits is not None else load_guide_data().time_limits)}
    reached: dict[str, tuple[date, bool, int]] = {ACCEPTED: (start, False, 0)}

    def resolve(limit_id: str, seen: tuple[str, ...] = ()) -> tuple[date, bool, int]:
        if limit_id in reached:
            return reached[limit_id]
        if limit_id in seen:
            raise ValueError(f"time limits form a cycle: {' -> '.join((*seen, limit_id))}")
        spec = specs[limit_id]
        previous, guessed, total = resolve(spec.after, (*seen, limit_id))
        result = workdays.add_workdays(previous, spec.workdays)
        reached[limit_id] = (result.date, guessed or result.estimate, total + spec.workdays)
        return reached[limit_id]

    found = {}
    for limit_id, spec in specs.items():
        day, estimate, total = resolve(limit_id)
        found[limit_id] = DueDate(
            limit_id, spec.kind, spec.label.zh, spec.label.en, spec.workdays, total, day, estimate,
            spec.source.document, spec.source.article,
        )
    return found


def _office(app: Application, where: str, spec: OfficesSpec) -> Office:
    """The office of a step. Medical steps: the medical agency of that side (the filing step:
    where the medical application is filed). Pension steps: the pension office the person
    named for that side, else the social insurance agency unnamed, with where to ask; never
    the medical agency's name, address or phone. What the person left out (address, phone,
    postcode; the pension office's name) comes from a selected local pack's office of that
    kind for the side's area (packs.office_for), never over what they wrote, and only for
    the office they named (or none)."""
    if where == "filing":
        where = "destination" if app.transfer.filed_at is FiledAt.DESTINATION else "origin"
    side = "origin" if where.endswith("origin") else "destination"
    agency = app.transfer.origin if side == "origin" else app.transfer.destination
    role_zh = "转出地" if side == "origin" else "转入地"
    if not where.startswith("pension_"):
        name, address, phone, postcode = _with_pack_office(
            "medical", agency.area_code, agency.name, agency.address, agency.phone, agency.postcode)
        return Office(side, role_zh, agency.area_name, name, address, phone, postcode)
    pension = app.transfer.pension
    office = getattr(pension, f"{side}_office", None) if pension is not None else None
    name, address, phone, postcode = _with_pack_office(
        "pension", agency.area_code, office.name if office is not None else None,
        *((office.address, office.phone, office.postcode) if office is not None else (None, None, None)))
    name = name or f"{agency.area_name}{spec.pension_unnamed.zh}"
    known = address or phone
    return Office(side, role_zh, agency.area_name, name, address, phone, postcode,
                  "" if known else spec.pension_ask.zh, "" if known else spec.pension_ask.en)


def _with_pack_office(kind: str, area_code: str | None, name: str | None, address: str | None,
                      phone: str | None, postcode: str | None) -> tuple:
    """(name, address, phone, postcode): the person's, completed from a pack's office of
    this kind and area when it is the office they named (same name) or they named none."""
    found = packs.office_for(kind, area_code) if not (address and phone and postcode) else None
    if found is None:
        return name, address, phone, postcode
    office = found[1]
    if name and _plain_name(name) != _plain_name(office.name):
        return name, address, phone, postcode
    return (name or office.name, address or office.address, phone or office.phone, postcode or office.postcode)


def _plain_name(name: str) -> str:
    return "".join(name.split())


def _materials(data: GuideData, tags: frozenset[str], values: Mapping[str, str],
               printed: Mapping[str, int], held: frozenset[str] | set[str] = frozenset()) -> tuple[Material, ...]:
    found = []
    for spec in data.materials:
        if not spec.applies(tags):
            continue
        copies = next((n for tag, n in spec.copies_when.items() if tag in tags), spec.copies)
        if spec.document in held:
            detail_zh, detail_en = data.held_back.material.zh, data.held_back.material.en
        else:
            detail_zh = "".join(select(spec.detail, tags, values, "zh"))
            detail_en = " ".join(select(spec.detail, tags, values, "en"))
        found.append(Material(
            spec.id, "".join(select(spec.name, tags, values, "zh")), "".join(select(spec.name, tags, values, "en")),
            detail_zh, detail_en,
            spec.originals, copies, printed.get(spec.document, 0) if spec.document else 0, spec.document,
            spec.source.text() if spec.source else None,
        ))
    return tuple(found)


def build_guide(app: Application, today: date, documents: Sequence[DocumentLike],
                held_back: Sequence[DocumentLike] = ()) -> Guide:
    """The guide's facts for this application; `documents` are the packet's, in print order;
    `held_back`: documents the case needs that an error holds back (not printed now)."""
    data = load_guide_data()
    start, signed = base_date(app, today)
    dues = due_dates(start, data.time_limits)
    tags = set(case_tags(app, today))
    values = case_values(app, today)
    for doc in (*documents, *held_back):
        values[f"copies_{doc.doc_id}"] = str(doc.copies)
        values[f"signing_{doc.doc_id}"] = doc.signing_zh
        values[f"signing_{doc.doc_id}_en"] = doc.signing_en.lower()

    steps_specs = [s for s in data.steps if s.applies(frozenset(tags))]
    if any(dues[i].estimate for s in steps_specs for i in s.limits) or dues["med_whole"].estimate:
        tags.add("estimate")
    tags = frozenset(tags)
    materials = _materials(data, tags, values, {doc.doc_id: doc.copies for doc in documents},
                           {doc.doc_id for doc in held_back})
    by_id = {m.material_id: m for m in materials}

    steps = []
    for number, spec in enumerate(steps_specs, start=1):
        done = spec.done_if is not None and spec.done_if in tags
        steps.append(Step(
            number, spec.id, fill(spec.title.zh, values), fill(spec.title.en, values),
            _office(app, spec.where, data.offices), done,
            (fill(spec.done.zh, values),) if done and spec.done else select(spec.do, tags, values, "zh"),
            (fill(spec.done.en, values),) if done and spec.done else select(spec.do, tags, values, "en"),
            () if done else _bring(spec.bring, by_id, tags),
            "" if done else "".join(select(spec.receive, tags, values, "zh")),
            "" if done else "".join(select(spec.receive, tags, values, "en")),
            tuple(dues[i] for i in spec.limits),
        ))
    notes = tuple(
        Note(n.id, "".join(select(n.text, tags, values, "zh")), " ".join(select(n.text, tags, values, "en")),
             n.source.text() if n.source else None)
        for n in data.notes if n.applies(tags)
    )
    local_materials, local_notes = _local(app)
    notes += local_notes
    if local_materials:
        materials += tuple(m for _, m in local_materials)
        steps = _with_local_materials(steps, local_materials)
    return Guide(
        person_name=app.identity.name,
        title_zh=f"办事指南 · {app.identity.name}",
        made_on_zh=zh_date(today, weekday=False),
        base_date=start,
        base_is_signed_on=signed,
        summary=_summary(data.summary, steps, dues["med_whole"], tags, values, signed),
        steps=tuple(steps),
        materials=materials,
        notes=notes,
        estimate="estimate" in tags,
        version=guide_version(),
    )


def _local(app: Application) -> tuple[list[tuple[str, Material]], tuple[Note, ...]]:
    """What the local packs covering this case add: (where, material) pairs and notes, each
    with the pack named in its source."""
    origin, destination = app.transfer.origin.area_code, app.transfer.destination.area_code
    found_materials: list[tuple[str, Material]] = []
    found_notes: list[Note] = []
    for pack in packs.for_areas(origin, destination):
        here = {"origin": pack.covers(origin), "destination": pack.covers(destination)}
        here["either"] = here["origin"] or here["destination"]
        for item in pack.materials:
            if here[item.where]:
                found_materials.append((item.where, Material(
                    f"{pack.id}.{item.id}", item.name_zh, item.name_en, item.detail_zh, item.detail_en,
                    item.originals, item.copies, 0, None, packs.source_text(pack, item.source))))
        for note in pack.notes:
            if here[note.where]:
                found_notes.append(Note(f"{pack.id}.{note.id}", note.text_zh, note.text_en,
                                        packs.source_text(pack, note.source)))
    return found_materials, tuple(found_notes)


def _with_local_materials(steps: list[Step], extra: list[tuple[str, Material]]) -> list[Step]:
    """Each local material added to the first open step at its place (origin or destination)."""
    result = list(steps)
    for where, material in extra:
        for i, step in enumerate(result):
            if not step.done and step.office.role == where and step.bring:
                result[i] = dataclasses.replace(step, bring=step.bring + (material,))
                break
    return result


def _summary(spec: SummarySpec, steps: list[Step], finish: DueDate, tags: frozenset[str],
             values: Mapping[str, str], signed: bool) -> Summary:
    first = next((s for s in steps if not s.done), steps[-1])
    base = spec.base_signed if signed else spec.base_today
    return Summary(
        route_zh="".join(select(spec.route, tags, values, "zh")),
        route_en=" ".join(select(spec.route, tags, values, "en")),
        filing_zh="".join(select(spec.filing, tags, values, "zh")),
        filing_en="".join(select(spec.filing, tags, values, "en")),
        pension_zh="".join(select(spec.pension, tags, values, "zh")),
        pension_en=" ".join(select(spec.pension, tags, values, "en")),
        first_zh=f"第 {first.number} 步：{first.title_zh}",
        first_en=f"Step {first.number}: {first.title_en}",
        finish=None if "retired" in tags else finish,
        base_zh=fill(base.zh, values), base_en=fill(base.en, values),
    )


def _bring(refs: Sequence[str | Ref], materials: Mapping[str, Material], tags: frozenset[str]) -> tuple[Material, ...]:
    """The materials a step lists, those that apply to the case, in the step's order."""
    chosen = []
    for ref in refs:
        ref_id = ref if isinstance(ref, str) else ref.id
        if ref_id in materials and (isinstance(ref, str) or ref.applies(tags)):
            chosen.append(materials[ref_id])
    return tuple(chosen)
