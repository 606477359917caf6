"""The command line: thin, stable (scripts and staff use it), calls domain and render.

    transfer-helper                      the wizard (desktop app)
    transfer-helper id NUMBER [--json]   decode one identity number     exit 0 valid, 1 not
    transfer-helper check DRAFT [--json] print the findings, each error with the documents it
                                         holds back     exit 0 no errors, 1 errors, 2 unreadable
    transfer-helper schema               the JSON Schema of a draft file
    transfer-helper handoff decode TEXT_OR_IMAGE -o DRAFT   the QR code of a guide -> a draft
    transfer-helper render DRAFT... -o DIR [--only DOC] [--today D] [--invariant] [--force]
                                         the PDFs of every document not held back by an error,
                                         each set all or none
                                         exit 0 all written, 1 a document held back (the others
                                         written; the held-back ones and why are reported),
                                         2 a draft unreadable, a set not writable, or an earlier
                                         set of that name (no --force)

Imports nothing from Qt at module level (the wizard is imported only when started).
"""
from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

from app import __version__

if TYPE_CHECKING:
    import argparse


def _today(text: str | None) -> date:
    return date.fromisoformat(text) if text else date.today()


def _print_json(data: object) -> None:
    import json

    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_id(args: argparse.Namespace) -> int:
    from app.domain import idnumbers, regions
    from app.domain.findings import render_message

    lang = args.lang
    try:
        info = idnumbers.parse_id_number(args.number, today=_today(args.today))
    except idnumbers.NumberError as exc:
        message = render_message(exc.code, exc.ctx, lang)
        if args.json:
            _print_json({"valid": False, "code": exc.code, "message_zh": render_message(exc.code, exc.ctx, "zh"),
                         "message_en": render_message(exc.code, exc.ctx, "en")})
        else:
            print(("无效：" if lang == "zh" else "Not valid: ") + message)
        return 1
    region = regions.get(info.address_code)
    province = regions.province_name(info.province_code)
    data = {
        "valid": True,
        "number": info.number,
        "kind": info.kind.value,
        "address_code": info.address_code,
        "region": region.full_name if region else None,
        "region_known": region is not None,
        "province": province,
        "birth_date": info.birth_date.isoformat(),
        "sex": info.sex,
    }
    if args.json:
        _print_json(data)
        return 0
    kinds = {"citizen": ("公民身份号码", "citizen ID number"), "hmt_resident": ("港澳台居民居住证号码", "HK/Macao/Taiwan residence permit number"),
             "foreign_pr": ("外国人永久居留身份证号码（2023 版）", "foreign permanent resident ID number (2023)")}
    zh = lang == "zh"
    place = data["region"] or province or info.address_code
    if not region:
        place += "（区划代码表中未找到此代码）" if zh else " (code not in the division table)"
    sex = {"male": ("男", "male"), "female": ("女", "female")}[info.sex]
    lines = [
        ("有效" if zh else "Valid") + f"  {info.number}",
        ("类型：" if zh else "Kind: ") + kinds[info.kind.value][0 if zh else 1],
        ("地区：" if zh else "Region: ") + place,
        ("出生日期：" if zh else "Born: ") + info.birth_date.isoformat(),
        ("性别：" if zh else "Sex: ") + sex[0 if zh else 1],
    ]
    print("\n".join(lines))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from app.storage import drafts
    from app.domain.application import CheckResult
    from app.domain.packet import assess

    try:
        draft = drafts.load(args.draft)
    except drafts.DraftFileError as exc:
        if args.json:
            _print_json({"readable": False, "code": exc.code, "message_zh": exc.message_zh, "message_en": exc.message_en})
        else:
            print(exc.message(args.lang), file=sys.stderr)
        return 2
    assessment = assess(draft, _today(args.today))
    result = CheckResult(assessment.findings)
    if args.json:
        _print_json({"readable": True, "printable": result.printable,
                     "documents": [d.doc_id for d in assessment.documents],
                     "held_back": [h.doc_id for h in assessment.held_back],
                     "findings": [f.to_dict() for f in result.findings]})
    else:
        _print_findings(result, args.lang, _titles(assessment.documents, args.lang))
    return 0 if result.printable else 1


def _titles(documents, lang: str) -> dict[str, str]:
    return {d.doc_id: (d.title_zh if lang == "zh" else d.title_en) for d in documents}


