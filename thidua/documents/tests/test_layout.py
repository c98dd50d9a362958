"""The NĐ 30 texts, without a database."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from thidua.documents import layout


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2025, 9, 5), "ngày 05 tháng 9 năm 2025"),
        (dt.date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (dt.date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
        (dt.date(2026, 3, 1), "ngày 01 tháng 3 năm 2026"),
        (dt.date(2025, 10, 10), "ngày 10 tháng 10 năm 2025"),
        (dt.date(2025, 12, 9), "ngày 09 tháng 12 năm 2025"),
        (None, "ngày … tháng … năm …"),
    ],
)
def test_dates_pad_days_below_10_and_months_1_and_2(day, text):
    assert layout.date_text(day) == text


def test_place_and_date_line():
    assert layout.place_date("Bắc Ninh", dt.date(2025, 9, 5)) == "Bắc Ninh, ngày 05 tháng 9 năm 2025"


def test_a_missing_place_leaves_a_blank_to_fill_in():
    assert layout.place_date("", dt.date(2025, 9, 5)) == "……………, ngày 05 tháng 9 năm 2025"


@pytest.mark.parametrize(
    ("text", "upper"),
    [
        ("Trường THCS Nguyễn Trãi", "TRƯỜNG THCS NGUYỄN TRÃI"),
        ("ủy ban nhân dân xã đức thượng", "ỦY BAN NHÂN DÂN XÃ ĐỨC THƯỢNG"),
        ("lưỡng ỹ ậ ơ ư đ", "LƯỠNG Ỹ Ậ Ơ Ư Đ"),
    ],
)
def test_upper_keeps_the_vietnamese_letters(text, upper):
    assert layout.upper(text) == upper


def test_upper_returns_nfc_from_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")
    result = layout.upper(decomposed)
    assert result == "NGUYỄN THỊ ÁNH TUYẾT" and unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    ("number", "expected"),
    [(5, "Số: 05/KH-THCSNT"), (15, "Số: 15/KH-THCSNT"), ("7", "Số: 07/KH-THCSNT"), (123, "Số: 123/KH-THCSNT")],
)
def test_document_numbers_have_two_digits_below_10(number, expected):
    assert layout.number_line(number, "KH", "THCSNT") == expected


def test_a_number_not_given_yet_leaves_the_blank_before_the_symbol():
    assert layout.number_line(None, "QĐ", "SGDĐT") == "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/QĐ-SGDĐT"


def test_symbol_without_an_issuer_abbreviation():
    assert layout.symbol(3, "BB", "") == "03/BB"


def test_legal_bases_end_with_semicolons_and_a_full_stop():
    assert layout.legal_bases(["Căn cứ Luật Thi đua, khen thưởng;", "", "Căn cứ Nghị định số 152/2025/NĐ-CP."]) == [
        "Căn cứ Luật Thi đua, khen thưởng;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP.",
    ]


def test_recipients_end_with_the_archive():
    assert layout.Recipients(items=("Như Điều 3", "Phòng GD&ĐT")).lines == ["- Như Điều 3;", "- Phòng GD&ĐT;", "- Lưu: VT."]


def test_header_puts_the_issuing_body_in_upper_case():
    h = layout.header(parent="UBND xã Yên Phong", issuer="Trường THCS Yên Phong", place="Bắc Ninh", day=dt.date(2026, 1, 2))
    assert (h.parent, h.issuer, h.quoc_hieu, h.tieu_ngu) == (
        "UBND XÃ YÊN PHONG",
        "TRƯỜNG THCS YÊN PHONG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    )
    assert h.place_date == "Bắc Ninh, ngày 02 tháng 01 năm 2026"


def test_the_layout_module_imports_no_django():
    import subprocess
    import sys

    code = "import sys, thidua.documents.layout; sys.exit(1 if any(m.startswith('django') for m in sys.modules) else 0)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
