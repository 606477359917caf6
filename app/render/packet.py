"""The packet as PDFs: one file per document, and all of them combined in print order.

Owns: which layout each document of a Packet gets (the guide: app.render.guide; every form:
app.render.forms with its spec from forms/), the PDF titles (no personal data: metadata
travels with a file and is shown by viewers, file managers and search indexes), and the
combined file, which holds each document as many times as the packet suggests copies, so
that printing one file once gives everything to sign and hand in.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from app.domain.application import Application
from app.domain.packet import Packet, PacketDocument
from app.formspec import FormSpec, load_all
from app.render.base import LaidOutDocument, write_pdf, write_pdfs
from app.render.forms import layout_form
from app.render.guide import layout_guide

PACKET = "packet"
"""The key of the combined PDF in `render_packet`'s result."""

TITLE_PREFIX = "医保关系转移申请材料"
PACKET_TITLE = f"{TITLE_PREFIX} · 全部材料（按打印顺序）"


def pdf_title(document: LaidOutDocument) -> str:
    """E.g. "医保关系转移申请材料 · 基本医疗保险关系转移接续申请表": never a name or a number."""
    return f"{TITLE_PREFIX} · {document.title}"


def layout_documents(packet: Packet, app: Application, specs: Mapping[str, FormSpec] | None = None,
                     doc_ids: Iterable[str] | None = None) -> dict[str, LaidOutDocument]:
    """The packet's documents (or those of `doc_ids`), laid out, by doc id, in print order."""
    specs = load_all() if specs is None else specs
    wanted = None if doc_ids is None else set(doc_ids)
    laid = {}
    for doc in packet.documents:
        if wanted is not None and doc.doc_id not in wanted:
            continue
        laid[doc.doc_id] = layout_guide(packet) if doc.doc_id == "guide" else layout_form(specs[doc.doc_id], app)
    return laid


def _copies(doc: PacketDocument, laid: LaidOutDocument) -> list[LaidOutDocument]:
    """The document `doc.copies` times; each copy says in its footer which one it is."""
    if doc.copies == 1:
        return [laid]
    note = laid.footer_note or laid.title
    return [
        dataclasses.replace(laid, footer_note=f"{note}（第 {n} 份，共 {doc.copies} 份）")
        for n in range(1, doc.copies + 1)
    ]


def render_packet(packet: Packet, app: Application, *, invariant: bool = False,
                  only: Iterable[str] | None = None) -> dict[str, bytes]:
    """PDF bytes by doc id, plus PACKET for the combined file in print order.

    `only`: just these documents (and no combined file). `invariant`: the same input gives the
    same bytes.
    """
    wanted = None if only is None else set(only)
    unknown = (wanted or set()) - set(packet.doc_ids)
    if unknown:
        raise KeyError(f"not in this packet: {', '.join(sorted(unknown))}")
    laid = layout_documents(packet, app, doc_ids=wanted)
    if wanted is not None:
        return {doc_id: write_pdf([doc], title=pdf_title(doc), ruleset=packet.ruleset, invariant=invariant)
                for doc_id, doc in laid.items()}
    # Each document's own PDF shares the pages painted into the combined one (write_pdfs).
    combined = [copy for doc in packet.documents for copy in _copies(doc, laid[doc.doc_id])]
    whole, own = write_pdfs(combined, title=PACKET_TITLE, ruleset=packet.ruleset, invariant=invariant,
                            parts={doc_id: (doc, pdf_title(doc)) for doc_id, doc in laid.items()})
    return {**own, PACKET: whole}
