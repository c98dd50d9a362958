"""The database path: build the engine's facts from the records, in a fixed number of queries per batch.

This is the only module of the rules app that touches the ORM. It produces the same ``Document`` the JSON
interface parses, and evaluation goes through the same ``evaluation.evaluate_outcomes``, so the page, the export,
the API and ``manage.py eligibility`` give the same answers for the same facts (thidua/rules/tests/test_consistency.py).
The ``evaluate_*`` selectors return the typed ``Evaluation``; JSON is written only at the edges
(``jsonio.evaluation_to_json``).

Two choices keep the database facts expressible as a JSON document (``serialize.document_to_json``):
years of service are whole hundredths of a year (rounded down, so a threshold is never reached early),
and awards whose catalogue code the rule book does not know are left out (no criterion can use them).
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from fractions import Fraction
from operator import attrgetter, itemgetter

from django.db import connection
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from thidua.accounts.scope import scope_for
from thidua.awards.models import Award, AwardKind, Decision, InitiativeRecord
from thidua.org.models import OrgUnit
from thidua.people.models import AnnualRating, Discipline, Employment, Leave, Person
from thidua.registrations.models import Registration, RegistrationTarget
from thidua.registrations.selectors import approved_titles
from thidua.years.models import SchoolYear

from .engine.criteria import CouncilVote, Policy
from .engine.evaluation import Document, Evaluation, evaluate_outcomes
from .engine.facts import (
    AwardHeld,
    BallotFact,
    CollectiveFacts,
    DisciplineFact,
    Initiative,
    LeaveFact,
    PersonFacts,
    RegistrationFact,
    UnitFacts,
    YearRecord,
    year_bounds,
    year_of,
)
from .engine.rulesets import DEFAULT_BOOK, confirmation_facts
from .models import BallotTally, Confirmation
from .registration_policy import policy_for

BATCH = 2000
_INDIVIDUAL = frozenset(c for c in DEFAULT_BOOK.codes if DEFAULT_BOOK.subject_of(c) == "individual")
_COLLECTIVE = frozenset(c for c in DEFAULT_BOOK.codes if DEFAULT_BOOK.subject_of(c) == "collective")
_AWARD_FIELDS = (
    "kind__code",
    "school_year__start_date",
    "decision__award_type",
    "decision__decision_date",
    "decision__period_start",
    "decision__period_end",
    "decision__number",
    "revoked",
    "decision__status",
)


def _days(start: dt.date, end: dt.date | None, until: dt.date) -> int:
    end = min(end or until, until)
    return max((end - start).days + 1, 0)


def _years(days: int) -> Fraction:
    """Whole hundredths of a year, rounded down (exact in JSON, never reaches a threshold early)."""
    return Fraction(days * 100 // 365, 100)


def _award(code, year_start, award_type, decided, p_start, p_end, number, revoked, status) -> AwardHeld:
    year = year_of(year_start) if year_start else year_of(p_end or decided)
    return AwardHeld(code, year, award_type, decided, p_start, p_end, number, revoked or status == Decision.Status.REVOKED)


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while one batch is read or evaluated: both allocate many short-lived
    acyclic objects, and the collections they trigger cost more than the work (evaluating 2,000 people: 2.9 s
    → 1.2 s; reading a province: 3.9 s → 2.6 s). Memory stays bounded because a batch is bounded."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _tables() -> dict[str, str]:
    """Quoted table names, from the models (the raw queries below follow renamed tables)."""
    qn = connection.ops.quote_name
    models = {
        "person": Person,
        "unit": OrgUnit,
        "job": Employment,
        "rating": AnnualRating,
        "year": SchoolYear,
        "award": Award,
        "decision": Decision,
        "kind": AwardKind,
        "initiative": InitiativeRecord,
        "authors": InitiativeRecord.authors.through,
        "discipline": Discipline,
        "leave": Leave,
        "confirmation": Confirmation,
        "ballot": BallotTally,
        "registration": Registration,
        "target": RegistrationTarget,
    }
    return {key: qn(model._meta.db_table) for key, model in models.items()}


# The ten queries of ``person_facts``, as plain SQL returning tuples: on a province the ORM's per-row work
# (and its expansion of a 2,000-id ``IN`` list into 2,000 parameters) cost as much as the database. ``{ids}``
# is ``= ANY(%s::bigint[])`` with one array parameter on PostgreSQL, an ``IN`` list elsewhere. Each query selects the
# same rows as the ``values_list`` it replaced; within a person the order is the same (ties broken by id).
_SQL = {
    "people": "SELECT p.id, p.full_name, p.gender, u.code FROM {person} p LEFT OUTER JOIN {unit} u ON p.current_unit_id = u.id "
    "WHERE p.id {ids}",
    "jobs": "SELECT e.person_id, e.start_date, e.end_date, e.staff_type, u.remote_area, u.code FROM {job} e "
    "INNER JOIN {unit} u ON e.unit_id = u.id WHERE e.person_id {ids} AND e.start_date <= %s ORDER BY e.person_id, e.start_date, e.id",
    "ratings": "SELECT r.person_id, y.start_date, r.rating FROM {rating} r INNER JOIN {year} y ON r.school_year_id = y.id "
    "WHERE r.person_id {ids} AND y.start_date <= %s",
    "awards": "SELECT a.person_id, k.code, y.start_date, d.award_type, d.decision_date, d.period_start, d.period_end, d.number, a.revoked, "
    "d.status FROM {award} a INNER JOIN {decision} d ON a.decision_id = d.id INNER JOIN {kind} k ON a.kind_id = k.id "
    "LEFT OUTER JOIN {year} y ON a.school_year_id = y.id WHERE a.person_id {ids} AND d.decision_date <= %s "
    "ORDER BY d.decision_date DESC, d.id DESC, a.id ASC",
    "initiatives": "SELECT t.person_id, t.initiativerecord_id, i.scope, y.start_date, i.decision_date, i.title FROM {authors} t "
    "INNER JOIN {initiative} i ON t.initiativerecord_id = i.id INNER JOIN {year} y ON i.school_year_id = y.id "
    "WHERE t.person_id {ids} AND y.start_date <= %s",
    "disciplines": "SELECT person_id, form, status, start_date, end_date FROM {discipline} WHERE person_id {ids} AND start_date <= %s "
    "ORDER BY person_id, start_date, id",
    "leaves": "SELECT person_id, kind, start_date, end_date FROM {leave} WHERE person_id {ids} AND start_date <= %s "
    "ORDER BY person_id, start_date, id",
    # What officers confirmed for the school year evaluated (the one starting within its bounds).
    "confirmations": "SELECT c.person_id, c.fact, c.value FROM {confirmation} c INNER JOIN {year} y ON c.school_year_id = y.id "
    "WHERE c.person_id {ids} AND y.start_date BETWEEN %s AND %s",
    # The council's ballots on the school year evaluated (the engine ignores a session after the evaluation date).
    "ballots": "SELECT b.person_id, b.code, b.total_members, b.in_favour, b.in_favour_written, b.session_date FROM {ballot} b "
    "INNER JOIN {year} y ON b.school_year_id = y.id WHERE b.person_id {ids} AND y.start_date BETWEEN %s AND %s "
    "ORDER BY b.person_id, b.code",
    # The titles of the approved registrations (đăng ký thi đua) for the school year evaluated, earliest approval first.
    "registrations": "SELECT r.person_id, t.kind_code, r.approved_at FROM {registration} r INNER JOIN {target} t ON t.registration_id = r.id "
    "INNER JOIN {year} y ON r.school_year_id = y.id WHERE r.person_id {ids} AND r.status = 'approved' AND y.start_date BETWEEN %s AND %s "
    "ORDER BY r.person_id, r.approved_at, t.id",
}


_OF_THE_YEAR = ("confirmations", "ballots", "registrations")  # the queries bounded by the school year, not the day


def fact_rows_of_everyone(*, day: dt.date, year: int) -> dict[str, list[tuple]]:
    """The rows ``person_facts`` reads, for every person at once: its ten queries without the people filter,
    as tuples (the floor of any read of these facts; ``bench/eligibility.py`` measures the pass against it)."""
    out = {}
    with connection.cursor() as cursor:
        for name, sql in _SQL.items():
            days = [] if name == "people" else list(year_bounds(year)) if name in _OF_THE_YEAR else [day]
            cursor.execute(sql.format(ids="IS NOT NULL", **_tables()), days)
            out[name] = cursor.fetchall()
    return out


def _rows(cursor, name: str, person_ids: list[int], *days: dt.date) -> list[tuple]:
    if connection.vendor == "postgresql":
        # Typed as the key column: an untyped array of small ids is sent as smallint[], and the planner then
        # cannot use the person index (awards: 200 ms instead of 12 ms per 2,000 people).
        ids, params = f"= ANY(%s::{Person._meta.pk.db_type(connection)}[])", [list(person_ids)]
    else:
        ids, params = f"IN ({', '.join(['%s'] * len(person_ids))})", list(person_ids)
    cursor.execute(_SQL[name].format(ids=ids, **_tables()), [*params, *days])
    return cursor.fetchall()


def person_facts(person_ids: list[int], *, day: dt.date, year: int | None = None) -> list[PersonFacts]:
    """Facts of the given people as known on ``day`` (10 queries, whatever the number of people), in the
    order of ``person_ids``. ``unit`` is the code of the unit they worked in on ``day`` (else their current one);
    ``confirmed`` and ``ballots``, what officers confirmed and the council's ballots for school year ``year``
    (by default the one containing ``day``), and ``registered``, the titles of their approved registrations for it."""
    if not person_ids:
        return []
    with gc_paused():
        return _person_facts(person_ids, day, year_of(day) if year is None else year)


def _person_facts(person_ids: list[int], day: dt.date, year: int) -> list[PersonFacts]:
    person_ids = [int(pid) for pid in person_ids]
    jobs: dict[int, list[tuple]] = defaultdict(list)
    history: dict[int, list[YearRecord]] = defaultdict(list)
    awards: dict[int, list[AwardHeld]] = defaultdict(list)
    initiatives: dict[int, list[Initiative]] = defaultdict(list)
    disciplines: dict[int, list[DisciplineFact]] = defaultdict(list)
    leaves: dict[int, list[LeaveFact]] = defaultdict(list)
    confirmed: dict[int, dict[str, bool]] = defaultdict(dict)
    ballots: dict[int, list[BallotFact]] = defaultdict(list)
    registered: dict[int, dict[str, dt.date | None]] = defaultdict(dict)
    revoked_status = Decision.Status.REVOKED.value
    with connection.cursor() as cursor:
        people = {pid: (name, gender, code) for pid, name, gender, code in _rows(cursor, "people", person_ids)}
        for pid, start, end, staff_type, remote, code in _rows(cursor, "jobs", person_ids, day):
            jobs[pid].append((start, end, staff_type, remote, code))
        for pid, start, rating in _rows(cursor, "ratings", person_ids, day):
            history[pid].append(YearRecord(year_of(start), rating))
        for pid, code, year_start, award_type, decided, p_start, p_end, number, revoked, status in _rows(cursor, "awards", person_ids, day):
            if code in _INDIVIDUAL:
                award_year = year_of(year_start) if year_start else year_of(p_end or decided)
                awards[pid].append(
                    AwardHeld(code, award_year, award_type, decided, p_start, p_end, number, bool(revoked) or status == revoked_status)
                )
        for pid, rid, scope, year_start, decided, title in _rows(cursor, "initiatives", person_ids, day):
            initiatives[pid].append(Initiative(f"SK-{rid}", scope, year_of(year_start), "initiative", title, decided))
        for pid, form, status, start, end in _rows(cursor, "disciplines", person_ids, day):
            disciplines[pid].append(DisciplineFact(form, status, start, end))
        for pid, kind, start, end in _rows(cursor, "leaves", person_ids, day):
            leaves[pid].append(LeaveFact(kind, start, end))
        for pid, fact, value in _rows(cursor, "confirmations", person_ids, *year_bounds(year)):
            confirmed[pid][fact] = bool(value)
        for pid, code, total, present, written, session in _rows(cursor, "ballots", person_ids, *year_bounds(year)):
            ballots[pid].append(BallotFact(code, year, total, present, written, session))
        for pid, code, approved_at in _rows(cursor, "registrations", person_ids, *year_bounds(year)):
            if code in _INDIVIDUAL:
                registered[pid].setdefault(code, _local_day(approved_at))

    out = []
    empty: tuple = ()
    for pid in person_ids:
        p = people.get(pid)
        if p is None:
            continue
        name, gender, current_unit = p
        rows = jobs.get(pid)
        unit, staff_type, service_start, teaching, hardship, hardship_now = current_unit or "", None, None, None, None, None
        if rows:
            rows.sort(key=_first)  # stable: the database order breaks ties
            current = next((r for r in reversed(rows) if r[1] is None or r[1] >= day), None)
            staff_type, service_start = (current or rows[-1])[2], rows[0][0]
            teaching = _years(sum(_days(r[0], r[1], day) for r in rows if r[2] in ("teacher", "manager")))
            hardship = _years(sum(_days(r[0], r[1], day) for r in rows if r[3]))
            hardship_now = bool(current and current[3])
            if current is not None:
                unit = current[4]
        ratings = history.get(pid)
        if ratings:
            ratings.sort(key=_year)
        out.append(
            PersonFacts(
                id=str(pid),
                name=name,
                unit=unit,
                gender=gender or None,
                staff_type=staff_type,
                service_start=service_start,
                sector_start=service_start,
                teaching_years=teaching,
                hardship_years=hardship,
                in_hardship_area_now=hardship_now,
                history=tuple(ratings) if ratings else empty,
                awards=tuple(awards.get(pid, empty)),
                initiatives=tuple(initiatives.get(pid, empty)),
                disciplines=tuple(disciplines.get(pid, empty)),
                leaves=tuple(leaves.get(pid, empty)),
                confirmed=confirmed.get(pid, _NOTHING),
                ballots=tuple(ballots.get(pid, empty)),
                registered=_registered(registered.get(pid)),
            )
        )
    return out


def _local_day(moment) -> dt.date | None:
    """The day in Vietnam of an approval time (a timestamp from the database)."""
    if moment is None:
        return None
    if isinstance(moment, str):  # SQLite's raw cursor returns the text
        moment = dt.datetime.fromisoformat(moment)
    if timezone.is_naive(moment):  # stored in UTC (USE_TZ); SQLite gives it back without its zone
        moment = moment.replace(tzinfo=dt.UTC)
    return timezone.localdate(moment)


def _registered(codes: dict[str, dt.date | None] | None) -> tuple[RegistrationFact, ...]:
    return tuple(RegistrationFact(code, day) for code, day in codes.items()) if codes else ()


_first = itemgetter(0)
_NOTHING: dict[str, bool] = {}
_year = attrgetter("year")


def staff_of(unit: OrgUnit, year: int) -> list[int]:
    """Ids of people employed anywhere in the unit's subtree during school year ``year``, in name order (1 query)."""
    lo, hi = year_bounds(year)
    ids = (
        Employment.objects.filter(unit__path__startswith=unit.path, start_date__lte=hi)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=lo))
        .values("person_id")
    )
    return list(Person.objects.filter(pk__in=ids).order_by("sort_key", "id").values_list("pk", flat=True))


