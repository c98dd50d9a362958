"""Frozen facts about a person or a collective: the only input of the engine.

School years are ints (2024 = năm học 2024-2025, 1 September to 31 August, as ``years.SchoolYear``).
Codes match the database: ratings ``people.Rating``, discipline ``people.DisciplineForm``, leave
``people.LeaveKind``, award types ``awards.AwardType``, initiative scope ``awards.InitiativeScope`` and
title codes ``awards.catalogue``. A fact that is ``None`` is unknown; the engine never guesses it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from fractions import Fraction
from types import MappingProxyType

from .sharing.fastinit import fast_init

RATINGS = ("not_completed", "completed", "good", "excellent")  # lowest first
RATING_RANK = {r: i for i, r in enumerate(RATINGS)}
DISCIPLINE_FORMS = ("reprimand", "warning", "salary_downgrade", "demotion", "removal", "dismissal")  # lightest first
DISCIPLINE_RANK = {f: i for i, f in enumerate(DISCIPLINE_FORMS)}
DISCIPLINE_STATUSES = ("pending", "in_effect")
LEAVE_KINDS = ("maternity", "training", "sick", "other", "sent_to_study", "military_service")
# Periods away from the sector that count as time in it when the person returned (TT 29/2023 Điều 8.1.a):
# được cử đi học, thực hiện nghĩa vụ quân sự.
AWAY_KINDS = ("sent_to_study", "military_service")
AWARD_TYPES = ("annual", "campaign", "thematic", "ad_hoc", "career", "seniority")
# Types whose results feed merit chains: the same set as ``awards.models.MERIT_TYPES`` (NĐ 152/2025 Điều 4.3
# excludes ad-hoc and thematic results; campaign results are not công trạng either).
MERIT_TYPES = frozenset({"annual", "career", "seniority"})
SCOPES = ("unit", "province", "national")  # cơ sở → bộ/ngành/tỉnh → toàn quốc
SCOPE_RANK = {s: i for i, s in enumerate(SCOPES)}
INITIATIVE_KINDS = ("initiative", "research")  # sáng kiến; đề tài/đề án/công trình KH&CN đã nghiệm thu
STAFF_TYPES = ("manager", "teacher", "staff", "worker", "researcher")
GENDERS = ("male", "female")


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of school year ``year`` (2024 → 01/09/2024 – 31/08/2025)."""
    return dt.date(year, 9, 1), dt.date(year + 1, 8, 31)


def year_of(day: dt.date) -> int:
    """The school year containing ``day``."""
    return day.year if day.month >= 9 else day.year - 1


def year_label(year: int) -> str:
    return f"{year}-{year + 1}"


def overlaps(start: dt.date, end: dt.date | None, lo: dt.date, hi: dt.date) -> bool:
    return start <= hi and (end is None or end >= lo)


@fast_init
@dataclass(frozen=True)
class YearRecord:
    year: int
    rating: str | None = None


@fast_init
@dataclass(frozen=True)
class AwardHeld:
    """A title or form already granted (from either regime: DOMAIN §1.1, Luật 2022 Điều 95)."""

    code: str
    year: int  # the school year of the achievement (last year of the period for multi-year titles)
    award_type: str = "annual"
    decision_date: dt.date | None = None
    period_start: dt.date | None = None  # achievement period stated in the decision (NĐ 98 Điều 30.9)
    period_end: dt.date | None = None
    decision_number: str = ""
    revoked: bool = False

    @property
    def is_merit(self) -> bool:
        return self.award_type in MERIT_TYPES and not self.revoked

    def span(self, default_years: int = 1) -> tuple[int, int]:
        """(first, last) school year of the achievement period; without a stated period, the ``default_years``
        ending with ``year`` (the fallback of NĐ 98 Điều 30.9 is unconfirmed, DOMAIN §3)."""
        last = year_of(self.period_end) if self.period_end else self.year
        first = year_of(self.period_start) if self.period_start else last - default_years + 1
        return first, last


@fast_init
@dataclass(frozen=True)
class Usage:
    code: str
    year: int | None = None


@fast_init
@dataclass(frozen=True)
class Initiative:
    id: str
    scope: str  # unit | province | national
    year: int  # school year of recognition
    kind: str = "initiative"
    title: str = ""
    recognised_on: dt.date | None = None
    used_for: tuple[Usage, ...] = ()


@fast_init
@dataclass(frozen=True)
class DisciplineFact:
    form: str
    status: str = "in_effect"
    start: dt.date | None = None
    end: dt.date | None = None  # None: still running (or the end is unknown)


@fast_init
@dataclass(frozen=True)
class LeaveFact:
    kind: str
    start: dt.date
    end: dt.date


@fast_init
@dataclass(frozen=True)
class BallotFact:
    """The council's secret ballot on one title for one school year (NĐ 98/2023 Điều 30.7): the denominator is
    the council's whole membership; absent members who vote in writing count among those in favour."""

    code: str  # the title voted on
    year: int  # the school year of the achievement
    total_members: int
    in_favour: int  # in favour at the session
    in_favour_written: int = 0  # absent members in favour, in writing
    session_date: dt.date | None = None  # a ballot whose session is after the evaluation date is not known yet


def ballot_for(ballots: tuple[BallotFact, ...], code: str, year: int, day: dt.date) -> BallotFact | None:
    """The ballot on ``code`` for ``year`` known on ``day`` (held by then), if any."""
    for b in ballots:
        if b.code == code and b.year == year and (b.session_date is None or b.session_date <= day):
            return b
    return None


