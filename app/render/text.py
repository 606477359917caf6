"""Text primitives every printed document uses: measuring, line breaking with the Chinese
line-breaking rules (禁则), fitting text into a box, and drawing one line with per-character
font fallback.

Owns: how a line of mixed Chinese and Latin text may break, and how a character that no font
covers is drawn. Never uses reportlab's Paragraph, so user text is never parsed as markup and
reportlab's CJK wrapping (which lets "：" start a line) is not involved.
Fonts come from app.render.fonts; nothing here registers or chooses fonts itself.

The typesetting rules, decided here for every document: text is measured and drawn in its
printed form (fonts.printed_form: NFC); a combining mark left after NFC is drawn centred on
its base and clear of it; a paragraph's last line never holds a single character where the
lines can be balanced; a document title (《…》, or named by the caller) stays on one line where
it fits one and otherwise breaks only between its words; lines grow apart when a glyph is
taller than the leading (line_box), so that nothing reaches into the next line or out of its
cell.

Characters no font covers are drawn as a visible hollow box holding the code point in tiny
hex digits (e.g. a box with "2A6D6"), never as an empty glyph that looks like a printed box by
accident. A printable application has none: checks.font_findings reports each one as an error
before printing; the box only shows up in a preview of a blocked application.
"""
from __future__ import annotations

import re
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
    if fonts.is_mark(ch):
        return 0.0  # drawn on its base (draw_lines), whatever advance the font gives it
    if font is None:  # no font has it: drawn as a 1 em box
        return 1.0
    return pdfmetrics.stringWidth(ch, font, 1.0)


def _face(font: str | None, bold: bool) -> str | None:
    return font


