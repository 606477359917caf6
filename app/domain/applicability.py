"""What applies to a case: which optional parts of the application (and so which groups of
the wizard), which answers are required, and how long each answer may be.

The one place that decides these; the domain (application.check / complete), the wizard (a
page shows a group or caps an input box by asking here), the CLI and the benchmarks all ask
it, and none of them restates a condition or a limit. Which documents print and which
finding holds back which document is decided next door, in app.domain.packet, from these
answers and the form files.

Limits are read from the strict model's types (app.domain.types.MaxChars), so a limit is
written once, next to the type that enforces it.

Imports nothing from Qt or reportlab, and no domain module that imports this one
(application.py does).
"""
from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel

from app.domain.enums import Filer, Scheme
from app.domain.types import MaxChars

AGENT = "transfer.agent"
PENSION = "transfer.pension"
NEW_EMPLOYER = "transfer.new_employer"
PENSION_OFFICES = ("transfer.pension.origin_office", "transfer.pension.destination_office")
"""The optional parts; each is a group of the wizard's transfer page."""

DECIDING = frozenset({"transfer.filer", "transfer.destination_scheme", "transfer.pension_moves"})
"""The answers `parts` reads: a change of one of them may show or hide a part."""


@dataclass(frozen=True, slots=True)
class Parts:
    """Which optional parts apply to a draft, and which of them must be filled in."""

    agent: bool          # an agent files: the agent's details and the power of attorney
    pension: bool        # the pension moves too: its details, its offices, its two documents
    new_employer: bool   # the destination scheme is employee insurance, or the employer files
    new_employer_required: bool  # the employer files: it must be named (and seals)

    def applies(self, path: str) -> bool:
        """False when `path` lies inside a part that does not apply (its answers are kept in
        the draft but neither checked nor printed)."""
        for part, on in ((AGENT, self.agent), (PENSION, self.pension), (NEW_EMPLOYER, self.new_employer)):
            if (path == part or path.startswith(part + ".")) and not on:
                return False
        return True

    def required_parts(self) -> frozenset[str]:
        """The optional parts that must be present (and so their required fields filled)."""
        found = set()
        if self.agent:
            found.add(AGENT)
        if self.pension:
            found.add(PENSION)
        if self.new_employer_required:
            found.add(NEW_EMPLOYER)
        return frozenset(found)


def parts(draft: Any) -> Parts:
    """The parts that apply to `draft` (an ApplicationDraft or an Application)."""
    transfer = draft.transfer
    employer_files = transfer.filer is Filer.EMPLOYER
    return Parts(
        agent=transfer.filer is Filer.AGENT,
        pension=bool(transfer.pension_moves),
        new_employer=employer_files or transfer.destination_scheme is Scheme.EMPLOYEE,
        new_employer_required=employer_files,
    )


# --- the complete model's fields ---------------------------------------------------------

def _unwrap(annotation: Any) -> tuple[Any, list]:
    """(bare type, metadata) of an annotation: strips Optional, Annotated and tuple[X, ...]."""
    metadata: list = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            metadata.extend(annotation.__metadata__)
            annotation = annotation.__origin__
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, metadata
            annotation = args[0]
        elif origin in (tuple, list):
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation, metadata


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _root() -> type[BaseModel]:
    from app.domain.application import Application  # imports this module: resolved at call time

    return Application


@cache
def _walk(pattern: str) -> tuple[tuple[bool, ...], list]:
    """For "transfer.agent.name": whether each step is required in its model, and the leaf's
    metadata. KeyError for a path the complete model does not have."""
    model: Any = _root()
    required: list[bool] = []
    metadata: list = []
    for part in pattern.split("."):
        if part == "*" or part.isdigit():
            continue
        if not _is_model(model) or part not in model.model_fields:
            raise KeyError(pattern)
        info = model.model_fields[part]
        required.append(info.is_required())
        model, metadata = _unwrap(info.annotation)
        metadata = list(info.metadata) + metadata
    return tuple(required), metadata


def pattern_of(path: str) -> str:
    """"history.3.end" -> "history.*.end"."""
    return ".".join("*" if part.isdigit() else part for part in path.split("."))


def max_length(path: str) -> int | None:
    """The longest answer the field at `path` takes, in characters (None: not typed text,
    e.g. a pick list). KeyError for a path the application does not have."""
    _, metadata = _walk(pattern_of(path))
    return next((m.limit for m in metadata if isinstance(m, MaxChars)), None)


def leaf_paths() -> tuple[str, ...]:
    """Every answer of the complete application, as a pattern ("history.*.end"), in model order."""
    found: list[str] = []

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, info in model.model_fields.items():
            if name == "schema_version":
                continue
            bare, _ = _unwrap(info.annotation)
            many = typing.get_origin(_strip_optional(info.annotation)) in (tuple, list)
            path = f"{prefix}{name}{'.*' if many else ''}"
            if _is_model(bare):
                walk(bare, path + ".")
            else:
                found.append(path)

    walk(_root(), "")
    return tuple(found)


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def required(draft: Any, path: str) -> bool:
    """True when `path` must be answered for this draft: it applies, and it is required in its
    model and every optional part on the way to it must be present (see Parts.required_parts).
    Fields filled from another answer (sex and birth date from the ID number) count as required."""
    case = parts(draft)
    if not case.applies(path):
        return False
    steps, _ = _walk(pattern_of(path))
    names = [p for p in path.split(".") if not p.isdigit() and p != "*"]
    must = case.required_parts()
    for i, is_required in enumerate(steps):
        if is_required:
            continue
        if ".".join(names[: i + 1]) not in must:
            return False
    return True
