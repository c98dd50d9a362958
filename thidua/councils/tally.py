"""The council's arithmetic, pure and exact (integers only; nominations.md §3).

"At least n/d of the total" passes when ``votes × d ≥ n × total``; "more than n/d" when ``votes × d > n × total``
(9 members: 80 % → 8 votes, majority → 5). The total is the council's whole voting membership on the session
day, never those present. The proposed title passes on its ``agree`` votes; otherwise the first lower title
(highest first) passes whose support — the votes for it, for every lower option above it and ``agree`` — meets
its own threshold; otherwise the item fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

PASSED, PASSED_LOWER, FAILED = "passed", "passed_lower", "failed"


@dataclass(frozen=True)
class VoteRule:
    code: str
    num: int
    den: int
    strict: bool  # "more than" (a majority) rather than "at least"
    cite: str

    def met(self, votes: int, total: int) -> bool:
        return votes * self.den > self.num * total if self.strict else votes * self.den >= self.num * total

    def needed(self, total: int) -> int:
        """The fewest votes that pass with ``total`` members."""
        return next(v for v in range(total + 2) if self.met(v, total) or v > total)

    def as_dict(self) -> dict:
        return {"code": self.code, "num": self.num, "den": self.den, "strict": self.strict, "cite": self.cite}

    @classmethod
    def of(cls, data: dict) -> VoteRule:
        return cls(data["code"], data["num"], data["den"], data["strict"], data["cite"])


@dataclass(frozen=True)
class Result:
    outcome: str
    granted_code: str
    support: int  # the votes counted for the granted title (for the proposed one when failed)
    fraction: Fraction
    rule: VoteRule


def resolve(*, total: int, agree: int, lower: list[tuple[VoteRule, int]], rule: VoteRule) -> Result:
    """``lower``: (rule of the lower title, votes for it), highest title first."""
    if total < 1:
        raise ValueError("a council has at least one voting member")
    if rule.met(agree, total):
        return Result(PASSED, rule.code, agree, Fraction(agree, total), rule)
    support = agree
    for lower_rule, votes in lower:
        support += votes
        if lower_rule.met(support, total):
            return Result(PASSED_LOWER, lower_rule.code, support, Fraction(support, total), lower_rule)
    return Result(FAILED, "", agree, Fraction(agree, total), rule)


def quorum_met(*, attending: int, total: int, num: int, den: int) -> bool:
    return total > 0 and attending * den >= num * total


def percent(fraction: Fraction) -> str:
    """ "88,9" (one decimal, Vietnamese comma), for display only: the stored result is the fraction."""
    tenths = round(fraction * 1000)
    return f"{tenths // 10},{tenths % 10}"
