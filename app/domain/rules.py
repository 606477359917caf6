"""The national transfer rules, as data plus one small predicate per rule.

Owns: loading the rule set (resources/rules/national.json: id, severity, source, effective
dates, parameters and messages) and evaluating it on a draft. A policy change is a change
of that file: thresholds, ages, severities, wording, dates. Only a new kind of condition
needs code here, registered under the rule's id; a test keeps the file and the registry
in step. Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from app import paths
from app.domain import history as hist
from app.domain import idnumbers, months
from app.domain.enums import IdType, PeriodStatus, Scheme, Sex, label
from app.domain.findings import Finding, Severity
from app.domain.dates import try_date
from app.domain.identity import id_info_or_none
from app.domain.types import parse_money

_SIX_DIGITS = re.compile(r"[0-9]{6}")


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    document: str
    article: str
    read_at: str | None = None  # where the text was read (a page quoting the document), if not the document itself

    def text(self) -> str:
        return f"{self.document} {self.article}"


class RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    severity: Literal["error", "warning", "info"]
    effective_from: date
    effective_to: date | None = None
    source: Source
    date_basis: Literal["application", "enrolment"] = "application"
    params: dict[str, Any]
    blocks: tuple[str, ...] | None = None  # documents an error holds back; None: those printing its field
    message_zh: str
    message_en: str

    def in_force(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


class RuleSetInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    version: str
    title_zh: str
    title_en: str
    compiled_on: date
    note_zh: str
    note_en: str


class RuleSet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    ruleset: RuleSetInfo
    rules: tuple[RuleSpec, ...]


@cache
def load_ruleset() -> RuleSet:
    with open(paths.RULES / "national.json", encoding="utf-8") as handle:
        return RuleSet.model_validate(json.load(handle))


def ruleset_version() -> str:
    info = load_ruleset().ruleset
    return f"{info.id} {info.version}"


def _code(text: str | None) -> str:
    """An area code as the area-code type reads it (fullwidth digits from an input method)."""
    return idnumbers.normalize_number_text(text or "")


@dataclass
class Facts:
    """What the rules read from a draft, each computed once; None where unreadable."""

    draft: Any
    today: date
    resident_rules_from: date | None = None  # when MED-RESIDENT-WAITING takes over (its effective date)

    @cached_property
    def this_month(self) -> int:
        return self.today.year * 12 + self.today.month - 1

    @cached_property
    def stop(self) -> int | None:
        return months.try_month(self.draft.transfer.stop_month)

    @cached_property
    def enrol(self) -> int | None:
        return months.try_month(self.draft.transfer.enrol_month)

    @cached_property
    def origin_period(self):
        """The latest period at the origin area (else the latest period), with its index."""
        periods = [(i, p) for i, p in enumerate(self.draft.history) if months.try_month(p.end) is not None]
        code = _code(self.draft.transfer.origin.area_code)
        at_origin = [(i, p) for i, p in periods if _code(p.area_code) == code]
        pool = at_origin or periods
        return max(pool, key=lambda item: months.try_month(item[1].end)) if pool else None

    @cached_property
    def origin_family(self) -> Scheme | None:
        found = self.origin_period
        return found[1].scheme.family if found and found[1].scheme else None

    @cached_property
    def gap(self) -> int | None:
        if self.stop is None or self.enrol is None:
            return None
        return self.enrol - self.stop - 1

    @cached_property
    def birth_and_sex(self) -> tuple[date | None, Sex | None]:
        ident = self.draft.identity
        info = id_info_or_none(ident.id_type, ident.id_number, self.today)
        birth = try_date(ident.birth_date) or (info.birth_date if info else None)
        sex = ident.sex or (Sex(info.sex) if info else None)
        return birth, sex

    @cached_property
    def application_day(self) -> date:
        """The day the application is made: the signing date when given, else today."""
        return try_date(self.draft.transfer.signed_on) or self.today

    @cached_property
    def enrolment_day(self) -> date:
        """The first day of the enrolment month at the destination (else the application day)."""
        if self.enrol is None:
            return self.application_day
        year, month0 = divmod(self.enrol, 12)
        return date(year, month0 + 1, 1)

    def day_for(self, spec: "RuleSpec") -> date:
        """The day a rule's effective dates are compared with (its `date_basis`)."""
        return self.enrolment_day if spec.date_basis == "enrolment" else self.application_day

    @cached_property
    def destination_family(self) -> Scheme | None:
        scheme = self.draft.transfer.destination_scheme
        return scheme.family if scheme is not None else None

    @cached_property
    def type_change(self) -> bool:
        return (self.origin_family is not None and self.destination_family is not None
                and self.origin_family is not self.destination_family)

    @cached_property
    def provinces(self) -> tuple[str, str] | None:
        """The province codes (first two digits) of origin and destination, when both are readable."""
        origin = _code(self.draft.transfer.origin.area_code)
        destination = _code(self.draft.transfer.destination.area_code)
        if not (_SIX_DIGITS.fullmatch(origin) and _SIX_DIGITS.fullmatch(destination)):
            return None
        return origin[:2], destination[:2]

    @cached_property
    def cross_province(self) -> bool:
        return self.provinces is not None and self.provinces[0] != self.provinces[1]

    def retroactive_basis(self, params: dict) -> str | None:
        """Why a short gap is covered retroactively (医保办发〔2021〕43号 待遇衔接 ① and ②), or None.

        ① an employee-insurance member moving within employee insurance; ② a switch between
        employee and resident insurance after `min_continuous_months` of continuous cover.
        Both need a gap of 1..`max_gap_months` months.
        """
        if self.gap is None or not 0 < self.gap <= params["max_gap_months"]:
            return None
        if self.origin_family is Scheme.EMPLOYEE and self.destination_family is Scheme.EMPLOYEE:
            return "employee"
        if self.type_change and self.continuous_months_before_stop() >= params["min_continuous_months"]:
            return "switch"
        return None

    def continuous_months_before_stop(self) -> int:
        """Months of unbroken coverage (any scheme) in the run that ends at the origin."""
        if self.stop is None:
            return 0
        runs: list[list[int]] = []
        for first, last in sorted((s.first, s.last) for s in hist.spans(self.draft.history) if s.first <= self.stop):
            if runs and first <= runs[-1][1] + 1:
                runs[-1][1] = max(runs[-1][1], last)
            else:
                runs.append([first, last])
        if not runs:
            return 0
        first, last = runs[-1]
        return min(last, self.stop) - first + 1


