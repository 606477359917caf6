"""Shared fixtures: a complete draft of a fake person, and one triggering case per national rule.

Every ID number is made with make_id_number (valid check character, made-up person). With
--import-mode=importlib, test modules cannot import this file, so everything is a fixture.
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import os

import pytest
from hypothesis import settings

# CI runs the property tests on a fixed sequence of examples (reproducible, never a new
# random find at landing time); developers' runs stay random and keep finding new cases.
settings.register_profile("landing", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("landing")

from app.domain.application import ApplicationDraft
from app.domain.idnumbers import make_id_number

TODAY = date(2026, 11, 23)
PERSON_NAME = "林晓测"
PERSON_ID = make_id_number("440305", date(1990, 5, 12), "013")  # male, 广东省深圳市南山区
AGENT_ID = make_id_number("330106", date(1992, 3, 8), "024")  # female, 浙江省杭州市西湖区
HMT_ID = make_id_number("810000", date(1985, 3, 4), "021")  # 港澳台居民居住证, male

SHENZHEN = {"area_code": "440300", "area_name": "广东省深圳市", "name": "深圳市社会保险基金管理局",
            "address": "深圳市福田区示例路 1 号", "phone": "0755-12345678", "postcode": "518000"}
HANGZHOU = {"area_code": "330100", "area_name": "浙江省杭州市", "name": "杭州市医疗保障服务中心",
            "address": "杭州市上城区样例街 8 号", "phone": "0571-87654321", "postcode": "310000"}
SHANGHAI = {"area_code": "310115", "area_name": "上海市浦东新区", "name": "上海市浦东新区医疗保障事务中心",
            "address": "上海市浦东新区样例路 2 号", "phone": "021-12345678", "postcode": "200120"}


def base_data() -> dict:
    """A complete, error-free draft: employee job change 深圳 -> 杭州, stop 2026-06, enrol 2026-07."""
    return {
        "identity": {
            "name": PERSON_NAME, "sex": "male", "id_type": "resident_id", "id_number": PERSON_ID,
            "phone": "13800138000", "address": "浙江省杭州市西湖区样例路 1 号", "postcode": "310000",
        },
        "history": [
            {"area_code": "440300", "area_name": "广东省深圳市", "scheme": "employee", "start": "2019-01",
             "end": "2026-06", "status": "suspended", "employer_name": "深圳样例科技有限公司",
             "account_balance": "1000.00"},
        ],
        "transfer": {
            "reason": "job_change", "filer": "self", "origin": dict(SHENZHEN), "stop_month": "2026-06",
            "destination": dict(HANGZHOU), "destination_scheme": "employee", "enrol_month": "2026-07",
            "filed_at": "destination", "retired": False, "pension_moves": False,
        },
    }


def apply_changes(data: dict, changes: dict[str, Any]) -> dict:
    """Set dotted paths ("history.0.status", "transfer.pension"); an index one past the end appends."""
    data = copy.deepcopy(data)
    for path, value in changes.items():
        value = copy.deepcopy(value)  # later paths may change inside it; the shared cases must not change
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
        if isinstance(node, list):
            index = int(last)
            if index == len(node):
                node.append(value)
            else:
                node[index] = value
        else:
            node[last] = value
    return data


def build_draft(changes: dict[str, Any] | None = None) -> ApplicationDraft:
    return ApplicationDraft.model_validate(apply_changes(base_data(), changes or {}))


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def person() -> dict:
    """The fake applicant's name and numbers, for assertions."""
    return {"name": PERSON_NAME, "id_number": PERSON_ID, "agent_id_number": AGENT_ID, "hmt_id_number": HMT_ID}


@pytest.fixture
def make_draft() -> Callable[..., ApplicationDraft]:
    """make_draft({"transfer.enrol_month": "2026-09"}) -> the base draft with those changes."""
    return build_draft


# ------------------------------------------------------------------ one case per rule


def _pension(**extra) -> dict:
    return {"start": "2019-01", "end": "2026-06", "destination_is_hukou_place": False, "approved_transfer": False,
            **extra}


def _born(birth: date, seq: str) -> dict:
    """Identity changes for a person born on `birth` (odd seq -> male, even -> female)."""
    return {"identity.id_number": make_id_number("440305", birth, seq),
            "identity.sex": "male" if int(seq[-1]) % 2 else "female"}


@dataclass(frozen=True)
class RuleCase:
    positive: dict[str, Any]  # changes that make the rule fire
    negative: dict[str, Any]  # the closest changes that must not make it fire
    path: str  # where the positive finding points


_RESIDENT = {"history.0.scheme": "resident", "history.0.account_balance": None, "history.0.employer_name": None,
             "transfer.destination_scheme": "resident"}
