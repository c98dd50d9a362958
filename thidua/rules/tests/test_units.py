"""Unit-level caps: CSTĐCS ≤ 15 % of LĐTT under the old regime (issue 8 item 2), with a proposed order."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.rules.engine.criteria import Policy
from thidua.rules.engine.facade import Engine
from thidua.rules.engine.facts import AwardHeld, UnitFacts
from thidua.rules.engine.jsonio import Document, InvalidDocument, evaluate_facts, parse_document
from thidua.rules.engine.rulesets import DEFAULT_BOOK, RuleBook
from thidua.rules.engine.serialize import person_to_json
from thidua.rules.engine.units import propose_order, unit_checks

from .builders import ND98, ND152, OLD, init, person


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


# -- issue 8.2: decided titles fill the cap first; with the unit's context the cap decides ------------------
def _school(candidates: list[str], *, holders: int = 0, others: int = 16):
    """``others`` LĐTT without initiatives, ``holders`` already decided CSTĐCS for 2022-2023, and candidates
    with an initiative of the given scope (equal scopes: tied on every key)."""
    people = [person(id=f"o{i:02d}", name=f"Người {i}", unit="U1", ratings={2022: "good"}) for i in range(others)]
    for i in range(holders):
        people.append(
            person(
                id=f"h{i}",
                name=f"Đã tặng {i}",
                unit="U1",
                ratings={2022: "good"},
                initiatives=(init(f"hs{i}", "unit", 2022),),
                awards=(AwardHeld("CSTDCS", 2022, decision_date=dt.date(2023, 6, 1)),),
            )
        )
    for i, scope in enumerate(candidates):
        people.append(
            person(id=f"c{i}", name=f"Ứng viên {i}", unit="U1", ratings={2022: "good"}, initiatives=(init(f"cs{i}", scope, 2022),))
        )
    return people


def _evaluate(people, units=None, *, book=DEFAULT_BOOK, day=OLD):
    doc = Document(day, 2022 if day == OLD else day.year - 1, book.codes, Policy(), tuple(people), (), {}, (), tuple(units or ()))
    result = evaluate_facts(doc, book=book)
    by_person = {p["id"]: {o["code"]: o for o in p["outcomes"]} for p in result["persons"]}
    return result, by_person


def _cap_criterion(outcome):
    return next((c for c in outcome["criteria"] if c["key"] == "unit_cap"), None)


def test_without_the_unit_context_the_cap_stays_advisory():
    people = _school(["unit"] * 5)  # 21 LĐTT: at most 3 CSTĐCS, 5 candidates
    result, by_person = _evaluate(people)
    assert all(by_person[f"c{i}"]["CSTDCS"]["verdict"] == "eligible" for i in range(5))
    assert all(_cap_criterion(by_person[f"c{i}"]["CSTDCS"]) is None for i in range(5))
    check = result["units"][0]["checks"][0]
    assert (check["cap"], check["status"], check["unit_context"]) == (3, "not_met", False)
    assert "tham khảo" in check["reason"]


def test_decided_titles_fill_the_cap_first_and_are_never_pushed_out():
    people = _school(["province", "province", "unit"], holders=2, others=15)  # 20 LĐTT: 3 places, 2 already decided
    result, _by_person = _evaluate(people)
    check = result["units"][0]["checks"][0]
    assert (check["cap"], check["decided_count"], check["eligible_count"], check["status"]) == (3, 2, 3, "not_met")
    order = check["proposed_order"]
    # The holders come first and stay within, whatever the candidates' initiatives (provincial ones rank higher).
    assert [(r["person"], r["decided"], r["within_cap"]) for r in order[:2]] == [("h0", True, True), ("h1", True, True)]
    assert [r["within_cap"] for r in order[2:]] == [True, False, False]  # one place left, two tied for it
    assert order[2]["tie_at_cap"] and order[3]["tie_at_cap"]


@pytest.mark.parametrize(
    ("ldtt", "decided", "candidates", "expected"),
    [
        # 20 LĐTT → 3 places, 1 decided (not in the document): 2 left for the 3 candidates ranked by scope.
        (20, 1, ["national", "province", "unit"], ["eligible", "eligible", "not_eligible"]),
        (20, 0, ["national", "province", "unit"], ["eligible", "eligible", "eligible"]),
        (20, 3, ["national", "province", "unit"], ["not_eligible", "not_eligible", "not_eligible"]),
        # A tie at the last place: the council decides; a tie inside the cap needs nothing.
        (20, 1, ["national", "unit", "unit"], ["eligible", "undetermined", "undetermined"]),
        (20, 0, ["national", "unit", "unit"], ["eligible", "eligible", "eligible"]),
        # Fewer than 7 LĐTT: ⌊15 % × 6⌋ = 0 places; 7 give one.
        (6, 0, ["province", "unit"], ["not_eligible", "not_eligible"]),
        (7, 0, ["province", "unit"], ["eligible", "not_eligible"]),
    ],
)
def test_with_the_unit_context_the_cap_decides(ldtt, decided, candidates, expected):
    people = _school(candidates, others=1)
    _result, by_person = _evaluate(people, [UnitFacts("U1", ldtt, decided)])
    assert [by_person[f"c{i}"]["CSTDCS"]["verdict"] for i in range(len(candidates))] == expected
    for i, verdict in enumerate(expected):
        cap = _cap_criterion(by_person[f"c{i}"]["CSTDCS"])
        assert cap["citation"]["text"] == "Nghị định 91/2017/NĐ-CP, Điều 9, khoản 3"
        assert "làm tròn xuống ❓" in cap["reason"] and "dưới 7 LĐTT không có suất CSTĐCS nào" in cap["reason"]
        if verdict == "not_eligible":
            assert cap["reason"].startswith("Không đủ điều kiện: vượt tỉ lệ 15 %")
        elif verdict == "undetermined":
            assert cap["reason"].startswith("Cần hội đồng quyết định")


def test_the_count_of_ldtt_is_at_least_those_the_document_shows():
    people = _school(["unit", "unit"], others=18)  # 20 LĐTT in the document, the context says fewer
    result, by_person = _evaluate(people, [UnitFacts("U1", 5, 0)])
    assert result["units"][0]["checks"][0]["ldtt_count"] == 20
    assert {by_person[f"c{i}"]["CSTDCS"]["verdict"] for i in range(2)} == {"eligible"}


def test_a_candidate_behind_someone_not_yet_determined_is_not_called_eligible():
    people = _school(["province", "unit"], others=5)  # 7 LĐTT → 1 place
    people[-2] = replace(people[-2], confirmed={})  # the provincial one: qualities not confirmed yet
    _result, by_person = _evaluate(people, [UnitFacts("U1", 7, 0)])
    assert by_person["c0"]["CSTDCS"]["verdict"] == "undetermined"
    assert by_person["c1"]["CSTDCS"]["verdict"] == "undetermined"
    assert _cap_criterion(by_person["c1"]["CSTDCS"])["status"] == "unknown"


def test_a_title_beyond_the_cap_breaks_what_builds_on_it():
    """CSTĐ cấp tỉnh counts this year's CSTĐCS "đang xét cùng đợt": beyond the cap, it cannot."""
    star = person(
        id="star",
        name="Ứng viên tỉnh",
        titles={"CSTDCS": [2020, 2021]},
        unit="U1",
        ratings={2022: "excellent"},
        initiatives=(init("tinh", "province", 2022),),
    )
    others = [person(id=f"o{i}", unit="U1", ratings={2022: "good"}) for i in range(6)]
    rival = person(
        id="rival",
        name="Ứng viên quốc gia",
        unit="U1",
        ratings={2022: "excellent"},
        initiatives=(init("qg", "national", 2022),),
        titles={"CSTDCS": [2019, 2020, 2021]},
    )

    _r, alone = _evaluate([star, *others])
    _r, capped = _evaluate([star, rival, *others], [UnitFacts("U1", 8, 0)])  # 8 LĐTT → 1 place: the rival ranks first

    assert alone["star"]["CSTD_BO_TINH"]["verdict"] == "eligible"
    assert capped["star"]["CSTDCS"]["verdict"] == "not_eligible"
    assert capped["star"]["CSTD_BO_TINH"]["verdict"] == "not_eligible"


