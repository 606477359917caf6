"""The printer calibration test page (app.render.calibration), checked on the PDF: one A4 page,
rulers from the edges with their numbers where they belong, line A, line B and square C exactly
where app.printer_calibration expects them, the instructions, and only embedded fonts."""
from __future__ import annotations

import io
from collections import Counter

import pdfplumber
import pypdf
import pytest

from app.printer_calibration import LINE_A_MM, LINE_B_MM, SQUARE_MM
from app.render.calibration import calibration_page_pdf

MM = 72 / 25.4
A4_PT = (595.2756, 841.8898)


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return calibration_page_pdf()


@pytest.fixture(scope="module")
def page(pdf_bytes):
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        assert len(pdf.pages) == 1
        yield pdf.pages[0]


def compact(text: str) -> str:
    return "".join(text.split())


def test_one_a4_portrait_page_and_the_same_bytes_every_time(pdf_bytes, page):
    assert (page.width, page.height) == pytest.approx(A4_PT, abs=0.01)
    assert calibration_page_pdf() == pdf_bytes
    assert pdf_bytes.startswith(b"%PDF-")


def test_rulers_are_numbered_every_10_mm_where_the_marks_are(page):
    words = page.extract_words()
    numbers = Counter(w["text"] for w in words if w["text"].isdigit())
    for mark in range(10, 210, 10):
        assert numbers[str(mark)] >= 2, f"{mark} on the top and bottom rulers"
    for mark in range(20, 290, 10):
        rulers = 4 if mark < 210 else 2  # up to 200 also on the top and bottom rulers
        assert numbers[str(mark)] >= rulers, f"{mark} on the side rulers"
    top_ruler = {w["text"]: (w["x0"] + w["x1"]) / 2 for w in words if w["text"].isdigit() and w["bottom"] < 12 * MM}
    assert set(top_ruler) == {str(m) for m in range(10, 210, 10)}
    for text, centre in top_ruler.items():
        assert centre == pytest.approx(int(text) * MM, abs=0.3), f"number {text} centred on its mark"
    left_ruler = {w["text"]: (w["top"] + w["bottom"]) / 2 for w in words
                  if w["text"].isdigit() and w["x1"] < 12 * MM and 15 * MM < w["top"] < 285 * MM}
    assert set(left_ruler) == {str(m) for m in range(20, 290, 10)}
    for text, middle in left_ruler.items():
        assert middle == pytest.approx(int(text) * MM, abs=1.0), f"number {text} beside its mark"


def test_every_millimetre_has_a_tick_starting_at_each_edge(page):
    width, height = page.width, page.height
    top = sorted(round(line["x0"] / MM, 2) for line in page.lines
                 if line["x0"] == pytest.approx(line["x1"]) and line["top"] == pytest.approx(0, abs=0.01))
    bottom = [line for line in page.lines
              if line["x0"] == pytest.approx(line["x1"]) and line["bottom"] == pytest.approx(height, abs=0.01)]
    left = [line for line in page.lines
            if line["top"] == pytest.approx(line["bottom"]) and line["x0"] == pytest.approx(0, abs=0.01)]
    right = [line for line in page.lines
             if line["top"] == pytest.approx(line["bottom"]) and line["x1"] == pytest.approx(width, abs=0.01)]
    assert top == pytest.approx(list(range(1, 211)), abs=0.01)
    assert len(bottom) == 210 and len(left) == len(right) == 297
    lengths = {round(line["height"] / MM, 1) for line in page.lines
               if line["x0"] == pytest.approx(line["x1"]) and line["top"] == pytest.approx(0, abs=0.01)}
    assert lengths == {2.5, 4.0, 6.0}  # 1 mm, 5 mm and 10 mm marks


def test_line_a_line_b_and_square_c_are_where_the_maths_expects_them(page):
    line_a = [line for line in page.lines if line["top"] == pytest.approx(line["bottom"])
              and line["width"] > 100 * MM]
    line_b = [line for line in page.lines if line["x0"] == pytest.approx(line["x1"])
              and line["height"] > 100 * MM]
    assert len(line_a) == 1 and line_a[0]["top"] == pytest.approx(LINE_A_MM * MM, abs=0.01)
    assert len(line_b) == 1 and line_b[0]["x0"] == pytest.approx(LINE_B_MM * MM, abs=0.01)
    squares = [rect for rect in page.rects if rect["width"] == pytest.approx(SQUARE_MM * MM, abs=0.01)]
    assert len(squares) == 1
    square = squares[0]
    assert square["height"] == pytest.approx(SQUARE_MM * MM, abs=0.01)
    # centred on the page, like the crosshair
    assert (square["x0"] + square["x1"]) / 2 == pytest.approx(page.width / 2, abs=0.01)
    assert (square["top"] + square["bottom"]) / 2 == pytest.approx(page.height / 2, abs=0.01)
    cross = [line for line in page.lines if line["width"] == pytest.approx(24 * MM, abs=0.01)
             or line["height"] == pytest.approx(24 * MM, abs=0.01)]
    assert len(cross) == 2
    for line in cross:
        assert (line["x0"] + line["x1"]) / 2 == pytest.approx(page.width / 2, abs=0.01)
        assert (line["top"] + line["bottom"]) / 2 == pytest.approx(page.height / 2, abs=0.01)


def test_the_instructions_say_what_to_measure_in_chinese_and_english(page):
    text = compact(page.extract_text())
    for needed in ("打印机校准页", "用尺子量：上边缘到横线A应为20mm。", "用尺子量：左边缘到竖线B应为20mm。",
                   "方框C的上边长应为100mm", "不要选“适合页面”", "打印机校准", "A=20mm", "B=20mm", "C=100mm",
                   "量到的数（写在这里，再填进程序）", "mm（应为20mm）", "mm（应为100mm）", "打印机：", "日期：",
                   "Witharuler:fromthetopedgeofthepapertolineAshouldbe20mm.", "fittopage"):
        assert needed in text


def test_the_check_page_says_it_is_the_check_page(pdf_bytes):
    check = calibration_page_pdf(check=True)
    assert check != pdf_bytes
    with pdfplumber.open(io.BytesIO(check)) as pdf:
        text = compact(pdf.pages[0].extract_text())
    assert "打印机校准检查页" in text and "这是检查页，已按校准打印" in text
    assert "把三个数填进程序" not in text


def test_every_font_is_embedded(pdf_bytes):
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile2", "/FontFile", "/FontFile3")), font["/BaseFont"]
    assert reader.metadata.title == "打印机校准页"
