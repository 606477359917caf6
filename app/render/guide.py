"""The printed 办事指南 (guide): A4 portrait, large type, for a person preparing at home.

Owns: the guide's page layout — title, summary box, numbered steps with office, dates and
what to bring, the materials checklist with drawn checkboxes, the findings that matter, the
documents of the packet, and the closing rule-set line — and the empty square at the top
right of page 1 that a later QR code will fill (its rectangle is `extra["qr_box"]`, in PDF
points from the bottom-left corner: x, y, width, height).

Everything printed comes from the Packet (app.domain.packet): this module lays out text and
computes no fact. Text is broken by app.render.text (Chinese line-breaking rules, no
Paragraph markup, so user text is never parsed) and drawn with per-character font fallback.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.domain.findings import Finding, Severity
from app.domain.guide import DueDate, Material, Step
from app.domain.packet import Packet, PacketDocument
from app.render import text
from app.render.base import LaidOutDocument

PAGE_W, PAGE_H = A4
MARGIN = 15 * mm
TOP = PAGE_H - 15 * mm
BOTTOM = 17 * mm
WIDTH = PAGE_W - 2 * MARGIN
QR_SIZE = 45 * mm
QR_BOX = (PAGE_W - MARGIN - QR_SIZE, TOP - QR_SIZE, QR_SIZE, QR_SIZE)
"""Reserved, drawn empty: (x, y, width, height) of page 1's top-right square, in points."""

# Type sizes (pt): body text no smaller than 10.5 for older readers; sources may be smaller.
TITLE = 20.0
HEADING = 13.5
STEP_TITLE = 12.5
BODY = 11.0
SMALL = 9.5
SOURCE = 8.5
LEADING = 1.42
BOLD_SAFETY = 0.97  # the stroke of simulated bold widens each glyph a little
BOLD_STROKE = 0.035  # stroke width of simulated bold, per pt of type size

INK, MUTED, FAINT = 0.0, 0.35, 0.55
LABEL_W = 17 * mm
INDENT = 11 * mm

Draw = Callable[[Canvas, float, float], None]  # canvas, left x, top y


@dataclass(frozen=True)
class Block:
    height: float
    draw: Draw
    keep: int = 0             # how many following blocks must share this block's page
    cont: str | None = None   # a block inside a group: names the group when a page starts here
    spacer: bool = False      # a separator: dropped where it would start a page


# --- text primitives ------------------------------------------------------------------

def wrap(value: str, width: float, size: float, bold: bool = False, titles: tuple[str, ...] = ()) -> list[str]:
    """Lines of `value`; `titles`: document titles in it that break only between words."""
    return text.break_lines(value, width * (BOLD_SAFETY if bold else 1.0), size, titles=titles)


def put(canvas: Canvas, x: float, baseline: float, value: str, size: float, *,
        bold: bool = False, gray: float = INK) -> None:
    """One line, left-aligned, with per-character font fallback (app.render.text).

    Bold is the regular face filled and stroked (PDF text rendering mode 2), not the bundled
    bold face: the guide has many bold words, and a second embedded subset of them would
    cost ~25 KB per file (the packet must stay under 150 KB)."""
    canvas.saveState()
    canvas.setFillGray(gray)
    if bold:
        canvas.setStrokeGray(gray)
        canvas.setLineWidth(size * BOLD_STROKE)
        _text_render_mode(canvas, 2)
    text.draw_line(canvas, x, baseline, value, size)
    canvas.restoreState()


def _text_render_mode(canvas: Canvas, mode: int) -> None:
    # Tr belongs to the graphics state and holds across text objects until restoreState
    # (PDF 32000-1 §9.3.1); reportlab's drawString never writes it unless asked.
    obj = canvas.beginText()
    obj.setTextRenderMode(mode)
    canvas.drawText(obj)


def first_baseline(top: float, size: float) -> float:
    """The baseline of the first line of `size` pt text hanging from `top`."""
    return top - size * 0.88


