"""The strict loader of form files: TOML in, a checked FormSpec out, or an error that names the
file and the place (e.g. "forms/medical_application.toml: sections[2].rows[1].cells[3].value:
未知的字段路径 'identity.nmae' / unknown field path 'identity.nmae'").

Owns: reading forms/*.toml, turning pydantic's errors into located bilingual messages, and the
checks a schema cannot express: every field path exists in the Application model and has a
printable kind, choice options are values of the field's pick list, the cells of a row fill the
grid exactly, column widths fill the page width, and the declared heights fit one page.
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from app import paths
from app.formspec import fieldpaths as fp
from app.formspec.spec import (
    CELL_KINDS,
    CONTENT_HEIGHT_MM,
    CONTENT_WIDTH_MM,
    ChoiceCell,
    CombCell,
    FormSpec,
    ItemsCell,
    SignCell,
    TextCell,
    ValueCell,
)

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_WIDTH_TOLERANCE_MM = 0.05

_PYDANTIC_MESSAGES = {
    "extra_forbidden": ("未知的键", "unknown key"),
    "missing": ("缺少必填的键", "required key missing"),
    "union_tag_not_found": (
        "单元格必须有且只有一个类型键（" + "、".join(CELL_KINDS) + "）",
        "a cell needs exactly one kind key (" + ", ".join(CELL_KINDS) + ")",
    ),
    "union_tag_invalid": (
        "单元格只能有一个类型键（" + "、".join(CELL_KINDS) + "）",
        "a cell may have only one kind key (" + ", ".join(CELL_KINDS) + ")",
    ),
}


class FormSpecError(ValueError):
    """A form file is wrong. `errors` lists every problem found, each naming file and place."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:
        return str(path)


def _place(loc: tuple) -> str:
    """('sections', 2, 'rows', 1, 'cells', 3, 'value', 'spn') -> 'sections[2].rows[1].cells[3].spn'.

    The cell union adds its tag after a cell's index; it is dropped."""
    out = ""
    skip = set()
    for i, part in enumerate(loc):
        if i >= 2 and loc[i - 2] == "cells" and isinstance(loc[i - 1], int) and isinstance(part, str):
            if part in CELL_KINDS or "+" in part:
                skip.add(i)
    for i, part in enumerate(loc):
        if i in skip:
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def _schema_errors(error: ValidationError) -> Iterator[tuple[str, str, str]]:
    for item in error.errors(include_url=False):
        kind = item["type"]
        zh, en = _PYDANTIC_MESSAGES.get(kind, ("值无效", "invalid value"))
        if kind not in _PYDANTIC_MESSAGES:
            en = f"{en}: {item['msg']}"
        yield _place(item["loc"]), zh, en


