"""Rules as data: a ``Rule`` per title or form per regime, made of ``Criterion`` entries whose ``params``
(one frozen dataclass per evaluator kind, validated on construction) name the evaluator.

A system admin adjusts rules tagged ⚠️ / ❓ by editing the data in ``rulesets/`` (or passing a modified
rule book to the engine); the evaluators never change for that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from .facts import AWAY_KINDS, DISCIPLINE_FORMS, INITIATIVE_KINDS, LEAVE_KINDS, RATINGS, SCOPES
from .outcomes import Citation

TAGS = ("confirmed", "partial", "unconfirmed")
ROUNDINGS = ("floor", "half_up", "ceil")


class RuleError(ValueError):
    """A rule's data is invalid (raised when the rule book is built, never while evaluating)."""


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise RuleError(message)


# -- windows --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Window:
    """Which school years a chain or count may use, ending with the evaluated year.

    ``reset_by``: the window starts after the achievement period of the last such award (NĐ 98 Điều 30.9).
    ``after_prereq``: the window starts after a prerequisite award that ended at least ``min_years`` ago.
    ``discipline_resets``: achievements count from the end of a discipline period (NĐ 152 Điều 4.4).
    ``span``: at most this many years.
    """

    reset_by: tuple[str, ...] = ()
    after_prereq: tuple[str, ...] = ()
    min_years: int = 0
    discipline_resets: bool = False
    span: int | None = None
    run_rating: str | None = None  # and within the unbroken run of ratings at least this good ("trong thời gian đó")

    def __post_init__(self) -> None:
        _check(self.min_years >= 0, "min_years >= 0")
        _check(self.run_rating is None or self.run_rating in RATINGS, "run_rating")
        _check(self.span is None or self.span >= 1, "span >= 1")


# -- individual criteria ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class RatingAtLeast:
    min: str

    def __post_init__(self) -> None:
        _check(self.min in RATINGS, f"rating {self.min!r}")


@dataclass(frozen=True)
class Confirmed:
    """A qualitative criterion only people can judge: an explicit fact the officer confirms."""

    fact: str

    def __post_init__(self) -> None:
        _check(bool(self.fact), "fact")


@dataclass(frozen=True)
class NoDiscipline:
    min_form: str

    def __post_init__(self) -> None:
        _check(self.min_form in DISCIPLINE_FORMS, f"form {self.min_form!r}")


@dataclass(frozen=True)
class NoPending:
    """No pending discipline, investigation or inspection (NĐ 152 Điều 4.4)."""


@dataclass(frozen=True)
class MinService:
    months: int
    counted_leave: tuple[str, ...] = ("maternity", "sick")
    training_counts_below_months: int | None = 12

    def __post_init__(self) -> None:
        _check(1 <= self.months <= 12, "months 1..12")
        _check(all(k in LEAVE_KINDS for k in self.counted_leave), "leave kinds")


@dataclass(frozen=True)
class MeetsStandard:
    """Meets the standard of another title in the same year (e.g. CSTĐCS needs the LĐTT standard)."""

    code: str


@dataclass(frozen=True)
class InitiativeCount:
    n: int
    min_scope: str = "unit"
    kinds: tuple[str, ...] = INITIATIVE_KINDS
    window: Window = field(default_factory=lambda: Window(span=1))
    extra_to_titles: tuple[str, ...] = ()  # Bộ Nội vụ reading of Điều 74.1.d: not those used for these titles

    def __post_init__(self) -> None:
        _check(self.n >= 1, "n >= 1")
        _check(self.min_scope in SCOPES, f"scope {self.min_scope!r}")
        _check(bool(self.kinds) and all(k in INITIATIVE_KINDS for k in self.kinds), "kinds")


@dataclass(frozen=True)
class PriorAward:
    """Holds one of ``window.after_prereq`` ending at least ``window.min_years`` before the evaluated year."""

    window: Window

    def __post_init__(self) -> None:
        _check(bool(self.window.after_prereq), "after_prereq")


@dataclass(frozen=True)
class RatingRun:
    min: str
    years: int
    window: Window = field(default_factory=Window)

    def __post_init__(self) -> None:
        _check(self.min in RATINGS, f"rating {self.min!r}")
        _check(self.years >= 1, "years >= 1")


@dataclass(frozen=True)
class RatingCount:
    min: str
    n: int
    window: Window = field(default_factory=Window)

    def __post_init__(self) -> None:
        _check(self.min in RATINGS and self.n >= 1, "params")


