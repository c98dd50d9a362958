"""Outcomes shared between people (``engine.sharing.tracing``) are the ones each person would get alone."""

from __future__ import annotations

import dataclasses
import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.rules.engine.criteria import Policy
from thidua.rules.engine.facade import Engine
from thidua.rules.engine.facts import AwardHeld, BallotFact, DisciplineFact, LeaveFact, PersonFacts, YearRecord
from thidua.rules.engine.jsonio import Document, evaluate_outcomes
from thidua.rules.engine.rulesets import DEFAULT_BOOK
from thidua.rules.engine.evaluators.standing import confirmation
from thidua.rules.engine.sharing.tracing import Node, NotAFunctionOfItsReads, Recorder

from .builders import DAYS
from .test_properties import INDIVIDUAL, YEARS, people

VOTE_CODES = ("CSTDCS", "CSTD_BO_TINH", "CSTDTQ")  # the individual titles the council votes on
FRACTIONS = [None, Fraction(0), Fraction(1183, 100), Fraction(15), Fraction(2, 3), Fraction(25)]


@st.composite
def rich_people(draw):
    """``people()`` with the facts the database holds besides: gender, service in hard areas, leaves,
    disciplines, decided awards with stated periods, sector years."""
    p = draw(people())
    year = draw(st.sampled_from(YEARS))
    leaves = draw(st.lists(st.tuples(st.sampled_from(["maternity", "training", "sick", "unpaid", "sent_to_study", "military_service"]),
                                     st.integers(0, 300), st.integers(1, 400)), max_size=2))  # fmt: skip
    # Years away before the first day in the sector (counted for the KNC from TT 29/2023) and the council's ballots.
    away = draw(st.lists(st.tuples(st.sampled_from(["sent_to_study", "military_service"]), st.integers(200, 1500)), max_size=1))
    ballots = draw(st.lists(st.tuples(st.sampled_from(VOTE_CODES), st.sampled_from([2022, 2023, 2024]), st.integers(0, 15),
                                      st.integers(0, 2), st.integers(-30, 30)), max_size=2, unique_by=lambda b: (b[0], b[1])))  # fmt: skip
    disciplines = draw(st.lists(st.tuples(st.sampled_from(["reprimand", "warning"]), st.sampled_from(["pending", "in_effect"]),
                                          st.sampled_from(YEARS)), max_size=1))  # fmt: skip
    decided = draw(st.lists(st.tuples(st.sampled_from(["LDTT", "CSTDCS", "GK", "NGUT", "KNC_GD"]), st.sampled_from(YEARS),
                                      st.booleans(), st.booleans()), max_size=3))  # fmt: skip
    start = dt.date(year, 9, 5)
    return dataclasses.replace(
        p,
        gender=draw(st.sampled_from([None, "male", "female"])),
        staff_type=draw(st.sampled_from([None, "teacher", "manager", "staff"])),
        teaching_years=draw(st.sampled_from(FRACTIONS)),
        sector_years=draw(st.sampled_from(FRACTIONS)),
        hardship_years=draw(st.sampled_from(FRACTIONS)),
        hardship_teaching_years=draw(st.sampled_from(FRACTIONS)),
        in_hardship_area_now=draw(st.sampled_from([None, True, False])),
        pending_investigation=draw(st.sampled_from([None, False, True])),
        leaves=tuple(LeaveFact(kind, start + dt.timedelta(days=a), start + dt.timedelta(days=a + n)) for kind, a, n in leaves)
        + tuple(LeaveFact(kind, dt.date(1999, 8, 31) - dt.timedelta(days=n), dt.date(1999, 8, 31)) for kind, n in away),
        ballots=tuple(
            BallotFact(code, y, 15, min(present, 15 - written), written, dt.date(y + 1, 7, 15) + dt.timedelta(days=shift))
            for code, y, present, written, shift in ballots
        ),
        disciplines=tuple(DisciplineFact(form, status, dt.date(y, 11, 1), dt.date(y + 1, 5, 1)) for form, status, y in disciplines),
        awards=p.awards + tuple(_decided(code, y, numbered, period) for code, y, numbered, period in decided),
    )


