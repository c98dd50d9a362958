"""Checks for uploaded files: size limit, real type by content (magic bytes), not by name, and a parser
that opens the file: a "PNG" of 72 zero bytes or a PDF cut off half-way has the right first bytes but is
not a scan anybody can read."""

from __future__ import annotations

import logging
import warnings

from django.conf import settings
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError

SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
}
PILLOW_FORMATS = {"png": "PNG", "jpeg": "JPEG"}
# A page scanned at 600 dpi is about 35 million pixels; far more is a decompression bomb, not a scan.
MAX_PIXELS = 100_000_000
MAX_PDF_PAGES = 2000


def check_scan(upload) -> str:
    """Accept a readable PDF, PNG or JPEG of at most THIDUA_MAX_UPLOAD_MB; return its detected type."""
    limit = settings.THIDUA_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise DomainError(_("Tệp quá lớn (tối đa %(mb)d MB).") % {"mb": settings.THIDUA_MAX_UPLOAD_MB}, code="file_too_large", field="scan")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = next((kind for kind, prefixes in SIGNATURES.items() if any(head.startswith(p) for p in prefixes)), None)
    if kind is None:
        raise DomainError(_("Bản quét phải là tệp PDF, PNG hoặc JPEG."), code="invalid_file_type", field="scan")
    try:
        if kind == "pdf":
            _open_pdf(upload)
        else:
            _open_image(upload, kind)
    finally:
        upload.seek(0)
    return kind


def _unreadable(kind: str) -> DomainError:
    return DomainError(
        _("Tệp %(kind)s bị hỏng hoặc không đọc được; hãy quét hoặc xuất lại rồi tải lên.") % {"kind": kind.upper()},
        code="unreadable_file",
        field="scan",
    )


def _open_image(upload, kind: str) -> None:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format != PILLOW_FORMATS[kind]:
                    raise _unreadable(kind)
                if image.width * image.height > MAX_PIXELS:
                    raise DomainError(_("Ảnh quét có kích thước quá lớn."), code="image_too_large", field="scan")
                image.verify()  # the structure and checksums; the image cannot be used after this
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()  # every pixel decoded: a truncated image fails here
    except DomainError:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning, EOFError):
        raise _unreadable(kind) from None


def _open_pdf(upload) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL)  # a broken file is our answer to the user, not a log line
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DomainError(_("Tệp PDF có mật khẩu; hãy tải lên bản không đặt mật khẩu."), code="encrypted_file", field="scan")
        pages = len(reader.pages)
        if pages == 0 or pages > MAX_PDF_PAGES:
            raise _unreadable("pdf")
        for page in reader.pages:
            page.mediabox  # noqa: B018 - resolves every page object
    except DomainError:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        raise _unreadable("pdf") from None
    finally:
        pypdf_log.setLevel(level)
