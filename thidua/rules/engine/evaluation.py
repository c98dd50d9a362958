"""One evaluation: a document of facts in, typed answers out (no JSON, no Django).

``evaluate_outcomes`` evaluates every person and collective of a ``Document`` for its titles, decides the
unit-level caps, builds each collective's members from the people it evaluated, and gives an ``Evaluation``:
per subject its outcomes and the next title up, and the checks per unit. The JSON edge
(``jsonio.evaluation_to_json``) writes it as the API's and the command's answer; the pages read the objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .criteria import VOTE_KEY, Confirmed, Policy
from .evaluators import same_round_status, title_label
from .facade import Engine
from .facts import CollectiveFacts, MemberFacts, PersonFacts, UnitFacts, year_label
from .outcomes import TAG_SYMBOL, Badge, CriterionResult, Outcome, Status, Verdict
from .rulesets import DEFAULT_BOOK, REGISTERED_KEY, Regime, RuleBook, regime_on
from .sharing.fastinit import fast_init
from .units import capped_outcomes, decide_caps, unit_checks

if TYPE_CHECKING:
    from .jsonio import Problem

MEMBER_CODES = ("CSTDCS", "LDTT")  # what a collective's member counts for, evaluated for every person


@dataclass(frozen=True)
class Document:
    """The facts of one evaluation: who, on which day, for which titles (parsed from JSON or read from the database)."""

    day: dt.date
    year: int
    codes: tuple[str, ...]
    policy: Policy
    persons: tuple[PersonFacts, ...]
    collectives: tuple[CollectiveFacts, ...]
    member_refs: dict[str, tuple[tuple[int, str], ...]]  # collective id -> (index, person id) of referenced members
    warnings: tuple[Problem, ...] = ()
    units: tuple[UnitFacts, ...] = ()  # what is known of units as a whole (unit-level caps); none: the checks are advisory


@dataclass(frozen=True)
class NextTitle:
    """On one ladder, the lowest title above what the subject holds or qualifies for, and what it lacks."""

    code: str
    name: str
    verdict: Verdict
    missing: tuple[str, ...]
    summary: str

    @classmethod
    def of(cls, item: Mapping[str, Any]) -> NextTitle:
        return cls(item["code"], item["name"], Verdict(item["verdict"]), tuple(item["missing"]), item["summary"])

    @property
    def label(self) -> str:
        return title_label(self.code)

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "verdict": self.verdict.value, "missing": list(self.missing), "summary": self.summary}


@fast_init
@dataclass(frozen=True)
class Evaluated:
    """One subject's answer: its outcomes (in the order of the document's codes) and the next titles up."""

    subject: PersonFacts | CollectiveFacts
    outcomes: tuple[Outcome, ...]
    next: tuple[NextTitle, ...]

    @property
    def id(self) -> str:
        return self.subject.id

    @property
    def name(self) -> str:
        return self.subject.name

    @property
    def unit(self) -> str:
        return self.subject.unit

    @property
    def eligible(self) -> tuple[str, ...]:
        """The codes of the titles the subject qualifies for."""
        return tuple(o.code for o in self.outcomes if o.eligible)

    @property
    def eligible_labels(self) -> tuple[str, ...]:
        return tuple(title_label(c) for c in self.eligible)

    def outcome(self, code: str) -> Outcome | None:
        return next((o for o in self.outcomes if o.code == code), None)

    @property
    def registration(self) -> tuple[tuple[str, CriterionResult], ...]:
        """(title name, the registration criterion) of each outcome that has one (the emulation titles)."""
        return tuple((o.name, c) for o in self.outcomes for c in o.criteria if c.key == REGISTERED_KEY)

    def as_dict(self) -> dict:
        """As the result document lists it (``jsonio.evaluation_to_json``)."""
        s = self.subject
        return {
            "id": s.id,
            "name": s.name,
            "unit": s.unit,
            "eligible": [o.code for o in self.outcomes if o.eligible],
            "outcomes": [o.as_dict() for o in self.outcomes],
            "next": [n.as_dict() for n in self.next],
        }


@dataclass(frozen=True)
class Assessed:
    """An outcome with where it stands for the officer (``Outcome.badge``)."""

    outcome: Outcome
    badge: Badge

    @property
    def code(self) -> str:
        return self.outcome.code

    @property
    def label(self) -> str:
        return title_label(self.outcome.code)

    @property
    def needs_confirmation(self) -> bool:
        return self.badge is Badge.CONFIRM

    @property
    def missing_fact(self) -> bool:
        return self.badge is Badge.MISSING

    @property
    def vote_open(self) -> bool:
        """The council's secret ballot is asked for and not (yet) in favour."""
        return self.outcome.is_open(VOTE_KEY)


