"""Every shipped local pack (resources/packs/*.json): loads with the strict loader, names real
GB/T 2260 areas, gives every fact a source, and invents no office."""
from __future__ import annotations

from datetime import date

import pytest

from app.domain import packs, regions

PACKS = packs.shipped()


def test_at_least_two_packs_ship():
    assert len(PACKS) >= 2


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.id)
def test_pack_areas_are_real_codes(pack):
    for area in pack.pack.areas:
        assert regions.get(area.ljust(6, "0")) is not None, area


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.id)
def test_pack_facts_carry_sources_and_dates(pack):
    assert pack.pack.compiled_on <= date.today()
    assert pack.pack.title_zh and pack.pack.title_en and pack.pack.note_zh and pack.pack.note_en
    for item in (*pack.rules, *pack.overrides, *pack.materials, *pack.notes, *pack.offices):
        assert item.source.document.strip() and item.source.article.strip()
    for rule in pack.rules:
        assert rule.effective_from <= pack.pack.compiled_on
        assert rule.message_zh.strip() and rule.message_en.strip() and rule.message_zh != rule.message_en


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.id)
def test_pack_rule_ids_do_not_clash(pack):
    others = {r.id for p in PACKS if p is not pack for r in p.rules}
    assert not others & {r.id for r in pack.rules}


def test_shipped_packs_list_no_office_the_reference_does_not_give():
    # the reference material names no office address or phone in 南京 or 上海
    assert all(not p.offices for p in PACKS)
