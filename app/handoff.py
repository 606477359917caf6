"""The home-to-window hand-off: an application packed into the text of a QR code.

Owns: the payload format and its checks. The text is what a USB scanner types, so it uses
only characters of the QR alphanumeric set and no spaces:

    TH1-<base32 of: version byte | raw-deflate of the compact draft JSON | 8-byte SHA-256>

The SHA-256 prefix detects a damaged or altered code (it is a checksum, not a signature:
anybody with this program can make a valid code; the window re-checks every answer anyway).
Decompression is bounded, so a hostile code cannot exhaust memory. Also decoding from a
photo or scan of the printed guide page (zxing-cpp). Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import warnings
import zlib
from pathlib import Path

from app.errors import CodedError
from app.domain.application import SCHEMA_VERSION, ApplicationDraft
from app.storage import drafts, files

PREFIX = "TH1-"
VERSION = 1
DIGEST_BYTES = 8
MAX_JSON_BYTES = 512 * 1024
# The largest code the guide prints: QR version 27 at error-correction level M (1,637
# alphanumeric characters, 125 modules). At 45 mm that is 0.36 mm a module, which USB 2D
# scanners and phone cameras read from a 300 dpi print. Larger applications do not fit.
MAX_TEXT_CHARS = 1637 - len(PREFIX)
# A photo or scan of the guide page: a 48-megapixel phone photo is 8000x6000; the size is
# read from the image's header and refused before a pixel is decoded (a 90 KB PNG can claim
# 20000x20000, a 29-byte GIF 65535x65535).
MAX_IMAGE_PIXELS = 50_000_000
MAX_IMAGE_BYTES = 40 * 1024 * 1024
IMAGE_FORMATS = ("PNG", "JPEG", "BMP", "TIFF", "WEBP", "GIF")

MESSAGES = {
    "not_ours": ("这不是本程序生成的二维码内容。", "This is not a code made by this program."),
    "damaged": ("二维码内容不完整或已被改动，无法使用。请重新扫描，或请申请人提供草稿文件。", "The code is incomplete or was altered and cannot be used. Scan it again, or ask for the draft file."),
    "newer_version": ("二维码由更新版本的程序生成，请升级本程序。", "The code was made by a newer version; please upgrade."),
    "too_large": ("二维码内容过大，已拒绝。", "The code's content is too large and was refused."),
    "invalid_content": ("二维码中的申请内容有误，无法导入。", "The application in the code is invalid and cannot be imported."),
    "no_code": ("图片中没有找到可读的二维码。请把办事指南第一页拍清楚、拍正后再试。", "No readable QR code was found in the image. Photograph the first page of the guide sharply and straight, then try again."),
    "unreadable_image": ("无法读取图片文件。", "The image file cannot be read."),
    "image_too_large": ("图片太大（超过 {megapixels} 百万像素或 {megabytes} MB），已拒绝。请用手机或扫描仪重新拍摄或扫描第一页。", "The image is too large (over {megapixels} megapixels or {megabytes} MB) and was refused. Photograph or scan the first page again."),
    "not_regular": ("这不是普通文件（可能是文件夹、设备或管道），无法读取。", "This is not a regular file (it may be a folder, a device or a pipe) and cannot be read."),
    "does_not_fit": ("申请内容太多，放不进一个二维码；请把草稿文件带到窗口。", "The application is too large for one QR code; bring the draft file to the window instead."),
}


class HandoffError(CodedError):
    MESSAGES = MESSAGES


def _digest(body: bytes) -> bytes:
    return hashlib.sha256(body).digest()[:DIGEST_BYTES]


def encode(draft: ApplicationDraft) -> str:
    """The QR text for a draft. Raises HandoffError("does_not_fit") when it is too large."""
    data = draft.model_dump(mode="json", exclude_defaults=True)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = bytes([VERSION]) + packer.compress(raw) + packer.flush()
    text = base64.b32encode(body + _digest(body)).decode("ascii").rstrip("=")
    if len(text) > MAX_TEXT_CHARS:
        raise HandoffError("does_not_fit")
    return PREFIX + text


def fits(draft: ApplicationDraft) -> bool:
    try:
        encode(draft)
    except HandoffError:
        return False
    return True


def decode_text(text: str) -> ApplicationDraft:
    """The draft in a scanned or pasted code text; HandoffError when it is not usable."""
    text = "".join(text.split())  # scanners may add a line break; the format has no spaces
    if not text.upper().startswith(PREFIX):
        raise HandoffError("not_ours")
    payload = text[len(PREFIX):].upper()
    if len(payload) > MAX_TEXT_CHARS:
        raise HandoffError("too_large")
    try:
        blob = base64.b32decode(payload + "=" * (-len(payload) % 8))
    except (ValueError, TypeError):
        raise HandoffError("damaged") from None
    body, digest = blob[:-DIGEST_BYTES], blob[-DIGEST_BYTES:]
    if len(body) < 2 or _digest(body) != digest:
        raise HandoffError("damaged")
    if body[0] > VERSION:
        raise HandoffError("newer_version")
    if body[0] != VERSION:  # 0, or a version this program never wrote
        raise HandoffError("damaged")
    unpacker = zlib.decompressobj(-15)
    try:
        raw = unpacker.decompress(body[1:], MAX_JSON_BYTES)
    except zlib.error:
        raise HandoffError("damaged") from None
    if unpacker.unconsumed_tail:
        raise HandoffError("too_large")
    return _as_draft(raw)


def _as_draft(raw: bytes) -> ApplicationDraft:
    """The payload as a draft, through the draft file's own loader and limits: a code whose
    draft a file could not hold (schema version 999 or -5, a field out of bounds) is refused
    before anything is written."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise HandoffError("invalid_content") from None
    if not isinstance(data, dict):
        raise HandoffError("invalid_content")
    # encode() leaves out defaults, the current schema version among them
    data = {"format": drafts.FORMAT, "schema_version": SCHEMA_VERSION, **data}
    try:
        return drafts.from_data(data)
    except drafts.DraftFileError as exc:
        raise HandoffError("newer_version" if exc.code == "newer_version" else "invalid_content") from None


