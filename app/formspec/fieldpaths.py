"""Field paths of a form file ("identity.name", "transfer.agent.phone") checked against the
Application model, and what kind of value each one is.

Owns: walking the pydantic model (fields, Optional nested models, and read-only properties the
model declares, such as Identity.social_security_no or Period.paid), the value kinds the
renderer knows how to print, and reading a path's value from a complete application.
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import datetime
import inspect
import types
import typing
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Union

from pydantic import AfterValidator, BaseModel

from app.domain import types as domain_types
from app.domain.application import Application

# The kinds of printable value. "model" and "items" are not printable by themselves.
TEXT, MONTH, DATE, MONEY, COUNT, ENUM, BOOL, MODEL, ITEMS = (
    "text", "month", "date", "money", "count", "enum", "bool", "model", "items",
)
PRINTABLE = frozenset({TEXT, MONTH, DATE, MONEY, COUNT, ENUM, BOOL})


class PathError(ValueError):
    """A path that the model does not have; `reason_zh` / `reason_en` say why."""

    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.reason_zh = reason_zh
        self.reason_en = reason_en


@dataclass(frozen=True)
class FieldRef:
    """A checked path: its parts, the kind of its value, and for enums and items the class."""

    path: str
    parts: tuple[str, ...]
    kind: str
    cls: type | None = None   # the StrEnum for ENUM, the item model for ITEMS, the model for MODEL
    optional: bool = False    # the value (or a model on the way to it) may be None

    def get(self, obj: Any) -> Any:
        """The value at this path, or None when a part on the way is absent."""
        for part in self.parts:
            if obj is None:
                return None
            obj = getattr(obj, part)
        return obj


def _unwrap(annotation: Any) -> tuple[Any, list, bool]:
    """(bare type, metadata, optional) of an annotation: strips `X | None` and Annotated."""
    metadata: list = []
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            metadata.extend(annotation.__metadata__)
            annotation = annotation.__origin__
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                return annotation, metadata, optional
            annotation = args[0]
        else:
            return annotation, metadata, optional


def _kind(annotation: Any, metadata: list) -> tuple[str, type | None]:
    origin = typing.get_origin(annotation)
    if origin in (tuple, list):
        args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
        item = args[0] if args else None
        if inspect.isclass(item) and issubclass(item, BaseModel):
            return ITEMS, item
        return TEXT, None
    if not inspect.isclass(annotation):
        return TEXT, None
    if issubclass(annotation, BaseModel):
        return MODEL, annotation
    if issubclass(annotation, StrEnum):
        return ENUM, annotation
    if issubclass(annotation, bool):
        return BOOL, None
    if issubclass(annotation, int):
        return COUNT, None
    if issubclass(annotation, Decimal):
        return MONEY, None
    if issubclass(annotation, datetime.date):
        return DATE, None
    if any(isinstance(m, AfterValidator) and m.func is domain_types.check_month for m in metadata):
        return MONTH, None
    return TEXT, None


def _member(model: type[BaseModel], name: str) -> tuple[Any, list, bool] | None:
    """(annotation, metadata, optional) of a field or read-only property of `model`."""
    info = model.model_fields.get(name)
    if info is not None:
        bare, meta, optional = _unwrap(info.annotation)
        return bare, list(info.metadata) + meta, optional
    attr = inspect.getattr_static(model, name, None)
    if isinstance(attr, property) and not name.startswith("_"):
        hints = typing.get_type_hints(attr.fget, include_extras=True)
        if "return" in hints:
            return _unwrap(hints["return"])
    return None


@lru_cache(maxsize=None)
def resolve(path: str, root: type[BaseModel] = Application) -> FieldRef:
    """Check `path` against `root` and return its FieldRef, or raise PathError."""
    parts = tuple(path.split("."))
    if not path or any(not p.isidentifier() for p in parts):
        raise PathError(f"字段路径 '{path}' 格式不对", f"malformed field path '{path}'")
    model: type[BaseModel] = root
    optional = False
    kind, cls = MODEL, root
    for i, part in enumerate(parts):
        if kind != MODEL:
            done = ".".join(parts[:i])
            raise PathError(f"'{done}' 不是一组字段，不能再取 '{part}'",
                            f"'{done}' has no fields, so '{part}' cannot follow it")
        member = _member(model, part)
        if member is None:
            raise PathError(f"未知的字段路径 '{path}'", f"unknown field path '{path}'")
        bare, meta, opt = member
        optional = optional or opt
        kind, cls = _kind(bare, meta)
        if kind == MODEL:
            model = cls  # type: ignore[assignment]
    return FieldRef(path, parts, kind, cls, optional)


def inputs(path: str, prefix: str = "") -> tuple[str, ...]:
    """The answers a printed path shows, as root paths without list indexes: the path itself
    for a field; for a read-only property, the fields it declares it reads (app.domain.base.reads),
    else everything in the model that holds it. `prefix`: the list field of a table column."""
    full = f"{prefix}.{path}" if prefix else path
    parts = full.split(".")
    model: type[BaseModel] = Application
    for i, part in enumerate(parts):
        attr = inspect.getattr_static(model, part, None)
        if isinstance(attr, property):
            declared = getattr(attr.fget, "reads", None)
            return tuple(declared) if declared else (".".join(parts[:i]),)  # "" at the root: everything
        info = model.model_fields.get(part)
        if info is None:
            return (full,)
        bare, meta, _ = _unwrap(info.annotation)
        kind, cls = _kind(bare, meta)
        if kind not in (MODEL, ITEMS) or cls is None:
            return (full,)
        model = cls
    return (full,)


def resolve_item(path: str, source: FieldRef) -> FieldRef:
    """A path inside one item of a list field (a table column), e.g. "start" of a Period."""
    if source.kind != ITEMS or source.cls is None:
        raise PathError(f"'{source.path}' 不是列表", f"'{source.path}' is not a list")
    return resolve(path, source.cls)

