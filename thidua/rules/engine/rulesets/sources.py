"""Documents and regime periods the rule data cites (DOMAIN §1, §16)."""

from __future__ import annotations

import datetime as dt

from ..outcomes import Citation

L2003 = "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013)"
L2022 = "Luật Thi đua, khen thưởng 06/2022/QH15"
ND91 = "Nghị định 91/2017/NĐ-CP"
ND98 = "Nghị định 98/2023/NĐ-CP"
ND152 = "Nghị định 152/2025/NĐ-CP"
ND233 = "Nghị định 233/2026/NĐ-CP"
ND27 = "Nghị định 27/2015/NĐ-CP"
ND35 = "Nghị định 35/2024/NĐ-CP"
TT22 = "Thông tư 22/2018/TT-BGDĐT"
TT29 = "Thông tư 29/2023/TT-BGDĐT"
QD27 = "Quyết định 27/2005/QĐ-BGDĐT"
TT02 = "Thông tư 02/2011/TT-BNV"
BNV = "Bộ Nội vụ, trả lời về Luật 2022 Điều 74.1.d"

OLD = ("law2013", dt.date(2014, 6, 1), dt.date(2023, 12, 31))
NEW98 = ("law2022_nd98", dt.date(2024, 1, 1), dt.date(2025, 6, 30))
NEW152 = ("law2022_nd152", dt.date(2025, 7, 1), None)
NEW = (NEW98, NEW152)


def cite(document: str, article: str | None = None, clause: str | None = None, point: str | None = None) -> Citation:
    return Citation(document, article, clause, point)


def pending_cite(regime: str) -> tuple[Citation, str]:
    """NĐ 152 Điều 4.4 is confirmed; the NĐ 98 equivalent is not located (❓)."""
    if regime == "law2022_nd152":
        return cite(ND152, "4", "4"), "confirmed"
    return cite(ND98, None, None, None), "unconfirmed"
