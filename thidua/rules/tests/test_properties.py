"""Hypothesis properties over random careers; the sharing engine against the reference (``Engine(share=False)``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.rules.engine.facade import Engine
from thidua.rules.engine.facts import (
    RATINGS,
    SCOPES,
    AwardHeld,
    BallotFact,
    DisciplineFact,
    Initiative,
    LeaveFact,
    PersonFacts,
    YearRecord,
)
from thidua.rules.engine.rulesets import DEFAULT_BOOK

from .builders import DAYS

YEARS = range(2014, 2025)
CHAIN = ("LDTT", "CSTDCS", "CSTD_BO_TINH")
INDIVIDUAL = [c for c in DEFAULT_BOOK.codes if DEFAULT_BOOK.subject_of(c) == "individual"]
# Long-serving staff, and recruits around the 10-month line of each regime's consideration date (15 July).
SERVICE_STARTS = [
    None,
    dt.date(2000, 9, 1),
    dt.date(2024, 12, 1),
    dt.date(2022, 9, 16),
    dt.date(2022, 9, 17),
    dt.date(2023, 8, 1),
    dt.date(2024, 9, 1),
    dt.date(2024, 9, 16),
]


@st.composite
def people(draw):
    ratings = draw(st.dictionaries(st.sampled_from(YEARS), st.sampled_from(RATINGS), max_size=11))
    titles = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["LDTT", "CSTDCS", "CSTD_BO_TINH", "BK_BO_TINH", "BK_TTG"]),
                st.sampled_from(YEARS),
                st.sampled_from(["annual", "ad_hoc", "thematic"]),
            ),
            max_size=8,
        )
    )
    inits = draw(st.lists(st.tuples(st.sampled_from(SCOPES), st.sampled_from(YEARS)), max_size=4))
    confirmed = draw(st.dictionaries(st.sampled_from(["ldtt_qualities", "outstanding", "ngut_qualities"]), st.booleans()))
    return PersonFacts(
        id="h",
        service_start=draw(st.sampled_from(SERVICE_STARTS)),
        sector_start=draw(st.sampled_from([None, dt.date(1999, 9, 1), dt.date(2012, 9, 1)])),
        teaching_years=draw(st.sampled_from([None, 5, 16, 22])),
        staff_type=draw(st.sampled_from([None, "teacher", "manager"])),
        history=tuple(YearRecord(y, r) for y, r in sorted(ratings.items())),
        awards=tuple(AwardHeld(c, y, t) for c, y, t in titles),
        initiatives=tuple(Initiative(f"i{i}", s, y) for i, (s, y) in enumerate(inits)),
        confirmed=confirmed,
    )


VOTE_CODES = ("CSTDCS", "CSTD_BO_TINH", "CSTDTQ")  # the individual titles the council votes on
FRACTIONS = [None, Fraction(0), Fraction(1183, 100), Fraction(15), Fraction(2, 3), Fraction(25)]


@st.composite
def rich_people(draw):
    """``people()`` with the facts the database holds besides: gender, service in hard areas, leaves,
    disciplines, decided awards with stated periods, sector years."""
    p = draw(people())
    year = draw(st.sampled_from(YEARS))
    leaves = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["maternity", "training", "sick", "unpaid", "sent_to_study", "military_service"]),
                st.integers(0, 300),
                st.integers(1, 400),
            ),
            max_size=2,
        )
    )
    # Years away before the first day in the sector (counted for the KNC from TT 29/2023) and the council's ballots.
    away = draw(st.lists(st.tuples(st.sampled_from(["sent_to_study", "military_service"]), st.integers(200, 1500)), max_size=1))
    ballots = draw(
        st.lists(
            st.tuples(
                st.sampled_from(VOTE_CODES),
                st.sampled_from([2022, 2023, 2024]),
                st.integers(0, 15),
                st.integers(0, 2),
                st.integers(-30, 30),
            ),
            max_size=2,
            unique_by=lambda b: (b[0], b[1]),
        )
    )
    disciplines = draw(
        st.lists(
            st.tuples(st.sampled_from(["reprimand", "warning"]), st.sampled_from(["pending", "in_effect"]), st.sampled_from(YEARS)),
            max_size=1,
        )
    )
    decided = draw(
        st.lists(
            st.tuples(st.sampled_from(["LDTT", "CSTDCS", "GK", "NGUT", "KNC_GD"]), st.sampled_from(YEARS), st.booleans(), st.booleans()),
            max_size=3,
        )
    )
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


regimes = st.sampled_from(list(DAYS.values()))


@settings(max_examples=60, deadline=None)
@given(people(), regimes)
def test_eligible_for_a_higher_title_means_the_lower_one_is_met_or_held(p, day):
    year = day.year - 1
    engine = Engine()
    for lower, higher in itertools.pairwise(CHAIN):
        if engine.evaluate(p, higher, year=year, day=day).eligible:
            assert engine.evaluate(p, lower, year=year, day=day).eligible or p.holds(lower, year), (lower, higher)


@settings(max_examples=60, deadline=None)
@given(people(), regimes, st.sampled_from(["reprimand", "warning", "dismissal"]), st.sampled_from(["pending", "in_effect"]))
def test_adding_a_disqualifying_fact_never_makes_anyone_eligible(p, day, form, status):
    year = day.year - 1
    before = {c: Engine().evaluate(p, c, year=year, day=day).eligible for c in INDIVIDUAL}
    worse = PersonFacts(
        **{
            **{f: getattr(p, f) for f in p.__dataclass_fields__},
            "disciplines": (*p.disciplines, DisciplineFact(form, status, dt.date(year + 1, 1, 1), None)),
        }
    )
    after = {c: Engine().evaluate(worse, c, year=year, day=day).eligible for c in INDIVIDUAL}
    assert all(before[c] or not after[c] for c in INDIVIDUAL), [c for c in INDIVIDUAL if after[c] and not before[c]]


@settings(max_examples=40, deadline=None)
@given(people(), regimes)
def test_every_outcome_lists_every_criterion_with_reason_and_citation(p, day):
    for code in INDIVIDUAL:
        rule = DEFAULT_BOOK.on(code, day)
        outcome = Engine().evaluate(p, code, year=day.year - 1, day=day)
        assert [c.key for c in outcome.criteria] == [c.key for c in rule.criteria]
        for c in outcome.criteria:
            assert c.reason and str(c.citation) and c.tag in ("confirmed", "partial", "unconfirmed")
            assert (c.status.value == "met") or c.missing or c.reason


# One day per rule version (as ``test_reasons``): QĐ 27/2005 and TT 22/2018, TT 22/2018 and TT 29/2023, NĐ 152.
COMPARED_DAYS = [
    dt.date(2016, 6, 15),
    dt.date(2019, 7, 15),
    dt.date(2023, 6, 30),
    dt.date(2024, 1, 20),
    dt.date(2024, 7, 15),
    dt.date(2025, 6, 15),
    dt.date(2025, 11, 20),
    dt.date(2026, 7, 15),
]


def differences(crowd: list[PersonFacts], day: dt.date, order: list[int] | None = None, engine: Engine | None = None) -> list[str]:
    """Where one sharing engine for the whole crowd (evaluated in ``order``) answers otherwise than the
    reference engine for each person alone: outcome by outcome (every field, every criterion's status, reason,
    missing text and children) and the next titles up. Empty when they agree."""
    year = day.year - 1 if day.month < 9 else day.year
    shared = engine or Engine()
    answers = {}
    for i in order if order is not None else range(len(crowd)):
        p = crowd[i]
        answers[i] = (shared.evaluate_all(p, INDIVIDUAL, year=year, day=day), shared.next_up(p, year=year, day=day))
    found = []
    for i, p in enumerate(crowd):
        reference = Engine(share=False)
        outcomes, nexts = answers[i]
        expected = reference.evaluate_all(p, INDIVIDUAL, year=year, day=day)
        for got, want in zip(outcomes, expected, strict=True):
            if got != want:
                first = next(
                    (f"{a.key}: {a.reason!r} instead of {b.reason!r}" for a, b in zip(got.criteria, want.criteria, strict=False) if a != b),
                    "",
                )
                found.append(f"{p.id} {got.code}: {got.verdict.value} instead of {want.verdict.value}; {first}")
        if nexts != reference.next_up(p, year=year, day=day):
            found.append(f"{p.id}: next titles {nexts!r}")
    return found


@settings(max_examples=80, deadline=None)
@given(crowds(), st.sampled_from(COMPARED_DAYS), st.data())
def test_one_sharing_engine_for_a_shuffled_crowd_answers_as_the_reference_for_each_person(crowd, day, data):
    order = data.draw(st.permutations(range(len(crowd))))

    assert differences(crowd, day, order) == []
