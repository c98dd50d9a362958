"""Unit-level caps: CSTĐCS ≤ 15% of LĐTT under the old regime, with a proposed (not decided) order."""

from __future__ import annotations

from thidua.rules.engine import Engine
from thidua.rules.units import propose_order, unit_checks

from .builders import OLD, init, person


def _unit(n_ldtt: int, n_cstdcs: int, scopes=None):
    people = []
    for i in range(n_ldtt):
        inits = (init(f"s{i}", (scopes or {}).get(i, "unit"), 2022),) if i < n_cstdcs else ()
        people.append(person(id=f"p{i:02d}", unit="U1", ratings={2022: "good"}, initiatives=inits))
    engine = Engine()
    outcomes = {p.id: {c: engine.evaluate(p, c, year=2022, day=OLD) for c in ("LDTT", "CSTDCS")} for p in people}
    return people, outcomes


def test_cap_is_exactly_fifteen_percent_rounded_down():
    people, outcomes = _unit(20, 3)  # 15% of 20 = 3
    check = unit_checks(people, outcomes, year=2022, regime="law2013")[0]["checks"][0]
    assert (check["cap"], check["eligible_count"], check["status"]) == (3, 3, "met")


def test_one_over_the_cap_gets_a_proposed_order_for_the_council():
    people, outcomes = _unit(20, 4, scopes={2: "province"})
    check = unit_checks(people, outcomes, year=2022, regime="law2013")[0]["checks"][0]
    assert check["status"] == "not_met"
    assert check["proposed_order"][0]["person"] == "p02"  # the provincial-scope initiative ranks first
    assert "Hội đồng" in check["note"]


def test_ties_across_the_cap_line_are_flagged():
    people, _ = _unit(4, 4)
    rows = propose_order(people, 2022, cap=1)
    assert all(r["tie_at_cap"] for r in rows)
    assert rows[0]["tied_with"]


def test_no_cap_under_the_2022_law():
    people, outcomes = _unit(20, 10)
    checks = unit_checks(people, outcomes, year=2022, regime="law2022_nd152")[0]["checks"]
    assert all(c["key"] != "cstdcs_cap" for c in checks)
