"""Model configuration shared by every section: the strict complete form and the lenient draft.

Strict models are what printing accepts: frozen, typed, no unknown keys, and input values never
copied into error texts (an ID number must not reach a log through an exception message).
Draft models hold whatever the user has typed so far, exactly as typed, so nothing is lost.
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        hide_input_in_errors=True,
        frozen=True,
        validate_default=True,
    )


class Draft(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        hide_input_in_errors=True,
        validate_assignment=True,
    )


def _as_text(value: Any) -> Any:
    # Hand-edited draft files may hold numbers where we write strings; keep their text.
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    return value


def reads(*fields: str):
    """Marks a read-only property of a model with the fields it is computed from (dotted paths
    from the root of the application), so that a finding on one of them holds back every
    document that prints the property (app.domain.packet)."""

    def mark(func):
        func.reads = fields
        return func

    return mark


Loose = Annotated[str | None, BeforeValidator(_as_text)]
"""A draft value kept as typed (text), or None when not answered yet."""
