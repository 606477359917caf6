"""Window-mode preferences (Qt-free): bounds, and the office filled into a new application."""
from __future__ import annotations

import pytest

from app.domain.application import ApplicationDraft
from app.domain import fields
from app.service_window.prefs import ORIGIN, WindowPrefs, fill_office, office_values

OFFICE = {"area_code": "370200", "area_name": "山东省青岛市", "agency_name": "青岛市医疗保险事业中心",
          "address": "青岛市市南区样例路 18 号", "phone": "0532-85791234", "postcode": "266000"}


def test_defaults_are_off_lock_after_three_minutes_clear_after_ten():
    prefs = WindowPrefs()
    assert (prefs.enabled, prefs.lock_minutes, prefs.clear_minutes, prefs.side) == (False, 3, 10, "destination")
    assert (prefs.lock_ms, prefs.clear_ms) == (180_000, 600_000)


@pytest.mark.parametrize(("lock", "clear", "expected"), [
    (0, 10, (1, 10)),
    (500, 10, (60, 61)),
    (5, 5, (5, 6)),
    (3, 1000, (3, 240)),
])
def test_times_are_kept_in_bounds_and_clear_comes_after_lock(lock, clear, expected):
    prefs = WindowPrefs(lock_minutes=lock, clear_minutes=clear).normalized()
    assert (prefs.lock_minutes, prefs.clear_minutes) == expected


def test_an_unknown_side_becomes_destination_and_texts_are_stripped():
    prefs = WindowPrefs(side="elsewhere", agency_name="  中心 ").normalized()
    assert (prefs.side, prefs.agency_name) == ("destination", "中心")


def test_the_office_fills_the_destination_when_this_window_is_the_destination():
    draft = ApplicationDraft()
    done = fill_office(draft, WindowPrefs(**OFFICE))
    assert fields.get_value(draft, "transfer.destination.name") == "青岛市医疗保险事业中心"
    assert fields.get_value(draft, "transfer.destination.area_code") == "370200"
    assert fields.get_value(draft, "transfer.origin.name") is None
    assert "transfer.destination.phone" in done


def test_the_office_fills_the_origin_when_this_window_is_the_origin():
    draft = ApplicationDraft()
    fill_office(draft, WindowPrefs(side=ORIGIN, **OFFICE))
    assert fields.get_value(draft, "transfer.origin.postcode") == "266000"
    assert fields.get_value(draft, "transfer.filed_at") == "origin"
    assert fields.get_value(draft, "transfer.destination.name") is None


def test_filled_in_answers_are_not_overwritten():
    draft = ApplicationDraft()
    fields.set_value(draft, "transfer.destination.name", "另一个中心")
    fill_office(draft, WindowPrefs(**OFFICE))
    assert fields.get_value(draft, "transfer.destination.name") == "另一个中心"


def test_an_office_without_any_value_fills_nothing():
    assert office_values(WindowPrefs()) == {}
    draft = ApplicationDraft()
    assert fill_office(draft, WindowPrefs()) == []
    assert draft == ApplicationDraft()


def test_changed_keys_name_the_preferences_not_their_values():
    old = WindowPrefs()
    new = WindowPrefs(enabled=True, agency_name="中心")
    assert new.changed_keys(old) == ["enabled", "agency_name"]


def test_wipe_removes_the_autosave_its_backup_and_the_temporary_files(tmp_path):
    from app.domain.application import ApplicationDraft
    from app.service_window.wipe import wipe_applicant_files
    from app.storage.autosave import Autosave
    from app.storage.tempfiles import TempFiles

    autosave = Autosave(tmp_path / "data")
    autosave.save(ApplicationDraft())
    autosave.path.with_name("autosave.json.bak").write_text("{}")
    temp = TempFiles(base=tmp_path)
    temp.write(b"spool")
    (temp.folder / "qt-spool.pdf").write_bytes(b"%PDF")
    assert wipe_applicant_files(autosave, temp) == 2
    assert not autosave.path.exists() and not autosave.path.with_name("autosave.json.bak").exists()
    assert temp.leftovers() == []
    temp.remove()
