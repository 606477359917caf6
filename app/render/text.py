"""Text primitives every printed document uses: measuring, line breaking with the Chinese
line-breaking rules (禁则), fitting text into a box, and drawing one line with per-character
font fallback.

Owns: how a line of mixed Chinese and Latin text may break, and how a character that no font
covers is drawn. Never uses reportlab's Paragraph, so user text is never parsed as markup and
reportlab's CJK wrapping (which lets "：" start a line) is not involved.
Fonts come from app.render.fonts; nothing here registers or chooses fonts itself.

Characters no font covers are drawn as a visible hollow box holding the code point in tiny
hex digits (e.g. a box with "2A6D6"), never as an empty glyph that looks like a printed box by
accident. A printable application has none: checks.font_findings reports each one as an error
before printing; the box only shows up in a preview of a blocked application.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics

from app.render import fonts

# Characters that must not start a line, and characters that must not end one (GB/T 15834 and
# common Chinese typesetting practice), with their fullwidth and ASCII variants.
BREAK_NOT_BEFORE = (
    "，。、；：？！）》」』】〕〉〗〙〛”’…—·‥～"  # Chinese (the fullwidth ，；：？！） among them)
    "％．］｝｠｣"                                  # other fullwidth forms
    "%,.;:?!)]}"                                    # ASCII
)
BREAK_NOT_AFTER = (
    "（《「『【〔〈〖〘〚“‘"
    "［｛｟｢"
    "([{"
)

_SPACE = " "
_EPS = 1e-6


BOLD_STROKE = 0.035
"""Stroke width of bold type, per pt of size. Bold is the regular face filled and stroked
(text rendering mode 2): a second 12 MB face would cost ~0.2 s to parse per process and
~25 KB per PDF, for a few titles."""


@lru_cache(maxsize=16384)
def _em_in(font: str | None, ch: str) -> float:
    if font is None:  # no font has it: drawn as a 1 em box (nothing for a combining mark)
        return 0.0 if unicodedata.combining(ch) else 1.0
    return pdfmetrics.stringWidth(ch, font, 1.0)


def _face(font: str | None, bold: bool) -> str | None:
    return font


# Measuring is the hot path of layout, so widths (per character) and measured texts are kept.
# They belong to one font chain and are dropped when register_fonts builds another
# (fonts.chain_generation() changes); while there is no chain (generation 0), nothing is kept.
_widths: dict[tuple[str, bool], float] = {}
_cached_for: list[int] = [0]  # the chain generation the caches belong to


def _caching() -> bool:
    generation = fonts.chain_generation()
    if generation != _cached_for[0]:
        _widths.clear()
        _prepare_cached.cache_clear()
        _cached_for[0] = generation
    return generation != 0


def _char_em(ch: str, bold: bool = False) -> float:
    """Advance width of one character at 1 pt, in the font the fallback chain picks for it.
    (Callers have called _caching() first, through _prepare or text_width.)"""
    key = (ch, bold)
    width = _widths.get(key)
    if width is None:
        width = _em_in(_face(fonts.font_for_char(ch), bold), ch)
        if _caching():
            _widths[key] = width
    return width


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of `text` at `size` pt as draw_line draws it (per-character fallback included)."""
    _caching()
    if bold:
        return sum(_char_em(ch, True) for ch in text) * size
    return sum(map(_char_em, text)) * size


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


Unit = tuple[str, float]  # text, width in em


