"""Fuzzing the whole pipeline: check -> (when printable) font_findings -> build_packet ->
render_packet, with hypothesis-made applications that are mostly valid.

Each application starts from one of examples/*.json and gets a few mutations: a text field
replaced by a hostile string (control characters, NUL, bidi overrides U+202E and isolates
U+2066..U+2069, zero-width joiners, emoji and emoji ZWJ sequences, lone surrogates, stacks of
combining marks, CJK Extension B such as 𠮷, 10,000-character values, long unbroken Latin words)
or by a realistic value of any length up to and past its limit, a number or month field by
something else, and sometimes extra history periods (enough to push the history table onto
a 附页). So most applications stay printable and the renderer really runs.

What must hold for every application:
  - nothing raises;
  - every finding has a known code, a path naming a known field (errors always have one), and
    a message in both languages that is non-empty, valid UTF-8 and without "{" or "}";
  - a printable application renders every document; in each form, every character drawn inside
    a value cell lies inside that cell (1 pt tolerance) and every character the cell shows is
    drawn inside it (pdfplumber's chars against LaidOutDocument.extra["cell_boxes"]); no
    character of any document leaves the page; the hand-off code decodes to the application.

Profiles (hypothesis): "ci" (the normal test run: FUZZ_CI_EXAMPLES examples, well under a
minute) and "deep" (tools/fuzz.py: 10,000 examples, no deadline). TRANSFER_HELPER_FUZZ_PROFILE
picks the profile of this test. `fuzz(profile, stats)` is the entry point tools/fuzz.py uses.
"""
from __future__ import annotations

import copy
import dataclasses
import io
import json
import os
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pdfplumber
from hypothesis import HealthCheck, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from app import handoff, paths
from app.domain import findings as findings_module
from app.domain.application import ApplicationDraft, check, complete
from app.domain.findings import FIELD_LABELS, Finding, Severity
from app.domain.packet import build_packet
from app.render import checks as render_checks
from app.render.checks import font_findings
from app.render.packet import PACKET, layout_documents, render_packet

TODAY = date(2026, 11, 23)  # the examples are dated around it
TOLERANCE = 1.0  # pt
FUZZ_CI_EXAMPLES = 60

_SUPPRESS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
# No deadline in either profile: one example renders a whole packet, and on a loaded
# two-core machine its time varies several-fold; a deadline would only make failures flaky.
settings.register_profile("ci", max_examples=FUZZ_CI_EXAMPLES, deadline=None, suppress_health_check=_SUPPRESS,
                          print_blob=True, derandomize=bool(os.environ.get("CI")))
settings.register_profile("deep", max_examples=10_000, deadline=None, suppress_health_check=_SUPPRESS,
                          print_blob=True)
PROFILE = os.environ.get("TRANSFER_HELPER_FUZZ_PROFILE", "ci")

# ------------------------------------------------------------------ the starting points

EXAMPLES: dict[str, dict] = {
    path.stem: {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if k != "format"}
    for path in sorted(paths.EXAMPLES.glob("*.json"))
}

# ------------------------------------------------------------------ strings

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
EXT_B = st.sampled_from("𠮷𪚥𠀋𡈽𩸽𠜎𤴓𦰩")
COMBINING = st.characters(min_codepoint=0x0300, max_codepoint=0x036F)
HOSTILE_PIECES = st.one_of(  # single characters, and a few sequences (emoji ZWJ, flags, skin tones)
    st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\x85", "\t", "\n", "\r", "\u2028", "\u3000", "\xa0"]),
    st.sampled_from(["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"]),
    st.sampled_from(["\u200d", "\u200c", "\u200b", "\u2060", "\ufeff", "\u00ad", "\ufe0f", "\U000e0100"]),
    st.sampled_from(["😀", "👨\u200d👩\u200d👧", "🇨🇳", "✅", "☎", "👍🏽", "\U0001fae0"]),
    st.integers(0xD800, 0xDFFF).map(chr),  # a lone surrogate
    st.sampled_from(["\ue000", "\U000f0000", "\ufffe", "\uffff", "\U0010ffff"]),  # private use, non-characters
    EXT_B,
    COMBINING,
    st.characters(),
)
REALISTIC_WORDS = st.sampled_from([
    "深圳市", "南山区", "示例路", "样例街", "8 号", "有限公司", "科技", "社会保险", "医疗保障", "事务中心",
    "Room 1203", "Building B", "·", "（", "）", "，", "：", "—", "-", "12", "号楼", "单元", "室", " ",
])
CJK_TEXT = st.text(CJK, min_size=1, max_size=40)
REALISTIC = st.lists(st.one_of(REALISTIC_WORDS, CJK_TEXT), min_size=1, max_size=12).map("".join)