Hit = tuple[str, dict]  # (field path, message context)
Predicate = Callable[[Facts, dict], Iterator[Hit]]
REGISTRY: dict[str, Predicate] = {}


def rule(rule_id: str) -> Callable[[Predicate], Predicate]:
    def register(function: Predicate) -> Predicate:
        REGISTRY[rule_id] = function
        return function

    return register


@rule("MED-SCOPE-RETIREE")
def _retiree(facts: Facts, params: dict) -> Iterator[Hit]:
    if facts.draft.transfer.retired:
        yield "transfer.retired", {}


@rule("MED-STOP-AT-ORIGIN")
def _stopped(facts: Facts, params: dict) -> Iterator[Hit]:
    if facts.stop is not None and facts.stop > facts.this_month:
        yield "transfer.stop_month", {
            "detail": f"停保年月 {months.from_index(facts.stop)} 晚于本月",
            "detail_en": f"the stop month {months.from_index(facts.stop)} is after this month",
        }
        return
    found = facts.origin_period
    if found and found[1].status is PeriodStatus.PAYING:
        index = found[0]
        yield f"history.{index}.status", {
            "detail": f"第 {index + 1} 段记录的状态仍是“参保缴费”",
            "detail_en": f"period {index + 1} is still marked as paying",
        }


