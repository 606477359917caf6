"""Field and cross-field checks of a draft (the policy rules live in rules.py).

Owns: turning the strict model's validation errors into findings (one mapping, here), and
the checks that compare fields with each other: the ID number with sex and birth date,
area codes with the division table, the insurance timeline. Every check reads the lenient
draft and skips what cannot be read, because that is already reported on its own field.
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from pydantic import ValidationError

from app.domain import history as hist
from app.domain import idnumbers, months, regions, timeline
from app.domain.dates import try_date
from app.domain.enums import IdType, Scheme, label
from app.domain.findings import Finding, Severity, make_finding
from app.domain.identity import id_info_or_none

# Pydantic's own error types that reach us, and the catalogue code each one means.
_PYDANTIC_CODES = {
    "missing": "required",
    "enum": "choice",
    "literal_error": "choice",
    "bool_type": "choice",
    "bool_parsing": "choice",
    "date_type": "date_format",
    "date_parsing": "date_format",
    "date_from_datetime_parsing": "date_format",
    "date_from_datetime_inexact": "date_format",
}


def _path(loc: tuple) -> str:
    """("history", 2, "end") -> "history.2.end" """
    return ".".join(str(part) for part in loc)


def findings_from_validation(
    error: ValidationError, quiet_missing: frozenset[str] = frozenset(), at: tuple = ()
) -> list[Finding]:
    """The one place where pydantic errors become findings; its English text is dropped.

    `quiet_missing`: paths whose absence is not worth a message (filled in automatically
    once another field is right). `at`: the location of what was validated, for errors of a
    single field checked on its own."""
    found = []
    for item in error.errors(include_input=False, include_url=False):
        kind = item["type"]
        item["loc"] = (*at, *item["loc"])
        if kind == "too_short" and item["loc"] == ("history",):
            continue  # an empty history is the history_empty finding; failed items count as absent
        if kind == "missing" and _path(item["loc"]) in quiet_missing:
            continue
        code = _PYDANTIC_CODES.get(kind, kind)
        ctx = dict(item.get("ctx") or {})
        if kind == "too_long" and item["loc"] == ("history",):  # more periods than the app accepts
            code, ctx = "history_too_many", {"limit": ctx.get("max_length"), "length": ctx.get("actual_length")}
        if code == "id_type_mismatch":
            suggested = IdType(ctx["suggested"])
            ctx["suggested_label"] = label(suggested, "zh")
            ctx["suggested_label_en"] = label(suggested, "en")
        try:
            found.append(make_finding(code, _path(item["loc"]), ctx))
        except KeyError:
            found.append(make_finding("invalid_value", _path(item["loc"])))
    return found


def cross_field(draft, today: date) -> Iterator[Finding]:
    yield from _identity(draft, today)
    yield from _areas(draft)
    yield from _employers(draft)
    yield from _timeline(draft.history)
    yield from _transfer(draft, today)


def _identity(draft, today: date) -> Iterator[Finding]:
    ident = draft.identity
    info = id_info_or_none(ident.id_type, ident.id_number, today)
    if info is not None:
        if ident.sex is not None and ident.sex.value != info.sex:
            yield make_finding(
                "id_sex_mismatch", "identity.sex",
                {"decoded": "男" if info.sex == "male" else "女", "decoded_en": info.sex},
            )
        if try_date(ident.birth_date) not in (None, info.birth_date):
            yield make_finding("id_birth_mismatch", "identity.birth_date", {"decoded": info.birth_date.isoformat()})
        if info.kind == idnumbers.IdKind.CITIZEN and regions.get(info.address_code) is None:
            yield make_finding("id_region_unknown", "identity.id_number", {"code": info.address_code})
    if ident.social_security_number and ident.id_type not in (None, IdType.RESIDENT_ID):
        text = idnumbers.normalize_number_text(ident.social_security_number)
        if len(text) != 18 or not text.isalnum():
            yield make_finding("ss_number_format", "identity.social_security_number")
    agent = draft.transfer.agent
    if agent is not None and agent.id_number and ident.id_number:
        same = idnumbers.normalize_number_text(agent.id_number) == idnumbers.normalize_number_text(ident.id_number)
        if same and draft.transfer.filer is not None and draft.transfer.filer.value == "agent":
            yield make_finding("agent_same_person", "transfer.agent.id_number")


def _area(code: str | None, name: str | None, path: str) -> Iterator[Finding]:
    if not code:
        return
    code = idnumbers.normalize_number_text(code)
    if len(code) != 6 or not code.isdigit():
        return  # reported as area_code_format
    region = regions.get(code)
    if region is None:
        yield make_finding("area_unknown", f"{path}.area_code", {"code": code})
    elif name and not _same_place(name.strip(), region):
        yield make_finding("area_name_mismatch", f"{path}.area_name", {"code": code, "expected": region.full_name})


def _same_place(name: str, region: regions.Region) -> bool:
    compact = name.replace(" ", "")
    return compact in region.full_name or region.name in compact


def _areas(draft) -> Iterator[Finding]:
    for i, period in enumerate(draft.history):
        yield from _area(period.area_code, period.area_name, f"history.{i}")
    yield from _area(draft.transfer.origin.area_code, draft.transfer.origin.area_name, "transfer.origin")
    yield from _area(draft.transfer.destination.area_code, draft.transfer.destination.area_name, "transfer.destination")


def _employers(draft) -> Iterator[Finding]:
    places = [(p.employer_uscc, f"history.{i}.employer_uscc") for i, p in enumerate(draft.history)]
    if draft.transfer.new_employer is not None:
        places.append((draft.transfer.new_employer.uscc, "transfer.new_employer.uscc"))
    for text, path in places:
        if text and _org_code_bad(text):
            yield make_finding("uscc_org_code", path)


@lru_cache(maxsize=1024)
def _org_code_bad(text: str) -> bool:
    """A valid credit code whose embedded organisation code does not check out."""
    try:
        code = idnumbers.parse_uscc(text)
    except idnumbers.NumberError:
        return False  # reported on the field
    return not idnumbers.uscc_org_code_ok(code)


def _timeline(periods) -> Iterator[Finding]:
    if not periods:
        yield make_finding("history_empty", "history")
        return
    for i, period in enumerate(periods):
        first, last = months.try_month(period.start), months.try_month(period.end)
        if first is None or last is None:
            continue
        if first > last:
            yield make_finding("history_order", f"history.{i}.end", {"start": months.from_index(first), "end": months.from_index(last)})
            continue
        stated = hist.paid_months(period)
        if period.months_paid and stated is not None and stated > last - first + 1:
            yield make_finding("history_months_exceed", f"history.{i}.months_paid", {"paid": stated, "span": last - first + 1})
    # Overlaps and repeated periods: decided with the picture (one finding per pair of
    # distinct periods, repeats counted, capped per row), so both always agree.
    picture = timeline.layout(periods)
    yield from timeline.check_findings(picture)
    for gap in picture.gaps:
        ctx = {"first": gap.start, "last": gap.end, "months": gap.months}
        yield make_finding("history_gap", "history", ctx)
    for scheme, total in sorted(hist.cumulative_months(periods).items()):
        ctx = {
            "scheme": label(scheme, "zh"), "scheme_en": label(scheme, "en"),
            "months": total, "years": f"{total / 12:.1f}",
        }
        yield make_finding("history_total", "history", ctx)


def _transfer(draft, today: date) -> Iterator[Finding]:
    transfer = draft.transfer
    if transfer.destination_scheme in (Scheme.NCMS, Scheme.URBAN_RESIDENT):
        yield make_finding("legacy_scheme_destination", "transfer.destination_scheme")
    # Compared as the area-code type reads them (fullwidth digits from an input method).
    origin = idnumbers.normalize_number_text(transfer.origin.area_code or "")
    destination = idnumbers.normalize_number_text(transfer.destination.area_code or "")
    if re.fullmatch(r"[0-9]{6}", origin) and re.fullmatch(r"[0-9]{6}", destination):  # else area_code_format
        verdict = regions.same_pooling(origin, destination)
        if verdict != "different":
            area = regions.pooling_area(destination)
            code = "same_area" if verdict == "same" else "same_area_probably"
            yield make_finding(code, "transfer.destination.area_code", {"area": area.name if area else destination})
    signed = try_date(transfer.signed_on)
    if signed is not None and signed > today:
        yield make_finding("signed_future", "transfer.signed_on", {"value": signed.isoformat()})
    pension = transfer.pension
    if transfer.pension_moves and pension is not None:
        first, last = months.try_month(pension.start), months.try_month(pension.end)
        if first is not None and last is not None:
            if first > last:
                yield make_finding("pension_order", "transfer.pension.end", {"start": months.from_index(first), "end": months.from_index(last)})
            elif (paid := hist.count_or_none(pension.months_paid)) is not None and paid > last - first + 1:
                yield make_finding("pension_months_exceed", "transfer.pension.months_paid", {"paid": paid, "span": last - first + 1})


def severity_rank(finding: Finding) -> int:
    return {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}[finding.severity]
