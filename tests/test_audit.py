"""The audit log of a service window: JSON lines, owner-only, rotated, and no personal data
can get in (names, numbers, file names and field values are refused)."""
from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta, timezone

import pytest

from app.service_window import audit
from app.service_window.audit import AuditLog


def test_an_entry_is_one_json_line_with_timestamp_action_and_counts(tmp_path):
    log = AuditLog(tmp_path)
    log.record("print", copies={"medical_application": 2, "guide": 1}, sheets=7)
    lines = (tmp_path / "audit.log").read_text(encoding="ascii").splitlines()
    assert len(lines) == 1
    item = json.loads(lines[0])
    assert item["action"] == "print"
    assert item["copies"] == {"medical_application": 2, "guide": 1}
    assert item["sheets"] == 7
    assert datetime.fromisoformat(item["ts"]).tzinfo is not None


def test_the_log_is_readable_by_its_owner_only(tmp_path):
    AuditLog(tmp_path).record("app_start", version="0.1.0")
    assert stat.S_IMODE(os.stat(tmp_path / "audit.log").st_mode) == 0o600


def test_entries_are_appended_and_read_back_oldest_first(tmp_path):
    log = AuditLog(tmp_path)
    for action in ("app_start", "next_applicant", "auto_lock"):
        log.record(action)
    assert [item["action"] for item in log.entries()] == ["app_start", "next_applicant", "auto_lock"]


def test_an_unknown_action_is_refused_by_entry_and_recorded_as_invalid(tmp_path):
    with pytest.raises(ValueError):
        audit.entry("typed_name")
    assert AuditLog(tmp_path).record("typed_name")["action"] == "invalid"
    assert "typed_name" not in (tmp_path / "audit.log").read_text(encoding="ascii")


@pytest.mark.parametrize(("counts", "reason"), [
    ({"name": "赵德明"}, "a name"),
    ({"documents": ["赵德明.pdf"]}, "a file name with a name"),
    ({"id": "210102196804150579"}, "an ID number as text"),
    ({"phone": "13500135005"}, "a phone number as text"),
    ({"file": "/home/zhao/draft.json"}, "a path"),
    ({"file": "zhao/draft.json"}, "a relative path"),
    ({"code": "370200"}, "an area code (five or more digits)"),
    ({"Name": 1}, "an upper-case key"),
    ({"value": 1.5}, "a float"),
    ({"nested": [[1]]}, "a nested list"),
    ({"text": "Zhao Deming"}, "text with spaces and capitals"),
])
def test_values_that_could_be_personal_data_are_refused(tmp_path, counts, reason):
    with pytest.raises(ValueError):
        audit.entry("save_pdf", **counts)
    item = AuditLog(tmp_path).record("save_pdf", **counts)  # never raises: the value is left out
    assert item["withheld"] == 1 and not set(counts) & set(item), reason
    text = (tmp_path / "audit.log").read_text(encoding="ascii")
    for value in counts.values():
        if isinstance(value, str) or (isinstance(value, list) and isinstance(value[0], str)):
            assert json.dumps(value, ensure_ascii=True).strip('"[]') not in text, reason


@pytest.mark.parametrize("count", [100_000, 502_517, 13500135005, 10**4000, -(10**30)])
def test_any_count_is_recorded_clamped_never_raising(tmp_path, count):
    item = AuditLog(tmp_path).record("next_applicant", findings=count, copies={"guide": count})
    bound = audit.MAX_COUNT if count > 0 else -audit.MAX_COUNT
    assert item["findings"] == bound and item["copies"] == {"guide": bound}
    assert str(abs(count))[:8] not in (tmp_path / "audit.log").read_text(encoding="ascii") or abs(count) == 100_000


@pytest.mark.parametrize("counts", [
    {"documents": ["medical_application", "packet"]},
    {"keys": ["lock_minutes", "enabled"]},
    {"protected": True, "errors": 0, "warnings": 3},
    {"version": "0.1.0"},
])
def test_counts_flags_and_document_ids_are_accepted(tmp_path, counts):
    item = AuditLog(tmp_path).record("save_pdf", **counts)
    assert {key: item[key] for key in counts} == {key: list(v) if isinstance(v, tuple) else v
                                                  for key, v in counts.items()}


def test_the_timestamp_is_local_time_with_its_offset():
    moment = datetime(2026, 11, 23, 9, 30, 5, tzinfo=timezone(timedelta(hours=8)))
    assert audit.entry("app_start", now=moment)["ts"] == "2026-11-23T09:30:05+08:00"


def test_the_log_rotates_at_its_size_and_keeps_three_older_files(tmp_path):
    log = AuditLog(tmp_path, max_bytes=400, keep=3)
    for _ in range(60):
        log.record("next_applicant")
    files = log.files()
    assert [path.name for path in files] == ["audit.log", "audit.log.1", "audit.log.2", "audit.log.3"]
    assert all(path.stat().st_size <= 400 for path in files)
    assert all(stat.S_IMODE(os.stat(path).st_mode) == 0o600 for path in files)
    assert not (tmp_path / "audit.log.4").exists()
    assert {item["action"] for item in log.entries()} == {"next_applicant"}


def test_the_default_rotation_size_is_about_one_megabyte():
    assert 900_000 <= audit.MAX_BYTES <= 1_100_000
    assert audit.KEEP == 3


def test_a_folder_that_cannot_be_written_does_not_stop_the_app(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    item = AuditLog(blocked).record("app_start")
    assert item["action"] == "app_start"