# Measuring is the hot path of layout, so widths (per character) and measured texts are kept.
# They belong to one font chain and are dropped when register_fonts builds another
# (fonts.chain_generation() changes); while there is no chain (generation 0), nothing is kept.
_widths: dict[tuple[str, bool], float] = {}
# Fits, by all of fit_text's arguments: a form's captions and table headers are fitted again
# for every application (a third of a batch's layout time), and dates and amounts repeat.
class _Kept(dict):
    """A cache of at most `limit` entries, emptied when full (what is needed comes back)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def put(self, key, value):
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


_fits: _Kept = _Kept(8192)
# Where each piece of a line goes, by draw_line's arguments less y: forms repeat their fixed
# text, and the documents page makes the packet again after every edit.
_placements: _Kept = _Kept(20_000)
# Broken lines, by break_lines' arguments: a guide's and a history table's texts are broken
# again every time the documents are made (the documents page remakes them after each edit).
_breaks: _Kept = _Kept(20_000)
_cached_for: list[int] = [0]  # the chain generation the caches belong to


def _caching() -> bool:
    generation = fonts.chain_generation()
    if generation != _cached_for[0]:
        _widths.clear()
        _fits.clear()
        _placements.clear()
        _breaks.clear()
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
    text = fonts.printed_form(text)
    if bold:
        return sum(_char_em(ch, True) for ch in text) * size
    return sum(map(_char_em, text)) * size


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


Unit = tuple[str, float]  # text, width in em


class _Title(tuple):
    """A unit that is the title of a document (in 《》, or named by the caller): kept on one
    line where it fits one line, else broken only between the words of TITLE_WORDS."""


# The words of the document titles and form captions this program prints and cites (the
# forms, the agencies' certificates and letters, the rules' names): a title breaks between
# words, never inside one ("申请表" stays whole). Outside titles, Chinese breaks between any two
# characters, as usual.
TITLE_WORDS = (
    "申请表", "委托书", "联系函", "信息表", "储存额", "凭证", "基本", "医疗", "养老", "保险", "保障",
    "关系", "转移", "接续", "参保", "缴费", "授权", "人员", "城乡", "居民", "职工", "城镇", "企业",
    "暂行", "办法", "规程", "业务", "经办", "流动", "就业", "申请", "开具", "中止", "办事", "指南",
    "通知", "社会", "个人", "账户", "合作", "农村", "新型", "余额", "本地", "起止", "时间", "期间",
    "编号", "号码", "地区", "名称", "年月", "月数", "地址", "电话", "单位", "信息", "类型", "代码",
    "机构", "联系", "户籍", "证件", "邮政", "实际", "原因", "所在地", "转入地", "转出地", "险种",
    "受理", "日期", "意见", "情况", "欠费", "卡号", "统一", "信用",
)
_TITLE_SPAN = re.compile(r"《[^《》\n]{1,60}》")


def _title_spans(paragraph: str, titles: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = [m.span() for m in _TITLE_SPAN.finditer(paragraph)]
    for title in titles:
        start = paragraph.find(title) if title else -1
        while start >= 0:
            end = start + len(title)
            if not any(a < end and start < b for a, b in spans):
                spans.append((start, end))
            start = paragraph.find(title, end)
    return sorted(spans)


_WORDS_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _word in TITLE_WORDS:  # each first character's words, in TITLE_WORDS order (the first match wins)
    _WORDS_BY_FIRST[_word[0]] = _WORDS_BY_FIRST.get(_word[0], ()) + (_word,)
del _word


@lru_cache(maxsize=1024)
def _title_cuts(title: str) -> tuple[int, ...]:
    """Positions inside a title where a line may break: between words, never inside a word of
    TITLE_WORDS or a run of Latin letters and digits, and never against the 禁则 rules. Depends
    on the text alone; kept, as a title is cut again for every width balancing tries."""
    inside: set[int] = set()
    i = 0
    while i < len(title):
        word = next((w for w in _WORDS_BY_FIRST.get(title[i], ()) if title.startswith(w, i)), None)
        if word is not None:
            inside.update(range(i + 1, i + len(word)))
            i += len(word)
        else:
            i += 1
    cuts = []
    for p in range(1, len(title)):
        before, after = title[p - 1], title[p]
        if p in inside or after in BREAK_NOT_BEFORE or before in BREAK_NOT_AFTER or fonts.is_mark(after):
            continue
        if not (_wide(before) or _wide(after)):
            continue  # inside a Latin word or a number
        cuts.append(p)
    return tuple(cuts)


def _units(paragraph: str, titles: tuple[str, ...] = ()) -> list[Unit]:
    """Break opportunities with their widths: a run of spaces, a run of narrow characters (a
    Latin word, a number, "025-83581234"), one wide character, or a whole title (_Title).
    Combining marks and variation selectors stay with the character before them."""
    texts: list[str] = []
    title_at: set[int] = set()  # indexes in `texts` that are titles
    kind = ""  # "s" space run, "n" narrow run, "w" single wide char, "t" title
    ends = dict(_title_spans(paragraph, titles))
    i = 0
    while i < len(paragraph):
        if i in ends:
            title_at.add(len(texts))
            texts.append(paragraph[i:ends[i]])
            kind, i = "t", ends[i]
            continue
        ch = paragraph[i]
        i += 1
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
    return [(_Title if n in title_at else tuple)((t, sum(_char_em(ch) for ch in t)))
            for n, t in enumerate(texts)]


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
        if isinstance(unit, _Title) and width > width_em + _EPS:
            # A title longer than a line: fill this line up to a break between its words.
            head = _title_head(text, width_em - cur_w)
            if head:
                head_w = sum(_char_em(ch) for ch in head)
                flush(cur + [(head, head_w)])
                cur, cur_w = [], 0.0
                units[i] = _Title((text[len(head):], width - head_w))
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


def _title_head(title: str, room_em: float) -> str:
    """The longest start of `title` that ends between two words and fits `room_em`."""
    best, width, p = "", 0.0, 0
    for cut in _title_cuts(title):
        width += sum(_char_em(ch) for ch in title[p:cut])
        p = cut
        if width > room_em + _EPS:
            break
        best = title[:cut]
    return best


def _real_chars(line: str) -> int:
    """Characters of a line that count for its length: not spaces, marks or closing marks."""
    return sum(1 for ch in line if ch != _SPACE and ch not in BREAK_NOT_BEFORE and not fonts.is_mark(ch))


# Balancing: "orphan" (the default) narrows the measure just enough that the last line of a
# paragraph holds at least two characters ("办理。", not "理。"); "even" makes all lines about
# equally long (captions in shaded label cells and table headers: "在本地参保" / "起止时间").
# Neither ever adds a line, so a text that fits still fits.
Balance = str
_ORPHAN_STEP = 0.25  # em
_ORPHAN_TRIES = 48


def _balanced(units, width_em: float, lines: list[str], balance: Balance) -> list[str]:
    count = len(lines)
    if count < 2 or balance == "none":
        return lines
    # A narrower trial must still hold every title that fits a line: balancing never breaks one.
    floor = max((unit[1] for unit in units if isinstance(unit, _Title) and unit[1] <= width_em + _EPS),
                default=0.0)
    if balance == "even":
        low, high, best = floor, width_em, lines
        for _ in range(14):
            middle = (low + high) / 2
            trial = _break_paragraph(units, middle)
            if len(trial) == count and max(map(_real_chars, trial)) > 0:
                high, best = middle, trial
            else:
                low = middle
        return best
    if _real_chars(lines[-1]) >= 2:
        return lines
    for step in range(1, _ORPHAN_TRIES + 1):
        if width_em - step * _ORPHAN_STEP < floor - _EPS:
            break
        trial = _break_paragraph(units, width_em - step * _ORPHAN_STEP)
        if len(trial) != count:
            break
        if _real_chars(trial[-1]) >= 2:
            return trial
    return lines


@dataclass(frozen=True)
class _Prepared:
    """A text measured once, whatever the size: per paragraph its units, text and width in em,
    and the highest and lowest reach of its glyphs (em above and below the baseline)."""

    paragraphs: tuple[tuple[tuple[Unit, ...], str, float], ...]
    widest_char: float
    top: float
    bottom: float


EM_TOP, EM_BOTTOM = fonts.EM_TOP, fonts.EM_BOTTOM  # the ideographic em box, around the baseline
LINE_GAP = 0.05  # em kept between the glyphs of two lines when tall glyphs set the pitch
LINE_SLACK = 0.1  # em a glyph may reach into the half-leading before the line grows


def _reach(text: str) -> tuple[float, float]:
    """How far the glyphs of `text` reach above and below the baseline, in em, at least the em
    box; combining marks count where draw_lines puts them (raised clear of their base)."""
    top, bottom = EM_TOP, EM_BOTTOM
    base = None
    for ch in text:
        if fonts.is_mark(ch) and base is not None:
            # Rare (NFC composes nearly all): marks are placed from the outlines themselves.
            box = fonts.glyph_bounds(ch)
            if box is not None:
                rise = _mark_offset(base, ch)[1]
                top, bottom = max(top, box[3] + rise), max(bottom, -(box[1] + rise))
            continue
        base = ch
        reach = fonts.vertical_reach(ch)
        if reach is not None:
            top, bottom = max(top, reach[1]), max(bottom, -reach[0])
    return top, bottom


@lru_cache(maxsize=4096)
def _prepare_cached(text: str, titles: tuple[str, ...] = ()) -> _Prepared:
    text = fonts.printed_form(text)
    paragraphs = []
    for paragraph in text.split("\n"):
        units = tuple(_units(paragraph, titles))
        paragraphs.append((units, paragraph.rstrip(_SPACE), sum(w for _, w in units)))
    top, bottom = _reach(text)
    return _Prepared(tuple(paragraphs), max((_char_em(ch) for ch in text), default=0.0), top, bottom)


def _prepare(text: str, titles: tuple[str, ...] = ()) -> _Prepared:
    """Kept per text and font chain: forms repeat their captions, and fitting tries many sizes."""
    if _caching():
        return _prepare_cached(text, titles)
    return _prepare_cached.__wrapped__(text, titles)


def _break_prepared(prepared: _Prepared, width: float, size: float, balance: Balance = "orphan") -> list[str]:
    if size <= 0:
        raise ValueError("size must be positive")
    width_em = max(width, 0.0) / size
    lines: list[str] = []
    for units, whole, total in prepared.paragraphs:
        if total <= width_em + _EPS:
            lines.append(whole)  # the whole paragraph fits: nothing to break
        else:
            lines.extend(_balanced(units, width_em, _break_paragraph(units, width_em), balance))
    return lines


def break_lines(text: str, width: float, size: float, balance: Balance = "orphan",
                titles: tuple[str, ...] = ()) -> list[str]:
    """Break `text` into lines no wider than `width` at `size` pt.

    CJK may break between any two characters; runs of Latin letters and digits break only at
    spaces (a word wider than the line is split by characters); the 禁则 rules move a character
    to the next line; an explicit newline starts a new line; spaces at a break are dropped.
    A document title (in 《》, or one of `titles`) stays on one line where it fits one, else
    breaks only between its words. `balance`: see _balanced. A line is wider than `width`
    only when a single character is.
    """
    if not _caching():
        return _break_prepared(_prepare(text, titles), width, size, balance)
    key = (text, width, size, balance, titles)
    lines = _breaks.get(key)
    if lines is None:
        lines = _breaks.put(key, tuple(_break_prepared(_prepare(text, titles), width, size, balance)))
    return list(lines)  # the caller's own list


@dataclass(frozen=True)
class LineBox:
    """How lines of one text are stacked, in em of the size: the distance between baselines,
    and from the top of a line's box down to its baseline."""

    pitch: float
    baseline: float


