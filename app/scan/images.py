"""Opening the files a person scans or photographs: PNG, JPEG and PDF, with bounds.

Owns: refusing what is too large before it is decoded (file size, the pixel count from the
image header, the page count and page size of a PDF), turning every page into an RGB
Pillow image of bounded size, and the messages for files that cannot be read.

PDF pages are drawn by pypdfium2 (PDFium's own wheel, no network, already used by the
test tools through pdfplumber): Qt's QtPdf would pull Qt into this Qt-free package, and
`pdftoppm` is a system program that a Windows or macOS machine does not have.
Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_FILE_BYTES = 50 * 1024 * 1024       # a 600-dpi A4 colour scan as PNG is ~ 30 MB
MAX_PIXELS = 80_000_000                  # 600 dpi A4 is 35 MP, a 50 MP phone photo fits
MAX_PDF_PAGES = 20
PDF_DPI = 200                            # enough for 9-pt text; the OCR reads at ~150 dpi
MAX_PDF_PAGE_MM = 1000                   # A0 is 1189 mm: larger "pages" are not papers
SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".pdf"})

MESSAGES = {
    "missing": ("找不到文件 {name}", "File not found: {name}"),
    "unreadable": ("无法读取文件 {name}", "Cannot read the file {name}"),
    "too_large": ("文件 {name} 太大（上限 {limit} MB）", "The file {name} is too large (limit {limit} MB)"),
    "too_many_pixels": ("图片 {name} 像素过多（上限 {limit} 百万像素），可能是恶意文件",
                        "The image {name} has too many pixels (limit {limit} megapixels); it may be hostile"),
    "not_image": ("文件 {name} 不是 PNG、JPEG 或 PDF", "The file {name} is not a PNG, JPEG or PDF"),
    "too_many_pages": ("PDF {name} 页数过多（上限 {limit} 页）", "The PDF {name} has too many pages (limit {limit})"),
    "page_too_large": ("PDF {name} 的页面尺寸异常", "The PDF {name} has a page of an implausible size"),
}


class ImageFileError(Exception):
    """A file that cannot be read as a scan. Messages name the file, never its content."""

    def __init__(self, code: str, **ctx: object) -> None:
        super().__init__(code)
        self.code = code
        self.ctx = ctx

    def message(self, lang: str = "zh") -> str:
        zh, en = MESSAGES[self.code]
        return (zh if lang == "zh" else en).format(**self.ctx)


@dataclass(frozen=True)
class Page:
    """One page to read: the image and where it came from (file name only, for messages)."""

    image: Image.Image
    source: str
    number: int  # 1-based page within its file


def open_pages(path: str | os.PathLike) -> list[Page]:
    """Every page of a PNG, JPEG or PDF file as an RGB image; raise ImageFileError."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImageFileError("missing", name=name) from None
    except OSError:
        raise ImageFileError("unreadable", name=name) from None
    if size > MAX_FILE_BYTES:
        raise ImageFileError("too_large", name=name, limit=MAX_FILE_BYTES // (1024 * 1024))
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        raise ImageFileError("unreadable", name=name) from None
    if head.startswith(b"%PDF"):
        return _pdf_pages(path, name)
    return [Page(_image(path, name), name, 1)]


def open_image(image: Image.Image, source: str = "image") -> Page:
    """A pasted or dropped picture (already in memory): the same pixel bound applies."""
    if image.width * image.height > MAX_PIXELS:
        raise ImageFileError("too_many_pixels", name=source, limit=MAX_PIXELS // 1_000_000)
    return Page(_upright_rgb(image), source, 1)


def _image(path: Path, name: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            # Pillow warns between MAX_IMAGE_PIXELS and twice that and raises above; the
            # header is checked here first, so neither the warning nor the bomb is reached.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as opened:
                if opened.format not in ("PNG", "JPEG", "MPO"):
                    raise ImageFileError("not_image", name=name)
                width, height = opened.size  # from the header: nothing decoded yet
                if width * height > MAX_PIXELS:
                    raise ImageFileError("too_many_pixels", name=name, limit=MAX_PIXELS // 1_000_000)
                opened.load()
                return _upright_rgb(opened)
    except ImageFileError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageFileError("too_many_pixels", name=name, limit=MAX_PIXELS // 1_000_000) from None
    except UnidentifiedImageError:
        raise ImageFileError("not_image", name=name) from None
    except (OSError, ValueError, SyntaxError):  # truncated or corrupt data
        raise ImageFileError("unreadable", name=name) from None


def _upright_rgb(image: Image.Image) -> Image.Image:
    """Apply the EXIF orientation a phone records (the pixels are stored sideways)."""
    image = ImageOps.exif_transpose(image)
    if image.mode != "RGB":
        if image.mode in ("RGBA", "LA", "P"):
            background = Image.new("RGB", image.size, (255, 255, 255))
            rgba = image.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            return background
        image = image.convert("RGB")
    return image


def _pdf_pages(path: Path, name: str) -> list[Page]:
    import pypdfium2 as pdfium  # lazily: only PDFs need it

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        raise ImageFileError("unreadable", name=name) from None
    try:
        if len(document) > MAX_PDF_PAGES:
            raise ImageFileError("too_many_pages", name=name, limit=MAX_PDF_PAGES)
        if len(document) == 0:
            raise ImageFileError("unreadable", name=name)
        pages = []
        for index in range(len(document)):
            page = document[index]
            width_pt, height_pt = page.get_size()
            if max(width_pt, height_pt) / 72 * 25.4 > MAX_PDF_PAGE_MM or min(width_pt, height_pt) <= 0:
                raise ImageFileError("page_too_large", name=name)
            bitmap = page.render(scale=PDF_DPI / 72)
            pages.append(Page(bitmap.to_pil().convert("RGB"), name, index + 1))
        return pages
    except pdfium.PdfiumError:
        raise ImageFileError("unreadable", name=name) from None
    finally:
        document.close()