def load_form(path: str | Path) -> FormSpec:
    """Read and check one form file; raise FormSpecError naming the file and every bad place."""
    path = Path(path)
    name = _display(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FormSpecError([f"{name}: 无法读取文件 / cannot read the file ({exc.strerror})"]) from None
    except UnicodeDecodeError:
        raise FormSpecError([f"{name}: 文件不是 UTF-8 文本 / the file is not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise FormSpecError([f"{name}: TOML 语法错误 / TOML syntax error: {exc}"]) from None
    try:
        spec = FormSpec.model_validate(data)
    except ValidationError as exc:
        raise FormSpecError([f"{name}: {place}: {zh} / {en}" for place, zh, en in _schema_errors(exc)]) from None
    problems = [f"{name}: {place}: {zh} / {en}" for place, zh, en in check(spec, path.stem)]
    if problems:
        raise FormSpecError(problems)
    return spec


def load_all(folder: str | Path | None = None) -> dict[str, FormSpec]:
    """Every form in forms/ (or `folder`), by id, in file-name order. The shipped forms are
    read once per process (specs are frozen); a given folder is read every time."""
    if folder is None:
        return dict(_shipped())
    return _read_all(Path(folder))


@cache
def _shipped() -> dict[str, FormSpec]:
    return _read_all(paths.FORMS)


def _read_all(folder: Path) -> dict[str, FormSpec]:
    specs = {}
    for file in sorted(folder.glob("*.toml")):
        spec = load_form(file)
        specs[spec.id] = spec
    return specs


def printed_paths(spec: FormSpec) -> frozenset[str]:
    """Every answer the form prints (as root paths without list indexes, e.g. "history.end"):
    what its value, comb, choice, date and text cells, its table and its continuation header
    show. Conditions (`requires`, `only_with`, an item's `when`) decide whether something is
    printed and are not counted. A finding on one of these holds the form back (app.domain.packet)."""
    found: set[str] = set()

    def template(text: str | None, prefix: str = "") -> None:
        for match in _PLACEHOLDER.finditer(text or ""):
            found.update(fp.inputs(match.group(1), prefix))

    template(spec.continuation_header)
    for section in spec.sections:
        for row in section.rows:
            for cell in row.cells:
                for attr in ("value", "comb", "choice", "date"):
                    path = getattr(cell, attr, None)
                    if isinstance(path, str) and not (isinstance(cell, SignCell) and attr != "date"):
                        found.update(fp.inputs(path))
                if isinstance(cell, TextCell):
                    template(cell.text)
                if isinstance(cell, ItemsCell):
                    for item in cell.items:
                        template(item.text)
        if section.table is not None:
            table = section.table
            for column in table.columns:
                if column.value is not None:
                    found.update(fp.inputs(column.value, table.source))
                template(column.text, table.source)
    return frozenset(found)


# --- checks beyond the schema ---------------------------------------------------------------

Problem = tuple[str, str, str]  # place, Chinese, English


def check(spec: FormSpec, stem: str) -> list[Problem]:
    problems: list[Problem] = []
    if spec.id != stem:
        problems.append(("id", f"id '{spec.id}' 应与文件名 '{stem}' 相同",
                         f"id '{spec.id}' must equal the file name '{stem}'"))
    problems += _width("columns", spec.columns)
    problems += _template("continuation_header", spec.continuation_header)
    for i, required in enumerate(spec.requires):
        problems += _path(f"requires[{i}]", required, allow=None)
    for s, section in enumerate(spec.sections):
        problems += _section(f"sections[{s}]", section, spec.section_columns(section))
    height = spec.height_mm()
    if height > CONTENT_HEIGHT_MM + 1e-6:
        problems.append(("sections", f"声明的高度共 {height:.1f} mm，超过一页可用的 {CONTENT_HEIGHT_MM:.0f} mm",
                         f"the declared heights add up to {height:.1f} mm, more than the "
                         f"{CONTENT_HEIGHT_MM:.0f} mm of one page"))
    return problems


def _width(place: str, widths: list[float]) -> list[Problem]:
    total = sum(widths)
    if any(w <= 0 for w in widths):
        return [(place, "列宽必须大于 0", "column widths must be positive")]
    if abs(total - CONTENT_WIDTH_MM) > _WIDTH_TOLERANCE_MM:
        return [(place, f"列宽之和为 {total:g} mm，应为页面内容宽度 {CONTENT_WIDTH_MM:g} mm",
                 f"the column widths add up to {total:g} mm; they must fill the "
                 f"{CONTENT_WIDTH_MM:g} mm content width")]
    return []


def _path(place: str, path: str, allow: frozenset | None = fp.PRINTABLE,
          root: fp.FieldRef | None = None) -> list[Problem]:
    try:
        ref = fp.resolve_item(path, root) if root is not None else fp.resolve(path)
    except fp.PathError as exc:
        return [(place, exc.reason_zh, exc.reason_en)]
    if allow is not None and ref.kind not in allow:
        return [(place, f"'{path}' 不是可打印的单个值（类型 {ref.kind}）",
                 f"'{path}' is not a single printable value (kind {ref.kind})")]
    return []


def _template(place: str, text: str | None, root: fp.FieldRef | None = None) -> list[Problem]:
    if text is None:
        return []
    problems = []
    for match in _PLACEHOLDER.finditer(text):
        problems += _path(place, match.group(1), root=root)
    rest = _PLACEHOLDER.sub("", text)
    if "{" in rest or "}" in rest:
        problems.append((place, "花括号只能用于 {字段路径} 占位符", "braces may only enclose a {field.path} placeholder"))
    return problems


def _section(place: str, section, columns: list[float]) -> list[Problem]:
    problems: list[Problem] = []
    if section.columns is not None:
        problems += _width(f"{place}.columns", section.columns)
    if section.only_with is not None:
        try:
            ref = fp.resolve(section.only_with)
        except fp.PathError as exc:
            problems.append((f"{place}.only_with", exc.reason_zh, exc.reason_en))
        else:
            if not ref.optional:
                problems.append((f"{place}.only_with", f"'{section.only_with}' 总是存在，不能作为条件",
                                 f"'{section.only_with}' is never absent, so it cannot be a condition"))
    if not section.rows and section.table is None:
        problems.append((place, "一节至少要有 rows 或 table", "a section needs rows or a table"))
    for r, row in enumerate(section.rows):
        row_place = f"{place}.rows[{r}]"
        spans = sum(cell.span for cell in row.cells)
        if spans != len(columns):
            problems.append((f"{row_place}.cells", f"单元格共占 {spans} 列，而本节有 {len(columns)} 列",
                             f"the cells span {spans} columns but the section has {len(columns)}"))
        for c, cell in enumerate(row.cells):
            problems += _cell(f"{row_place}.cells[{c}]", cell)
    if section.table is not None:
        problems += _table(f"{place}.table", section.table)
    return problems


def _cell(place: str, cell) -> list[Problem]:
    if isinstance(cell, ValueCell):
        return _path(f"{place}.value", cell.value)
    if isinstance(cell, TextCell):
        return _template(f"{place}.text", cell.text)
    if isinstance(cell, CombCell):
        return _path(f"{place}.comb", cell.comb, allow=frozenset({fp.TEXT}))
    if isinstance(cell, SignCell) and cell.date is not None:
        return _path(f"{place}.date", cell.date, allow=frozenset({fp.DATE}))
    if isinstance(cell, ItemsCell):
        problems = []
        for i, item in enumerate(cell.items):
            problems += _template(f"{place}.items[{i}].text", item.text)
            if item.when is not None:
                problems += _path(f"{place}.items[{i}].when", item.when, allow=None)
        return problems
    if isinstance(cell, ChoiceCell):
        return _choice(place, cell)
    return []


def _choice(place: str, cell: ChoiceCell) -> list[Problem]:
    problems = _path(f"{place}.choice", cell.choice, allow=frozenset({fp.ENUM, fp.BOOL}))
    if problems:
        return problems
    ref = fp.resolve(cell.choice)
    allowed = {"true", "false"} if ref.kind == fp.BOOL else {member.value for member in ref.cls}  # type: ignore[union-attr]
    for key in cell.options:
        if key not in allowed:
            problems.append((f"{place}.options.{key}", f"'{key}' 不是 '{cell.choice}' 的可选值（{'、'.join(sorted(allowed))}）",
                             f"'{key}' is not a value of '{cell.choice}' ({', '.join(sorted(allowed))})"))
    return problems


def _table(place: str, table) -> list[Problem]:
    problems = _path(f"{place}.source", table.source, allow=frozenset({fp.ITEMS}))
    problems += _width(f"{place}.columns", [c.width for c in table.columns])
    if problems:
        return problems
    source = fp.resolve(table.source)
    for i, column in enumerate(table.columns):
        col_place = f"{place}.columns[{i}]"
        kinds = [k for k in ("value", "text") if getattr(column, k) is not None] + (["index"] if column.index else [])
        if len(kinds) != 1:
            problems.append((col_place, "列必须有且只有 value、text、index 之一",
                             "a column needs exactly one of value, text, index"))
            continue
        if column.value is not None:
            problems += _path(f"{col_place}.value", column.value, root=source)
        if column.text is not None:
            problems += _template(f"{col_place}.text", column.text, root=source)
    return problems
