"""The xlsx writer: formulas neutralised, Vietnamese kept in NFC, headers bold, widths set."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pytest
from openpyxl import load_workbook

from thidua.exports.xlsx import Column, XlsxBook, safe_value, table_response


def _load(response):
    return load_workbook(io.BytesIO(response.content))


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://evil","bấm")', '\'=HYPERLINK("http://evil","bấm")'),
        ("+84 912 345 678", "'+84 912 345 678"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Lao động tiên tiến", "Lao động tiên tiến"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_text_cells_starting_with_a_formula_character_get_an_apostrophe(given, stored):
    assert safe_value(given) == stored


def test_numbers_and_dates_are_not_touched():
    assert safe_value(-5) == -5
    assert safe_value(dt.date(2026, 8, 1)) == dt.date(2026, 8, 1)
    assert safe_value(None) is None


def test_a_formula_in_the_data_is_stored_as_inert_text_in_the_file():
    response = table_response("x.xlsx", "Sheet", [Column("Tên")], [["=cmd|' /C calc'!A0"], ["-1"], [42]])
    ws = _load(response).active
    cells = [ws.cell(row=r, column=1) for r in (2, 3, 4)]
    assert [c.value for c in cells] == ["'=cmd|' /C calc'!A0", "'-1", 42]
    assert cells[0].data_type == "s" and cells[1].data_type == "s" and cells[2].data_type == "n"


def test_vietnamese_text_is_stored_in_nfc():
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hoà – Trường THCS Yên Tiến")
    response = table_response("x.xlsx", "Cán bộ", [Column("Họ và tên")], [[nfd]])
    wb = _load(response)
    value = wb.active.cell(row=2, column=1).value
    assert value == unicodedata.normalize("NFC", nfd) and unicodedata.is_normalized("NFC", value)
    assert wb.sheetnames == ["Cán bộ"]


def test_control_characters_are_dropped_instead_of_failing_the_export():
    response = table_response("x.xlsx", "S", [Column("A")], [["Hoà\x00\x0bBình"]])
    assert _load(response).active.cell(row=2, column=1).value == "HoàBình"


def test_header_is_bold_and_columns_have_widths():
    response = table_response(
        "x.xlsx", "S", [Column("Họ và tên", 30), Column("Ngày sinh", 12)], [["A", dt.date(1985, 5, 12)]], title="DANH SÁCH"
    )
    ws = _load(response).active
    assert ws.cell(row=1, column=1).value == "DANH SÁCH"
    assert ws.cell(row=2, column=1).value == "Họ và tên" and ws.cell(row=2, column=1).font.bold
    assert ws.column_dimensions["A"].width == 30 and ws.column_dimensions["B"].width == 12
    assert ws.cell(row=3, column=2).number_format == "DD/MM/YYYY"
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_merging_needs_the_normal_mode():
    sheet = XlsxBook(streaming=True).sheet("S", [Column("A"), Column("B")])
    with pytest.raises(RuntimeError):
        sheet.merge(row=1, start_column=1, end_column=2)
