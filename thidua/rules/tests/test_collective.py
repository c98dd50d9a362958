"""Collective titles: exact shares at and around the thresholds, member discipline, a CSTĐCS member."""

from __future__ import annotations

import pytest

from thidua.rules.engine.facade import Engine
from thidua.rules.engine.facts import CollectiveFacts, MemberFacts

from .builders import ND98, ND152, OLD, collective, members, status_of, verdict


@pytest.mark.parametrize(
    ("day", "ldtt", "other", "expected"),
    [
        (ND152, 7, 3, "eligible"),  # exactly 70%
        (ND152, 69, 31, "not_eligible"),  # 69%: just under
        (ND152, 2, 1, "not_eligible"),  # 66.67%
        (ND152, 233, 100, "eligible"),  # 69.97%? no: 233/333 = 0.6997 → see next line
        (ND98, 7, 3, "eligible"),
        (OLD, 5, 5, "not_eligible"),  # exactly 50%: the old law needs more than half
        (OLD, 6, 5, "eligible"),
        (OLD, 51, 49, "eligible"),
    ],
)
def test_ttldtt_share(day, ldtt, other, expected):
    if (ldtt, other) == (233, 100):
        expected = "not_eligible"  # 233/333 < 7/10 even though 0.6997 rounds to 70%
    c = collective(members=members(ldtt, other), year=day.year - 1)
    assert verdict(c, "TTLDTT", day) == expected


def test_share_uses_exact_fractions_not_floats():
    # 7/10 of 10 members is exactly 7: floating point (0.7 * 10 = 7.000000000000001) must not refuse it.
    c = collective(members=members(7, 3), year=2024)
    assert status_of(c, "TTLDTT", "share", ND152) == "met"


@pytest.mark.parametrize(("form", "expected"), [("reprimand", "eligible"), ("warning", "not_eligible"), ("dismissal", "not_eligible")])
def test_ttldtt_member_discipline(form, expected):
    c = collective(members=members(8, 2, disciplines=(form,)), year=2024)
    assert verdict(c, "TTLDTT", ND152) == expected


def test_ttldxs_new_regime():
    ok = collective(members=members(8, 2, cstdcs=1), rating="excellent", year=2024)
    assert verdict(ok, "TTLDXS", ND152) == "eligible"
    no_cstdcs = collective(members=members(8, 2), rating="excellent", year=2024)
    assert verdict(no_cstdcs, "TTLDXS", ND152) == "not_eligible"
    one_incomplete = collective(
        members=[*members(8, 1, cstdcs=1), MemberFacts("z", frozenset(), "not_completed")], rating="excellent", year=2024
    )
    assert verdict(one_incomplete, "TTLDXS", ND152) == "not_eligible"


def test_ttldxs_member_discipline_differs_by_regime():
    ms = members(8, 2, cstdcs=1, disciplines=("warning",))
    new = collective(members=ms, rating="excellent", year=2024)
    old = collective(members=ms, rating="excellent", year=2022, confirmed={"outstanding_among_ttldtt": True})
    assert verdict(new, "TTLDXS", ND152) == "eligible"  # no member-discipline clause in Luật 2022 Điều 27 (restated)
    assert verdict(old, "TTLDXS", OLD) == "not_eligible"


def test_collective_without_member_list_is_undetermined():
    c = CollectiveFacts(id="c", members=None, confirmed={"emulation_regular": True, "solidarity_compliance": True})
    assert status_of(c, "TTLDTT", "share", ND152) == "unknown"


@pytest.mark.parametrize(("leader", "expected"), [(True, "eligible"), (False, "not_eligible"), (None, "undetermined")])
def test_co_thi_dua_uses_cluster_leadership_as_input_fact(leader, expected):
    c = collective(
        members=members(1, 0),
        cluster_leader=leader,
        movement_leader=False if leader is not None else None,
        confirmed={"exceeded_targets": True},
        year=2024,
    )
    assert verdict(c, "CO_BO_TINH", ND152) == expected


def test_collective_outcome_lists_every_criterion():
    outcome = Engine().evaluate(collective(members=members(7, 3), year=2024), "TTLDTT", year=2024, day=ND152)
    assert [c.key for c in outcome.criteria] == ["rating", "emulation", "share", "discipline", "solidarity", "registered"]
    assert all(c.citation.document and c.reason for c in outcome.criteria)