@dataclass(frozen=True)
class AssessedSubject:
    """A person or collective with the outcomes shown for it, each assessed."""

    subject: Evaluated
    outcomes: tuple[Assessed, ...]

    @property
    def id(self) -> str:
        return self.subject.id

    @property
    def name(self) -> str:
        return self.subject.name

    @property
    def unit(self) -> str:
        return self.subject.unit

    @property
    def next(self) -> tuple[NextTitle, ...]:
        return self.subject.next

    def has(self, badge: str) -> bool:
        return any(a.badge == badge for a in self.outcomes)


@dataclass(frozen=True)
class Ranked:
    """One row of a unit cap's proposed order (the council decides)."""

    rank: int
    person: str
    name: str
    within_cap: bool
    decided: bool
    tie_at_cap: bool
    keys: dict


@dataclass(frozen=True)
class UnitCheck:
    """One check of a unit as a whole (a cap, the share of HTXSNV)."""

    key: str
    label: str
    status: str  # met | not_met | warning
    reason: str
    citation: str
    tag: str
    note: str = ""
    proposed_order: tuple[Ranked, ...] = ()

    @property
    def tag_symbol(self) -> str:
        return TAG_SYMBOL.get(self.tag, "")


@dataclass(frozen=True)
class UnitChecks:
    unit: str
    school_year: str
    checks: tuple[UnitCheck, ...]


@dataclass(frozen=True)
class Evaluation:
    """Every answer of one document. ``units`` are the unit checks as ``units.unit_checks`` writes them (the
    JSON edge passes them through); ``unit_checks`` reads them as objects."""

    document: Document
    persons: tuple[Evaluated, ...]
    collectives: tuple[Evaluated, ...]
    units: list[dict]
    confirmable: Mapping[str, frozenset[str]] = field(default_factory=dict)  # code -> keys of what officers confirm

    @property
    def day(self) -> dt.date:
        return self.document.day

    @property
    def year(self) -> int:
        return self.document.year

    @property
    def school_year(self) -> str:
        return year_label(self.document.year)

    @property
    def regime(self) -> Regime | None:
        return regime_on(self.document.day)

    def assess(self, outcome: Outcome) -> Assessed:
        return Assessed(outcome, outcome.badge(self.confirmable.get(outcome.code, frozenset())))

    def assessed(self, subject: Evaluated, codes: Iterable[str] | None = None) -> AssessedSubject:
        """``subject`` with its outcomes for ``codes`` (in that order; by default all of them), assessed."""
        if codes is None:
            outcomes = subject.outcomes
        else:
            by_code = {o.code: o for o in subject.outcomes}
            outcomes = tuple(by_code[c] for c in codes if c in by_code)
        return AssessedSubject(subject, tuple(self.assess(o) for o in outcomes))

    @cached_property
    def unit_checks(self) -> tuple[UnitChecks, ...]:
        names = {p.id: p.name for p in self.persons}

        def ranked(row: dict) -> Ranked:
            person = row["person"]
            return Ranked(
                row["rank"], person, names.get(person, person), row["within_cap"], row["decided"], bool(row.get("tie_at_cap")), row["keys"]
            )

        def check(c: dict) -> UnitCheck:
            return UnitCheck(
                c["key"],
                c["label"],
                c["status"],
                c["reason"],
                c["citation"]["text"],
                c["tag"],
                c.get("note", ""),
                tuple(ranked(r) for r in c.get("proposed_order", ())),
            )

        return tuple(UnitChecks(u["unit"], u["school_year"], tuple(check(c) for c in u["checks"])) for u in self.units)


def confirmable_keys(book: RuleBook, codes: Iterable[str], day: dt.date) -> dict[str, frozenset[str]]:
    """Per code, the keys of the criteria an officer confirms in the rule in force on ``day``."""
    out = {}
    for code in codes:
        rule = book.on(code, day)
        out[code] = frozenset(c.key for c in rule.criteria if isinstance(c.params, Confirmed)) if rule else frozenset()
    return out


def member_from_person(p: PersonFacts, year: int, outcomes: dict[str, Outcome]) -> MemberFacts:
    """A collective's member built from a person in the document: titles held that year, plus LĐTT and
    CSTĐCS when this evaluation finds the person eligible (marked as proposed)."""
    held = {a.code for a in p.awards if a.year == year and a.is_merit}
    # A CSTĐCS waiting only for the council's vote counts, as it does for titles of the same round.
    proposed = {c for c in ("LDTT", "CSTDCS") if c in outcomes and same_round_status(outcomes[c]) is Status.MET and c not in held}
    forms = tuple(d.form for d in p.disciplines_in(year))
    return MemberFacts(p.id, frozenset(held | proposed), p.rating(year), forms, frozenset(proposed))


