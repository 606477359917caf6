#!/usr/bin/env python3
"""Make the scan test set: fake papers drawn with the bundled font, then degraded the way
scanners and phone cameras degrade them.

    python tools/make_scan_set.py OUT_DIR [--count N] [--seed S] [--degraded | --clean]

Every person is invented: names built from common characters, addresses on 示例路/样例街, ID
numbers and credit codes with valid check characters (app/domain/idnumbers.py). The ID-card
front is a plain approximation of the layout, watermarked 样本, with none of the card's
security features. The insurance papers come in two local designs each (label words, column
order and the way months are written differ), as agencies' printouts do.

Writes OUT_DIR/<name>.png|.jpg and OUT_DIR/truth.json: for each image its paper kind and
the value every field should read as ({"identity.id_number": "...", "history.0.start": ...}).
benchmarks/scan.py generates its large set with `generate()`; tests/scan/data holds a few
images made by this tool (see tests/scan/data/README.md).
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app import paths  # noqa: E402
from app.domain import idnumbers, regions  # noqa: E402

FONT_FILE = paths.FONTS / "NotoSansCJKsc-Regular-TT.ttf"
MASTER_DPI = 300
KINDS = ("id_card", "medical_a", "medical_b", "pension", "certificate_a", "certificate_b")

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欣悦思雨晨阳佳怡子涵梓轩一诺浩然宇航志远文博建国海燕春梅"
_STREETS = "示例路 样例街 样本大道 示范巷 模拟路 范例街".split()
_EMPLOYER_WORDS = "示例 样例 模拟 范例 样本".split()
_EMPLOYER_KINDS = "科技有限公司 电子有限公司 贸易有限公司 网络技术有限公司 物流有限公司 餐饮管理有限公司".split()
_NATIONS = "汉 汉 汉 汉 回 满 壮 苗 蒙古 土家 彝".split()
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@dataclass
class Paper:
    kind: str
    image: Image.Image  # RGB at MASTER_DPI
    truth: dict[str, str] = field(default_factory=dict)


def font(px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILE), max(8, int(px)))


def mm(value: float) -> int:
    return round(value / 25.4 * MASTER_DPI)


# ------------------------------------------------------------------------------ fake data
@dataclass
class Period:
    area_code: str
    area_name: str
    start: str  # YYYY-MM
    end: str
    months: int
    balance: str
    scheme: str  # employee / resident
    employer: str
    uscc: str


@dataclass
class Person:
    name: str
    sex: str
    nation: str
    birth: date
    address: str
    id_number: str
    periods: list[Period]
    agency: str
    voucher: str


def _regions(rng: random.Random) -> list[regions.Region]:
    cities = [r for r in regions.all_regions() if r.current and r.code.endswith("00") and not r.code.endswith("0000")
              and r.name not in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")]
    return cities


def _counties() -> list[regions.Region]:
    return [r for r in regions.all_regions() if r.current and not r.code.endswith("00") and r.name != "市辖区"]


_CACHE: dict[str, list] = {}


def make_uscc(rng: random.Random, area: str) -> str:
    body = "91" + area + "".join(rng.choice(_USCC_ALPHABET) for _ in range(9))
    # The 9-character organisation code inside has its own check character (GB 11714).
    for _ in range(200):
        code = idnumbers.make_uscc(body)
        if idnumbers.uscc_org_code_ok(code):
            return code
        body = "91" + area + "".join(rng.choice(_USCC_ALPHABET) for _ in range(9))
    return idnumbers.make_uscc(body)


def _month(value: int) -> str:
    year, m0 = divmod(value, 12)
    return f"{year:04d}-{m0 + 1:02d}"


def make_person(rng: random.Random) -> Person:
    if "counties" not in _CACHE:
        _CACHE["counties"] = _counties()
        _CACHE["cities"] = _regions(rng)
    county = rng.choice(_CACHE["counties"])
    birth = date(rng.randint(1960, 2003), rng.randint(1, 12), rng.randint(1, 28))
    sex = rng.choice(["male", "female"])
    seq = rng.randint(0, 99) * 10 + (rng.choice([1, 3, 5, 7, 9]) if sex == "male" else rng.choice([0, 2, 4, 6, 8]))
    id_number = idnumbers.make_id_number(county.code, birth, f"{seq:03d}")
    name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice([1, 2, 2])))
    address = f"{county.full_name}{rng.choice(_STREETS)}{rng.randint(1, 299)}号{rng.randint(1, 30)}栋{rng.randint(101, 2806)}室"
    start = (birth.year + 20) * 12 + rng.randint(0, 11)
    start = max(start, 2000 * 12)
    periods = []
    for _ in range(rng.randint(1, 3)):
        city = rng.choice(_CACHE["cities"])
        length = rng.randint(6, 70)
        end = min(start + length - 1, 2026 * 12 + 5)
        if end < start:
            break
        scheme = rng.choice(["employee", "employee", "resident"])
        employer = city.full_name[-3:].rstrip("市") + rng.choice(_EMPLOYER_WORDS) + rng.choice(_EMPLOYER_KINDS)
        periods.append(Period(
            area_code=city.code, area_name=city.full_name, start=_month(start), end=_month(end),
            months=end - start + 1 - rng.choice([0, 0, 0, 1, 2]),
            balance=f"{rng.randint(0, 60000)}.{rng.randint(0, 99):02d}", scheme=scheme,
            employer=employer, uscc=make_uscc(rng, city.code)))
        start = end + 1 + rng.choice([0, 0, 1, 3])
    last = periods[-1]
    agency = last.area_name.replace("省", "省").split("省")[-1] + rng.choice(["医疗保障事业管理局", "社会保险基金管理局", "医疗保障服务中心"])
    voucher = f"{last.area_code}{rng.randint(2019, 2026)}{rng.randint(0, 999999):06d}"
    return Person(name, sex, rng.choice(_NATIONS), birth, address, id_number, periods, agency, voucher)


SCHEME_TEXT = {"employee": "职工基本医疗保险", "resident": "城乡居民基本医疗保险"}
SCHEME_SHORT = {"employee": "职工医保", "resident": "居民医保"}


def month_text(month: str, style: int) -> str:
    y, m = month[:4], month[5:7]
    return (f"{y}-{m}", f"{y}{m}", f"{y}年{m}月", f"{y}.{m}")[style]


# ------------------------------------------------------------------------------ drawing
class Sheet:
    """An A4 page (or a card) at MASTER_DPI with a few layout helpers."""

    def __init__(self, width_mm: float, height_mm: float, background=(255, 255, 255)) -> None:
        self.image = Image.new("RGB", (mm(width_mm), mm(height_mm)), background)
        self.draw = ImageDraw.Draw(self.image)

    def text(self, x_mm: float, y_mm: float, text: str, size_pt: float = 10.5, fill=(20, 20, 20),
             bold: bool = False, anchor: str = "la") -> None:
        self.draw.text((mm(x_mm), mm(y_mm)), text, font=font(size_pt / 72 * MASTER_DPI), fill=fill,
                       anchor=anchor, stroke_width=1 if bold else 0, stroke_fill=fill)

    def line(self, x0: float, y0: float, x1: float, y1: float, width: int = 2) -> None:
        self.draw.line([(mm(x0), mm(y0)), (mm(x1), mm(y1))], fill=(40, 40, 40), width=width)

    def table(self, x: float, y: float, widths: list[float], rows: list[list[str]], row_h: float = 9.0,
              size_pt: float = 10.0) -> float:
        total = sum(widths)
        for r, row in enumerate(rows):
            top = y + r * row_h
            self.line(x, top, x + total, top)
            cx = x
            for w, cell in zip(widths, row):
                self.text(cx + w / 2, top + row_h / 2, cell, size_pt, anchor="mm", bold=(r == 0))
                cx += w
        bottom = y + len(rows) * row_h
        self.line(x, bottom, x + total, bottom)
        cx = x
        for w in [0.0, *widths]:
            cx += w
            self.line(cx, y, cx, bottom)
        return bottom


def draw_id_card(p: Person) -> Paper:
    s = Sheet(85.6, 54.0, background=(236, 242, 246))
    label = (40, 90, 140)
    s.text(5, 6, "姓名", 7.5, label)
    s.text(16, 5.4, p.name, 10)
    s.text(5, 13, "性别", 7.5, label)
    s.text(16, 12.6, "男" if p.sex == "male" else "女", 8.5)
    s.text(27, 13, "民族", 7.5, label)
    s.text(38, 12.6, p.nation, 8.5)
    s.text(5, 20, "出生", 7.5, label)
    s.text(16, 19.6, f"{p.birth.year}年{p.birth.month}月{p.birth.day}日", 8.5)
    s.text(5, 27, "住址", 7.5, label)
    for i in range(0, len(p.address), 12):
        s.text(16, 26.6 + (i // 12) * 4.6, p.address[i:i + 12], 8.5)
    s.text(5, 44, "公民身份号码", 7.5, label)
    s.text(27, 43.4, p.id_number, 10)
    s.draw.rectangle([mm(60), mm(7), mm(81), mm(33)], fill=(205, 212, 220))  # where the photo sits
    _watermark(s.image, "样本")
    truth = {
        "identity.name": p.name,
        "identity.sex": p.sex,
        "identity.birth_date": p.birth.isoformat(),
        "identity.hukou_address": p.address,
        "identity.id_number": p.id_number,
    }
    return Paper("id_card", s.image, truth)


def _watermark(image: Image.Image, word: str) -> None:
    layer = Image.new("L", image.size, 0)
    d = ImageDraw.Draw(layer)
    size = image.size[1] // 3
    d.text((image.size[0] * 0.55, image.size[1] * 0.62), word, font=font(size), fill=70, anchor="mm")
    layer = layer.rotate(20, center=(image.size[0] * 0.55, image.size[1] * 0.62))
    red = Image.new("RGB", image.size, (210, 60, 60))
    image.paste(red, (0, 0), layer)


def _identity_truth(p: Person) -> dict[str, str]:
    return {"identity.name": p.name, "identity.id_number": p.id_number}


def draw_medical(p: Person, design: str) -> Paper:
    s = Sheet(210, 297)
    truth = _identity_truth(p)
    truth["transfer.origin.name"] = p.agency
    if design == "a":
        s.text(105, 22, "基本医疗保险参保凭证", 18, bold=True, anchor="mm")
        s.text(20, 36, f"凭证编号：{p.voucher}", 10.5)
        s.text(20, 46, f"姓名：{p.name}", 10.5)
        s.text(90, 46, f"公民身份号码：{p.id_number}", 10.5)
        s.text(20, 56, f"转出地经办机构：{p.agency}", 10.5)
        header = ["参保地", "参保险种", "起始年月", "截止年月", "缴费月数", "个人账户余额(元)"]
        widths = [38, 38, 24, 24, 20, 30]
        rows = [[q.area_name, SCHEME_TEXT[q.scheme], month_text(q.start, 0), month_text(q.end, 0), str(q.months),
                 q.balance] for q in p.periods]
        bottom = s.table(13, 66, widths, [header, *rows], size_pt=9)
    else:
        s.text(105, 20, "基本医疗保险参保（合）凭证", 17, bold=True, anchor="mm")
        s.text(150, 32, f"编号 {p.voucher}", 9.5)
        s.table(20, 40, [30, 55, 30, 55], [["姓  名", p.name, "身份证号码", p.id_number]], row_h=10, size_pt=9.5)
        s.table(20, 50, [30, 140], [["经办机构", p.agency]], row_h=10, size_pt=9.5)
        header = ["开始时间", "终止时间", "实际缴费月数", "险种", "账户余额", "参保统筹区"]
        widths = [24, 24, 26, 38, 24, 38]
        rows = [[month_text(q.start, 2), month_text(q.end, 2), str(q.months), SCHEME_TEXT[q.scheme], q.balance,
                 q.area_name] for q in p.periods]
        bottom = s.table(13, 72, widths, [header, *rows], row_h=10, size_pt=9)
    for i, q in enumerate(p.periods):
        truth.update({f"history.{i}.area_name": q.area_name, f"history.{i}.scheme": q.scheme,
                      f"history.{i}.start": q.start, f"history.{i}.end": q.end,
                      f"history.{i}.months_paid": str(q.months), f"history.{i}.account_balance": q.balance})
    s.text(20, bottom + 14, "说明：本凭证仅用于办理基本医疗保险关系转移接续。", 9.5)
    s.text(130, bottom + 34, f"{p.agency}（章）", 10.5)
    return Paper(f"medical_{design}", s.image, truth)


def draw_pension(p: Person) -> Paper:
    s = Sheet(210, 297)
    first, last = p.periods[0], p.periods[-1]
    months = sum(q.months for q in p.periods)
    balance = f"{sum(float(q.balance) for q in p.periods):.2f}"
    s.text(105, 22, "基本养老保险参保缴费凭证", 18, bold=True, anchor="mm")
    s.text(20, 38, f"凭证编号：{p.voucher}", 10.5)
    s.table(20, 46, [35, 50, 35, 50], [
        ["姓名", p.name, "公民身份号码", p.id_number],
        ["参保起始年月", month_text(first.start, 1), "参保截止年月", month_text(last.end, 1)],
        ["累计缴费月数", str(months), "个人账户储存额", balance],
    ], row_h=11, size_pt=9.5)
    s.text(20, 95, "本凭证由转出地社会保险经办机构出具。", 9.5)
    s.text(120, 115, f"{p.agency}（章）", 10.5)
    truth = _identity_truth(p)
    truth.update({"transfer.pension.voucher_number": p.voucher, "transfer.pension.start": first.start,
                  "transfer.pension.end": last.end, "transfer.pension.months_paid": str(months),
                  "transfer.pension.account_balance": balance})
    return Paper("pension", s.image, truth)


def draw_certificate(p: Person, design: str) -> Paper:
    s = Sheet(210, 297)
    if design == "a":
        s.text(105, 22, "个人参保证明", 18, bold=True, anchor="mm")
        s.text(20, 36, f"姓名：{p.name}    公民身份号码：{p.id_number}", 10.5)
        header = ["单位名称", "统一社会信用代码", "险种", "起始年月", "终止年月", "缴费月数"]
        widths = [50, 48, 22, 22, 22, 20]
        rows = [[q.employer, q.uscc, SCHEME_SHORT[q.scheme], month_text(q.start, 1), month_text(q.end, 1),
                 str(q.months)] for q in p.periods]
        bottom = s.table(13, 46, widths, [header, *rows], row_h=10, size_pt=8.5)
    else:
        s.text(105, 20, "参保缴费证明（个人）", 17, bold=True, anchor="mm")
        s.table(18, 32, [28, 50, 28, 68], [["姓名", p.name, "证件号码", p.id_number]], row_h=10, size_pt=9.5)
        header = ["缴费起始", "缴费截止", "月数", "参保单位", "单位信用代码"]
        widths = [26, 26, 16, 58, 58]
        rows = [[month_text(q.start, 3), month_text(q.end, 3), str(q.months), q.employer, q.uscc] for q in p.periods]
        bottom = s.table(13, 50, widths, [header, *rows], row_h=10, size_pt=8.5)
    s.text(20, bottom + 12, "特此证明。", 10.5)
    s.text(125, bottom + 30, f"{p.agency}（章）", 10.5)
    truth = _identity_truth(p)
    for i, q in enumerate(p.periods):
        truth.update({f"history.{i}.employer_name": q.employer, f"history.{i}.employer_uscc": q.uscc,
                      f"history.{i}.start": q.start, f"history.{i}.end": q.end,
                      f"history.{i}.months_paid": str(q.months)})
        if design == "a":
            truth[f"history.{i}.scheme"] = q.scheme
    return Paper(f"certificate_{design}", s.image, truth)


def draw(kind: str, person: Person) -> Paper:
    if kind == "id_card":
        return draw_id_card(person)
    if kind.startswith("medical_"):
        return draw_medical(person, kind[-1])
    if kind == "pension":
        return draw_pension(person)
    return draw_certificate(person, kind[-1])


# ------------------------------------------------------------------------------ degrading
def red_seal(image: Image.Image, rng: random.Random, center: tuple[int, int], radius: int) -> None:
    """A red round seal over the text (ink multiplied onto the paper, as a stamp is)."""
    ink = Image.new("L", image.size, 0)
    d = ImageDraw.Draw(ink)
    cx, cy = center
    d.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], outline=255, width=max(3, radius // 18))
    star = [(cx + radius * 0.28 * math.cos(math.radians(-90 + k * 36)) * (1 if k % 2 == 0 else 0.4),
             cy + radius * 0.28 * math.sin(math.radians(-90 + k * 36)) * (1 if k % 2 == 0 else 0.4)) for k in range(10)]
    d.polygon(star, fill=255)
    f = font(radius * 0.22)
    words = "样例社会保险服务中心"
    for k, ch in enumerate(words):
        angle = math.radians(200 + k * (140 / (len(words) - 1)))
        x, y = cx + radius * 0.72 * math.cos(angle), cy + radius * 0.72 * math.sin(angle)
        d.text((x, y), ch, font=f, fill=255, anchor="mm")
    region = (max(0, cx - radius - 4), max(0, cy - radius - 4), min(image.width, cx + radius + 4),
              min(image.height, cy + radius + 4))
    alpha = np.asarray(ink.crop(region), dtype=np.float32) / 255.0 * rng.uniform(0.55, 0.85)
    arr = np.asarray(image.crop(region), dtype=np.float32)
    red = np.array([200, 30, 40], dtype=np.float32)
    multiplied = arr * (red / 255.0)
    out = arr * (1 - alpha[..., None]) + multiplied * alpha[..., None]
    image.paste(Image.fromarray(out.clip(0, 255).astype(np.uint8)), region[:2])


def uneven_light(image: Image.Image, rng: random.Random) -> Image.Image:
    w, h = image.size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = rng.uniform(0, w), rng.uniform(0, h)
    dist = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / math.hypot(w, h)
    light = 1.0 - rng.uniform(0.25, 0.4) * dist
    arr = np.asarray(image, dtype=np.float32) * light[..., None]
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def fold_shadow(image: Image.Image, rng: random.Random) -> Image.Image:
    w, h = image.size
    arr = np.asarray(image, dtype=np.float32)
    y = rng.uniform(0.3, 0.7) * h
    width = h * 0.02
    rows = np.arange(h, dtype=np.float32)
    shade = 1.0 - 0.35 * np.exp(-((rows - y) / width) ** 2)
    return Image.fromarray((arr * shade[:, None, None]).clip(0, 255).astype(np.uint8))


def perspective(image: Image.Image, rng: random.Random, amount: float) -> Image.Image:
    w, h = image.size
    pad = int(max(w, h) * 0.06)
    canvas = Image.new("RGB", (w + 2 * pad, h + 2 * pad), (95, 85, 75))  # a table under the paper
    canvas.paste(image, (pad, pad))
    W, H = canvas.size
    jitter = lambda: rng.uniform(-amount, amount) * min(W, H)  # noqa: E731
    src = [(pad + jitter(), pad + jitter()), (W - pad + jitter(), pad + jitter()),
           (W - pad + jitter(), H - pad + jitter()), (pad + jitter(), H - pad + jitter())]
    dst = [(0, 0), (W, 0), (W, H), (0, H)]
    coeffs = _perspective_coeffs(dst, src)
    return canvas.transform((W, H), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC,
                            fillcolor=(95, 85, 75))


def _perspective_coeffs(dst, src):
    matrix = []
    for (x, y), (u, v) in zip(dst, src):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(matrix, dtype=np.float64)
    b = np.array([c for pair in src for c in pair], dtype=np.float64)
    return np.linalg.solve(a, b).tolist()


def degrade(paper: Paper, rng: random.Random, *, phone: bool) -> tuple[Image.Image, str, int]:
    """(image, suffix, quality): a scan (clean: 200/300 dpi PNG) or a degraded photo/scan."""
    image = paper.image.copy()
    if not phone:
        dpi = rng.choice([200, 300])
        scale = dpi / MASTER_DPI
        if scale != 1:
            image = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
        return image, ".png", 0
    w, h = image.size
    if paper.kind != "id_card" or rng.random() < 0.5:
        # seal over the agency's name or the ID card's lower corner text
        red_seal(image, rng, (int(w * rng.uniform(0.6, 0.8)), int(h * rng.uniform(0.3, 0.85)
                                                                     if paper.kind == "id_card" else h * 0.4)),
                 int(min(w, h) * (0.18 if paper.kind == "id_card" else 0.09)))
    if rng.random() < 0.5:
        image = fold_shadow(image, rng)
    dpi = rng.choice([150, 200, 300])
    scale = dpi / MASTER_DPI
    image = image.resize((round(w * scale), round(h * scale)), Image.Resampling.LANCZOS)
    if rng.random() < 0.6:
        image = perspective(image, rng, 0.03)
    angle = rng.uniform(-8, 8)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(95, 85, 75))
    image = uneven_light(image, rng)
    if rng.random() < 0.6:
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.1) * dpi / 200))
    return image, ".jpg", 40


def generate(out: Path, count: int, seed: int, *, phone: bool, kinds: tuple[str, ...] = KINDS) -> dict:
    """Write `count` images of each kind into `out` and return the truth (also written to truth.json)."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    truth = {}
    for n in range(count):
        person = make_person(rng)
        for kind in kinds:
            paper = draw(kind, person)
            image, suffix, quality = degrade(paper, rng, phone=phone)
            name = f"{'photo' if phone else 'scan'}-{n:03d}-{kind}{suffix}"
            if suffix == ".jpg":
                image.save(out / name, quality=quality)
            else:
                image.convert("L").save(out / name, optimize=True)
            truth[name] = {"kind": kind, "fields": paper.truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=2, help="people (each gets every kind of paper)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--kinds", default=",".join(KINDS))
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--degraded", action="store_true", help="phone photos and poor scans (default: clean scans)")
    args = parser.parse_args(argv)
    truth = generate(args.out, args.count, args.seed, phone=args.degraded, kinds=tuple(args.kinds.split(",")))
    print(f"{len(truth)} images in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
