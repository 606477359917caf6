"""The page machinery every printed document shares.

Owns: A4 geometry, the canvas setup (title, zh-CN language, deterministic mode), and the
footer on every page: "第 x 页 共 y 页" counted per document, and the rule-set version.
A document is laid out first into a list of page painters, so its page count is known
before anything is drawn; `write_pdf` then paints one or many documents into one PDF.
This package (app/render/) is the only place that imports reportlab.
"""
from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app import __version__
from app.render import fonts

# Streams Flate-compressed only, not also ASCII85-encoded (reportlab's default): ASCII85 keeps a
# PDF 7-bit clean at the cost of 25% more bytes per stream, and our PDFs hold binary font
# streams anyway. A 200-period packet: 169 KB -> ~150 KB, and less to encode.
rl_config.useA85 = 0

PagePainter = Callable[[Canvas], None]
"""Draws the content of one page (not the footer) onto the canvas."""

FOOTER_PT = 8
FOOTER_Y = 8 * mm


@dataclass(frozen=True)
class LaidOutDocument:
    """One printed document, laid out: its pages, ready to paint."""

    doc_id: str
    title: str
    pages: Sequence[PagePainter]
    landscape: bool = False
    footer_note: str = ""  # e.g. the form's own short name, printed left in the footer
    extra: dict = field(default_factory=dict)

    @property
    def pagesize(self) -> tuple[float, float]:
        return landscape(A4) if self.landscape else A4


def page_label(number: int, total: int) -> str:
    return f"第 {number} 页 共 {total} 页"


def _footer(canvas: Canvas, doc: LaidOutDocument, number: int, ruleset: str) -> None:
    width, _ = doc.pagesize
    canvas.saveState()
    canvas.setFont(fonts.PRIMARY, FOOTER_PT)
    canvas.setFillGray(0.35)
    canvas.drawCentredString(width / 2, FOOTER_Y, page_label(number, len(doc.pages)))
    left = doc.footer_note or doc.title
    canvas.drawString(15 * mm, FOOTER_Y, left)
    canvas.drawRightString(width - 15 * mm, FOOTER_Y, f"规则版本 {ruleset} · 助手 {__version__}")
    canvas.restoreState()


def write_pdf(
    documents: Sequence[LaidOutDocument],
    *,
    title: str,
    ruleset: str,
    invariant: bool = False,
) -> bytes:
    """Paint the documents, in order, into one PDF and return its bytes.

    `invariant`: the same input gives the same bytes (no creation date or random ids);
    used by tests and wherever a reproducible file matters.
    """
    fonts.register_fonts()
    buffer = io.BytesIO()
    first = documents[0].pagesize if documents else A4
    # initialFontName: otherwise every page starts in Helvetica, which is never embedded.
    canvas = Canvas(buffer, pagesize=first, invariant=1 if invariant else 0, lang="zh-CN", pageCompression=1,
                    initialFontName=fonts.PRIMARY, initialFontSize=10)
    canvas.setTitle(title)
    canvas.setSubject("基本医疗保险关系转移接续 申请材料")
    canvas.setCreator(f"transfer-helper {__version__}")
    canvas.setAuthor("")
    # A page printed more than once (copies of a form in the combined file) is drawn once as
    # a PDF form XObject and placed again: less to draw, a smaller file.
    uses = Counter(id(painter) for doc in documents for painter in doc.pages)
    forms: dict[int, str] = {}
    for doc in documents:
        for number, painter in enumerate(doc.pages, start=1):
            canvas.setPageSize(doc.pagesize)
            key = id(painter)
            if uses[key] == 1:
                painter(canvas)
            else:
                if key not in forms:
                    forms[key] = f"Page{len(forms) + 1}"
                    canvas.beginForm(forms[key])
                    painter(canvas)
                    canvas.endForm()
                canvas.doForm(forms[key])
            _footer(canvas, doc, number, ruleset)
            canvas.showPage()
    canvas.save()
    return buffer.getvalue()
