"""The engine's sharing evaluation: the same answers as the reference evaluation (``facade.Reference``), faster.

Per subject it memoises outcomes (a title needed by several others, LĐTT inside CSTĐCS inside CSTĐ cấp tỉnh,
is evaluated once per person). Between people it shares whole outcomes by tracing (``tracing``): one tree per
rule, year and day, walked by each next person; a miss is evaluated with a ``Recorder`` as the facts and filed.
The next title up is shared per ladder between people who got the same shared outcomes on it and hold the
same titles of it. Everything here is a cache of what the reference evaluation would answer; the property
tests (``tests/test_properties.py``) compare the two for crowds of generated people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..criteria import Policy
from ..evaluators import Ctx, evaluate_rule, head, no_rule
from ..facts import CollectiveFacts, PersonFacts
from ..next_title import as_answer, held_titles, ladders_of, next_on_ladder
from ..outcomes import Outcome
from ..rulesets import RuleBook
from .tracing import Ask, Node, Recorder, recorded_facts

_NOT_CACHED = object()
_BUSY = (None, None)  # in the memo while a subject's rule is being evaluated
_NO_RULE = ("no_rule",)  # what identifies the outcome "no rule in force" among shared outcomes


class SharedEvaluation:
    def __init__(self, book: RuleBook, policy: Policy):
        self.book = book
        self.policy = policy
        # Per subject (forgotten between batches): (id(facts), code, year, day) -> (outcome, what identifies it
        # among the outcomes people share, or None: not shared); the subjects themselves, so that no id is reused.
        self._memo: dict[tuple[int, str, int, dt.date], tuple[Outcome, object]] = {}
        self._subjects: dict[int, object] = {}
        # The answers the subject being walked gave to the trees' questions, by question number.
        self._answers_of: PersonFacts | None = None
        self._answers: dict[int, object] = {}
        # Between people: (code, year, day) -> (tree, rule, the outcome's head fields); how to ask each question;
        # the next title up per (ladder, year, day, titles held, shared outcomes on it).
        self._trees: dict[tuple[str, int, dt.date], tuple[Node, Any, tuple]] = {}
        self._asks: dict[int, Ask] = {}
        self._next: dict[tuple, dict | None] = {}
        # Look-ups of the rule book: the ladders per subject kind, the individual codes among those asked for.
        self._ladders: dict[str, tuple] = {}
        self._individual: dict[tuple[str, ...], tuple[str, ...]] = {}

    def assume(self, facts, code: str, *, year: int, day: dt.date, outcome: Outcome) -> None:
        """``outcome`` identifies no shared one, so nothing built on it is shared."""
        self._subjects[id(facts)] = facts
        self._memo[(id(facts), code, year, day)] = (outcome, None)

    def forget_subjects(self) -> None:
        self._memo.clear()
        self._subjects.clear()
        self._answers_of, self._answers = None, {}

    def evaluate(self, facts, code: str, year: int, day: dt.date) -> Outcome:
        return self._hit(facts, code, year, day)[0]

    def outcome_for(self, facts, code: str, year: int, day: dt.date) -> Outcome:
        """``Ctx.outcomes``: a rule being recorded asks for another title's outcome, and that is its question."""
        if type(facts) is not Recorder:
            return self._hit(facts, code, year, day)[0]
        outcome, leaf = self._hit(recorded_facts(facts), code, year, day)
        if leaf is None:
            facts.unshareable()
        else:
            facts.note(("outcome", code, year, day), lambda: self._outcome_ask(code, year, day), leaf)
        return outcome

    def _outcome_ask(self, code: str, year: int, day: dt.date) -> Ask:
        def ask(facts) -> object:
            return self._hit(facts, code, year, day)[1] or object()  # not shared: matches nothing

        return ask

    def _hit(self, facts, code: str, year: int, day: dt.date) -> tuple[Outcome, object]:
        key = (id(facts), code, year, day)
        hit = self._memo.get(key)
        if hit is None:
            self._subjects[key[0]] = facts
            hit = self._memo[key] = self._evaluate(facts, code, year, day, key)
        elif hit is _BUSY:  # a rule book that refers to itself in a loop
            raise RecursionError(f"rule {code} depends on itself")
        return hit

    def _evaluate(self, facts, code: str, year: int, day: dt.date, key: tuple) -> tuple[Outcome, object]:
        entry = self._trees.get((code, year, day)) if type(facts) is PersonFacts else None
        if entry is not None:  # walking a tree evaluates no criterion, so it cannot loop
            if self._answers_of is not facts:
                self._answers_of, self._answers = facts, {}
            parts = entry[0].walk(facts, self._answers)
            if parts is not None:
                return Outcome(facts.id, *parts), id(parts)
        self._memo[key] = _BUSY  # criteria are evaluated: a rule book that loops is caught
        try:
            if entry is not None:
                return self._evaluate_recorded(facts, year, day, *entry)
            return self._evaluate_first(facts, code, year, day)
        except BaseException:
            del self._memo[key]
            raise

    def _evaluate_first(self, facts, code: str, year: int, day: dt.date) -> tuple[Outcome, object]:
        """The rule's first evaluation for this year and day (or any evaluation of a collective)."""
        rule = self.book.on(code, day)
        if rule is None:
            return Outcome(facts.id, *no_rule(self.book, code, year, day)), _NO_RULE
        if type(facts) is not PersonFacts:
            ctx = Ctx(facts, year, day, rule, self.book, self.policy, isinstance(facts, PersonFacts), self.outcome_for)
            return Outcome(facts.id, *head(rule, year), *evaluate_rule(rule, ctx)), None
        entry = self._trees[(code, year, day)] = (Node(), rule, head(rule, year))
        return self._evaluate_recorded(facts, year, day, *entry)

    def _evaluate_recorded(self, facts: PersonFacts, year: int, day: dt.date, tree: Node, rule, fields: tuple) -> tuple[Outcome, object]:
        """Not seen yet: evaluate in full with the reads recorded, and file the outcome under them."""
        recorder = Recorder(facts, self._asks)
        ctx = Ctx(recorder, year, day, rule, self.book, self.policy, True, self.outcome_for, recorder)
        fields = fields + evaluate_rule(rule, ctx)  # every field of the outcome but the subject
        if recorder.opaque:
            return Outcome(facts.id, *fields), None
        tree.file(recorder.path, fields)
        return Outcome(facts.id, *fields), id(fields)  # a leaf's fields are one object: its id tells which one

    def evaluate_all(self, facts, codes: Iterable[str], year: int, day: dt.date) -> list[Outcome]:
        if type(facts) is not PersonFacts:
            subject = "collective" if isinstance(facts, CollectiveFacts) else "individual"
            return [self._hit(facts, c, year, day)[0] for c in codes if self.book.subject_of(c) == subject]
        # The batch pass: each title's tree walked in turn (what ``_hit`` and ``_evaluate`` do, without their calls).
        codes = tuple(codes)
        wanted = self._individual.get(codes)
        if wanted is None:
            wanted = self._individual[codes] = tuple(c for c in codes if self.book.subject_of(c) == "individual")
        fid, memo, trees, out = id(facts), self._memo, self._trees, []
        self._subjects[fid] = facts
        if self._answers_of is not facts:
            self._answers_of, self._answers = facts, {}
        answers = self._answers
        for code in wanted:
            key = (fid, code, year, day)
            hit = memo.get(key)
            if hit is None:
                entry = trees.get((code, year, day))
                if entry is not None:
                    parts = entry[0].walk(facts, answers)
                    if parts is not None:
                        hit = memo[key] = (Outcome(facts.id, *parts), id(parts))
                if hit is None:
                    hit = self._hit(facts, code, year, day)
            out.append(hit[0])
        return out

    def next_up(self, facts, year: int, day: dt.date) -> list[dict]:
        """People whose outcomes on a ladder are the same shared ones, holding the same titles of it, get the
        same answer, built once."""
        subject = "collective" if isinstance(facts, CollectiveFacts) else "individual"
        held = held_titles(facts, year)
        ladders = self._ladders.get(subject)
        if ladders is None:
            ladders = self._ladders[subject] = ladders_of(self.book, subject)
        fid, memo, out = id(facts), self._memo, []
        for i, ladder, titles in ladders:
            hits = [memo.get((fid, code, year, day)) or self._hit(facts, code, year, day) for code in ladder]
            leaves = tuple([hit[1] for hit in hits])
            key = None if None in leaves else (i, year, day, held & titles if held else held, leaves)
            item = self._next.get(key, _NOT_CACHED) if key is not None else _NOT_CACHED
            if item is _NOT_CACHED:
                item = next_on_ladder(ladder, [hit[0] for hit in hits], held)
                if key is not None:
                    self._next[key] = item
            if item is not None:
                out.append(as_answer(item))
        return out