def _stack(lines: Sequence[str], size: float) -> tuple[float, float]:
    """(first baseline below the top, distance between baselines) in points: the usual ones,
    unless a glyph reaches further than the leading allows (U+3031 in an address is 1.87 em
    tall): then the lines hang from the glyphs' real top and move apart to hold them."""
    top, bottom = text.reach("\n".join(lines))
    if top <= text.EM_TOP + text.LINE_SLACK and bottom <= LEADING - text.EM_TOP + text.LINE_SLACK:
        return text.EM_TOP * size, LEADING * size
    return top * size, max(LEADING, top + bottom + text.LINE_GAP) * size


def put_lines(canvas: Canvas, x: float, top: float, lines: Sequence[str], size: float, **style) -> float:
    """Lines from `top` downwards; returns the y under the last one."""
    first, step = _stack(lines, size)
    for i, line in enumerate(lines):
        put(canvas, x, top - first - i * step, line, size, **style)
    return top - len(lines) * step


def lines_height(lines: Sequence[str], size: float) -> float:
    return len(lines) * _stack(lines, size)[1]


# --- drawn marks (vector, not glyphs) ------------------------------------------------

def checkbox(canvas: Canvas, x: float, top: float, side: float = 4.2 * mm) -> None:
    canvas.saveState()
    canvas.setLineWidth(0.9)
    canvas.setStrokeGray(INK)
    canvas.rect(x, top - side, side, side, stroke=1, fill=0)
    canvas.restoreState()


def tick(canvas: Canvas, x: float, top: float, side: float = 3.6 * mm) -> None:
    canvas.saveState()
    canvas.setLineWidth(1.4)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    path = canvas.beginPath()
    path.moveTo(x, top - side * 0.55)
    path.lineTo(x + side * 0.38, top - side * 0.92)
    path.lineTo(x + side, top - side * 0.1)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def disc(canvas: Canvas, x: float, top: float, number: int, done: bool) -> None:
    """The step number in a filled circle (an outline circle once the step is done)."""
    r = 3.9 * mm
    cx, cy = x + r, top - r
    canvas.saveState()
    canvas.setLineWidth(1)
    canvas.setStrokeGray(MUTED if done else INK)
    canvas.setFillGray(MUTED if done else INK)
    canvas.circle(cx, cy, r, stroke=1, fill=0 if done else 1)
    canvas.restoreState()
    label = str(number)
    size = 12.0
    width = text.text_width(label, size)
    put(canvas, cx - width / 2, cy - size * 0.36, label, size, bold=True, gray=MUTED if done else 1.0)


def dot(canvas: Canvas, x: float, top: float, size: float) -> None:
    canvas.saveState()
    canvas.setFillGray(INK)
    canvas.circle(x + 1.0 * mm, top - size * 0.62, 0.55 * mm, stroke=0, fill=1)
    canvas.restoreState()


def rule(canvas: Canvas, x: float, y: float, width: float, gray: float = 0.75, weight: float = 0.5) -> None:
    canvas.saveState()
    canvas.setStrokeGray(gray)
    canvas.setLineWidth(weight)
    canvas.line(x, y, x + width, y)
    canvas.restoreState()


# --- blocks -------------------------------------------------------------------------

def heading(title: str) -> Block:
    lines = wrap(title, WIDTH, HEADING, bold=True)
    height = 5 * mm + lines_height(lines, HEADING) + 2.5 * mm

    def draw(canvas: Canvas, x: float, top: float) -> None:
        bottom = put_lines(canvas, x, top - 5 * mm, lines, HEADING, bold=True)
        rule(canvas, x, bottom - 1 * mm, WIDTH, gray=INK, weight=1.0)

    return Block(height, draw, keep=1)


def paragraph(value: str, size: float = BODY, gray: float = INK) -> Block:
    lines = wrap(value, WIDTH, size)

    def draw(canvas: Canvas, x: float, top: float) -> None:
        put_lines(canvas, x, top, lines, size, gray=gray)

    return Block(lines_height(lines, size) + 1.5 * mm, draw, keep=1)


