"""Vietnam's public holidays 2020–2027 as first loaded (data; a system admin edits them afterwards).

Bộ luật Lao động 2019, Điều 112: Tết Dương lịch (1 day), Tết Âm lịch (5 days), Giỗ Tổ Hùng Vương (10/3 âm
lịch), 30/4, 1/5, Quốc khánh (2/9 and the day before or after). A holiday on a weekend gives a day off in
lieu (*nghỉ bù*), and the yearly notice of the Ministry (LĐ-TB&XH until 2025, Nội vụ since) may bridge days
by swapping a Saturday (*làm bù*). Only the days that change a working week matter to the counting, but the
weekend holidays are listed too so the calendar page reads as the official notice does.

Rows for 2027 are ``proposed``: an admin confirms them once the year's notice is out (until then a deadline
reaching that year is flagged). The rows were checked against the PyPI ``holidays`` package's Vietnam calendar
(2020–2027); verify each year against its notice (DOMAIN has no holiday table).
"""

from __future__ import annotations

import datetime as dt

from .workdays import DAY_OFF, HOLIDAY, WORKING_DAY

CONFIRMED, PROPOSED = "confirmed", "proposed"

TET_DL = "Tết Dương lịch"
TET_AL = "Tết Nguyên đán"
GIO_TO = "Giỗ Tổ Hùng Vương (10/3 âm lịch)"
GIAI_PHONG = "Ngày Chiến thắng (30/4)"
QUOC_TE_LD = "Ngày Quốc tế Lao động (1/5)"
QUOC_KHANH = "Quốc khánh (2/9)"
QUOC_KHANH_EXTRA = "Quốc khánh (ngày nghỉ liền kề 2/9)"
VAN_HOA = "Ngày Văn hóa Việt Nam (24/11)"
BU = "Nghỉ bù"
LAM_BU = "Làm bù"


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _tet(first: str, last: str, name: str = TET_AL) -> list[tuple[str, str, str]]:
    """Every day from ``first`` to ``last`` (the notice's whole break, weekends included) as Tết."""
    start, end = _d(first), _d(last)
    return [((start + dt.timedelta(days=i)).isoformat(), HOLIDAY, name) for i in range((end - start).days + 1)]


