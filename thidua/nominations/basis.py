"""What a line keeps of the engine: the outcome at the time, its rule version, the day and the facts' SHA-256.

One evaluation serves a whole round (``evaluate_round_unit``: the rules app's batch pass over the unit's staff,
``rules.selectors.unit_document``), or one subject (``evaluate_subject``). The facts are hashed as the engine's
JSON document writes them (``rules.engine.serialize``, keys sorted), so the same facts give the same hash on
every path and a later change of any fact the engine read changes it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from thidua.rules import selectors as rules
from thidua.rules.engine.evaluation import Evaluation
from thidua.rules.engine.facts import year_of
from thidua.rules.engine.outcomes import Outcome
from thidua.rules.engine.rulesets import DEFAULT_BOOK
from thidua.rules.engine.serialize import document_to_json, person_to_json


@dataclass(frozen=True)
class Basis:
    verdict: str
    basis: dict
    rule_version: str
    facts_sha256: str
    day: dt.date

    @property
    def not_eligible(self) -> bool:
        return self.verdict == "not_eligible"


def sha256_of(document: dict) -> str:
    return hashlib.sha256(json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def basis_of(outcome: Outcome, facts_json: dict, day: dt.date) -> Basis:
    return Basis(outcome.verdict.value, {**outcome.as_dict(), "day": day.isoformat()}, outcome.rule_version, sha256_of(facts_json), day)


def round_day(school_year) -> dt.date:
    return rules.day_for(year_of(school_year.start_date))


def subject_of(code: str) -> str | None:
    """``individual`` or ``collective`` for a code of the rule book, None for a code it has no rule for."""
    return DEFAULT_BOOK.subject_of(code)


def evaluate_round_unit(unit, school_year, *, codes: Iterable[str] | None = None) -> Evaluation:
    """The batch pass over the unit's staff and the unit as a collective (access is the caller's)."""
    year = year_of(school_year.start_date)
    return rules.evaluate_document_facts(rules.unit_document(unit=unit, year=year, day=rules.day_for(year), codes=codes))


def person_bases(evaluation: Evaluation) -> dict[tuple[str, str], Basis]:
    """(subject id, code) -> basis, for every person and collective of an evaluation (ids as the engine writes
    them: the person's id, ``unit-<pk>``). A collective's hash is the whole document's (its members' facts)."""
    day = evaluation.day
    out: dict[tuple[str, str], Basis] = {}
    for evaluated in evaluation.persons:
        facts = person_to_json(evaluated.subject)
        sha = sha256_of(facts)
        for o in evaluated.outcomes:
            out[(evaluated.id, o.code)] = Basis(o.verdict.value, {**o.as_dict(), "day": day.isoformat()}, o.rule_version, sha, day)
    if evaluation.collectives:  # a collective's facts are its members' too: the whole document is hashed
        sha = sha256_of(document_to_json(evaluation.document))
    for evaluated in evaluation.collectives:
        for o in evaluated.outcomes:
            out[(evaluated.id, o.code)] = Basis(o.verdict.value, {**o.as_dict(), "day": day.isoformat()}, o.rule_version, sha, day)
    return out


def evaluate_subject(*, school_year, code: str, person=None, unit=None) -> Basis:
    """The engine's outcome for one person (the ten queries of `person_facts`) or one collective (its staff read in one batch)."""
    year = year_of(school_year.start_date)
    day = rules.day_for(year)
    if person is not None:
        evaluation = rules.evaluate_person_ids(person_ids=[person.pk], day=day, year=year, codes=[code])
        key = (str(person.pk), code)
    else:
        evaluation = rules.evaluate_document_facts(rules.unit_document(unit=unit, year=year, day=day, codes=[code]))
        key = (f"unit-{unit.pk}", code)
    found = person_bases(evaluation).get(key)
    if found is None:  # the rule book has no rule for it that day: recorded as not modelled
        return Basis("not_modelled", {"code": code, "day": day.isoformat(), "criteria": []}, "", "", day)
    return found