def row_block(label: str, value: str, size: float = BODY, gray: float = INK, *, x0: float = 0.0,
              bullet: bool = False, keep: int = 0, cont: str | None = None) -> Block:
    """One row: a label in a fixed column (may be empty) and the text wrapped beside it."""
    indent = 3 * mm if bullet else 0.0
    lines = wrap(value, WIDTH - x0 - LABEL_W - indent, size)
    height = lines_height(lines, size) + 0.8 * mm

    def draw(canvas: Canvas, x: float, top: float) -> None:
        if label:
            put(canvas, x + x0, first_baseline(top, size), label, SMALL, gray=MUTED)
        if bullet:
            dot(canvas, x + x0 + LABEL_W, top, size)
        put_lines(canvas, x + x0 + LABEL_W + indent, top, lines, size, gray=gray)

    return Block(height, draw, keep, cont)


def header_area(packet: Packet) -> Draw:
    """Title and subtitle at the top left of page 1, clear of the reserved QR square."""
    guide = packet.guide
    width = WIDTH - QR_SIZE - 6 * mm
    fit = text.fit_text(guide.title_zh, width * BOLD_SAFETY, TITLE * LEADING * 2, TITLE, 14, LEADING, max_lines=2)
    sub = [
        "基本医疗保险关系转移接续 · 按您填写的情况生成",
        f"生成日期：{guide.made_on_zh}",
        "先看下面的“先做”，再按步骤准备；备好一样材料，就在清单上勾一样。",
    ]
    sub_lines = [line for s in sub for line in wrap(s, width, BODY)]

    def draw(canvas: Canvas, x: float, top: float) -> None:
        y = put_lines(canvas, x, top, fit.lines, fit.size, bold=True)
        put_lines(canvas, x, y - 2 * mm, sub_lines, BODY, gray=MUTED)

    return draw


def summary_box(packet: Packet) -> Block:
    s = packet.guide.summary
    rows = [("转移", s.route_zh, BODY, INK), ("办理", s.filing_zh, BODY, INK)]
    if s.pension_zh:
        rows.append(("养老", s.pension_zh, BODY, INK))
    rows.append(("先做", s.first_zh, BODY, INK))
    if s.finish is not None:  # None when nothing is transferred (a retiree)
        rows += [("办结", f"{s.finish.label_zh}：{s.finish.text_zh}", BODY, INK), ("", f"{s.base_zh}。", SMALL, MUTED)]
    pad = 3.5 * mm
    inner = [row_block(label, value, size, gray, x0=pad) for label, value, size, gray in rows]
    height = sum(b.height for b in inner) + 2 * pad

    def draw(canvas: Canvas, x: float, top: float) -> None:
        canvas.saveState()
        canvas.setFillGray(0.94)
        canvas.setStrokeGray(INK)
        canvas.setLineWidth(0.9)
        canvas.roundRect(x, top - height, WIDTH, height, 2 * mm, stroke=1, fill=1)
        canvas.restoreState()
        y = top - pad
        for block in inner:
            block.draw(canvas, x, y)
            y -= block.height

    return Block(height + 4 * mm, draw)


def _office_text(step: Step) -> tuple[str, str]:
    office = step.office
    where = f"{office.role_zh} · {office.name}"
    contact = " · ".join(p for p in (office.address, f"电话 {office.phone}" if office.phone else None) if p)
    return where, contact or office.ask_zh


def _sources(dues: Sequence[DueDate]) -> str:
    """"依据：" and each document once, with its articles: the chain of one step shares one."""
    by_document: dict[str, list[str]] = {}
    for due in dues:
        articles = by_document.setdefault(due.source_document, [])
        if due.source_article not in articles:
            articles.append(due.source_article)
    return "依据：" + "；".join(f"{doc}（{'；'.join(arts)}）" for doc, arts in by_document.items())


