"""Local rule packs: what one locality adds to, or changes in, the national rules.

Owns: the pack file format (resources/packs/<id>.json), its strict loader (every error names
the file and the place in it, like the forms loader), the packs shipped with the app, and which
packs speak on a case. A pack names its areas (GB/T 2260 code prefixes: "3201" is 南京市, "31"
上海市) and, each with its source: rules of its own (a `kind` from rules.PACK_KINDS), overrides
of national rules' parameters and messages, materials, guide notes, and offices (medical and
pension) with address and phone. Nothing in a pack is unsourced.

Selection, decided here once: `select(pack_id)` (the CLI's --pack, window mode's office
preference `local_pack`) limits the packs to that one, `select(NONE)` to none, and
`select(AUTO)` (the default) lets every shipped pack speak on the cases in its area.

Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app import paths
from app.domain import idnumbers
from app.domain.rules import PACK_KINDS, REGISTRY, RuleSpec, Source

PACKS_DIR = paths.RESOURCES / "packs"
AUTO = "auto"
NONE = "none"

_AREA = re.compile(r"[0-9]{2}(?:[0-9]{2}(?:[0-9]{2})?)?")
_ID = re.compile(r"[a-z][a-z0-9_]*")
_RULE_ID = re.compile(r"[A-Z]+(?:-[A-Z0-9]+)+")


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PackInfo(_Data):
    id: str
    version: str
    title_zh: str
    title_en: str
    compiled_on: date
    areas: tuple[str, ...] = Field(min_length=1)
    note_zh: str
    note_en: str

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _ID.fullmatch(value):
            raise ValueError("pack id: lower-case letters, digits and _")
        return value

    @field_validator("areas")
    @classmethod
    def _areas(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        bad = [a for a in value if not _AREA.fullmatch(a)]
        if bad:
            raise ValueError(f"areas are 2, 4 or 6 digits of a GB/T 2260 code: {bad}")
        return value


class PackRule(_Data):
    """A rule of the pack's own; `kind` names the condition (rules.PACK_KINDS)."""

    id: str
    kind: str
    severity: Literal["error", "warning", "info"]
    effective_from: date
    effective_to: date | None = None
    source: Source
    params: dict[str, Any] = Field(default_factory=dict)
    message_zh: str
    message_en: str

    @field_validator("id")
    @classmethod
    def _rule_id(cls, value: str) -> str:
        if not _RULE_ID.fullmatch(value):
            raise ValueError("rule id like NJ-TRANSFER-IN")
        if value in REGISTRY:
            raise ValueError(f"{value} is a national rule: change it with an override")
        return value

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value not in PACK_KINDS:
            raise ValueError(f"unknown kind; known: {sorted(PACK_KINDS)}")
        return value

    def as_rule(self) -> RuleSpec:
        return RuleSpec(
            id=self.id, severity=self.severity, effective_from=self.effective_from,
            effective_to=self.effective_to, source=self.source, params=self.params,
            message_zh=self.message_zh, message_en=self.message_en,
        )


class Override(_Data):
    """A national rule's parameters or messages as the locality has them."""

    rule: str
    source: Source
    params: dict[str, Any] = Field(default_factory=dict)
    message_zh: str | None = None
    message_en: str | None = None

    @field_validator("rule")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in REGISTRY:
            raise ValueError("not a national rule id")
        return value

    def apply(self, spec: RuleSpec) -> RuleSpec:
        unknown = set(self.params) - set(spec.params)
        if unknown:
            raise ValueError(f"{self.rule} has no parameters {sorted(unknown)}")
        update: dict[str, Any] = {"params": {**spec.params, **self.params}, "source": self.source}
        if self.message_zh is not None:
            update["message_zh"] = self.message_zh
        if self.message_en is not None:
            update["message_en"] = self.message_en
        return spec.model_copy(update=update)


class PackMaterial(_Data):
    id: str
    where: Literal["origin", "destination"]
    name_zh: str
    name_en: str
    detail_zh: str
    detail_en: str
    originals: int = Field(ge=0, le=5)
    copies: int = Field(ge=0, le=5)
    source: Source


class PackNote(_Data):
    id: str
    where: Literal["origin", "destination", "either"]
    text_zh: str
    text_en: str
    source: Source


