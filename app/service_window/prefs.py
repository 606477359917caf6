"""Window mode (窗口模式): the preferences of a service window and what they mean for a draft.

Owns: the office's preferences as one value (WindowPrefs: on/off, idle lock and clear times,
which side of the transfer this office is, and the office itself), their bounds, and
filling the office into a new application. These are preferences of the office, not
personal data: an agency's name, address and phone are printed on every form it hands out.
The widgets are in app/ui/window_mode.py; this module imports nothing from Qt or reportlab
(the domain model only inside the functions that need it).
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.domain.application import ApplicationDraft

DESTINATION = "destination"  # this window is the 转入地
ORIGIN = "origin"            # this window is the 转出地
SIDES = (DESTINATION, ORIGIN)

LOCK_MINUTES = (1, 60)
CLEAR_MINUTES = (2, 240)
OFFICE_FIELDS = ("area_code", "area_name", "agency_name", "address", "phone", "postcode")
_AGENCY_FIELD = {"area_code": "area_code", "area_name": "area_name", "agency_name": "name",
                 "address": "address", "phone": "phone", "postcode": "postcode"}


@dataclass(frozen=True)
class WindowPrefs:
    enabled: bool = False
    lock_minutes: int = 3
    clear_minutes: int = 10
    side: str = DESTINATION
    area_code: str = ""
    area_name: str = ""
    agency_name: str = ""
    address: str = ""
    phone: str = ""
    postcode: str = ""
    local_pack: str = "auto"  # app.domain.packs: "auto", "none" or a shipped pack's id

    def normalized(self) -> WindowPrefs:
        """Within bounds: lock 1–60 minutes, clear 2–240 and always after the lock."""
        lock = min(max(int(self.lock_minutes), LOCK_MINUTES[0]), LOCK_MINUTES[1])
        clear = min(max(int(self.clear_minutes), CLEAR_MINUTES[0]), CLEAR_MINUTES[1])
        clear = max(clear, lock + 1)
        texts = {name: str(getattr(self, name) or "").strip() for name in OFFICE_FIELDS}
        side = self.side if self.side in SIDES else DESTINATION
        return replace(self, enabled=bool(self.enabled), lock_minutes=lock, clear_minutes=clear, side=side,
                       local_pack=_known_pack(self.local_pack), **texts)

    @property
    def lock_ms(self) -> int:
        return self.lock_minutes * 60_000

    @property
    def clear_ms(self) -> int:
        return self.clear_minutes * 60_000

    def changed_keys(self, other: WindowPrefs) -> list[str]:
        """The names of the preferences that differ (for the audit log: names, never values)."""
        return [f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)]


def _known_pack(choice: object) -> str:
    # By file name (a pack's id is its file name): the window starts without the domain model.
    from app import paths

    text = str(choice or "").strip()
    known = {"auto", "none", *(p.stem for p in (paths.RESOURCES / "packs").glob("*.json"))}
    return text if text in known else "auto"


def apply_pack(prefs: WindowPrefs) -> None:
    """Make the office's local pack the one every check and guide uses (set once per office)."""
    from app.domain import packs

    packs.select(prefs.normalized().local_pack)


def office_values(prefs: WindowPrefs) -> dict[str, str]:
    """Field path -> value of what the office fills into a new application (only what is set)."""
    prefix = f"transfer.{prefs.side}"
    values = {f"{prefix}.{_AGENCY_FIELD[name]}": getattr(prefs, name)
              for name in OFFICE_FIELDS if getattr(prefs, name)}
    if values:
        values["transfer.filed_at"] = prefs.side  # the person is at this office's window
    return values


def fill_office(draft: ApplicationDraft, prefs: WindowPrefs) -> list[str]:
    """Put the office into `draft` where the field is still empty; returns the paths set."""
    from app.domain import fields as draft_fields

    done = []
    for path, value in office_values(prefs).items():
        current = draft_fields.get_value(draft, path)
        if path != "transfer.filed_at" and current not in (None, ""):
            continue
        if current == value:
            continue
        draft_fields.set_value(draft, path, value)
        done.append(path)
    return done
