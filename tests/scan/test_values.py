"""Raw text -> values, through the domain's own parsers."""
from __future__ import annotations

from datetime import date

import pytest

from app.scan import values


@pytest.mark.parametrize("text, expected", [
    ("2017-01", ("2017-01", False)), ("201701", ("2017-01", False)), ("2017年01月", ("2017-01", False)),
    ("2017.1", ("2017-01", False)), ("2O17-O1", ("2017-01", True)), ("２０１７－０１", ("2017-01", False)),
])
def test_month_as_printed_reads_as_the_canonical_month(text, expected):
    assert values.month(text) == expected


@pytest.mark.parametrize("text", ["2017-13", "1949-12", "20171", "年月", ""])
def test_month_the_domain_refuses_is_unreadable(text):
    with pytest.raises(values.Unreadable):
        values.month(text)


@pytest.mark.parametrize("text, expected", [("945.35", "945.35"), ("12,345.60", "12345.60"), ("¥88", "88.00"),
                                            ("1O0.5", "100.50")])
def test_money_reads_with_two_decimals(text, expected):
    assert values.money(text)[0] == expected


@pytest.mark.parametrize("text", ["12.345", "-5", "abc", "123456789012.00"])
def test_money_the_domain_refuses_is_unreadable(text):
    with pytest.raises(values.Unreadable):
        values.money(text)


def test_count_reads_months_and_refuses_more_than_the_domain_allows():
    assert values.count("36") == ("36", False)
    assert values.count("36个月") == ("36", False)
    with pytest.raises(values.Unreadable):
        values.count("1201")


@pytest.mark.parametrize("text, scheme", [("职工基本医疗保险", "employee"), ("城乡居民基本医疗保险", "resident"),
                                          ("居民医保", "resident"), ("城镇居民基本医疗保险", "urban_resident"),
                                          ("新型农村合作医疗", "ncms")])
def test_scheme_words_map_to_the_schemes(text, scheme):
    assert values.scheme(text) == scheme


def test_birth_line_of_the_card_reads_as_a_date():
    assert values.birth_date("1978年11月2日") == date(1978, 11, 2)
    with pytest.raises(values.Unreadable):
        values.birth_date("1978年13月2日")


def test_stamp_mark_after_an_agency_name_is_dropped():
    assert values.plain_text("安阳市医疗保障服务中心（章）", 50) == "安阳市医疗保障服务中心"


def test_name_with_a_character_that_cannot_be_in_a_name_is_unreadable():
    with pytest.raises(values.Unreadable):
        values.name("王?明")
