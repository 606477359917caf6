"""The page machinery every printed document shares.

Owns: A4 geometry, the canvas setup (title, zh-CN language, deterministic mode), and the
footer on every page: "第 x 页 共 y 页" counted per document, and the rule-set version.
A document is laid out first into a list of page painters, so its page count is known
before anything is drawn; `write_pdf` then paints one or many documents into one PDF, and
`write_pdfs` also makes each document's own PDF from the same painted pages.
This package (app/render/) is the only place that imports reportlab.
"""
from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
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


def _new_canvas(buffer: io.BytesIO, documents: Sequence[LaidOutDocument], title: str, invariant: bool) -> Canvas:
    first = documents[0].pagesize if documents else A4
    # initialFontName: otherwise every page starts in Helvetica, which is never embedded.
    canvas = Canvas(buffer, pagesize=first, invariant=1 if invariant else 0, lang="zh-CN", pageCompression=1,
                    initialFontName=fonts.PRIMARY, initialFontSize=10)
    canvas.setTitle(title)
    canvas.setSubject("基本医疗保险关系转移接续 申请材料")
    canvas.setCreator(f"transfer-helper {__version__}")
    canvas.setAuthor("")
    return canvas


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
    return write_pdfs(documents, title=title, ruleset=ruleset, invariant=invariant)[0]


def write_pdfs(
    documents: Sequence[LaidOutDocument],
    *,
    title: str,
    ruleset: str,
    invariant: bool = False,
    parts: Mapping[str, tuple[LaidOutDocument, str]] | None = None,
) -> tuple[bytes, dict[str, bytes]]:
    """As write_pdf; and each of `parts` (key: (a document whose pages are among those of
    `documents`, its PDF's title)) as a PDF of its own, with its own footer.

    Each page is painted once. A part's PDF takes its pages' content as painted into the whole
    file, and the whole file's font subsets (the same codes for the same characters, which is
    what lets the content be shared) with the glyphs the part does not print left out.
    Painting is most of the cost of a PDF: a packet and its documents took twice as long.
    """
    parts = dict(parts or {})
    fonts.register_fonts()
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, documents, title, invariant)
    # A page printed more than once (copies of a form in the combined file) is drawn once as
    # a PDF form XObject and placed again: less to draw, a smaller file.
    uses = Counter(id(painter) for doc in documents for painter in doc.pages)
    forms: dict[int, str] = {}
    owner = {id(painter): key for key, (doc, _) in parts.items() for painter in doc.pages}
    used: dict[str, dict[str, set[int]]] = {key: {} for key in parts}
    bodies: dict[int, list[str]] = {}  # a part's page: its content, as painted the first time
    for doc in documents:
        for number, painter in enumerate(doc.pages, start=1):
            canvas.setPageSize(doc.pagesize)
            key = id(painter)
            part = owner.get(key) if key not in bodies else None
            with fonts.recording(used[part] if part is not None else None):
                if uses[key] == 1:
                    start = len(canvas._code)
                    painter(canvas)
                    body = canvas._code[start:]
                else:
                    body = None
                    if key not in forms:
                        forms[key] = f"Page{len(forms) + 1}"
                        canvas.beginForm(forms[key])
                        painter(canvas)
                        body = list(canvas._code)
                        canvas.endForm()
                    canvas.doForm(forms[key])
            if part is not None and body is not None:
                bodies[key] = body
            _footer(canvas, doc, number, ruleset)
            canvas.showPage()
    shared = _font_states(canvas) if parts else None  # saving consumes them
    canvas.save()
    written = {}
    for key, (doc, part_title) in parts.items():
        if shared is None or any(id(painter) not in bodies for painter in doc.pages):
            written[key] = write_pdf([doc], title=part_title, ruleset=ruleset, invariant=invariant)
        else:
            written[key] = _write_part(doc, part_title, ruleset, invariant, bodies, shared, used[key])
    return buffer.getvalue(), written


@dataclass(frozen=True)
class _FontState:
    """A font's code assignment in one PDF: which character each byte of each subset means."""

    font: TTFont
    internal_name: str  # "/F1": the name the content uses
    assignments: dict[int, int]
    subsets: list[list[int]]
    next_code: int


def _font_states(canvas: Canvas) -> list[_FontState] | None:
    """Every font of the canvas's PDF with its code assignment; None if a font is not one of
    the chain's (which record what they print) with subsets made at saving: then parts are
    painted on their own."""
    pdf = canvas._doc
    states = []
    for name, internal_name in pdf.fontMapping.items():
        font = pdfmetrics.getFont(name)
        state = font.state.get(pdf) if isinstance(font, fonts.ChainFont) else None
        if state is None or font not in pdf.delayedFonts or state.frozen:
            return None
        states.append(_FontState(font, internal_name, dict(state.assignments),
                                 [list(subset) for subset in state.subsets], state.nextCode))
    return states


def _write_part(doc: LaidOutDocument, title: str, ruleset: str, invariant: bool, bodies: dict[int, list[str]],
                shared: list[_FontState], used: dict[str, set[int]]) -> bytes:
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, [doc], title, invariant)
    pdf = canvas._doc
    seeded = []
    for entry in shared:
        pdf.fontMapping[entry.font.fontName] = entry.internal_name  # taken, used here or not
        if not used.get(entry.font.fontName):
            continue
        state = TTFont.State(entry.font._asciiReadable, entry.font)
        state.assignments = dict(entry.assignments)
        state.subsets = [list(subset) for subset in entry.subsets]
        state.nextCode = entry.next_code
        state.internalName = entry.internal_name[1:]
        entry.font.state[pdf] = state
        pdf.delayedFonts.append(entry.font)
        seeded.append(entry.font)
    with fonts.recording(used):  # the footer's characters count as used too
        for number, painter in enumerate(doc.pages, start=1):
            canvas.setPageSize(doc.pagesize)
            canvas._code.extend(bodies[id(painter)])
            _footer(canvas, doc, number, ruleset)
            canvas.showPage()
    for font in seeded:
        state = font.state[pdf]
        keep = used[font.fontName]
        for n, subset in enumerate(state.subsets):
            trimmed = [code if code in keep or code == 32 else 0 for code in subset]
            while len(trimmed) > 1 and trimmed[-1] == 0:
                trimmed.pop()
            state.subsets[n] = trimmed
    canvas.save()
    return buffer.getvalue()
