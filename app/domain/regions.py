"""GB/T 2260 administrative divisions: look-up by code, province names, and the area picker's search.

Owns reading ``resources/regions/gbt2260.json`` (built by tools/build_regions.py; the file
states its source and build date) into immutable :class:`Region` records. The file is read
once, on first use, and kept for the life of the process.

Imports no PySide6, no reportlab and no pypinyin: the pinyin is precomputed in the file.
"""
from __future__ import annotations

import bisect
import json
import threading
import unicodedata
from dataclasses import dataclass
from typing import Literal

from app import paths

# GB 11643's province-level codes, the first two digits of an ID number: mainland provinces,
# 71 台湾省 as GB/T 2260 lists it, and 81/82/83 as used in Hong Kong, Macao and Taiwan
# residents' residence permits. A rule, not data, so it is not read from the file.
KNOWN_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)

# Search tiers, best first.
_EXACT, _PREFIX, _IN_NAME, _IN_FULL_NAME = range(4)


@dataclass(frozen=True, slots=True)
class Region:
    """One GB/T 2260 code under its display name (the current one, or the last it had)."""

    code: str            # 6 digits
    name: str            # display name, e.g. "宝安区"
    full_name: str       # e.g. "广东省深圳市宝安区"; "北京市昌平区" for municipalities
    province_code: str   # 2 digits
    first_year: int | None
    last_year: int | None  # None = still valid
    current: bool
    initials: str        # pinyin initials, lower case
    pinyin: str          # full pinyin, lower case, no spaces or tones


# The row layout of format 1, as the file's "fields" lists it.
_FIELDS = ["code", "name", "province", "prefecture", "first_year", "last_year", "current",
           "kind", "initials", "pinyin", "names"]
_CODE, _NAME, _PROVINCE, _PREFECTURE, _FIRST, _LAST, _CURRENT, _KIND, _INITIALS, _PINYIN = range(10)


class _Data:
    """The file's rows, with Region records and search keys made on first need.

    Making ~7,000 frozen records up front would cost more than parsing the file, and
    ``get`` needs only one of them.
    """

    def __init__(self, doc: dict) -> None:
        if doc.get("format") != 1 or doc.get("fields") != _FIELDS:
            raise ValueError("gbt2260.json: unknown format; rebuild it with tools/build_regions.py")
        self.rows: list[list] = doc["regions"]
        self.position = {row[_CODE]: i for i, row in enumerate(self.rows)}
        self.records: list[Region | None] = [None] * len(self.rows)
        self.keys: _SearchKeys | None = None
        self.info = {key: doc[key] for key in ("standard", "built", "count", "current_count", "years")}
        self.info["source"] = _source_text(doc["source"])
        self.info["source_detail"] = doc["source"]

    def region(self, i: int) -> Region:
        record = self.records[i]
        if record is None:
            record = self.records[i] = _region(self.rows[i])
        return record

    def search_keys(self) -> _SearchKeys:
        if self.keys is None:
            self.keys = _SearchKeys(self.rows)
        return self.keys


class _SearchKeys:
    """Per row: full name, whether search may return it; sorted codes, initials and pinyin."""

    def __init__(self, rows: list[list]) -> None:
        self.full_names = [_full_name(row) for row in rows]
        self.names = [row[_NAME] for row in rows]
        self.current = [row[_CURRENT] for row in rows]
        self.searchable = [row[_KIND] != "grouping" for row in rows]
        self.codes = [row[_CODE] for row in rows]  # the file is sorted by code
        self.initials = _sorted_keys([row[_INITIALS] for row in rows])
        self.pinyin = _sorted_keys([row[_PINYIN] for row in rows])


_lock = threading.Lock()
_data: _Data | None = None


def _load() -> _Data:
    global _data
    if _data is None:
        with _lock:
            if _data is None:
                text = (paths.REGIONS / "gbt2260.json").read_text(encoding="utf-8")
                _data = _Data(json.loads(text))
    return _data


def _full_name(row: list) -> str:
    return row[_PROVINCE] + row[_PREFECTURE] + row[_NAME]


