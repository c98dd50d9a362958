"""The council's secret ballot per title and regime (DOMAIN §8.3): the share of the council's total membership
that must vote in favour, absent members voting in writing counted.

- NĐ 98/2023 Điều 30 khoản 7 ✅: CSTĐCS, Cờ thi đua cấp Bộ/tỉnh, Cờ thi đua của Chính phủ ≥ 80 %; CSTĐ cấp
  Bộ/tỉnh, CSTĐ toàn quốc (and Anh hùng, not in the rule book) ≥ 90 %.
- NĐ 152/2025 (from 01/07/2025): DOMAIN believes the same thresholds are kept, article not seen (❓): applied,
  tagged unconfirmed, citing the decree without an article.
- Luật 2003 / NĐ 91/2017: DOMAIN gives no threshold (§4.2 "Vote: ❓", §4.3 "—"): no vote criterion.

A system admin changes a threshold here; the evaluator (``evaluators.council_vote``) never changes for that.
"""

from __future__ import annotations

from fractions import Fraction

from ..criteria import VOTE_KEY, CouncilVote, Criterion
from ..outcomes import Citation
from ..regimes import NEW98, NEW152, Regime
from ..wording import number
from .sources import ND98, ND152, C, U, cite

_80, _90 = Fraction(80, 100), Fraction(90, 100)
_BY_TITLE = {"CSTDCS": _80, "CO_BO_TINH": _80, "CO_CP": _80, "CSTD_BO_TINH": _90, "CSTDTQ": _90}
# (regime, title) -> (threshold, citation, DOMAIN tag)
THRESHOLDS: dict[tuple[str, str], tuple[Fraction, Citation, str]] = {
    **{(NEW98.code, code): (share, cite(ND98, "30", "7"), C) for code, share in _BY_TITLE.items()},
    **{(NEW152.code, code): (share, cite(ND152), U) for code, share in _BY_TITLE.items()},
}


def vote_criteria(regime: str, code: str) -> list[Criterion]:
    """The vote criterion of ``code`` under ``regime`` (none where no threshold is known)."""
    entry = THRESHOLDS.get((regime, code))
    if entry is None:
        return []
    threshold, citation, tag = entry
    return [
        Criterion(
            key=VOTE_KEY,
            label="Được từ {threshold:pct}% tổng số thành viên Hội đồng Thi đua – Khen thưởng đồng ý khi bỏ phiếu kín",
            params=CouncilVote(threshold=threshold),
            cite=citation,
            tag=tag,
            missing="kết quả bỏ phiếu kín của Hội đồng Thi đua – Khen thưởng",
        )
    ]


def vote_share(regime: Regime, code: str) -> str:
    """The threshold of ``code`` under ``regime`` as a number of per cent ("90"), for notes that quote it."""
    return number(THRESHOLDS[(regime.code, code)][0] * 100)


def vote_titles() -> tuple[str, ...]:
    """The individual titles whose rules ask for the council's vote in some regime, in the rule book's order."""
    from . import DEFAULT_BOOK  # the book is built from this module's data

    codes = {code for _regime, code in THRESHOLDS}
    return tuple(c for c in DEFAULT_BOOK.codes if c in codes and DEFAULT_BOOK.subject_of(c) == "individual")