@rule("MED-ENROLLED-AT-DESTINATION")
def _enrolled(facts: Facts, params: dict) -> Iterator[Hit]:
    if facts.enrol is not None and facts.enrol > facts.this_month:
        yield "transfer.enrol_month", {"month": months.from_index(facts.enrol)}


@rule("MED-RESIDENT-NEXT-YEAR")
def _resident_next_year(facts: Facts, params: dict) -> Iterator[Hit]:
    transfer = facts.draft.transfer
    if facts.origin_family is not Scheme.RESIDENT or transfer.destination_scheme is not Scheme.RESIDENT:
        return
    if facts.stop is not None and facts.enrol is not None and facts.enrol // 12 <= facts.stop // 12:
        yield "transfer.enrol_month", {"next_year": facts.stop // 12 + 1}


@rule("MED-GAP-RETROACTIVE")
def _gap_small(facts: Facts, params: dict) -> Iterator[Hit]:
    basis = facts.retroactive_basis(params)
    if basis == "employee":
        yield "transfer.enrol_month", {
            "gap": facts.gap, "basis": "您转移前参加的是职工医保", "basis_en": "you were in employee insurance before the move",
        }
    elif basis == "switch":
        months_run = facts.continuous_months_before_stop()
        yield "transfer.enrol_month", {
            "gap": facts.gap, "basis": f"您转换险种前已连续参保 {months_run} 个月",
            "basis_en": f"you had {months_run} months of continuous cover before switching schemes",
        }


@rule("MED-GAP-WAITING-PERIOD")
def _gap_large(facts: Facts, params: dict) -> Iterator[Hit]:
    if facts.gap is None or facts.gap <= params["max_gap_months"]:
        return
    if facts.destination_family is Scheme.RESIDENT and facts.resident_rules_from is not None \
            and facts.enrolment_day >= facts.resident_rules_from:
        return  # 居民医保 from 2025: the waiting periods of 国办发〔2024〕38号 (MED-RESIDENT-WAITING)
    yield "transfer.enrol_month", {"gap": facts.gap}


@rule("MED-TYPE-CHANGE-CONTINUITY")
def _type_change(facts: Facts, params: dict) -> Iterator[Hit]:
    if not facts.type_change or facts.gap is None or not 0 < facts.gap <= params["max_gap_months"]:
        return  # no gap: nothing to bridge; a long gap: the waiting-period rules speak
    continuous = facts.continuous_months_before_stop()
    if continuous < params["min_continuous_months"]:
        yield "transfer.destination_scheme", {"months": continuous, "gap": facts.gap}


@rule("MED-RESIDENT-WAITING")
def _resident_waiting(facts: Facts, params: dict) -> Iterator[Hit]:
    """国办发〔2024〕38号: enrolling in resident insurance after a break."""
    if facts.destination_family is not Scheme.RESIDENT or facts.gap is None or facts.gap <= 0:
        return
    if facts.retroactive_basis(params) is not None:
        return  # 43号 ②: a switch after two continuous years bridges a short gap
    years = facts.gap // 12
    yield "transfer.enrol_month", {
        "gap": facts.gap,
        "years": f"（约 {years} 年）" if years else "",
        "years_en": f" (about {years} years)" if years else "",
    }


@rule("MED-RESIDENT-CONTINUOUS")
def _resident_continuous(facts: Facts, params: dict) -> Iterator[Hit]:
    """国办发〔2024〕38号: the reward for continuous resident cover, and the enrolment period."""
    if facts.destination_family is Scheme.RESIDENT and facts.gap is not None and facts.gap <= 0:
        yield "transfer.enrol_month", {}


@rule("MED-NO-DUPLICATE-ENROLMENT")
def _duplicate(facts: Facts, params: dict) -> Iterator[Hit]:
    if facts.gap is not None and facts.gap < 0:
        yield "transfer.enrol_month", {
            "enrol": months.from_index(facts.enrol), "stop": months.from_index(facts.stop), "months": -facts.gap,
        }


def _amount(text: str | None):
    if not text:
        return None
    try:
        return parse_money(text)
    except ValueError:
        return None


@rule("MED-ACCOUNT-EMPLOYEE-ONLY")
def _account(facts: Facts, params: dict) -> Iterator[Hit]:
    for i, period in enumerate(facts.draft.history):
        amount = _amount(period.account_balance)
        if amount and period.scheme is not None and not period.scheme.is_employee:
            yield f"history.{i}.account_balance", {
                "n": i + 1, "scheme": label(period.scheme, "zh"), "scheme_en": label(period.scheme, "en"),
            }


@rule("MED-ARREARS")
def _arrears(facts: Facts, params: dict) -> Iterator[Hit]:
    for i, period in enumerate(facts.draft.history):
        owed = hist.count_or_none(period.arrears_months)
        if owed:
            yield f"history.{i}.arrears_months", {"n": i + 1, "months": owed}


@rule("MED-ACCOUNT-OVERDRAFT")
def _overdraft(facts: Facts, params: dict) -> Iterator[Hit]:
    for i, period in enumerate(facts.draft.history):
        amount = _amount(period.overdraft)
        if amount:
            yield f"history.{i}.overdraft", {"n": i + 1, "amount": f"{amount:.2f}"}


@rule("MED-LEGACY-SCHEME")
def _legacy(facts: Facts, params: dict) -> Iterator[Hit]:
    merged_by = months.index(params["merged_by"])
    for i, period in enumerate(facts.draft.history):
        last = months.try_month(period.end)
        if period.scheme in (Scheme.NCMS, Scheme.URBAN_RESIDENT) and last is not None and last >= merged_by:
            yield f"history.{i}.scheme", {
                "n": i + 1, "scheme": label(period.scheme, "zh"), "scheme_en": label(period.scheme, "en"),
            }


@rule("PEN-RETIREE")
def _pension_retiree(facts: Facts, params: dict) -> Iterator[Hit]:
    if facts.draft.transfer.pension_moves and facts.draft.transfer.retired:
        yield "transfer.pension_moves", {}


def _age_at(birth: date, month_index: int) -> int:
    year, month0 = divmod(month_index, 12)
    return year - birth.year - ((month0 + 1, 1) < (birth.month, birth.day))


@rule("PEN-AGE-50-40")
def _pension_age(facts: Facts, params: dict) -> Iterator[Hit]:
    transfer = facts.draft.transfer
    if not transfer.pension_moves or transfer.pension is None or transfer.retired:
        return  # a retiree transfers nothing (PEN-RETIREE)
    if not facts.cross_province:
        return  # 第五条 is about moves between provinces (跨省流动就业)
    if transfer.pension.destination_is_hukou_place or transfer.pension.approved_transfer:
        return
    birth, sex = facts.birth_and_sex
    when = facts.enrol if facts.enrol is not None else facts.this_month
    if birth is None or sex is None:
        return
    age = _age_at(birth, when)
    limit = params["male_age"] if sex is Sex.MALE else params["female_age"]
    if age >= limit:
        yield "transfer.pension.destination_is_hukou_place", {"age": age}


@rule("ID-HMT-RESIDENT")
def _hmt(facts: Facts, params: dict) -> Iterator[Hit]:
    if facts.draft.identity.id_type is IdType.HMT_RESIDENCE_PERMIT:
        yield "identity.id_type", {}


def _format(template: str, ctx: dict) -> str:
    return template.format(**ctx)


# --- predicates a local pack may use for its own rules (resources/packs) -----------------

PackPredicate = Callable[[Facts, dict, Callable[[str], bool]], Iterator[Hit]]
PACK_KINDS: dict[str, PackPredicate] = {}
"""What a pack rule's `kind` may name. `in_area(code)` says whether an area code lies in the pack's areas."""


def pack_kind(name: str) -> Callable[[PackPredicate], PackPredicate]:
    def register(function: PackPredicate) -> PackPredicate:
        PACK_KINDS[name] = function
        return function

    return register


@pack_kind("transfer_in_here")
def _pack_transfer_in(facts: Facts, params: dict, in_area: Callable[[str], bool]) -> Iterator[Hit]:
    """The destination lies in the pack's area: a local condition for the transfer-in."""
    if in_area(_code(facts.draft.transfer.destination.area_code)):
        yield "transfer.destination.area_code", {}


@pack_kind("transfer_out_here")
def _pack_transfer_out(facts: Facts, params: dict, in_area: Callable[[str], bool]) -> Iterator[Hit]:
    """The origin lies in the pack's area: a local condition for the transfer-out."""
    if in_area(_code(facts.draft.transfer.origin.area_code)):
        yield "transfer.origin.area_code", {}


@pack_kind("pension_return_to_hukou_area")
def _pack_pension_return(facts: Facts, params: dict, in_area: Callable[[str], bool]) -> Iterator[Hit]:
    """The pension is to move back into the pack's area, where the person's hukou is and where
    they were insured before."""
    transfer = facts.draft.transfer
    if not transfer.pension_moves or transfer.pension is None or transfer.retired:
        return
    if not in_area(_code(transfer.destination.area_code)) or not transfer.pension.destination_is_hukou_place:
        return
    if any(in_area(_code(p.area_code)) for p in facts.draft.history):
        yield "transfer.pension_moves", {}


# --- evaluation ---------------------------------------------------------------------------


def _finding(spec: RuleSpec, path: str, ctx: dict, source: str) -> Finding:
    values = {**spec.params, **ctx}
    return Finding(
        code=spec.id, severity=Severity(spec.severity), path=path,
        message_zh=_format(spec.message_zh, values), message_en=_format(spec.message_en, values),
        rule_id=spec.id, source=source, blocks=spec.blocks if spec.severity == "error" else (),
    )


def evaluate(draft, today: date, packs: Sequence[Any] | None = None) -> list[Finding]:
    """The findings of every rule in force for this case, national rules first, then those of
    the local packs (`packs`: app.domain.packs.Pack records; default: the packs selected for
    this case, see packs.for_case). A rule is in force when its effective dates hold on the
    case's day for that rule: the application day (signing date, else today) or, for rules
    whose source ties them to enrolment, the first day of the enrolment month."""
    if packs is None:
        from app.domain import packs as local_packs  # packs import this module

        packs = local_packs.for_case(draft)
    specs = [_overridden(spec, packs) for spec in load_ruleset().rules]
    resident = next((s for s, _ in specs if s.id == "MED-RESIDENT-WAITING"), None)
    facts = Facts(draft, today, resident.effective_from if resident is not None else None)
    found = []
    for spec, pack in specs:
        if not spec.in_force(facts.day_for(spec)):
            continue
        for path, ctx in REGISTRY[spec.id](facts, spec.params):
            found.append(_finding(spec, path, ctx, _source_text(spec, pack)))
    for pack in packs:
        for rule_spec in pack.rules:
            spec = rule_spec.as_rule()
            if not spec.in_force(facts.day_for(spec)):
                continue
            for path, ctx in PACK_KINDS[rule_spec.kind](facts, spec.params, pack.covers):
                found.append(_finding(spec, path, ctx, _source_text(spec, pack)))
    return found


def _overridden(spec: RuleSpec, packs: Sequence[Any]) -> tuple[RuleSpec, Any]:
    """A national rule with the last override a pack makes of it, and that pack (None when
    the rule is national as shipped)."""
    owner = None
    for pack in packs:
        override = pack.override_for(spec.id)
        if override is not None:
            spec, owner = override.apply(spec), pack
    return spec, owner


def _source_text(spec: RuleSpec, pack: Any) -> str:
    if pack is None:
        return spec.source.text()
    return f"［{pack.label_zh}］{spec.source.text()}"


def fired_rule_ids(draft, today: date, packs: Sequence[Any] | None = None) -> frozenset[str]:
    """The ids of the rules that speak on this case (for the guide, which follows them)."""
    return frozenset(f.rule_id for f in evaluate(draft, today, packs) if f.rule_id)
