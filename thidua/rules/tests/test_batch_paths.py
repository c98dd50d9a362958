"""The shortcuts of the batch pass (bench/eligibility.py) change no answer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.rules.engine.criteria import Policy
from thidua.rules.engine.evaluation import Document, evaluate_outcomes
from thidua.rules.engine.facade import Engine
from thidua.rules.engine.facts import CollectiveFacts, PersonFacts, YearRecord
from thidua.rules.engine.jsonio import evaluate_facts
from thidua.rules.engine.outcomes import CriterionResult

from .builders import DAYS
from .test_properties import INDIVIDUAL, people


def test_facts_pickle_through_their_constructor():
    p = PersonFacts(id="1", history=(YearRecord(2024, "good"),), confirmed={"ldtt_qualities": True})
    c = CollectiveFacts(id="c", confirmed={"x": False})

    again, c_again = pickle.loads(pickle.dumps(p)), pickle.loads(pickle.dumps(c))  # noqa: S301  # our own bytes

    assert again == p and again.rating(2024) == "good" and dict(again.confirmed) == {"ldtt_qualities": True}
    assert c_again == c
    with pytest.raises(TypeError):
        again.confirmed["x"] = True  # type: ignore[index]


def test_fast_init_keeps_defaults_factories_and_immutability():
    r = CriterionResult("k", "label", "met", "reason", None, "confirmed")  # type: ignore[arg-type]

    assert (r.missing, r.evidence, r.children) == ("", (), ())
    assert PersonFacts(id="1").confirmed == {} and PersonFacts(id="1").rating(2024) is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.key = "other"  # type: ignore[misc]


@settings(max_examples=40, deadline=None)
@given(st.lists(people(), min_size=2, max_size=6), st.sampled_from(sorted(DAYS.values())))
def test_one_engine_for_many_people_answers_as_the_reference_for_each(persons, day):
    """Outcomes shared between people (``engine.sharing``) are the ones the reference engine gives each alone."""
    persons = [dataclasses.replace(p, id=f"p{i}") for i, p in enumerate(persons)]
    year = day.year - 1
    shared = Engine()
    together = [shared.evaluate_all(p, INDIVIDUAL, year=year, day=day) for p in persons]
    alone = [Engine(share=False).evaluate_all(p, INDIVIDUAL, year=year, day=day) for p in persons]

    assert together == alone


def test_evaluate_facts_is_evaluate_outcomes_serialised():
    persons = tuple(dataclasses.replace(PersonFacts(id=str(i), history=(YearRecord(2024, "excellent"),)), name=f"n{i}") for i in range(3))
    doc = Document(dt.date(2025, 6, 15), 2024, tuple(INDIVIDUAL), Policy(), persons, (), {})

    result, objects = evaluate_facts(doc), evaluate_outcomes(doc)

    assert [p["outcomes"] for p in result["persons"]] == [[o.as_dict() for o in e.outcomes] for e in objects.persons]
    assert result["units"] == objects.units