def step_blocks(step: Step) -> list[Block]:
    """A step as rows, so that a long step can continue on the next page ("第 n 步（续）")."""
    cont = f"第 {step.number} 步"
    gray = MUTED if step.done else INK
    title_w = WIDTH - INDENT - (24 * mm if step.done else 0)
    title_lines = wrap(step.title_zh, title_w, STEP_TITLE, bold=True)
    title_h = max(lines_height(title_lines, STEP_TITLE), 7.8 * mm) + 1.5 * mm

    def draw_title(canvas: Canvas, x: float, top: float) -> None:
        disc(canvas, x, top, step.number, step.done)
        put_lines(canvas, x + INDENT, top - (7.8 * mm - STEP_TITLE * LEADING) / 2, title_lines, STEP_TITLE,
                  bold=True, gray=gray)
        if step.done:
            tick(canvas, x + WIDTH - 20 * mm, top - 1.5 * mm)
            put(canvas, x + WIDTH - 15 * mm, top - 5.2 * mm, "已完成", BODY, bold=True, gray=MUTED)

    blocks = [Block(title_h, draw_title, keep=3)]  # the title with the office and the first thing to do
    where, contact = _office_text(step)
    blocks.append(row_block("地点", where, BODY, gray, x0=INDENT, cont=cont))
    if contact and not step.done:
        blocks.append(row_block("", contact, SMALL, MUTED, x0=INDENT, cont=cont))
    many = len(step.do_zh) > 1
    for i, sentence in enumerate(step.do_zh):
        label = "做什么" if i == 0 and not step.done else ""
        blocks.append(row_block(label, sentence, BODY, gray, x0=INDENT, bullet=many, cont=cont))
    if step.bring:
        blocks.append(row_block("带上", "、".join(m.name_zh for m in step.bring), x0=INDENT, cont=cont))
    if step.receive_zh:
        blocks.append(row_block("拿到", step.receive_zh, x0=INDENT, cont=cont))
    for i, due in enumerate(step.due):
        paper = due.kind == "paper"
        value = f"{'如用纸质联系函：' if paper else ''}{due.label_zh}，{due.text_zh}"
        last = i == len(step.due) - 1
        blocks.append(row_block("时限" if i == 0 else "", value, BODY, MUTED if paper else INK, x0=INDENT,
                                keep=1 if last else 0, cont=cont))
    if step.due:
        blocks.append(row_block("", _sources(step.due), SOURCE, FAINT, x0=INDENT, cont=cont))

    def draw_end(canvas: Canvas, x: float, top: float) -> None:
        rule(canvas, x + INDENT, top - 2 * mm, WIDTH - INDENT, gray=0.82)

    blocks.append(Block(5 * mm, draw_end, spacer=True))
    return blocks


def _counts(material: Material) -> list[str]:
    parts = []
    if material.originals:
        parts.append(f"原件 {material.originals} 份")
    if material.copies:
        parts.append(f"复印件 {material.copies} 份")
    if material.printed:
        parts.append(f"打印 {material.printed} 份")
    return parts


def material_block(material: Material) -> Block:
    box_w, counts_w = 8 * mm, 26 * mm
    text_w = WIDTH - box_w - counts_w - 2 * mm
    name = wrap(material.name_zh, text_w, BODY)
    detail = wrap(material.detail_zh, text_w, SMALL)
    counts = _counts(material)
    height = max(lines_height(name, BODY) + lines_height(detail, SMALL), lines_height(counts, SMALL)) + 3 * mm

    def draw(canvas: Canvas, x: float, top: float) -> None:
        y = top - 1 * mm
        checkbox(canvas, x, y - 0.4 * mm)
        below = put_lines(canvas, x + box_w, y, name, BODY)
        put_lines(canvas, x + box_w, below, detail, SMALL, gray=MUTED)
        put_lines(canvas, x + WIDTH - counts_w, y, counts, SMALL)
        rule(canvas, x, top - height + 0.5 * mm, WIDTH, gray=0.85)

    return Block(height, draw, cont="要带的材料")


