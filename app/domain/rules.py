"""The national transfer rules, as data plus one small predicate per rule.

Owns: loading the rule set (resources/rules/national.json: id, severity, source, effective
dates, parameters and messages) and evaluating it on a draft. A policy change is a change
of that file: thresholds, ages, severities, wording, dates. Only a new kind of condition
needs code here, registered under the rule's id; a test keeps the file and the registry
in step. Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
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
from app.domain.checks import try_date
from app.domain.identity import id_info_or_none
from app.domain.types import parse_money


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    document: str
    article: str

    def text(self) -> str:
        return f"{self.document} {self.article}"


class RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    severity: Literal["error", "warning", "info"]
    effective_from: date
    effective_to: date | None = None
    source: Source
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
    if facts.gap is not None and 0 < facts.gap <= params["max_gap_months"]:
        yield "transfer.enrol_month", {"gap": facts.gap}


@rule("MED-GAP-WAITING-PERIOD")
def _gap_large(facts: Facts, params: dict) -> Iterator[Hit]:
    if facts.gap is not None and facts.gap > params["max_gap_months"]:
        yield "transfer.enrol_month", {"gap": facts.gap}


@rule("MED-TYPE-CHANGE-CONTINUITY")
def _type_change(facts: Facts, params: dict) -> Iterator[Hit]:
    destination = facts.draft.transfer.destination_scheme
    if facts.origin_family is None or destination is None or destination.family is facts.origin_family:
        return
    if facts.gap is None or facts.gap > params["max_gap_months"]:
        return  # the waiting-period rule already speaks
    continuous = facts.continuous_months_before_stop()
    if continuous < params["min_continuous_months"]:
        yield "transfer.destination_scheme", {"months": continuous}


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
    if not transfer.pension_moves or transfer.pension is None:
        return
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


@rule("PEN-SHANGHAI-RETURN")
def _shanghai(facts: Facts, params: dict) -> Iterator[Hit]:
    transfer = facts.draft.transfer
    province = params["province"]
    if not transfer.pension_moves or not _code(transfer.destination.area_code).startswith(province):
        return
    if any(_code(p.area_code).startswith(province) for p in facts.draft.history):
        yield "transfer.pension_moves", {}


@rule("ID-HMT-RESIDENT")
def _hmt(facts: Facts, params: dict) -> Iterator[Hit]:
    if facts.draft.identity.id_type is IdType.HMT_RESIDENCE_PERMIT:
        yield "identity.id_type", {}


def _format(template: str, ctx: dict) -> str:
    return template.format(**ctx)


def evaluate(draft, today: date) -> list[Finding]:
    """The findings of every rule in force on `today`."""
    facts = Facts(draft, today)
    found = []
    for spec in load_ruleset().rules:
        if not spec.in_force(today):
            continue
        for path, ctx in REGISTRY[spec.id](facts, spec.params):
            values = {**spec.params, **ctx}
            found.append(
                Finding(
                    code=spec.id,
                    severity=Severity(spec.severity),
                    path=path,
                    message_zh=_format(spec.message_zh, values),
                    message_en=_format(spec.message_en, values),
                    rule_id=spec.id,
                    source=spec.source.text(),
                    blocks=spec.blocks if spec.severity == "error" else (),
                )
            )
    return found

