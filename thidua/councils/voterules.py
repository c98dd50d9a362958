"""Which share of the council must agree, per title and regime: data, read from the rule book's thresholds
(``rules.engine.rulesets.votes.THRESHOLDS``: ≥ 90 % for CSTĐ cấp Bộ/tỉnh and CSTĐ toàn quốc, ≥ 80 % for CSTĐCS and
the Cờ thi đua, NĐ 98/2023 Điều 30.7) so that the council and the engine agree; every other title needs a
majority of the total membership (the council's own rules, DOMAIN §8.3 ❓). A system admin adjusts a threshold
in ``votes.THRESHOLDS`` or ``MAJORITY`` here; items snapshot the rule when they are added.
"""

from __future__ import annotations

import datetime as dt

from thidua.rules.engine.regimes import regime_on
from thidua.rules.engine.rulesets import LADDERS
from thidua.rules.engine.rulesets.votes import THRESHOLDS

from .tally import VoteRule

MAJORITY = (1, 2, True, "Quy chế hoạt động của Hội đồng Thi đua – Khen thưởng (quá bán tổng số thành viên)")


def vote_rule(code: str, day: dt.date) -> VoteRule:
    regime = regime_on(day)
    entry = THRESHOLDS.get((regime.code, code)) if regime else None
    if entry is None:
        num, den, strict, cite = MAJORITY
        return VoteRule(code, num, den, strict, cite)
    share, citation, _tag = entry
    return VoteRule(code, share.numerator, share.denominator, False, str(citation))


def lower_titles(code: str) -> tuple[str, ...]:
    """The rungs below ``code`` on its ladder, highest first (CSTĐ tỉnh → CSTĐCS, LĐTT)."""
    for ladder in LADDERS:
        if code in ladder:
            return tuple(reversed(ladder[: ladder.index(code)]))
    return ()
