"""Titles and forms by code: the name and abbreviation the catalogue stores and the rule book uses, and how
eligibility reasons name them. One table for the pure engine and the Django side (``awards.catalogue``).

``in_reasons``: how a reason or a "còn thiếu" text names the title when it is not the abbreviation
(``""``: the abbreviation); ``None`` for titles the rule book has no rule for (reasons then write the code).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Title:
    code: str
    name: str
    abbreviation: str
    in_reasons: str | None = ""

    @property
    def reason_label(self) -> str:
        return self.in_reasons or self.abbreviation


TITLES: tuple[Title, ...] = (
    Title(code="LDTT", name="Lao động tiên tiến", abbreviation="LĐTT"),
    Title(code="CSTDCS", name="Chiến sĩ thi đua cơ sở", abbreviation="CSTĐCS"),
    Title(code="CSTD_BO_TINH", name="Chiến sĩ thi đua cấp Bộ, ngành, tỉnh", abbreviation="CSTĐ cấp tỉnh"),
    Title(code="CSTDTQ", name="Chiến sĩ thi đua toàn quốc", abbreviation="CSTĐTQ"),
    Title(code="GK", name="Giấy khen", abbreviation="GK", in_reasons="Giấy khen"),
    Title(code="BK_BO_TINH", name="Bằng khen cấp Bộ, tỉnh", abbreviation="BK Bộ/tỉnh", in_reasons="Bằng khen cấp Bộ/tỉnh"),
    Title(code="BK_TTG", name="Bằng khen của Thủ tướng Chính phủ", abbreviation="BK TTg", in_reasons="Bằng khen Thủ tướng"),
    Title(code="KNC_GD", name="Kỷ niệm chương Vì sự nghiệp giáo dục", abbreviation="KNC", in_reasons="Kỷ niệm chương"),
    Title(code="HCLD3", name="Huân chương Lao động hạng Ba", abbreviation="HCLĐ hạng Ba"),
    Title(code="HCLD2", name="Huân chương Lao động hạng Nhì", abbreviation="HCLĐ hạng Nhì", in_reasons=None),
    Title(code="HCLD1", name="Huân chương Lao động hạng Nhất", abbreviation="HCLĐ hạng Nhất", in_reasons=None),
    Title(code="NGUT", name="Nhà giáo Ưu tú", abbreviation="NGƯT", in_reasons="Nhà giáo Ưu tú"),
    Title(code="NGND", name="Nhà giáo Nhân dân", abbreviation="NGND", in_reasons="Nhà giáo Nhân dân"),
    Title(code="AHLD", name="Anh hùng Lao động", abbreviation="AHLĐ", in_reasons=None),
    Title(code="TTLDTT", name="Tập thể lao động tiên tiến", abbreviation="TTLĐTT"),
    Title(code="TTLDXS", name="Tập thể lao động xuất sắc", abbreviation="TTLĐXS"),
    Title(code="CO_BO_TINH", name="Cờ thi đua cấp Bộ, tỉnh", abbreviation="Cờ thi đua", in_reasons="Cờ thi đua cấp Bộ/tỉnh"),
    Title(code="CO_DHQG", name="Cờ thi đua của Đại học Quốc gia", abbreviation="Cờ thi đua ĐHQG", in_reasons=None),
    Title(code="CO_CP", name="Cờ thi đua của Chính phủ", abbreviation="Cờ thi đua CP", in_reasons="Cờ thi đua của Chính phủ"),
    Title(code="GK_TT", name="Giấy khen (tập thể)", abbreviation="GK tập thể", in_reasons=None),
    Title(
        code="BK_BO_TINH_TT",
        name="Bằng khen cấp Bộ, tỉnh (tập thể)",
        abbreviation="BK Bộ/tỉnh tập thể",
        in_reasons="Bằng khen cấp Bộ/tỉnh (tập thể)",
    ),
    Title(code="BK_TTG_TT", name="Bằng khen của Thủ tướng Chính phủ (tập thể)", abbreviation="BK TTg tập thể", in_reasons=None),
    Title(code="AHLD_TT", name="Anh hùng Lao động (tập thể)", abbreviation="AHLĐ tập thể", in_reasons=None),
    Title(code="HCLD3_TT", name="Huân chương Lao động hạng Ba (tập thể)", abbreviation="HCLĐ hạng Ba tập thể", in_reasons=None),
    Title(code="HCLD2_TT", name="Huân chương Lao động hạng Nhì (tập thể)", abbreviation="HCLĐ hạng Nhì tập thể", in_reasons=None),
    Title(code="HCLD1_TT", name="Huân chương Lao động hạng Nhất (tập thể)", abbreviation="HCLĐ hạng Nhất tập thể", in_reasons=None),
)

BY_CODE: dict[str, Title] = {t.code: t for t in TITLES}
# How reasons name the titles the rule book has rules for (``evaluators.title_label``).
REASON_LABELS: dict[str, str] = {t.code: t.reason_label for t in TITLES if t.in_reasons is not None}


def name_of(code: str) -> str:
    return BY_CODE[code].name
