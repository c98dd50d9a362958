"""Evaluate facts against the rule book: one ``Outcome`` per subject and title, every criterion listed.

The rule version is chosen by the evaluation (consideration or decision) date (DOMAIN §1.1); history from
either regime counts. ``Engine`` memoises per evaluation so that a title needed by several others (LĐTT
inside CSTĐCS inside CSTĐ cấp tỉnh) is evaluated once per person.

Between people, an engine shares what does not depend on who they are: criterion results with the same key
(``evaluators.SHARED_KEYS``) and whole outcomes of people who answer a rule's questions alike
(``tracing``: a tree per rule, year and day, walked by each next person). An engine may serve the successive
batches of a long pass (``jsonio.evaluate_outcomes(..., engine=)``); it forgets each batch's people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .criteria import NotModelled, Policy, Rule
from .evaluators import Ctx, evaluate_criterion, keyed_criteria, keys_ask, title_label
from .facts import CollectiveFacts, PersonFacts, year_label
from .outcomes import Citation, CriterionResult, Outcome, Status, Verdict, _, combine
from .rulesets import DEFAULT_BOOK, LADDERS, RuleBook, regime_on
from .sharing.tracing import Node, Traced

_NOT_CACHED = object()
_BUSY = (None, None)  # in the memo while a subject's rule is being evaluated
_VERDICT = {Status.MET: Verdict.ELIGIBLE, Status.NOT_MET: Verdict.NOT_ELIGIBLE}


class Engine:
    def __init__(self, book: RuleBook = DEFAULT_BOOK, policy: Policy | None = None):
        self.book = book
        self.policy = policy or Policy()
        # (id(facts), code, year, day) -> (outcome, what identifies it among people's outcomes or None: not shared)
        self._memo: dict[tuple[int, str, int, dt.date], tuple[Outcome, object]] = {}
        # Criterion results shared between subjects with the same relevant facts (``evaluators.SHARED_KEYS``);
        # keyed by ``id`` of criteria the book holds, so they live as long as this engine.
        self.shared: dict[tuple, CriterionResult] = {}
        self.shared_ids: set[int] = set()  # ids of the shared results (alive as long as ``shared``)
        self.key_asks: dict[int, object] = {}  # id(criterion) -> how to ask its shared key (``tracing``)
        self._outcome_asks: dict[tuple, object] = {}  # (code, year, day) -> how to ask which outcome a person gets
        self._kind: dict[int, bool] = {}  # id(rule) -> has a NotModelled criterion
        self._keyed: dict[int, tuple] = {}  # id(rule) -> (one question for its criteria's keys, their ids) or ()
        # Whole outcomes shared between people who answer a rule's questions alike (``tracing``).
        # (code, year, day) -> the tree, the context its questions are asked in, the outcome's head fields
        self._trees: dict[tuple[str, int, dt.date], tuple[Node, Ctx, tuple]] = {}
        self._ladders: dict[str, tuple[tuple[int, tuple[str, ...], frozenset[str]], ...]] = {}
        self._individual: dict[tuple[str, ...], tuple[str, ...]] = {}  # codes asked for -> the individual ones
        # Answers to the trees' questions (``tracing``) given by the subject being walked, by question number.
        self._answers_of: PersonFacts | None = None
        self._answers: dict[int, object] = {}
        self._next: dict[tuple, dict | None] = {}  # ``next_up`` answers per ladder shared between people

    def share(self, key: tuple, result: CriterionResult) -> CriterionResult:
        self.shared[key] = result
        self.shared_ids.add(id(result))
        return result

    def assume(self, facts: PersonFacts, code: str, *, year: int, day: dt.date, outcome: Outcome) -> None:
        """From now on, ``facts`` get ``outcome`` for ``code`` (a unit-level check decided it: ``units``), and the
        rules that ask for it see it. Such an outcome identifies no shared one, so nothing built on it is shared."""
        self._memo[(id(facts), code, year, day)] = (outcome, None)

    def evaluate(self, facts: PersonFacts | CollectiveFacts, code: str, *, year: int, day: dt.date) -> Outcome:
        if type(facts) is not Traced:
            return self._hit(facts, code, year, day)[0]
        # A rule being traced asks for this one: "which outcome?" is its question.
        hit = self._hit(facts._real, code, year, day)
        if hit[1] is None:
            facts.opaque = True
        else:
            facts.note(("outcome", code, year, day), self._outcome_ask(code, year, day), hit[1])
        return hit[0]

    def _hit(self, facts, code: str, year: int, day: dt.date) -> tuple[Outcome, object]:
        """(outcome, what identifies it among the outcomes people share, or ``None``), memoised."""
        key = (id(facts), code, year, day)
        hit = self._memo.get(key)
        if hit is None:
            hit = self._memo[key] = self._evaluate(facts, code, year, day, key)
        elif hit is _BUSY:  # a rule book that refers to itself in a loop
            raise RecursionError(f"rule {code} depends on itself")
        return hit

    def _outcome_ask(self, code: str, year: int, day: dt.date):
        ask = self._outcome_asks.get((code, year, day))
        if ask is None:

            def ask(ctx) -> object:
                return self._hit(ctx.facts, code, year, day)[1] or object()  # not shared: matches nothing

            self._outcome_asks[(code, year, day)] = ask
        return ask

    def _evaluate(self, facts, code: str, year: int, day: dt.date, key: tuple) -> tuple[Outcome, object]:
        entry = self._trees.get((code, year, day)) if isinstance(facts, PersonFacts) else None
        if entry is not None:  # walking a tree evaluates no criterion, so it cannot loop
            tree, ctx, _head = entry
            ctx.facts = facts
            if self._answers_of is not facts:
                self._answers_of, self._answers = facts, {}
            parts = tree.walk(ctx, self._answers)
            if parts is not None:
                return Outcome(facts.id, *parts), id(parts)
        self._memo[key] = _BUSY  # criteria are evaluated: a rule book that loops is caught
        try:
            return self._evaluate_traced(facts, *entry) if entry is not None else self._evaluate_first(facts, code, year, day)
        except BaseException:
            del self._memo[key]
            raise

    def _evaluate_first(self, facts, code: str, year: int, day: dt.date) -> tuple[Outcome, object]:
        """The rule's first evaluation for this year and day (or any evaluation of a collective)."""
        rule = self.book.on(code, day)
        if rule is None:
            regime = regime_on(day)
            name = next((r.name for r in self.book.rules if r.code == code), title_label(code))
            statement = _("Không có quy định về %s áp dụng vào ngày %s (%s).") % (
                name,
                f"{day:%d/%m/%Y}",
                regime.name if regime else _("ngoài các văn bản hệ thống có"),
            )
            result = CriterionResult("no_rule", _("Quy định áp dụng"), Status.UNKNOWN, statement, Citation("DOMAIN §1.1"), "confirmed")
            return Outcome(facts.id, code, code, regime.code if regime else "", "", year, Verdict.NOT_MODELLED, Citation("DOMAIN §1.1"),
                           "confirmed", (result,)), ("no_rule",)  # fmt: skip
        if not isinstance(facts, PersonFacts):
            ctx = Ctx(facts=facts, year=year, day=day, rule=rule, engine=self, policy=self.policy)
            return Outcome(facts.id, rule.code, rule.name, rule.regime, rule.version_id, year, *self._parts(rule, ctx)), None
        # A tree of the outcomes people share, and the context its questions are asked in (one per tree:
        # a rule never contains itself, so a walk never reenters its own tree).
        ctx = Ctx(facts=facts, year=year, day=day, rule=rule, engine=self, policy=self.policy)
        entry = self._trees[(code, year, day)] = (Node(), ctx, (rule.code, rule.name, rule.regime, rule.version_id, year))
        return self._evaluate_traced(facts, *entry)

    def _evaluate_traced(self, facts: PersonFacts, tree: Node, ctx: Ctx, head: tuple) -> tuple[Outcome, object]:
        """Not seen yet: evaluate in full, noting the questions asked, and file the outcome under them."""
        rule = ctx.rule
        ctx.notes = []
        keyed = self._keyed.get(id(rule))
        if keyed is None:
            criteria = keyed_criteria(rule)
            keyed = self._keyed[id(rule)] = (keys_ask(criteria), frozenset(id(c) for c, _fn in criteria)) if criteria else ()
        if keyed:  # the first question: the keys of all the rule's keyed criteria
            ask, ids = keyed
            ctx.facts = facts
            traced = Traced(facts, ids)
            traced.note(("keys", id(rule), ctx.year, ctx.day), ask, ask(ctx))
        else:
            traced = Traced(facts)
        ctx.facts = traced
        fields = head + self._parts(rule, ctx)  # every field of the outcome but the subject
        ctx.facts = facts
        if traced.opaque:
            leaf = None
        else:
            tree.file(traced.path, fields)
            leaf = id(fields)  # a leaf's fields are one object: its id tells which shared outcome a person got
        return Outcome(facts.id, *fields), leaf

    def _parts(self, rule: Rule, ctx: Ctx) -> tuple:
        """Everything of the outcome but the subject: (verdict, citation, tag, criterion results, notes)."""
        results = tuple([evaluate_criterion(c, ctx) for c in rule.criteria])
        not_modelled = self._kind.get(id(rule))
        if not_modelled is None:
            not_modelled = self._kind[id(rule)] = any(isinstance(c.params, NotModelled) for c in rule.criteria)
        verdict = Verdict.NOT_MODELLED if not_modelled else _VERDICT.get(combine([r.status for r in results]), Verdict.UNDETERMINED)
        notes = tuple(n for n in (rule.note, *ctx.notes) if n) if ctx.notes else ((rule.note,) if rule.note else ())
        return verdict, rule.citation, rule.tag, results, notes

    def evaluate_all(self, facts, codes: Iterable[str], *, year: int, day: dt.date) -> list[Outcome]:
        subject = "collective" if isinstance(facts, CollectiveFacts) else "individual"
        if type(facts) is Traced:
            return [self.evaluate(facts, c, year=year, day=day) for c in codes if self.book.subject_of(c) == subject]
        if type(facts) is not PersonFacts:
            return [self._hit(facts, c, year, day)[0] for c in codes if self.book.subject_of(c) == subject]
        # The batch pass: each title's tree walked in turn (what ``_hit`` and ``_evaluate`` do, without their calls).
        codes = tuple(codes)
        wanted = self._individual.get(codes)
        if wanted is None:
            wanted = self._individual[codes] = tuple(c for c in codes if self.book.subject_of(c) == "individual")
        fid, memo, trees, out = id(facts), self._memo, self._trees, []
        if self._answers_of is not facts:
            self._answers_of, self._answers = facts, {}
        answers = self._answers
        for code in wanted:
            key = (fid, code, year, day)
            hit = memo.get(key)
            if hit is None:
                entry = trees.get((code, year, day))
                if entry is not None:
                    tree, ctx, _head = entry
                    ctx.facts = facts
                    parts = tree.walk(ctx, answers)
                    if parts is not None:
                        hit = memo[key] = (Outcome(facts.id, *parts), id(parts))
                if hit is None:
                    hit = self._hit(facts, code, year, day)
            out.append(hit[0])
        return out

    def next_up(self, facts, *, year: int, day: dt.date) -> list[dict]:
        """Per ladder, the lowest title above what the subject holds or qualifies for, and what it lacks.

        A ladder's answer depends on its outcomes and the titles held: people whose outcomes on a ladder are
        the same shared ones (``tracing``), holding the same titles of it, get the same answer, built once."""
        subject = "collective" if isinstance(facts, CollectiveFacts) else "individual"
        held = frozenset(a.code for a in facts.awards if not a.revoked and a.year == year) if facts.awards else frozenset()
        ladders = self._ladders.get(subject)
        if ladders is None:
            ladders = self._ladders[subject] = tuple(
                (i, ladder, frozenset(ladder)) for i, ladder in enumerate(LADDERS) if self.book.subject_of(ladder[0]) == subject
            )
        fid, memo, out = id(facts), self._memo, []
        for i, ladder, titles in ladders:
            hits = [memo.get((fid, code, year, day)) or self._hit(facts, code, year, day) for code in ladder]
            leaves = tuple([hit[1] for hit in hits])
            key = None if None in leaves else (i, year, day, held & titles if held else held, leaves)
            item = self._next.get(key, _NOT_CACHED) if key is not None else _NOT_CACHED
            if item is _NOT_CACHED:
                item = self._next_on_ladder(ladder, [hit[0] for hit in hits], held)
                if key is not None:
                    self._next[key] = item
            if item is not None:
                out.append(dict(item, missing=list(item["missing"])))  # the caller owns its dict
        return out

    @staticmethod
    def _next_on_ladder(ladder: tuple[str, ...], outcomes: list[Outcome], held: frozenset[str]) -> dict | None:
        reached = -1
        for i, (code, outcome) in enumerate(zip(ladder, outcomes, strict=True)):
            if outcome.eligible or code in held:
                reached = i
        if reached + 1 >= len(ladder):
            return None
        code, outcome = ladder[reached + 1], outcomes[reached + 1]
        if outcome.verdict is Verdict.NOT_MODELLED:
            return None
        missing = outcome.missing()
        return {
            "code": code,
            "name": outcome.name,
            "verdict": outcome.verdict.value,
            "missing": tuple(missing),
            "summary": (_("%s: còn thiếu: %s") % (title_label(code), "; ".join(missing))) if missing else _("%s: đủ điều kiện") % title_label(code),
        }  # fmt: skip

    def forget_subjects(self) -> None:
        """Drop what the engine remembers per subject (between batches of a long pass); what it shares
        between people stays, so the next batch starts warm."""
        self._memo.clear()
        self._answers_of, self._answers = None, {}


def describe_rule(rule: Rule) -> dict:
    """A rule as data for documentation and the API (criteria with their citations and tags)."""

    def crit(c) -> dict:
        out = {"key": c.key, "label": c.label, "kind": type(c.params).__name__, "citation": str(c.cite), "tag": c.tag}
        if hasattr(c.params, "options"):
            out["options"] = [crit(o) for o in c.params.options]
        return out

    return {
        "code": rule.code,
        "name": rule.name,
        "regime": rule.regime,
        "version": rule.version_id,
        "effective_from": rule.effective_from.isoformat(),
        "effective_to": rule.effective_to.isoformat() if rule.effective_to else None,
        "citation": str(rule.citation),
        "tag": rule.tag,
        "criteria": [crit(c) for c in rule.criteria],
        "note": rule.note,
        "unit_cap": None if rule.unit_cap is None else {
            "label": rule.unit_cap.label, "ratio": str(rule.unit_cap.ratio), "of": rule.unit_cap.of, "citation": str(rule.unit_cap.cite),
            "tag": rule.unit_cap.tag, "rounding": rule.unit_cap.rounding, "rounding_tag": rule.unit_cap.rounding_tag,
        },
    }  # fmt: skip


__all__ = ["Engine", "describe_rule", "year_label"]
