#!/usr/bin/env python3
"""Build resources/regions/gbt2260.json from python-stdnum's ``stdnum/cn/loc.dat``.

    .venv/bin/python tools/build_regions.py [--out DIR] [--date YYYY-MM-DD] [--source LOC_DAT]

Owns: reading loc.dat, the few fixes to it (each one listed in the output file with its
reason), the pinyin of every name, and writing the JSON. Build time only: it needs
python-stdnum (for loc.dat) and pypinyin, which the app does not ship. Imports nothing from
app/. The app reads the result with app/domain/regions.py.

loc.dat (as of python-stdnum 2.2) holds province lines ``11 province="北京市"`` and, under
each, county lines ``  0108 county="海淀区"`` whose value is one name or several
comma-separated names over time, each optionally prefixed with the years it was in use:
``[1986-]``, ``[-2010]``, ``[1997-2005]``. The output is a pure function of loc.dat and
pypinyin's dictionaries, apart from the build date.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import re
import sys
from pathlib import Path

import pypinyin
import stdnum

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "resources" / "regions"
FILE_NAME = "gbt2260.json"
FORMAT = 1

FIELDS = ["code", "name", "province", "prefecture", "first_year", "last_year", "current",
          "kind", "initials", "pinyin", "names"]

# Placeholders the standard uses to group codes; they are not places anyone lives in.
GROUPING_NAMES = frozenset({"市辖区", "县", "省直辖县级行政单位", "自治区直辖县级行政单位", "省直辖行政单位"})

# A handful of loc.dat names use traditional characters (大兴安岭's districts, two Qinghai
# committees, 丹稜县); the rest of the file and GB/T 2260 itself are simplified.
TRADITIONAL = str.maketrans({"區": "区", "達": "达", "嶺": "岭", "稜": "棱", "員": "员", "會": "会"})

# loc.dat gives these codes no years, so they would look current; the file itself shows
# they are not. (code, last year, reason)
CORRECTIONS = (
    ("422900", 1985, "loc.dat gives no years; 神农架林区 is 429021 under 429000, which starts in 1986"),
    ("422921", 1985, "loc.dat gives no years; 神农架林区 is 429021 under 429000, which starts in 1986"),
    ("429001", 1999, "loc.dat gives no years; 随州市 is the prefecture-level city 421300 from 2000"),
)

# Codes used in ID numbers but absent from loc.dat. (code, name, first year, reason)
ADDITIONS = (
    ("830000", "台湾地区", 2018,
     "not in loc.dat or GB/T 2260; used since 2018 in the ID numbers of "
     "Taiwan residents' residence permits (港澳台居民居住证)"),
)
# 810000 and 820000 are GB/T 2260 codes and also lead the numbers of those permits.
ID_SPECIAL = frozenset({"810000", "820000", "830000"})

# pypinyin reads these place names wrongly. Characters first, then whole words.
CHAR_READINGS = {
    "都": "du", "长": "chang", "什": "shi", "勒": "le", "佛": "fo", "泊": "bo", "柏": "bai",
    "蚌": "beng", "曾": "zeng", "珲": "hun", "町": "ding", "峙": "shi", "涡": "guo",
    "浚": "xun", "筠": "jun", "称": "chen", "伽": "jia", "漯": "luo",
}
WORD_READINGS = {
    "长子": "zhang zi", "朝阳": "chao yang", "单县": "shan xian", "六合": "lu he",
    "南乐": "nan le", "民乐": "min le", "闵行": "min hang", "通什": "tong zha",
    "马尾": "ma wei", "浪卡子": "lang ka zi", "龙圩": "long xu", "洪洞": "hong tong",
    "荥经": "ying jing",
}

_PROVINCE = re.compile(r'^(\d{2}) province="([^"]*)"$')
_COUNTY = re.compile(r'^  (\d{4}) county="([^"]*)"$')
_SPAN = re.compile(r"(?:\[(\d{4})?-(\d{4})?\])?(.+)")


def loc_dat_path() -> Path:
    return Path(os.path.dirname(stdnum.__file__)) / "cn" / "loc.dat"


def parse_span(part: str) -> list:
    """``[1983-1995]东区`` -> ["东区", 1983, 1995]."""
    first, last, name = _SPAN.fullmatch(part).groups()
    first = int(first) if first else None
    last = int(last) if last else None
    if first is not None and last is not None and first > last:
        first = None  # "[1983-1982]": a name dropped before its code's first listed year
    return [name.translate(TRADITIONAL), first, last]


def parse_loc(text: str) -> tuple[list[str], dict[str, list]]:
    """Return the header's source URLs and {6-digit code: [[name, first, last], ...]}."""
    urls, entries, province = [], {}, None
    for line in text.splitlines():
        if line.startswith("# http"):
            urls.append(line[2:].strip())
        elif m := _PROVINCE.match(line):
            province = m.group(1)
        elif m := _COUNTY.match(line):
            code = province + m.group(1)
            if code in entries:
                raise ValueError(f"loc.dat: {code} appears twice")
            entries[code] = sorted((parse_span(p) for p in m.group(2).split(",")), key=_span_key)
        elif line.strip() and not line.startswith("#"):
            raise ValueError(f"loc.dat: unexpected line {line!r}")
    return urls, entries


def _span_key(span: list) -> tuple:
    first, last = span[1], span[2]
    return (first or 0, last or 9999)


