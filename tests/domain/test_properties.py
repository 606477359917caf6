"""Property tests (hypothesis) for everything that reads user input or files.

The draft strategy is derived from the draft models' fields, so it follows the models: a field
of a kind it does not know fails loudly. Text fields get random strings (CJK, Ext B, controls,
emoji, fullwidth digits, a lone surrogate, very long) mixed with realistic values for the field,
so that the timeline and the rules see plausible data as well as garbage.
"""
from __future__ import annotations

import enum
import json
import re
import tempfile
import types
import typing
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import assume, HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

from app.storage import drafts
from app.domain import months
from app.domain.application import (
    SCHEMA_VERSION,
    Application,
    ApplicationDraft,
    IncompleteApplication,
    check,
    complete,
    fill_from_id,
)
from app.domain.findings import Severity
from app.domain.idnumbers import make_id_number
from app.domain.types import AgencyPhone, AreaCode, Money, MonthCount, Name, PersonPhone, Postcode, YearMonth
from app.storage.drafts import DraftFileError

TODAY = date(2026, 11, 23)
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# ------------------------------------------------------------------ text strategies

_CHARS = st.one_of(
    st.characters(),  # any code point except surrogates
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),  # Ext B
    st.characters(categories=["Cc", "Cf"]),  # controls, bidi marks, zero-width
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),  # emoji
    st.sampled_from("0123456789０１２３４５６７８９·・ -/.年月¥元,"),
)
_PLAIN = st.text(_CHARS, max_size=24)
_LONG = st.text(_CHARS, min_size=100, max_size=300)
# Exactly one surrogate between non-surrogates: a lone one, as a hostile file can hold.
_LONE_SURROGATE = st.tuples(_PLAIN, st.integers(0xD800, 0xDFFF).map(chr), _PLAIN).map("".join)
TEXT = st.one_of(_PLAIN, _PLAIN, _PLAIN, _PLAIN, _LONG, _LONE_SURROGATE)


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


_MONTH = st.builds(
    lambda y, m, style: style.format(y=y, m=m),
    st.integers(1945, 2055), st.integers(0, 13),
    st.sampled_from(["{y}-{m:02d}", "{y}{m:02d}", "{y}/{m}", "{y}.{m}", "{y}年{m}月"]),
)
_RECENT_MONTH = st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2014, 2027), st.integers(1, 12))
_ID = st.builds(
    lambda area, born, seq, wide: (_fullwidth if wide else str)(make_id_number(area, born, f"{seq:03d}")),
    st.sampled_from(["440305", "110101", "110199", "810000", "915840", "310115"]),
    st.dates(date(1930, 1, 1), date(2027, 12, 31)), st.integers(0, 999), st.booleans(),
)
_REALISTIC = {
    "months": st.one_of(_MONTH, _RECENT_MONTH, _RECENT_MONTH),
    "area_code": st.sampled_from(["440300", "330100", "310115", "411600", "110199", "４４０３００", "4403", ""]),
    "id_number": _ID,
    "money": st.one_of(st.decimals(-10, 10**9, places=3, allow_nan=False).map(str),
                       st.sampled_from(["0", "¥1,234.50", "88元", "１２"])),
    "count": st.one_of(st.integers(-5, 2000).map(str), st.sampled_from(["０", "²", "1_0", " 3 "])),
    "date": st.one_of(st.dates().map(date.isoformat), st.sampled_from(["2026-11-24", "1990-02-30", "19900512"])),
}
_FIELD_KINDS = {
    "start": "months", "end": "months", "stop_month": "months", "enrol_month": "months",
    "area_code": "area_code", "id_number": "id_number",
    "account_balance": "money", "overdraft": "money",
    "months_paid": "count", "arrears_months": "count",
    "birth_date": "date", "signed_on": "date",
}


def _text_for(field: str) -> st.SearchStrategy:
    kind = _FIELD_KINDS.get(field)
    return st.one_of(TEXT, _REALISTIC[kind], _REALISTIC[kind]) if kind else TEXT


# ------------------------------------------------------------------ draft strategies from the models


def _unwrap_optional(annotation) -> tuple[typing.Any, bool]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _field_strategy(model: type[BaseModel], name: str) -> st.SearchStrategy:
    annotation, optional = _unwrap_optional(model.model_fields[name].annotation)
    origin = typing.get_origin(annotation)
    if name == "schema_version":
        strategy = st.just(SCHEMA_VERSION)
    elif annotation is str:
        strategy = _text_for(name)
    elif annotation is bool:
        strategy = st.booleans()
    elif annotation is date:
        strategy = st.dates()
    elif isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        strategy = st.sampled_from(list(annotation)).map(lambda member: member.value)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        strategy = model_data(annotation)
    elif origin is list:
        (item,) = typing.get_args(annotation)
        strategy = st.lists(model_data(item), max_size=30)
    else:  # pragma: no cover - a new kind of field: teach this strategy about it
        raise AssertionError(f"no strategy for {model.__name__}.{name}: {annotation!r}")
    return st.one_of(st.none(), strategy) if optional else strategy


def model_data(model: type[BaseModel]) -> st.SearchStrategy:
    """Plain data for a draft model: any subset of its fields, each with a value of its kind."""
    return st.fixed_dictionaries({}, optional={name: _field_strategy(model, name) for name in model.model_fields})


DRAFTS = model_data(ApplicationDraft).map(ApplicationDraft.model_validate)

JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text()),
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(st.text(max_size=10), children, max_size=5)),
    max_leaves=30,
)
_DRAFT_KEYS = st.sampled_from(["identity", "history", "transfer", "schema_version", "format", "extra"])
DRAFT_LIKE_JSON = st.dictionaries(_DRAFT_KEYS, JSON_VALUES, max_size=5).map(
    lambda d: {"format": drafts.FORMAT, "schema_version": SCHEMA_VERSION, **d})


# ------------------------------------------------------------------ drafts: round trip and check


@PROPERTY_SETTINGS
@given(DRAFTS)
def test_any_draft_round_trips_through_json_unchanged(draft):
    text = drafts.to_json(draft)
    text.encode("utf-8")  # always writable as UTF-8
    # A lone high surrogate followed by a lone low one is written as two JSON escapes, which
    # any JSON reader joins into one character: inherent to JSON (such text never passes the
    # checks anyway). Every other string comes back exactly.
    assume(not re.search("[\ud800-\udbff][\udc00-\udfff]", _all_text(draft)))
    assert drafts.from_json(text) == draft


def _all_text(draft) -> str:
    return json.dumps(draft.model_dump(mode="json"), ensure_ascii=False)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(DRAFTS)
def test_any_draft_saves_and_loads_back(draft):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "draft.json"
        drafts.save(draft, path)
        drafts.save(draft, path)  # over its own previous version
        assert drafts.load(path) == draft


@PROPERTY_SETTINGS
@given(DRAFTS)
def test_check_complete_and_fill_never_raise_on_any_draft_and_agree(draft):
    result = check(draft, TODAY)
    rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    assert [rank[f.severity] for f in result.findings] == sorted(rank[f.severity] for f in result.findings)
    for finding in result.findings:
        assert finding.severity in rank
        assert finding.code
        for message in (finding.message_zh, finding.message_en):
            assert message.strip()
            assert "{" not in message and "}" not in message, (finding.code, message)
        assert finding.path == "" or finding.path.split(".")[0] in {"identity", "history", "transfer"}, finding.path
        assert (finding.rule_id is None) == (finding.source is None)

    # complete() gives an Application exactly when check() finds no error
    try:
        application = complete(draft, TODAY)
    except IncompleteApplication as incomplete:
        assert not result.printable
        assert any(f.severity is Severity.ERROR for f in incomplete.findings)
    else:
        assert result.printable and isinstance(application, Application)

    # fill_from_id fills only what is missing and touches nothing else
    before = draft.model_copy(deep=True)
    fill_from_id(draft, TODAY)
    if before.identity.sex is not None:
        assert draft.identity.sex == before.identity.sex
    if before.identity.birth_date:
        assert draft.identity.birth_date == before.identity.birth_date
    assert draft.history == before.history and draft.transfer == before.transfer


# ------------------------------------------------------------------ files: only DraftFileError


@PROPERTY_SETTINGS
@given(st.one_of(st.text(), st.text(st.sampled_from('{}[]",:0123456789.-eEtruefalsn \n\\')),
                 st.sampled_from(["", "\ufeff", "NaN", "[" * 3000, '{"format": "transfer-helper-draft"'])))
def test_from_json_of_any_text_returns_a_draft_or_raises_draft_file_error(text):
    try:
        result = drafts.from_json(text)
    except DraftFileError as error:
        assert error.message_zh and error.message_en
    else:
        assert isinstance(result, ApplicationDraft)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(JSON_VALUES, DRAFT_LIKE_JSON))
def test_from_json_of_any_json_value_returns_a_draft_or_raises_draft_file_error(value):
    try:
        result = drafts.from_json(json.dumps(value))
    except DraftFileError as error:
        assert error.code in drafts.MESSAGES
        assert error.message_zh and error.message_en
    else:
        assert isinstance(result, ApplicationDraft)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(DRAFTS, st.data())
def test_from_json_of_a_cut_draft_is_truncated_or_loads(draft, data):
    text = drafts.to_json(draft)
    cut = data.draw(st.integers(1, len(text) - 1))
    try:
        drafts.from_json(text[:cut])
    except DraftFileError as error:
        assert error.code == "truncated"


# ------------------------------------------------------------------ field types: only ValidationError

_ANY_INPUT = st.one_of(
    st.text(_CHARS, max_size=30), st.integers(), st.floats(), st.decimals(), st.booleans(), st.none(),
    _MONTH, _REALISTIC["money"], _REALISTIC["count"],
)


@PROPERTY_SETTINGS
@given(st.sampled_from([Name, PersonPhone, AgencyPhone, Postcode, AreaCode, YearMonth, Money, MonthCount]), _ANY_INPUT)
def test_field_types_accept_or_raise_validation_error_only(type_, value):
    try:
        result = TypeAdapter(type_).validate_python(value)
    except ValidationError as error:
        assert all(e["type"] != "value_error" for e in error.errors())  # always a stable code
    else:
        if type_ in (PersonPhone, AgencyPhone, Postcode, AreaCode):
            assert result.isascii()  # numbers are stored in ASCII whatever was typed
        if type_ is Money:
            assert isinstance(result, Decimal) and result >= 0 and result.as_tuple().exponent == -2
        if type_ is MonthCount:
            assert isinstance(result, int) and 0 <= result <= 1200


@PROPERTY_SETTINGS
@given(st.text(_CHARS, max_size=20))
def test_parse_month_returns_canonical_month_or_month_error(text):
    try:
        month = months.parse_month(text)
    except months.MonthError as error:
        assert error.code in {"month_format", "month_range"}
    else:
        assert months.MIN_MONTH <= month <= months.MAX_MONTH
        assert months.from_index(months.index(month)) == month
        assert months.parse_month(month) == month
