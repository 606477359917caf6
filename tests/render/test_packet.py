"""The packet's PDFs: one per document plus the combined file; pages, metadata, fonts, size."""
from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from collections import Counter
from datetime import date

import pdfplumber
import pytest
from pypdf import PdfReader

from app import paths
from app.storage import drafts
from app.domain.application import complete
from app.domain.packet import build_packet
from app.formspec import load_all
from app.render import fonts
from app.render.packet import PACKET, TITLE_PREFIX, render_packet

TODAY = date(2026, 11, 23)
STEMS = [p.stem for p in sorted(paths.EXAMPLES.glob("*.json"))]
MAX_BYTES = 150_000
PAGE_LABEL = re.compile(r"第 (\d+) 页 共 (\d+) 页")


def rendered(stem: str):
    app = complete(drafts.load(paths.EXAMPLES / f"{stem}.json"), TODAY)
    packet = build_packet(app, TODAY)
    return app, packet, render_packet(packet, app, invariant=True)


@pytest.fixture(scope="module", params=STEMS)
def case(request):
    return (request.param, *rendered(request.param))


def page_labels(data: bytes) -> list[tuple[int, int]]:
    labels = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            found = PAGE_LABEL.findall(page.extract_text() or "")
            assert len(found) == 1, found
            labels.append(tuple(map(int, found[0])))
    return labels


def test_one_pdf_per_document_plus_the_packet(case):
    _, _, packet, pdfs = case
    assert list(pdfs) == [*packet.doc_ids, PACKET]
    assert all(data.startswith(b"%PDF-") for data in pdfs.values())


def test_every_page_says_page_x_of_y_of_its_own_document(case):
    _, _, packet, pdfs = case
    expected_packet = []
    for doc in packet.documents:
        labels = page_labels(pdfs[doc.doc_id])
        total = len(labels)
        assert labels == [(n, total) for n in range(1, total + 1)], doc.doc_id
        expected_packet += labels * doc.copies
    assert page_labels(pdfs[PACKET]) == expected_packet


def test_the_combined_file_holds_each_document_as_often_as_its_copies():
    _, packet, pdfs = rendered("04-employee-with-pension")
    pages = {doc_id: len(PdfReader(io.BytesIO(data)).pages) for doc_id, data in pdfs.items()}
    assert pages[PACKET] == sum(pages[d.doc_id] * d.copies for d in packet.documents)
    with pdfplumber.open(io.BytesIO(pdfs[PACKET])) as pdf:
        footers = [page.extract_text() for page in pdf.pages]
    assert sum("（第 1 份，共 2 份）" in f for f in footers) == 2  # medical and pension application
    assert sum("（第 2 份，共 2 份）" in f for f in footers) == 2


def embedded_characters(data: bytes) -> set[str]:
    """The characters the PDF's fonts have glyphs for, read from their ToUnicode maps."""
    chars = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            cmap = font.get_object()["/ToUnicode"].get_object().get_data().decode("latin-1")
            for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                for target in re.findall(r"<[0-9A-F]+>\s*<([0-9A-F]+)>", block):
                    chars.add(bytes.fromhex(target).decode("utf-16-be"))
    return chars - {"\x00"}


