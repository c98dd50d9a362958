"""Reading an uploaded workbook safely: checks on the raw file first, then a streaming parse.

Order matters. Size, magic bytes and the zip directory (entry count, uncompressed total, compression
ratio) are checked before openpyxl reads a byte of XML, so a zip bomb or a renamed file is refused
cheaply; so is an XML part that declares a DOCTYPE (entity expansion, "billion laughs", or external
entities): no part of a workbook needs one. Sheets are read with ``read_only=True, data_only=True``
(streaming, cached formula values) and **never trust the sheet's declared size** (``<dimension ref>``,
which any tool may write wrongly, in either direction): the dimensions are reset and the rows really
present are read and counted, so the row and column limits apply to what is there. The header row is
found by content, wherever it is in the first rows, tolerant of a title row above it and of merged
two-level headers.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.core.ooxml import declares_doctype

from .columns import INSTRUCTIONS_SHEET, Column, columns_for, header_key

MAX_COLUMNS = 50
MAX_ROWS = 100_000
MAX_ENTRIES = 2_000
MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, for entries above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
HEADER_SCAN_ROWS = 20
MAX_SHEETS = 20

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _refuse(message: str, code: str) -> DomainError:
    return DomainError(message, code=code, field="file")


def check_upload(upload) -> None:
    """Refuse before parsing: too large, not a zip, not a workbook, a zip bomb, or XML entities."""
    limit_mb = settings.THIDUA_MAX_IMPORT_MB
    if upload.size > limit_mb * 1024 * 1024:
        raise _refuse(_("Tệp quá lớn (tối đa %(mb)d MB).") % {"mb": limit_mb}, "file_too_large")
    if upload.size == 0:
        raise _refuse(_("Tệp rỗng."), "empty_file")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(OLE_MAGIC):
        raise _refuse(_("Tệp Excel 97-2003 (.xls) chưa được hỗ trợ: hãy mở bằng Excel và lưu lại dạng .xlsx."), "not_xlsx")
    if not head.startswith(ZIP_MAGIC):
        raise _refuse(_("Tệp không phải là tệp Excel .xlsx (nội dung không đúng định dạng, dù tên tệp có đuôi .xlsx)."), "not_xlsx")
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _refuse(_("Tệp .xlsx bị hỏng, không mở được."), "not_xlsx") from None
    finally:
        upload.seek(0)
    names = {e.filename for e in entries}
    if "xl/workbook.xml" not in names:
        raise _refuse(_("Tệp không phải là bảng tính Excel .xlsx (thiếu phần xl/workbook.xml)."), "not_xlsx")
    if len(entries) > MAX_ENTRIES:
        raise _refuse(_("Tệp có quá nhiều thành phần bên trong; không xử lý."), "zip_bomb")
    total = sum(e.file_size for e in entries)
    if total > MAX_UNCOMPRESSED:
        raise _refuse(
            _("Tệp giải nén ra quá lớn (%(mb)d MB, tối đa %(max)d MB); có thể là tệp nén độc hại.")
            % {"mb": total // (1024 * 1024), "max": MAX_UNCOMPRESSED // (1024 * 1024)},
            "zip_bomb",
        )
    for e in entries:
        if e.file_size > RATIO_FLOOR and e.file_size > MAX_RATIO * max(e.compress_size, 1):
            raise _refuse(_("Tệp có tỉ lệ nén bất thường (có thể là tệp nén độc hại); không xử lý."), "zip_bomb")
    try:
        with zipfile.ZipFile(upload) as archive:
            for e in entries:
                if not e.is_dir() and declares_doctype(archive, e):
                    raise _refuse(
                        _(
                            "Tệp có phần nội dung khai báo thực thể XML (DOCTYPE/ENTITY), dấu hiệu của tệp độc hại; "
                            "không xử lý. Hãy mở tệp bằng Excel và lưu lại dạng .xlsx."
                        ),
                        "xml_entities",
                    )
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        raise _refuse(_("Tệp .xlsx bị hỏng, không mở được."), "not_xlsx") from None
    finally:
        upload.seek(0)


def _unreadable() -> DomainError:
    return _refuse(_("Tệp .xlsx bị hỏng hoặc không đúng cấu trúc bảng tính, không đọc được."), "not_xlsx")


def load_workbook(upload):
    import openpyxl

    upload.seek(0)
    try:
        return openpyxl.load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (KeyError, XML errors, InvalidFileException…) on broken files
        raise _unreadable() from None


def _rows(ws, *, min_row: int = 1, max_row: int | None = None) -> Iterator[tuple]:
    """The rows really present in the sheet's XML, whatever size the sheet declares.

    ``reset_dimensions`` drops the declared ``<dimension ref>`` (openpyxl read-only mode would otherwise
    stop at its last row and cut every row at its last column); each row then comes as long as its
    last cell. A malformed sheet part surfaces here, mid-stream: it is the same clear refusal.
    """
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    try:
        yield from ws.iter_rows(min_row=min_row, max_row=max_row, values_only=True)
    except (ParseError, expat.ExpatError, KeyError, ValueError, zipfile.BadZipFile, EOFError, OSError):
        raise _unreadable() from None


@dataclass
class Layout:
    """Where the data sits: sheet, header row and the column index of each known key."""

    sheet: str
    header_row: int
    positions: dict[str, int] = field(default_factory=dict)
    width: int = 0


def _used_width(values: tuple) -> int:
    for i in range(len(values) - 1, -1, -1):
        v = values[i]
        if v is not None and str(v).strip() != "":
            return i + 1
    return 0


def _too_wide(width: int) -> DomainError:
    return _refuse(
        _("Trang tính có %(n)d cột có dữ liệu, vượt giới hạn %(max)d cột; hãy bỏ các cột thừa.") % {"n": width, "max": MAX_COLUMNS},
        "too_many_columns",
    )


def _match_row(columns: list[Column], row: tuple, above: list[str]) -> dict[str, int]:
    """Keys found in a row. Under a merged cell of the row above, a cell also matches as "<above> <cell>"
    ("Thời gian lập thành tích" over "từ" / "đến"), and an empty cell as the label above it (a header
    merged over two rows)."""
    wanted = {name: c.key for c in columns for name in c.names()}
    found: dict[str, int] = {}
    for i, value in enumerate(row):
        own = header_key(value)
        up = above[i] if i < len(above) else ""
        candidates = [own, f"{up} {own}"] if own and up else [own or up]
        for candidate in candidates:
            key = wanted.get(candidate) if candidate else None
            if key and key not in found:
                found[key] = i
                break
    return found


def _filled(row: tuple) -> list[str]:
    """Header keys of a row, each empty cell taking the label on its left (a merged cell spans right)."""
    filled, last = [], ""
    for value in row:
        last = header_key(value) or last
        filled.append(last)
    return filled


def find_layout(workbook, kind: str) -> Layout:
    """The first sheet (instructions excluded) whose early rows hold every required header."""
    columns = columns_for(kind)
    required = [c for c in columns if c.required]
    best: tuple[int, str, list[str]] | None = None
    for ws in workbook.worksheets[:MAX_SHEETS]:
        if header_key(ws.title) == header_key(INSTRUCTIONS_SHEET):
            continue
        # Only the first rows: the row limit is applied to the rows really read (``data_rows``).
        head = list(_rows(ws, max_row=HEADER_SCAN_ROWS))
        # Rows come as long as their last cell; a merged header spans right over cells never written.
        span = max((len(r) for r in head), default=0)
        head = [tuple(r) + (None,) * (span - len(r)) for r in head]
        above: list[str] = []
        for index, row in enumerate(head, start=1):
            width = _used_width(row)
            if width > MAX_COLUMNS:
                raise _too_wide(width)
            found = _match_row(columns, row, above)
            missing = [c.header for c in required if c.key not in found]
            if not missing:
                # A second header row under merged cells ("Từ" / "Đến") names more columns: it is the header.
                if index < len(head):
                    below = _match_row(columns, head[index], _filled(row))
                    if len(below) > len(found) and all(c.key in below for c in required):
                        return Layout(sheet=ws.title, header_row=index + 1, positions=below, width=max(width, _used_width(head[index])))
                return Layout(sheet=ws.title, header_row=index, positions=found, width=width)
            if found and (best is None or len(found) > best[0]):
                best = (len(found), ws.title, missing)
            above = _filled(row)
    if best is not None:
        raise _refuse(
            _("Không tìm thấy đủ các cột bắt buộc trong trang “%(s)s”: thiếu %(cols)s. Hãy dùng tệp mẫu.")
            % {"s": best[1], "cols": ", ".join(f"“{m}”" for m in best[2])},
            "missing_columns",
        )
    raise _refuse(_("Không tìm thấy dòng tiêu đề của bảng dữ liệu. Hãy dùng tệp mẫu tải từ hệ thống."), "missing_columns")


def data_rows(workbook, layout: Layout) -> Iterator[tuple[int, dict[str, object]]]:
    """(Excel row number, {key: raw value}) for each non-empty row under the header, counted as read."""
    ws = workbook[layout.sheet]
    positions = layout.positions
    count = 0
    for number, row in enumerate(_rows(ws, min_row=layout.header_row + 1), start=layout.header_row + 1):
        width = _used_width(row)
        if width == 0:
            continue
        if width > MAX_COLUMNS:
            raise _too_wide(width)
        count += 1
        if count > MAX_ROWS:
            raise _refuse(_("Tệp có hơn %(max)d dòng dữ liệu; hãy chia thành nhiều tệp.") % {"max": MAX_ROWS}, "too_many_rows")
        yield number, {key: (row[i] if i < len(row) else None) for key, i in positions.items()}