def finding_block(finding: Finding) -> Block:
    tag_w = 13 * mm
    width = WIDTH - tag_w
    lines = wrap(finding.message_zh, width, BODY)
    source = wrap(f"依据：{finding.source}", width, SOURCE) if finding.source else []
    height = lines_height(lines, BODY) + lines_height(source, SOURCE) + 2.5 * mm
    error = finding.severity is Severity.ERROR      # it holds documents back: do it first
    dark = error or finding.severity is Severity.WARNING
    tag = "先办" if error else ("提醒" if dark else "说明")

    def draw(canvas: Canvas, x: float, top: float) -> None:
        canvas.saveState()
        canvas.setLineWidth(1.6 if error else 0.8)
        canvas.setFillGray(INK if dark else 1.0)
        canvas.roundRect(x, top - 5.6 * mm, 10.5 * mm, 5.2 * mm, 1 * mm, stroke=1, fill=1)
        canvas.restoreState()
        put(canvas, x + 1.5 * mm, top - 4.1 * mm, tag, SMALL, bold=True, gray=1.0 if dark else INK)
        below = put_lines(canvas, x + tag_w, top, lines, BODY)
        put_lines(canvas, x + tag_w, below, source, SOURCE, gray=FAINT)

    return Block(height, draw, cont="请注意")


def note_block(text_zh: str, source: str | None) -> Block:
    as_finding = Finding("note", Severity.INFO, "", text_zh, "", source=source)
    return finding_block(as_finding)


def _copies_text(doc: PacketDocument) -> str:
    return f"{doc.copies} 份"


def documents_table(documents: Sequence[PacketDocument]) -> list[Block]:
    title_w, copies_w = 58 * mm, 24 * mm
    why_w = WIDTH - title_w - copies_w

    def header(canvas: Canvas, x: float, top: float) -> None:
        for dx, label in ((0, "文件（按打印顺序）"), (title_w, "打印份数"), (title_w + copies_w, "为什么要 · 谁签字")):
            put(canvas, x + dx, top - SMALL - 1 * mm, label, SMALL, gray=MUTED)
        rule(canvas, x, top - 6 * mm, WIDTH, gray=INK, weight=0.7)

    blocks = [Block(7 * mm, header, keep=1)]
    for number, doc in enumerate(documents, start=1):
        # The number hangs in its own room; the title wraps beside it, between its words.
        numeral = f"{number}. "
        hang = text.text_width(numeral, BODY)
        title = wrap(doc.title_zh, title_w - 3 * mm - hang, BODY, titles=(doc.title_zh,))
        why = wrap(doc.reason_zh, why_w, SMALL)
        sign = wrap(f"签字：{doc.signing_zh}", why_w, SMALL) if doc.hand_in else []
        copies = wrap(_copies_text(doc), copies_w - 2 * mm, BODY)
        height = max(lines_height(title, BODY), lines_height(copies, BODY),
                     lines_height(why, SMALL) + lines_height(sign, SMALL)) + 3 * mm

        def draw(canvas: Canvas, x: float, top: float, title=title, why=why, sign=sign, copies=copies,
                 height=height, numeral=numeral, hang=hang) -> None:
            y = top - 1 * mm
            put(canvas, x, first_baseline(y, BODY), numeral, BODY)
            put_lines(canvas, x + hang, y, title, BODY)
            put_lines(canvas, x + title_w, y, copies, BODY)
            below = put_lines(canvas, x + title_w + copies_w, y, why, SMALL)
            put_lines(canvas, x + title_w + copies_w, below, sign, SMALL)
            rule(canvas, x, top - height + 0.5 * mm, WIDTH, gray=0.85)

        blocks.append(Block(height, draw, cont="这套材料里的文件"))
    return blocks


