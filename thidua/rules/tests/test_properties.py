"""Hypothesis properties over random careers."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.rules.engine.facade import Engine
from thidua.rules.engine.facts import RATINGS, SCOPES, AwardHeld, DisciplineFact, Initiative, PersonFacts, YearRecord
from thidua.rules.engine.rulesets import DEFAULT_BOOK

from .builders import DAYS

YEARS = range(2014, 2025)
CHAIN = ("LDTT", "CSTDCS", "CSTD_BO_TINH")
INDIVIDUAL = [c for c in DEFAULT_BOOK.codes if DEFAULT_BOOK.subject_of(c) == "individual"]
# Long-serving staff, and recruits around the 10-month line of each regime's consideration date (15 July).
SERVICE_STARTS = [None, dt.date(2000, 9, 1), dt.date(2024, 12, 1), dt.date(2022, 9, 16), dt.date(2022, 9, 17), dt.date(2023, 8, 1),
                  dt.date(2024, 9, 1), dt.date(2024, 9, 16)]  # fmt: skip


@st.composite
def people(draw):
    ratings = draw(st.dictionaries(st.sampled_from(YEARS), st.sampled_from(RATINGS), max_size=11))
    titles = draw(st.lists(st.tuples(st.sampled_from(["LDTT", "CSTDCS", "CSTD_BO_TINH", "BK_BO_TINH", "BK_TTG"]), st.sampled_from(YEARS),
                                     st.sampled_from(["annual", "ad_hoc", "thematic"])), max_size=8))  # fmt: skip
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
    worse = PersonFacts(**{**{f: getattr(p, f) for f in p.__dataclass_fields__},
                          "disciplines": (*p.disciplines, DisciplineFact(form, status, dt.date(year + 1, 1, 1), None))})  # fmt: skip
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
