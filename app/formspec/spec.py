"""The typed shape of a form file (forms/*.toml), and the page geometry forms are drawn on.

Owns: the declared vocabulary of a printed form — sections of rows of cells on a grid of fixed
column widths, one optional table over a list field (the history), notes — as pydantic models
that reject unknown keys. What the paths mean and whether the form fits the page is checked by
the loader. Nothing here computes a fact about an application.
Imports nothing from Qt or reportlab.

Vocabulary of a cell (exactly one kind key per cell, plus `span`, the number of grid columns):

  { label = "姓名" }                         shaded caption, 9 pt
  { value = "identity.name" }                one field, printed by its kind (see fieldpaths)
  { text = "{a.b}（{c.d}）" }                 text with {field.path} placeholders; nothing else
  { comb = "identity.id_number", boxes = 18 } one character per box
  { choice = "identity.sex", options = { male = "男", female = "女" } }   drawn checkboxes
  { tick = ["职工", "城乡居民"] }              checkboxes left empty, ticked by hand
  { blank = true }                           room to write by hand
  { sign = "申请人（签字）：", date = "transfer.signed_on" }   signature room + date line
  { items = [{ text = "…", when = "transfer.pension_moves" }] }   numbered lines; `when` keeps
                                             an item only if the field is present and not false
"""
from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

# Page geometry, in millimetres (A4 portrait). The renderer converts; forms are checked against it.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_MM = 15.0
CONTENT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM
CONTENT_HEIGHT_MM = PAGE_HEIGHT_MM - 2 * MARGIN_MM
TITLE_MM = 12.0       # the title line
SUBTITLE_MM = 5.0     # the optional line under it
HEADING_MM = 6.0      # a section's heading bar
GAP_MM = 2.0          # before a frameless section and before the notes

Align = Literal["left", "center", "right"]
VAlign = Literal["top", "middle", "bottom"]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Cell(_Spec):
    span: int = Field(1, ge=1, le=24)


class LabelCell(_Cell):
    label: str
    align: Align = "center"


class ValueCell(_Cell):
    value: str
    align: Align = "left"
    name: str | None = None  # how the 附页 names it; default: the label to its left


class TextCell(_Cell):
    text: str
    align: Align = "left"
    valign: VAlign = "middle"
    size: float = Field(10.5, ge=7, le=16)
    name: str | None = None


class CombCell(_Cell):
    comb: str
    boxes: int = Field(18, ge=4, le=24)
    name: str | None = None


class ChoiceCell(_Cell):
    choice: str
    options: dict[str, str] = Field(min_length=1)
    name: str | None = None


class TickCell(_Cell):
    tick: list[str] = Field(min_length=1)


class BlankCell(_Cell):
    blank: Literal[True]


class SignCell(_Cell):
    sign: str
    date: str | None = None  # a date field; when absent or empty a blank "年 月 日" line


class Item(_Spec):
    text: str
    when: str | None = None


class ItemsCell(_Cell):
    items: list[Item] = Field(min_length=1)
    size: float = Field(10.5, ge=7, le=16)
    name: str | None = None


CELL_KINDS = ("label", "value", "text", "comb", "choice", "tick", "blank", "sign", "items")


def _cell_kind(data: Any) -> str | None:
    if not isinstance(data, dict):
        return next((k for k in CELL_KINDS if hasattr(data, k)), None)
    keys = [k for k in CELL_KINDS if k in data]
    if len(keys) != 1:
        return "+".join(keys) or None
    return keys[0]


Cell = Annotated[
    Union[
        Annotated[LabelCell, Tag("label")],
        Annotated[ValueCell, Tag("value")],
        Annotated[TextCell, Tag("text")],
        Annotated[CombCell, Tag("comb")],
        Annotated[ChoiceCell, Tag("choice")],
        Annotated[TickCell, Tag("tick")],
        Annotated[BlankCell, Tag("blank")],
        Annotated[SignCell, Tag("sign")],
        Annotated[ItemsCell, Tag("items")],
    ],
    Discriminator(_cell_kind),
]


class Row(_Spec):
    height: float = Field(gt=0, le=200)  # mm
    cells: list[Cell] = Field(min_length=1)


class Column(_Spec):
    """A table column: exactly one of value (item field), text (template over item fields), index."""

    header: str
    width: float = Field(gt=0)  # mm
    value: str | None = None
    text: str | None = None
    index: bool = False
    align: Align = "center"


class Table(_Spec):
    source: str
    rows: int = Field(ge=2, le=40)
    header_height: float = Field(gt=0)
    row_height: float = Field(gt=0)
    size: float = Field(9, ge=7, le=12)
    columns: list[Column] = Field(min_length=1)


class Section(_Spec):
    title: str | None = None
    columns: list[float] | None = None   # mm; default: the form's columns
    rows: list[Row] = Field(default_factory=list)
    table: Table | None = None
    only_with: str | None = None         # a part that may be absent, e.g. "transfer.agent"
    otherwise: Literal["strike", "blank"] = "strike"
    frame: bool = True                   # False: no borders (a letter's address line, a paragraph)


class Notes(_Spec):
    title: str = "填表说明"
    height: float = Field(gt=0)  # mm
    size: float = Field(8, ge=7, le=10.5)
    items: list[str] = Field(min_length=1)


class FormSpec(_Spec):
    format: Literal[1]
    id: str
    title: str
    short_title: str
    subtitle: str | None = None
    columns: list[float] = Field(min_length=1)
    continuation_header: str | None = None
    requires: list[str] = Field(default_factory=list)
    sections: list[Section] = Field(min_length=1)
    notes: Notes | None = None

    def section_columns(self, section: Section) -> list[float]:
        return section.columns or self.columns

    def applies_to(self, application: Any) -> bool:
        """True when every part the form `requires` is present in the application (declared
        data: e.g. the pension forms require "transfer.pension"). `application`: the complete
        model, or the data it is made from (nested dicts, as app.domain.application.prepared
        gives them), so that a draft with errors is answered too (app.domain.packet asks)."""
        for path in self.requires:
            obj = application
            for part in path.split("."):
                obj = obj.get(part) if isinstance(obj, dict) else getattr(obj, part, None)
                if obj is None:
                    return False
            if obj is False:
                return False
        return True

    def height_mm(self) -> float:
        """The height of the main page's content, as declared."""
        total = TITLE_MM + (SUBTITLE_MM if self.subtitle else 0.0)
        for section in self.sections:
            total += section_height_mm(section)
        if self.notes is not None:
            total += GAP_MM + self.notes.height
        return total


def section_height_mm(section: Section) -> float:
    total = HEADING_MM if section.title else 0.0
    if not section.frame:
        total += GAP_MM
    total += sum(row.height for row in section.rows)
    if section.table is not None:
        total += section.table.header_height + section.table.rows * section.table.row_height
    return total
