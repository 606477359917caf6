"""The combined packet stays compact: streams are only Flate-compressed (no ASCII85 on top,
+25% per stream), and the font runs of a text are worked out once per font chain."""
from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from app import paths
from app.storage import drafts
from app.domain.application import complete
from app.domain.packet import build_packet
from app.render import fonts
from app.render.packet import PACKET, render_packet

TODAY = date(2026, 11, 23)


def test_no_stream_is_ascii85_encoded():
    app = complete(drafts.load(paths.EXAMPLES / "01-employee-job-change-cross-province.json"), TODAY)
    data = render_packet(build_packet(app, TODAY), app, invariant=True)[PACKET]
    assert b"ASCII85Decode" not in data
    reader = PdfReader(io.BytesIO(data))
    assert "基本医疗保险关系转移接续申请表" in "".join(page.extract_text() for page in reader.pages)


def test_split_runs_results_are_kept_per_chain_and_handed_out_as_copies():
    fonts.register_fonts([])
    first = fonts.split_runs("林晓测 ABC")
    first.append(("x", "y"))  # a caller changing its list changes nobody else's
    assert fonts.split_runs("林晓测 ABC") == [(fonts.PRIMARY, "林晓测 ABC")]
    chain = fonts._current()
    assert "林晓测 ABC" in chain.runs
    fonts.register_fonts([paths.FONTS])  # another chain: nothing carried over
    assert fonts._current() is not chain and "林晓测 ABC" not in fonts._current().runs
    fonts.register_fonts([])


def test_kept_runs_are_bounded(monkeypatch):
    fonts.register_fonts([])
    monkeypatch.setattr(fonts, "_RUNS_KEPT", 5)
    for i in range(12):
        assert fonts.split_runs(f"示例{i}") == [(fonts.PRIMARY, f"示例{i}")]
    assert len(fonts._current().runs) <= 5


def test_a_packet_encodes_its_qr_code_once(monkeypatch):
    """The guide is drawn twice per packet (its own PDF and the combined one): one encoding."""
    from app.render import guide

    app = complete(drafts.load(paths.EXAMPLES / "02-resident-hukou-move.json"), TODAY)
    packet = build_packet(app, TODAY)
    assert packet.handoff is not None
    guide._qr_literal.cache_clear()
    encoded = []
    original = guide._qr_runs
    monkeypatch.setattr(guide, "_qr_runs", lambda code: encoded.append(code) or original(code))
    render_packet(packet, app, invariant=True)
    assert encoded == [packet.handoff]
    drawn = guide._qr_literal.cache_info()  # and drawn once: the guide's own PDF shares the packet's page
    assert (drawn.misses, drawn.hits) == (1, 0)
    count, runs = guide._qr_runs(packet.handoff)
    assert count >= 21 and all(0 <= start < end <= count and 0 <= row < count for row, start, end in runs)
