"""The documents page: the packet with each document's reason and copies, the in-app preview,
saving the PDFs (asking before replacing), and printing at true size through the dialogs."""
from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton, QWizard

from app.domain.application import complete
from app.domain.packet import build_packet
from app.ui import printing
from app.ui.pages.base import PageId

pytestmark = pytest.mark.gui

DOC_ROLE = Qt.ItemDataRole.UserRole
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def open_documents(window, ui, qtbot):
    """open_documents("05") -> the documents page with its packet rendered."""

    def open_(example: str):
        ui.load_example(window, example)
        ui.go_to(window, PageId.REVIEW)
        page = window.wizard.page_of(PageId.DOCUMENTS)
        with qtbot.waitSignal(page.packetReady, timeout=60_000) as ready:
            window.wizard.next()
        assert ready.args == [True]
        assert window.wizard.currentId() == PageId.DOCUMENTS
        return page

    return open_


def item_of(page, doc_id: str):
    tree = page.documents_list
    for i in range(tree.topLevelItemCount()):
        if tree.topLevelItem(i).data(0, DOC_ROLE) == doc_id:
            return tree.topLevelItem(i)
    raise AssertionError(f"no row for {doc_id}")


def doc_ids(page) -> list[str]:
    tree = page.documents_list
    return [tree.topLevelItem(i).data(0, DOC_ROLE) for i in range(tree.topLevelItemCount())]


def expected_packet(window):
    app = complete(window.session.draft, window.session.today)
    return build_packet(app, window.session.today)


def pdf_pages(data: bytes) -> int:
    from io import BytesIO

    return len(pypdf.PdfReader(BytesIO(data)).pages)


def test_agent_case_lists_the_power_of_attorney_with_its_reason_and_suggested_copies(open_documents, window):
    page = open_documents("05")
    packet = expected_packet(window)
    assert doc_ids(page) == ["packet", *packet.doc_ids]
    attorney = packet.document("power_of_attorney")
    item = item_of(page, "power_of_attorney")
    assert item.text(0) == attorney.title_zh == "授权委托书"
    assert item.text(1) == f"{attorney.copies} 份"
    assert item.checkState(0) == Qt.CheckState.Checked
    page.documents_list.setCurrentItem(item)
    assert page.reason.text().startswith(attorney.reason_zh)
    assert page.copies_spin.value() == attorney.copies
    assert page.copies_spin.isEnabled()


def test_the_preview_shows_the_whole_packet_first_then_the_selected_document(open_documents, window):
    page = open_documents("05")
    assert page.current_doc_id() == "packet"
    assert page.preview.document().pageCount() == pdf_pages(page.pdfs["packet"]) > 0
    page.documents_list.setCurrentItem(item_of(page, "power_of_attorney"))
    assert page.preview.page_count() == pdf_pages(page.pdfs["power_of_attorney"])
    assert page.preview.view.document() is page.preview.document()  # the view shows the new file


