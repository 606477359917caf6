"""The packet: which documents a case prints, why, how many copies, and what else it carries."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date

import pytest

from app import drafts, paths
from app.domain.application import ApplicationDraft, check, complete
from app.domain.enums import Filer
from app.domain.findings import Severity
from app.domain.packet import build_packet
from app.domain.rules import ruleset_version

TODAY = date(2026, 11, 23)
BASE = ("guide", "medical_application", "certificate_request")


def example(stem: str) -> ApplicationDraft:
    return drafts.load(paths.EXAMPLES / f"{stem}.json")


def packet_of(draft: ApplicationDraft, today: date = TODAY):
    return build_packet(complete(draft, today), today)


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("01-employee-job-change-cross-province", BASE),
        ("02-resident-hukou-move", BASE),
        ("03-employee-to-resident", BASE),
        ("04-employee-with-pension", BASE + ("pension_application",)),  # its voucher is already issued
        ("05-filed-by-agent", BASE + ("power_of_attorney",)),
        ("06-rare-extb-name", BASE),
        ("07-minority-name-employer-files", BASE),
    ],
)
def test_documents_per_example_are_chosen_in_print_order(stem, expected):
    assert packet_of(example(stem)).doc_ids == expected


def test_agent_with_pension_gets_both_pension_documents_and_the_power_of_attorney():
    draft = example("04-employee-with-pension")
    agent = example("05-filed-by-agent").transfer.agent
    draft.transfer.filer = Filer.AGENT
    draft.transfer.agent = agent
    draft.transfer.pension.voucher_number = None
    assert packet_of(draft).doc_ids == BASE + ("pension_application", "pension_voucher_request", "power_of_attorney")


def test_every_document_says_why_it_is_included_in_both_languages():
    for stem in ("04-employee-with-pension", "05-filed-by-agent", "07-minority-name-employer-files"):
        for doc in packet_of(example(stem)).documents:
            assert doc.reason_zh and doc.reason_en, doc.doc_id
            assert doc.title_zh and doc.title_en and doc.signing_zh and doc.signing_en
            assert "{" not in doc.reason_zh + doc.reason_en + doc.signing_zh + doc.signing_en


def test_guide_is_first_and_not_handed_in():
    guide = packet_of(example("01-employee-job-change-cross-province")).documents[0]
    assert guide.doc_id == "guide"
    assert not guide.hand_in and not guide.original_signature and guide.copies == 1


def test_copies_application_two_power_of_attorney_one_original():
    packet = build_packet(complete(example("05-filed-by-agent"), TODAY), TODAY)
    assert packet.document("medical_application").copies == 2
    poa = packet.document("power_of_attorney")
    assert poa.copies == 1 and poa.original_signature and poa.hand_in
    assert "委托人" in poa.signing_zh and "代办人" in poa.signing_zh
    assert "女儿" in poa.reason_zh  # the agent's relation, from the application


@pytest.mark.parametrize(
    ("stem", "who"),
    [
        ("01-employee-job-change-cross-province", "本人"),
        ("05-filed-by-agent", "代办人"),
        ("07-minority-name-employer-files", "公章"),
    ],
)
def test_who_signs_the_application_follows_who_files(stem, who):
    doc = packet_of(example(stem)).document("medical_application")
    assert who in doc.signing_zh
    assert doc.original_signature


def test_findings_are_warnings_then_information_with_sources():
    draft = example("03-employee-to-resident")
    draft.history[0].arrears_months = "2"  # MED-ARREARS: a warning
    packet = packet_of(draft)
    severities = [f.severity for f in packet.findings]
    assert Severity.ERROR not in severities
    assert severities == sorted(severities, key=[Severity.WARNING, Severity.INFO].index)
    codes = {f.code: f for f in packet.findings}
    assert codes["MED-ARREARS"].severity is Severity.WARNING
    assert codes["MED-GAP-RETROACTIVE"].source.startswith("医保办发〔2021〕43号")


def test_findings_given_by_the_caller_are_used_and_ordered():
    app = complete(example("01-employee-job-change-cross-province"), TODAY)
    found = check(example("03-employee-to-resident"), TODAY).findings
    packet = build_packet(app, TODAY, findings=tuple(reversed(found)))
    assert [f.severity for f in packet.findings] == sorted(
        (f.severity for f in found if f.severity is not Severity.ERROR), key=[Severity.WARNING, Severity.INFO].index
    )


def test_packet_carries_ruleset_and_is_frozen():
    packet = packet_of(example("01-employee-job-change-cross-province"))
    assert packet.ruleset == ruleset_version()
    with pytest.raises(dataclasses.FrozenInstanceError):
        packet.ruleset = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        packet.documents[0].copies = 3  # type: ignore[misc]


def test_unknown_document_id_raises_key_error():
    with pytest.raises(KeyError):
        packet_of(example("01-employee-job-change-cross-province")).document("power_of_attorney")


def test_packet_module_imports_neither_qt_nor_reportlab():
    code = (
        "import sys, app.domain.packet, app.domain.guide;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('reportlab', 'PySide6')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=paths.ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