def _units(paragraph: str) -> list[Unit]:
    """Break opportunities with their widths: a run of spaces, a run of narrow characters (a
    Latin word, a number, "025-83581234"), or one wide character. Combining marks and variation
    selectors stay with the character before them."""
    texts: list[str] = []
    kind = ""  # "s" space run, "n" narrow run, "w" single wide char
    for ch in paragraph:
        if texts and (unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Mc")):
            texts[-1] += ch
            continue
        if ch == _SPACE:
            new = "s"
        elif _wide(ch):
            new = "w"
        else:
            new = "n"
        if texts and new == kind and new != "w":
            texts[-1] += ch
        else:
            texts.append(ch)
        kind = new
    return [(t, sum(_char_em(ch) for ch in t)) for t in texts]


def _blocked(cur: list[Unit], carry: list[Unit], unit: Unit) -> bool:
    """True if a line ending with `cur` and a next line starting with `carry` + `unit` breaks
    a 禁则 rule. Spaces at the break are dropped, so the characters around them count."""
    last = next((part for part, _ in reversed(cur) if part[0] != _SPACE), None)
    if last is None:
        return False
    first = next((part for part, _ in carry + [unit] if part[0] != _SPACE), unit[0])
    return first[0] in BREAK_NOT_BEFORE or last[-1] in BREAK_NOT_AFTER


def _visible(parts: list[Unit]) -> bool:
    return any(part[0] != _SPACE for part, _ in parts)


def _break_paragraph(source, width_em: float) -> list[str]:
    units = list(source)
    lines: list[str] = []
    cur: list[Unit] = []
    cur_w = 0.0

    def flush(parts: list[Unit]) -> None:
        lines.append("".join(part for part, _ in parts).rstrip(_SPACE))

    i = 0
    while i < len(units):
        unit = units[i]
        text, width = unit
        if text[0] == _SPACE:
            # Spaces never force a break themselves (at a line's end they are dropped); at
            # the start of a continued line they are the break and are dropped too.
            if cur or not lines:
                cur.append(unit)
                cur_w += width
            i += 1
            continue
        if cur_w + width <= width_em + _EPS:
            cur.append(unit)
            cur_w += width
            i += 1
            continue
        if not _visible(cur):
            # Nothing on the line yet and the unit alone is too wide: split a word by
            # characters; a single character wider than the line stands alone.
            taken, taken_w = "", 0.0
            for ch in text:
                em = _char_em(ch)
                if taken and taken_w + em > width_em + _EPS:
                    break
                taken += ch
                taken_w += em
            flush([(taken, taken_w)])  # leading spaces that do not fit go with the break
            cur, cur_w = [], 0.0
            if len(taken) < len(text):
                units[i] = (text[len(taken):], width - taken_w)
            else:
                i += 1
            continue
        # Break before `unit`; move characters down so that no line starts with a closing
        # mark and none ends with an opening one. If everything would have to move, give up
        # on the rule for this line rather than loop (only in texts made of punctuation).
        carry: list[Unit] = []
        while cur and _blocked(cur, carry, unit):
            carry.insert(0, cur.pop())
        if not _visible(cur):
            cur, carry = cur + carry, []
        while carry and carry[0][0][0] == _SPACE:
            carry.pop(0)  # a break space
        flush(cur)
        cur = carry
        cur_w = sum(w for _, w in carry)
    if cur or not lines:
        flush(cur)
    return lines


@dataclass(frozen=True)
class _Prepared:
    """A text measured once, whatever the size: per paragraph its units, text and width in em."""

    paragraphs: tuple[tuple[tuple[Unit, ...], str, float], ...]
    widest_char: float


@lru_cache(maxsize=4096)
def _prepare_cached(text: str) -> _Prepared:
    paragraphs = []
    for paragraph in text.split("\n"):
        units = tuple(_units(paragraph))
        paragraphs.append((units, paragraph.rstrip(_SPACE), sum(w for _, w in units)))
    return _Prepared(tuple(paragraphs), max((_char_em(ch) for ch in text), default=0.0))


def _prepare(text: str) -> _Prepared:
    """Kept per text and font chain: forms repeat their captions, and fitting tries many sizes."""
    if _caching():
        return _prepare_cached(text)
    return _prepare_cached.__wrapped__(text)


def _break_prepared(prepared: _Prepared, width: float, size: float) -> list[str]:
    if size <= 0:
        raise ValueError("size must be positive")
    width_em = max(width, 0.0) / size
    lines: list[str] = []
    for units, whole, total in prepared.paragraphs:
        if total <= width_em + _EPS:
            lines.append(whole)  # the whole paragraph fits: nothing to break
        else:
            lines.extend(_break_paragraph(units, width_em))
    return lines


def break_lines(text: str, width: float, size: float) -> list[str]:
    """Break `text` into lines no wider than `width` at `size` pt.

    CJK may break between any two characters; runs of Latin letters and digits break only at
    spaces (a word wider than the line is split by characters); the 禁则 rules move a character
    to the next line; an explicit newline starts a new line; spaces at a break are dropped.
    A line is wider than `width` only when a single character is.
    """
    return _break_prepared(_prepare(text), width, size)


@dataclass(frozen=True)
class Fit:
    size: float
    lines: list[str]
    fits: bool


def fit_text(
    text: str,
    width: float,
    height: float,
    size: float,
    min_size: float,
    leading: float = 1.25,
    max_lines: int | None = None,
) -> Fit:
    """The largest size, in steps of 0.5 pt from `size` down to `min_size`, at which the
    wrapped text fits `width` x `height` (n lines take n x size x leading); fits=False with the
    lines at `min_size` when even that does not fit."""
    prepared = _prepare(text)
    widest_char = prepared.widest_char
    current = size
    while True:
        lines = _break_prepared(prepared, width, current)
        ok = (
            widest_char * current <= width + _EPS
            and len(lines) * current * leading <= height + _EPS
            and (max_lines is None or len(lines) <= max_lines)
        )
        if ok:
            return Fit(current, lines, True)
        if current - 0.5 < min_size - _EPS:
            return Fit(current, lines, False)
        current = max(min_size, current - 0.5)


def _draw_missing(canvas, x: float, y: float, ch: str, size: float) -> None:
    """A hollow box with the code point in tiny hex digits, where no font has the glyph."""
    canvas.saveState()
    canvas.setLineWidth(max(0.3, size * 0.04))
    canvas.rect(x + size * 0.06, y - size * 0.1, size * 0.88, size * 0.9, stroke=1, fill=0)
    digits = f"{ord(ch):04X}"
    tiny = size * (0.3 if len(digits) <= 5 else 0.25)
    canvas.setFont(fonts.PRIMARY, tiny)
    canvas.drawCentredString(x + size * 0.5, y + size * 0.35 - tiny * 0.35, digits)
    canvas.restoreState()


Line = tuple[float, float, str, float, str, "float | None", bool]
"""(x, y, text, size, align, width, bold): the arguments of draw_line, for draw_lines."""


def draw_lines(canvas, lines: "list[Line]") -> None:
    """Draw many lines in one text object (much faster than one drawString per run); the
    boxes for characters no font covers are drawn after it."""
    _caching()
    missing = []
    any_bold = any(line[6] for line in lines)
    if any_bold:
        canvas.saveState()  # the stroke width and colour of bold must not leak out
        canvas.setStrokeColor(canvas._fillColorObj)
    tx = canvas.beginText()
    current = None
    mode = (0, 0.0)
    for x, y, text, size, align, width, bold in lines:
        if align == "center":
            total = text_width(text, size, bold)
            start = x + (width - total) / 2 if width is not None else x - total / 2
        elif align == "right":
            total = text_width(text, size, bold)
            start = x + width - total if width is not None else x - total
        else:
            start = x
        runs = fonts.split_runs(text)
        for n, (font, run) in enumerate(runs):
            if font is None:
                for ch in run:
                    if _char_em(ch):
                        missing.append((start, y, ch, size))
                    start += _char_em(ch) * size
                continue
            face = _face(font, bold) or font
            if current != (face, size):
                tx.setFont(face, size)
                current = (face, size)
            wanted = (2, size * BOLD_STROKE) if bold else (0, 0.0)
            if wanted != mode:
                tx.setTextRenderMode(wanted[0])
                if bold:  # line width is general graphics state, allowed inside BT/ET
                    tx._code.append(f"{wanted[1]:.3f} w")
                mode = wanted
            tx.setTextOrigin(start, y)
            # _textOut: textOut without advancing reportlab's own cursor (we set the origin of
            # every run), which would measure the run a second time.
            tx._textOut(run)
            if n + 1 < len(runs):
                start += text_width(run, size, bold)
    if mode[0]:
        tx.setTextRenderMode(0)
    canvas.drawText(tx)
    if any_bold:
        canvas.restoreState()
    for item in missing:
        _draw_missing(canvas, *item)


def draw_line(canvas, x: float, y: float, text: str, size: float, align: str = "left",
              width: float | None = None, bold: bool = False) -> None:
    """Draw one line with its baseline at `y`. With `width`, `x` is the left edge of a box of
    that width and `align` places the line in it; without, `x` is the anchor point.
    `bold` draws the text filled and stroked (see BOLD_STROKE)."""
    draw_lines(canvas, [(x, y, text, size, align, width, bold)])