# (date, kind, name[, status]) — status defaults to confirmed.
ROWS: list[tuple] = [
    # 2020
    ("2020-01-01", HOLIDAY, TET_DL),
    *_tet("2020-01-23", "2020-01-29"),
    ("2020-04-02", HOLIDAY, GIO_TO),
    ("2020-04-30", HOLIDAY, GIAI_PHONG),
    ("2020-05-01", HOLIDAY, QUOC_TE_LD),
    ("2020-09-02", HOLIDAY, QUOC_KHANH),
    ("2020-09-03", HOLIDAY, QUOC_KHANH_EXTRA),
    # 2021
    ("2021-01-01", HOLIDAY, TET_DL),
    *_tet("2021-02-10", "2021-02-16"),
    ("2021-04-21", HOLIDAY, GIO_TO),
    ("2021-04-30", HOLIDAY, GIAI_PHONG),
    ("2021-05-01", HOLIDAY, QUOC_TE_LD),
    ("2021-05-03", DAY_OFF, f"{BU} Ngày Quốc tế Lao động"),
    ("2021-09-02", HOLIDAY, QUOC_KHANH),
    ("2021-09-03", HOLIDAY, QUOC_KHANH_EXTRA),
    # 2022
    ("2022-01-01", HOLIDAY, TET_DL),
    ("2022-01-03", DAY_OFF, f"{BU} Tết Dương lịch"),
    *_tet("2022-01-29", "2022-02-06"),
    ("2022-04-10", HOLIDAY, GIO_TO),
    ("2022-04-11", DAY_OFF, f"{BU} Giỗ Tổ Hùng Vương"),
    ("2022-04-30", HOLIDAY, GIAI_PHONG),
    ("2022-05-01", HOLIDAY, QUOC_TE_LD),
    ("2022-05-02", DAY_OFF, f"{BU} Ngày Chiến thắng"),
    ("2022-05-03", DAY_OFF, f"{BU} Ngày Quốc tế Lao động"),
    ("2022-09-01", HOLIDAY, QUOC_KHANH_EXTRA),
    ("2022-09-02", HOLIDAY, QUOC_KHANH),
    # 2023
    ("2023-01-01", HOLIDAY, TET_DL),
    ("2023-01-02", DAY_OFF, f"{BU} Tết Dương lịch"),
    *_tet("2023-01-20", "2023-01-26"),
    ("2023-04-29", HOLIDAY, GIO_TO),
    ("2023-04-30", HOLIDAY, GIAI_PHONG),
    ("2023-05-01", HOLIDAY, QUOC_TE_LD),
    ("2023-05-02", DAY_OFF, f"{BU} Giỗ Tổ Hùng Vương"),
    ("2023-05-03", DAY_OFF, f"{BU} Ngày Chiến thắng (hoán đổi ngày làm việc)"),
    ("2023-05-06", WORKING_DAY, f"{LAM_BU} cho ngày 03/5"),
    ("2023-09-01", HOLIDAY, QUOC_KHANH_EXTRA),
    ("2023-09-02", HOLIDAY, QUOC_KHANH),
    ("2023-09-04", DAY_OFF, f"{BU} Quốc khánh"),
    # 2024
    ("2024-01-01", HOLIDAY, TET_DL),
    *_tet("2024-02-08", "2024-02-14"),
    ("2024-04-18", HOLIDAY, GIO_TO),
    ("2024-04-29", DAY_OFF, "Nghỉ hoán đổi ngày làm việc"),
    ("2024-04-30", HOLIDAY, GIAI_PHONG),
    ("2024-05-01", HOLIDAY, QUOC_TE_LD),
    ("2024-05-04", WORKING_DAY, f"{LAM_BU} cho ngày 29/4"),
    ("2024-09-02", HOLIDAY, QUOC_KHANH),
    ("2024-09-03", HOLIDAY, QUOC_KHANH_EXTRA),
    # 2025
    ("2025-01-01", HOLIDAY, TET_DL),
    *_tet("2025-01-25", "2025-02-02"),
    ("2025-04-07", HOLIDAY, GIO_TO),
    ("2025-04-26", WORKING_DAY, f"{LAM_BU} cho ngày 02/5"),
    ("2025-04-30", HOLIDAY, GIAI_PHONG),
    ("2025-05-01", HOLIDAY, QUOC_TE_LD),
    ("2025-05-02", DAY_OFF, "Nghỉ hoán đổi ngày làm việc"),
    ("2025-09-01", HOLIDAY, QUOC_KHANH_EXTRA),
    ("2025-09-02", HOLIDAY, QUOC_KHANH),
    # 2026
    ("2026-01-01", HOLIDAY, TET_DL),
    *_tet("2026-02-14", "2026-02-22"),
    ("2026-04-26", HOLIDAY, GIO_TO),
    ("2026-04-27", DAY_OFF, f"{BU} Giỗ Tổ Hùng Vương"),
    ("2026-04-30", HOLIDAY, GIAI_PHONG),
    ("2026-05-01", HOLIDAY, QUOC_TE_LD),
    ("2026-08-22", WORKING_DAY, f"{LAM_BU} cho ngày 31/8"),
    ("2026-08-31", DAY_OFF, "Nghỉ hoán đổi ngày làm việc"),
    ("2026-09-01", HOLIDAY, QUOC_KHANH_EXTRA),
    ("2026-09-02", HOLIDAY, QUOC_KHANH),
    ("2026-11-24", HOLIDAY, VAN_HOA),
    # 2027: the dates the law fixes; Tết's break awaits the year's notice.
    ("2027-01-01", HOLIDAY, TET_DL, PROPOSED),
    *[(*row, PROPOSED) for row in _tet("2027-02-04", "2027-02-10")],
    ("2027-04-16", HOLIDAY, GIO_TO, PROPOSED),
    ("2027-04-30", HOLIDAY, GIAI_PHONG, PROPOSED),
    ("2027-05-01", HOLIDAY, QUOC_TE_LD, PROPOSED),
    ("2027-05-03", DAY_OFF, f"{BU} Ngày Quốc tế Lao động", PROPOSED),
    ("2027-09-02", HOLIDAY, QUOC_KHANH, PROPOSED),
    ("2027-09-03", HOLIDAY, QUOC_KHANH_EXTRA, PROPOSED),
    ("2027-11-24", HOLIDAY, VAN_HOA, PROPOSED),
]

BASIS = "Bộ luật Lao động 2019, Điều 112; thông báo nghỉ lễ, tết hằng năm"


def rows() -> list[dict]:
    """The rows as field values for ``years.Holiday``."""
    out = []
    for row in ROWS:
        day, kind, name, *rest = row
        out.append({"date": _d(day), "kind": kind, "name": name, "basis": BASIS, "status": rest[0] if rest else CONFIRMED})
    return out


def load(holiday_model) -> int:
    """Create the rows not yet present (by date); returns how many were created. Used by the data migration."""
    have = set(holiday_model.objects.values_list("date", flat=True))
    new = [holiday_model(**values) for values in rows() if values["date"] not in have]
    holiday_model.objects.bulk_create(new)
    return len(new)