def test_preview_pages_and_zoom_follow_the_keyboard(open_documents, qtbot):
    page = open_documents("05")
    preview = page.preview
    assert preview.page_count() > 1
    preview.view.setFocus()
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert preview.current_page() == 1
    qtbot.keyClick(preview.view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert preview.current_page() == 0
    before = preview.view.zoomFactor()
    qtbot.keyClick(preview.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert preview.view.zoomFactor() > before


def test_copies_typed_for_a_document_are_kept_and_shown(open_documents):
    page = open_documents("04")
    page.documents_list.setCurrentItem(item_of(page, "medical_application"))
    page.copies_spin.setValue(3)
    assert item_of(page, "medical_application").text(1) == "3 份"
    assert page.copies_of("medical_application") == 3


def test_save_as_pdf_writes_one_file_per_document_plus_the_packet(open_documents, window, fake_dialogs, tmp_path):
    page = open_documents("05")
    folder = tmp_path / "out"
    folder.mkdir()
    fake_dialogs.answers["ask_folder"] = folder
    page.findChild(QPushButton, "savePdf").click()
    names = sorted(p.name for p in folder.iterdir())
    file_names = page.file_names()
    assert names == sorted(file_names.values())
    person = window.session.draft.identity
    day = window.session.today.isoformat()
    # The Chinese document title, the person's name and the date; never the ID number.
    assert file_names["power_of_attorney"] == f"授权委托书-{person.name}-{day}.pdf"
    assert file_names["packet"] == f"医保关系转移全部材料-{person.name}-{day}.pdf"
    assert not any(person.id_number in name for name in names)
    by_name = {name: doc_id for doc_id, name in file_names.items()}
    for path in folder.iterdir():
        with pdfplumber.open(path) as pdf:
            assert len(pdf.pages) == pdf_pages(page.pdfs[by_name[path.name]])
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pdfplumber.open(folder / file_names["power_of_attorney"]) as pdf:
        assert "授权委托书" in pdf.pages[0].extract_text()
    assert window.session.printed is True
    assert "已保存" in page.status.text()


def test_save_asks_before_replacing_files_and_keeps_them_when_told_no(open_documents, fake_dialogs, tmp_path):
    page = open_documents("04")
    names = page.file_names()
    (tmp_path / names["packet"]).write_bytes(b"keep me")
    fake_dialogs.answers["ask_folder"] = tmp_path
    fake_dialogs.answers["ask_yes_no"] = False
    assert page.save_pdfs() is False
    assert "ask_yes_no" in fake_dialogs.names()
    assert (tmp_path / names["packet"]).read_bytes() == b"keep me"
    assert not (tmp_path / names["medical_application"]).exists()
    fake_dialogs.answers["ask_yes_no"] = True
    assert page.save_pdfs() is True
    assert (tmp_path / names["packet"]).read_bytes().startswith(b"%PDF")


def test_cancelling_the_folder_choice_writes_nothing(open_documents, fake_dialogs):
    page = open_documents("04")
    fake_dialogs.answers["ask_folder"] = None
    assert page.save_pdfs() is False
    assert not getattr(page.session, "printed", False)


def pdf_writer(path: Path, dpi: int = 300) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(dpi)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    return writer


def test_printing_the_ticked_documents_gives_their_pages_times_copies(open_documents, tmp_path):
    page = open_documents("05")
    item_of(page, "guide").setCheckState(0, Qt.CheckState.Unchecked)
    page.documents_list.setCurrentItem(item_of(page, "power_of_attorney"))
    page.copies_spin.setValue(3)
    jobs = page.print_jobs()
    assert [job.name for job in jobs] == [d for d in doc_ids(page) if d not in ("packet", "guide")]
    expected = sum(pdf_pages(job.pdf) * job.copies for job in jobs)
    out = tmp_path / "printed.pdf"
    writer = pdf_writer(out)
    assert printing.paint_jobs(writer, jobs) == expected
    del writer
    assert len(pypdf.PdfReader(out).pages) == expected


def test_pages_print_at_true_size_on_a4(tmp_path, open_documents):
    page = open_documents("04")
    out = tmp_path / "one.pdf"
    writer = pdf_writer(out)
    printing.paint_jobs(writer, [printing.PrintJob(page.pdfs["medical_application"], 1)])
    del writer
    with pdfplumber.open(out) as pdf:
        image = pdf.pages[0].images[0]
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (595, 842)
    assert abs(image["x0"]) < 1 and abs(image["top"]) < 1
    assert abs(image["x1"] - 595.3) < 1 and abs(image["bottom"] - 841.9) < 1
    assert image["srcsize"][0] >= 2480  # rasterised at 300 dpi or more


def test_true_size_rect_centres_without_scaling():
    rect = printing.true_size_rect(QRectF(0, 0, 2400, 3400), QSizeF(595.28, 841.89), 300)
    assert round(rect.width()) == 2480 and round(rect.height()) == 3508
    assert round(rect.left()) == -40 and round(rect.top()) == -54


def test_paint_page_draws_onto_any_painter(qapp):
    image = QImage(620, 877, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    page_image = QImage(10, 10, QImage.Format.Format_RGB32)
    page_image.fill(QColor("black"))
    painter = QPainter(image)
    target = printing.paint_page(painter, page_image, QRectF(0, 0, 620, 877), QSizeF(595.28, 841.89), 75)
    painter.end()
    assert round(target.width()) == 620
    assert image.pixelColor(310, 438) == QColor("black")


def test_print_goes_through_the_print_dialog_and_the_preview_then_prints(
        open_documents, fake_dialogs, monkeypatch, tmp_path):
    page = open_documents("05")
    out = tmp_path / "printer.pdf"

    def pdf_printer(title: str = "") -> QPrinter:  # the "printer" writes a PDF file
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(300)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFullPage(True)
        return printer

    previewed = []

    def preview(parent, printer, paint) -> bool:
        sheet = tmp_path / "preview.pdf"
        writer = pdf_writer(sheet, 100)
        previewed.append(paint(writer))
        return True

    monkeypatch.setattr(printing, "make_printer", pdf_printer)
    fake_dialogs.answers["ask_print"] = True
    fake_dialogs.answers["show_print_preview"] = preview
    page.findChild(QPushButton, "print").click()
    assert fake_dialogs.names() == ["ask_print", "show_print_preview"]
    expected = sum(pdf_pages(job.pdf) * job.copies for job in page.print_jobs())
    assert previewed == [expected]
    assert len(pypdf.PdfReader(out).pages) == expected
    assert page.session.printed is True


def test_cancelling_the_print_dialog_prints_nothing(open_documents, fake_dialogs, monkeypatch):
    page = open_documents("05")
    painted = []
    monkeypatch.setattr(printing, "paint_jobs", lambda *args, **kwargs: painted.append(args))
    fake_dialogs.answers["ask_print"] = False
    assert page.print_selected() is False
    assert fake_dialogs.names() == ["ask_print"]
    assert painted == []


def test_nothing_ticked_says_so_instead_of_printing(open_documents, fake_dialogs):
    page = open_documents("04")
    for doc_id in doc_ids(page)[1:]:
        item_of(page, doc_id).setCheckState(0, Qt.CheckState.Unchecked)
    assert page.print_selected() is False
    assert fake_dialogs.names() == []
    assert "至少勾选" in page.status.text()


def test_finish_keeps_the_window_open_and_marks_the_application_done(open_documents, window):
    page = open_documents("04")
    window.wizard.button(QWizard.WizardButton.FinishButton).click()
    assert window.wizard.isVisible()
    assert window.wizard.currentId() == PageId.DOCUMENTS
    assert page.session.printed is True


def test_buttons_and_list_have_mnemonics_and_accessible_names(open_documents):
    page = open_documents("04")
    assert page.findChild(QPushButton, "savePdf").text() == "保存为 PDF(&S)…"
    assert page.findChild(QPushButton, "print").text() == "打印(&P)…"
    assert page.list_label.buddy() is page.documents_list
    assert page.copies_label.buddy() is page.copies_spin
    assert page.documents_list.accessibleName() == "材料清单"
    assert page.preview.view.accessibleName() == "预览"


def test_starting_the_wizard_loads_neither_the_renderer_nor_qtpdf(tmp_path):
    code = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from app.ui.main import build_window, create_app\n"
        "from app.ui.settings import Settings\n"
        "create_app(['x'])\n"
        f"build_window(Settings(QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat)))\n"
        "heavy = [m for m in sys.modules if m.startswith(('reportlab', 'app.render', 'PySide6.QtPdf',"
        " 'PySide6.QtPrintSupport'))]\n"
        "print(heavy)\n"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "TRANSFER_HELPER_DATA": str(tmp_path / "data"),
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_documents_held_back_are_listed_greyed_with_why_and_the_rest_print(window, ui, qtbot):
    """Still insured at the origin: the medical application is held back (greyed, never
    ticked, its error named under the list); the certificate request and the rest are made."""
    from app.domain.enums import PeriodStatus
    from PySide6.QtWidgets import QLabel

    ui.load_example(window, "04")
    window.session.set("history.0.status", PeriodStatus.PAYING)
    window.session.set("transfer.pension.voucher_number", None)  # no voucher yet: its request prints
    ui.go_to(window, PageId.REVIEW)
    page = window.wizard.page_of(PageId.DOCUMENTS)
    with qtbot.waitSignal(page.packetReady, timeout=60_000) as ready:
        window.wizard.next()
    assert ready.args == [True] and window.wizard.currentId() == PageId.DOCUMENTS
    assert "medical_application" not in page.pdfs and "certificate_request" in page.pdfs
    assert page.included() == ["guide", "certificate_request", "pension_application", "pension_voucher_request"]
    tree = page.documents_list
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    held = [row for row in rows if row.text(0).endswith("（暂不打印）")]
    assert [row.text(0) for row in held] == ["基本医疗保险关系转移接续申请表（暂不打印）"]
    assert held[0].flags() == Qt.ItemFlag.NoItemFlags and "参保还没有中止" in held[0].toolTip(0)
    note = page.findChild(QLabel, "heldBack")
    assert note.isVisibleTo(page)
    assert "基本医疗保险关系转移接续申请表" in note.text() and "转出地的参保还没有中止" in note.text()


