"""The printer calibration test page: one A4 sheet a person prints and measures with a ruler.

Owns: what the sheet shows: millimetre rulers along all four edges, starting at the paper's
edge; horizontal line A at 20 mm from the top edge and vertical line B at 20 mm from the
left edge, each with a dimension arrow from the edge; square C of 100 mm with its dimension
arrow; a crosshair at the centre of the page; short instructions in Chinese (English in small
type under each line); and blanks to write the measured values on. The geometry comes from
app.printer_calibration, which turns the measurements into a correction, so the two cannot
drift apart. The "check" variant is printed with the correction applied: its numbers should
then measure true.

Drawn directly with reportlab (no footer: it would sit on the bottom ruler), in the bundled
font only, always in invariant mode: the same bytes every time.
"""
from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app import __version__
from app.printer_calibration import LINE_A_MM, LINE_B_MM, SQUARE_MM
from app.render import fonts

PAGE_W, PAGE_H = A4
PAGE_W_MM, PAGE_H_MM = PAGE_W / mm, PAGE_H / mm

TICK_MM = {1: 2.5, 5: 4.0, 10: 6.0}   # tick length by what the mark is a multiple of
RULER_NUMBER_PT = 6.5
RULE_PT = 0.3
MEASURE_PT = 0.5       # lines A, B and square C: thin, so a ruler can be read against them
TEXT_LEFT_MM = 28.0
ZH_PT, EN_PT, TITLE_PT = 10.0, 7.0, 16.0
EN_GAP_MM = 3.9        # from a Chinese baseline to the baseline of its English line
STEP_MM = 8.2
ARROW_MM = 2.2
SQUARE_LEFT_MM = (PAGE_W_MM - SQUARE_MM) / 2
SQUARE_TOP_MM = (PAGE_H_MM - SQUARE_MM) / 2


def _x(x_mm: float) -> float:
    return x_mm * mm


def _y(y_mm: float) -> float:
    """From millimetres below the top edge (how the person measures) to reportlab's y."""
    return PAGE_H - y_mm * mm


def _line(c: Canvas, x0: float, y0: float, x1: float, y1: float) -> None:
    c.line(_x(x0), _y(y0), _x(x1), _y(y1))


def _tick(mark: int) -> float:
    return TICK_MM[10] if mark % 10 == 0 else TICK_MM[5] if mark % 5 == 0 else TICK_MM[1]


def _rulers(c: Canvas) -> None:
    """Ticks every millimetre from each edge inwards; numbers every 10 mm, counted from the
    left edge (top and bottom rulers) and from the top edge (left and right rulers)."""
    c.saveState()
    c.setLineWidth(RULE_PT)
    width, height = int(PAGE_W_MM), int(PAGE_H_MM)
    for mark in range(1, width + 1):
        length = _tick(mark)
        _line(c, mark, 0, mark, length)
        _line(c, mark, PAGE_H_MM, mark, PAGE_H_MM - length)
    for mark in range(1, height + 1):
        length = _tick(mark)
        _line(c, 0, mark, length, mark)
        _line(c, PAGE_W_MM, mark, PAGE_W_MM - length, mark)
    c.setFont(fonts.PRIMARY, RULER_NUMBER_PT)
    for mark in range(10, width, 10):
        c.drawCentredString(_x(mark), _y(9.3), str(mark))
        c.drawCentredString(_x(mark), _y(PAGE_H_MM - 7.0), str(mark))
    # 10 and 290 would sit on the numbers of the top and bottom rulers.
    for mark in range(20, height - 10, 10):
        c.drawString(_x(6.8), _y(mark + 0.8), str(mark))
        c.drawRightString(_x(PAGE_W_MM - 6.8), _y(mark + 0.8), str(mark))
    c.restoreState()


def _arrow_head(c: Canvas, x: float, y: float, dx: float, dy: float) -> None:
    """A filled head at (x, y) mm pointing along (dx, dy) (a unit vector, y down)."""
    back_x, back_y = x - dx * ARROW_MM, y - dy * ARROW_MM
    side_x, side_y = -dy * ARROW_MM * 0.35, dx * ARROW_MM * 0.35
    path = c.beginPath()
    path.moveTo(_x(x), _y(y))
    path.lineTo(_x(back_x + side_x), _y(back_y + side_y))
    path.lineTo(_x(back_x - side_x), _y(back_y - side_y))
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def _dimension(c: Canvas, x0: float, y0: float, x1: float, y1: float) -> None:
    """A double-headed arrow between two points (mm); horizontal or vertical."""
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    dx, dy = (x1 - x0) / length, (y1 - y0) / length
    _line(c, x0 + dx * ARROW_MM, y0 + dy * ARROW_MM, x1 - dx * ARROW_MM, y1 - dy * ARROW_MM)
    _arrow_head(c, x1, y1, dx, dy)
    _arrow_head(c, x0, y0, -dx, -dy)