_NCMS_BEFORE = {"history.0.start": "2020-02",
                "history.1": {"area_code": "411600", "area_name": "河南省周口市", "scheme": "ncms",
                              "start": "2017-01", "end": "2020-01", "status": "terminated"}}

RULE_CASES: dict[str, RuleCase] = {
    "MED-SCOPE-RETIREE": RuleCase({"transfer.retired": True}, {"transfer.retired": False}, "transfer.retired"),
    "MED-STOP-AT-ORIGIN": RuleCase({"history.0.status": "paying"}, {"history.0.status": "suspended"},
                                   "history.0.status"),
    "MED-ENROLLED-AT-DESTINATION": RuleCase({"transfer.enrol_month": "2026-12"}, {"transfer.enrol_month": "2026-11"},
                                            "transfer.enrol_month"),
    "MED-RESIDENT-NEXT-YEAR": RuleCase(
        _RESIDENT,
        {**_RESIDENT, "history.0.end": "2025-12", "transfer.stop_month": "2025-12", "transfer.enrol_month": "2026-01"},
        "transfer.enrol_month"),
    "MED-GAP-RETROACTIVE": RuleCase({"transfer.enrol_month": "2026-10"}, {"transfer.enrol_month": "2026-07"},
                                    "transfer.enrol_month"),
    "MED-GAP-WAITING-PERIOD": RuleCase({"transfer.enrol_month": "2026-11"}, {"transfer.enrol_month": "2026-10"},
                                       "transfer.enrol_month"),
    "MED-TYPE-CHANGE-CONTINUITY": RuleCase(
        {"history.0.start": "2024-08", "transfer.destination_scheme": "resident", "transfer.enrol_month": "2026-08"},
        {"history.0.start": "2024-07", "transfer.destination_scheme": "resident", "transfer.enrol_month": "2026-08"},
        "transfer.destination_scheme"),
    "MED-RESIDENT-WAITING": RuleCase({**_RESIDENT, "transfer.enrol_month": "2026-09"},
                                     {**_RESIDENT, "transfer.enrol_month": "2026-07"}, "transfer.enrol_month"),
    "MED-RESIDENT-CONTINUOUS": RuleCase(
        {**_RESIDENT, "history.0.end": "2025-12", "transfer.stop_month": "2025-12", "transfer.enrol_month": "2026-01"},
        {**_RESIDENT, "history.0.end": "2025-12", "transfer.stop_month": "2025-12", "transfer.enrol_month": "2026-02"},
        "transfer.enrol_month"),
    "MED-NO-DUPLICATE-ENROLMENT": RuleCase({"transfer.enrol_month": "2026-05"}, {"transfer.enrol_month": "2026-07"},
                                           "transfer.enrol_month"),
    "MED-ACCOUNT-EMPLOYEE-ONLY": RuleCase(
        {**_RESIDENT, "history.0.account_balance": "1000.00", "transfer.destination_scheme": "employee"},
        {**_RESIDENT, "history.0.account_balance": "0.00", "transfer.destination_scheme": "employee"},
        "history.0.account_balance"),
    "MED-ARREARS": RuleCase({"history.0.arrears_months": "2"}, {"history.0.arrears_months": "0"},
                            "history.0.arrears_months"),
    "MED-ACCOUNT-OVERDRAFT": RuleCase({"history.0.overdraft": "12.50"}, {"history.0.overdraft": "0"},
                                      "history.0.overdraft"),
    "MED-LEGACY-SCHEME": RuleCase(_NCMS_BEFORE, {**_NCMS_BEFORE, "history.1.end": "2019-12"}, "history.1.scheme"),
    "PEN-RETIREE": RuleCase(
        {"transfer.retired": True, "transfer.pension_moves": True, "transfer.pension": _pension()},
        {"transfer.retired": False, "transfer.pension_moves": True, "transfer.pension": _pension()},
        "transfer.pension_moves"),
    "PEN-AGE-50-40": RuleCase(
        {**_born(date(1976, 7, 1), "013"), "transfer.pension_moves": True, "transfer.pension": _pension()},
        {**_born(date(1976, 7, 2), "013"), "transfer.pension_moves": True, "transfer.pension": _pension()},
        "transfer.pension.destination_is_hukou_place"),
    "ID-HMT-RESIDENT": RuleCase(
        {"identity.id_type": "hmt_residence_permit", "identity.id_number": HMT_ID},
        {"identity.id_type": "resident_id"},
        "identity.id_type"),
}


@pytest.fixture
def rule_cases() -> dict[str, RuleCase]:
    return RULE_CASES


@pytest.fixture
def born() -> Callable[[date, str], dict]:
    return _born


@pytest.fixture
def pension_part() -> Callable[..., dict]:
    return _pension