def test_the_rounding_rule_is_data():
    rules = tuple(replace(r, unit_cap=replace(r.unit_cap, rounding="half_up")) if r.unit_cap else r for r in DEFAULT_BOOK.rules)
    people = _school(["province", "unit"], others=2)  # 4 LĐTT: 15 % × 4 = 0,6
    _r, floor = _evaluate(people, [UnitFacts("U1", 4, 0)])
    _r, half_up = _evaluate(people, [UnitFacts("U1", 4, 0)], book=RuleBook(rules))
    assert floor["c0"]["CSTDCS"]["verdict"] == "not_eligible"
    assert half_up["c0"]["CSTDCS"]["verdict"] == "eligible"
    assert "làm tròn đến số nguyên gần nhất" in _cap_criterion(half_up["c0"]["CSTDCS"])["reason"]
    assert _cap_criterion(half_up["c0"]["CSTDCS"])["tag"] == "unconfirmed"  # 0,6 was rounded: the ❓ rule decided


@pytest.mark.parametrize("day", [ND98, ND152])
def test_the_2022_law_has_no_cap_even_with_the_unit_context(day):
    people = [
        replace(
            p,
            history=tuple(replace(h, year=day.year - 1) for h in p.history),
            initiatives=tuple(replace(i, year=day.year - 1) for i in p.initiatives),
        )
        for p in _school(["unit"] * 5, others=1)
    ]
    result, by_person = _evaluate(people, [UnitFacts("U1", 6, 0)], day=day)
    assert all(by_person[f"c{i}"]["CSTDCS"]["verdict"] == "eligible" for i in range(5))
    assert all(c["key"] != "cstdcs_cap" for c in result["units"][0]["checks"])


