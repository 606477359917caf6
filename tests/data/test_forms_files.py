"""The shipped forms/*.toml: every one loads, and the loader rejects bad files with a message
that names the file and the place of the error, in Chinese and English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import paths
from app.formspec import FormSpecError, load_all, load_form
from app.formspec import spec as fs

SHIPPED = {
    "medical_application",
    "certificate_request",
    "pension_application",
    "pension_voucher_request",
    "power_of_attorney",
}
MEDICAL = paths.FORMS / "medical_application.toml"


def test_every_shipped_form_loads_and_is_named_by_its_file():
    specs = load_all()
    assert set(specs) == SHIPPED
    for form_id, spec in specs.items():
        assert (paths.FORMS / f"{form_id}.toml").is_file()
        assert spec.height_mm() <= fs.CONTENT_HEIGHT_MM


@pytest.mark.parametrize("form_id", sorted(SHIPPED))
def test_shipped_form_rows_fill_the_grid_and_columns_fill_the_page(form_id):
    spec = load_form(paths.FORMS / f"{form_id}.toml")
    assert sum(spec.columns) == pytest.approx(fs.CONTENT_WIDTH_MM)
    for section in spec.sections:
        columns = spec.section_columns(section)
        for row in section.rows:
            assert sum(cell.span for cell in row.cells) == len(columns)
        if section.table is not None:
            assert sum(c.width for c in section.table.columns) == pytest.approx(fs.CONTENT_WIDTH_MM)


def test_pension_forms_require_the_pension_and_the_power_of_attorney_an_agent():
    specs = load_all()
    assert specs["pension_application"].requires == ["transfer.pension"]
    assert specs["pension_voucher_request"].requires == ["transfer.pension"]
    assert specs["power_of_attorney"].requires == ["transfer.agent"]
    assert specs["medical_application"].requires == []
    assert specs["certificate_request"].requires == []


def _broken(tmp_path: Path, old: str, new: str, source: Path = MEDICAL) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old}"
    target = tmp_path / source.name
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def _error(path: Path) -> str:
    with pytest.raises(FormSpecError) as info:
        load_form(path)
    message = str(info.value)
    assert path.name in message
    return message


def test_unknown_key_in_a_cell_names_file_and_place(tmp_path):
    bad = _broken(tmp_path, '{ label = "姓名" }', '{ label = "姓名", colour = "red" }')
    message = _error(bad)
    assert "sections[0].rows[0].cells[0].colour" in message
    assert "未知的键" in message and "unknown key" in message


def test_unknown_top_level_key_is_rejected(tmp_path):
    bad = _broken(tmp_path, 'format = 1\n', 'format = 1\npaper = "A3"\n')
    message = _error(bad)
    assert re.search(r"toml: paper: 未知的键 / unknown key", message)


def test_unknown_field_path_names_file_place_and_path(tmp_path):
    bad = _broken(tmp_path, '{ value = "identity.name" }', '{ value = "identity.nmae" }')
    message = _error(bad)
    assert "sections[0].rows[0].cells[1].value" in message
    assert "未知的字段路径 'identity.nmae'" in message
    assert "unknown field path 'identity.nmae'" in message


def test_field_path_into_an_optional_part_is_checked_too(tmp_path):
    bad = _broken(tmp_path, '{ value = "transfer.agent.relation" }', '{ value = "transfer.agent.relashun" }')
    assert "unknown field path 'transfer.agent.relashun'" in _error(bad)


def test_a_section_is_not_a_printable_value(tmp_path):
    bad = _broken(tmp_path, '{ value = "identity.name" }', '{ value = "identity" }')
    assert "not a single printable value" in _error(bad)


def test_placeholder_with_unknown_path_is_rejected(tmp_path):
    bad = _broken(tmp_path, "{transfer.origin.area_name}（", "{transfer.origin.area_nam}（")
    message = _error(bad)
    assert "sections[1].rows[1].cells[1].text" in message
    assert "transfer.origin.area_nam" in message


def test_stray_brace_in_a_text_is_rejected(tmp_path):
    bad = _broken(tmp_path, "年　　月　　日", "年　{　月　　日")
    assert "braces" in _error(bad)


def test_cells_wider_than_the_columns_are_rejected(tmp_path):
    bad = _broken(tmp_path, '{ value = "identity.address", span = 5 }', '{ value = "identity.address", span = 6 }')
    message = _error(bad)
    assert "sections[0].rows[4].cells" in message
    assert "span 7 columns but the section has 6" in message
    assert "共占 7 列" in message


def test_columns_that_do_not_fill_the_page_are_rejected(tmp_path):
    bad = _broken(tmp_path, "columns = [25, 35, 25, 35, 25, 35]", "columns = [25, 35, 25, 35, 25, 30]")
    message = _error(bad)
    assert re.search(r"toml: columns: .*175 mm", message)


def test_table_column_with_unknown_item_field_is_rejected(tmp_path):
    bad = _broken(tmp_path, 'value = "employer_name"', 'value = "employer"')
    message = _error(bad)
    assert "sections[2].table.columns[3].value" in message
    assert "unknown field path 'employer'" in message


def test_choice_option_that_is_not_a_value_of_the_field_is_rejected(tmp_path):
    bad = _broken(tmp_path, "options = { male = ", "options = { man = ")
    message = _error(bad)
    assert "sections[0].rows[0].cells[3].options.man" in message
    assert "male" in message and "female" in message


def test_cell_with_two_kind_keys_is_rejected(tmp_path):
    bad = _broken(tmp_path, '{ label = "姓名" }', '{ label = "姓名", value = "identity.name" }')
    message = _error(bad)
    assert "sections[0].rows[0].cells[0]" in message
    assert "only one kind key" in message


def test_form_taller_than_a_page_is_rejected(tmp_path):
    bad = _broken(tmp_path, "height = 14\n", "height = 60\n")
    message = _error(bad)
    assert "more than the 267 mm of one page" in message


def test_only_with_a_part_that_is_never_absent_is_rejected(tmp_path):
    bad = _broken(tmp_path, 'only_with = "transfer.agent"', 'only_with = "transfer.origin"')
    assert "never absent" in _error(bad)


def test_id_must_match_the_file_name(tmp_path):
    bad = _broken(tmp_path, 'id = "medical_application"', 'id = "medical"')
    assert "toml: id:" in _error(bad)


def test_toml_syntax_error_names_the_file(tmp_path):
    bad = _broken(tmp_path, 'title = "', 'title = ')
    assert "TOML" in _error(bad)


def test_every_error_is_reported_not_only_the_first(tmp_path):
    first = _broken(tmp_path, '{ value = "identity.name" }', '{ value = "identity.nmae" }')
    text = first.read_text(encoding="utf-8").replace('{ value = "identity.phone" }', '{ value = "identity.fone" }', 1)
    first.write_text(text, encoding="utf-8")
    with pytest.raises(FormSpecError) as info:
        load_form(first)
    assert len(info.value.errors) == 2


def test_shipped_file_errors_are_named_relative_to_the_project(monkeypatch, tmp_path):
    # Errors in the shipped folder read "forms/<file>.toml: place: ...".
    bad = _broken(tmp_path, '{ value = "identity.name" }', '{ value = "identity.nmae" }')
    monkeypatch.setattr(paths, "ROOT", tmp_path.parent)
    message = _error(bad)
    assert message.startswith(f"{tmp_path.name}/medical_application.toml: sections[0].rows[0].cells[1].value: ")
