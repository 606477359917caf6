"""The packet: which documents one case prints, in print order, which of them are held back
by an error and why, and what the renderer needs besides.

Owns:
- which documents a case needs: resources/guide/guide.json lists them in print order with
  their texts (reason, suggested copies, who signs); a form's `requires` (forms/*.toml) says
  which part of the application it needs (the pension forms: the pension; the power of
  attorney: the agent), so that condition is written once, with the form;
- which finding holds back which document (`blocked_by`): a rule names the documents in its
  definition (resources/rules, "blocks"); any other error holds back the documents that print
  its field (read from the form files, app.formspec.loader.printed_paths) and the guide (it
  carries the whole application in its hand-off code); an error of the whole case
  (findings.WHOLE_CASE, or without a field) holds back everything, and so does an error that
  leaves no complete application to print from (a required answer missing or wrong);
- `assess`, the one entry point the CLI (`check`, `render`), the wizard and the benchmarks ask:
  every finding with the documents it blocks, the application the others print from, the
  documents, and those held back;
- `build_packet`: the frozen facts the renderer prints (it computes nothing).

Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from pydantic import ValidationError

from app.domain import guide as guide_facts
from app.domain.application import Application, ApplicationDraft, check, checked, prepared, validate
from app.domain.findings import WHOLE_CASE, Finding, Severity
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
class HeldBack:
    """A document the case needs that is not printed yet, and the errors that hold it back."""

    document: PacketDocument
    findings: tuple[Finding, ...]

    @property
    def doc_id(self) -> str:
        return self.document.doc_id


@dataclass(frozen=True, slots=True)
class Packet:
    documents: tuple[PacketDocument, ...]   # print order; the guide first
    guide: guide_facts.Guide
    findings: tuple[Finding, ...]           # errors that hold something back, warnings, information
    ruleset: str
    today: date
    handoff: str | None = None              # the QR text of the application; None if too large
    held_back: tuple[HeldBack, ...] = ()    # needed, but not printed until the errors are resolved

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(doc.doc_id for doc in self.documents)

    def document(self, doc_id: str) -> PacketDocument:
        for doc in self.documents:
            if doc.doc_id == doc_id:
                return doc
        raise KeyError(doc_id)


# --- which documents ---------------------------------------------------------------------

@cache
def _form_specs() -> dict:
    from app.formspec import load_all  # the form files; formspec imports the application model

    return load_all()


@cache
def printed_by() -> dict[str, frozenset[str]]:
    """doc id -> the answers it prints (root paths without list indexes). The guide prints
    the whole application (its hand-off code holds every answer): "" stands for everything."""
    from app.formspec.loader import printed_paths

    found = {doc_id: printed_paths(spec) for doc_id, spec in _form_specs().items()}
    found[GUIDE] = frozenset({""})
    return found


def needed(draft: ApplicationDraft, today: date, app: Application | None = None) -> tuple[PacketDocument, ...]:
    """The documents this case needs, in print order. Each form needs the parts it `requires`
    (evaluated on what the application will hold, so a draft with errors gets an answer too);
    a document of guide.json may add case conditions (`when`/`unless`), read from `app` when
    there is one. The texts (reason, who signs) are filled from `app`; without it, empty."""
    data = guide_facts.load_guide_data()
    specs = _form_specs()
    holds = prepared(draft, today)
    tags = guide_facts.case_tags(app, today) if app is not None else None
    values = guide_facts.case_values(app, today) if app is not None else None
    chosen = []
    for spec in data.documents:
        form = specs.get(spec.id)
        if form is not None and not form.applies_to(holds):
            continue
        if tags is not None and not spec.applies(tags):
            continue
        texts = (
            ("；".join(guide_facts.select(spec.signing, tags, values, "zh")),
             "; ".join(guide_facts.select(spec.signing, tags, values, "en")),
             "".join(guide_facts.select(spec.reason, tags, values, "zh")),
             " ".join(guide_facts.select(spec.reason, tags, values, "en")))
            if tags is not None and values is not None else ("", "", "", "")
        )
        chosen.append(PacketDocument(spec.id, spec.title.zh, spec.title.en, spec.copies, spec.hand_in,
                                     spec.original_signature, *texts))
    return tuple(chosen)


def select_documents(app: Application, today: date) -> tuple[PacketDocument, ...]:
    """The documents a complete application needs, in print order."""
    draft = ApplicationDraft.model_validate(app.model_dump(mode="json"))
    return needed(draft, today, app)


# --- which finding holds back which document -----------------------------------------------

def _unindexed(path: str) -> str:
    return ".".join(part for part in path.split(".") if not part.isdigit())


def _touches(printed: str, path: str) -> bool:
    """True when a printed answer and a finding's field overlap (one inside the other)."""
    if printed == "" or printed == path:
        return True
    return printed.startswith(path + ".") or path.startswith(printed + ".")


def blocked_by(finding: Finding, doc_ids: Iterable[str], whole: bool = False) -> tuple[str, ...]:
    """The documents among `doc_ids` (in their order) that `finding` holds back. `whole`: no
    complete application can be made while this finding stands (a required answer is missing
    or wrong), so nothing can be printed."""
    doc_ids = tuple(doc_ids)
    if finding.severity is not Severity.ERROR:
        return ()
    if finding.blocks is not None:
        return tuple(d for d in doc_ids if d in finding.blocks)
    if whole or not finding.path or finding.code in WHOLE_CASE:
        return doc_ids
    path = _unindexed(finding.path)
    prints = printed_by()
    return tuple(d for d in doc_ids if any(_touches(p, path) for p in prints.get(d, {""})))


