"""Check digits as error correction for numbers the OCR read.

Owns: the OCR's likely confusions (0/O/D, 1/I/l/7, 2/Z, 5/S, 8/B, X/K/×) and the rule for
using them. A number that already passes its own check is taken as read. One that fails is
retried over every combination of confusable characters and is accepted only when exactly
one candidate is valid and, for an identity number, encodes the birth date read elsewhere
(the card's 出生 line, or a valid number on another paper of the same person). Anything
else leaves the field empty with the reason: a wrong number that passes its check would be
printed on every form, so guessing is worse than asking.

The checks themselves are the domain's (app/domain/idnumbers.py): a value accepted here
passes exactly the checks a typed one does. Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass
from datetime import date

from app.domain import idnumbers

# Each group holds characters the recognizer mistakes for each other in printed numbers.
CONFUSIONS = ("0OoDQ", "1Il|7", "2Z", "5S", "8B", "XK×x")
_GROUP = {ch: group for group in CONFUSIONS for ch in group}
MAX_CANDIDATES = 4096  # 12 ambiguous positions; more means the reading is too poor to repair

_ID_CHARS = frozenset("0123456789X")
_USCC_CHARS = frozenset("0123456789ABCDEFGHJKLMNPQRTUWXY")


@dataclass(frozen=True)
class Repair:
    """The outcome: `value` (None when not accepted), whether it differs from what was read,
    and `reason` (a message code) when the field must stay empty."""

    value: str | None
    corrected: bool = False
    reason: str | None = None


def _compact(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in "-–—_.·:：")


def _options(ch: str, allowed: frozenset[str]) -> list[str]:
    """The characters `ch` may stand for, itself first when it is allowed."""
    group = _GROUP.get(ch, ch)
    found = [ch] if ch in allowed else []
    found += [c for c in group if c != ch and c in allowed]
    upper = ch.upper()
    if upper != ch and upper in allowed and upper not in found:
        found.append(upper)
    return found


def _candidates(text: str, allowed_at) -> list[str] | None:
    """Every string the OCR text may stand for, or None when there are too many."""
    choices = []
    for position, ch in enumerate(text, 1):
        options = _options(ch, allowed_at(position))
        if not options:
            return []
        choices.append(options)
    count = 1
    for options in choices:
        count *= len(options)
    if count > MAX_CANDIDATES:
        return None
    return ["".join(combo) for combo in itertools.product(*choices)]


def _id_allowed(position: int) -> frozenset[str]:
    return _ID_CHARS if position == 18 else frozenset("0123456789")


def repair_id_number(text: str, *, birth: date | None, today: date) -> Repair:
    """An 18-character 公民身份号码 (or residence-permit number) as read by the OCR."""
    raw = _compact(text).upper().replace("×", "X")
    try:
        return Repair(idnumbers.parse_id_number(raw, today=today).number)
    except idnumbers.NumberError:
        pass
    if len(raw) != 18:
        return Repair(None, reason="id_unreadable")
    candidates = _candidates(_compact(text), _id_allowed)
    if candidates is None:
        return Repair(None, reason="id_unreadable")
    valid = []
    for candidate in candidates:
        try:
            valid.append(idnumbers.parse_id_number(candidate, today=today))
        except idnumbers.NumberError:
            continue
    if len(valid) != 1:
        return Repair(None, reason="id_ambiguous" if valid else "id_unreadable")
    if birth is None or valid[0].birth_date != birth:
        return Repair(None, reason="id_unconfirmed")
    return Repair(valid[0].number, corrected=True)


def _uscc_allowed(position: int) -> frozenset[str]:
    return frozenset("0123456789") if 3 <= position <= 8 else _USCC_CHARS


def repair_uscc(text: str) -> Repair:
    """A 统一社会信用代码 as read by the OCR. There is no second source to agree with, so
    a repair must also pass the embedded 组织机构代码's own check (GB 11714)."""
    raw = _compact(text).upper()
    try:
        return Repair(idnumbers.parse_uscc(raw))
    except idnumbers.NumberError:
        pass
    if len(raw) != 18:
        return Repair(None, reason="uscc_unreadable")
    candidates = _candidates(_compact(text), _uscc_allowed)
    if candidates is None:
        return Repair(None, reason="uscc_unreadable")
    valid = []
    for candidate in candidates:
        try:
            code = idnumbers.parse_uscc(candidate)
        except idnumbers.NumberError:
            continue
        if idnumbers.uscc_org_code_ok(code):
            valid.append(code)
    if len(valid) != 1:
        return Repair(None, reason="uscc_ambiguous" if valid else "uscc_unreadable")
    return Repair(valid[0], corrected=True)