def apply_fixes(entries: dict[str, list]) -> tuple[list, list]:
    corrections = []
    for code, last, reason in CORRECTIONS:
        span = entries[code][-1]
        if span[2] is not None:
            raise ValueError(f"correction for {code} no longer needed: loc.dat now ends it in {span[2]}")
        span[2] = last
        corrections.append({"code": code, "name": span[0], "last_year": last, "reason": reason})
    added = []
    for code, name, first, reason in ADDITIONS:
        if code in entries:
            raise ValueError(f"addition {code} no longer needed: loc.dat has it")
        entries[code] = [[name, first, None]]
        added.append({"code": code, "name": name, "reason": reason})
    return corrections, added


def syllables(name: str) -> list[str]:
    """Toneless pinyin, one syllable per character, with the place-name readings above."""
    readings = pypinyin.lazy_pinyin(name)
    if len(readings) != len(name):
        raise ValueError(f"{name!r}: not one syllable per character")
    result = [CHAR_READINGS.get(ch, py) for ch, py in zip(name, readings)]
    for word, reading in WORD_READINGS.items():
        start = name.find(word)
        while start != -1:
            result[start:start + len(word)] = reading.split()
            start = name.find(word, start + 1)
    return result


def display(spans: list) -> list:
    """The name still in use, else the one used last."""
    return max(spans, key=lambda s: (s[2] is None, s[2] or 0, s[1] or 0))


def overlaps(a: list, b: list) -> bool:
    return (a[1] is None or b[2] is None or a[1] <= b[2]) and (a[2] is None or b[1] is None or a[2] >= b[1])


def parent_name(entries: dict[str, list], parent: str, child: list) -> str:
    """The parent's name while the child's display name was in use; '' for groupings."""
    spans = entries.get(parent)
    if not spans:
        return ""
    same_time = [s for s in spans if overlaps(s, child)]
    name = display(same_time or spans)[0]
    return "" if name in GROUPING_NAMES else name


def kind(code: str, name: str) -> str:
    if code in ID_SPECIAL:
        return "id_special"
    return "grouping" if name in GROUPING_NAMES else ""


def row(entries: dict[str, list], code: str) -> list:
    spans = entries[code]
    shown = display(spans)
    firsts = [s[1] for s in spans]
    province = "" if code[2:] == "0000" else parent_name(entries, code[:2] + "0000", shown)
    prefecture = "" if code[4:] == "00" or code[2:4] == "00" else parent_name(entries, code[:4] + "00", shown)
    sounds = syllables(shown[0])
    return [code, shown[0], province, prefecture, None if None in firsts else min(firsts),
            shown[2], shown[2] is None, kind(code, shown[0]),
            "".join(s[0] for s in sounds), "".join(sounds), spans if len(spans) > 1 else None]


def build(text: str, built: str) -> dict:
    urls, entries = parse_loc(text)
    corrections, added = apply_fixes(entries)
    rows = [row(entries, code) for code in sorted(entries)]
    years = [y for spans in entries.values() for s in spans for y in s[1:] if y]
    return {
        "format": FORMAT,
        "title": "GB/T 2260 中华人民共和国行政区划代码, current and historical codes",
        "standard": "GB/T 2260",
        "includes_historical": True,
        "built": built,
        "source": {
            "package": "python-stdnum",
            "version": stdnum.__version__,
            "file": "stdnum/cn/loc.dat",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "upstream": urls,
            "upstream_title": "zh.wikipedia.org 中华人民共和国行政区划代码 (1区–8区)",
        },
        "tool": {"script": "tools/build_regions.py", "pypinyin": pypinyin.__version__},
        "years": [min(years), max(years)],
        "count": len(rows),
        "current_count": sum(1 for r in rows if r[6]),
        "notes": [
            "first_year/last_year: years the code was in use; null = before the records start / still in use",
            "names: every name the code has had, [name, first_year, last_year], oldest first; "
            "null when it only ever had the one in name/first_year/last_year",
            "province/prefecture: parents' names at the time of the display name; '' where none "
            "or a grouping (市辖区, 县, 省直辖县级行政单位)",
            "kind: '' | 'grouping' (statistical placeholder) | 'id_special' (810000/820000/830000, "
            "also used for Hong Kong, Macao and Taiwan residents' residence permits)",
            "a range [Y-X] with Y > X in loc.dat is read as [-X]",
            "traditional characters in a few loc.dat names are written in simplified form",
        ],
        "corrections": corrections,
        "added": added,
        "fields": FIELDS,
        "regions": rows,
    }


def dump(doc: dict) -> str:
    """One key per line and one region per line: valid JSON, small, and readable in a diff."""
    def compact(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    head = [f"{compact(k)}:{compact(v)}" for k, v in doc.items() if k != "regions"]
    body = ",\n".join(compact(r) for r in doc["regions"])
    return "{\n" + ",\n".join(head) + ',\n"regions":[\n' + body + "\n]}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--date", default=datetime.date.today().isoformat(), help="build date to record")
    parser.add_argument("--source", type=Path, default=loc_dat_path(), help="loc.dat to read")
    args = parser.parse_args(argv)
    doc = build(args.source.read_text(encoding="utf-8"), args.date)
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / FILE_NAME
    target.write_text(dump(doc), encoding="utf-8", newline="\n")
    print(f"{target}: {doc['count']} codes ({doc['current_count']} current), {target.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