def _label(c: Canvas, x_mm: float, y_mm: float, zh: str, en: str, size: float = ZH_PT) -> None:
    """A Chinese line with its English in small grey type under it; (x, y) is the baseline."""
    c.setFillGray(0)
    c.setFont(fonts.PRIMARY, size)
    c.drawString(_x(x_mm), _y(y_mm), zh)
    if en:
        c.setFillGray(0.35)
        c.setFont(fonts.PRIMARY, EN_PT)
        c.drawString(_x(x_mm), _y(y_mm + EN_GAP_MM), en)
        c.setFillGray(0)


def _measured_marks(c: Canvas) -> None:
    """Line A, line B, square C, their arrows and letters, and the centre crosshair."""
    c.saveState()
    c.setLineWidth(MEASURE_PT)
    c.setStrokeGray(0)
    c.setFillGray(0)
    _line(c, 12, LINE_A_MM, 120, LINE_A_MM)
    _line(c, LINE_B_MM, 12, LINE_B_MM, 120)
    c.rect(_x(SQUARE_LEFT_MM), _y(SQUARE_TOP_MM + SQUARE_MM), SQUARE_MM * mm, SQUARE_MM * mm, stroke=1, fill=0)
    c.setFont(fonts.PRIMARY, 12)
    c.drawString(_x(122), _y(LINE_A_MM + 1.5), "A")
    c.drawCentredString(_x(LINE_B_MM), _y(125), "B")
    c.drawString(_x(SQUARE_LEFT_MM + 2), _y(SQUARE_TOP_MM + 6), "C")

    c.setLineWidth(RULE_PT)
    _dimension(c, 115, 0.4, 115, LINE_A_MM - 0.4)
    _dimension(c, 0.4, 115, LINE_B_MM - 0.4, 115)
    top = SQUARE_TOP_MM - 5
    _line(c, SQUARE_LEFT_MM, SQUARE_TOP_MM - 1, SQUARE_LEFT_MM, top - 2)
    _line(c, SQUARE_LEFT_MM + SQUARE_MM, SQUARE_TOP_MM - 1, SQUARE_LEFT_MM + SQUARE_MM, top - 2)
    _dimension(c, SQUARE_LEFT_MM, top, SQUARE_LEFT_MM + SQUARE_MM, top)
    c.setFont(fonts.PRIMARY, 9)
    c.drawString(_x(117), _y(14), f"A = {LINE_A_MM:.0f} mm")
    c.drawString(_x(LINE_B_MM + 2.5), _y(113.5), f"B = {LINE_B_MM:.0f} mm")
    c.setFillGray(1)
    c.rect(_x(PAGE_W_MM / 2 - 13), _y(top + 1.8), 26 * mm, 3.6 * mm, stroke=0, fill=1)
    c.setFillGray(0)
    c.drawCentredString(_x(PAGE_W_MM / 2), _y(top - 1.1), f"C = {SQUARE_MM:.0f} mm")

    cx, cy = PAGE_W_MM / 2, PAGE_H_MM / 2
    _line(c, cx - 12, cy, cx + 12, cy)
    _line(c, cx, cy - 12, cx, cy + 12)
    c.circle(_x(cx), _y(cy), 4 * mm, stroke=1, fill=0)
    c.setFillGray(0.35)
    c.setFont(fonts.PRIMARY, EN_PT)
    c.drawString(_x(cx + 2), _y(cy + 16), "页面中心 centre of the page")
    c.restoreState()


