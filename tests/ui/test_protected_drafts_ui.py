"""Passphrase-protected drafts in the window: Save As with an optional passphrase, opening
asks for it (a wrong one is refused and changes nothing), saving again keeps the key, which
lives in the session only (never in settings), and the autosave of protected work is
encrypted too."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from app.storage import drafts
from app.storage.drafts import DraftFileError
from app.ui.pages.base import PageId
from app.ui.protected_files import PassphraseDialog

pytestmark = pytest.mark.gui

PASSPHRASE = "correct horse 马"


@pytest.fixture
def protected_file(make_window, ui, fake_dialogs, tmp_path):
    """A draft of example 05 saved with PASSPHRASE through Save As; returns its path."""
    window = make_window()
    ui.load_example(window, "05")
    path = tmp_path / "protected.json"
    fake_dialogs.answers.update(ask_save_path=path, ask_passphrase=PASSPHRASE)
    assert window.save_file_as()
    window.session.new()
    return path


def test_save_as_with_a_passphrase_writes_an_encrypted_file(make_window, ui, fake_dialogs, tmp_path, settings):
    window = make_window()
    ui.load_example(window, "05")
    path = tmp_path / "protected.json"
    fake_dialogs.answers.update(ask_save_path=path, ask_passphrase=PASSPHRASE)
    assert window.save_file_as()
    text = path.read_text(encoding="utf-8")
    assert drafts.is_protected(path)
    assert "赵德明" not in text and "210102196804150579" not in text
    assert window.session.key is not None
    name, args = fake_dialogs.calls[-1]
    assert name == "ask_passphrase" and args == (True, False)  # confirm; not protected before
    settings.sync()
    ini = (tmp_path / "settings.ini").read_text(encoding="utf-8") if (tmp_path / "settings.ini").exists() else ""
    assert PASSPHRASE not in ini and "key" not in ini.lower()


def test_saving_again_keeps_the_key_without_asking(make_window, ui, fake_dialogs, tmp_path):
    window = make_window()
    ui.load_example(window, "05")
    path = tmp_path / "protected.json"
    fake_dialogs.answers.update(ask_save_path=path, ask_passphrase=PASSPHRASE)
    window.save_file_as()
    key = window.session.key
    asked = fake_dialogs.names().count("ask_passphrase")
    window.session.set("identity.postcode", "266002")
    assert window.save_file()
    assert fake_dialogs.names().count("ask_passphrase") == asked
    assert window.session.key is key
    assert drafts.load(path, PASSPHRASE).identity.postcode == "266002"


def test_save_as_without_the_box_ticked_writes_a_plain_draft(make_window, ui, fake_dialogs, tmp_path):
    window = make_window()
    ui.load_example(window, "05")
    path = tmp_path / "plain.json"
    fake_dialogs.answers.update(ask_save_path=path, ask_passphrase="")
    assert window.save_file_as()
    assert not drafts.is_protected(path)
    assert window.session.key is None


def test_cancelling_the_passphrase_question_saves_nothing(make_window, ui, fake_dialogs, tmp_path):
    window = make_window()
    ui.load_example(window, "05")
    path = tmp_path / "never.json"
    fake_dialogs.answers.update(ask_save_path=path, ask_passphrase=None)
    assert not window.save_file_as()
    assert not path.exists()


def test_opening_with_a_wrong_passphrase_is_refused_and_changes_nothing(
        protected_file, make_window, fake_dialogs):
    window = make_window()
    before = protected_file.read_bytes()
    draft_before = window.session.draft.model_copy(deep=True)
    fake_dialogs.answers["ask_passphrase"] = "wrong passphrase"
    assert not window.open_path(protected_file)
    assert ("show_error", ("无法打开", DraftFileError("wrong_passphrase").message_zh)) in fake_dialogs.calls
    assert protected_file.read_bytes() == before
    assert window.session.draft == draft_before
    assert window.session.path is None and window.session.key is None


def test_opening_with_the_right_passphrase_loads_it(protected_file, make_window, fake_dialogs):
    window = make_window()
    fake_dialogs.answers["ask_passphrase"] = PASSPHRASE
    assert window.open_path(protected_file)
    assert window.session.value("identity.name") == "赵德明"
    assert window.session.path == protected_file and window.session.key is not None
    name, args = [call for call in fake_dialogs.calls if call[0] == "ask_passphrase"][-1]
    assert args == (False,)


def test_cancelling_the_passphrase_when_opening_does_nothing(protected_file, make_window, fake_dialogs):
    window = make_window()
    fake_dialogs.answers["ask_passphrase"] = None
    assert not window.open_path(protected_file)
    assert "show_error" not in fake_dialogs.names()
    assert not window.session.has_work()


def test_the_autosave_of_protected_work_is_encrypted_and_restoring_asks_for_the_passphrase(
        protected_file, make_window, fake_dialogs, data_dir):
    window = make_window()
    fake_dialogs.answers["ask_passphrase"] = PASSPHRASE
    window.open_path(protected_file)
    window.session.set("identity.postcode", "266003")
    window.session.flush_autosave()
    window.session.autosave.wait()
    autosave = data_dir / "autosave.json"
    assert drafts.is_protected(autosave)
    assert "赵德明" not in autosave.read_text(encoding="utf-8")
    window.hide()  # a crash: no clean exit, the autosave stays

    again = make_window()
    start = again.wizard.page_of(PageId.START)
    assert start.offers_restore()
    fake_dialogs.answers["ask_passphrase"] = "wrong passphrase"
    again.wizard.next()
    assert again.wizard.currentId() == PageId.START and start.offers_restore()  # may try again
    fake_dialogs.answers["ask_passphrase"] = PASSPHRASE
    again.wizard.next()
    assert again.wizard.currentId() == PageId.IDENTITY
    assert again.session.value("identity.postcode") == "266003"
    assert again.session.key is not None


# -- the dialog ---------------------------------------------------------------------------
def test_the_save_dialog_needs_the_same_passphrase_twice_of_six_characters(qtbot):
    dialog = PassphraseDialog(None, confirm=True)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not dialog.protect.isChecked() and ok.isEnabled() and dialog.passphrase() == ""
    assert not dialog.first.isEnabled()
    dialog.protect.setChecked(True)
    assert dialog.first.isEnabled() and not ok.isEnabled()
    dialog.first.setText("abc")
    dialog.second.setText("abc")
    assert not ok.isEnabled() and "6" in dialog.problem.text()
    dialog.first.setText("abcdefg")
    assert not ok.isEnabled() and "不一样" in dialog.problem.text()
    dialog.second.setText("abcdefg")
    assert ok.isEnabled() and dialog.passphrase() == "abcdefg"
    for edit in (dialog.first, dialog.second):
        assert edit.echoMode() == edit.EchoMode.Password and edit.accessibleName()
    assert "&" in dialog.protect.text() and "&" in dialog.first_label.text()


def test_the_save_dialog_starts_ticked_for_a_protected_draft(qtbot):
    dialog = PassphraseDialog(None, confirm=True, protected=True)
    qtbot.addWidget(dialog)
    assert dialog.protect.isChecked()


def test_the_open_dialog_has_one_field(qtbot):
    dialog = PassphraseDialog(None, confirm=False)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not dialog.protect.isVisibleTo(dialog) and not dialog.second.isVisibleTo(dialog)
    assert not ok.isEnabled()
    dialog.first.setText("x")
    assert ok.isEnabled() and dialog.passphrase() == "x"


# -- protecting covers every copy at once -------------------------------------------------------
def test_save_as_with_a_passphrase_rewrites_the_autosave_encrypted_at_once(make_window, ui, fake_dialogs, tmp_path,
                                                                           data_dir):
    window = make_window()
    ui.load_example(window, "05")
    window.session.flush_autosave()
    window.session.autosave.wait()
    assert "赵德明" in (data_dir / "autosave.json").read_text(encoding="utf-8")
    path = tmp_path / "case.json"
    fake_dialogs.answers.update(ask_save_path=path)
    fake_dialogs.answers["ask_passphrase"] = ""
    assert window.save_file_as()  # first unprotected: a plaintext file ...
    assert window.save_file()      # ... and a plaintext .bak
    fake_dialogs.answers["ask_passphrase"] = PASSPHRASE
    assert window.save_file_as()
    for copy in (path, path.with_name("case.json.bak"), data_dir / "autosave.json"):
        text = copy.read_text(encoding="utf-8")
        assert "赵德明" not in text and "210102196804150579" not in text, copy.name
        assert drafts.is_protected(copy), copy.name
    assert not (data_dir / "autosave.json.bak").exists()


# -- the key is derived off the GUI thread -------------------------------------------------------
def test_opening_a_protected_draft_derives_the_key_in_a_worker_with_a_busy_dialog(
        protected_file, make_window, fake_dialogs, qtbot, monkeypatch):
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from app.storage import draft_crypto

    real = draft_crypto._derive
    threads, ticks_during = [], []
    ticked = threading.Event()  # set by the GUI thread's timer: the event loop runs

    def slow(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        ticked.clear()
        # The derivation waits until the event loop has ticked (a handshake, not a timing):
        # on the GUI thread it would wait in vain, as the window would freeze.
        ticks_during.append(ticked.wait(timeout=10))
        return real(*args, **kwargs)

    monkeypatch.setattr(draft_crypto, "_derive", slow)
    window = make_window()
    busy = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: (ticked.set(), busy.extend(
        w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible())))
    timer.start()
    fake_dialogs.answers["ask_passphrase"] = PASSPHRASE
    try:
        assert window.open_path(protected_file)
    finally:
        timer.stop()
    assert threads == [False]          # not on the GUI thread
    assert ticks_during == [True]      # the event loop ran while the key was derived
    assert busy                        # and a busy dialog showed
    assert window.session.value("identity.name") == "赵德明"
    assert not any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_a_hostile_encrypted_draft_opened_in_the_window_shows_the_message(make_window, fake_dialogs, tmp_path):
    path = tmp_path / "case.json"
    path.write_text('{"format": "transfer-helper-draft-encrypted", "version": 1, "cipher": "AES-256-GCM", '
                    '"kdf": {"name": "argon2id", "salt": "", "memory_kib": 1e400, "iterations": 3, "lanes": 1}, '
                    '"nonce": "AAAAAAAAAAAAAAAA", "ciphertext": "AAAAAAAAAAAAAAAAAAAAAA=="}', encoding="utf-8")
    window = make_window()
    fake_dialogs.answers["ask_passphrase"] = PASSPHRASE
    assert not window.open_path(path)
    name, args = fake_dialogs.calls[-1]
    assert name == "show_error" and "损坏" in args[1]


def test_a_hostile_encrypted_autosave_shows_the_message_on_restore(make_window, fake_dialogs, data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "autosave.json").write_text(
        '{"format": "transfer-helper-draft-encrypted", "version": 1, "cipher": "AES-256-GCM", '
        '"kdf": {"name": "argon2id", "salt": "AAAA", "memory_kib": 65536, "iterations": 3, "lanes": 99}, '
        '"nonce": "AAAAAAAAAAAAAAAA", "ciphertext": "AAAAAAAAAAAAAAAAAAAAAA=="}', encoding="utf-8")
    (data_dir / "running.lock").write_text("1", encoding="utf-8")
    window = make_window()
    fake_dialogs.answers["ask_passphrase"] = PASSPHRASE
    window.wizard.next()
    assert window.wizard.currentId() == PageId.START
    assert "show_error" in fake_dialogs.names()
    assert "损坏" in [args for name, args in fake_dialogs.calls if name == "show_error"][0][1]
