"""The printed guide: what a person reads at home, checked on the PDF itself."""
from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest
from reportlab.lib.units import mm

from app import drafts, paths
from app.domain.application import ApplicationDraft, complete
from app.domain.packet import build_packet
from app.render import fonts, guide as render_guide, text
from app.render.base import write_pdf

TODAY = date(2026, 11, 23)
FORBIDDEN_LINE_START = "：，。、；！？）》」』】"
FORBIDDEN_LINE_END = "（《「『【“"


def example(stem: str) -> ApplicationDraft:
    return drafts.load(paths.EXAMPLES / f"{stem}.json")


def packet_of(draft: ApplicationDraft, today: date = TODAY):
    return build_packet(complete(draft, today), today)


def guide_pdf(packet) -> bytes:
    return write_pdf([render_guide.layout_guide(packet)], title="t", ruleset=packet.ruleset, invariant=True)


def page_texts(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def compact(value: str) -> str:
    """Without whitespace, and without the finding tags, which sit between a message's lines."""
    lines = [line for line in value.splitlines() if line.strip() not in ("提醒", "说明")]
    return "".join("".join(lines).split())


@pytest.fixture(scope="module")
def agent_packet():
    return packet_of(example("05-filed-by-agent"))


@pytest.fixture(scope="module")
def agent_pdf(agent_packet):
    return guide_pdf(agent_packet)


def test_layout_is_a4_portrait_with_the_guide_id(agent_packet):
    doc = render_guide.layout_guide(agent_packet)
    assert doc.doc_id == "guide" and not doc.landscape
    assert doc.pagesize == pytest.approx((595.2756, 841.8898), abs=0.01)
    assert 2 <= len(doc.pages) <= 5


def test_guide_prints_title_summary_steps_materials_findings_documents_and_ruleset(agent_packet, agent_pdf):
    whole = compact("\n".join(page_texts(agent_pdf)))
    guide = agent_packet.guide
    expected = [
        "办事指南·赵德明", guide.summary.route_zh, guide.summary.first_zh, guide.summary.finish.text_zh,
        *(s.title_zh for s in guide.steps), *(m.name_zh for m in guide.materials),
        *(f.message_zh for f in agent_packet.findings), *(d.title_zh for d in agent_packet.documents),
        "沈阳市医疗保障事务服务中心", "024-22851234", "青岛市市南区样例路18号",
        f"本指南按{agent_packet.ruleset}生成，各地规定不同的，以经办机构为准",
    ]
    for item in expected:
        assert compact(item) in whole, item


def test_findings_are_printed_with_their_sources_warnings_first():
    draft = example("03-employee-to-resident")
    draft.history[0].arrears_months = "2"
    packet = packet_of(draft)
    whole = compact("\n".join(page_texts(guide_pdf(packet))))
    warning = next(f for f in packet.findings if f.code == "MED-ARREARS")
    info = next(f for f in packet.findings if f.code == "MED-GAP-RETROACTIVE")
    assert compact(warning.message_zh) in whole and compact(info.message_zh) in whole
    assert compact(f"依据：{warning.source}") in whole and compact(f"依据：{info.source}") in whole
    assert whole.index(compact(warning.message_zh)) < whole.index(compact(info.message_zh))


def test_qr_box_is_45mm_at_the_top_right_and_holds_only_the_code(agent_packet, agent_pdf):
    x, y, w, h = render_guide.layout_guide(agent_packet).extra["qr_box"]
    assert w == pytest.approx(45 * mm) and h == pytest.approx(45 * mm)
    assert x + w == pytest.approx(595.2756 - 15 * mm, abs=0.01)
    assert y + h == pytest.approx(841.8898 - 15 * mm, abs=0.01)
    with pdfplumber.open(io.BytesIO(agent_pdf)) as pdf:
        page = pdf.pages[0]
        top, bottom = page.height - (y + h), page.height - y  # pdfplumber measures from the top
        chars = [c for c in page.chars if c["x1"] > x and c["x0"] < x + w and c["bottom"] > top and c["top"] < bottom]
        assert chars == []  # no text runs into the code


def test_qr_code_on_the_printed_guide_gives_back_the_application(agent_packet, agent_pdf, tmp_path):
    import shutil
    import subprocess

    from app import handoff

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    (tmp_path / "guide.pdf").write_bytes(agent_pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(tmp_path / "guide.pdf"),
                    str(tmp_path / "page")], check=True)
    image = next(tmp_path.glob("page*.png"))
    draft = handoff.decode_text(handoff.read_code_in_image(image))
    assert draft.identity.name == "赵德明"
    assert handoff.encode(draft) == agent_packet.handoff


def test_an_application_too_large_for_one_code_says_to_bring_the_draft(agent_packet):
    import dataclasses

    big = dataclasses.replace(agent_packet, handoff=None)
    x, y, w, h = render_guide.QR_BOX
    with pdfplumber.open(io.BytesIO(guide_pdf(big))) as pdf:
        page = pdf.pages[0]
        box = page.crop((x, page.height - (y + h), x + w, page.height - y))
        assert "请把草稿文件带到窗口" in compact(box.extract_text() or "")


