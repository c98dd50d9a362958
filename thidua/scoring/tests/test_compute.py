"""Cluster scoring arithmetic: refused values, layers, caps, ties, bands capped by gates, leaders."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.scoring.compute import (
    BONUS,
    GATE,
    INFO,
    ORGANISER,
    PEER,
    PENALTY,
    SELF,
    Band,
    Criterion,
    ScoreError,
    Sheet,
    check_points,
    compute,
    effective,
    missing,
    peer_value,
    total,
)

SHEET = Sheet(
    criteria=(
        Criterion("I", kind=INFO),
        Criterion("I.1", max_points=D(10), step=D("0.5"), parent="I", evidence_required=True),
        Criterion("I.2", max_points=D(20), step=D(1), parent="I"),
        Criterion("II", max_points=D(5), kind=BONUS),
        Criterion("III", min_points=D(-10), kind=PENALTY),
        Criterion("IV", kind=GATE),
    ),
    bonus_cap=D(3),
    penalty_cap=D(4),
    decimals=1,
    bands=(Band("xuất sắc", D(28)), Band("tốt", D(20)), Band("khá", D(10)), Band("chưa đạt", D(0))),
    gate_cap="tốt",
    tie_breaks=("I.2",),
)


@pytest.mark.parametrize(
    ("code", "value", "error"),
    [
        ("I.1", D(12), "score_out_of_range"),
        ("I.1", D("2.3"), "score_off_step"),
        ("I.1", D(-1), "score_out_of_range"),
        ("III", D(1), "score_out_of_range"),
        ("IV", D(2), "gate_value"),
    ],
)
def test_values_a_criterion_cannot_take_are_refused_never_clamped(code, value, error):
    with pytest.raises(ScoreError) as raised:
        check_points(SHEET.criterion(code), value)
    assert raised.value.code == error
    assert raised.value.criterion == code


@pytest.mark.parametrize(("code", "value"), [("I.1", D("9.5")), ("I.1", D(0)), ("I.2", D(20)), ("III", D(-10)), ("IV", D(1))])
def test_values_on_the_step_and_inside_the_bounds_pass(code, value):
    assert check_points(SHEET.criterion(code), value) == value


def test_what_keeps_a_self_scoring_from_being_submitted():
    points = {"I.1": D(0), "I.2": None, "II": D(1), "III": D(0), "IV": D(1)}
    assert missing(SHEET, points) == {"unscored": ["I.2"], "evidence_required": ["I.1"]}
    points["I.2"] = D(5)
    assert missing(SHEET, points, evidence=["I.1"]) == {"unscored": [], "evidence_required": []}


def test_a_higher_layer_wins_without_erasing_the_lower_one():
    layers = {SELF: {"I.1": D(10), "I.2": D(18)}, PEER: {"I.1": D(8)}, ORGANISER: {"I.2": D(15)}}
    assert effective(layers) == {"I.1": (D(8), PEER), "I.2": (D(15), ORGANISER)}
    assert layers[SELF] == {"I.1": D(10), "I.2": D(18)}


def test_caps_and_one_rounding_on_the_total():
    t = total(SHEET, {"I.1": D("9.5"), "I.2": D(17), "II": D(5), "III": D(-6), "IV": D(1)})
    assert (t.score, t.bonus, t.penalty, t.total, t.gates_failed) == (D("26.5"), D(3), D(4), D("25.5"), ())
    rounded = Sheet(criteria=(Criterion("a", max_points=D(1)), Criterion("b", max_points=D(1))), decimals=1)
    assert total(rounded, {"a": D("0.25"), "b": D("0.5")}).total == D("0.8")  # 0.75 half up, once


def test_the_peer_layer_is_a_mean_trimmed_from_five_peers():
    assert peer_value([D(6), D(8)]) == D(7)
    assert peer_value([D(0), D(7), D(7), D(7), D(10)], trim=True) == D(7)
    assert peer_value([D(0), D(7), D(7), D(10)], trim=True) == D(6)


def _unit(i1, i2, gate=1, bonus=0):
    return {SELF: {"I.1": D(i1), "I.2": D(i2), "II": D(bonus), "III": D(0), "IV": D(gate)}}


def test_ties_share_a_rank_after_the_tie_breaks():
    result = compute(
        SHEET,
        {
            "A": _unit(10, 20),  # 30
            "B": _unit(8, 18),  # 26, I.2 = 18
            "C": _unit(10, 16),  # 26, I.2 = 16: the tie-break separates it from B
            "D": _unit(9, 17),  # 26, I.2 = 17
            "E": _unit(6, 20),  # 26, I.2 = 20
            "F": _unit(8, 18),  # 26, same as B on every count: they share
        },
    )
    ranks = {r.unit: (r.rank, r.tied) for r in result.ranked}
    assert ranks == {"A": (1, False), "E": (2, False), "B": (3, True), "F": (3, True), "D": (5, False), "C": (6, False)}
    assert [r.unit for r in result.ranked if r.leader] == ["A"]
    assert not result.leader_tie


def test_a_tie_for_the_lead_is_reported_and_nobody_leads_until_designated():
    result = compute(SHEET, {"A": _unit(10, 20), "B": _unit(10, 20), "C": _unit(5, 5)})
    assert result.leader_tie
    assert [r.rank for r in result.ranked] == [1, 1, 3]
    assert not any(r.leader for r in result.ranked)


def test_two_leaders_fill_the_quota_by_rank():
    sheet = Sheet(criteria=SHEET.criteria, leaders=2, bands=SHEET.bands)
    result = compute(sheet, {"A": _unit(10, 20), "B": _unit(9, 20), "C": _unit(9, 20)})
    assert [(r.unit, r.leader) for r in result.ranked] == [("A", True), ("B", False), ("C", False)]
    assert result.leader_tie


def test_a_failed_gate_caps_the_band_with_the_reason():
    result = compute(SHEET, {"A": _unit(10, 20, gate=0), "B": _unit(10, 20), "C": _unit(5, 10, gate=0)})
    by_unit = {r.unit: r for r in result.ranked}
    assert (by_unit["A"].band, by_unit["A"].band_capped, by_unit["A"].total.gates_failed) == ("tốt", True, ("IV",))
    assert (by_unit["B"].band, by_unit["B"].band_capped) == ("xuất sắc", False)
    assert (by_unit["C"].band, by_unit["C"].band_capped) == ("khá", False)  # below the cap already


def test_units_that_did_not_submit_are_listed_apart():
    result = compute(SHEET, {"A": _unit(1, 1)}, not_submitted=["Z", "Y"])
    assert [r.unit for r in result.ranked] == ["A"]
    assert result.not_submitted == ("Y", "Z")


def test_a_badly_built_sheet_is_refused():
    with pytest.raises(ValueError):
        Sheet(criteria=(Criterion("a"), Criterion("a")))
    with pytest.raises(ValueError):
        Sheet(criteria=(Criterion("a"),), tie_breaks=("b",))
    with pytest.raises(ValueError):
        Criterion("a", min_points=D(2), max_points=D(1))


@given(st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=40))
def test_ranks_are_competition_ranks(values):
    sheet = Sheet(criteria=(Criterion("x", max_points=D(20)),))
    result = compute(sheet, {f"u{i}": {SELF: {"x": D(v)}} for i, v in enumerate(values)})
    for r in result.ranked:
        better = sum(1 for v in values if D(v) > r.total.total)
        assert r.rank == better + 1
        assert r.tied == (values.count(int(r.total.total)) > 1)
    assert sum(r.leader for r in result.ranked) == (0 if result.leader_tie else 1)