@dataclass(frozen=True)
class TitleChain:
    """``years`` consecutive school years holding ``code``, ending with the evaluated year."""

    code: str
    years: int
    window: Window = field(default_factory=Window)
    same_cycle: bool = True  # the evaluated year may count if the title's standard is met in this round

    def __post_init__(self) -> None:
        _check(self.years >= 1, "years >= 1")


@dataclass(frozen=True)
class TitleCount:
    code: str
    n: int
    window: Window = field(default_factory=Window)
    same_cycle: bool = True

    def __post_init__(self) -> None:
        _check(self.n >= 1, "n >= 1")


@dataclass(frozen=True)
class AwardChain:
    """``n`` consecutive awards of a multi-year title (periods that follow each other without a gap)."""

    code: str
    n: int
    default_span: int = 3
    max_lag: int = 1  # the last one may end this many years before the evaluated year

    def __post_init__(self) -> None:
        _check(self.n >= 1 and self.default_span >= 1 and self.max_lag >= 0, "n, span, lag")


@dataclass(frozen=True)
class ChainWithInitiatives:
    """Luật 2022 Điều 74.1.d: ``years`` consecutive ``title`` or ``years`` consecutive years rated ``rating``,
    and in that period ``n`` initiatives of ``min_scope`` (extra to those used for ``title``)."""

    title: str
    rating: str
    years: int
    n: int
    min_scope: str = "unit"
    extra_to_title: bool = True
    window: Window = field(default_factory=Window)

    def __post_init__(self) -> None:
        _check(self.rating in RATINGS and self.min_scope in SCOPES and self.years >= 1 and self.n >= 1, "params")


@dataclass(frozen=True)
class NotHeld:
    """Awarded once only."""

    code: str


@dataclass(frozen=True)
class HasAward:
    codes: tuple[str, ...]

    def __post_init__(self) -> None:
        _check(bool(self.codes), "codes")


@dataclass(frozen=True)
class SectorYears:
    """Years in the education sector up to the evaluation date, discipline periods excluded."""

    years: int
    hardship_years: int | None = None  # reduced requirement for people working in ĐBKK areas now
    hardship_min_years: int = 5
    exclude_discipline: bool = True
    by_gender: tuple[tuple[str, int], ...] = ()  # overrides ``years`` (QĐ 27/2005: men 25, women 20)
    # Periods away that count as time in the sector (TT 29/2023 Điều 8.1.a: sent to study, military service).
    counted_away: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check(self.years >= 1, "years >= 1")
        _check(all(k in AWAY_KINDS for k in self.counted_away), "counted_away")


@dataclass(frozen=True)
class TeachingTenure:
    """Luật 2022 Điều 64: teachers need ``teaching`` years of direct teaching; managers and researchers
    ``sector`` years in the sector with ``manager_teaching`` of teaching; hardship time counts × multiplier."""

    teaching: int
    sector: int
    manager_teaching: int
    multiplier: int = 2


VOTE_KEY = "council_vote"  # the key of a ``CouncilVote`` criterion in every rule (read by same-round checks)


@dataclass(frozen=True)
class CouncilVote:
    """The council's secret ballot: at least ``threshold`` of its total membership in favour, absent members
    voting in writing counted (NĐ 98/2023 Điều 30.7). Individual and collective titles alike."""

    threshold: Fraction

    def __post_init__(self) -> None:
        object.__setattr__(self, "threshold", Fraction(self.threshold))
        _check(0 < self.threshold <= 1, "0 < threshold <= 1")


@dataclass(frozen=True)
class NotModelled:
    """The regime has no rule the engine can evaluate: says so with the citation."""

    statement: str


# -- collective criteria ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class CollectiveRating:
    min: str

    def __post_init__(self) -> None:
        _check(self.min in RATINGS, f"rating {self.min!r}")


@dataclass(frozen=True)
class MemberShare:
    """Share of members holding one of ``titles`` compared exactly (``>`` or ``>=``) with ``ratio``."""

    ratio: Fraction
    op: str = ">="
    titles: tuple[str, ...] = ("LDTT", "CSTDCS", "CSTD_BO_TINH", "CSTDTQ")

    def __post_init__(self) -> None:
        object.__setattr__(self, "ratio", Fraction(self.ratio))
        _check(0 < self.ratio <= 1, "0 < ratio <= 1")
        _check(self.op in (">", ">="), "op")


