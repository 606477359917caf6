"""Labels, values and tables found in OCR lines (made here, no OCR run)."""
from __future__ import annotations

import math

from app.scan.engine import OcrLine
from app.scan.layout import Kind, read_page


def line(text, x, y, w=None, h=30, angle_deg=0.0, confidence=0.99):
    """A line's box at (x, y) of width w (by default ~h per character), rotated about the page origin."""
    w = w or h * len(text)
    a = math.radians(angle_deg)
    corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    box = tuple((cx * math.cos(a) - cy * math.sin(a), cx * math.sin(a) + cy * math.cos(a)) for cx, cy in corners)
    return OcrLine(text, box, confidence)


def id_card(angle=0.0):
    return [
        line("姓名", 50, 60, angle_deg=angle), line("林晓测", 180, 60, angle_deg=angle),
        line("性别", 50, 140, angle_deg=angle), line("男", 180, 140, angle_deg=angle),
        line("民族", 300, 140, angle_deg=angle), line("汉", 420, 140, angle_deg=angle),
        line("出生", 50, 220, angle_deg=angle), line("1990年5月12日", 180, 220, angle_deg=angle),
        line("住址", 50, 300, angle_deg=angle), line("广东省深圳市南山区示例路", 180, 300, angle_deg=angle),
        line("18号", 180, 350, angle_deg=angle),
        line("公民身份号码", 50, 500, angle_deg=angle), line("440305199005120130", 300, 500, angle_deg=angle),
    ]


def test_id_card_fields_are_found_by_their_labels():
    page = read_page(id_card())
    assert page.kind == Kind.ID_CARD
    assert {k: v.text for k, v in page.fields.items()} == {
        "name": "林晓测", "sex": "男", "nation": "汉", "birth": "1990年5月12日",
        "address": "广东省深圳市南山区示例路18号", "id_number": "440305199005120130"}


def test_rotated_photo_still_pairs_each_label_with_its_value():
    page = read_page(id_card(angle=7.5))
    assert page.fields["sex"].text == "男" and page.fields["nation"].text == "汉"
    assert page.fields["address"].text == "广东省深圳市南山区示例路18号"


def test_label_and_value_in_one_line_are_split_at_the_label():
    page = read_page([line("基本医疗保险参保凭证", 300, 40),
                      line("姓名：林晓测 公民身份号码：440305199005120130", 50, 120),
                      line("编号4403002024000123", 900, 200)])
    assert page.kind == Kind.MEDICAL
    assert page.fields["name"].text == "林晓测"
    assert page.fields["id_number"].text == "440305199005120130"
    assert page.fields["voucher"].text == "4403002024000123"


def test_table_columns_are_found_by_their_headers_in_any_order():
    header = [("实际缴费月数", 100), ("终止时间", 400), ("开始时间", 650), ("参保统筹区", 900)]
    rows = [("36", "2019年12月", "2017年01月", "广东省深圳市"), ("12", "2020年12月", "2020年01月", "浙江省杭州市")]
    lines = [line("个人参保证明", 400, 20)] + [line(text, x, 100, w=200) for text, x in header]
    for r, row in enumerate(rows):
        lines += [line(text, x, 160 + 60 * r, w=200) for text, (_, x) in zip(row, header)]
    lines.append(line("特此证明。", 100, 400))
    page = read_page(lines)
    assert [{k: v.text for k, v in row.items()} for row in page.rows] == [
        {"months_paid": "36", "end": "2019年12月", "start": "2017年01月", "area_name": "广东省深圳市"},
        {"months_paid": "12", "end": "2020年12月", "start": "2020年01月", "area_name": "浙江省杭州市"},
    ]


def test_two_labels_on_a_row_are_not_a_table_header():
    page = read_page([line("基本养老保险参保缴费凭证", 300, 20),
                      line("参保起始年月", 50, 100), line("201701", 300, 100),
                      line("参保截止年月", 500, 100), line("201912", 750, 100)])
    assert page.kind == Kind.PENSION and not page.rows
    assert page.fields["pension_start"].text == "201701" and page.fields["pension_end"].text == "201912"
