"""The whole application: the draft being typed, the complete form that can be printed,
and the one entry point that checks a draft.

Owns: ApplicationDraft and Application (same shape, see the section modules), the schema
version, filling sex and birth date from the ID number, which parts are required in which
case (an agent when an agent files, the pension when it moves, the employer when the
employer files), and `check` / `complete`. Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from app.domain import applicability, checks, dates, rules
from app.domain.base import Draft, Strict, reads
from app.domain.enums import PeriodStatus, Scheme, Sex
from app.domain.findings import Finding, Severity
from app.domain.history import Period, PeriodDraft
from app.domain.identity import DECODABLE_TYPES, Identity, IdentityDraft, id_info_or_none
from app.domain.transfer import Transfer, TransferDraft

SCHEMA_VERSION = 1
# The most insurance periods a history may hold: a 个人参保证明 lists a new period for every
# change of employer, base or status, so forty years can come to well over a hundred; 200
# is also the size the benchmarks measure. Every way in (the draft file, the hand-off code,
# the wizard's table) is held to it through these models, so that check() stays under 50 ms
# at the largest history accepted (benchmarks/check.py); more is the history_too_many
# finding, or a file refused.
MAX_PERIODS = 200


class ApplicationDraft(Draft):
    """Whatever has been typed so far; anything may be missing or wrong."""

    schema_version: int = SCHEMA_VERSION
    identity: IdentityDraft = Field(default_factory=IdentityDraft)
    history: list[PeriodDraft] = Field(default_factory=list, max_length=MAX_PERIODS)
    transfer: TransferDraft = Field(default_factory=TransferDraft)


class Application(Strict):
    """A complete, checked application: the only input the renderer accepts."""

    schema_version: Literal[1] = SCHEMA_VERSION
    identity: Identity
    history: tuple[Period, ...] = Field(min_length=1, max_length=MAX_PERIODS)
    transfer: Transfer

    @property
    def origin_periods(self) -> tuple[Period, ...]:
        """The periods in the transfer-out area (all periods when none matches its code)."""
        code = self.transfer.origin.area_code
        return tuple(p for p in self.history if p.area_code == code) or self.history

    @property
    @reads("transfer.origin.area_code", "history.area_code", "history.end", "history.scheme")
    def origin_scheme(self) -> Scheme:
        """The scheme of the latest period at the origin: what is being transferred out."""
        return max(self.origin_periods, key=lambda p: p.end).scheme

    @property
    @reads("transfer.origin.area_code", "history.area_code", "history.end", "history.status")
    def origin_stopped(self) -> bool:
        """The latest period at the origin says coverage there has stopped (暂停 or 终止)."""
        return max(self.origin_periods, key=lambda p: p.end).status is not PeriodStatus.PAYING

    @property
    @reads("transfer.origin.area_code", "history.area_code", "history.end", "history.status", "transfer.stop_month")
    def certificate_request_ask(self) -> str:
        """What the request to the origin asks for: to stop coverage and issue the certificate, or,
        once coverage has stopped, only the certificate (the letter must not ask to stop it again)."""
        if self.origin_stopped:
            year, month = self.transfer.stop_month.split("-")
            return f"本人已于{int(year)}年{int(month)}月在贵处中止参保。现申请开具"
        return "现申请在贵处中止参保，并开具"

    @model_validator(mode="after")
    def _parts_present(self) -> "Application":
        # complete() guarantees these by construction (see prepared); this guards direct use.
        case = applicability.parts(self)
        for path in (applicability.AGENT, applicability.PENSION, applicability.NEW_EMPLOYER):
            present = getattr(self.transfer, path.rsplit(".", 1)[1]) is not None
            if present and not case.applies(path):
                raise ValueError(f"{path} present although it does not apply")
            if not present and path in case.required_parts():
                raise ValueError(f"{path} missing although it is required")
        return self


@dataclass(frozen=True, slots=True)
class CheckResult:
    findings: tuple[Finding, ...]

    def of(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is severity)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return self.of(Severity.ERROR)

    @property
    def printable(self) -> bool:
        return not self.errors


class IncompleteApplication(Exception):
    """complete() was called on a draft with errors; `findings` says which."""

    def __init__(self, findings: tuple[Finding, ...]) -> None:
        super().__init__(f"{len([f for f in findings if f.severity is Severity.ERROR])} errors")
        self.findings = findings


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _pruned(value: Any) -> Any:
    """Blank answers removed, so the strict model reports required ones as missing."""
    if isinstance(value, dict):
        return {k: _pruned(v) for k, v in value.items() if not _blank(v)}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def _has_content(part: dict | None) -> bool:
    return bool(part) and any(not _blank(v) for v in part.values())


def prepared(draft: ApplicationDraft, today: date) -> dict:
    """The draft as the complete model reads it: blanks removed, derived values filled, the
    parts that do not apply dropped (see applicability), and the conditionally required parts
    present (empty if unanswered, so they are reported). A fresh dict on every call."""
    data = _pruned(draft.model_dump(mode="json"))
    identity = data.setdefault("identity", {})
    info = id_info_or_none(draft.identity.id_type, draft.identity.id_number, today)
    if info is not None:
        identity.setdefault("sex", Sex(info.sex).value)
        identity.setdefault("birth_date", info.birth_date.isoformat())
    transfer = data.setdefault("transfer", {})
    case = applicability.parts(draft)
    for path in (applicability.AGENT, applicability.PENSION, applicability.NEW_EMPLOYER):
        key = path.rsplit(".", 1)[1]
        if not case.applies(path):
            transfer.pop(key, None)  # kept in the draft, but neither checked nor printed
        elif path in case.required_parts():
            transfer[key] = transfer.get(key) or {}
        elif not _has_content(transfer.get(key)):
            transfer.pop(key, None)
    pension = transfer.get("pension")
    for path in applicability.PENSION_OFFICES:
        key = path.rsplit(".", 1)[1]
        if pension is not None and not _has_content(pension.get(key)):
            pension.pop(key, None)  # an office nobody named is unknown, not empty
    return data


def validate(draft: ApplicationDraft, today: date) -> tuple[Application | None, list[Finding]]:
    """The complete application, or None and the findings of the fields that stop it."""
    try:
        return Application.model_validate(prepared(draft, today), context={"today": today}), []
    except ValidationError as error:
        return None, checks.findings_from_validation(error, _quiet_missing(draft))


def _quiet_missing(draft: ApplicationDraft) -> frozenset[str]:
    """Sex and birth date come from a GB 11643-style number once it is right: while the
    number is typed but wrong, its own finding is the one to fix, not two 'required' ones."""
    ident = draft.identity
    if ident.id_number and ident.id_type in DECODABLE_TYPES:
        return frozenset({"identity.sex", "identity.birth_date"})
    return frozenset()


def check(draft: ApplicationDraft, today: date | None = None) -> CheckResult:
    """Every finding about a draft: field errors, cross-field checks, the transfer rules.

    Errors come first, then warnings, then information; within each, in form order.
    """
    return checked(draft, today or date.today())[0]


def checked(draft: ApplicationDraft, today: date) -> tuple[CheckResult, Application | None]:
    """check() and the complete application it validated on the way (None when the fields
    stop one): callers that need both validate once."""
    application, found = validate(draft, today)
    found += checks.cross_field(draft, today)
    found += dates.cross_field(draft, today)
    found += rules.evaluate(draft, today)
    ordered = sorted(enumerate(found), key=lambda item: (checks.severity_rank(item[1]), item[0]))
    return CheckResult(tuple(finding for _, finding in ordered)), application


def complete(draft: ApplicationDraft, today: date | None = None) -> Application:
    """The complete application, or IncompleteApplication with the findings that block it."""
    result, application = checked(draft, today or date.today())
    if not result.printable or application is None:
        raise IncompleteApplication(result.findings)
    return application


def fill_from_id(draft: ApplicationDraft, today: date | None = None) -> bool:
    """Set sex and birth date from a valid ID number (the wizard calls this as the user types).
    Returns True if anything changed. Values the user typed are kept; check() reports conflicts."""
    info = id_info_or_none(draft.identity.id_type, draft.identity.id_number, today or date.today())
    if info is None:
        return False
    changed = False
    if draft.identity.sex is None:
        draft.identity.sex = Sex(info.sex)
        changed = True
    if not draft.identity.birth_date:
        draft.identity.birth_date = info.birth_date.isoformat()
        changed = True
    return changed