@dataclass(frozen=True)
class AllMembersAtLeast:
    min: str

    def __post_init__(self) -> None:
        _check(self.min in RATINGS, f"rating {self.min!r}")


@dataclass(frozen=True)
class NoMemberDiscipline:
    min_form: str

    def __post_init__(self) -> None:
        _check(self.min_form in DISCIPLINE_FORMS, f"form {self.min_form!r}")


@dataclass(frozen=True)
class HasMemberWith:
    titles: tuple[str, ...]


@dataclass(frozen=True)
class LeadsCluster:
    """Dẫn đầu cụm/khối thi đua (or a thematic movement of ≥ 5 years when ``or_movement``)."""

    or_movement: bool = True


@dataclass(frozen=True)
class CollectiveRun:
    """``years`` consecutive years with the collective rated ``rating`` or holding ``title``."""

    years: int
    rating: str | None = None
    title: str | None = None

    def __post_init__(self) -> None:
        _check(self.years >= 1 and (self.rating in RATINGS or self.title), "params")


# -- unit-level caps -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class UnitCap:
    """At most ``ratio`` × the unit's ``of`` titles of the year may receive the rule's title (NĐ 91/2017
    Điều 9.3: CSTĐCS ≤ 15 % of the unit's LĐTT). Checked over a unit's people (``units.py``), not per person.
    The law states no rounding: ``rounding`` is data with its own tag (DOMAIN is silent, ❓)."""

    ratio: Fraction
    cite: Citation
    label: str
    of: str = "LDTT"
    tag: str = "confirmed"
    rounding: str = "floor"
    rounding_tag: str = "unconfirmed"

    def __post_init__(self) -> None:
        object.__setattr__(self, "ratio", Fraction(self.ratio))
        _check(0 < self.ratio <= 1, "0 < ratio <= 1")
        _check(self.rounding in ROUNDINGS, f"rounding {self.rounding!r}")
        _check(self.tag in TAGS and self.rounding_tag in TAGS, "tags")

    def limit(self, n: int) -> int:
        """The most holders allowed for ``n`` holders of ``of``."""
        x = self.ratio * n
        if self.rounding == "ceil":
            return x.__ceil__()
        if self.rounding == "half_up":
            return (x + Fraction(1, 2)).__floor__()
        return x.__floor__()

    def first_with_one(self) -> int:
        """The smallest number of ``of`` holders that allows one (7 LĐTT for ⌊15 % × n⌋)."""
        return next(n for n in range(1, 10_001) if self.limit(n) >= 1)


# -- composition -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    params: object
    cite: Citation
    tag: str = "confirmed"
    missing: str = ""  # default text of what is missing when not met

    def __post_init__(self) -> None:
        _check(self.tag in TAGS, f"{self.key}: tag {self.tag!r}")
        _check(bool(self.key) and bool(self.label), "key, label")


@dataclass(frozen=True)
class AnyOf:
    options: tuple[Criterion, ...]

    def __post_init__(self) -> None:
        _check(len(self.options) >= 1, "options")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    subject: str  # individual | collective
    category: str  # title | form
    regime: str
    effective_from: dt.date
    effective_to: dt.date | None
    citation: Citation
    tag: str
    criteria: tuple[Criterion, ...]
    version: str = "1"
    note: str = ""
    unit_cap: UnitCap | None = None  # a cap over the unit's people (``units.py``), e.g. CSTĐCS ≤ 15 % of LĐTT

    def __post_init__(self) -> None:
        _check(self.subject in ("individual", "collective"), "subject")
        _check(self.category in ("title", "form"), "category")
        _check(self.tag in TAGS, "tag")
        keys = [c.key for c in self.criteria]
        _check(len(keys) == len(set(keys)), f"{self.code}: duplicate criterion keys")
        _check(self.effective_to is None or self.effective_to >= self.effective_from, "dates")

    def covers(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    @property
    def version_id(self) -> str:
        return f"{self.code}@{self.regime}#{self.version}"


@dataclass(frozen=True)
class Policy:
    """Choices DOMAIN leaves to each council (§3, §10), passed with each evaluation."""

    # An initiative used for one emulation title may serve another title (not expressly barred, ⚠️ [S9]).
    # Title ↔ form reuse is always refused (CV 5007/BNV-TĐKT III.5.c).
    initiative_reuse_across_titles: bool = True