def day_for(year: int, today: dt.date | None = None) -> dt.date:
    """The consideration date for school year ``year``: today while the year runs, else its last day
    (its first day for a year that has not started yet)."""
    lo, hi = year_bounds(year)
    return max(lo, min(today or timezone.localdate(), hi))


def unit_context(persons: Iterable[PersonFacts], *, year: int, day: dt.date, within: set[str]) -> tuple[UnitFacts, ...]:
    """What each unit of ``persons`` in ``within`` (the codes of a subtree) knows of itself for the unit-level
    caps, read from its staff's facts (no query): a unit document holds every person of the subtree, so the
    titles decided for its units that year are all in it. Their presence makes the cap binding (``units``). A
    person now in a unit outside the subtree (moved away) brings no context: that unit's staff are not here."""
    counts: dict[str, list[int]] = {}
    for p in persons:
        if not p.unit or p.unit not in within:
            continue
        ldtt, cstdcs = counts.setdefault(p.unit, [0, 0])
        held = {a.code for a in p.awards if a.year == year and a.is_merit and (a.decision_date is None or a.decision_date <= day)}
        counts[p.unit] = [ldtt + ("LDTT" in held), cstdcs + ("CSTDCS" in held)]
    return tuple(UnitFacts(code, ldtt, cstdcs) for code, (ldtt, cstdcs) in sorted(counts.items()))