class PackOffice(_Data):
    kind: Literal["medical", "pension"]
    area_code: str
    name: str
    address: str | None = None
    phone: str | None = None
    postcode: str | None = None
    source: Source

    @field_validator("area_code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not re.fullmatch(r"[0-9]{6}", value):
            raise ValueError("six digits")
        return value


class Pack(_Data):
    pack: PackInfo
    rules: tuple[PackRule, ...] = ()
    overrides: tuple[Override, ...] = ()
    materials: tuple[PackMaterial, ...] = ()
    notes: tuple[PackNote, ...] = ()
    offices: tuple[PackOffice, ...] = ()

    @property
    def id(self) -> str:
        return self.pack.id

    @property
    def label_zh(self) -> str:
        """How a statement names the pack it came from: "南京市本地规则包 2026.12"."""
        return f"{self.pack.title_zh}本地规则包 {self.pack.version}"

    @property
    def label_en(self) -> str:
        return f"{self.pack.title_en} local pack {self.pack.version}"

    def covers(self, area_code: str | None) -> bool:
        code = idnumbers.normalize_number_text(area_code or "")
        return bool(re.fullmatch(r"[0-9]{6}", code)) and any(code.startswith(a) for a in self.pack.areas)

    def override_for(self, rule_id: str) -> Override | None:
        return next((o for o in self.overrides if o.rule == rule_id), None)

    def office(self, kind: str, area_code: str) -> PackOffice | None:
        return next((o for o in self.offices if o.kind == kind and o.area_code == area_code), None)


class PackError(ValueError):
    """A pack file that cannot be used; `problems` are (place, Chinese, English), `file` its name."""

    def __init__(self, file: str, problems: list[tuple[str, str, str]]) -> None:
        super().__init__(f"{file}: {len(problems)} problems")
        self.file = file
        self.problems = problems

    def lines(self, lang: str = "zh") -> list[str]:
        return [f"{self.file}: {place}: {zh if lang == 'zh' else en}" for place, zh, en in self.problems]


def _place(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def load_pack(path: Path) -> Pack:
    """Read and check one pack file; PackError names the file and every bad place in it."""
    name = path.name
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(name, [("(file)", "无法读取文件", f"cannot read the file ({type(exc).__name__})")]) from None
    except json.JSONDecodeError as exc:
        raise PackError(name, [(f"line {exc.lineno}, column {exc.colno}", "不是有效的 JSON", "not valid JSON")]) from None
    try:
        pack = Pack.model_validate(raw)
    except ValidationError as exc:
        problems = [
            (_place(e["loc"]), f"不符合规则包格式（{e['type']}）", e["msg"])
            for e in exc.errors(include_input=False, include_url=False)
        ]
        raise PackError(name, problems) from None
    problems = _cross_checks(pack, path.stem)
    if problems:
        raise PackError(name, problems)
    return pack


def _cross_checks(pack: Pack, stem: str) -> list[tuple[str, str, str]]:
    problems = []
    if pack.id != stem:
        problems.append(("pack.id", f"规则包 id 应与文件名 {stem} 相同", f"the pack id must equal the file name {stem}"))
    for i, override in enumerate(pack.overrides):
        national = next(s for s in _national() if s.id == override.rule)
        try:
            override.apply(national)
        except ValueError as exc:
            problems.append((f"overrides[{i}].params", "国家规则没有这些参数", str(exc)))
    for kind in ("rules", "materials", "notes"):
        ids = [item.id for item in getattr(pack, kind)]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append((kind, f"id {dup} 重复", f"id {dup} appears twice"))
    for i, office in enumerate(pack.offices):
        if not pack.covers(office.area_code):
            problems.append((f"offices[{i}].area_code", "经办机构不在本规则包的地区内",
                             "the office lies outside the pack's areas"))
    return problems


def _national() -> tuple[RuleSpec, ...]:
    from app.domain.rules import load_ruleset

    return load_ruleset().rules


@cache
def shipped() -> tuple[Pack, ...]:
    """Every pack in resources/packs, sorted by id (a broken file raises PackError)."""
    if not PACKS_DIR.is_dir():
        return ()
    return tuple(load_pack(p) for p in sorted(PACKS_DIR.glob("*.json")))


def get(pack_id: str) -> Pack:
    for pack in shipped():
        if pack.id == pack_id:
            return pack
    raise KeyError(pack_id)


# --- which packs speak ------------------------------------------------------------------

_selection: str = AUTO


def select(choice: str) -> None:
    """AUTO (every shipped pack in its area), NONE, or one pack id (KeyError when unknown)."""
    global _selection
    if choice not in (AUTO, NONE):
        get(choice)
    _selection = choice


def selection() -> str:
    return _selection


@contextmanager
def selected(choice: str) -> Iterator[None]:
    previous = _selection
    select(choice)
    try:
        yield
    finally:
        select(previous)


def candidates() -> tuple[Pack, ...]:
    if _selection == NONE:
        return ()
    if _selection == AUTO:
        return shipped()
    return (get(_selection),)


def for_areas(*area_codes: str | None) -> tuple[Pack, ...]:
    """The selected packs that cover any of these area codes."""
    return tuple(p for p in candidates() if any(p.covers(code) for code in area_codes))


def for_case(draft: Any) -> tuple[Pack, ...]:
    """The selected packs that cover the case's origin or destination."""
    transfer = draft.transfer
    return for_areas(transfer.origin.area_code, transfer.destination.area_code)


def source_text(pack: Pack, source: Source) -> str:
    return f"［{pack.label_zh}］{source.text()}"


def known_rule_ids() -> frozenset[str]:
    """Every rule id a finding may carry: the national rules and those of the shipped packs."""
    return frozenset(s.id for s in _national()) | frozenset(r.id for p in shipped() for r in p.rules)


def office_for(kind: str, area_code: str | None) -> tuple[Pack, PackOffice] | None:
    """A selected pack's office of `kind` ("medical" or "pension") for this area code, if any
    pack lists one (for the wizard and the guide to offer; each office carries its source)."""
    code = idnumbers.normalize_number_text(area_code or "")
    for pack in for_areas(code):
        office = pack.office(kind, code)
        if office is not None:
            return pack, office
    return None