def _repeat(unit: str, length: int) -> str:
    return (unit * (length // max(1, len(unit)) + 1))[:length]


LONG = st.builds(_repeat, st.one_of(CJK_TEXT, st.sampled_from(["W", "测试", "a b ", "𠮷", "\u200d", "é", "1"])),
                 st.sampled_from([61, 99, 100, 101, 200, 1_000, 10_000]))
LONG_WORD = st.builds(_repeat, st.sampled_from(["W", "m", "0", "Ａ", "—"]), st.integers(20, 100))
COMBINING_STACK = st.builds(lambda base, marks, n: base + "".join(marks) * n,
                            st.one_of(CJK, st.sampled_from("aeo")), st.text(COMBINING, min_size=1, max_size=3),
                            st.integers(1, 40))


def _inject(text: str, extra: str, where: float) -> str:
    at = int(len(text) * where)
    return text[:at] + extra + text[at:]


def _pieces(min_size: int, max_size: int) -> st.SearchStrategy:
    return st.lists(HOSTILE_PIECES, min_size=min_size, max_size=max_size).map("".join)


INJECTED = st.builds(_inject, REALISTIC, _pieces(1, 4), st.floats(0, 1))
HOSTILE = st.one_of(INJECTED, INJECTED, LONG, COMBINING_STACK, _pieces(0, 10),
                    st.text(max_size=30), st.sampled_from(["", " ", "\u3000\u3000", "\x00", "{name}", "{", "}"]))

# Printable values of each kind of field (right, or wrong only in a way the checks accept
# with a warning): long enough to wrap, shrink and go to the 附页, with Ext B and marks.
PRINTABLE_TEXT = st.one_of(REALISTIC, REALISTIC, LONG_WORD, st.builds(_repeat, CJK_TEXT, st.integers(20, 100)),
                           st.builds(_inject, REALISTIC, st.one_of(EXT_B, COMBINING_STACK), st.floats(0, 1)))
PRINTABLE_NAME = st.one_of(
    st.text(CJK, min_size=2, max_size=4),
    st.builds(lambda a, b: a + b, st.text(CJK, min_size=1, max_size=2), EXT_B),  # 林𠮷
    st.builds(lambda a, b: f"{a}·{b}", st.text(CJK, min_size=2, max_size=8), st.text(CJK, min_size=2, max_size=12)),
    st.sampled_from(["Maria Garcia", "O'Brien", "Jean-Luc Picard", "阿依古丽·买买提", "Zoë Ångström"]),
    COMBINING_STACK.filter(lambda name: len(name) <= 60),
    st.builds(_repeat, st.sampled_from(["林", "𠮷", "Ab", "林 "]), st.integers(50, 60)),
)
PRINTABLE: dict[str, st.SearchStrategy] = {
    "text": PRINTABLE_TEXT,
    "person": PRINTABLE_NAME,
    "phone": st.sampled_from(["13800138000", "１３８００１３８０００", "010-12345678", "0755-1234567-12", "12345",
                              "138-0013-8000", "+8613800138000"]),
    "postcode": st.sampled_from(["100000", "５１８０００", " 518000 "]),
    "money": st.one_of(st.sampled_from(["0", "0.00", "1,234.50", "¥88", "88元", "99999999.99"]),
                       st.decimals(0, 10**6, places=2, allow_nan=False).map(str)),
    "count": st.sampled_from(["0", "０", " 3 ", "12"]),
    "month": st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(1990, 2027), st.integers(1, 12)),
    "date": st.dates(date(2020, 1, 1), date(2027, 12, 31)).map(date.isoformat),
    "area_code": st.sampled_from(["440300", "330100", "310115", "110101", "４４０３００", "999999"]),
    "uscc": st.sampled_from(["91440300MA5F00010X", "91210102MA0Y00075E"]),
    "id_number": st.just("same"),  # see _printable_id
}
# Wrong or hostile values of each kind.
WRONG: dict[str, st.SearchStrategy] = {
    "text": HOSTILE,
    "person": st.one_of(HOSTILE, st.sampled_from(["ᠮᠣᠩᠭᠣᠯ", "བཀྲ་ཤིས", "김민준", "A1", "林" * 61, "林" * 10_000])),
    "phone": st.one_of(HOSTILE, st.sampled_from(["1380013800", "02012345", "+1 555 0100"])),
    "postcode": st.one_of(HOSTILE, st.sampled_from(["51800", "5180000"])),
    "money": st.one_of(HOSTILE, st.sampled_from(["100000000", "-1", "1.005", "1e3", "NaN"])),
    "count": st.one_of(HOSTILE, st.sampled_from(["1201", "²", "-1", "1.5"])),
    "month": st.one_of(HOSTILE, st.sampled_from(["2026-13", "2026/6", "2026年6月", "202606", "0000-00", "1900-01"])),
    "date": st.one_of(HOSTILE, st.sampled_from(["2026-02-30", "20261123"])),
    "area_code": st.one_of(HOSTILE, st.sampled_from(["4403", "44030O"])),
    "uscc": st.one_of(HOSTILE, st.sampled_from(["1234", "91440300MA5F00010Y"])),
    "id_number": HOSTILE,
}
# Leaf names of the draft models and their kind; leaves not named here keep their value.
LEAF_KINDS: dict[str, str] = {
    "address": "text", "hukou_address": "text", "employer_name": "text", "area_name": "text", "name": "text",
    "relation": "text", "social_security_number": "text", "ss_card_number": "text",
    "former_personal_number": "text", "voucher_number": "text",
    "phone": "phone", "postcode": "postcode", "account_balance": "money", "overdraft": "money",
    "months_paid": "count", "arrears_months": "count", "start": "month", "end": "month", "stop_month": "month",
    "enrol_month": "month", "birth_date": "date", "signed_on": "date", "area_code": "area_code",
    "employer_uscc": "uscc", "uscc": "uscc", "id_number": "id_number",
}
PERSON_NAMES = {"identity.name", "transfer.agent.name"}  # the Name type; other "name" leaves are free text


def _leaves(data, prefix: str = "") -> list[str]:
    """Dotted paths of the example's mutable leaves (present ones, including nulls)."""
    out = []
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else key
            if isinstance(value, (dict, list)):
                out += _leaves(value, path)
            elif key in LEAF_KINDS:
                out.append(path)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            out += _leaves(item, f"{prefix}.{i}")
    return out


def _kind(path: str) -> str:
    return "person" if path in PERSON_NAMES else LEAF_KINDS[path.rsplit(".", 1)[-1]]


def _get(data: dict, path: str):
    node = data
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _printable_id(number: str | None, how: int) -> str | None:
    """The same number as an input method may give it: fullwidth, lower-case x, or as it is."""
    if not number:
        return number
    if how == 0:
        return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in number)
    return number.lower() if how == 1 else number


