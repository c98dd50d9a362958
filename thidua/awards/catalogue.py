"""The catalogue as data (DOMAIN §1, §4–7): regimes, titles and forms per regime, base salaries.

Loaded by migration 0003 and by tests that flush the database. Every entry carries its citation and the
DOMAIN status tag (confirmed ✅ / partial ⚠️ / unconfirmed ❓). A coefficient DOMAIN does not give is
``None``: the cash amount is then entered by hand until a system admin adds a confirmed version.

The regimes and the titles' names and abbreviations are the pure engine's tables (``rules.engine.regimes``,
``rules.engine.titles``), so the catalogue and the rule book cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from thidua.rules.engine.regimes import NEW, NEW98, NEW152, OLD
from thidua.rules.engine.regimes import REGIMES as _REGIMES
from thidua.rules.engine.titles import BY_CODE as _TITLES

D = dt.date
C, P, U = "confirmed", "partial", "unconfirmed"
_O, _N98, _N152 = OLD.code, NEW98.code, NEW152.code

# code, name, effective_from, effective_to, citation
REGIMES = [(r.code, r.name, r.effective_from, r.effective_to, r.citation) for r in _REGIMES]

# Per regime: (coefficient, coefficient citation, status, citation of criteria, note). Who may grant each
# entry is not stored here: ``authority.py`` holds that table (by unit kind, legal personality and date).
# Entry: code, name, abbreviation, aliases, subject, category, level, rank, {regime: (...)}
_I, _T = "individual", "collective"
_TITLE, _FORM = "title", "form"


def _e(code, aliases, subject, category, level, rank, per_regime):
    """An entry, its name and abbreviation from the titles table."""
    title = _TITLES[code]
    return (code, title.name, title.abbreviation, aliases, subject, category, level, rank, per_regime)


def _r(coef, coef_cite, status, cite, note=""):
    return {
        "coefficient": None if coef is None else Decimal(coef),
        "coefficient_citation": coef_cite,
        "status": status,
        "citation": cite,
        "status_note": note,
    }


ENTRIES = [
    _e(
        "LDTT",
        ["Lao dong tien tien", "LDTT"],
        _I,
        _TITLE,
        "unit",
        10,
        {
            _O: _r("0.3", "NĐ 91/2017", C, "Luật 2003 Điều 24; NĐ 91/2017 Điều 10"),
            _N98: _r("0.3", "NĐ 98/2023 Điều 54.1.d", C, "Luật 2022 Điều 24.1; Điều 80"),
            _N152: _r("0.3", "NĐ 152/2025 Điều 50.1.d", C, "Luật 2022 Điều 24.1; Điều 80; NĐ 129/2025 Điều 59"),
        },
    ),
    _e(
        "CSTDCS",
        ["Chien si thi dua co so", "CSTDCS"],
        _I,
        _TITLE,
        "unit",
        20,
        {
            _O: _r("1.0", "NĐ 91/2017", C, "NĐ 91/2017 Điều 9 khoản 3"),
            _N98: _r("1.0", "NĐ 98/2023 Điều 54.1.c", C, "Luật 2022 Điều 23"),
            _N152: _r("1.0", "NĐ 152/2025 Điều 50.1.c", C, "Luật 2022 Điều 23; NĐ 129/2025 Điều 59"),
        },
    ),
    _e(
        "CSTD_BO_TINH",
        ["CSTĐ cấp Bộ", "Chiến sĩ thi đua cấp tỉnh", "Chiến sĩ thi đua cấp Bộ", "CSTD cap tinh", "CSTD cap bo"],
        _I,
        _TITLE,
        "province_ministry",
        30,
        {
            _O: _r("3.0", "NĐ 91/2017", C, "Luật 2003 Điều 22"),
            _N98: _r("3.0", "NĐ 98/2023 Điều 54.1.b", C, "Luật 2022 Điều 22"),
            _N152: _r("3.0", "NĐ 152/2025 Điều 50.1.b", C, "Luật 2022 Điều 22"),
        },
    ),
    _e(
        "CSTDTQ",
        ["Chien si thi dua toan quoc"],
        _I,
        _TITLE,
        "national",
        40,
        {
            _O: _r("4.5", "NĐ 91/2017", C, "Luật 2003 Điều 21"),
            _N98: _r("4.5", "NĐ 98/2023 Điều 54.1.a", C, "Luật 2022 Điều 21"),
            _N152: _r("4.5", "NĐ 152/2025 Điều 50.1.a", C, "Luật 2022 Điều 21"),
        },
    ),
    _e(
        "GK",
        ["Giay khen"],
        _I,
        _FORM,
        "unit",
        15,
        {
            _O: _r("0.3", "NĐ 91/2017", C, "Luật 2003 Điều 75"),
            _N98: _r(None, "", U, "Luật 2022 Điều 75; TT 29/2023 Điều 11", "Mức tiền cá nhân theo NĐ 98 chưa xác nhận"),
            _N152: _r(None, "", U, "Luật 2022 Điều 75; TT 29/2023 Điều 11", "Mức tiền cá nhân theo NĐ 152 chưa xác nhận"),
        },
    ),
    _e(
        "BK_BO_TINH",
        [
            "Bằng khen của Bộ trưởng",
            "Bằng khen Bộ trưởng Bộ GD&ĐT",
            "Bằng khen UBND tỉnh",
            "Bằng khen Chủ tịch UBND tỉnh",
            "Bang khen tinh",
        ],
        _I,
        _FORM,
        "province_ministry",
        25,
        {
            _O: _r("1.0", "NĐ 91/2017", P, "NĐ 91/2017 Điều 39", "Tiêu chuẩn chế độ cũ chưa xác nhận"),
            _N98: _r(None, "", U, "Luật 2022 Điều 74.1; TT 29/2023 Điều 9", "Mức tiền cá nhân theo NĐ 98 chưa xác nhận"),
            _N152: _r(None, "", U, "Luật 2022 Điều 74.1; TT 29/2023 Điều 9", "Mức tiền cá nhân theo NĐ 152 chưa xác nhận (có thể 1,5)"),
        },
    ),
    _e(
        "BK_TTG",
        ["Bằng khen Thủ tướng", "BKTTg", "Bang khen Thu tuong"],
        _I,
        _FORM,
        "national",
        35,
        {
            _O: _r("3.5", "NĐ 91/2017", C, "NĐ 91/2017 Điều 38.1.c"),
            _N98: _r("3.5", "NĐ 98/2023", P, "Luật 2022 Điều 73.1.b"),
            _N152: _r("3.5", "NĐ 152/2025 (≈8,19 triệu ở mức 2,34 triệu)", P, "Luật 2022 Điều 73.1.b; NĐ 152/2025 Điều 42"),
        },
    ),
    _e(
        "KNC_GD",
        ["Ky niem chuong", "Kỷ niệm chương"],
        _I,
        _FORM,
        "province_ministry",
        12,
        {
            _O: _r(None, "", P, "TT 22/2018/TT-BGDĐT"),
            _N98: _r(None, "NĐ 98/2023 Điều 58.1.d (không quá 0,6)", P, "TT 29/2023/TT-BGDĐT Điều 8", "Mức do Bộ quy định, không quá 0,6"),
            _N152: _r(None, "", U, "TT 29/2023/TT-BGDĐT Điều 8", "Mức tiền theo NĐ 152 chưa xác nhận"),
        },
    ),
    _e(
        "HCLD3",
        ["Huan chuong lao dong hang Ba"],
        _I,
        _FORM,
        "national",
        50,
        {
            _O: _r("4.5", "", U, "Luật 2003 Điều 46", "Mức tiền cá nhân chưa xác nhận"),
            **{r.code: _r("4.5", "", U, "Luật 2022 Điều 44", "Mức tiền cá nhân chưa xác nhận") for r in NEW},
        },
    ),
    _e(
        "HCLD2",
        ["Huan chuong lao dong hang Nhi"],
        _I,
        _FORM,
        "national",
        55,
        {
            _O: _r("7.5", "", U, "Luật 2003 (sửa đổi 2013)", "Tiêu chuẩn và mức tiền chưa xác nhận"),
            **{r.code: _r("7.5", "", U, "Luật 2022 Điều 43", "Tiêu chuẩn và mức tiền chưa xác nhận") for r in NEW},
        },
    ),
    _e(
        "HCLD1",
        ["Huan chuong lao dong hang Nhat"],
        _I,
        _FORM,
        "national",
        60,
        {
            _O: _r("9.0", "", U, "Luật 2003 (sửa đổi 2013)", "Tiêu chuẩn và mức tiền chưa xác nhận"),
            **{r.code: _r("9.0", "", U, "Luật 2022 Điều 42", "Tiêu chuẩn và mức tiền chưa xác nhận") for r in NEW},
        },
    ),
    _e(
        "NGUT",
        ["Nha giao uu tu"],
        _I,
        _FORM,
        "national",
        70,
        {
            _O: _r("9.0", "NĐ 91/2017", C, "Luật 2003; NĐ 27/2015"),
            _N98: _r("9.0", "NĐ 98/2023 Điều 56.3", C, "Luật 2022 Điều 64.3; NĐ 35/2024"),
            _N152: _r("9.0", "", U, "Luật 2022 Điều 64.3; NĐ 35/2024", "Giả định không đổi theo NĐ 152"),
        },
    ),
    _e(
        "NGND",
        ["Nha giao nhan dan"],
        _I,
        _FORM,
        "national",
        80,
        {
            _O: _r("12.5", "NĐ 91/2017", C, "Luật 2003; NĐ 27/2015"),
            _N98: _r("12.5", "NĐ 98/2023 Điều 56.3", C, "Luật 2022 Điều 64.2; NĐ 35/2024"),
            _N152: _r("12.5", "", U, "Luật 2022 Điều 64.2; NĐ 35/2024", "Giả định không đổi theo NĐ 152"),
        },
    ),
    _e(
        "AHLD",
        ["Anh hung lao dong"],
        _I,
        _FORM,
        "national",
        90,
        {
            _O: _r("15.5", "NĐ 91/2017", C, "Luật 2003 (sửa đổi 2013)"),
            _N98: _r("15.5", "NĐ 98/2023 Điều 56", C, "Luật 2022 Điều 59"),
            _N152: _r("15.5", "", U, "Luật 2022 Điều 59", "Mức tiền cá nhân theo NĐ 152 chưa xác nhận (giả định không đổi)"),
        },
    ),
    # Collectives
    _e(
        "TTLDTT",
        ["Tap the lao dong tien tien", "TTLDTT"],
        _T,
        _TITLE,
        "unit",
        10,
        {
            _O: _r("0.8", "NĐ 91/2017", C, "Luật 2003 Điều 28"),
            _N98: _r("0.8", "NĐ 98/2023 Điều 54", P, "Luật 2022 Điều 28", "Số điều suy ra từ thứ tự của Luật"),
            _N152: _r("0.8", "NĐ 152/2025 Điều 50", P, "Luật 2022 Điều 28", "Số điều suy ra từ thứ tự của Luật"),
        },
    ),
    _e(
        "TTLDXS",
        ["Tap the lao dong xuat sac", "TTLDXS"],
        _T,
        _TITLE,
        "province_ministry",
        20,
        {
            _O: _r("1.5", "NĐ 91/2017", C, "Luật 2003 Điều 27"),
            _N98: _r("1.5", "NĐ 98/2023 Điều 54", P, "Luật 2022 Điều 27", "Nội dung điều luật mới thấy qua văn bản địa phương"),
            _N152: _r("1.5", "NĐ 152/2025 Điều 50", P, "Luật 2022 Điều 27", "Nội dung điều luật mới thấy qua văn bản địa phương"),
        },
    ),
    _e(
        "CO_BO_TINH",
        ["Cờ thi đua của Bộ GD&ĐT", "Cờ thi đua UBND tỉnh", "Co thi dua"],
        _T,
        _TITLE,
        "province_ministry",
        30,
        {
            _O: _r("8.0", "NĐ 91/2017", C, "Luật 2003 Điều 26"),
            _N98: _r("8.0", "NĐ 98/2023", P, "Luật 2022 Điều 26", "Nội dung tiêu chuẩn thấy qua văn bản địa phương"),
            _N152: _r("8.0", "NĐ 152/2025 Điều 50", P, "Luật 2022 Điều 26", "Nội dung tiêu chuẩn thấy qua văn bản địa phương"),
        },
    ),
    _e(
        "CO_DHQG",
        ["Co thi dua DHQG", "Cờ thi đua Đại học Quốc gia"],
        _T,
        _TITLE,
        "province_ministry",
        30,
        {_N152: _r("6.0", "NĐ 152/2025 Điều 50", C, "Luật 2022 Điều 26; NĐ 152/2025 Điều 50")},
    ),
    _e(
        "CO_CP",
        ["Co thi dua Chinh phu"],
        _T,
        _TITLE,
        "national",
        40,
        {
            _O: _r("12.0", "NĐ 91/2017", C, "Luật 2003 Điều 25"),
            _N98: _r("12.0", "NĐ 98/2023", C, "Luật 2022 Điều 25"),
            _N152: _r("12.0", "NĐ 152/2025 Điều 50", C, "Luật 2022 Điều 25"),
        },
    ),
    _e(
        "GK_TT",
        ["Giấy khen tập thể"],
        _T,
        _FORM,
        "unit",
        15,
        {
            _O: _r("0.6", "NĐ 91/2017", C, "Luật 2003 Điều 75"),
            _N98: _r(None, "", U, "Luật 2022 Điều 75", "Mức tiền theo NĐ 98 chưa xác nhận"),
            _N152: _r("0.6", "NĐ 152/2025 Điều 54", C, "Luật 2022 Điều 75"),
        },
    ),
    _e(
        "BK_BO_TINH_TT",
        ["Bằng khen tập thể"],
        _T,
        _FORM,
        "province_ministry",
        25,
        {
            _O: _r("2.0", "NĐ 91/2017", C, "Luật 2003"),
            _N98: _r(None, "", U, "Luật 2022 Điều 74", "Mức tiền theo NĐ 98 chưa xác nhận"),
            _N152: _r("3.0", "NĐ 152/2025 Điều 54", C, "Luật 2022 Điều 74"),
        },
    ),
    _e(
        "BK_TTG_TT",
        ["Bằng khen Thủ tướng tập thể"],
        _T,
        _FORM,
        "national",
        35,
        {
            _O: _r("7.0", "NĐ 91/2017", C, "NĐ 91/2017 Điều 38"),
            _N98: _r(None, "", U, "Luật 2022 Điều 73", "Mức tiền theo NĐ 98 chưa xác nhận"),
            _N152: _r("7.0", "NĐ 152/2025 Điều 54", C, "Luật 2022 Điều 73"),
        },
    ),
    _e(
        "AHLD_TT",
        ["Anh hung lao dong tap the"],
        _T,
        _FORM,
        "national",
        90,
        {
            _O: _r("31", "NĐ 91/2017", C, "Luật 2003 (sửa đổi 2013)"),
            _N98: _r("31", "NĐ 98/2023 Điều 56", C, "Luật 2022 Điều 59"),
            _N152: _r("31", "NĐ 152/2025 Điều 52", C, "Luật 2022 Điều 59"),
        },
    ),
    *[
        _e(
            f"HCLD{n}_TT",
            [],
            _T,
            _FORM,
            "national",
            rank,
            {
                _O: _r(coef, "", U, "Luật 2003", "Mức tiền chưa xác nhận"),
                _N98: _r(coef, "", U, "Luật 2022", "Mức tiền chưa xác nhận"),
                _N152: _r(coef, "NĐ 152/2025 Điều 51", C, "Luật 2022"),
            },
        )
        for n, rank, coef in ((3, 50, "9"), (2, 55, "15"), (1, 60, "18"))
    ],
]

# amount (đồng), effective from, citation, status
BASE_SALARIES = [
    (1_210_000, D(2016, 5, 1), "NĐ 47/2016/NĐ-CP", U),
    (1_300_000, D(2017, 7, 1), "NĐ 47/2017/NĐ-CP", U),
    (1_390_000, D(2018, 7, 1), "NĐ 72/2018/NĐ-CP", U),
    (1_490_000, D(2019, 7, 1), "NĐ 38/2019/NĐ-CP", U),
    (1_800_000, D(2023, 7, 1), "NĐ 24/2023/NĐ-CP", C),
    (2_340_000, D(2024, 7, 1), "NĐ 73/2024/NĐ-CP", C),
    (2_530_000, D(2026, 7, 1), "NĐ 161/2026/NĐ-CP", P),
]


# Corrections of rows seeded by migration 0003 (applied by 0004 to the unused version 1 only; a used
# entry would need a new version through ``award_kind_revise``): (code, regime, field, wrong, right).
CORRECTIONS = [
    ("TTLDTT", _N98, "status", C, P),  # criteria article number inferred (DOMAIN §5 ⚠️)
    ("TTLDTT", _N152, "status", C, P),
    ("CO_BO_TINH", _N98, "status", C, P),  # criteria seen only in a provincial restatement (DOMAIN §5 ⚠️)
    ("CO_BO_TINH", _N152, "status", C, P),
    ("BK_BO_TINH", _O, "status", C, P),  # old-regime criterion unconfirmed (DOMAIN §6.2 ❓), amount ✅
    ("HCLD2", _O, "citation", "Luật 2022 Điều 43", "Luật 2003 (sửa đổi 2013)"),
    ("HCLD1", _O, "citation", "Luật 2022 Điều 42", "Luật 2003 (sửa đổi 2013)"),
]


def correct(kind_model, award_model) -> None:
    for code, regime, field, wrong, right in CORRECTIONS:
        rows = kind_model.objects.filter(code=code, regime__code=regime, version=1, **{field: wrong})
        rows.exclude(pk__in=award_model.objects.values("kind")).update(**{field: right})


def load(regime_model, kind_model, salary_model) -> None:
    """Create the missing reference rows (idempotent; never edits existing rows).

    Three queries when everything is there (every test's personas call this after a flush may have
    emptied the tables); a missing row is created one by one as before.
    """
    regimes = {r.code: r for r in regime_model.objects.all()}
    for code, name, start, end, cite in REGIMES:
        if code not in regimes:
            regimes[code], _ = regime_model.objects.get_or_create(
                code=code, defaults={"name": name, "effective_from": start, "effective_to": end, "citation": cite}
            )
    present = set(kind_model.objects.filter(version=1).values_list("code", "regime__code"))
    for code, name, abbr, aliases, subject, category, level, rank, per_regime in ENTRIES:
        for regime_code, data in per_regime.items():
            if (code, regime_code) in present:
                continue
            regime = regimes[regime_code]
            kind_model.objects.get_or_create(
                code=code,
                regime=regime,
                version=1,
                defaults={
                    "name": name,
                    "abbreviation": abbr,
                    "aliases": aliases,
                    "subject": subject,
                    "category": category,
                    "level": level,
                    "rank": rank,
                    "valid_from": regime.effective_from,
                    "valid_to": regime.effective_to,
                    **data,
                },
            )
    salaries = set(salary_model.objects.values_list("effective_from", flat=True))
    for amount, start, cite, status in BASE_SALARIES:
        if start not in salaries:
            salary_model.objects.get_or_create(effective_from=start, defaults={"amount": amount, "citation": cite, "status": status})
