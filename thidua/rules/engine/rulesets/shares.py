"""Shares checked over a whole unit in one school year, not per person (``units.unit_checks``).

The cap of a title over the unit's holders of another (CSTĐCS ≤ 15 % of LĐTT under NĐ 91/2017) is part of
that title's rule (``Rule.unit_cap``, in ``emulation``); the shares here concern ratings, not titles.
"""

from __future__ import annotations

from fractions import Fraction

from ..criteria import RatingShare
from .sources import ND233, P, cite

# NĐ 233/2026 Điều 12 ⚠️ (NĐ 90/2020 ❓): HTXSNV ≤ 20 % of those rated HTTNV or better, 25 % in a unit rated HTXS.
EXCELLENT_SHARE = RatingShare(
    key="excellent_share",
    rating="excellent",
    of="good",
    ratio=Fraction(20, 100),
    unit_ratio=Fraction(25, 100),
    cite=cite(ND233, "12"),
    label="Tỷ lệ HTXSNV không quá {ratio:pct}% số người HTTNV trở lên ({unit_ratio:pct}% nếu đơn vị HTXS)",
    warning="Vượt {ratio:pct}% thì xếp loại cần xem lại (hoặc đơn vị được xếp HTXS: {unit_ratio:pct}%).",
    tag=P,
)

UNIT_SHARES: tuple[RatingShare, ...] = (EXCELLENT_SHARE,)