def _region(row: list) -> Region:
    code = row[_CODE]
    return Region(code, row[_NAME], _full_name(row), code[:2], row[_FIRST], row[_LAST],
                  row[_CURRENT], row[_INITIALS], row[_PINYIN])


def _sorted_keys(keys: list[str]) -> tuple[list[str], list[int]]:
    """The keys sorted, and for each the row it came from (for bisecting on prefixes)."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return [keys[i] for i in order], order


def _source_text(source: dict) -> str:
    return f"{source['package']} {source['version']} {source['file']}, from {source['upstream_title']}"


def get(code: str) -> Region | None:
    """Any code, current or historical, including 810000, 820000 and 830000."""
    data = _load()
    i = data.position.get(code) if isinstance(code, str) else None
    return None if i is None else data.region(i)


def province_name(code2: str) -> str | None:
    """``"44"`` -> ``"广东省"``; None for a code the file does not know."""
    if not isinstance(code2, str) or len(code2) != 2 or not code2.isdigit():
        return None
    region = get(code2 + "0000")
    return region.name if region else None


def is_known_province(code2: str) -> bool:
    """Whether ``code2`` can start a GB 11643 citizen ID number."""
    return code2 in KNOWN_PROVINCES


def all_regions() -> tuple[Region, ...]:
    """Every region in the file, sorted by code."""
    data = _load()
    return tuple(data.region(i) for i in range(len(data.rows)))


def data_info() -> dict:
    """What the file says about itself: standard, source, built date, count, current_count, years."""
    return dict(_load().info)


def _normalize(query: str) -> str:
    # NFKC turns fullwidth digits and letters from Chinese input methods into ASCII.
    text = unicodedata.normalize("NFKC", query).lower()
    return "".join(ch for ch in text if not ch.isspace() and ch != "'").replace("ü", "v")


def search(query: str, limit: int = 20, current_only: bool = True) -> list[Region]:
    """Regions matching a code prefix, Chinese text, pinyin initials or full pinyin.

    Exact matches come first, then prefix matches, then Chinese text inside the name, then
    inside the full name (so "深圳" also finds 宝安区); within a tier current codes come before
    historical ones, then shorter names. Grouping codes (市辖区, 县, ...) are never returned.
    """
    q = _normalize(query) if isinstance(query, str) else ""
    if not q or limit <= 0:
        return []
    data = _load()
    keys = data.search_keys()
    if q.isascii() and q.isdigit():
        tiers = _code_tiers(keys, q)
    elif q.isascii() and q.isalpha():
        tiers = _pinyin_tiers(keys, q)
    else:
        tiers = _text_tiers(keys, q)
    return [data.region(i) for i in _rank(keys, tiers, limit, current_only)]


def _prefix_range(keys: list[str], q: str) -> range:
    return range(bisect.bisect_left(keys, q), bisect.bisect_left(keys, q + "\uffff"))


def _code_tiers(keys: _SearchKeys, q: str) -> dict[int, int]:
    return {i: _EXACT if keys.codes[i] == q else _PREFIX for i in _prefix_range(keys.codes, q)}


def _pinyin_tiers(keys: _SearchKeys, q: str) -> dict[int, int]:
    tiers: dict[int, int] = {}
    for sorted_keys, rows in (keys.initials, keys.pinyin):
        for k in _prefix_range(sorted_keys, q):
            tier = _EXACT if sorted_keys[k] == q else _PREFIX
            tiers[rows[k]] = min(tier, tiers.get(rows[k], tier))
    return tiers


def _text_tiers(keys: _SearchKeys, q: str) -> dict[int, int]:
    tiers = {}
    for i in [i for i, full in enumerate(keys.full_names) if q in full]:
        name = keys.names[i]
        if name == q:
            tiers[i] = _EXACT
        elif name.startswith(q):
            tiers[i] = _PREFIX
        else:
            tiers[i] = _IN_NAME if q in name else _IN_FULL_NAME
    return tiers


def _rank(keys: _SearchKeys, tiers: dict[int, int], limit: int, current_only: bool) -> list[int]:
    keep = [i for i in tiers if keys.searchable[i] and (keys.current[i] or not current_only)]
    keep.sort(key=lambda i: (tiers[i], not keys.current[i], len(keys.names[i]), keys.codes[i]))
    return keep[:limit]


# --- pooling areas (统筹地区): resources/regions/pooling.json ----------------------------

POOLING_LEVELS = ("municipality", "prefecture", "county", "provincial", "province")


@dataclass(frozen=True, slots=True)
class PoolingArea:
    """The basic-medical-insurance pooling area a code belongs to, and how sure that is."""

    id: str        # the code prefix (or whole code) that names the area
    name: str      # e.g. "北京市", "广东省深圳市"; the code itself when the table has no name
    level: str     # one of POOLING_LEVELS
    source: str    # the document the assignment rests on
    certain: bool  # False for a province code or a code missing from GB/T 2260


@dataclass(frozen=True, slots=True)
class _PoolingTable:
    by_prefix: dict[str, dict]
    by_code: dict[str, dict]
    sources: dict[str, str]
    compiled_on: str


_pooling: _PoolingTable | None = None


def _pooling_table() -> _PoolingTable:
    global _pooling
    if _pooling is None:
        with _lock:
            if _pooling is None:
                doc = json.loads((paths.REGIONS / "pooling.json").read_text(encoding="utf-8"))
                if doc.get("format") != 1:
                    raise ValueError("pooling.json: unknown format")
                sources = {s["id"]: f"{s['document']} {s['article']}" for s in doc["sources"]}
                by_prefix = {a["prefix"]: a for a in doc["areas"] if "prefix" in a}
                by_code = {a["code"]: a for a in doc["areas"] if "code" in a}
                _pooling = _PoolingTable(by_prefix, by_code, sources, doc["compiled_on"])
    return _pooling


def pooling_area(code: str) -> PoolingArea | None:
    """The pooling area of a six-digit code, or None for anything else.

    An entry of the table for the exact code wins, then one for a prefix (longest first), then
    the default: each 省直辖县级行政区划 code (digits 3-4 = 90) on its own, a province code
    (xx0000) uncertain, otherwise the prefecture (the first four digits).
    """
    if not isinstance(code, str) or len(code) != 6 or not code.isascii() or not code.isdigit():
        return None
    table = _pooling_table()
    known = get(code) is not None
    entry = table.by_code.get(code) or next(
        (table.by_prefix[code[:n]] for n in (4, 2) if code[:n] in table.by_prefix), None)
    if entry is not None:
        return PoolingArea(entry.get("code") or entry["prefix"], entry["name"], entry["level"],
                           table.sources[entry["source"]], known and entry["level"] != "provincial")
    gbt = table.sources["gbt2260"]
    if code[2:] == "0000":
        return PoolingArea(code, province_name(code[:2]) or code, "province", gbt, False)
    if code[2:4] == "90":
        region = get(code)
        return PoolingArea(code, region.full_name if region else code, "county", gbt, known)
    prefecture = get(code[:4] + "00")
    name = prefecture.full_name if prefecture else code[:4] + "00"
    return PoolingArea(code[:4], name, "prefecture", gbt, known)


def same_pooling(origin: str, destination: str) -> Literal["same", "probably", "different"]:
    """Whether two six-digit codes lie in one pooling area: "same" when certain, "probably"
    when they share a prefecture (or a province code stands for one end) but the table cannot
    be sure (a 省本级 area, a province code, a code missing from GB/T 2260), else "different"."""
    a, b = pooling_area(origin), pooling_area(destination)
    if a is None or b is None:
        return "different"
    if origin == destination or (a.id == b.id and a.certain and b.certain):
        return "same"
    if a.id == b.id:
        return "probably"
    near = {a.level, b.level} <= {"prefecture", "provincial"} and origin[:4] == destination[:4]
    province_end = "province" in (a.level, b.level) and origin[:2] == destination[:2]
    return "probably" if near or province_end else "different"


def pooling_info() -> dict:
    """When the pooling table was compiled and the sources it names."""
    table = _pooling_table()
    return {"compiled_on": table.compiled_on, "sources": dict(table.sources)}