@pytest.mark.parametrize(
    ("ldtt", "decided", "expected"),
    [(20, 1, ["eligible", "eligible", "not_eligible"]), (6, 0, ["not_eligible"] * 3), (None, None, ["eligible"] * 3)],
)
def test_the_cap_through_the_command(ldtt, decided, expected, tmp_path):
    people = _school(["national", "province", "unit"], others=1)
    document = {"evaluation_date": OLD.isoformat(), "titles": ["LDTT", "CSTDCS"], "persons": [person_to_json(p) for p in people]}
    if ldtt is not None:
        document["units"] = [{"unit": "U1", "ldtt_count": ldtt, "cstdcs_decided": decided}]
    (tmp_path / "in.json").write_text(json.dumps(document), encoding="utf-8")

    call_command("eligibility", "--input", str(tmp_path / "in.json"), "--output", str(tmp_path / "out.json"))

    result = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    verdicts = {p["id"]: {o["code"]: o["verdict"] for o in p["outcomes"]} for p in result["persons"]}
    assert [verdicts[f"c{i}"]["CSTDCS"] for i in range(3)] == expected


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        ([{"unit": "U1", "ldtt_count": -1, "cstdcs_decided": 0}], "units[0].ldtt_count: expected a whole number"),
        ([{"unit": "U1", "ldtt_count": 3}], "units[0].cstdcs_decided: required field is missing"),
        ([{"unit": "U1", "ldtt_count": 3, "cstdcs_decided": 0}] * 2, 'units[1].unit: duplicate unit "U1"'),
        ([{"unit": "", "ldtt_count": 3, "cstdcs_decided": 0}], "units[0].unit: expected a non-empty unit code"),
        ({"U1": 3}, "units: expected an array"),
    ],
)
def test_a_bad_unit_context_is_reported_with_its_path(units, expected):
    with pytest.raises(InvalidDocument) as exc:
        parse_document({"evaluation_date": OLD.isoformat(), "units": units})
    assert any(str(p).startswith(expected) for p in exc.value.problems), exc.value.problems


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, "unit", "province", "national"]), st.sampled_from(["good", "excellent"]), st.booleans(), st.booleans()
        ),
        min_size=1,
        max_size=12,
    ),
    st.integers(0, 40),
    st.integers(0, 4),
)
def test_with_the_unit_context_never_more_are_eligible_than_the_cap_leaves(rows, ldtt, decided):
    people = []
    for i, (scope, rating, confirmed, holder) in enumerate(rows):
        awards = (AwardHeld("CSTDCS", 2022, decision_date=dt.date(2023, 6, 1)),) if holder else ()
        people.append(
            person(
                id=f"p{i:02d}",
                unit="U1",
                ratings={2022: rating},
                awards=awards,
                confirmed={"ldtt_qualities": confirmed},
                initiatives=(init(f"s{i}", scope, 2022),) if scope else (),
            )
        )
    result, by_person = _evaluate(people, [UnitFacts("U1", ldtt, decided)])
    check = result["units"][0]["checks"][0]
    holders = {p.id for p, (_s, _r, _c, holder) in zip(people, rows, strict=True) if holder}
    _r, advisory = _evaluate(people)
    new = [pid for pid, o in by_person.items() if o["CSTDCS"]["verdict"] == "eligible" and pid not in holders]

    assert check["decided_count"] >= len(holders) and check["ldtt_count"] >= ldtt
    assert len(new) <= max(check["cap"] - check["decided_count"], 0)
    for pid in holders:  # a decided title is never touched by the cap
        assert _cap_criterion(by_person[pid]["CSTDCS"]) is None
        assert by_person[pid]["CSTDCS"] == advisory[pid]["CSTDCS"]
    for pid, o in by_person.items():  # the cap only ever takes eligibility away
        assert o["CSTDCS"]["verdict"] != "eligible" or advisory[pid]["CSTDCS"]["verdict"] == "eligible"
