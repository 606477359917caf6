"""resources/guide/guide.json: the guide's rule-ish content is data; every time limit names its source."""
from __future__ import annotations

import json

import pytest

from app.domain import guide


@pytest.fixture(scope="module")
def data() -> guide.GuideData:
    return guide.load_guide_data()


def test_the_file_loads_strictly_and_says_what_it_is(data):
    assert data.about.compiled_on.year >= 2025
    assert data.about.note_zh and data.about.note_en and data.about.version


def test_every_time_limit_has_a_source(data):
    assert data.time_limits
    for limit in data.time_limits:
        assert limit.source.document.strip(), limit.id
        assert limit.source.article.strip(), limit.id
        assert limit.label.zh and limit.label.en, limit.id
        assert f"{limit.workdays} 个工作日" in limit.label.zh or str(limit.workdays) in limit.label.zh, limit.id


def test_the_2021_2016_and_66_time_limits_are_those_of_the_regulations(data):
    days = {limit.id: limit.workdays for limit in data.time_limits}
    assert (days["med_2021_out"], days["med_2021_in"], days["med_whole"]) == (10, 5, 15)
    assert (days["med_2016_letter"], days["med_2016_out"], days["med_2016_in"]) == (15, 15, 15)
    assert (days["pen_letter"], days["pen_out"], days["pen_in"]) == (15, 15, 15)
    sources = {limit.id: limit.source.document for limit in data.time_limits}
    assert sources["med_2021_out"].startswith("医保办发〔2021〕43号")
    assert sources["med_2016_out"].startswith("人社厅发〔2016〕94号")
    assert sources["pen_out"].startswith("国办发〔2009〕66号")


def test_ids_are_unique_in_every_list(data):
    for items in (data.time_limits, data.documents, data.materials, data.steps, data.notes):
        ids = [item.id for item in items]
        assert len(ids) == len(set(ids)), ids


def test_every_text_part_has_both_languages(data):
    def parts(value):
        if isinstance(value, dict):
            if "zh" in value and "en" in value:
                yield value
            for inner in value.values():
                yield from parts(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from parts(inner)

    for part in parts(data.model_dump(exclude={"about"})):
        assert part["zh"].strip() and part["en"].strip(), part


def test_unknown_keys_are_refused(tmp_path):
    raw = json.loads(guide.GUIDE_FILE.read_text(encoding="utf-8"))
    raw["time_limits"][0]["sourse"] = raw["time_limits"][0].pop("source")
    with pytest.raises(ValueError):
        guide.GuideData.model_validate(raw)
