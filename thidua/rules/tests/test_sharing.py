"""Breaking the sharing is caught: an engine whose tracing forgets one question answers otherwise than the
reference engine (``Engine(share=False)``), and the comparison of the property tests says so."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from thidua.rules.engine.evaluators.service import service_terms
from thidua.rules.engine.facade import Engine
from thidua.rules.engine.facts import PersonFacts, YearRecord
from thidua.rules.engine.sharing import tracing
from thidua.rules.engine.sharing.tracing import Recorder

from .test_properties import INDIVIDUAL, differences

ROOT = Path(__file__).resolve().parents[3]
DAY = dt.date(2025, 6, 15)
BASE = {
    "service_start": dt.date(2010, 9, 1),
    "sector_start": dt.date(2010, 9, 1),
    "staff_type": "teacher",
    "teaching_years": 25,
    "history": tuple(YearRecord(y, "excellent") for y in range(2015, 2025)),
    "confirmed": {"ldtt_qualities": True},
}

# A question the tracing is made to forget, and two people who differ only in its answer.
FORGOTTEN = {
    "the year's rating": (
        lambda qid: qid[:3] == ("method", "rating", (2024,)),
        {"history": tuple(YearRecord(y, "excellent" if y < 2024 else "completed") for y in range(2015, 2025))},
    ),
    "the months served (a derived read)": (
        lambda qid: qid[0] == "derived" and qid[1] is service_terms,
        {"service_start": dt.date(2025, 1, 10)},
    ),
    "the staff type (an attribute)": (lambda qid: qid == ("attr", "staff_type"), {"staff_type": "staff"}),
    "a confirmation (a derived read)": (
        lambda qid: qid[0] == "derived" and qid[1].__name__ == "confirmation",
        {"confirmed": {"ldtt_qualities": False}},
    ),
}


def _forget(monkeypatch, forgotten) -> None:
    remember = Recorder.note

    def note(self, qid, make, answer):
        if not forgotten(qid):
            remember(self, qid, make, answer)

    monkeypatch.setattr(tracing.Recorder, "note", note)


@pytest.mark.parametrize("what", FORGOTTEN)
def test_a_sharing_engine_that_forgets_a_question_is_caught_by_the_comparison(monkeypatch, what):
    forgotten, change = FORGOTTEN[what]
    first, second = PersonFacts(id="a", **BASE), PersonFacts(id="b", **(BASE | change))
    assert differences([first, second], DAY) == []  # the real tracing tells them apart

    _forget(monkeypatch, forgotten)

    found = differences([first, second], DAY)
    assert found and all(line.startswith("b") for line in found), found  # the second got the first's answer


def test_the_reference_engine_remembers_nothing_between_people_or_titles():
    engine = Engine(share=False)
    person = PersonFacts(id="a", **BASE)

    first = engine.evaluate_all(person, INDIVIDUAL, year=2024, day=DAY)
    again = engine.evaluate_all(person, INDIVIDUAL, year=2024, day=DAY)

    assert first == again and all(a is not b for a, b in zip(first, again, strict=True))
    assert first == Engine().evaluate_all(person, INDIVIDUAL, year=2024, day=DAY)


def test_the_reference_engine_sees_assumed_outcomes():
    person = PersonFacts(id="a", **BASE)
    shared, reference = Engine(), Engine(share=False)
    capped = shared.evaluate(person, "CSTDCS", year=2024, day=DAY)
    for engine in (shared, reference):
        engine.assume(person, "CSTDCS", year=2024, day=DAY, outcome=capped)

    assert reference.evaluate(person, "CSTD_BO_TINH", year=2024, day=DAY) == shared.evaluate(person, "CSTD_BO_TINH", year=2024, day=DAY)
    assert reference.next_up(person, year=2024, day=DAY) == shared.next_up(person, year=2024, day=DAY)


def test_the_evaluators_import_neither_the_facade_nor_the_sharing():
    code = (
        "import sys, thidua.rules.engine.evaluators, thidua.rules.engine.evaluators.titles\n"
        "print(sorted(m for m in sys.modules if m.startswith(('thidua.rules.engine.facade', 'thidua.rules.engine.sharing.'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)

    assert done.stdout.split() == ["['thidua.rules.engine.sharing.fastinit']"]  # the facts' fast __init__, nothing else
