"""Where an outcome stands for the officer: met, needs confirmation, missing a fact (pure, no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.rules.engine.criteria import Policy
from thidua.rules.engine.evaluation import Document, Evaluated, Evaluation, NextTitle, confirmable_keys, evaluate_outcomes
from thidua.rules.engine.facts import PersonFacts, YearRecord
from thidua.rules.engine.jsonio import evaluate_facts, evaluation_to_json
from thidua.rules.engine.outcomes import Badge, Citation, CriterionResult, Outcome, Status, Verdict
from thidua.rules.engine.rulesets import DEFAULT_BOOK

CITE = Citation("Luật Thi đua, khen thưởng 2022", "23")
MET, NOT_MET, UNKNOWN = Status.MET, Status.NOT_MET, Status.UNKNOWN
CONFIRMABLE = frozenset({"qualities", "council_vote"})


def _outcome(verdict: Verdict, *criteria: tuple[str, Status]) -> Outcome:
    results = tuple(CriterionResult(key, key, status, f"lý do {key}", CITE, "confirmed", f"thiếu {key}") for key, status in criteria)
    return Outcome("1", "LDTT", "Lao động tiên tiến", "law2022", "v1", 2024, verdict, CITE, "partial", results)


# (verdict, criteria (key, status), badge, needs confirmation, missing a fact)
CASES = [
    (Verdict.ELIGIBLE, [("rating", MET), ("qualities", MET)], Badge.ELIGIBLE, False, False),
    (Verdict.NOT_ELIGIBLE, [("rating", NOT_MET), ("qualities", UNKNOWN)], Badge.NOT_ELIGIBLE, False, False),
    (Verdict.NOT_MODELLED, [], Badge.NOT_MODELLED, False, False),
    (Verdict.UNDETERMINED, [("rating", MET), ("qualities", UNKNOWN)], Badge.CONFIRM, True, False),
    (Verdict.UNDETERMINED, [("qualities", UNKNOWN), ("council_vote", UNKNOWN)], Badge.CONFIRM, True, False),
    (Verdict.UNDETERMINED, [("rating", UNKNOWN), ("qualities", MET)], Badge.MISSING, False, True),
    (Verdict.UNDETERMINED, [("rating", UNKNOWN), ("qualities", UNKNOWN)], Badge.MISSING, False, True),
]


@pytest.mark.parametrize(("verdict", "criteria", "badge", "confirm", "missing"), CASES)
def test_the_badge_splits_undetermined_into_confirmation_and_missing_fact(verdict, criteria, badge, confirm, missing):
    outcome = _outcome(verdict, *criteria)

    assert outcome.badge(CONFIRMABLE) is badge
    assert outcome.needs_confirmation(CONFIRMABLE) is confirm
    assert outcome.missing_fact(CONFIRMABLE) is missing
    assert outcome.open_keys == {key for key, status in criteria if status is not MET}


def test_nothing_confirmable_means_an_open_criterion_is_a_missing_fact():
    assert _outcome(Verdict.UNDETERMINED, ("qualities", UNKNOWN)).badge(frozenset()) is Badge.MISSING


@pytest.mark.parametrize(
    ("criteria", "key", "open_"),
    [
        ([("council_vote", UNKNOWN)], "council_vote", True),
        ([("council_vote", NOT_MET)], "council_vote", True),
        ([("council_vote", MET)], "council_vote", False),
        ([("rating", UNKNOWN)], "council_vote", False),
    ],
)
def test_is_open_names_a_criterion_present_and_not_met(criteria, key, open_):
    assert _outcome(Verdict.UNDETERMINED, *criteria).is_open(key) is open_


def test_still_missing_is_empty_once_eligible_and_the_result_document_says_so():
    open_ = _outcome(Verdict.UNDETERMINED, ("rating", MET), ("qualities", UNKNOWN))
    done = _outcome(Verdict.ELIGIBLE, ("rating", MET))

    assert open_.still_missing() == ["thiếu qualities"] == open_.as_dict()["missing"]
    assert done.still_missing() == [] == done.as_dict()["missing"]
    assert open_.school_year == "2024-2025" == open_.as_dict()["school_year"]
    assert open_.tag_symbol == "⚠️" and open_.criteria[0].tag_symbol == "✅" and open_.criteria[0].met


def test_every_badge_has_a_label_and_the_values_the_pages_filter_on():
    assert [b.value for b in Badge] == ["eligible", "not_eligible", "confirm", "missing", "not_modelled"]
    assert all(b.label for b in Badge)


def test_the_evaluation_knows_what_officers_confirm_and_assesses_with_it():
    persons = (PersonFacts(id="1", name="A", history=(YearRecord(2024, "excellent"),)),)
    doc = Document(dt.date(2025, 6, 15), 2024, tuple(DEFAULT_BOOK.codes), Policy(), persons, (), {})

    result = evaluate_outcomes(doc)
    person = result.persons[0]
    row = result.assessed(person, ("CSTDCS", "LDTT", "nope"))

    assert result.confirmable == confirmable_keys(DEFAULT_BOOK, doc.codes, doc.day)
    assert [a.code for a in row.outcomes] == ["CSTDCS", "LDTT"]
    for a in row.outcomes:
        assert a.badge is a.outcome.badge(result.confirmable[a.code])
        assert a.needs_confirmation is (a.badge is Badge.CONFIRM) and a.missing_fact is (a.badge is Badge.MISSING)
    assert (row.id, row.name, row.next) == ("1", "A", person.next)
    assert isinstance(result, Evaluation) and isinstance(person, Evaluated)
    assert all(isinstance(n, NextTitle) for n in person.next)
    # The unit checks read as objects are those the result document lists.
    listed = [(u["unit"], c["key"], c["status"], c["citation"]["text"]) for u in result.units for c in u["checks"]]
    assert [(u.unit, c.key, c.status, c.citation) for u in result.unit_checks for c in u.checks] == listed and listed
    # The JSON edge writes the same objects the pages read.
    assert evaluation_to_json(result) == evaluate_facts(doc)
    assert evaluation_to_json(result)["persons"][0]["next"] == [n.as_dict() for n in person.next]
