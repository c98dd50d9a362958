"""Reads of review rounds and lines, scoped by ``accounts.scope``: the rounds of units the actor reads, a teacher's
own lines, a round's suggestions from the engine and its round-wide checks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from thidua.accounts.scope import scope_for
from thidua.awards.models import Award
from thidua.rules import selectors as rules
from thidua.rules.engine.facts import year_of
from thidua.rules.engine.titles import BY_CODE

from . import basis as engine
from . import checks, states
from .models import NominationLine, ReviewRound

SUGGESTED_VERDICTS = frozenset({"eligible", "undetermined"})


def rounds_visible(*, actor) -> QuerySet[ReviewRound]:
    return ReviewRound.objects.filter(scope_for(actor).units_q("unit__"))


def round_list(*, actor, school_year=None, status: str = "") -> QuerySet[ReviewRound]:
    qs = rounds_visible(actor=actor).select_related("unit", "school_year", "movement")
    if school_year is not None:
        qs = qs.filter(school_year=school_year)
    if status:
        qs = qs.filter(status=status)
    return qs


def round_lines(*, round_: ReviewRound, include_withdrawn: bool = True) -> QuerySet[NominationLine]:
    qs = round_.lines.select_related("person", "unit", "created_by").order_by("person__sort_key", "unit__name", "kind_code", "id")
    if not include_withdrawn:
        qs = qs.exclude(state=states.LineState.WITHDRAWN)
    return qs


def my_lines(*, actor) -> QuerySet[NominationLine]:
    """The lines proposing the actor's own person (a teacher's "my nominations")."""
    person_id = scope_for(actor).person_id
    if not person_id:
        return NominationLine.objects.none()
    return NominationLine.objects.filter(person_id=person_id).select_related("round", "round__unit", "school_year").order_by("-id")


def open_line_keys(school_year) -> set[tuple[str, str]]:
    """(subject key, code) of every open line of the year, over all rounds (``p<id>`` / ``u<id>``)."""
    rows = NominationLine.objects.filter(school_year=school_year, state__in=states.OPEN_LINES).values_list(
        "person_id", "unit_id", "kind_code"
    )
    return {(f"p{p}" if p else f"u{u}", code) for p, u, code in rows}


@dataclass(frozen=True)
class Suggestion:
    key: str  # "p<id>:<code>" or "u<id>:<code>": the tick's value
    subject: str
    code: str
    verdict: str
    missing: tuple[str, ...]
    taken: bool  # already an open line (in this round or another)
    awarded: bool = False  # already awarded for the year

    @property
    def label(self) -> str:
        title = BY_CODE.get(self.code)
        return title.name if title else self.code


def subject_key(engine_id: str) -> str:
    return f"u{engine_id.removeprefix('unit-')}" if engine_id.startswith("unit-") else f"p{engine_id}"


def suggestions(*, round_: ReviewRound, evaluation=None) -> list[Suggestion]:
    """Who qualifies for what (eligible or undetermined), from the engine's batch pass over the round's unit;
    the caller has checked access. Rows already proposed are marked ``taken``, titles already awarded for the
    year ``awarded``."""
    evaluation = evaluation or engine.evaluate_round_unit(round_.unit, round_.school_year)
    taken = open_line_keys(round_.school_year)
    people = [int(p.id) for p in evaluation.persons]
    held = {f"p{pid}": codes for pid, codes in awards_held(person_ids=people, school_year=round_.school_year).items()}
    held |= {f"u{uid}": codes for uid, codes in collective_awards_held(unit_ids=[round_.unit_id], school_year=round_.school_year).items()}
    out = []
    for evaluated in (*evaluation.persons, *evaluation.collectives):
        key = subject_key(evaluated.id)
        for o in evaluated.outcomes:
            if o.verdict.value not in SUGGESTED_VERDICTS:
                continue
            missing = tuple(o.still_missing())
            out.append(Suggestion(f"{key}:{o.code}", evaluated.name, o.code, o.verdict.value, missing, (key, o.code) in taken,
                                  o.code in held.get(key, ())))  # fmt: skip
    return out


def collective_awards_held(*, unit_ids, school_year) -> dict[int, set[str]]:
    """Titles already awarded to the collectives for the school year (one query)."""
    held: dict[int, set[str]] = defaultdict(set)
    rows = Award.objects.filter(unit_id__in=list(unit_ids), school_year=school_year, revoked=False).exclude(decision__status="revoked")
    for uid, code in rows.values_list("unit_id", "kind__code"):
        held[uid].add(code)
    return held


def awards_held(*, person_ids, school_year) -> dict[int, set[str]]:
    """Titles already awarded to the people for the school year (revoked ones left out; one query)."""
    held: dict[int, set[str]] = defaultdict(set)
    rows = (
        Award.objects.filter(person_id__in=list(person_ids), school_year=school_year, revoked=False)
        .exclude(decision__status="revoked")
        .values_list("person_id", "kind__code")
    )
    for pid, code in rows:
        held[pid].add(code)
    return held


def round_checks(*, round_: ReviewRound) -> list[checks.RoundCheck]:
    """The round-wide caps and collective thresholds of the round's open lines."""
    lines = list(round_.lines.filter(state__in=states.OPEN_LINES).values_list("person_id", "unit_id", "kind_code"))
    year = year_of(round_.school_year.start_date)
    facts = [checks.LineFact(p, u, code) for p, u, code in lines]
    staff = rules.staff_of(round_.unit, year)
    collectives = {}
    for _p, unit_id, _code in lines:
        if unit_id and unit_id not in collectives:
            from thidua.org.models import OrgUnit

            unit = OrgUnit.objects.get(pk=unit_id)
            members = staff if unit_id == round_.unit_id else rules.staff_of(unit, year)
            collectives[unit_id] = checks.Members(unit.name, tuple(members))
    people = set(staff) | {p for p, _u, _c in lines if p}
    return checks.round_checks(
        day=engine.round_day(round_.school_year),
        lines=facts,
        held=awards_held(person_ids=people, school_year=round_.school_year),
        collectives=collectives,
    )


def lines_of_person_q(person_id: int) -> Q:
    return Q(person_id=person_id)