def reach(text: str) -> tuple[float, float]:
    """How far the glyphs of `text` reach above and below the baseline, in em (at least the
    em box: 0.88 and 0.12), as drawn (fallback fonts, raised marks included)."""
    prepared = _prepare(text)
    return prepared.top, prepared.bottom


def line_box(text: str, leading: float = 1.25) -> LineBox:
    """The line box for `text`: `leading` em per line with the em box centred in it, unless
    a glyph reaches further (U+3031 spans 1.87 em): then the lines grow to hold it."""
    prepared = _prepare(text)
    return _line_box(prepared, leading)


def _line_box(prepared: _Prepared, leading: float) -> LineBox:
    standard = (leading - 1.0) / 2 + EM_TOP  # the em box centred in the line
    top, bottom = prepared.top, prepared.bottom
    if top <= standard + LINE_SLACK and bottom <= leading - standard + LINE_SLACK:
        # Accents and descenders of Latin text stay within the half-leading: lines of every
        # cell share their baselines.
        return LineBox(leading, standard)
    extent = top + bottom
    pitch = max(leading, extent + LINE_GAP)
    return LineBox(pitch, (pitch - extent) / 2 + top)


@dataclass(frozen=True)
class Fit:
    size: float
    lines: list[str]
    fits: bool
    pitch: float = 1.25     # em between baselines (LineBox.pitch)
    baseline: float = 1.005  # em from the top of a line's box to its baseline


