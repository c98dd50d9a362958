"""Rules as data: a ``Rule`` per title or form per regime, made of ``Criterion`` entries whose ``params``
(one frozen dataclass per evaluator kind, keyword-only, validated on construction) name the evaluator.

A system admin adjusts rules tagged ⚠️ / ❓ by editing the data in ``rulesets/`` (or passing a modified
rule book to the engine); the evaluators never change for that. A threshold is written once, as a
parameter: labels and "còn thiếu" texts name it with a placeholder (``"Công tác đủ {months} tháng"`` beside
``MinService(months=10)``, see ``wording.fill``). ``docs/rules.md`` explains the parameters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from fractions import Fraction

from .facts import AWAY_KINDS, DISCIPLINE_FORMS, GENDERS, INITIATIVE_KINDS, LEAVE_KINDS, RATINGS, SCOPES
from .outcomes import Citation
from .wording import fill

TAGS = ("confirmed", "partial", "unconfirmed")
ROUNDINGS = ("floor", "half_up", "ceil")


class RuleError(ValueError):
    """A rule's data is invalid (raised when the rule book is built, never while evaluating)."""


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise RuleError(message)


def _rating(owner: object, name: str, value: object) -> None:
    _check(value in RATINGS, f"{type(owner).__name__}.{name}: a rating among {RATINGS}, not {value!r}")


def _at_least(owner: object, name: str, value: object, low: int) -> None:
    _check(isinstance(value, int) and value >= low, f"{type(owner).__name__}.{name}: a whole number ≥ {low}, not {value!r}")


def _codes(owner: object, name: str, codes: tuple[str, ...], *, empty: bool = True) -> None:
    _check(isinstance(codes, tuple), f"{type(owner).__name__}.{name}: a tuple of codes, not {codes!r}")
    _check(empty or bool(codes), f"{type(owner).__name__}.{name}: at least one code")
    _check(all(isinstance(c, str) and c for c in codes), f"{type(owner).__name__}.{name}: codes are non-empty strings")


def _ratio(owner: object, name: str) -> None:
    """A share as an exact fraction in (0, 1] (``Fraction(15, 100)``; a float is turned into its exact value)."""
    value = Fraction(getattr(owner, name))
    object.__setattr__(owner, name, value)
    _check(0 < value <= 1, f"{type(owner).__name__}.{name}: a share in (0, 1], not {value}")


# -- windows --------------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
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
        _codes(self, "reset_by", self.reset_by)
        _codes(self, "after_prereq", self.after_prereq)
        _at_least(self, "min_years", self.min_years, 0)
        _check(self.run_rating is None or self.run_rating in RATINGS, f"Window.run_rating: a rating or None, not {self.run_rating!r}")
        _check(self.span is None or (isinstance(self.span, int) and self.span >= 1), f"Window.span: ≥ 1 or None, not {self.span!r}")


# -- individual criteria ---------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class RatingAtLeast:
    """The year's rating is ``min`` or better (``"good"``: hoàn thành tốt nhiệm vụ trở lên)."""

    min: str

    def __post_init__(self) -> None:
        _rating(self, "min", self.min)


@dataclass(frozen=True, kw_only=True)
class Confirmed:
    """A qualitative criterion only people can judge: an explicit fact the officer confirms."""

    fact: str

    def __post_init__(self) -> None:
        _check(isinstance(self.fact, str) and bool(self.fact), "Confirmed.fact: the name of the fact officers confirm")


@dataclass(frozen=True, kw_only=True)
class NoDiscipline:
    """No discipline of ``min_form`` or heavier in the year (``"reprimand"``: từ khiển trách trở lên)."""

    min_form: str

    def __post_init__(self) -> None:
        _check(self.min_form in DISCIPLINE_FORMS, f"NoDiscipline.min_form: one of {DISCIPLINE_FORMS}, not {self.min_form!r}")


@dataclass(frozen=True, kw_only=True)
class NoPending:
    """No pending discipline, investigation or inspection (NĐ 152 Điều 4.4)."""


