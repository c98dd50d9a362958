"""Reading the values of real-world spreadsheet cells: dates typed five ways, numbers typed as text.

Pure functions (no database). Each returns the parsed value or raises ``CellError`` with the Vietnamese
reason the report shows next to the row and column.
"""

from __future__ import annotations

import datetime as dt
import re

from thidua.core.vietnamese import clean_text, fold


class CellError(ValueError):
    """A cell that cannot be read; ``str(exc)`` is the Vietnamese reason."""


_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})")
_YMD = re.compile(r"(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})")
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2})?(\.\d+)?$")


def text(value: object) -> str:
    """Any cell as NFC text without stray spaces (numbers without a trailing ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return clean_text(str(value).replace("\u00a0", " "))


def date(value: object) -> dt.date | None:
    """A date from a date cell, an Excel serial number or text "1/9/2020", "01-09-2020", "2020-09-01"."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise CellError("ngày không hợp lệ")
    if isinstance(value, (int, float)):
        # Excel serials: 1 is 1900-01-01 (with Excel's phantom 29/02/1900, hence the 1899-12-30 epoch).
        if not 1 <= value < 2_958_466:
            raise CellError("ngày không hợp lệ")
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    raw = text(value)
    if not raw:
        return None
    raw = _TIME_SUFFIX.sub("", raw)
    try:
        if m := _YMD.fullmatch(raw):
            year, month, day = (int(g) for g in m.groups())
        elif m := _DMY.fullmatch(raw):
            day, month, year = (int(g) for g in m.groups())
            if year < 100:
                year += 2000 if year < 50 else 1900
        elif raw.isdigit() and 20_000 <= int(raw) <= 80_000:
            return _EXCEL_EPOCH + dt.timedelta(days=int(raw))
        else:
            raise CellError("ngày không hợp lệ")
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(f"ngày không hợp lệ (“{raw}”)") from None


def national_id(value: object) -> str:
    """Twelve ASCII digits; a number cell lost its leading zeros, so they are put back."""
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            raise CellError("số định danh cá nhân phải gồm đúng 12 chữ số")
        digits = str(int(value))
        if len(digits) <= 12:
            return digits.zfill(12)
    raw = text(value).replace(" ", "").replace(".", "")
    if not raw:
        return ""
    if not re.fullmatch(r"[0-9]{12}", raw):
        raise CellError("số định danh cá nhân phải gồm đúng 12 chữ số")
    return raw


def amount(value: object) -> int | None:
    """Đồng as an integer, from 760000, "760.000", "760,000" or "760 000 đ"."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0 or (isinstance(value, float) and not value.is_integer()):
            raise CellError("số tiền không hợp lệ")
        return int(value)
    raw = fold(text(value)).replace("vnd", "").replace("dong", "").replace("d", "")
    digits = re.sub(r"[\s.,]", "", raw)
    if not digits:
        return None
    if not digits.isdigit():
        raise CellError("số tiền không hợp lệ")
    return int(digits)


_YEAR = re.compile(r"(\d{4})\s*[-–—/]\s*(\d{4})")


def school_year_code(value: object) -> str:
    """Normalise "2023-2024", "2023 – 2024", "2023/2024" to "2023-2024"."""
    raw = text(value)
    if not raw:
        return ""
    m = _YEAR.fullmatch(raw)
    if not m or int(m.group(2)) != int(m.group(1)) + 1:
        raise CellError(f"năm học không hợp lệ (“{raw}”), cần dạng 2023-2024")
    return f"{m.group(1)}-{m.group(2)}"


def choice(value: object, options: dict[str, str], label: str) -> str:
    """Map folded spellings (labels, abbreviations, codes) to a stored code."""
    raw = text(value)
    if not raw:
        return ""
    key = re.sub(r"[^a-z0-9]+", " ", fold(raw)).strip()
    if key in options:
        return options[key]
    raise CellError(f"{label} “{raw}” không hợp lệ")


def options(pairs: dict[str, list[str]]) -> dict[str, str]:
    """``{code: [spellings]}`` -> ``{folded spelling: code}`` (the code itself is a spelling too)."""
    out: dict[str, str] = {}
    for code, spellings in pairs.items():
        for s in [code, *spellings]:
            out[re.sub(r"[^a-z0-9]+", " ", fold(s)).strip()] = code
    return out


GENDERS = options({"male": ["Nam"], "female": ["Nữ", "Nu"]})
STAFF_TYPES = options(
    {
        "manager": ["Cán bộ quản lý", "CBQL", "Quản lý"],
        "teacher": ["Giáo viên", "GV"],
        "staff": ["Nhân viên", "NV"],
        "worker": ["Người lao động", "NLĐ", "Lao động hợp đồng"],
    }
)
RATINGS = options(
    {
        "excellent": ["Hoàn thành xuất sắc nhiệm vụ", "HTXSNV", "HTXS", "Xuất sắc"],
        "good": ["Hoàn thành tốt nhiệm vụ", "HTTNV", "HTT", "Tốt"],
        "completed": ["Hoàn thành nhiệm vụ", "HTNV", "HT", "Hoàn thành"],
        "not_completed": ["Không hoàn thành nhiệm vụ", "KHTNV", "KHT", "Không hoàn thành"],
    }
)
AWARD_TYPES = options(
    {
        "annual": ["Thường xuyên", "Thường xuyên (công trạng)", "Công trạng", "Hằng năm", "Tổng kết năm học"],
        "campaign": ["Theo đợt", "Phong trào thi đua theo đợt", "Phong trào", "Đợt"],
        "thematic": ["Chuyên đề"],
        "ad_hoc": ["Đột xuất"],
        "career": ["Quá trình cống hiến", "Cống hiến"],
        "seniority": ["Theo niên hạn", "Niên hạn"],
    }
)
SCOPES = options(
    {
        "unit": ["Cơ sở", "Cấp cơ sở"],
        "province": ["Bộ, ngành, tỉnh", "Cấp tỉnh", "Tỉnh", "Cấp Bộ", "Bộ", "Ngành"],
        "national": ["Toàn quốc", "Cấp toàn quốc"],
    }
)