def _decided(code: str, year: int, numbered: bool, period: bool) -> AwardHeld:
    return AwardHeld(
        code,
        year,
        decision_date=dt.date(year + 1, 7, 1),
        decision_number=f"{year}/QĐ" if numbered else "",
        period_start=dt.date(year - 2, 9, 5) if period else None,
        period_end=dt.date(year + 1, 5, 31) if period else None,
    )


@st.composite
def crowds(draw):
    """A few templates and many people made from them: copies, and copies with one fact changed (the
    crowd a batch pass meets: most people share most facts with somebody)."""
    templates = draw(st.lists(rich_people(), min_size=1, max_size=3))
    crowd = []
    for i in range(draw(st.integers(2, 10))):
        p = templates[draw(st.integers(0, len(templates) - 1))]
        change = draw(st.sampled_from(["copy", "rating", "leave", "tenure", "award", "ballot", "away"]))
        if change == "rating":
            year = draw(st.sampled_from(YEARS))
            ratings = {r.year: r.rating for r in p.history} | {year: draw(st.sampled_from(["excellent", "good", "completed"]))}
            p = dataclasses.replace(p, history=tuple(YearRecord(y, r) for y, r in sorted(ratings.items())))
        elif change == "leave":
            p = dataclasses.replace(p, leaves=(*p.leaves, LeaveFact("maternity", dt.date(2024, 10, 1), dt.date(2025, 3, 31))))
        elif change == "ballot":  # the same facts but one vote: 11 or 12 of 15 (either side of 80 %)
            year = draw(st.sampled_from([2022, 2023, 2024]))
            code = draw(st.sampled_from(VOTE_CODES))
            p = dataclasses.replace(
                p, ballots=(BallotFact(code, year, 15, draw(st.sampled_from([11, 12, 14])), 0, dt.date(year + 1, 6, 1)),)
            )
        elif change == "away":
            p = dataclasses.replace(p, leaves=(*p.leaves, LeaveFact("military_service", dt.date(1997, 9, 1), dt.date(1999, 8, 31))))
        elif change == "tenure":
            p = dataclasses.replace(p, teaching_years=draw(st.sampled_from(FRACTIONS)), sector_start=dt.date(2001, 9, 1))
        elif change == "award":
            p = dataclasses.replace(p, awards=(*p.awards, AwardHeld("LDTT", 2023, decision_number="9/QĐ")))
        crowd.append(dataclasses.replace(p, id=f"p{i}", name=f"Người {i}"))
    return crowd


def _alone(p: PersonFacts, day: dt.date, year: int) -> dict:
    doc = Document(day, year, tuple(DEFAULT_BOOK.codes), Policy(), (p,), (), {})
    return evaluate_outcomes(doc).persons[0].as_dict()


@settings(max_examples=60, deadline=None)
@given(crowds(), st.sampled_from(sorted(DAYS.values())))
def test_one_engine_for_a_crowd_answers_as_a_fresh_engine_for_each(crowd, day):
    year = day.year - 1
    engine = Engine()
    together = []
    half = len(crowd) // 2
    for part in (crowd[:half], crowd[half:]):  # two documents: the engine forgets people, keeps what it shares
        doc = Document(day, year, tuple(DEFAULT_BOOK.codes), Policy(), tuple(part), (), {})
        together += [e.as_dict() for e in evaluate_outcomes(doc, engine=engine).persons]

    assert together == [_alone(p, day, year) for p in crowd]


