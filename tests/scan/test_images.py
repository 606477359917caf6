"""Opening scans: bounds checked before decoding, clear messages, PDFs drawn page by page."""
from __future__ import annotations

import struct
import zlib

import pytest
from PIL import Image

from app.scan import images


def _png_header_only(path, width, height):
    """A PNG whose header claims width x height: the pixels are never there (an image bomb)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16))
                     + chunk(b"IEND", b""))


def test_image_bomb_is_refused_from_its_header(tmp_path):
    bomb = tmp_path / "bomb.png"
    _png_header_only(bomb, 100_000, 100_000)
    with pytest.raises(images.ImageFileError) as caught:
        images.open_pages(bomb)
    assert caught.value.code == "too_many_pixels"
    assert "bomb.png" in caught.value.message("en") and "百万像素" in caught.value.message("zh")


def test_file_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.jpg"
    big.write_bytes(b"\xff\xd8" + b"\0" * 2000)
    with pytest.raises(images.ImageFileError) as caught:
        images.open_pages(big)
    assert caught.value.code == "too_large"


@pytest.mark.parametrize("content, code", [(b"hello, not a picture", "not_image"), (b"%PDF-1.4 broken", "unreadable")])
def test_file_that_is_no_scan_is_named_in_the_message(tmp_path, content, code):
    path = tmp_path / "x.png"
    path.write_bytes(content)
    with pytest.raises(images.ImageFileError) as caught:
        images.open_pages(path)
    assert caught.value.code == code and "x.png" in caught.value.message("zh")


def test_truncated_jpeg_is_unreadable(tmp_path):
    path = tmp_path / "cut.jpg"
    Image.new("RGB", (400, 300), "white").save(path, quality=90)
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(images.ImageFileError) as caught:
        images.open_pages(path)
    assert caught.value.code == "unreadable"


def test_missing_file(tmp_path):
    with pytest.raises(images.ImageFileError) as caught:
        images.open_pages(tmp_path / "none.png")
    assert caught.value.code == "missing"


def test_pdf_pages_are_drawn_as_images(tmp_path):
    path = tmp_path / "two.pdf"
    first = Image.new("RGB", (827, 1169), "white")  # A4 at 100 dpi
    first.save(path, save_all=True, append_images=[Image.new("RGB", (827, 1169), "gray")], resolution=100)
    pages = images.open_pages(path)
    assert [p.number for p in pages] == [1, 2]
    assert pages[0].image.mode == "RGB" and abs(pages[0].image.width - 827 * images.PDF_DPI / 100) < 3


def test_transparent_png_is_read_on_white(tmp_path):
    path = tmp_path / "t.png"
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(path)
    page = images.open_pages(path)[0]
    assert page.image.mode == "RGB" and page.image.getpixel((5, 5)) == (255, 255, 255)