def test_checkboxes_are_drawn_squares_not_glyphs(agent_packet, agent_pdf):
    side = 4.2 * mm
    with pdfplumber.open(io.BytesIO(agent_pdf)) as pdf:
        squares = [
            r for page in pdf.pages for r in page.rects
            if abs(r["width"] - side) < 0.2 and abs(r["height"] - side) < 0.2
        ]
        text_all = "".join(page.extract_text() or "" for page in pdf.pages)
    assert len(squares) == len(agent_packet.guide.materials)
    assert "□" not in text_all and "☐" not in text_all


def test_no_printed_line_breaks_the_chinese_line_breaking_rules(monkeypatch):
    draft = example("05-filed-by-agent")
    # Long agency texts full of punctuation force many breaks next to "：，。）".
    draft.transfer.origin.address = "沈阳市和平区示例街5号（东门）：进门右转，二楼；窗口（3）号，办理时间：工作日。"
    draft.transfer.origin.name = "沈阳市医疗保障事务服务中心（和平分中心），第二窗口"
    lines: list[str] = []
    original = render_guide.wrap

    def recording(value, width, size, bold=False, titles=()):
        result = original(value, width, size, bold, titles)
        lines.extend(result)
        return result

    monkeypatch.setattr(render_guide, "wrap", recording)
    data = guide_pdf(packet_of(draft))
    assert len(lines) > 100
    for line in lines:
        assert line == "" or line[0] not in FORBIDDEN_LINE_START, line
        assert line == "" or line[-1] not in FORBIDDEN_LINE_END, line
    for page in page_texts(data):
        for line in page.splitlines():
            assert line.strip()[:1] not in FORBIDDEN_LINE_START, line


def test_no_line_is_wider_than_its_column(agent_packet, monkeypatch):
    checked = []
    original = render_guide.wrap

    def measuring(value, width, size, bold=False, titles=()):
        result = original(value, width, size, bold, titles)
        checked.extend((line, width, size) for line in result)
        return result

    monkeypatch.setattr(render_guide, "wrap", measuring)
    render_guide.layout_guide(agent_packet)
    for line, width, size in checked:
        assert text.text_width(line, size) <= width + 0.01, line


def test_user_text_is_printed_literally_never_as_markup():
    draft = example("01-employee-job-change-cross-province")
    draft.transfer.origin.address = "深圳市<b>福田区</b> & 示例路 1 号 &amp; <font size=40>"
    whole = "".join(page_texts(guide_pdf(packet_of(draft))))
    assert "深圳市<b>福田区</b> & 示例路 1 号 &amp; <font size=40>" in whole


def test_estimated_dates_are_printed_as_estimates():
    late = date(2026, 12, 21)
    packet = packet_of(example("05-filed-by-agent"), late)  # no signing date: counts from `late`
    whole = compact("".join(page_texts(guide_pdf(packet))))
    assert compact(packet.guide.summary.finish.text_zh) in whole
    assert packet.guide.summary.finish.text_zh.startswith("约")
    assert "（估算）" in whole and "标“估算”的日期" in whole


def test_dates_inside_the_calendar_data_are_printed_as_expected_dates():
    draft = example("01-employee-job-change-cross-province")
    draft.transfer.signed_on = "2025-09-26"
    whole = compact("".join(page_texts(guide_pdf(packet_of(draft)))))
    assert "预计2025年10月16日（星期四）前" in whole
    assert "按申请日期2025年9月26日受理推算" in whole


def test_continuation_pages_name_the_guide_and_what_continues(agent_pdf):
    pages = page_texts(agent_pdf)
    for page in pages[1:]:
        assert page.splitlines()[0].startswith("办事指南 · 赵德明（续）")


def test_done_steps_show_a_drawn_tick_and_say_done(agent_pdf):
    pages = page_texts(agent_pdf)
    assert pages[0].count("已完成") >= 2  # stopped at the origin, enrolled at the destination


@pytest.mark.skipif(fonts.font_for_char("𠮷") is None, reason="no font on this machine covers U+20BB7")
def test_a_rare_character_in_the_name_prints_and_extracts():
    whole = "".join(page_texts(guide_pdf(packet_of(example("06-rare-extb-name")))))
    assert "办事指南 · 陶𠮷祥" in whole


def test_paginate_keeps_a_block_with_the_ones_it_keeps_and_marks_continuations():
    def block(height, keep=0, cont=None, spacer=False):
        return render_guide.Block(height, lambda c, x, y: None, keep, cont, spacer)

    blocks = [block(350), block(100, keep=2), block(100, cont="第 1 步"), block(100, cont="第 1 步"), block(50, spacer=True)]
    pages = render_guide.paginate(blocks, first_top=700, top=800, bottom=100)
    assert [len(p) for p in pages] == [1, 4]  # the title moved with its two rows
    first_on_second = pages[1][0][0]
    assert first_on_second is blocks[1]
    blocks = [block(550), block(100, cont="第 2 步")]
    pages = render_guide.paginate(blocks, first_top=700, top=800, bottom=100)
    assert len(pages) == 2 and pages[1][0][0] is not blocks[1]  # the "（续）" line comes first