@dataclass(frozen=True, kw_only=True)
class Registered:
    """The title (or a higher rung of its ladder) is in the subject's approved registration for the year (đăng ký thi
    đua đầu năm học). Met unless ``Policy.registration_required`` names the regime and the subject's unit: by
    default the criterion is shown and never changes the verdict (``engine.registration``, decision 0017)."""


@dataclass(frozen=True, kw_only=True)
class MinService:
    """At least ``months`` months of work in the school year for people recruited during it. Leave of
    ``counted_leave`` counts as work; so does training shorter than ``training_counts_below_months``."""

    months: int
    counted_leave: tuple[str, ...] = ("maternity", "sick")
    training_counts_below_months: int | None = 12

    def __post_init__(self) -> None:
        _check(isinstance(self.months, int) and 1 <= self.months <= 12, f"MinService.months: 1 to 12, not {self.months!r}")
        _check(all(k in LEAVE_KINDS for k in self.counted_leave), f"MinService.counted_leave: kinds among {LEAVE_KINDS}")
        _check(
            self.training_counts_below_months is None or self.training_counts_below_months >= 1,
            "MinService.training_counts_below_months: ≥ 1 or None",
        )


@dataclass(frozen=True, kw_only=True)
class MeetsStandard:
    """Meets the standard of another title in the same year (e.g. CSTĐCS needs the LĐTT standard)."""

    code: str

    def __post_init__(self) -> None:
        _codes(self, "code", (self.code,))


@dataclass(frozen=True, kw_only=True)
class InitiativeCount:
    """At least ``n`` initiatives (or accepted research) of ``min_scope`` or wider, of ``kinds``, in ``window``."""

    n: int
    min_scope: str = "unit"
    kinds: tuple[str, ...] = INITIATIVE_KINDS
    window: Window = field(default_factory=lambda: Window(span=1))
    extra_to_titles: tuple[str, ...] = ()  # Bộ Nội vụ reading of Điều 74.1.d: not those used for these titles

    def __post_init__(self) -> None:
        _at_least(self, "n", self.n, 1)
        _check(self.min_scope in SCOPES, f"InitiativeCount.min_scope: one of {SCOPES}, not {self.min_scope!r}")
        _check(bool(self.kinds) and all(k in INITIATIVE_KINDS for k in self.kinds), f"InitiativeCount.kinds: among {INITIATIVE_KINDS}")
        _codes(self, "extra_to_titles", self.extra_to_titles)


@dataclass(frozen=True, kw_only=True)
class PriorAward:
    """Holds one of ``window.after_prereq`` ending at least ``window.min_years`` before the evaluated year."""

    window: Window

    def __post_init__(self) -> None:
        _check(bool(self.window.after_prereq), "PriorAward.window: names the prior award in after_prereq")


@dataclass(frozen=True, kw_only=True)
class RatingRun:
    """``years`` consecutive years rated ``min`` or better, ending with the evaluated year."""

    min: str
    years: int
    window: Window = field(default_factory=Window)

    def __post_init__(self) -> None:
        _rating(self, "min", self.min)
        _at_least(self, "years", self.years, 1)


@dataclass(frozen=True, kw_only=True)
class RatingCount:
    """At least ``n`` years rated ``min`` or better in ``window``."""

    min: str
    n: int
    window: Window = field(default_factory=Window)

    def __post_init__(self) -> None:
        _rating(self, "min", self.min)
        _at_least(self, "n", self.n, 1)


@dataclass(frozen=True, kw_only=True)
class TitleChain:
    """``years`` consecutive school years holding ``code``, ending with the evaluated year."""

    code: str
    years: int
    window: Window = field(default_factory=Window)
    same_cycle: bool = True  # the evaluated year may count if the title's standard is met in this round

    def __post_init__(self) -> None:
        _codes(self, "code", (self.code,))
        _at_least(self, "years", self.years, 1)


@dataclass(frozen=True, kw_only=True)
class TitleCount:
    """At least ``n`` years holding ``code`` in ``window`` (not necessarily consecutive)."""

    code: str
    n: int
    window: Window = field(default_factory=Window)
    same_cycle: bool = True

    def __post_init__(self) -> None:
        _codes(self, "code", (self.code,))
        _at_least(self, "n", self.n, 1)


