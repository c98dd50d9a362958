"""Documents the rule data cites (DOMAIN §1, §16), and the citations that differ by regime."""

from __future__ import annotations

from ..outcomes import Citation
from ..regimes import NEW98, NEW152

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

C, P, U = "confirmed", "partial", "unconfirmed"  # DOMAIN status tags: ✅ ⚠️ ❓


def cite(document: str, article: str | None = None, clause: str | None = None, point: str | None = None) -> Citation:
    """A citation: document, Điều (article), khoản (clause), điểm (point)."""
    return Citation(document, article, clause, point)


# "Không đang bị xem xét kỷ luật, điều tra" per regime of the 2022 law: NĐ 152 Điều 4.4 is confirmed; the
# NĐ 98 equivalent is not located (❓).
PENDING: dict[str, tuple[Citation, str]] = {
    NEW98.code: (cite(ND98), U),
    NEW152.code: (cite(ND152, "4", "4"), C),
}
