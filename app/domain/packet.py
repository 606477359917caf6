"""The packet: which documents one case prints, in print order, and why.

Owns: `build_packet`, which selects the documents (the guide first, then the medical
application and the certificate request always; the two pension documents when the pension
moves; the power of attorney when an agent files), with each one's reason, suggested copies
and who signs (texts and copies come from resources/guide/guide.json), and gathers what the
renderer needs besides: the guide's facts, the findings worth printing (warnings, then
information, each with its source) and the rule-set version. Pure, frozen data: the
renderer computes nothing.

Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain import guide as guide_facts
from app.domain.application import Application, ApplicationDraft, check
from app.domain.findings import Finding, Severity
from app.domain.rules import ruleset_version

GUIDE = "guide"


@dataclass(frozen=True, slots=True)
class PacketDocument:
    doc_id: str
    title_zh: str
    title_en: str
    copies: int               # suggested number to print and hand in
    hand_in: bool             # False for the guide: it stays with the person
    original_signature: bool  # each copy needs a handwritten signature (or seal): no photocopies
    signing_zh: str           # who signs or seals
    signing_en: str
    reason_zh: str            # why it is in this packet
    reason_en: str


@dataclass(frozen=True, slots=True)
class Packet:
    documents: tuple[PacketDocument, ...]   # print order; the guide first
    guide: guide_facts.Guide
    findings: tuple[Finding, ...]           # warnings first, then information
    ruleset: str
    today: date
    handoff: str | None = None              # the QR text of the application; None if too large

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(doc.doc_id for doc in self.documents)

    def document(self, doc_id: str) -> PacketDocument:
        for doc in self.documents:
            if doc.doc_id == doc_id:
                return doc
        raise KeyError(doc_id)


def select_documents(app: Application, today: date) -> tuple[PacketDocument, ...]:
    data = guide_facts.load_guide_data()
    tags = guide_facts.case_tags(app, today)
    values = guide_facts.case_values(app, today)
    chosen = []
    for spec in data.documents:
        if not spec.applies(tags):
            continue
        chosen.append(PacketDocument(
            doc_id=spec.id,
            title_zh=spec.title.zh,
            title_en=spec.title.en,
            copies=spec.copies,
            hand_in=spec.hand_in,
            original_signature=spec.original_signature,
            signing_zh="；".join(guide_facts.select(spec.signing, tags, values, "zh")),
            signing_en="; ".join(guide_facts.select(spec.signing, tags, values, "en")),
            reason_zh="".join(guide_facts.select(spec.reason, tags, values, "zh")),
            reason_en=" ".join(guide_facts.select(spec.reason, tags, values, "en")),
        ))
    return tuple(chosen)


def findings_to_print(app: Application, today: date) -> tuple[Finding, ...]:
    """The warnings and information `check` gives for this application, warnings first."""
    draft = ApplicationDraft.model_validate(app.model_dump(mode="json"))
    result = check(draft, today)
    return result.of(Severity.WARNING) + result.of(Severity.INFO)


def build_packet(app: Application, today: date, findings: tuple[Finding, ...] | None = None) -> Packet:
    """Everything the packet prints for `app`, as of `today`.

    `findings`: those of the `check` that accepted the application, if the caller has them;
    otherwise the application is checked again (errors, if any, are not printed).
    """
    documents = select_documents(app, today)
    if findings is None:
        findings = findings_to_print(app, today)
    else:
        findings = tuple(f for f in findings if f.severity is Severity.WARNING) + tuple(
            f for f in findings if f.severity is Severity.INFO
        )
    return Packet(
        documents=documents,
        guide=guide_facts.build_guide(app, today, documents),
        findings=findings,
        ruleset=ruleset_version(),
        today=today,
        handoff=handoff_text(app),
    )


def handoff_text(app: Application) -> str | None:
    """The application as hand-off code text for the guide's QR code, or None when it is too
    large for one code (the guide then says to bring the draft file)."""
    from app import handoff  # the payload format lives with its decoder, outside the domain

    draft = ApplicationDraft.model_validate(app.model_dump(mode="json"))
    try:
        return handoff.encode(draft)
    except handoff.HandoffError:
        return None
