"""Checks for uploaded files: size limit and real type by content (magic bytes), not by name."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError

SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
}


def check_scan(upload) -> str:
    """Accept a PDF, PNG or JPEG of at most THIDUA_MAX_UPLOAD_MB; return its detected type."""
    limit = settings.THIDUA_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise DomainError(_("Tệp quá lớn (tối đa %(mb)d MB).") % {"mb": settings.THIDUA_MAX_UPLOAD_MB}, code="file_too_large", field="scan")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for kind, prefixes in SIGNATURES.items():
        if any(head.startswith(p) for p in prefixes):
            return kind
    raise DomainError(_("Bản quét phải là tệp PDF, PNG hoặc JPEG."), code="invalid_file_type", field="scan")
