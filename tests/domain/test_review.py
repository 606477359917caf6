"""The answers as the review page lists them: sections, order, values as people read them,
values decoded from the ID number marked, rare characters named by code point."""
from __future__ import annotations

import pytest

from app import paths
from app.storage import drafts
from app.domain import review
from app.domain.enums import Filer, Sex


def example(name: str):
    return drafts.load(sorted(paths.EXAMPLES.glob(f"{name}*.json"))[0])


def answers(sections) -> dict[str, review.Answer]:
    return {answer.path: answer for section in sections for answer in section.answers}


def test_sections_of_a_pension_case_are_identity_history_transfer_and_pension(today):
    sections = review.sections(example("04"), today)
    assert [s.key for s in sections] == ["identity", "history", "transfer", "pension"]
    assert [s.title for s in sections] == ["身份信息", "参保记录", "转移信息", "养老保险"]


def test_agent_section_appears_only_when_an_agent_files(today):
    draft = example("05")
    assert "agent" in [s.key for s in review.sections(draft, today)]
    draft.transfer.filer = Filer.SELF
    assert "agent" not in [s.key for s in review.sections(draft, today)]


def test_every_answered_field_is_listed_with_its_label(today, make_draft):
    found = answers(review.sections(make_draft(), today))
    assert found["identity.name"].label == "姓名"
    assert found["identity.name"].value == "林晓测"
    assert found["transfer.destination.area_name"].value == "浙江省杭州市"
    assert not found["identity.hukou_address"].answered


@pytest.mark.parametrize(("path", "value", "lang", "shown"), [
    ("transfer.enrol_month", "2024-3", "zh", "2024年03月"),
    ("transfer.enrol_month", "2024年3月", "en", "2024-03"),
    ("transfer.enrol_month", "not a month", "zh", "not a month"),
    ("transfer.signed_on", "2026-11-02", "zh", "2026年11月02日"),
    ("transfer.retired", False, "zh", "否"),
    ("transfer.pension_moves", True, "en", "Yes"),
    ("identity.sex", Sex.FEMALE, "zh", "女"),
    ("history.0.account_balance", "12.50", "zh", "12.50 元"),
    ("history.2.months_paid", "7", "zh", "7 个月"),
    ("identity.name", "  ", "zh", ""),
    ("identity.name", None, "zh", ""),
])
def test_format_value_reads_as_people_write(path, value, lang, shown):
    assert review.format_value(path, value, lang) == shown


def test_sex_and_birth_date_decoded_from_the_id_number_are_marked(today):
    found = answers(review.sections(example("04"), today))
    assert found["identity.sex"].origin == review.FROM_ID
    assert found["identity.birth_date"].origin == review.FROM_ID
    assert found["identity.birth_date"].value == "1988年02月29日"  # not typed: filled from the number
    assert found["identity.name"].origin is None


def test_a_typed_sex_that_contradicts_the_number_is_not_marked_as_decoded(today):
    draft = example("04")
    draft.identity.sex = Sex.MALE  # the number says female
    found = answers(review.sections(draft, today))
    assert found["identity.sex"].origin is None
    assert found["identity.sex"].value == "男"


def test_one_line_per_period_with_months_and_scheme(today):
    history = [s for s in review.sections(example("04"), today) if s.key == "history"][0]
    assert len(history.answers) == 1
    line = history.answers[0]
    assert line.path == "history.0"
    assert line.label == "第1段参保记录"
    first, second = line.value.split("\n")
    assert first == "江苏省南京市（320100） · 职工基本医疗保险 · 2013年09月—2026年08月 · 暂停"
    assert "个人账户余额 8888.88 元" in second


def test_a_period_with_blanks_still_has_its_line(today):
    draft = example("04")
    draft.history[0].scheme = None
    draft.history[0].start = None
    line = review.period_line(draft, 0, "zh")
    assert "险种未填写" in line and "?—2026年08月" in line


def test_rare_characters_of_a_name_are_named_by_code_point(today):
    found = answers(review.sections(example("06"), today))
    assert found["identity.name"].rare == "𠮷 U+20BB7"
    assert found["identity.phone"].rare == ""


def test_english_labels_and_titles(today):
    sections = review.sections(example("04"), today, "en")
    assert sections[0].title == "Identity"
    assert answers(sections)["transfer.stop_month"].value == "2026-08"


def test_an_employer_the_domain_drops_is_not_reviewed(make_draft, today):
    """A resident destination: the employer typed earlier is neither checked nor printed, so the
    review does not list it either (it did, while the packet left it out without a word)."""
    draft = make_draft({"transfer.destination_scheme": "resident",
                        "transfer.new_employer": {"name": "杭州样例有限公司"}})
    assert "transfer.new_employer.name" not in answers(review.sections(draft, today))
    kept = make_draft({"transfer.new_employer": {"name": "杭州样例有限公司"}})
    assert answers(review.sections(kept, today))["transfer.new_employer.name"].value == "杭州样例有限公司"


def test_pension_offices_are_reviewed_with_the_pension(today):
    found = answers(review.sections(example("04"), today))
    assert found["transfer.pension.origin_office.name"].value == "南京市社会保险管理中心"
    assert found["transfer.pension.destination_office.name"].value == "武汉市社会保险中心"