@fast_init
@dataclass(frozen=True)
class RegistrationFact:
    """A title approved in the subject's registration (đăng ký thi đua) for the evaluated school year."""

    code: str
    approved_on: dt.date | None = None  # the day the head (or the level above) approved it; None: not known


def _frozen_map(value: Mapping[str, bool] | None) -> Mapping[str, bool]:
    return MappingProxyType(dict(value or {}))


def _reduce(obj) -> tuple:
    """Pickle a facts object through its constructor (a ``MappingProxyType`` cannot be pickled): facts cross
    process boundaries when a batch pass spreads the evaluation over several cores."""
    return type(obj), tuple(dict(v) if isinstance(v, MappingProxyType) else v for v in (getattr(obj, f.name) for f in fields(obj)))


@fast_init
@dataclass(frozen=True)
class PersonFacts:
    id: str
    name: str = ""
    unit: str = ""
    gender: str | None = None
    staff_type: str | None = None
    service_start: dt.date | None = None  # recruitment (tuyển dụng) date
    sector_start: dt.date | None = None  # first day in the education sector
    sector_years: Fraction | None = None  # explicit years in the sector (wins over sector_start)
    teaching_years: Fraction | None = None  # years of direct teaching (NGƯT/NGND)
    hardship_years: Fraction | None = None  # years served in border, island, sea or ĐBKK areas
    hardship_teaching_years: Fraction | None = None  # the part of teaching_years served there (counts × 2)
    in_hardship_area_now: bool | None = None
    pending_investigation: bool | None = None
    history: tuple[YearRecord, ...] = ()
    awards: tuple[AwardHeld, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    disciplines: tuple[DisciplineFact, ...] = ()
    leaves: tuple[LeaveFact, ...] = ()
    confirmed: Mapping[str, bool] = field(default_factory=lambda: MappingProxyType({}))
    ballots: tuple[BallotFact, ...] = ()  # the council's votes on this person's titles
    registered: tuple[RegistrationFact, ...] = ()  # approved registrations for the evaluated year (``registration``)

    def __post_init__(self) -> None:
        object.__setattr__(self, "confirmed", _frozen_map(self.confirmed))
        object.__setattr__(self, "_ratings", {r.year: r.rating for r in self.history})

    def __reduce__(self):
        return _reduce(self)

    def rating(self, year: int) -> str | None:
        return self._ratings.get(year)  # type: ignore[attr-defined]

    def merit_awards(self, codes: tuple[str, ...] | frozenset[str]) -> list[AwardHeld]:
        return [a for a in self.awards if a.code in codes and a.is_merit]

    def holds(self, code: str, year: int) -> bool:
        """A merit award of ``code`` for school year ``year`` (ad-hoc and thematic ones do not count)."""
        return any(a.code == code and a.is_merit and a.year == year for a in self.awards)

    def ever_held(self, code: str) -> bool:
        return any(a.code == code and not a.revoked for a in self.awards)

    def disciplines_in(self, year: int, *, status: str = "in_effect") -> list[DisciplineFact]:
        lo, hi = year_bounds(year)
        return [d for d in self.disciplines if d.status == status and d.start is not None and overlaps(d.start, d.end, lo, hi)]


@fast_init
@dataclass(frozen=True)
class MemberFacts:
    """One member of a collective in the evaluated school year."""

    id: str
    titles: frozenset[str] = frozenset()  # titles held (or found eligible) that year, e.g. {"LDTT"}
    rating: str | None = None
    disciplines: tuple[str, ...] = ()  # forms in effect during the year
    proposed: frozenset[str] = frozenset()  # titles counted because the engine found them eligible (not yet awarded)


@fast_init
@dataclass(frozen=True)
class CollectiveFacts:
    id: str
    name: str = ""
    unit: str = ""
    history: tuple[YearRecord, ...] = ()  # the collective's own ratings
    awards: tuple[AwardHeld, ...] = ()
    members: tuple[MemberFacts, ...] | None = None  # None: member list unknown
    cluster_leader: bool | None = None  # dẫn đầu cụm, khối thi đua (input fact, DOMAIN §8.1)
    movement_leader: bool | None = None  # dẫn đầu phong trào chuyên đề ≥ 5 năm
    women_share: Fraction | None = None
    confirmed: Mapping[str, bool] = field(default_factory=lambda: MappingProxyType({}))
    ballots: tuple[BallotFact, ...] = ()  # the council's votes on this collective's titles
    registered: tuple[RegistrationFact, ...] = ()  # the collective's approved registrations for the evaluated year

    def __post_init__(self) -> None:
        object.__setattr__(self, "confirmed", _frozen_map(self.confirmed))
        object.__setattr__(self, "_ratings", {r.year: r.rating for r in self.history})

    def __reduce__(self):
        return _reduce(self)

    def rating(self, year: int) -> str | None:
        return self._ratings.get(year)  # type: ignore[attr-defined]

    def holds(self, code: str, year: int) -> bool:
        return any(a.code == code and a.is_merit and a.year == year for a in self.awards)

    def merit_awards(self, codes: tuple[str, ...] | frozenset[str]) -> list[AwardHeld]:
        return [a for a in self.awards if a.code in codes and a.is_merit]


@fast_init
@dataclass(frozen=True)
class UnitFacts:
    """What is known of a unit as a whole for the evaluated school year, beyond its people in the document
    (the unit-level caps: NĐ 91/2017 Điều 9.3). ``id`` is the code people name as their ``unit``."""

    id: str
    ldtt_count: int  # LĐTT of the unit that year (decided or proposed in this round); at least those the document shows
    cstdcs_decided: int  # CSTĐCS already decided for the unit that year: they fill the cap first