def test_copies_share_the_outcome_of_the_first():
    base = PersonFacts(id="a", staff_type="teacher", service_start=dt.date(2010, 9, 1), history=(YearRecord(2024, "excellent"),),
                       awards=(AwardHeld("LDTT", 2023, decision_number="1/QĐ"),))  # fmt: skip
    other = dataclasses.replace(base, id="b", name="Khác")
    engine, day = Engine(), dt.date(2025, 6, 15)

    first = engine.evaluate_all(base, INDIVIDUAL, year=2024, day=day)
    second = engine.evaluate_all(other, INDIVIDUAL, year=2024, day=day)

    assert [o.subject for o in second] == ["b"] * len(INDIVIDUAL)
    assert all(a.criteria is b.criteria for a, b in zip(first, second, strict=True))  # shared, not rebuilt
    assert [dataclasses.replace(o, subject="a") for o in second] == first


def test_a_fact_the_rule_reads_tells_people_apart():
    day = dt.date(2025, 6, 15)
    good = PersonFacts(id="g", service_start=dt.date(2010, 9, 1), history=(YearRecord(2024, "good"),))
    poor = dataclasses.replace(good, id="p", history=(YearRecord(2024, "completed"),))
    engine = Engine()

    a, b = engine.evaluate(good, "LDTT", year=2024, day=day), engine.evaluate(poor, "LDTT", year=2024, day=day)

    assert a.criteria is not b.criteria
    assert (a.criteria[0].status, b.criteria[0].status) == ("met", "not_met")


def test_next_titles_are_the_callers_own():
    day, engine = dt.date(2025, 6, 15), Engine()
    people = [PersonFacts(id=str(i), service_start=dt.date(2010, 9, 1), history=(YearRecord(2024, "good"),)) for i in range(2)]
    for p in people:
        engine.evaluate_all(p, INDIVIDUAL, year=2024, day=day)

    first = engine.next_up(people[0], year=2024, day=day)
    first[0]["missing"].append("changed by the caller")
    first[0]["summary"] = "changed"

    assert engine.next_up(people[1], year=2024, day=day) == Engine().next_up(people[1], year=2024, day=day)


def test_a_reused_engine_must_have_the_documents_policy():
    doc = Document(dt.date(2025, 6, 15), 2024, ("LDTT",), Policy(initiative_reuse_across_titles=False), (PersonFacts(id="1"),), (), {})

    with pytest.raises(ValueError, match="policy"):
        evaluate_outcomes(doc, engine=Engine())


def test_a_recorder_notes_each_read_once_and_refuses_what_is_not_a_question():
    p = PersonFacts(id="1", gender="female", history=(YearRecord(2024, "good"),), confirmed={"x": True})
    recorder = Recorder(p, {})

    assert not isinstance(recorder, PersonFacts)  # it reads like the facts, it does not pretend to be them
    assert recorder.gender == "female" and recorder.gender == "female"
    assert recorder.rating(2024) == "good" and recorder.confirmed["x"] is True
    assert recorder.derive(confirmation, ("x",)) is True
    assert [answer for _qid, _ask, answer in recorder.path] == ["female", "good", (("x", True),), True]
    assert not recorder.opaque
    with pytest.raises(AttributeError):
        recorder.gender = "male"
    with pytest.raises(TypeError, match="module-level"):  # a closure's inputs would not be in the question
        recorder.derive(lambda f: f.gender, ())


def test_a_tree_refuses_a_path_that_contradicts_it():
    def ask(ctx):
        return None

    tree = Node()
    tree.file([("q1", ask, 1), ("q2", ask, "a")], ("parts",))

    with pytest.raises(NotAFunctionOfItsReads):
        tree.file([("q1", ask, 1), ("q3", ask, "a")], ("other",))
    with pytest.raises(NotAFunctionOfItsReads):
        tree.file([("q1", ask, 1)], ("shorter",))
    with pytest.raises(NotAFunctionOfItsReads):
        tree.file([("q1", ask, 1), ("q2", ask, "a"), ("q4", ask, 0)], ("longer",))
    with pytest.raises(NotAFunctionOfItsReads):
        tree.file([("q1", ask, 1), ("q2", ask, "a")], ("again",))
