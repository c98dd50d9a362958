"""What an evaluator is given besides its criterion: the subject's facts and a small context.

``Ctx.facts`` reads like the subject's facts. When the engine shares answers between people it is a
``sharing.tracing.Recorder`` that records every read with its answer (attributes, method calls); otherwise
the plain facts. An evaluator reads facts in three ways only, all recorded: an attribute or method of
``ctx.facts``; ``ctx.derived(fn, *args)``, a module-level function of the facts and hashable arguments whose
answer (not the reads behind it) is what the evaluator uses; ``ctx.outcome(code)``, the subject's outcome
for another title in the same round. Everything else in the context (year, day, rule, book, policy) is the
same for everyone the engine shares an answer with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import criteria as k
from ..outcomes import CriterionResult, Outcome, Status, _

if TYPE_CHECKING:
    from ..criteria import Criterion, Policy, Rule
    from ..facts import AwardHeld
    from ..rulesets import RuleBook


@dataclass(slots=True)
class Ctx:
    facts: Any  # the subject's facts, or a recorder of the reads made of them (``sharing.tracing``)
    year: int
    day: dt.date
    rule: Rule
    book: RuleBook
    policy: Policy
    individual: bool  # a person (``PersonFacts``), not a collective
    # (facts, code, year, day) -> the subject's outcome for another title: the engine's, which records the question
    outcomes: Callable[[Any, str, int, dt.date], Outcome]
    recorder: Any = None  # ``facts`` when they are a recorder

    def derived(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(facts, *args)``: a read of the facts reduced to what the evaluator uses (``fn`` a module-level
        function, ``args`` hashable). A recorder records the answer, so people whose facts differ only in what
        ``fn`` does not return share the outcome."""
        if self.recorder is None:
            return fn(self.facts, *args)
        return self.recorder.derive(fn, args)

    def outcome(self, code: str) -> Outcome:
        """The subject's outcome for ``code`` in the same round (same school year and day)."""
        return self.outcomes(self.facts, code, self.year, self.day)

    def known(self, award: AwardHeld) -> bool:
        """Awards decided after the evaluation date are not yet history."""
        return award.decision_date is None or award.decision_date <= self.day

    def merit_spans(self, codes, default_span: int = 1) -> tuple[tuple[str, int, int, int], ...]:
        """(code, school year, first and last year of the achievement period) of the merit awards of
        ``codes`` known on the day, in the order of the facts."""
        return self.derived(merit_spans, codes, default_span, self.day)

    def merit(self, codes) -> list[AwardHeld]:
        awards = self.facts.awards
        if not awards:  # most people, most of the time: skip the filtering
            return []
        day = self.day
        return [a for a in awards if a.code in codes and a.is_merit and (a.decision_date is None or a.decision_date <= day)]

    def title_status(self, code: str, year: int, same_cycle: bool) -> tuple[Status, str]:
        """Held that year (merit only), or, for the evaluated year, meets the standard in this round."""
        if any(held_year == year for _code, held_year, _first, _last in self.merit_spans((code,))):
            return Status.MET, _("đã được tặng")
        if same_cycle and year == self.year and self.individual:
            return same_round_status(self.outcome(code)), _("đang xét cùng đợt")
        return Status.NOT_MET, ""


def merit_spans(f, codes, default_span: int, day: dt.date) -> tuple[tuple[str, int, int, int], ...]:
    if not f.awards:
        return ()
    return tuple(
        (a.code, a.year, *a.span(default_span))
        for a in f.awards
        if a.code in codes and a.is_merit and (a.decision_date is None or a.decision_date <= day)
    )


def same_round_status(outcome: Outcome) -> Status:
    """Whether a title considered in the same round counts toward another (a chain, a standard, a collective's
    members): its outcome's verdict, except that a council vote not held yet does not stop it. The council
    votes on people who meet the standard; a vote that failed does stop it (the outcome is not eligible)."""
    verdict = outcome.verdict.value
    if verdict == "eligible":
        return Status.MET
    if verdict != "undetermined":
        return Status.NOT_MET
    if any(r.key == k.VOTE_KEY for r in outcome.criteria) and all(r.status is Status.MET or r.key == k.VOTE_KEY for r in outcome.criteria):
        return Status.MET
    return Status.UNKNOWN


def result(c: Criterion, status: Status, reason: str, missing: str = "", evidence=(), children=()) -> CriterionResult:
    return CriterionResult(
        key=c.key,
        label=c.label,
        status=status,
        reason=reason,
        citation=c.cite,
        tag=c.tag,
        missing="" if status is Status.MET else (missing or c.missing),
        evidence=tuple(evidence),
        children=tuple(children),
    )


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return dt.date(year, month, min(day.day, last))


def full_years(start: dt.date, end: dt.date) -> int:
    """Complete years from ``start`` to ``end`` (anniversaries reached)."""
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return max(years, 0)