@dataclass(frozen=True, kw_only=True)
class AwardChain:
    """``n`` consecutive awards of a multi-year title (periods that follow each other without a gap)."""

    code: str
    n: int
    default_span: int = 3  # years of an award's achievement period when its decision does not say
    max_lag: int = 1  # the last one may end this many years before the evaluated year

    def __post_init__(self) -> None:
        _codes(self, "code", (self.code,))
        _at_least(self, "n", self.n, 1)
        _at_least(self, "default_span", self.default_span, 1)
        _at_least(self, "max_lag", self.max_lag, 0)


@dataclass(frozen=True, kw_only=True)
class ChainWithInitiatives:
    """Luật 2022 Điều 74.1.d: ``years`` consecutive ``title`` or ``years`` consecutive years rated ``rating``,
    and in that period ``n`` initiatives of ``min_scope`` (extra to those used for ``title``). ``title=""``:
    the rating run only."""

    title: str
    rating: str
    years: int
    n: int
    min_scope: str = "unit"
    extra_to_title: bool = True
    window: Window = field(default_factory=Window)

    def __post_init__(self) -> None:
        _rating(self, "rating", self.rating)
        _check(self.min_scope in SCOPES, f"ChainWithInitiatives.min_scope: one of {SCOPES}, not {self.min_scope!r}")
        _at_least(self, "years", self.years, 1)
        _at_least(self, "n", self.n, 1)


@dataclass(frozen=True, kw_only=True)
class NotHeld:
    """Awarded once only: not held already."""

    code: str

    def __post_init__(self) -> None:
        _codes(self, "code", (self.code,))


@dataclass(frozen=True, kw_only=True)
class HasAward:
    """Holds one of ``codes`` (any year)."""

    codes: tuple[str, ...]

    def __post_init__(self) -> None:
        _codes(self, "codes", self.codes, empty=False)


@dataclass(frozen=True, kw_only=True)
class SectorYears:
    """Years in the education sector up to the evaluation date, discipline periods excluded."""

    years: int
    hardship_years: int | None = None  # reduced requirement for people working in ĐBKK areas now
    hardship_min_years: int = 5  # ... who served there at least this long
    exclude_discipline: bool = True
    by_gender: tuple[tuple[str, int], ...] = ()  # overrides ``years`` (QĐ 27/2005: men 25, women 20)
    # Periods away that count as time in the sector (TT 29/2023 Điều 8.1.a: sent to study, military service).
    counted_away: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _at_least(self, "years", self.years, 1)
        _check(
            self.hardship_years is None or 1 <= self.hardship_years <= self.years,
            f"SectorYears.hardship_years: 1 to years ({self.years}) or None, not {self.hardship_years!r}",
        )
        _at_least(self, "hardship_min_years", self.hardship_min_years, 0)
        _check(
            all(g in GENDERS and isinstance(n, int) and n >= 1 for g, n in self.by_gender),
            f"SectorYears.by_gender: pairs (gender among {GENDERS}, years ≥ 1)",
        )
        _check(all(k in AWAY_KINDS for k in self.counted_away), f"SectorYears.counted_away: kinds among {AWAY_KINDS}")


@dataclass(frozen=True, kw_only=True)
class TeachingTenure:
    """Luật 2022 Điều 64: teachers need ``teaching`` years of direct teaching; managers and researchers
    ``sector`` years in the sector with ``manager_teaching`` of teaching; hardship time counts × ``multiplier``."""

    teaching: int
    sector: int
    manager_teaching: int
    multiplier: int = 2

    def __post_init__(self) -> None:
        _at_least(self, "teaching", self.teaching, 1)
        _at_least(self, "sector", self.sector, 1)
        _at_least(self, "manager_teaching", self.manager_teaching, 1)
        _check(self.manager_teaching <= self.sector, "TeachingTenure.manager_teaching: at most sector (teaching years are sector years)")
        _check(self.multiplier >= 1, f"TeachingTenure.multiplier: ≥ 1, not {self.multiplier!r}")


VOTE_KEY = "council_vote"  # the key of a ``CouncilVote`` criterion in every rule (read by same-round checks)