def cluster_leader(unit: OrgUnit, year: int) -> bool | None:
    """Whether the unit led its cluster that year, from the scoring app's current publications (one query)."""
    from thidua.scoring.selectors import cluster_leader_fact

    return cluster_leader_fact(unit.pk, year)


def unit_document(
    *,
    unit: OrgUnit,
    year: int,
    day: dt.date,
    codes: Iterable[str] | None = None,
    policy: Policy | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Document:
    """The unit's staff and the unit itself as a collective whose members are its staff that year, with the
    context of each unit of its subtree for the unit-level caps (``person_facts`` per batch of ``BATCH`` people
    and four more queries: the subtree's units, the unit's awards, its approved registrations, its cluster lead); ``progress(done, total)`` is told after each batch."""
    ids = staff_of(unit, year)
    persons_list: list[PersonFacts] = []
    for batch in facts_in_batches(ids, day=day, year=year):
        persons_list += batch
        if progress is not None:
            progress(len(persons_list), len(ids))
    persons = tuple(persons_list)
    paths = dict(OrgUnit.objects.filter(path__startswith=unit.path).values_list("code", "path"))
    within = set(paths)
    rows = Award.objects.filter(unit=unit, decision__decision_date__lte=day, kind__code__in=_COLLECTIVE).values_list(*_AWARD_FIELDS)
    registered = approved_titles(unit_ids=[unit.pk], year=year).get(unit.pk, {})
    collective = CollectiveFacts(
        id=f"unit-{unit.pk}",
        name=unit.name,
        unit=unit.code,
        awards=tuple(_award(*r) for r in rows),
        cluster_leader=cluster_leader(unit, year),
        members=(None,) * len(persons),  # type: ignore[arg-type]  # filled from ``member_refs``, as the JSON parser does
        registered=_registered({c: _local_day(at) for c, at in registered.items() if c in _COLLECTIVE}),
    )
    return Document(
        day=day,
        year=year,
        codes=tuple(codes or DEFAULT_BOOK.codes),
        policy=policy or policy_for({p.unit: paths.get(p.unit, "") for p in persons} | {unit.code: unit.path}),
        persons=persons,
        collectives=(collective,),
        member_refs={collective.id: tuple((i, p.id) for i, p in enumerate(persons))},
        units=unit_context(persons, year=year, day=day, within=within),
    )


def evaluate_document_facts(doc: Document) -> Evaluation:
    """``evaluation.evaluate_outcomes`` with the collector paused (the same answers, faster)."""
    with gc_paused():
        return evaluate_outcomes(doc)


def evaluate_unit(*, actor, unit: OrgUnit, year: int, day: dt.date | None = None, codes: Iterable[str] | None = None) -> Evaluation:
    """Who in the unit and its subtree qualifies for what in school year ``year``, in one batch pass."""
    if not scope_for(actor).can_read_unit(unit):
        raise Http404
    return evaluate_document_facts(unit_document(unit=unit, year=year, day=day or day_for(year), codes=codes))


def person_document(*, person_ids: list[int], day: dt.date, year: int | None = None, codes: Iterable[str] | None = None) -> Document:
    year = year_of(day) if year is None else year
    facts = tuple(person_facts(person_ids, day=day, year=year))
    policy = policy_for(unit_codes={p.unit for p in facts})
    return Document(
        day=day, year=year, codes=tuple(codes or DEFAULT_BOOK.codes), policy=policy, persons=facts, collectives=(), member_refs={}
    )


def evaluate_person_ids(*, person_ids: list[int], day: dt.date, year: int | None = None, codes: Iterable[str] | None = None) -> Evaluation:
    """Evaluate people already known to be visible (the caller checked access)."""
    return evaluate_document_facts(person_document(person_ids=person_ids, day=day, year=year, codes=codes))


def evaluate_person(
    *, person: Person, day: dt.date | None = None, year: int | None = None, codes: Iterable[str] | None = None
) -> Evaluation:
    """What a person (already access-checked) qualifies for, and what is missing for the next title up (10 queries);
    ``day``: by default today in Vietnam."""
    return evaluate_document_facts(person_document(person_ids=[person.pk], day=day or timezone.localdate(), year=year, codes=codes))


def facts_in_batches(person_ids: list[int], *, day: dt.date, year: int | None = None, size: int = BATCH) -> Iterator[list[PersonFacts]]:
    """Stream facts in bounded batches (memory stays flat on a province)."""
    for i in range(0, len(person_ids), size):
        yield person_facts(person_ids[i : i + size], day=day, year=year)


def confirmations_recorded(*, person: Person, school_year: SchoolYear) -> dict[str, Confirmation]:
    """The confirmation rows of a person (already access-checked) for a school year, by fact."""
    rows = Confirmation.objects.filter(person=person, school_year=school_year).select_related("confirmed_by")
    return {c.fact: c for c in rows}


def confirmations_of(*, person: Person, school_year: SchoolYear) -> list[dict]:
    """What officers confirmed for a person (already access-checked) in a school year: every fact the rules in
    force that year ask them to confirm, then any other fact recorded (value ``None``: not confirmed)."""
    recorded = confirmations_recorded(person=person, school_year=school_year)
    facts = confirmation_facts(DEFAULT_BOOK, day=day_for(year_of(school_year.start_date)))
    others = [f for fact, f in confirmation_facts(DEFAULT_BOOK).items() if fact in recorded and fact not in facts]
    out = []
    for fact in [*facts.values(), *others]:
        row = recorded.get(fact.fact)
        out.append(
            {
                "fact": fact.fact,
                "label": fact.label,
                "titles": list(fact.codes),
                "value": row.value if row else None,
                "basis": row.basis if row else "",
                "confirmed_by": row.confirmed_by.get_username() if row else None,
                "confirmed_at": row.confirmed_at if row else None,
            }
        )
    return out


def ballots_recorded(*, person: Person, school_year: SchoolYear) -> dict[str, BallotTally]:
    """The council's ballots recorded for a person (already access-checked) in a school year, by title."""
    rows = BallotTally.objects.filter(person=person, school_year=school_year).select_related("entered_by")
    return {b.code: b for b in rows}


def ballots_of(*, person: Person, school_year: SchoolYear) -> list[dict]:
    """The council's ballots of a person (already access-checked) in a school year, with their share and the
    threshold of the rule in force that year for each title voted on."""
    day = day_for(year_of(school_year.start_date))
    out = []
    for code, b in sorted(ballots_recorded(person=person, school_year=school_year).items()):
        rule = DEFAULT_BOOK.on(code, day)
        vote = next((c for c in rule.criteria if isinstance(c.params, CouncilVote)), None) if rule else None
        out.append(
            {
                "code": b.code,
                "school_year": school_year.code,
                "total_members": b.total_members,
                "in_favour": b.in_favour,
                "in_favour_written": b.in_favour_written,
                "session_date": b.session_date,
                "basis": b.basis,
                "threshold": str(vote.params.threshold) if vote else None,
                "citation": str(vote.cite) if vote else None,
                "entered_by": b.entered_by.get_username(),
                "entered_at": b.entered_at,
            }
        )
    return out
