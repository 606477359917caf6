"""What applies to a case, what is required, and each field's length limit: one Qt-free place."""
from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import TypeAdapter, ValidationError

from app.domain import applicability
from app.domain.application import check, complete
from app.domain.fields import strict_field


# --- parts --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("changes", "agent", "pension", "employer", "employer_required"),
    [
        pytest.param({}, False, False, True, False, id="self-employee"),
        pytest.param({"transfer.destination_scheme": "resident"}, False, False, False, False, id="self-resident"),
        pytest.param({"transfer.filer": "agent"}, True, False, True, False, id="agent"),
        pytest.param({"transfer.filer": "employer", "transfer.destination_scheme": "resident"},
                     False, False, True, True, id="employer-files"),
        pytest.param({"transfer.pension_moves": True}, False, True, True, False, id="pension"),
    ],
)
def test_parts_apply_by_filer_scheme_and_pension(make_draft, changes, agent, pension, employer, employer_required):
    case = applicability.parts(make_draft(changes))
    assert (case.agent, case.pension, case.new_employer, case.new_employer_required) == (
        agent, pension, employer, employer_required)


def test_new_employer_of_a_resident_destination_is_neither_checked_nor_printed(make_draft, today):
    draft = make_draft({"transfer.destination_scheme": "resident",
                        "transfer.new_employer": {"name": "杭州样例有限公司", "uscc": "not a code"}})
    assert not check(draft, today).errors  # the bad code of a part that does not apply is not checked
    assert complete(draft, today).transfer.new_employer is None


def test_new_employer_of_an_employee_destination_is_checked_and_kept(make_draft, today):
    draft = make_draft({"transfer.new_employer": {"name": "杭州样例有限公司", "uscc": "not a code"}})
    assert [f.path for f in check(draft, today).errors] == ["transfer.new_employer.uscc"]


def test_empty_pension_offices_are_unknown_not_empty(make_draft, today):
    draft = make_draft({"transfer.pension_moves": True,
                        "transfer.pension": {"start": "2019-01", "end": "2026-06",
                                             "origin_office": {"name": "  ", "phone": ""},
                                             "destination_office": {"name": "杭州市社会保险管理服务中心"}}})
    pension = complete(draft, today).transfer.pension
    assert pension.origin_office is None
    assert pension.destination_office.name == "杭州市社会保险管理服务中心"


@pytest.mark.parametrize(
    ("changes", "path", "expected"),
    [
        pytest.param({}, "transfer.origin.name", True, id="agency-name"),
        pytest.param({}, "transfer.origin.phone", False, id="agency-phone-optional"),
        pytest.param({}, "transfer.agent.name", False, id="agent-name-when-self"),
        pytest.param({"transfer.filer": "agent"}, "transfer.agent.name", True, id="agent-name-when-agent"),
        pytest.param({"transfer.filer": "agent"}, "transfer.agent.address", False, id="agent-address"),
        pytest.param({}, "transfer.new_employer.name", False, id="employer-when-self"),
        pytest.param({"transfer.filer": "employer"}, "transfer.new_employer.name", True, id="employer-files"),
        pytest.param({"transfer.pension_moves": True}, "transfer.pension.start", True, id="pension-start"),
        pytest.param({"transfer.pension_moves": True}, "transfer.pension.origin_office.name", False,
                     id="pension-office-optional"),
        pytest.param({}, "transfer.pension.start", False, id="pension-not-moving"),
        pytest.param({}, "history.3.end", True, id="history-row"),
    ],
)
def test_required_follows_the_model_and_the_parts(make_draft, changes, path, expected):
    assert applicability.required(make_draft(changes), path) is expected


# --- limits -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("path", "limit"),
    [
        ("identity.name", 60), ("identity.address", 100), ("transfer.origin.name", 50),
        ("transfer.new_employer.name", 100), ("transfer.agent.relation", 20), ("history.7.employer_name", 100),
        ("transfer.pension.origin_office.name", 50), ("transfer.pension.destination_office.phone", 30),
        ("identity.id_number", 40), ("transfer.signed_on", 20),
    ],
)
def test_max_length_is_read_from_the_model(path, limit):
    assert applicability.max_length(path) == limit


def test_pick_lists_have_no_length_and_unknown_paths_are_refused():
    assert applicability.max_length("transfer.reason") is None
    with pytest.raises(KeyError):
        applicability.max_length("transfer.nonsense")


def _typed_text_paths() -> list[str]:
    return [p for p in applicability.leaf_paths() if applicability.max_length(p) is not None]


def test_every_typed_answer_has_a_limit():
    """Every field typed as text in the wizard (not a pick list, not a tick box) has a limit."""
    untyped = {"identity.sex", "identity.id_type", "identity.hukou_type", "history.*.scheme", "history.*.status",
               "transfer.reason", "transfer.filer", "transfer.destination_scheme", "transfer.filed_at",
               "transfer.retired", "transfer.pension_moves", "transfer.pension.destination_is_hukou_place",
               "transfer.pension.approved_transfer", "transfer.agent.id_type"}
    assert set(applicability.leaf_paths()) - set(_typed_text_paths()) == untyped


@pytest.mark.parametrize("path", [p for p in _typed_text_paths() if not p.endswith(("id_number", "uscc"))])
def test_no_answer_longer_than_its_limit_is_valid(path):
    """Free text is refused just past its limit and accepted at it: the wizard's cap is where the
    model starts refusing (one source). Formatted answers (phones, months) refuse it anyway."""
    info = strict_field(path)
    annotation = info.annotation
    adapter = TypeAdapter(Annotated[annotation, *info.metadata] if info.metadata else annotation)
    limit = applicability.max_length(path)
    with pytest.raises(ValidationError) as error:
        adapter.validate_python("测" * (limit + 1))
    if error.value.errors()[0]["type"].endswith("_too_long"):
        adapter.validate_python("测" * limit)