def held_back_blocks(packet: Packet) -> list[Block]:
    """The documents the case needs that were not printed, each with what holds it back."""
    from app.domain.guide import load_guide_data  # the wording is data, like every guide text

    blocks = [paragraph(load_guide_data().held_back.intro.zh, BODY)]
    for held in packet.held_back:
        why = "；".join(dict.fromkeys(f.message_zh.rstrip("。") for f in held.findings))
        blocks.append(row_block("暂不打印", f"{held.document.title_zh}（原因：{why}）", BODY, INK,
                                cont="这套材料里的文件"))
    return blocks


def closing(packet: Packet) -> Block:
    lines = wrap(f"本指南按 {packet.ruleset} 生成，各地规定不同的，以经办机构为准。", WIDTH, SMALL)
    extra = wrap(f"指南数据 {packet.guide.version}。本指南不用交给窗口。", WIDTH, SOURCE)
    height = 6 * mm + lines_height(lines, SMALL) + lines_height(extra, SOURCE)

    def draw(canvas: Canvas, x: float, top: float) -> None:
        rule(canvas, x, top - 3 * mm, WIDTH, gray=0.6)
        below = put_lines(canvas, x, top - 5 * mm, lines, SMALL, gray=MUTED)
        put_lines(canvas, x, below, extra, SOURCE, gray=FAINT)

    return Block(height, draw)


# --- the document ---------------------------------------------------------------------

def guide_blocks(packet: Packet) -> list[Block]:
    guide = packet.guide
    blocks = [summary_box(packet), heading("一、办理步骤")]
    for step in guide.steps:
        blocks += step_blocks(step)
    blocks.append(heading("二、要带的材料（备好一样，勾一样）"))
    blocks += [material_block(m) for m in guide.materials]
    notes = [note_block(n.text_zh, n.source) for n in guide.notes]
    errors = [f for f in packet.findings if f.severity is Severity.ERROR]
    warnings = [f for f in packet.findings if f.severity is Severity.WARNING]
    infos = [f for f in packet.findings if f.severity is Severity.INFO]
    blocks.append(heading("三、请注意"))
    blocks += [finding_block(f) for f in errors + warnings] + notes + [finding_block(f) for f in infos]
    blocks.append(heading("四、这套材料里的文件"))
    blocks.append(paragraph("“全部材料”那个文件已经按打印份数排好，打印一次就齐了；要签字的每一份都要亲笔签。", SMALL, MUTED))
    blocks += documents_table(packet.documents)
    if packet.held_back:
        blocks += held_back_blocks(packet)
    blocks.append(closing(packet))
    return blocks


def continued(name: str) -> Block:
    def draw(canvas: Canvas, x: float, top: float) -> None:
        put(canvas, x, first_baseline(top, SMALL), f"{name}（续）", SMALL, gray=MUTED)

    return Block(SMALL * LEADING + 1.5 * mm, draw)


def _needed(blocks: Sequence[Block], i: int) -> float:
    """Height of block i and of every block it keeps with it, following chains of `keep`."""
    total, end, j = 0.0, i, i
    while j < len(blocks) and j <= end:
        total += blocks[j].height
        end = max(end, j + blocks[j].keep)
        j += 1
    return total


def paginate(blocks: Sequence[Block], first_top: float, top: float, bottom: float) -> list[list[tuple[Block, float]]]:
    """Place blocks top-down; a block that does not fit, with those it keeps, starts a new page,
    and a page that starts inside a group (a step) first says which one continues."""
    pages: list[list[tuple[Block, float]]] = [[]]
    y = first_top
    for i, block in enumerate(blocks):
        if y - _needed(blocks, i) < bottom and pages[-1]:
            if block.spacer:
                y -= block.height
                continue
            pages.append([])
            y = top
            if block.cont:
                note = continued(block.cont)
                pages[-1].append((note, y))
                y -= note.height
        pages[-1].append((block, y))
        y -= block.height
    return pages