@dataclass(frozen=True, kw_only=True)
class CouncilVote:
    """The council's secret ballot: at least ``threshold`` of its total membership in favour, absent members
    voting in writing counted (NĐ 98/2023 Điều 30.7). Individual and collective titles alike."""

    threshold: Fraction

    def __post_init__(self) -> None:
        _ratio(self, "threshold")


@dataclass(frozen=True, kw_only=True)
class NotModelled:
    """The regime has no rule the engine can evaluate: says so with the citation."""

    statement: str

    def __post_init__(self) -> None:
        _check(isinstance(self.statement, str) and bool(self.statement), "NotModelled.statement: what the council must judge")


# -- collective criteria ---------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class CollectiveRating:
    """The collective's rating of the year is ``min`` or better."""

    min: str

    def __post_init__(self) -> None:
        _rating(self, "min", self.min)


@dataclass(frozen=True, kw_only=True)
class MemberShare:
    """Share of members holding one of ``titles`` compared exactly (``>`` or ``>=``) with ``ratio``."""

    ratio: Fraction
    op: str = ">="
    titles: tuple[str, ...] = ("LDTT", "CSTDCS", "CSTD_BO_TINH", "CSTDTQ")

    def __post_init__(self) -> None:
        _ratio(self, "ratio")
        _check(self.op in (">", ">="), f"MemberShare.op: '>' (trên) or '>=' (ít nhất), not {self.op!r}")
        _codes(self, "titles", self.titles, empty=False)


@dataclass(frozen=True, kw_only=True)
class AllMembersAtLeast:
    """Every member rated ``min`` or better."""

    min: str

    def __post_init__(self) -> None:
        _rating(self, "min", self.min)


@dataclass(frozen=True, kw_only=True)
class NoMemberDiscipline:
    """No member disciplined with ``min_form`` or heavier."""

    min_form: str

    def __post_init__(self) -> None:
        _check(self.min_form in DISCIPLINE_FORMS, f"NoMemberDiscipline.min_form: one of {DISCIPLINE_FORMS}, not {self.min_form!r}")


@dataclass(frozen=True, kw_only=True)
class HasMemberWith:
    """At least one member holds one of ``titles`` (the first names it in reasons)."""

    titles: tuple[str, ...]

    def __post_init__(self) -> None:
        _codes(self, "titles", self.titles, empty=False)


@dataclass(frozen=True, kw_only=True)
class LeadsCluster:
    """Dẫn đầu cụm/khối thi đua (or a thematic movement of ≥ 5 years when ``or_movement``)."""

    or_movement: bool = True


@dataclass(frozen=True, kw_only=True)
class CollectiveRun:
    """``years`` consecutive years with the collective rated ``rating`` or holding ``title``."""

    years: int
    rating: str | None = None
    title: str | None = None

    def __post_init__(self) -> None:
        _at_least(self, "years", self.years, 1)
        _check(self.rating in RATINGS or bool(self.title), "CollectiveRun: a rating among RATINGS or a title")


# -- unit-level caps and shares --------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class UnitCap:
    """At most ``ratio`` × the unit's ``of`` titles of the year may receive the rule's title (NĐ 91/2017
    Điều 9.3: CSTĐCS ≤ 15 % of the unit's LĐTT). Checked over a unit's people (``units.py``), not per person.
    The law states no rounding: ``rounding`` is data with its own tag (DOMAIN is silent, ❓). ``label`` may
    name the parameters (``{ratio:pct}``)."""

    ratio: Fraction
    cite: Citation
    label: str
    of: str = "LDTT"
    tag: str = "confirmed"
    rounding: str = "floor"
    rounding_tag: str = "unconfirmed"

    def __post_init__(self) -> None:
        _ratio(self, "ratio")
        _check(self.rounding in ROUNDINGS, f"UnitCap.rounding: one of {ROUNDINGS}, not {self.rounding!r}")
        _check(self.tag in TAGS and self.rounding_tag in TAGS, f"UnitCap: tags among {TAGS}")
        _codes(self, "of", (self.of,))
        object.__setattr__(self, "label", fill(self.label, self))

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