def fit_text(
    text: str,
    width: float,
    height: float,
    size: float,
    min_size: float,
    leading: float = 1.25,
    max_lines: int | None = None,
    balance: Balance = "orphan",
    titles: tuple[str, ...] = (),
) -> Fit:
    """The largest size, in steps of 0.5 pt from `size` down to `min_size`, at which the
    wrapped text fits `width` x `height` (n lines take n x size x the line box's pitch, which
    is `leading` unless a glyph is taller); fits=False with the lines at `min_size` when even
    that does not fit. `balance`, `titles`: as for break_lines."""
    key = (text, width, height, size, min_size, leading, max_lines, balance, titles)
    if not _caching():
        return _fit(*key)
    fit = _fits.get(key)
    if fit is None:
        fit = _fits.put(key, _fit(*key))
    return Fit(fit.size, list(fit.lines), fit.fits, fit.pitch, fit.baseline)  # the caller's own list


def _fit(text: str, width: float, height: float, size: float, min_size: float, leading: float,
         max_lines: int | None, balance: Balance, titles: tuple[str, ...]) -> Fit:
    prepared = _prepare(text, titles)
    box = _line_box(prepared, leading)
    widest_char = prepared.widest_char
    current = size
    while True:
        lines = _break_prepared(prepared, width, current, balance)
        ok = (
            widest_char * current <= width + _EPS
            and len(lines) * current * box.pitch <= height + _EPS
            and (max_lines is None or len(lines) <= max_lines)
        )
        if ok or current - 0.5 < min_size - _EPS:
            return Fit(current, lines, ok, box.pitch, box.baseline)
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