def _set(data: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    node[int(last) if isinstance(node, list) else last] = value


AREAS = [("430100", "湖南省长沙市"), ("330100", "浙江省杭州市"), ("320500", "江苏省苏州市"), ("510100", "四川省成都市")]


def _earlier_periods(data: dict, count: int, names: list[str]) -> None:
    """`count` one-month periods back to back before the earliest one, each ended (the shape of
    a long work history), so the table overflows to the 附页 with printable data."""
    first = min(p["start"] for p in data["history"] if p.get("start"))
    index = int(first[:4]) * 12 + int(first[5:7]) - 1 - count
    for i in range(count):
        year, month = divmod(index + i, 12)
        code, area = AREAS[i % len(AREAS)]
        data["history"].insert(i, {
            "area_code": code, "area_name": area, "scheme": data["history"][-1]["scheme"],
            "start": f"{year:04d}-{month + 1:02d}", "end": f"{year:04d}-{month + 1:02d}", "status": "terminated",
            "employer_name": names[i % len(names)] if names else None,
        })


@st.composite
def applications(draw) -> tuple[str, dict, bool]:
    """(example name, draft data, whether to draw the guide's QR code)."""
    name = draw(st.sampled_from(sorted(EXAMPLES)))
    data = copy.deepcopy(EXAMPLES[name])
    # Three in five applications get printable changes only, so that most reach the renderer;
    # the others get a few changes of which each is wrong or hostile half the time.
    hostile = draw(st.integers(0, 4)) >= 3
    if draw(st.integers(0, 4)) == 0:
        names = draw(st.lists(PRINTABLE_TEXT, min_size=1, max_size=3))
        _earlier_periods(data, draw(st.integers(1, 40)), names)
    for path in draw(st.lists(st.sampled_from(_leaves(data)), max_size=4, unique=True)):
        kind = _kind(path)
        wrong = hostile and draw(st.booleans())
        value = draw(WRONG[kind] if wrong else PRINTABLE[kind])
        if kind == "id_number" and not wrong:
            value = _printable_id(_get(data, path), draw(st.integers(0, 2)))
        _set(data, path, value)
    # Drawing the QR code costs most of a packet's time and does not depend on the text;
    # its payload (the hand-off code) is made and decoded for every application regardless.
    qr = draw(st.integers(0, 9)) == 0
    return name, data, qr


APPLICATIONS = applications()

# ------------------------------------------------------------------ the oracle


def known_codes() -> frozenset[str]:
    from app.domain.packs import known_rule_ids

    return frozenset(findings_module.MESSAGES) | known_rule_ids() | {render_checks.CODE}


_KNOWN = known_codes()


def _known_path(path: str) -> bool:
    pattern = ".".join("*" if part.isdigit() else part for part in path.split("."))
    return pattern in FIELD_LABELS or pattern in ("identity", "history", "transfer")


def assert_finding_ok(finding: Finding) -> None:
    assert isinstance(finding, Finding), finding
    assert finding.code in _KNOWN, f"unknown finding code {finding.code!r}"
    assert isinstance(finding.severity, Severity)
    for message in (finding.message_zh, finding.message_en):
        assert message.strip(), (finding.code, "empty message")
        assert "{" not in message and "}" not in message, (finding.code, message)
        message.encode("utf-8")  # no lone surrogate in a message (it could not be shown or logged)
    if finding.severity is Severity.ERROR:
        assert finding.path, (finding.code, "an error without a path")
    if finding.path:
        assert _known_path(finding.path), (finding.code, finding.path)


def _inside(char: dict, height: float, box) -> bool:
    y0, y1 = height - char["bottom"], height - char["top"]
    return (char["x0"] >= box.x0 - TOLERANCE and char["x1"] <= box.x1 + TOLERANCE
            and y0 >= box.y0 - TOLERANCE and y1 <= box.y1 + TOLERANCE)


def _centre_in(char: dict, height: float, box) -> bool:
    cx = (char["x0"] + char["x1"]) / 2
    cy = height - (char["top"] + char["bottom"]) / 2
    return box.x0 < cx < box.x1 and box.y0 < cy < box.y1


def assert_positions(doc_id: str, pdf_bytes: bytes, boxes) -> int:
    """Every char whose centre lies in a value cell is inside it; every char a cell shows is
    drawn inside it; no char leaves the page. Returns the number of chars looked at."""
    seen = 0
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for number, page in enumerate(pdf.pages):
            chars = page.chars
            seen += len(chars)
            height, width = page.height, page.width
            for char in chars:
                assert -TOLERANCE <= char["x0"] and char["x1"] <= width + TOLERANCE, (doc_id, number, char["text"])
                assert -TOLERANCE <= char["top"] and char["bottom"] <= height + TOLERANCE, (doc_id, number, char["text"])
            for box in boxes or ():
                if box.page != number:
                    continue
                inside = []
                for char in chars:
                    if _centre_in(char, height, box):
                        assert _inside(char, height, box), (
                            f"{doc_id} page {number + 1}: {char['text']!r} sticks out of the cell of {box.path} "
                            f"(char {char['x0']:.1f},{height - char['bottom']:.1f}-{char['x1']:.1f},"
                            f"{height - char['top']:.1f}; cell {box.x0:.1f},{box.y0:.1f}-{box.x1:.1f},{box.y1:.1f})")
                        inside.append(char["text"])
                # Compared decomposed: a cell prints the NFC form of the value (a + U+0300 as à),
                # or the decomposed one where the font lacks the composed character.
                missing = (Counter(ch for ch in unicodedata.normalize("NFD", box.shown) if not ch.isspace())
                           - Counter(unicodedata.normalize("NFD", "".join(inside))))
                assert not missing, f"{doc_id} page {number + 1}: {box.path} shows {dict(missing)} outside its cell"
    return seen


@dataclass
class Stats:
    examples: int = 0
    rendered: int = 0
    refused_check: int = 0
    refused_fonts: int = 0
    qr_drawn: int = 0
    chars_checked: int = 0
    codes: Counter = field(default_factory=Counter)
    by_example: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        return {**dataclasses.asdict(self), "codes": dict(self.codes), "by_example": dict(self.by_example)}


def run_case(case: tuple[str, dict, bool], stats: Stats | None = None) -> str:
    """One application through the pipeline with every assertion; returns "rendered",
    "refused_check" or "refused_fonts"."""
    stats = stats if stats is not None else Stats()
    name, data, qr = case
    stats.examples += 1
    draft = ApplicationDraft.model_validate(data)
    result = check(draft, TODAY)
    for finding in result.findings:
        assert_finding_ok(finding)
        stats.codes[finding.code] += 1
    if not result.printable:
        stats.refused_check += 1
        return "refused_check"
    application = complete(draft, TODAY)
    glyphs = font_findings(application)
    for finding in glyphs:
        assert_finding_ok(finding)
        assert finding.code == render_checks.CODE and finding.severity is Severity.ERROR
        stats.codes[finding.code] += 1
    if glyphs:
        stats.refused_fonts += 1
        return "refused_fonts"
    packet = build_packet(application, TODAY, result.findings)
    if packet.handoff is not None:
        assert handoff.decode_text(packet.handoff) == ApplicationDraft.model_validate(application.model_dump(mode="json"))
    if not qr:
        packet = dataclasses.replace(packet, handoff=None)
    else:
        stats.qr_drawn += 1
    pdfs = render_packet(packet, application)
    assert set(pdfs) == set(packet.doc_ids) | {PACKET}
    assert all(data.startswith(b"%PDF-") for data in pdfs.values())
    laid = layout_documents(packet, application)
    for doc_id, document in laid.items():
        stats.chars_checked += assert_positions(doc_id, pdfs[doc_id], document.extra.get("cell_boxes"))
    stats.rendered += 1
    stats.by_example[name] += 1
    return "rendered"


def fuzz(profile: str, stats: Stats, *, max_examples: int | None = None, seed: int | None = None,
         on_example: Callable[[Stats], None] | None = None) -> None:
    """Run the fuzzer with a hypothesis profile; counts go into `stats` (`on_example` is
    called after each). Raises on a failure, after hypothesis has printed the example."""
    chosen = settings(settings.get_profile(profile), **({"max_examples": max_examples} if max_examples else {}))

    @chosen
    @given(APPLICATIONS)
    def one(case):
        try:
            run_case(case, stats)
        finally:
            if on_example is not None:
                on_example(stats)

    if seed is not None:
        one = hypothesis_seed(seed)(one)
    one()


# ------------------------------------------------------------------ the test


def test_hostile_applications_never_crash_and_never_print_outside_a_cell():
    stats = Stats()
    fuzz(PROFILE, stats)
    print(f"fuzz ({PROFILE}): {stats.examples} examples, {stats.rendered} rendered, {stats.refused_check} refused by "
          f"check, {stats.refused_fonts} by fonts, {stats.chars_checked} chars checked")
    # The strategy must keep most applications printable, or the renderer is hardly fuzzed.
    assert stats.rendered >= stats.examples // 4, stats.as_dict()


def test_the_oracle_sees_a_value_drawn_outside_its_cell():
    """The position check itself: a cell box moved away from its text is reported."""
    data = copy.deepcopy(EXAMPLES["01-employee-job-change-cross-province"])
    application = complete(ApplicationDraft.model_validate(data), TODAY)
    packet = dataclasses.replace(build_packet(application, TODAY), handoff=None)
    laid = layout_documents(packet, application, doc_ids=["medical_application"])["medical_application"]
    pdf = render_packet(packet, application, only=["medical_application"])["medical_application"]
    boxes = laid.extra["cell_boxes"]
    assert_positions("medical_application", pdf, boxes)
    name_box = next(b for b in boxes if b.path == "identity.name")
    shifted = [dataclasses.replace(b, x0=b.x0 + 30, x1=b.x1 + 30) if b is name_box else b for b in boxes]
    try:
        assert_positions("medical_application", pdf, shifted)
    except AssertionError as error:
        assert "identity.name" in str(error)
    else:  # pragma: no cover - the oracle would be blind
        raise AssertionError("a cell box moved off its text was not noticed")
