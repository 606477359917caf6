"""Field paths on drafts, and the check of one field while it is being typed.

Owns: reading and writing a draft value by its dotted path ("history.3.start"), finding
the strict type of a path in the complete model, and `check_field`, the fast per-keystroke
check behind inline messages (the full `check` runs debounced, it also sees other fields).
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import types
import typing
from datetime import date
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from app.domain.application import Application
from app.domain.checks import findings_from_validation
from app.domain.enums import IdType, label
from app.domain.findings import Finding, make_finding
from app.domain.idnumbers import NumberError, parse_uscc
from app.domain.identity import read_id_number
from app.domain.transfer import AgentDraft, EmployerDraft, PensionDraft, PensionOfficeDraft

_OPTIONAL_PARTS = {
    "transfer.agent": AgentDraft,
    "transfer.pension": PensionDraft,
    "transfer.new_employer": EmployerDraft,
    "transfer.pension.origin_office": PensionOfficeDraft,
    "transfer.pension.destination_office": PensionOfficeDraft,
}


def _split(path: str) -> list[str | int]:
    return [int(part) if part.isdigit() else part for part in path.split(".")]


def get_value(draft: BaseModel, path: str) -> Any:
    """The value at `path`, or None when a part on the way is missing."""
    node: Any = draft
    for part in _split(path):
        if node is None:
            return None
        if isinstance(part, int):
            node = node[part] if part < len(node) else None
        else:
            node = getattr(node, part)
    return node


def set_value(draft: BaseModel, path: str, value: Any) -> None:
    """Set the value at `path`, creating optional parts (agent, pension, employer) on the way."""
    parts = _split(path)
    node: Any = draft
    walked = []
    for part in parts[:-1]:
        walked.append(str(part))
        child = node[part] if isinstance(part, int) else getattr(node, part)
        if child is None:
            child = _OPTIONAL_PARTS[".".join(walked)]()
            setattr(node, part, child)
        node = child
    last = parts[-1]
    if isinstance(last, int):
        node[last] = value
    else:
        setattr(node, last, value)


def _unwrap(annotation: Any) -> Any:
    """Optional[X] -> X; tuple[X, ...] / list[X] -> X."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    if origin in (tuple, list):
        return _unwrap(typing.get_args(annotation)[0])
    return annotation


@cache
def strict_field(pattern: str):
    """The pydantic FieldInfo of a path pattern ("history.*.start") in the complete model."""
    model: Any = Application
    info = None
    for part in pattern.split("."):
        if part == "*":
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            raise KeyError(pattern)
        info = model.model_fields[part]
        model = _unwrap(info.annotation)
    return info


def pattern_of(path: str) -> str:
    return ".".join("*" if part.isdigit() else part for part in path.split("."))


@cache
def _adapter(pattern: str) -> TypeAdapter:
    info = strict_field(pattern)
    annotation = _unwrap(info.annotation)
    if info.metadata:
        annotation = Annotated[annotation, *info.metadata]
    return TypeAdapter(annotation)


def check_field(draft: BaseModel, path: str, today: date | None = None) -> list[Finding]:
    """Findings about the value of one field on its own (blank values: none while typing)."""
    value = get_value(draft, path)
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    pattern = pattern_of(path)
    if pattern.endswith("id_number"):
        return _check_id(draft, path, value, today or date.today())
    if pattern.endswith("uscc"):
        try:
            parse_uscc(value)
        except NumberError as exc:
            return [make_finding(exc.code, path, exc.ctx)]
        return []
    try:
        _adapter(pattern).validate_python(value)
    except ValidationError as error:
        return findings_from_validation(error, at=tuple(_split(path)))
    return []


def _check_id(draft: BaseModel, path: str, value: str, today: date) -> list[Finding]:
    id_type = get_value(draft, path.rsplit(".", 1)[0] + ".id_type")
    if id_type is None:
        return []
    try:
        read_id_number(id_type, value, today)
    except NumberError as exc:
        ctx = dict(exc.ctx)
        if exc.code == "id_type_mismatch":
            suggested = IdType(ctx["suggested"])
            ctx.update(suggested_label=label(suggested, "zh"), suggested_label_en=label(suggested, "en"))
        return [make_finding(exc.code, path, ctx)]
    return []
