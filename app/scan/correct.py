"""Check digits as error correction for numbers the OCR read.

Owns: the OCR's likely confusions (0/O/D, 1/I/l/7, 2/Z, 5/S, 8/B, X/K/×) and the rule for
using them. A number that already passes its own check is taken as read. One that fails is
retried over the combinations of confusable characters, fewest changes first (a character
that cannot stand where it is must change; one that can is changed only when that is not
enough, at most MAX_SWAPS of them), and is accepted only when exactly one candidate at that
level is valid and, for an identity number, encodes the birth date read elsewhere
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
MAX_CANDIDATES = 4096  # more than this means the reading is too poor to repair
MAX_SWAPS = 2  # clearly read characters that may be replaced by a lookalike (1 <-> 7, 8 <-> B, ...)

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


def _candidates(text: str, allowed_at, swaps: int) -> list[str] | None:
    """The strings the OCR text may stand for with exactly `swaps` of its valid characters
    replaced by a lookalike (characters that cannot stand where they are are always replaced).
    None when there are too many to try."""
    forced, optional = [], []
    for position, ch in enumerate(text, 1):
        options = _options(ch, allowed_at(position))
        if not options:
            return []
        if ch in allowed_at(position):
            forced.append([ch])
            if len(options) > 1:
                optional.append((position - 1, options[1:]))
        else:
            forced.append(options)
    found = []
    for chosen in itertools.combinations(optional, swaps):
        choices = list(forced)
        for index, alternatives in chosen:
            choices[index] = alternatives
        count = 1
        for options in choices:
            count *= len(options)
        if len(found) + count > MAX_CANDIDATES:
            return None
        found.extend("".join(combo) for combo in itertools.product(*choices))
    return found


def _fewest_changes(text: str, allowed_at, valid) -> tuple[list, str | None]:
    """The valid readings that change the fewest clearly read characters (0, 1, then 2).
    Returns (valid readings at that level, None) or ([], reason)."""
    for swaps in range(MAX_SWAPS + 1):
        candidates = _candidates(text, allowed_at, swaps)
        if candidates is None:
            return [], "unreadable"
        found = [v for v in map(valid, candidates) if v is not None]
        if found:
            return found, None
    return [], "unreadable"


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
    def valid_id(candidate: str):
        try:
            return idnumbers.parse_id_number(candidate, today=today)
        except idnumbers.NumberError:
            return None

    valid, problem = _fewest_changes(_compact(text), _id_allowed, valid_id)
    if problem:
        return Repair(None, reason="id_unreadable")
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
    def valid_uscc(candidate: str):
        try:
            code = idnumbers.parse_uscc(candidate)
        except idnumbers.NumberError:
            return None
        return code if idnumbers.uscc_org_code_ok(code) else None

    valid, problem = _fewest_changes(_compact(text), _uscc_allowed, valid_uscc)
    if problem:
        return Repair(None, reason="uscc_unreadable")
    if len(valid) != 1:
        return Repair(None, reason="uscc_ambiguous" if valid else "uscc_unreadable")
    return Repair(valid[0], corrected=True)
