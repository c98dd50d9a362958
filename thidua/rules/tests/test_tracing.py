"""Outcomes shared between people (``engine.sharing.tracing``) are the ones each person would get alone."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.rules.engine.criteria import Policy
from thidua.rules.engine.evaluators.standing import confirmation
from thidua.rules.engine.facade import Engine
from thidua.rules.engine.facts import AwardHeld, PersonFacts, YearRecord
from thidua.rules.engine.jsonio import Document, evaluate_outcomes
from thidua.rules.engine.rulesets import DEFAULT_BOOK
from thidua.rules.engine.sharing.tracing import Node, NotAFunctionOfItsReads, Recorder

from .builders import DAYS
from .test_properties import INDIVIDUAL, crowds


def _alone(p: PersonFacts, day: dt.date, year: int) -> dict:
    """The reference answer: the JSON path's evaluation of one person with ``Engine(share=False)``."""
    doc = Document(day, year, tuple(DEFAULT_BOOK.codes), Policy(), (p,), (), {})
    return evaluate_outcomes(doc, engine=Engine(share=False)).persons[0].as_dict()


@settings(max_examples=60, deadline=None)
@given(crowds(), st.sampled_from(sorted(DAYS.values())))
def test_one_engine_for_a_crowd_in_two_documents_answers_as_the_reference_for_each(crowd, day):
    year = day.year - 1
    engine = Engine()
    together = []
    half = len(crowd) // 2
    for part in (crowd[:half], crowd[half:]):  # two documents: the engine forgets people, keeps what it shares
        doc = Document(day, year, tuple(DEFAULT_BOOK.codes), Policy(), tuple(part), (), {})
        together += [e.as_dict() for e in evaluate_outcomes(doc, engine=engine).persons]

    assert together == [_alone(p, day, year) for p in crowd]


def test_copies_share_the_outcome_of_the_first():
    base = PersonFacts(
        id="a",
        staff_type="teacher",
        service_start=dt.date(2010, 9, 1),
        history=(YearRecord(2024, "excellent"),),
        awards=(AwardHeld("LDTT", 2023, decision_number="1/QĐ"),),
    )
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


def test_freeze_keeps_plain_answers_and_turns_mappings_and_lists_into_tuples():
    from collections import OrderedDict
    from fractions import Fraction

    from thidua.rules.engine.sharing.tracing import freeze

    plain = [None, True, 3, "LDTT", 1.5, (1, 2), Fraction(7, 2), dt.date(2025, 6, 15), dt.datetime(2025, 6, 15, 8, tzinfo=dt.UTC)]
    for value in plain:
        assert freeze(value) is value
    assert freeze({"b": 2, "a": 1}) == (("a", 1), ("b", 2))
    assert freeze(OrderedDict([("b", 2), ("a", 1)])) == (("a", 1), ("b", 2))  # a mapping that is not a dict
    assert freeze([1, 2]) == (1, 2)
    assert freeze(frozenset({1})) == frozenset({1})