def _without(data: Any, path: str) -> None:
    """Remove the answer at a finding's path from prepared data (a missing one: nothing)."""
    parts = [int(p) if p.isdigit() else p for p in path.split(".")]
    for part in parts[:-1]:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(data, dict):
        data.pop(parts[-1], None)


def _printable_application(draft: ApplicationDraft, today: date,
                           application: Application | None) -> tuple[Application | None, frozenset[str]]:
    """The application the documents print from, and the paths of the field errors that stop a
    complete one (`application`: the one `checked` validated, if any). With field errors, those
    answers are left out (every document printing one is held back anyway); if what remains is
    still not complete, there is nothing to print from."""
    if application is not None:
        return application, frozenset()
    _, found = validate(draft, today)
    bad = frozenset(f.path for f in found)
    data = prepared(draft, today)
    for path in sorted(bad, key=lambda p: -p.count(".")):
        _without(data, path)
    try:
        return Application.model_validate(data, context={"today": today}), bad
    except ValidationError:
        return None, bad


@dataclass(frozen=True, slots=True)
class Assessment:
    """What `assess` finds: every finding (errors with the documents they block), the
    documents the case needs, those held back, and the application the rest print from."""

    findings: tuple[Finding, ...]
    documents: tuple[PacketDocument, ...]
    held_back: tuple[HeldBack, ...]
    application: Application | None

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def printable(self) -> tuple[PacketDocument, ...]:
        """The documents that print now, in print order."""
        held = {h.doc_id for h in self.held_back}
        return tuple(d for d in self.documents if d.doc_id not in held)

    @property
    def complete(self) -> bool:
        """No error at all: everything the case needs prints."""
        return not self.errors


def assess(draft: ApplicationDraft, today: date,
           more: Callable[[Application], Iterable[Finding]] | None = None) -> Assessment:
    """Check the draft and decide, for each document the case needs, whether it prints now.

    `more`: further checks of the printable application (the renderer's: can every character
    be printed); their errors hold documents back like any other."""
    result, application = checked(draft, today)
    application, bad = _printable_application(draft, today, application)
    found = list(result.findings)
    if application is not None and more is not None:
        extra = tuple(more(application))
        found = sorted(found + list(extra), key=_rank)
    documents = needed(draft, today, application)
    doc_ids = tuple(d.doc_id for d in documents)
    whole = application is None
    decided = []
    for finding in found:
        blocks = blocked_by(finding, doc_ids, whole=whole and finding.path in bad)
        decided.append(dataclasses.replace(finding, blocks=blocks))
    held = []
    for doc in documents:
        why = tuple(f for f in decided if doc.doc_id in (f.blocks or ()))
        if why or whole:  # whole: nothing to print from, whatever the findings name
            held.append(HeldBack(doc, why))
    return Assessment(tuple(decided), documents, tuple(held), application)


def _rank(finding: Finding) -> int:
    return (Severity.ERROR, Severity.WARNING, Severity.INFO).index(finding.severity)


# --- the packet ----------------------------------------------------------------------------

def findings_to_print(app: Application, today: date) -> tuple[Finding, ...]:
    """The warnings and information `check` gives for this application, warnings first."""
    draft = ApplicationDraft.model_validate(app.model_dump(mode="json"))
    result = check(draft, today)
    return result.of(Severity.WARNING) + result.of(Severity.INFO)


def build_packet(app: Application, today: date, findings: Sequence[Finding] | None = None,
                 held_back: Sequence[HeldBack] = ()) -> Packet:
    """Everything the packet prints for `app`, as of `today`.

    `findings`: those of the `check` that accepted the application, if the caller has them;
    otherwise the application is checked again. `held_back`: documents the case needs that
    wait for errors to be resolved (see `assess`); the guide lists them and their errors."""
    held_ids = {h.doc_id for h in held_back}
    documents = tuple(d for d in select_documents(app, today) if d.doc_id not in held_ids)
    if findings is None:
        findings = findings_to_print(app, today)
    blocking = tuple(f for f in findings if f.severity is Severity.ERROR and held_ids & set(f.blocks or ()))
    ordered = blocking + tuple(f for f in findings if f.severity is Severity.WARNING) + tuple(
        f for f in findings if f.severity is Severity.INFO
    )
    return Packet(
        documents=documents,
        guide=guide_facts.build_guide(app, today, documents, [h.document for h in held_back]),
        findings=ordered,
        ruleset=ruleset_version(),
        today=today,
        handoff=handoff_text(app),
        held_back=tuple(held_back),
    )


def packet_of(assessment: Assessment, today: date) -> Packet | None:
    """The packet of the documents that print now, or None when none does."""
    if assessment.application is None or not assessment.printable:
        return None
    return build_packet(assessment.application, today, assessment.findings, assessment.held_back)


def handoff_text(app: Application) -> str | None:
    """The application as hand-off code text for the guide's QR code, or None when it is too
    large for one code (the guide then says to bring the draft file)."""
    from app import handoff  # the payload format lives with its decoder, outside the domain

    draft = ApplicationDraft.model_validate(app.model_dump(mode="json"))
    try:
        return handoff.encode(draft)
    except handoff.HandoffError:
        return None