MARK_GAP = 0.06  # em between a base's outline and a mark moved clear of it


def _mark_offset(base: str, mark: str) -> tuple[float, float]:
    """Where a combining mark's origin goes, in em from its base's origin: the mark's outline
    centred over the base's (fonts design marks for some base width, not for this one), and
    moved up (or down, for a mark below) until it clears the base's outline."""
    mark_box = fonts.glyph_bounds(mark)
    if mark_box is None:
        return 0.0, 0.0
    base_box = fonts.glyph_bounds(base)
    if base_box is None:
        return _char_em(base) / 2 - (mark_box[0] + mark_box[2]) / 2, 0.0
    dx = (base_box[0] + base_box[2]) / 2 - (mark_box[0] + mark_box[2]) / 2
    dy = 0.0
    if mark_box[1] > 0.2:  # a mark above
        dy = max(0.0, base_box[3] + MARK_GAP - mark_box[1])
    elif mark_box[3] < 0.1:  # a mark below
        dy = min(0.0, base_box[1] - MARK_GAP - mark_box[3])
    return dx, dy


def _pieces(runs: list[tuple[str | None, str]], x: float, size: float):
    """(font, text, x, rise) pieces of one line: a run of base characters is one piece; each
    combining mark is a piece of its own, placed on the character before it."""
    base: tuple[float, str] | None = None  # origin and character of the last base character
    for font, run in runs:
        buf, buf_x = "", x
        for ch in run:
            if fonts.is_mark(ch) and base is not None:
                if buf:
                    yield font, buf, buf_x, 0.0
                    buf = ""
                dx, dy = _mark_offset(base[1], ch)
                yield font, ch, base[0] + dx * size, dy * size
                continue
            if not buf:
                buf_x = x
            base = (x, ch)
            buf += ch
            x += _char_em(ch) * size
        if buf:
            yield font, buf, buf_x, 0.0


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
        for font, piece, at, rise in _placed(text, x, size, align, width, bold):
            if font is None:
                for ch in piece:
                    if _char_em(ch):
                        missing.append((at, y, ch, size))
                    at += _char_em(ch) * size
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
            tx.setTextOrigin(at, y + rise)
            # _textOut: textOut without advancing reportlab's own cursor (we set the origin of
            # every piece), which would measure the piece a second time.
            tx._textOut(piece)
    if mode[0]:
        tx.setTextRenderMode(0)
    canvas.drawText(tx)
    if any_bold:
        canvas.restoreState()
    for item in missing:
        _draw_missing(canvas, *item)


def _placed(text: str, x: float, size: float, align: str, width: float | None, bold: bool) -> tuple:
    """(font, text, x, rise) of each piece of a line (see _pieces), kept per chain generation
    (draw_lines has called _caching())."""
    key = (text, x, size, align, width, bold)
    placed = _placements.get(key)
    if placed is None:
        if align == "center":
            total = text_width(text, size, bold)
            start = x + (width - total) / 2 if width is not None else x - total / 2
        elif align == "right":
            total = text_width(text, size, bold)
            start = x + width - total if width is not None else x - total
        else:
            start = x
        placed = tuple(_pieces(fonts.split_runs(text), start, size))
        if fonts.chain_generation():
            _placements.put(key, placed)
    return placed


def draw_line(canvas, x: float, y: float, text: str, size: float, align: str = "left",
              width: float | None = None, bold: bool = False) -> None:
    """Draw one line with its baseline at `y`. With `width`, `x` is the left edge of a box of
    that width and `align` places the line in it; without, `x` is the anchor point.
    `bold` draws the text filled and stroked (see BOLD_STROKE)."""
    draw_lines(canvas, [(x, y, text, size, align, width, bold)])
