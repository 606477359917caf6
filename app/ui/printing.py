"""Printing PDF documents at true size, through Qt's print system.

Owns: the printer set-up (A4, full page, high resolution), rasterising each PDF page with
QPdfDocument.render at the device's resolution (at least 300 dpi, at most 600 so a page
stays a few tens of MB), and painting it at 100 % scale centred on the device's paint rect:
never "fit to page", forms must print at their real size. With a QPrinter in full-page mode
the paint rect is the sheet itself, so the page lands exactly where the PDF puts it.

`paint_jobs` paints onto any QPagedPaintDevice (a QPrinter, a QPdfWriter in tests, the
print preview); `paint_page` onto any QPainter (a QImage in tests). The dialogs are in
app/ui/dialogs.py. Imports QtPdf and QtPrintSupport: import this module only when printing.

A printer's calibration (app.printer_calibration, saved per printer in the settings, see
`calibration_for`) moves and scales each page about the sheet's top left corner before it is
drawn, so that a printer that prints 1.5 mm too far right prints true. It is measured on a
portrait sheet, so it applies to portrait pages only; landscape pages print uncorrected
(which way a driver turns them is its own business).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QTransform
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from app.printer_calibration import IDENTITY, Calibration

MIN_DPI = 300
MAX_DPI = 600
PREVIEW_DPI = 150
POINTS_PER_INCH = 72.0


@dataclass(frozen=True, slots=True)
class PrintJob:
    """One document to print: its PDF and how many copies (collated, one after the other)."""

    pdf: bytes
    copies: int = 1
    name: str = ""


def make_printer(title: str = "") -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    if title:
        printer.setDocName(title)
    return printer


def open_pdf(data: bytes) -> QPdfDocument:
    """A QPdfDocument read from memory; the buffer is its child and lives as long as it."""
    document = QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise ValueError("not a readable PDF")
    return document


def render_dpi(device_dpi: int) -> int:
    """The resolution pages are rasterised at for a device of `device_dpi`."""
    return max(MIN_DPI, min(MAX_DPI, int(device_dpi)))


def render_page(document: QPdfDocument, page: int, dpi: int) -> QImage:
    """Page `page` as an opaque image (white paper) of `dpi` dots per inch."""
    size_pt = document.pagePointSize(page)
    pixels = QSize(round(size_pt.width() / POINTS_PER_INCH * dpi), round(size_pt.height() / POINTS_PER_INCH * dpi))
    drawn = document.render(page, pixels)  # transparent where nothing is drawn
    image = QImage(pixels, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawImage(0, 0, drawn)
    painter.end()
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def true_size_rect(paint_rect: QRectF, page_pt: QSizeF, device_dpi: float) -> QRectF:
    """Where a page of `page_pt` points goes at 100 % on a device of `device_dpi`: its real
    size, centred on `paint_rect` (device pixels). It may be larger than the paint rect;
    then the margins are cut off, the scale never changes."""
    width = page_pt.width() / POINTS_PER_INCH * device_dpi
    height = page_pt.height() / POINTS_PER_INCH * device_dpi
    left = paint_rect.left() + (paint_rect.width() - width) / 2
    top = paint_rect.top() + (paint_rect.height() - height) / 2
    return QRectF(left, top, width, height)


def calibration_transform(calibration: Calibration, device_dpi: float) -> QTransform:
    """The calibration as a transform of device pixels (origin: the sheet's top left corner)."""
    a, b, c, d, e, f = calibration.to_transform()  # offsets in points
    per_point = device_dpi / POINTS_PER_INCH
    return QTransform(a, b, c, d, e * per_point, f * per_point)


def paint_page(painter: QPainter, image: QImage, paint_rect: QRectF, page_pt: QSizeF, device_dpi: float,
               calibration: Calibration | None = None) -> QRectF:
    """Draw one rasterised page at true size; returns the rect it went to (before the
    calibration, which moves and scales it about the painter's origin: the sheet's corner)."""
    target = true_size_rect(paint_rect, page_pt, device_dpi)
    painter.save()
    if calibration is not None and not calibration.is_identity:
        painter.setTransform(calibration_transform(calibration, device_dpi), True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    painter.drawImage(target, image)
    painter.restore()
    return target


def _orientation(page_pt: QSizeF) -> QPageLayout.Orientation:
    landscape = page_pt.width() > page_pt.height()
    return QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait


def _paint_rect(device: QPagedPaintDevice, dpi: int) -> QRectF:
    """The device's paint rect in painter coordinates (the painter's origin is its corner)."""
    rect = device.pageLayout().paintRectPixels(dpi)
    return QRectF(0, 0, rect.width(), rect.height())


def calibration_for(printer: QPrinter, settings) -> Calibration:
    """The calibration saved (app.ui.settings.Settings) for the printer `printer` prints on;
    none for a printer that writes a PDF file."""
    if settings is None or (printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName()):
        return IDENTITY
    return settings.calibration(printer.printerName())


def paint_jobs(device: QPagedPaintDevice, jobs: Iterable[PrintJob], dpi: int | None = None,
               calibration: Calibration | None = None) -> int:
    """Paint every page of every job, `copies` times per job, onto `device`; returns the
    number of sheets painted. `dpi`: rasterise at this resolution instead of the device's
    (the print preview uses a lower one). `calibration`: the printer's correction
    (`calibration_for`), applied to portrait pages."""
    pages = [(open_pdf(job.pdf), max(1, job.copies)) for job in jobs]
    plan = [(document, page) for document, copies in pages for _ in range(copies)
            for page in range(document.pageCount())]
    if not plan:
        return 0
    device.setPageOrientation(_orientation(plan[0][0].pagePointSize(plan[0][1])))
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer could not be opened")
    try:
        device_dpi = device.logicalDpiX()
        raster_dpi = dpi or render_dpi(device_dpi)
        for number, (document, page) in enumerate(plan):
            page_pt = document.pagePointSize(page)
            if number:
                device.setPageOrientation(_orientation(page_pt))
                device.newPage()
            image = render_page(document, page, raster_dpi)
            portrait = _orientation(page_pt) == QPageLayout.Orientation.Portrait
            paint_page(painter, image, _paint_rect(device, device_dpi), page_pt, device_dpi,
                       calibration if portrait else None)
    finally:
        painter.end()
        for document, _ in pages:
            document.close()
            document.deleteLater()
    return len(plan)


def page_count(data: bytes) -> int:
    document = open_pdf(data)
    try:
        return document.pageCount()
    finally:
        document.close()
        document.deleteLater()

