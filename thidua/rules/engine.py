"""Evaluate facts against the rule book: one ``Outcome`` per subject and title, every criterion listed.

The rule version is chosen by the evaluation (consideration or decision) date (DOMAIN §1.1); history from
either regime counts. ``Engine`` memoises per evaluation so that a title needed by several others (LĐTT
inside CSTĐCS inside CSTĐ cấp tỉnh) is evaluated once per person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .criteria import NotModelled, Policy, Rule
from .evaluators import SHARED_KEYS, Ctx, evaluate_criterion, title_label
from .facts import CollectiveFacts, PersonFacts, year_label
from .outcomes import Citation, CriterionResult, Outcome, Status, Verdict, _, combine
from .rulesets import DEFAULT_BOOK, LADDERS, RuleBook, regime_on

_VERDICT = {Status.MET: Verdict.ELIGIBLE, Status.NOT_MET: Verdict.NOT_ELIGIBLE}


class Engine:
    def __init__(self, book: RuleBook = DEFAULT_BOOK, policy: Policy | None = None):
        self.book = book
        self.policy = policy or Policy()
        self._memo: dict[tuple[int, str, int, dt.date], Outcome] = {}
        self._active: set[tuple[int, str, int, dt.date]] = set()
        # Criterion results shared between subjects with the same relevant facts (``evaluators.SHARED_KEYS``);
        # keyed by ``id`` of criteria the book holds, so they live as long as this engine.
        self.shared: dict[tuple, CriterionResult] = {}
        self.shared_ids: set[int] = set()  # ids of the shared results (alive as long as ``shared``)
        self._kind: dict[int, bool] = {}  # id(rule) -> has a NotModelled criterion
        # Whole outcomes shared between people (``_shared_outcome``): id(rule) -> its criteria with their key
        # functions, or () when some criterion is not of a shared kind; and (rule, year, day, keys) -> parts.
        self._plans: dict[int, tuple] = {}
        self._outcomes: dict[tuple, tuple] = {}

    def share(self, key: tuple, result: CriterionResult) -> CriterionResult:
        self.shared[key] = result
        self.shared_ids.add(id(result))
        return result

    def evaluate(self, facts: PersonFacts | CollectiveFacts, code: str, *, year: int, day: dt.date) -> Outcome:
        key = (id(facts), code, year, day)
        if key in self._memo:
            return self._memo[key]
        if key in self._active:  # a rule book that refers to itself in a loop
            raise RecursionError(f"rule {code} depends on itself")
        self._active.add(key)
        try:
            outcome = self._evaluate(facts, code, year, day)
        finally:
            self._active.discard(key)
        self._memo[key] = outcome
        return outcome

    def _evaluate(self, facts, code: str, year: int, day: dt.date) -> Outcome:
        rule = self.book.on(code, day)
        if rule is None:
            regime = regime_on(day)
            statement = _("Không có quy định cho %s vào ngày %s (chế độ: %s).") % (
                code,
                f"{day:%d/%m/%Y}",
                regime.code if regime else "không có",
            )
            result = CriterionResult("no_rule", _("Quy định áp dụng"), Status.UNKNOWN, statement, Citation("DOMAIN §1.1"), "confirmed")
            return Outcome(facts.id, code, code, regime.code if regime else "", "", year, Verdict.NOT_MODELLED, Citation("DOMAIN §1.1"),
                           "confirmed", (result,))  # fmt: skip
        ctx = Ctx(facts=facts, year=year, day=day, rule=rule, engine=self, policy=self.policy)
        plan = self._plans.get(id(rule))
        if plan is None:
            plan = self._plans[id(rule)] = self._plan(rule)
        shared_key = None
        if plan and isinstance(facts, PersonFacts):
            shared_key = self._shared_key(rule, plan, ctx)
            if shared_key is not None and (parts := self._outcomes.get(shared_key)) is not None:
                return Outcome(facts.id, rule.code, rule.name, rule.regime, rule.version_id, year, *parts)
        results = tuple([evaluate_criterion(c, ctx) for c in rule.criteria])
        not_modelled = self._kind.get(id(rule))
        if not_modelled is None:
            not_modelled = self._kind[id(rule)] = any(isinstance(c.params, NotModelled) for c in rule.criteria)
        verdict = Verdict.NOT_MODELLED if not_modelled else _VERDICT.get(combine([r.status for r in results]), Verdict.UNDETERMINED)
        notes = tuple(n for n in (rule.note, *ctx.notes) if n) if ctx.notes else ((rule.note,) if rule.note else ())
        if shared_key is not None and not ctx.notes:
            self._outcomes[shared_key] = (verdict, rule.citation, rule.tag, results, notes)
        return Outcome(facts.id, rule.code, rule.name, rule.regime, rule.version_id, year, verdict, rule.citation, rule.tag, results, notes)

    @staticmethod
    def _plan(rule: Rule) -> tuple:
        """A rule whose every criterion is of a kind ``evaluators.SHARED_KEYS`` shares: its outcome depends only
        on those keys (each criterion then returns the one result the engine holds for its key)."""
        plan = tuple((c, SHARED_KEYS.get(type(c.params))) for c in rule.criteria)
        return plan if plan and all(fn is not None for _c, fn in plan) else ()

    def _shared_key(self, rule: Rule, plan: tuple, ctx: Ctx) -> tuple | None:
        keys = []
        for c, keyfn in plan:
            key = keyfn(c, c.params, ctx)
            if key is None:
                return None
            keys.append(key)
        return (id(rule), ctx.year, ctx.day, *keys)

    def evaluate_all(self, facts, codes: Iterable[str], *, year: int, day: dt.date) -> list[Outcome]:
        subject = "collective" if isinstance(facts, CollectiveFacts) else "individual"
        return [self.evaluate(facts, c, year=year, day=day) for c in codes if self.book.subject_of(c) == subject]

    def next_up(self, facts, outcomes: list[Outcome], *, year: int, day: dt.date) -> list[dict]:
        """Per ladder, the lowest title above what the subject holds or qualifies for, and what it lacks."""
        by_code = {o.code: o for o in outcomes}
        out = []
        subject = "collective" if isinstance(facts, CollectiveFacts) else "individual"
        held = {a.code for a in facts.awards if not a.revoked and a.year == year}
        for ladder in LADDERS:
            if self.book.subject_of(ladder[0]) != subject:
                continue
            reached = -1
            for i, code in enumerate(ladder):
                outcome = by_code.get(code) or self.evaluate(facts, code, year=year, day=day)
                if outcome.eligible or code in held:
                    reached = i
            if reached + 1 >= len(ladder):
                continue
            code = ladder[reached + 1]
            outcome = by_code.get(code) or self.evaluate(facts, code, year=year, day=day)
            if outcome.verdict is Verdict.NOT_MODELLED:
                continue
            missing = outcome.missing()
            out.append({
                "code": code,
                "name": outcome.name,
                "verdict": outcome.verdict.value,
                "missing": missing,
                "summary": (_("%s: còn thiếu: %s") % (title_label(code), "; ".join(missing))) if missing else _("%s: đủ điều kiện") % title_label(code),
            })  # fmt: skip
        return out


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
    }


__all__ = ["Engine", "describe_rule", "year_label"]