def _print_findings(result, lang: str, titles: dict[str, str] | None = None) -> None:
    zh = lang == "zh"
    marks = {"error": "错误" if zh else "ERROR", "warning": "提醒" if zh else "WARNING", "info": "说明" if zh else "INFO"}
    for finding in result.findings:
        line = f"[{marks[finding.severity.value]}] {finding.message(lang)}"
        if finding.source:
            line += f"\n        {'依据' if zh else 'Source'}: {finding.source}"
        if finding.blocks and titles:
            names = ("、" if zh else "; ").join(titles.get(d, d) for d in finding.blocks)
            line += f"\n        {'暂不打印' if zh else 'Holds back'}: {names}"
        print(line)
    counts = {s: len([f for f in result.findings if f.severity.value == s]) for s in ("error", "warning", "info")}
    if zh:
        verdict = "可以打印。" if result.printable else "有错误：相关的文件要改正后才能打印。"
        print(f"共 {counts['error']} 个错误、{counts['warning']} 个提醒、{counts['info']} 条说明。{verdict}")
    else:
        verdict = "Ready to print." if result.printable else "Errors: the documents they concern print once they are fixed."
        print(f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes. {verdict}")


def cmd_schema(args: argparse.Namespace) -> int:
    from app.storage import drafts

    _print_json(drafts.json_schema())
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """Each draft in turn: checked (the field and rule checks, and whether every character can
    be printed); a draft with errors is refused (its findings printed, nothing written for it)
    and the others still go ahead. The exit status is the worst over all drafts."""
    from pathlib import Path

    from app.storage import drafts

    out = Path(args.output)
    status, taken, report = 0, set(), []
    for name in args.drafts:
        try:
            draft = drafts.load(name)
        except drafts.DraftFileError as exc:
            report.append({"draft": name, "readable": False, "code": exc.code, "message_zh": exc.message_zh,
                           "message_en": exc.message_en})
            if not args.json:
                print(f"{name}: {exc.message(args.lang)}", file=sys.stderr)
            status = max(status, 2)
            continue
        code, entry = _render_one(args, name, draft, out, taken)
        report.append(entry)
        status = max(status, code)
    if args.json:
        _print_json({"drafts": report})
    return status


def _render_one(args: argparse.Namespace, name: str, draft, out, taken: set) -> tuple[int, dict]:
    """(exit status, report entry) for one readable draft."""
    from pathlib import Path

    from app.domain.application import CheckResult
    from app.domain.findings import Severity
    from app.domain.packet import assess, packet_of
    from app.render import output
    from app.render.checks import font_findings
    from app.render.packet import render_packet

    zh = args.lang == "zh"
    today = _today(args.today)
    assessment = assess(draft, today, more=font_findings)
    found = assessment.findings
    titles = _titles(assessment.documents, args.lang)
    held = [{"document": h.doc_id, "title_zh": h.document.title_zh, "title_en": h.document.title_en,
             "findings": [f.code for f in h.findings]} for h in assessment.held_back]
    entry = {"draft": name, "readable": True, "written": [], "held_back": held,
             "findings": [f.to_dict() for f in found]}
    status = 1 if held else 0
    packet = packet_of(assessment, today)
    app = assessment.application
    if packet is None or app is None:
        if not args.json:
            print(f"== {name}: " + ("有错误，未生成任何文件：" if zh else "errors; nothing written:"))
            _print_findings(CheckResult(found), args.lang, titles)
        return 1, {**entry, "refused": True}
    if args.only and args.only not in packet.doc_ids:
        if args.only in titles:
            message = (f"“{titles[args.only]}”因为有错误暂不打印，未生成任何文件。" if zh else
                       f"'{args.only}' is held back by errors; nothing written.")
        else:
            message = (f"这份申请不需要“{args.only}”（可选：{'、'.join(packet.doc_ids)}），未生成任何文件。" if zh else
                       f"'{args.only}' is not part of this application (choose from {', '.join(packet.doc_ids)}); nothing written.")
        if not args.json:
            print(f"== {name}: {message}")
            if args.only in titles:
                _print_findings(CheckResult(found), args.lang, titles)
        return 1, {**entry, "refused": True, "message": message}
    if args.only:
        held, status = [], 0  # only this document was asked for, and it is printed
        entry["held_back"] = []
    pdfs = render_packet(packet, app, invariant=args.invariant, only=[args.only] if args.only else None)
    stem = _output_stem(Path(name).stem, app, out, taken)
    try:
        entry["written"] = [str(path) for path in output.write_named_set(out, stem, pdfs, replace=args.force)]
    except output.SetExists:
        message = (f"文件夹 {out} 里已有“{stem}”的一套材料；未生成任何文件。要替换它，请加 --force。" if zh else
                   f"The folder {out} already holds a set named '{stem}'; nothing written. Add --force to replace it.")
        if not args.json:
            print(f"{name}: {message}", file=sys.stderr)
        return 2, {**entry, "refused": False, "message": message}
    except OSError as exc:  # a full disk: write_set left nothing of the set behind
        reason = exc.strerror or type(exc).__name__
        message = (f"无法写入文件夹 {out}（{reason}），未留下任何文件。" if zh else
                   f"Cannot write into the folder {out} ({reason}); no file was left behind.")
        if not args.json:
            print(f"{name}: {message}", file=sys.stderr)
        return 2, {**entry, "refused": False, "message": message}
    if not args.json:
        print(f"== {name}: " + (f"已生成 {len(entry['written'])} 个文件" if zh else f"{len(entry['written'])} files written"))
        for path in entry["written"]:
            print(f"   {path}")
        for item in held:
            title = item["title_zh"] if zh else item["title_en"]
            print(f"   [{'暂不打印' if zh else 'HELD BACK'}] {title}")
        for finding in (f for f in found if f.severity is Severity.ERROR):
            print(f"   [{'错误' if zh else 'ERROR'}] {finding.message(args.lang)}")
        for finding in (f for f in found if f.severity is Severity.WARNING):
            print(f"   [{'提醒' if zh else 'WARNING'}] {finding.message(args.lang)}")
    return status, {**entry, "refused": False}


def _output_stem(stem: str, app, out, taken: set) -> str:
    """The draft's file stem for the PDFs' names, unless it holds the person's name or a
    number: then "packet-N", with an N no earlier run has used in the folder (each person's
    set its own name). A stem already used by an earlier draft of this run gets "-2", "-3"..."""
    import itertools

    from app.render import output

    ident, agent = app.identity, app.transfer.agent
    personal = [ident.name, ident.id_number, ident.phone, ident.social_security_number, ident.ss_card_number]
    if agent is not None:
        personal += [agent.name, agent.id_number, agent.phone]
    lowered = stem.casefold()
    if not stem or any(value and len(value) >= 2 and value.casefold() in lowered for value in personal):
        chosen = output.free_stem(out, "packet", taken)
    else:
        candidates = itertools.chain([stem], (f"{stem}-{n}" for n in itertools.count(2)))
        chosen = next(c for c in candidates if c not in taken)
    taken.add(chosen)
    return chosen


def cmd_handoff_decode(args: argparse.Namespace) -> int:
    """Exit 0 written, 1 the code was refused, 2 the output cannot be written."""
    from app import handoff
    from app.storage import drafts

    try:
        draft = handoff.decode_any(args.source)
    except handoff.HandoffError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1
    try:
        drafts.save(draft, args.output)
    except drafts.DraftFileError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"transfer-helper: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(("已导入：" if args.lang == "zh" else "Imported: ") + str(args.output))
    return 0


def cmd_handoff_encode(args: argparse.Namespace) -> int:
    from app import handoff
    from app.storage import drafts

    try:
        print(handoff.encode(drafts.load(args.draft)))
    except (drafts.DraftFileError, handoff.HandoffError) as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1 if isinstance(exc, handoff.HandoffError) else 2
    return 0


def cmd_scan(args: argparse.Namespace) -> int:
    """Exit 0 something was read, 1 nothing was recognised, 2 a file cannot be read or written."""
    from app.storage import drafts
    from app.domain.findings import field_label
    from app.scan import images, reader
    from app.scan.values import display_value

    try:
        pages = [page for name in args.images for page in images.open_pages(name)]
    except images.ImageFileError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 2
    result = reader.scan_pages(pages, today=_today(args.today))
    if args.json:
        _print_json(result.as_json(args.lang))
    else:
        for item in result.fields:
            print(f"{field_label(item.path, args.lang)}: {display_value(item.path, item.value)}  ({item.confidence:.2f}"
                  + (", 已更正" if args.lang == "zh" else ", corrected") * item.corrected + ")")
    for notice in result.notices:
        print(notice.message(args.lang), file=sys.stderr)
    if args.output and result.fields:
        try:
            drafts.save(result.draft(), args.output)
        except drafts.DraftFileError as exc:
            print(exc.message(args.lang), file=sys.stderr)
            return 2
        except OSError as exc:
            print(f"transfer-helper: {exc.strerror or exc}", file=sys.stderr)
            return 2
    return 0 if result.fields else 1


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="transfer-helper",
        description="基本医疗保险关系转移接续 申请材料助手 / Medical insurance transfer paperwork helper",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")

    def common(p: argparse.ArgumentParser, today: bool = True) -> None:
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of messages (default zh)")
        if today:
            p.add_argument("--today", metavar="YYYY-MM-DD", help="check as of this date (default: today)")

    p_id = sub.add_parser("id", help="decode an identity number / 解读证件号码")
    p_id.add_argument("number")
    common(p_id)
    p_id.set_defaults(func=cmd_id)

    p_check = sub.add_parser("check", help="check a draft file / 检查草稿")
    p_check.add_argument("draft")
    common(p_check)
    _pack_option(p_check)
    p_check.set_defaults(func=cmd_check)

    p_schema = sub.add_parser("schema", help="print the draft JSON Schema / 输出草稿格式")
    p_schema.set_defaults(func=cmd_schema)

    p_handoff = sub.add_parser("handoff", help="the QR hand-off between home and window / 二维码交接")
    hand = p_handoff.add_subparsers(dest="handoff_command", required=True)
    p_decode = hand.add_parser("decode", help="a scanned code text or a photo/scan of the guide page -> draft")
    p_decode.add_argument("source", metavar="TEXT_OR_IMAGE")
    p_decode.add_argument("-o", "--output", required=True, metavar="DRAFT.json")
    p_decode.add_argument("--lang", choices=("zh", "en"), default="zh")
    p_decode.set_defaults(func=cmd_handoff_decode)
    p_encode = hand.add_parser("encode", help="a draft -> the code text printed on the guide")
    p_encode.add_argument("draft")
    p_encode.add_argument("--lang", choices=("zh", "en"), default="zh")
    p_encode.set_defaults(func=cmd_handoff_encode)

    p_render = sub.add_parser(
        "render", help="print the PDFs of drafts / 生成打印材料",
        description="For each draft: check it; write DIR/<draft stem>.<document>.pdf for each document "
                    "no error holds back and <draft stem>.packet.pdf (all of them in print order), all or none; "
                    "report the documents held back and the errors that hold them. A draft named after the person "
                    "becomes packet-N, a number no earlier run used; an earlier set of the same name is replaced "
                    "only with --force. Exit 0 when everything was written, 1 when a document was held back (or a "
                    "draft refused), 2 when a draft could not be read, a file not written or a set already there.",
    )
    p_render.add_argument("drafts", nargs="+", metavar="DRAFT")
    p_render.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the PDFs")
    p_render.add_argument("--only", metavar="DOC", help="just this document, e.g. medical_application (no packet)")
    p_render.add_argument("--invariant", action="store_true", help="same input, same bytes (no dates or ids)")
    p_render.add_argument("--force", action="store_true",
                          help="replace an earlier set of the same name in DIR (otherwise it is refused)")
    common(p_render)
    _pack_option(p_render)
    p_render.set_defaults(func=cmd_render)
    p_scan = sub.add_parser(
        "scan", help="read an ID card and insurance papers from photos or scans / 扫描识别证件",
        description="Read PNG, JPEG or PDF files offline. Exit 0 when something was read, 1 when nothing "
                    "was recognised, 2 when a file cannot be read (or the draft not written).",
    )
    p_scan.add_argument("images", nargs="+", metavar="IMAGE")
    p_scan.add_argument("-o", "--output", metavar="DRAFT.json", help="write what was read as a draft")
    common(p_scan)
    p_scan.set_defaults(func=cmd_scan)
    return parser


def _pack_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pack", metavar="NAME", default="auto",
                   help="local rule pack: auto (every shipped pack in its area, default), none, or a pack id "
                        "such as nanjing / 本地规则包")


