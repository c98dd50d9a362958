"""Plan documents and report attachments: a readable PDF or DOCX, checked by content, never by name.

A PDF goes through the same check as a decision scan (``awards.uploads.check_scan``: size, magic bytes,
pypdf opens every page); an image passes that check but is not a plan, so it is refused here. A DOCX is a
zip: its directory is checked (entries, uncompressed size, ratio) before any part is read, it must hold
``word/document.xml``, and no XML part may declare a DOCTYPE (entity expansion).
"""

from __future__ import annotations

import zipfile
import zlib

from django.conf import settings
from django.utils.translation import gettext as _

from thidua.awards.uploads import check_scan
from thidua.core.errors import DomainError
from thidua.core.ooxml import declares_doctype

ZIP_MAGIC = b"PK\x03\x04"
MAX_ENTRIES = 1_000
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024


def _wrong_type(field: str) -> DomainError:
    return DomainError(_("Tệp phải là văn bản PDF hoặc DOCX."), code="invalid_file_type", field=field)


def _unreadable(field: str) -> DomainError:
    return DomainError(_("Tệp DOCX bị hỏng hoặc không đọc được; hãy lưu lại rồi tải lên."), code="unreadable_file", field=field)


def check_document(upload, *, field: str = "plan_document") -> str:
    """Accept a readable PDF or DOCX of at most THIDUA_MAX_UPLOAD_MB; return ``"pdf"`` or ``"docx"``."""
    limit = settings.THIDUA_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise DomainError(_("Tệp quá lớn (tối đa %(mb)d MB).") % {"mb": settings.THIDUA_MAX_UPLOAD_MB}, code="file_too_large", field=field)
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        try:
            check_scan(upload)
        except DomainError as exc:
            raise DomainError(exc.message, code=exc.code, field=field) from None
        return "pdf"
    if not head.startswith(ZIP_MAGIC):
        raise _wrong_type(field)
    _check_docx(upload, field)
    return "docx"


def _check_docx(upload, field: str) -> None:
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            names = {e.filename for e in entries}
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise _wrong_type(field)
            too_big = sum(e.file_size for e in entries) > MAX_UNCOMPRESSED or len(entries) > MAX_ENTRIES
            bomb = any(e.file_size > RATIO_FLOOR and e.file_size > MAX_RATIO * max(e.compress_size, 1) for e in entries)
            if too_big or bomb:
                raise DomainError(_("Tệp DOCX giải nén ra quá lớn (có thể là tệp nén độc hại); không xử lý."), code="zip_bomb", field=field)
            for e in entries:
                if not e.is_dir() and e.filename.endswith((".xml", ".rels")) and declares_doctype(archive, e):
                    raise DomainError(
                        _("Tệp DOCX khai báo thực thể XML (DOCTYPE/ENTITY), dấu hiệu của tệp độc hại; không xử lý."),
                        code="xml_entities",
                        field=field,
                    )
    except DomainError:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        raise _unreadable(field) from None
    finally:
        upload.seek(0)