def draw_handoff(canvas: Canvas, code: str | None) -> None:
    """The application as a QR code in QR_BOX (with its quiet zone inside the box), captioned;
    when it is too large for one code, a note to bring the draft file instead."""
    x, y, side, _ = QR_BOX
    if code is None:
        canvas.saveState()
        canvas.setStrokeGray(0.6)
        canvas.setDash(2, 2)
        canvas.rect(x, y, side, side, stroke=1, fill=0)
        canvas.restoreState()
        lines = text.break_lines("申请内容较多，放不进二维码。请把草稿文件带到窗口。", side - 6 * mm, SMALL)
        put_lines(canvas, x + 3 * mm, y + side - 8 * mm, lines, SMALL, gray=MUTED)
        return
    canvas.addLiteral(_qr_literal(code, x, y, side))
    canvas.saveState()
    canvas.setFillGray(MUTED)
    text.draw_line(canvas, x, y - SMALL * 1.1, "窗口扫码导入申请内容", SMALL * 0.85, align="center", width=side)
    canvas.restoreState()


@lru_cache(maxsize=8)
def _qr_literal(code: str, x: float, y: float, side: float) -> str:
    """The QR code of `code` as PDF operators, in the box at x, y of `side`: kept for the few
    codes last drawn (the documents page renders the same packet again as the person edits)."""
    count, runs = _qr_runs(code)
    quiet = 2
    unit = side / (count + 2 * quiet)
    rects = [f"{x + (start + quiet) * unit:.3f} {y + side - (row + 1 + quiet) * unit:.3f} "
             f"{(end - start) * unit:.3f} {unit:.3f} re" for row, start, end in runs]
    return f"q 0 g {' '.join(rects)} f Q"


def _qr_runs(code: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR code of `code`: its size in modules, and each run of dark modules as (row, first
    column, end column); encoded once per packet, as _qr_literal keeps what it is drawn as."""
    # Encoded by zxing-cpp (C++, ~5 ms; reportlab's pure-Python encoder took ~300 ms) and drawn
    # as filled rectangles, runs of dark modules merged (reportlab's barcode widget would also
    # bring in an unembedded Helvetica).
    import zxingcpp

    symbol = zxingcpp.create_barcode(code, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = memoryview(symbol.to_image(scale=1, add_quiet_zones=False))
    count = image.shape[0]
    modules = image.tobytes()  # row by row, 0 = dark, 255 = light
    runs = tuple((row, m.start(), m.end()) for row in range(count)
                 for m in _DARK.finditer(modules, row * count, (row + 1) * count))
    return count, tuple((row, start - row * count, end - row * count) for row, start, end in runs)


_DARK = re.compile(rb"\x00+")


def layout_guide(packet: Packet) -> LaidOutDocument:
    """The guide as pages ready to paint; the footer (page x of y, rule set) comes from base."""
    guide = packet.guide
    header = header_area(packet)
    first_top = QR_BOX[1] - 6 * mm  # room for the caption under the QR code
    # One line across the page, shrunk if the name is long (a name may have 60 characters).
    running = text.fit_text(f"{guide.title_zh}（续）", WIDTH, SMALL * LEADING, SMALL, 6.0, LEADING, max_lines=1)
    pages = paginate(guide_blocks(packet), first_top, TOP - 8 * mm, BOTTOM)

    def painter(number: int, placed: list[tuple[Block, float]]) -> Callable[[Canvas], None]:
        def paint(canvas: Canvas) -> None:
            if number == 0:
                header(canvas, MARGIN, TOP)
                draw_handoff(canvas, packet.handoff)
            else:
                put(canvas, MARGIN, TOP - SMALL, running.lines[0], running.size, gray=MUTED)
                rule(canvas, MARGIN, TOP - 4 * mm, WIDTH, gray=0.7)
            for block, y in placed:
                block.draw(canvas, MARGIN, y)

        return paint

    return LaidOutDocument(
        doc_id="guide",
        title="办事指南",
        pages=[painter(i, placed) for i, placed in enumerate(pages)],
        footer_note="办事指南",
        extra={"qr_box": QR_BOX},
    )