@dataclass(frozen=True, kw_only=True)
class RatingShare:
    """Per unit and year: people rated ``rating`` at most ``ratio`` of those rated ``of`` or better
    (``unit_ratio`` when the unit itself is rated ``rating``). A warning on the unit, not a criterion of a
    title (NĐ 233/2026 Điều 12: HTXSNV ≤ 20 % of HTTNV or better, 25 % in an HTXS unit). ``label`` and
    ``warning`` may name the parameters (``{ratio:pct}``)."""

    key: str
    rating: str
    of: str
    ratio: Fraction
    unit_ratio: Fraction
    cite: Citation
    label: str
    warning: str  # the reason's second sentence when the share is exceeded
    tag: str = "confirmed"

    def __post_init__(self) -> None:
        _rating(self, "rating", self.rating)
        _rating(self, "of", self.of)
        _ratio(self, "ratio")
        _ratio(self, "unit_ratio")
        _check(self.tag in TAGS, f"RatingShare.tag: one of {TAGS}")
        object.__setattr__(self, "label", fill(self.label, self))
        object.__setattr__(self, "warning", fill(self.warning, self))


# -- composition -----------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class Criterion:
    """One condition of a rule: ``params`` name the evaluator. ``label`` (what the law asks) and ``missing``
    (the default "còn thiếu" text when not met) may name the parameters, ``{months}``, ``{years:02d}``,
    ``{ratio:pct}``: the number is then written once, in ``params`` (``wording.fill``)."""

    key: str
    label: str
    params: object
    cite: Citation
    tag: str = "confirmed"
    missing: str = ""  # default text of what is missing when not met
    # The texts as written in the rule book, before the parameters were filled in (for ``test_rule_texts``).
    templates: tuple[str, str] = field(init=False, compare=False, repr=False, default=("", ""))

    def __post_init__(self) -> None:
        _check(self.tag in TAGS, f"{self.key}: tag {self.tag!r} not among {TAGS}")
        _check(bool(self.key) and bool(self.label), "Criterion: key and label")
        _check(isinstance(self.cite, Citation), f"{self.key}: cite is a Citation (sources.cite)")
        object.__setattr__(self, "templates", (self.label, self.missing))
        object.__setattr__(self, "label", fill(self.label, self.params))
        object.__setattr__(self, "missing", fill(self.missing, self.params))

    def with_params(self, params: object) -> Criterion:
        """The same criterion with other parameters, its texts filled in again from what the rule book wrote
        (``dataclasses.replace`` would keep the texts filled from the old parameters)."""
        label, missing = self.templates
        return replace(self, params=params, label=label, missing=missing)


@dataclass(frozen=True, kw_only=True)
class AnyOf:
    """Met when one of ``options`` is met."""

    options: tuple[Criterion, ...]

    def __post_init__(self) -> None:
        _check(len(self.options) >= 1, "AnyOf.options: at least one")


@dataclass(frozen=True, kw_only=True)
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
        _check(self.subject in ("individual", "collective"), f"{self.code}: subject")
        _check(self.category in ("title", "form"), f"{self.code}: category")
        _check(self.tag in TAGS, f"{self.code}: tag")
        keys = [c.key for c in self.criteria]
        _check(len(keys) == len(set(keys)), f"{self.code}: duplicate criterion keys")
        _check(self.effective_to is None or self.effective_to >= self.effective_from, f"{self.code}: dates")

    def covers(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    @property
    def version_id(self) -> str:
        return f"{self.code}@{self.regime}#{self.version}"


@dataclass(frozen=True, kw_only=True)
class Policy:
    """Choices DOMAIN leaves to each council (§3, §10), passed with each evaluation."""

    # An initiative used for one emulation title may serve another title (not expressly barred, ⚠️ [S9]).
    # Title ↔ form reuse is always refused (CV 5007/BNV-TĐKT III.5.c).
    initiative_reuse_across_titles: bool = True
    # Where a missing registration disqualifies (DOMAIN §8.1 ❓): (regime code, unit code) pairs, "*" for any.
    # Empty (the default): "shown, not required". Built from settings by ``rules.registration_policy``.
    registration_required: frozenset[tuple[str, str]] = frozenset()