def _select_pack(args: argparse.Namespace) -> str | None:
    """Apply --pack; a message (Chinese or English) when the pack is unknown or broken."""
    choice = getattr(args, "pack", None)
    if choice is None:
        return None  # a command without packs (id, schema): no rules, no pydantic to import
    from app.domain import packs

    zh = args.lang == "zh"
    try:
        packs.select(choice)
    except KeyError:
        known = ", ".join([packs.AUTO, packs.NONE, *(p.id for p in packs.shipped())])
        return (f"没有名为“{choice}”的本地规则包（可选：{known}）。" if zh else
                f"There is no local pack '{choice}' (choose from: {known}).")
    except packs.PackError as exc:
        return "\n".join(exc.lines(args.lang))
    return None


def _utf8_output() -> None:
    # Windows consoles may default to a legacy code page; Chinese output must not crash.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure:
            reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    _utf8_output()
    if not (sys.argv[1:] if argv is None else argv):
        # No command: the desktop app, without importing argparse and building the parser
        # first (~10 ms of the window's start-up); the parser would find no command either.
        return _start_gui()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return _start_gui()
    problem = _select_pack(args)
    if problem is not None:
        print(f"transfer-helper: {problem}", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except ValueError as exc:  # e.g. a malformed --today
        print(f"transfer-helper: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


def _start_gui() -> int:
    try:
        from app.ui.main import run
    except ImportError:
        build_parser().print_help()
        return 0
    return run()
