"""Combining what the pages say (no OCR run: lines made here)."""
from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

from PIL import Image

from app.domain import idnumbers
from app.scan import reader
from app.scan.images import Page
from app.scan.layout import read_page

TODAY = date(2026, 11, 23)
BIRTH = date(1988, 7, 14)
NUMBER = idnumbers.make_id_number("440305", BIRTH, "019")


def _layout_helpers():
    spec = importlib.util.spec_from_file_location("scan_layout_tests", Path(__file__).with_name("test_layout.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


line = _layout_helpers().line


def _card(number=NUMBER, name="林晓测", name_confidence=0.99, birth="1988年7月14日"):
    return [line("姓名", 50, 60), line(name, 180, 60, confidence=name_confidence),
            line("性别", 50, 140), line("男", 180, 140), line("出生", 50, 220), line(birth, 180, 220),
            line("住址", 50, 300), line("广东省深圳市南山区示例路18号", 180, 300),
            line("公民身份号码", 50, 500), line(number, 300, 500)]


def _voucher(number=NUMBER):
    return [line("基本医疗保险参保凭证", 300, 20), line(f"姓名：林晓测", 50, 80),
            line(f"公民身份号码：{number}", 500, 80), line("转出地经办机构：深圳市医疗保障服务中心（章）", 50, 140),
            line("参保地", 50, 220, w=200), line("起始年月", 300, 220, w=200), line("截止年月", 550, 220, w=200),
            line("缴费月数", 800, 220, w=200),
            line("广东省深圳市", 50, 280, w=200), line("2017-01", 300, 280, w=200), line("2019-12", 550, 280, w=200),
            line("36", 880, 280, w=40)]


def _combine(*pages):
    blank = [Page(Image.new("RGB", (10, 10)), "x.png", 1) for _ in pages]
    return reader.combine(blank, [read_page(p) for p in pages], TODAY)


def test_card_and_voucher_make_one_draft():
    result = _combine(_card(), _voucher())
    data = result.draft_data()
    assert data["identity"] == {"name": "林晓测", "id_number": NUMBER, "sex": "male", "birth_date": "1988-07-14",
                                "hukou_address": "广东省深圳市南山区示例路18号"}
    assert data["history"] == [{"area_name": "广东省深圳市", "area_code": "440300", "start": "2017-01",
                                "end": "2019-12", "months_paid": "36"}]
    assert data["transfer"] == {"origin": {"name": "深圳市医疗保障服务中心"}}
    assert not result.notices
    result.draft()  # the draft model takes it


def test_a_misread_number_on_the_voucher_is_repaired_with_the_card_birth_date():
    misread = NUMBER.replace("0", "O", 1)
    result = _combine(_card(number="unreadable"), _voucher(number=misread))
    [item] = [f for f in result.fields if f.path == "identity.id_number"]
    assert (item.value, item.corrected) == (NUMBER, True)
    assert item.confidence < 1.0


def test_number_disagreeing_with_the_card_birth_date_stays_empty_with_a_message():
    other = idnumbers.make_id_number("440305", date(1977, 1, 1), "019")
    result = _combine(_card(number=other))
    assert "identity.id_number" not in [f.path for f in result.fields]
    [notice] = [n for n in result.notices if n.path == "identity.id_number"]
    assert notice.code == "id_birth_conflict"
    assert other not in notice.message("zh") and other not in notice.message("en")  # no value in a message


def test_name_read_unsurely_is_left_for_code_point_entry():
    result = _combine(_card(name="王某", name_confidence=0.6))
    assert "identity.name" not in [f.path for f in result.fields]
    [notice] = [n for n in result.notices if n.path == "identity.name"]
    assert notice.code == "name_unreadable" and "码位" in notice.message("zh") and "code point" in notice.message("en")


def test_a_page_with_nothing_recognisable_says_so():
    result = _combine([line("今天天气很好", 50, 50)])
    assert result.fields == [] and [n.code for n in result.notices] == ["nothing_read"]


class _Engine:
    def __init__(self, pages):
        self.pages = list(pages)
        self.calls = 0

    def read(self, image):
        self.calls += 1
        return self.pages.pop(0)


def test_progress_is_reported_per_page_and_cancel_stops_before_the_next_page():
    import pytest

    pages = [Page(Image.new("RGB", (10, 10)), "x.png", n) for n in (1, 2, 3)]
    seen = []
    engine = _Engine([_card(), _voucher(), []])
    with pytest.raises(reader.Cancelled):
        reader.scan_pages(pages, today=TODAY, engine=engine, progress=lambda d, t: seen.append((d, t)),
                          cancelled=lambda: engine.calls >= 1)
    assert engine.calls == 1 and seen == [(0, 3)]
    engine = _Engine([_card(), _voucher(), []])
    seen.clear()
    result = reader.scan_pages(pages, today=TODAY, engine=engine, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)] and result.kinds == ["id_card", "medical_voucher", "unknown"]
