"""The shipped rules file, resources/rules/national.json: strict shape, unique ids, sources,
dates, and messages whose placeholders the rule's parameters and predicate really fill."""
from __future__ import annotations

import json
import re
import string
from datetime import date

import pytest
from pydantic import ValidationError

from app import paths
from app.domain import rules

RULES_FILE = paths.RULES / "national.json"
TODAY = date(2026, 11, 23)


def _no_duplicate_keys(pairs):
    keys = [key for key, _ in pairs]
    duplicates = {key for key in keys if keys.count(key) > 1}
    assert not duplicates, f"duplicate keys in {RULES_FILE.name}: {duplicates}"
    return dict(pairs)


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(RULES_FILE.read_text(encoding="utf-8"), object_pairs_hook=_no_duplicate_keys)


@pytest.fixture(scope="module")
def ruleset(raw) -> rules.RuleSet:
    return rules.RuleSet.model_validate(raw)


SPECS = rules.load_ruleset().rules


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_rules_file_loads_with_the_strict_model(ruleset):
    assert ruleset == rules.load_ruleset()
    assert len(ruleset.rules) >= 16


@pytest.mark.parametrize(
    ("where", "extra"),
    [("ruleset", {"unexpected": 1}), ("rule", {"unexpected": 1}), ("source", {"page": "3"})],
)
def test_rules_model_refuses_unknown_keys(raw, where, extra):
    data = json.loads(json.dumps(raw))
    target = {"ruleset": data["ruleset"], "rule": data["rules"][0], "source": data["rules"][0]["source"]}[where]
    target.update(extra)
    with pytest.raises(ValidationError):
        rules.RuleSet.model_validate(data)


def test_rules_model_refuses_unknown_severity(raw):
    data = json.loads(json.dumps(raw))
    data["rules"][0]["severity"] = "fatal"
    with pytest.raises(ValidationError):
        rules.RuleSet.model_validate(data)


def test_rule_ids_are_unique_and_well_formed(ruleset):
    ids = [spec.id for spec in ruleset.rules]
    assert len(ids) == len(set(ids))
    for rule_id in ids:
        assert re.fullmatch(r"[A-Z]+(?:-[A-Z0-9]+)+", rule_id), rule_id


def test_ruleset_header_has_titles_and_notes_in_both_languages(ruleset):
    info = ruleset.ruleset
    assert info.id and info.version
    for text in (info.title_zh, info.title_en, info.note_zh, info.note_en):
        assert text.strip()


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_rule_source_names_document_and_article(spec):
    assert spec.source.document.strip() and spec.source.article.strip()
    assert spec.source.text() == f"{spec.source.document} {spec.source.article}"


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_rule_effective_dates_not_after_the_compile_date(ruleset, spec):
    assert spec.effective_from <= ruleset.ruleset.compiled_on
    if spec.effective_to is not None:
        assert spec.effective_from <= spec.effective_to


def test_rules_compile_date_is_not_in_the_future():
    assert rules.load_ruleset().ruleset.compiled_on <= date.today()


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_rule_messages_exist_in_both_languages(spec):
    assert spec.message_zh.strip() and spec.message_en.strip()
    assert re.search(r"[\u4e00-\u9fff]", spec.message_zh)
    assert spec.message_zh != spec.message_en


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_rule_messages_of_both_languages_use_comparable_placeholders(spec):
    """The Chinese and English texts may phrase a value differently (scheme / scheme_en,
    detail / detail_en) but must speak about the same values."""
    def base(names):
        return {name.removesuffix("_en") for name in names}

    assert base(_placeholders(spec.message_zh)) == base(_placeholders(spec.message_en))


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_rule_message_placeholders_are_filled_by_params_and_predicate(monkeypatch, make_draft, rule_cases, spec):
    passed: list[dict] = []
    predicate = rules.REGISTRY[spec.id]

    def recording(facts, params):
        for path, ctx in predicate(facts, params):
            passed.append(dict(ctx))
            yield path, ctx

    monkeypatch.setitem(rules.REGISTRY, spec.id, recording)
    findings = [f for f in rules.evaluate(make_draft(rule_cases[spec.id].positive), TODAY) if f.rule_id == spec.id]
    assert findings and passed, f"{spec.id}: the positive case must fire"
    for ctx in passed:
        available = set(spec.params) | set(ctx)
        for template in (spec.message_zh, spec.message_en):
            missing = _placeholders(template) - available
            assert not missing, f"{spec.id}: {missing} is neither a parameter nor given by the predicate"
            assert "{" not in template.format(**spec.params, **ctx)
    for finding in findings:
        assert "{" not in finding.message_zh and "{" not in finding.message_en


def test_every_rule_id_in_the_file_has_a_predicate_and_every_predicate_a_rule():
    assert {spec.id for spec in SPECS} == set(rules.REGISTRY)
