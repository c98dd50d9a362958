"""Small builders for facts in tests (no database)."""

from __future__ import annotations

import datetime as dt

from thidua.rules.engine.facade import Engine
from thidua.rules.engine.facts import AwardHeld, BallotFact, CollectiveFacts, Initiative, MemberFacts, PersonFacts, Usage, YearRecord
from thidua.rules.engine.rulesets import DEFAULT_BOOK
from thidua.rules.engine.rulesets.votes import THRESHOLDS

OLD = dt.date(2023, 7, 15)  # law2013, school year 2022-2023
ND98 = dt.date(2024, 7, 15)  # law2022_nd98, school year 2023-2024
ND152 = dt.date(2025, 7, 15)  # law2022_nd152, school year 2024-2025
DAYS = {"law2013": OLD, "law2022_nd98": ND98, "law2022_nd152": ND152}


# The council voted for every title that needs a vote, every year, unanimously (15 of 15, on 1 June after the
# year): builders give these by default so a test of another criterion is not stopped by the vote; a test
# of the vote passes ``ballots=``.
VOTE_CODES = tuple(sorted({code for _regime, code in THRESHOLDS}))
VOTED = tuple(BallotFact(code, y, 15, 15, 0, dt.date(y + 1, 6, 1)) for code in VOTE_CODES for y in range(2014, 2031))
VOTED_PERSON = tuple(b for b in VOTED if DEFAULT_BOOK.subject_of(b.code) == "individual")
VOTED_COLLECTIVE = tuple(b for b in VOTED if DEFAULT_BOOK.subject_of(b.code) == "collective")


def year_for(day: dt.date) -> int:
    return day.year - 1 if day.month < 9 else day.year


def person(*, ratings: dict[int, str] | None = None, titles: dict[str, list[int]] | None = None, **kw) -> PersonFacts:
    """A long-serving teacher with confirmed LĐTT qualities; override anything."""
    history = tuple(YearRecord(y, r) for y, r in sorted((ratings or {}).items()))
    awards = list(kw.pop("awards", ()))
    for code, years in (titles or {}).items():
        awards += [AwardHeld(code, y) for y in years]
    confirmed = {"ldtt_qualities": True, "outstanding": True} | kw.pop("confirmed", {})
    defaults = {"id": "p", "service_start": dt.date(2005, 9, 1), "staff_type": "teacher", "gender": "female", "ballots": VOTED_PERSON}
    return PersonFacts(**(defaults | kw), history=history, awards=tuple(awards), confirmed=confirmed)


def init(iid: str, scope: str, year: int, *, kind: str = "initiative", used: tuple[tuple[str, int | None], ...] = ()) -> Initiative:
    return Initiative(iid, scope, year, kind, used_for=tuple(Usage(c, y) for c, y in used))


def collective(*, members, rating="good", confirmed=None, **kw) -> CollectiveFacts:
    conf = {"emulation_regular": True, "solidarity_compliance": True} | (confirmed or {})
    kw.setdefault("ballots", VOTED_COLLECTIVE)
    return CollectiveFacts(id="c", members=tuple(members), history=(YearRecord(kw.pop("year", 2024), rating),), confirmed=conf, **kw)


def members(ldtt: int, other: int, *, rating="good", cstdcs: int = 0, disciplines=()) -> list[MemberFacts]:
    out = [MemberFacts(f"m{i}", frozenset({"LDTT"}), rating) for i in range(ldtt)]
    out += [MemberFacts(f"n{i}", frozenset(), rating, tuple(disciplines) if i == 0 else ()) for i in range(other)]
    for i in range(cstdcs):
        out[i] = MemberFacts(out[i].id, frozenset({"LDTT", "CSTDCS"}), rating)
    return out


def verdict(facts, code: str, day: dt.date, year: int | None = None) -> str:
    return Engine().evaluate(facts, code, year=year if year is not None else year_for(day), day=day).verdict.value


def status_of(facts, code: str, key: str, day: dt.date, year: int | None = None) -> str:
    outcome = Engine().evaluate(facts, code, year=year if year is not None else year_for(day), day=day)
    return next(c.status.value for c in outcome.criteria if c.key == key)
