"""One small xlsx writer for every export: Vietnamese headers in bold, column widths, safe cells.

**Formula injection.** Any text cell whose first character is ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is written with an apostrophe in front (``'=1+1``) and stored as a string cell, the
OWASP advice for CSV/spreadsheet injection. The apostrophe is visible: it keeps the text inert even
after someone re-types the cell or saves the sheet as CSV, which a plain string cell would not.
Numbers, dates and booleans are written as such. Text is stored in NFC and characters XML cannot hold
(control characters) are dropped rather than failing the whole export.

Big lists use openpyxl's write-only (streaming) mode: rows go straight to a temporary file, memory
stays flat. Sheets that need merged cells (the ledger book) use the normal mode.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def safe_value(value):
    """The value as it goes into a cell: text in NFC, neutralised against formula injection."""
    if value is None:
        return None
    if isinstance(value, bool | int | float | Decimal | dt.date | dt.datetime):
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            return value.replace(tzinfo=None)  # Excel has no time zones; callers pass local times
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", unicodedata.normalize("NFC", str(value)))
    if text.startswith(DANGEROUS_FIRST):
        text = "'" + text
    return text


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 16


class SheetWriter:
    """Rows into one sheet. In streaming mode only ``row`` is available (no merges)."""

    def __init__(self, ws, columns: Sequence[Column], *, streaming: bool, number_format: dict[int, str] | None = None):
        self.ws = ws
        self.streaming = streaming
        self.columns = list(columns)
        self.number_format = number_format or {}
        self.next_row = 1
        for i, col in enumerate(self.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = col.width

    def _cell(self, value, *, font=None, alignment=None, border=None, column: int = 1):
        value = safe_value(value)
        cell = WriteOnlyCell(self.ws, value=value) if self.streaming else self.ws.cell(row=self.next_row, column=column, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever openpyxl guesses
        elif isinstance(value, dt.datetime):
            cell.number_format = "DD/MM/YYYY HH:MM"
        elif isinstance(value, dt.date):
            cell.number_format = "DD/MM/YYYY"
        elif column in self.number_format:
            cell.number_format = self.number_format[column]
        if font:
            cell.font = font
        if alignment:
            cell.alignment = alignment
        if border:
            cell.border = border
        return cell

    def row(self, values: Iterable, *, font=None, alignment=None, border=None) -> None:
        cells = [self._cell(v, font=font, alignment=alignment, border=border, column=i) for i, v in enumerate(values, start=1)]
        if self.streaming:
            self.ws.append(cells)
        self.next_row += 1

    def header(self) -> None:
        self.row([c.header for c in self.columns], font=BOLD, alignment=CENTER, border=None if self.streaming else BOX)

    def title(self, text: str) -> None:
        """A bold title line above the table (merged across the columns in normal mode)."""
        row = self.next_row
        self.row([text], font=TITLE)
        if not self.streaming and len(self.columns) > 1:
            self.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(self.columns))

    def merge(self, *, row: int, start_column: int, end_column: int, end_row: int | None = None) -> None:
        if self.streaming:
            raise RuntimeError("merged cells need the normal (non-streaming) mode")
        self.ws.merge_cells(start_row=row, start_column=start_column, end_row=end_row or row, end_column=end_column)


class XlsxBook:
    def __init__(self, *, streaming: bool = True):
        self.streaming = streaming
        self.wb = Workbook(write_only=streaming)
        self._first = True

    def sheet(self, title: str, columns: Sequence[Column], *, number_format: dict[int, str] | None = None) -> SheetWriter:
        # Sheet names: at most 31 characters, none of []:*?/\ .
        name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"
        if not self.streaming and self._first:
            ws = self.wb.active
            ws.title = name
        else:
            ws = self.wb.create_sheet(name)
        self._first = False
        return SheetWriter(ws, columns, streaming=self.streaming, number_format=number_format)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.wb.save(buffer)
        return buffer.getvalue()

    def response(self, filename: str) -> HttpResponse:
        response = HttpResponse(self.to_bytes(), content_type=XLSX_MIME)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def table_response(
    filename: str, sheet_title: str, columns: Sequence[Column], rows: Iterable[Sequence], *, title: str = ""
) -> HttpResponse:
    """The common case: one streamed sheet, an optional title line, a bold header row, the rows."""
    book = XlsxBook(streaming=True)
    sheet = book.sheet(sheet_title, columns)
    if title:
        sheet.title(title)
    sheet.header()
    for values in rows:
        sheet.row(values)
    return book.response(filename)