def _next(engine: Engine, facts, year: int, day: dt.date) -> tuple[NextTitle, ...]:
    return tuple(NextTitle.of(item) for item in engine.next_up(facts, year=year, day=day))


def evaluate_outcomes(doc: Document, *, book: RuleBook = DEFAULT_BOOK, engine: Engine | None = None) -> Evaluation:
    """Evaluate a document to outcome objects (the same answers ``jsonio.evaluate_facts`` serialises).

    ``engine``: one engine for the successive documents of a long pass (same book and policy), so what it
    shares between people carries over from batch to batch; it forgets the previous document's subjects."""
    if engine is None:
        engine = Engine(book, doc.policy)
    else:
        if engine.book is not book or engine.policy != doc.policy:
            raise ValueError("the engine evaluates another rule book or policy")
        engine.forget_subjects()
    regime = regime_on(doc.day)
    person_outcomes: dict[str, dict[str, Outcome]] = {}
    persons_out = []
    wanted = tuple(c for c in doc.codes if book.subject_of(c) == "individual")
    year, day = doc.year, doc.day
    extra = [c for c in sorted(MEMBER_CODES) if c not in wanted]
    for p in doc.persons:
        outcomes = engine.evaluate_all(p, wanted, year=year, day=day)
        by_code = dict(zip(wanted, outcomes, strict=True))
        for c in extra:
            by_code[c] = engine.evaluate(p, c, year=year, day=day)
        person_outcomes[p.id] = by_code
        persons_out.append(Evaluated(p, tuple(outcomes), _next(engine, p, year, day)))
    # Unit-level caps decided before the collectives are built: a member beyond the cap is not a CSTĐCS.
    cap_rules = [r for r in (book.on(c, day) for c in book.codes) if r is not None and r.unit_cap is not None]
    caps = decide_caps(list(doc.persons), person_outcomes, year=year, rules=cap_rules, day=day, units={u.id: u for u in doc.units})
    capped = capped_outcomes(caps, person_outcomes)
    if capped:
        persons_out = _with_caps(persons_out, capped, person_outcomes, wanted, extra, book, doc.policy, year, day)
    by_id = {p.id: p for p in doc.persons}
    collectives_out = []
    cwanted = [code for code in doc.codes if book.subject_of(code) == "collective"]
    for c in doc.collectives:
        if c.members is not None and doc.member_refs.get(c.id):
            members = list(c.members)
            for index, pid in doc.member_refs[c.id]:
                members[index] = member_from_person(by_id[pid], year, person_outcomes[pid])
            c = replace(c, members=tuple(members))
        outcomes = engine.evaluate_all(c, cwanted, year=year, day=day)
        collectives_out.append(Evaluated(c, tuple(outcomes), _next(engine, c, year, day)))
    units = unit_checks(list(doc.persons), person_outcomes, year=year, regime=regime.code if regime else "", caps=caps)
    return Evaluation(doc, tuple(persons_out), tuple(collectives_out), units, confirmable_keys(book, doc.codes, day))


def _with_caps(persons_out, capped, person_outcomes, wanted, extra, book, policy, year, day) -> list[Evaluated]:
    """The people a unit-level cap decided, with the capped outcomes. Those whose verdict changed are evaluated
    again (a second engine, told the capped outcomes) so that what builds on the title — CSTĐ cấp tỉnh's chain,
    the next title up — sees it; the others only get the cap's criterion."""
    again: Engine | None = None
    out = []
    for e in persons_out:
        changes = capped.get(e.subject.id)
        if not changes:
            out.append(e)
            continue
        p, by_code = e.subject, person_outcomes[e.subject.id]
        if all(o.verdict is by_code[c].verdict for c, o in changes.items()):
            by_code.update(changes)
            out.append(Evaluated(p, tuple(by_code[c] for c in wanted), e.next))
            continue
        again = again or Engine(book, policy)
        for code, outcome in changes.items():
            again.assume(p, code, year=year, day=day, outcome=outcome)
        by_code = dict(zip(wanted, again.evaluate_all(p, wanted, year=year, day=day), strict=True))
        for c in extra:
            by_code[c] = again.evaluate(p, c, year=year, day=day)
        person_outcomes[p.id] = by_code
        out.append(Evaluated(p, tuple(by_code[c] for c in wanted), _next(again, p, year, day)))
    return out