def test_a_documents_own_pdf_embeds_only_the_characters_it_prints(case):
    """Its pages are shared with the combined file, whose fonts hold every document's
    characters: those it does not print are left out of its own PDF."""
    _, _, packet, pdfs = case
    for doc_id in packet.doc_ids:
        printed = set("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdfs[doc_id])).pages))
        extra = embedded_characters(pdfs[doc_id]) - printed - {" "}
        assert not extra, (doc_id, sorted(extra))


def test_each_page_is_painted_once_for_the_packet_and_its_documents(monkeypatch):
    from app.render import packet as packet_module

    painted = Counter()

    def counted(painter):
        def paint(canvas):
            painted[id(paint)] += 1
            painter(canvas)
        return paint

    original = packet_module.layout_documents

    def layout_counting(*args, **kwargs):
        laid = original(*args, **kwargs)
        return {doc_id: dataclasses.replace(doc, pages=[counted(p) for p in doc.pages]) for doc_id, doc in laid.items()}

    monkeypatch.setattr(packet_module, "layout_documents", layout_counting)
    _, packet, pdfs = rendered("04-employee-with-pension")  # two documents printed twice
    assert max(d.copies for d in packet.documents) == 2
    assert painted and set(painted.values()) == {1}
    assert len(PdfReader(io.BytesIO(pdfs[PACKET])).pages) > len(painted)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_a_documents_own_pdf_looks_as_when_painted_alone(tmp_path):
    """Made with the packet (its pages shared) or alone (only=), every pixel is the same."""
    from PIL import Image, ImageChops

    app = complete(drafts.load(paths.EXAMPLES / "05-filed-by-agent.json"), TODAY)
    packet = build_packet(app, TODAY)
    shared = render_packet(packet, app, invariant=True)
    for doc_id in packet.doc_ids:
        alone = render_packet(packet, app, invariant=True, only=[doc_id])[doc_id]
        assert alone != shared[doc_id]  # other codes for the same characters: really two ways
        images = []
        for name, data in (("alone", alone), ("shared", shared[doc_id])):
            (tmp_path / f"{name}.pdf").write_bytes(data)
            subprocess.run(["pdftoppm", "-r", "50", "-png", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)],
                           check=True)
            images.append(sorted(tmp_path.glob(f"{name}-*.png")))
        assert len(images[0]) == len(images[1]) > 0
        for a, b in zip(*images):
            assert ImageChops.difference(Image.open(a).convert("RGB"), Image.open(b).convert("RGB")).getbbox() is None, \
                (doc_id, a.name)
        for png in tmp_path.glob("*.png"):
            png.unlink()


def test_metadata_title_names_the_document_never_the_person(case):
    _, app, packet, pdfs = case
    personal = [app.identity.name, app.identity.id_number, app.identity.phone]
    if app.transfer.agent:
        personal += [app.transfer.agent.name, app.transfer.agent.id_number]
    for doc_id, data in pdfs.items():
        reader = PdfReader(io.BytesIO(data))
        meta = reader.metadata
        assert meta.title.startswith(f"{TITLE_PREFIX} · ")
        if doc_id != PACKET:
            assert meta.title.endswith(packet.document(doc_id).title_zh)
        for field in ("/Title", "/Subject", "/Author", "/Creator", "/Producer", "/Keywords"):
            for value in personal:
                assert value not in str(meta.get(field, "")), (doc_id, field)
        assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_each_pdf_is_at_most_150_kb(case):
    _, _, _, pdfs = case
    for doc_id, data in pdfs.items():
        assert len(data) <= MAX_BYTES, (doc_id, len(data))


def test_packet_titles_are_the_forms_titles():
    specs = load_all()
    _, packet, _ = rendered("05-filed-by-agent")
    _, pension, _ = rendered("04-employee-with-pension")
    for doc in packet.documents + pension.documents:
        if doc.doc_id != "guide":
            assert doc.title_zh == specs[doc.doc_id].title, doc.doc_id


def test_invariant_gives_the_same_bytes_twice():
    app = complete(drafts.load(paths.EXAMPLES / "05-filed-by-agent.json"), TODAY)
    packet = build_packet(app, TODAY)
    assert render_packet(packet, app, invariant=True) == render_packet(packet, app, invariant=True)


def test_only_renders_just_the_documents_asked_for_and_no_packet():
    app = complete(drafts.load(paths.EXAMPLES / "05-filed-by-agent.json"), TODAY)
    packet = build_packet(app, TODAY)
    pdfs = render_packet(packet, app, invariant=True, only=["medical_application"])
    assert list(pdfs) == ["medical_application"]
    with pytest.raises(KeyError):
        render_packet(packet, app, only=["pension_application"])


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) is not installed")
def test_pdffonts_shows_every_font_embedded(tmp_path):
    draft = drafts.load(paths.EXAMPLES / "06-rare-extb-name.json")
    rare = "\U0002A6D6"  # Ext B, not in the bundled font: a fallback font prints it where one exists
    if fonts.font_for_char(rare) is not None:
        draft.identity.name = f"陶{rare}祥"
    app = complete(draft, TODAY)
    path = tmp_path / "packet.pdf"
    path.write_bytes(render_packet(build_packet(app, TODAY), app, invariant=True)[PACKET])
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert rows, out
    if fonts.font_for_char(rare) is not None:
        assert len({row[0].split("+")[-1] for row in rows}) >= 2, out  # the fallback font is in it
    # Columns from the right: object id, generation, uni, sub, emb.
    assert all(row[-5] == "yes" and row[-4] == "yes" for row in rows), out