def read_code_in_image(image: object) -> str:
    """The text of the first QR code in an image (a path, a PIL image or a QImage)."""
    import zxingcpp

    picture = _open_image(Path(image)) if isinstance(image, (str, Path)) else image
    for result in zxingcpp.read_barcodes(picture, formats=zxingcpp.BarcodeFormat.QRCode):
        if result.text.startswith(PREFIX):
            return result.text
    raise HandoffError("no_code")


def _open_image(path: Path):
    """The image in grey, read through the one reading path (a regular file, at most
    MAX_IMAGE_BYTES) and refused by its header's size before any pixel is decoded."""
    from PIL import Image

    limits = {"megapixels": MAX_IMAGE_PIXELS // 1_000_000, "megabytes": MAX_IMAGE_BYTES // (1024 * 1024)}
    try:
        data = files.read_limited(path, MAX_IMAGE_BYTES)
    except files.NotRegularFile:
        raise HandoffError("not_regular") from None
    except files.TooLarge:
        raise HandoffError("image_too_large", **limits) from None
    except OSError:
        raise HandoffError("unreadable_image") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=IMAGE_FORMATS) as opened:
                width, height = opened.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise HandoffError("image_too_large", **limits)
                return opened.convert("L")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise HandoffError("image_too_large", **limits) from None
    except HandoffError:
        raise
    except Exception:  # noqa: BLE001 - a hostile file may make any decoder fail in its own way
        raise HandoffError("unreadable_image") from None


def decode_any(text_or_image: str) -> ApplicationDraft:
    """A code text as typed by a scanner, or the path of a photo or scan of the page."""
    candidate = Path(text_or_image)
    if not text_or_image.upper().startswith(PREFIX) and candidate.suffix.lower() in {
        ".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".gif",
    }:
        return decode_text(read_code_in_image(candidate))
    return decode_text(text_or_image)
