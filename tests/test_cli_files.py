"""The command line given special, huge or hostile files: a clear message, an exit status,
never a hang or a traceback."""
from __future__ import annotations

import os
import stat
import struct
import sys
import threading
import time
import zlib

import pytest

from app import handoff, paths
from app.cli import main

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")


def run_cli(*args: str, seconds: float = 10.0) -> int:
    """main(args) on a thread: a hang fails the test instead of blocking the suite."""
    outcome: dict = {}
    thread = threading.Thread(target=lambda: outcome.update(code=main(list(args))), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{args} blocked"
    return outcome["code"]


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width x height: signature, IHDR and IEND (a few dozen bytes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def gif_claiming(width: int, height: int) -> bytes:
    """A tiny GIF whose screen and first image claim width x height."""
    return (b"GIF89a" + struct.pack("<HHBBB", width, height, 0, 0, 0)
            + b"," + struct.pack("<HHHHB", 0, 0, width, height, 0) + b"\x02\x02\x44\x01\x00;")


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
def test_check_refuses_a_special_file_at_once(tmp_path, kind, capsys):
    target = {"fifo": tmp_path / "draft.json", "dev-zero": "/dev/zero", "folder": tmp_path}[kind]
    if kind == "fifo":
        os.mkfifo(target)
    started = time.perf_counter()
    assert run_cli("check", str(target), "--lang", "en") == 2
    assert time.perf_counter() - started < 2
    err = capsys.readouterr().err
    assert "not a regular file" in err and "Traceback" not in err


@posix_only
def test_handoff_decode_refuses_a_fifo_as_its_image(tmp_path, capsys):
    fifo = tmp_path / "code.png"
    os.mkfifo(fifo)
    assert run_cli("handoff", "decode", str(fifo), "-o", str(tmp_path / "out.json"), "--lang", "en") == 1
    assert "not a regular file" in capsys.readouterr().err
    assert not (tmp_path / "out.json").exists()


@posix_only
def test_handoff_decode_refuses_a_fifo_as_its_output(tmp_path, make_draft, capsys):
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    code = handoff.encode(make_draft({}))
    assert run_cli("handoff", "decode", code, "-o", str(fifo), "--lang", "en") == 2
    assert "not a file" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize(("name", "data"), [
    ("bomb.png", png_header_only(20000, 20000)),
    ("bomb.gif", gif_claiming(65535, 65535)),
])
def test_an_image_bomb_is_refused_before_decoding(tmp_path, name, data, capsys):
    path = tmp_path / name
    path.write_bytes(data)
    started = time.perf_counter()
    with pytest.raises(handoff.HandoffError) as caught:
        handoff.read_code_in_image(path)
    assert caught.value.code == "image_too_large"
    assert time.perf_counter() - started < 1.0
    assert "百万像素" in caught.value.message_zh and "megapixels" in caught.value.message_en
    assert run_cli("handoff", "decode", str(path), "-o", str(tmp_path / "out.json")) == 1
    err = capsys.readouterr().err
    assert "图片太大" in err and "Traceback" not in err


def test_an_image_file_over_the_byte_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(handoff, "MAX_IMAGE_BYTES", 1000)
    path = tmp_path / "photo.png"
    path.write_bytes(png_header_only(10, 10) + b"\0" * 2000)
    with pytest.raises(handoff.HandoffError) as caught:
        handoff.read_code_in_image(path)
    assert caught.value.code == "image_too_large"


def test_a_file_that_is_no_image_is_unreadable_not_a_traceback(tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\xff" * 50)
    with pytest.raises(handoff.HandoffError) as caught:
        handoff.read_code_in_image(path)
    assert caught.value.code == "unreadable_image"


def test_check_of_a_hostile_encrypted_draft_prints_the_message_not_a_traceback(tmp_path, capsys):
    path = tmp_path / "case.json"
    path.write_text('{"format": "transfer-helper-draft-encrypted", "version": 1, "cipher": "AES-256-GCM", '
                    '"kdf": {"name": "argon2id", "salt": "", "memory_kib": 1e400, "iterations": 3, "lanes": 1}, '
                    '"nonce": "AAAAAAAAAAAAAAAA", "ciphertext": "AAAAAAAAAAAAAAAAAAAAAA=="}', encoding="utf-8")
    assert run_cli("check", str(path), "--lang", "en") == 2
    err = capsys.readouterr().err
    assert "damaged" in err and "Traceback" not in err


def test_check_of_an_example_still_works():
    assert run_cli("check", str(paths.EXAMPLES / "05-filed-by-agent.json"), "--today", "2026-11-23") in (0, 1)


@pytest.mark.parametrize("version", [999, -5])
def test_handoff_decode_writes_nothing_for_a_code_a_draft_file_could_not_hold(tmp_path, version, capsys):
    import base64
    import hashlib
    import json

    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = bytes([1]) + packer.compress(json.dumps({"schema_version": version}).encode()) + packer.flush()
    code = handoff.PREFIX + base64.b32encode(body + hashlib.sha256(body).digest()[:8]).decode().rstrip("=")
    out = tmp_path / "draft.json"
    assert run_cli("handoff", "decode", code, "-o", str(out)) == 1
    assert not out.exists() and "Traceback" not in capsys.readouterr().err


@posix_only
def test_scan_refuses_a_fifo_without_waiting(tmp_path):
    from app.scan import images

    fifo = tmp_path / "scan.png"
    os.mkfifo(fifo)
    outcome = {}
    thread = threading.Thread(target=lambda: outcome.update(error=_raises(images.open_pages, fifo)), daemon=True)
    thread.start()
    thread.join(5)
    assert not thread.is_alive() and outcome["error"].code == "unreadable"


def _raises(function, *args):
    try:
        function(*args)
    except Exception as exc:  # noqa: BLE001 - returned to the test
        return exc
    return None
