"""The next title up: per ladder of titles, the lowest one above what the subject holds or qualifies for."""

from __future__ import annotations

from .evaluators.labels import title_label
from .outcomes import Outcome, Verdict, _
from .rulesets import LADDERS, RuleBook


def ladders_of(book: RuleBook, subject: str) -> tuple[tuple[int, tuple[str, ...], frozenset[str]], ...]:
    """(number, titles lowest first, the titles as a set) of the ladders of ``subject`` (individual, collective)."""
    return tuple((i, ladder, frozenset(ladder)) for i, ladder in enumerate(LADDERS) if book.subject_of(ladder[0]) == subject)


def held_titles(facts, year: int) -> frozenset[str]:
    """The titles of the school year the subject already holds (not revoked)."""
    return frozenset(a.code for a in facts.awards if not a.revoked and a.year == year) if facts.awards else frozenset()


def next_on_ladder(ladder: tuple[str, ...], outcomes: list[Outcome], held: frozenset[str]) -> dict | None:
    """The next title up on ``ladder`` given the outcomes of its titles, with what it lacks (``None``: none)."""
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
        "summary": (_("%s: còn thiếu: %s") % (title_label(code), "; ".join(missing)))
        if missing
        else _("%s: đủ điều kiện") % title_label(code),
    }


def as_answer(item: dict) -> dict:
    """The caller's own copy of a next title (its ``missing`` a new list)."""
    return dict(item, missing=list(item["missing"]))
