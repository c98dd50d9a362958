"""The arithmetic, without a database: thresholds on the total membership, exact, lower titles."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.councils.tally import FAILED, PASSED, PASSED_LOWER, VoteRule, quorum_met, resolve

P80 = VoteRule("CSTDCS", 4, 5, False, "NĐ 98/2023 Điều 30.7")
P90 = VoteRule("CSTD_BO_TINH", 9, 10, False, "NĐ 98/2023 Điều 30.7")
HALF = VoteRule("LDTT", 1, 2, True, "Quy chế")


@pytest.mark.parametrize(
    ("total", "agree", "lower", "rule", "outcome", "granted"),
    [
        (9, 8, [], P80, PASSED, "CSTDCS"),  # 8/9 ≥ 80 %
        (9, 7, [], P80, FAILED, ""),  # 7/9 = 77,8 %
        (10, 8, [], P80, PASSED, "CSTDCS"),  # exactly 80 %
        (10, 9, [], P90, PASSED, "CSTD_BO_TINH"),
        (11, 9, [], P90, FAILED, ""),  # 81,8 %
        (9, 5, [], HALF, PASSED, "LDTT"),
        (10, 5, [], HALF, FAILED, ""),  # a half is not a majority
        (9, 6, [(HALF, 2)], P80, PASSED_LOWER, "LDTT"),  # nominations.md §3 example
        (9, 2, [(HALF, 2)], P80, FAILED, ""),
    ],
)
def test_resolution(total, agree, lower, rule, outcome, granted):
    result = resolve(total=total, agree=agree, lower=lower, rule=rule)
    assert (result.outcome, result.granted_code) == (outcome, granted)


def test_the_fraction_is_exact():
    assert resolve(total=9, agree=8, lower=[], rule=P80).fraction == Fraction(8, 9)


def test_eighty_percent_of_those_present_is_not_eighty_percent_of_the_council():
    # 15 members, 10 present, 8 agree: 80 % of those present, 53 % of the council.
    assert resolve(total=15, agree=8, lower=[], rule=P80).outcome == FAILED
    assert resolve(total=15, agree=12, lower=[], rule=P80).outcome == PASSED


@given(total=st.integers(1, 60), agree=st.integers(0, 60), lower=st.integers(0, 60))
def test_one_more_agree_never_turns_a_pass_into_a_fail(total, agree, lower):
    agree, lower = min(agree, total), min(lower, total)
    if agree + lower >= total:
        return
    before = resolve(total=total, agree=agree, lower=[(HALF, lower)], rule=P80)
    after = resolve(total=total, agree=agree + 1, lower=[(HALF, lower)], rule=P80)
    rank = {FAILED: 0, PASSED_LOWER: 1, PASSED: 2}
    assert rank[after.outcome] >= rank[before.outcome]


def test_quorum_is_two_thirds_of_the_total():
    assert quorum_met(attending=6, total=9, num=2, den=3)
    assert not quorum_met(attending=5, total=9, num=2, den=3)


def test_needed_votes():
    assert P80.needed(9) == 8 and HALF.needed(9) == 5 and HALF.needed(10) == 6
