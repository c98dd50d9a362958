"""Evaluate facts against the rule book: one ``Outcome`` per subject and title, every criterion listed.

The rule version is chosen by the evaluation (consideration or decision) date (DOMAIN §1.1); history from
either regime counts. ``Engine(share=False)`` is the reference: ``Reference`` below evaluates every rule for
every subject from scratch, nothing remembered. ``Engine()`` gives the same answers faster
(``sharing.shared``): it memoises per subject and shares whole outcomes between people whose facts answer a
rule's questions alike. An engine may serve the successive batches of a long pass
(``jsonio.evaluate_outcomes(..., engine=)``); it forgets each batch's people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .criteria import Policy
from .evaluators import Ctx, evaluate_rule, head, no_rule
from .evaluators.labels import title_label
from .facts import CollectiveFacts, PersonFacts, year_label
from .next_title import as_answer, held_titles, ladders_of, next_on_ladder
from .outcomes import Outcome
from .rulesets import DEFAULT_BOOK, RuleBook
from .sharing.shared import SharedEvaluation


class Engine:
    def __init__(self, book: RuleBook = DEFAULT_BOOK, policy: Policy | None = None, *, share: bool = True):
        self.book = book
        self.policy = policy or Policy()
        self.share = share
        self._evaluation = SharedEvaluation(self.book, self.policy) if share else Reference(self.book, self.policy)

    def evaluate(self, facts: PersonFacts | CollectiveFacts, code: str, *, year: int, day: dt.date) -> Outcome:
        return self._evaluation.evaluate(facts, code, year, day)

    def evaluate_all(self, facts: PersonFacts | CollectiveFacts, codes: Iterable[str], *, year: int, day: dt.date) -> list[Outcome]:
        """The outcomes for those of ``codes`` that apply to the subject's kind (individual or collective)."""
        return self._evaluation.evaluate_all(facts, codes, year, day)

    def next_up(self, facts: PersonFacts | CollectiveFacts, *, year: int, day: dt.date) -> list[dict]:
        """Per ladder, the lowest title above what the subject holds or qualifies for, and what it lacks."""
        return self._evaluation.next_up(facts, year, day)

    def assume(self, facts: PersonFacts, code: str, *, year: int, day: dt.date, outcome: Outcome) -> None:
        """From now on, ``facts`` get ``outcome`` for ``code`` (a unit-level check decided it: ``units``), and the
        rules that ask for it see it."""
        self._evaluation.assume(facts, code, year=year, day=day, outcome=outcome)

    def forget_subjects(self) -> None:
        """Drop what the engine remembers per subject (between batches of a long pass); what it shares
        between people stays, so the next batch starts warm."""
        self._evaluation.forget_subjects()


class Reference:
    """The plain evaluation: every rule for every subject from scratch, no memo and no sharing (a title
    needed by several others is evaluated again each time). What the sharing engine must answer."""

    def __init__(self, book: RuleBook, policy: Policy):
        self.book = book
        self.policy = policy
        self._assumed: dict[tuple[int, str, int, dt.date], tuple[object, Outcome]] = {}  # told, not computed
        self._busy: set[tuple[int, str, int, dt.date]] = set()  # (subject, code) being evaluated: a loop

    def assume(self, facts, code: str, *, year: int, day: dt.date, outcome: Outcome) -> None:
        self._assumed[(id(facts), code, year, day)] = (facts, outcome)

    def forget_subjects(self) -> None:
        self._assumed.clear()

    def evaluate(self, facts, code: str, year: int, day: dt.date) -> Outcome:
        key = (id(facts), code, year, day)
        if key in self._assumed:
            return self._assumed[key][1]
        if key in self._busy:
            raise RecursionError(f"rule {code} depends on itself")
        rule = self.book.on(code, day)
        if rule is None:
            return Outcome(facts.id, *no_rule(self.book, code, year, day))
        self._busy.add(key)
        try:
            ctx = Ctx(facts, year, day, rule, self.book, self.policy, isinstance(facts, PersonFacts), self.evaluate)
            return Outcome(facts.id, *head(rule, year), *evaluate_rule(rule, ctx))
        finally:
            self._busy.discard(key)

    def evaluate_all(self, facts, codes: Iterable[str], year: int, day: dt.date) -> list[Outcome]:
        subject = "collective" if isinstance(facts, CollectiveFacts) else "individual"
        return [self.evaluate(facts, c, year, day) for c in codes if self.book.subject_of(c) == subject]

    def next_up(self, facts, year: int, day: dt.date) -> list[dict]:
        subject = "collective" if isinstance(facts, CollectiveFacts) else "individual"
        held, out = held_titles(facts, year), []
        for _i, ladder, _titles in ladders_of(self.book, subject):
            item = next_on_ladder(ladder, [self.evaluate(facts, code, year, day) for code in ladder], held)
            if item is not None:
                out.append(as_answer(item))
        return out


__all__ = ["Engine", "Reference", "title_label", "year_label"]