STEPS = (
    ("打印时选“实际大小”或“100%”，不要选“适合页面”。",
     'Print at actual size (100 %); do not use "fit to page".'),
    (f"用尺子量：上边缘到横线 A 应为 {LINE_A_MM:.0f} mm。",
     f"With a ruler: from the top edge of the paper to line A should be {LINE_A_MM:.0f} mm."),
    (f"用尺子量：左边缘到竖线 B 应为 {LINE_B_MM:.0f} mm。",
     f"From the left edge of the paper to line B should be {LINE_B_MM:.0f} mm."),
    (f"用尺子量：方框 C 的上边长应为 {SQUARE_MM:.0f} mm。",
     f"The top side of square C should be {SQUARE_MM:.0f} mm."),
    ("把三个数填进程序的“打印机校准”窗口并保存，以后打印会自动校正。",
     "Enter the three numbers in the app's \"Printer calibration\" window and save: printing will correct for them."),
)
RULER_NOTE = (
    "四周的刻度从纸边开始，单位毫米；靠近纸边的刻度印不出来是正常的。",
    "The rulers start at the paper's edge, in millimetres; the part nearest the edge may not print.",
)
CHECK_STEP = (
    "这是检查页，已按校准打印：A、B 量到 20 mm、C 量到 100 mm（相差不到 0.5 mm）就对了。",
    "This check page was printed with the calibration: A and B should measure 20 mm, C 100 mm (within 0.5 mm).",
)


def _instructions(c: Canvas, check: bool) -> None:
    title = "打印机校准检查页" if check else "打印机校准页"
    c.setFont(fonts.PRIMARY, TITLE_PT)
    c.drawString(_x(TEXT_LEFT_MM), _y(33), title)
    c.setFillGray(0.35)
    c.setFont(fonts.PRIMARY, EN_PT)
    subtitle = "Printer calibration check page" if check else "Printer calibration page"
    c.drawString(_x(TEXT_LEFT_MM), _y(37), f"{subtitle} · 助手 {__version__}")
    c.setFillGray(0)
    steps = (CHECK_STEP, *STEPS[1:4]) if check else STEPS
    y = 46.0
    for number, (zh, en) in enumerate(steps, start=1):
        _label(c, TEXT_LEFT_MM, y, f"{number}. {zh}", en)
        y += STEP_MM


def _blanks(c: Canvas, check: bool) -> None:
    """Lines to write the measurements (and the printer) on, under the square."""
    y = SQUARE_TOP_MM + SQUARE_MM + 14
    if check:
        _label(c, TEXT_LEFT_MM, y, "检查结果（写在这里）：", "What the check page measures (write it here):")
    else:
        _label(c, TEXT_LEFT_MM, y, "量到的数（写在这里，再填进程序）：",
               "Measured values (write them here, then enter them in the app):")
    rows = (
        ("A  上边缘 → 横线 A：", f"mm（应为 {LINE_A_MM:.0f} mm）", "A  top edge to line A"),
        ("B  左边缘 → 竖线 B：", f"mm（应为 {LINE_B_MM:.0f} mm）", "B  left edge to line B"),
        ("C  方框 C 的上边长：", f"mm（应为 {SQUARE_MM:.0f} mm）", "C  top side of square C"),
    )
    c.setLineWidth(RULE_PT)
    for zh, unit, en in rows:
        y += 11
        _label(c, TEXT_LEFT_MM + 4, y, zh, en)
        _line(c, 80, y + 0.8, 112, y + 0.8)
        c.setFont(fonts.PRIMARY, ZH_PT)
        c.drawString(_x(114), _y(y), unit)
    y += 13
    _label(c, TEXT_LEFT_MM + 4, y, "打印机：", "printer")
    _line(c, 48, y + 0.8, 120, y + 0.8)
    _label(c, 126, y, "日期：", "date")
    _line(c, 140, y + 0.8, 180, y + 0.8)
    _label(c, TEXT_LEFT_MM, y + 14, *RULER_NOTE, size=EN_PT + 1)


def draw_calibration_page(c: Canvas, check: bool = False) -> None:
    """Paint the whole test page (A4 portrait) onto `c`."""
    _rulers(c)
    _measured_marks(c)
    _instructions(c, check)
    _blanks(c, check)


def calibration_page_pdf(check: bool = False) -> bytes:
    """The test page as a one-page A4 PDF. `check`: the variant printed with the calibration
    applied, to confirm it (same marks, other title and first step)."""
    fonts.register_fonts()
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, invariant=1, lang="zh-CN", pageCompression=1,
               initialFontName=fonts.PRIMARY, initialFontSize=10)
    c.setTitle("打印机校准检查页" if check else "打印机校准页")
    c.setCreator(f"transfer-helper {__version__}")
    c.setAuthor("")
    draw_calibration_page(c, check)
    c.showPage()
    c.save()
    return buffer.getvalue()
