"""The rule book: every title and form per regime, as data with citations and DOMAIN status tags.

Regimes come from ``regimes.py`` (the table the catalogue stores too): ``REGIMES`` and ``regime_on`` are
re-exported here. A rule version may be narrower than its regime when an education circular changed in
between (the KNC under QĐ 27/2005, TT 22/2018, TT 29/2023). How to add a title or change a threshold:
``docs/rules.md``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..criteria import AnyOf, Confirmed, Criterion, RatingShare, Registered, Rule
from ..regimes import OLD, REGIMES, Regime, regime_on
from . import collective, individual
from .shares import UNIT_SHARES
from .sources import L2003, TT29, U, cite

# The titles a registration applies to: the emulation titles (danh hiệu thi đua) the registration form offers,
# individual and collective (DOMAIN §4, §5, §8.1). Forms of commendation (Giấy khen, Bằng khen …) are proposed, not
# registered for, and carry no registration criterion.
REGISTRABLE = frozenset({"LDTT", "CSTDCS", "CSTD_BO_TINH", "CSTDTQ", "TTLDTT", "TTLDXS", "CO_BO_TINH", "CO_CP"})
REGISTERED_KEY = "registered"


def registration_criterion(regime: str) -> Criterion:
    """Đăng ký thi đua đầu năm học (DOMAIN §8.1 ❓: the article is not found in either regime; in practice the
    registration form of the 2022 regime cites TT 29/2023, the old practice Luật 2003). Last in its rule."""
    return Criterion(
        key=REGISTERED_KEY,
        label="Đăng ký thi đua đầu năm học",
        params=Registered(),
        cite=cite(L2003) if regime == OLD.code else cite(TT29),
        tag=U,
        missing="đăng ký thi đua đầu năm học",
    )


def with_registration(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """Every rule of a registrable title with the registration criterion appended."""
    return tuple(replace(r, criteria=(*r.criteria, registration_criterion(r.regime))) if r.code in REGISTRABLE else r for r in rules)


RULES: tuple[Rule, ...] = with_registration((*individual.RULES, *collective.RULES))

# Ladders for "what is missing for the next title up" (lowest first).
LADDERS = (
    ("LDTT", "CSTDCS", "CSTD_BO_TINH", "CSTDTQ"),
    ("GK", "BK_BO_TINH", "BK_TTG", "HCLD3"),
    ("NGUT", "NGND"),
    ("TTLDTT", "TTLDXS"),
    ("CO_BO_TINH", "CO_CP"),
)


class RuleBook:
    """Rule versions indexed by code; ``on(day)`` gives the version in force that day."""

    def __init__(self, rules: tuple[Rule, ...] = RULES, unit_shares: tuple[RatingShare, ...] = UNIT_SHARES):
        self.rules = rules
        self.unit_shares = unit_shares  # shares checked over a unit's ratings (``units.unit_checks``)
        self.codes = tuple(dict.fromkeys(r.code for r in rules))
        # Lookups memoised per (code, day) and per code: a province pass asks them millions of times.
        self._on: dict[tuple[str, dt.date], Rule | None] = {}
        self._subject: dict[str, str | None] = {}

    def on(self, code: str, day: dt.date) -> Rule | None:
        key = (code, day)
        try:
            return self._on[key]
        except KeyError:
            rule = self._on[key] = next((r for r in self.rules if r.code == code and r.covers(day)), None)
            return rule

    def subject_of(self, code: str) -> str | None:
        try:
            return self._subject[code]
        except KeyError:
            subject = self._subject[code] = next((r.subject for r in self.rules if r.code == code), None)
            return subject


DEFAULT_BOOK = RuleBook()


@dataclass(frozen=True)
class ConfirmationFact:
    """A qualitative fact an officer confirms (a ``Confirmed`` criterion), with what asks for it."""

    fact: str
    label: str  # the label of the first criterion asking for it
    codes: tuple[str, ...]  # the titles and forms whose rules ask for it


def confirmation_facts(book: RuleBook, *, subject: str = "individual", day: dt.date | None = None) -> dict[str, ConfirmationFact]:
    """The facts officers confirm for ``subject``s: in the rules in force on ``day``, or in every rule."""
    found: dict[str, tuple[str, list[str]]] = {}

    def collect(code: str, criteria) -> None:
        for c in criteria:
            if isinstance(c.params, Confirmed):
                _label, codes = found.setdefault(c.params.fact, (c.label, []))
                if code not in codes:
                    codes.append(code)
            elif isinstance(c.params, AnyOf):
                collect(code, c.params.options)

    for rule in book.rules:
        if rule.subject == subject and (day is None or rule.covers(day)):
            collect(rule.code, rule.criteria)
    return {fact: ConfirmationFact(fact, label, tuple(codes)) for fact, (label, codes) in found.items()}


__all__ = [
    "DEFAULT_BOOK",
    "LADDERS",
    "REGIMES",
    "REGISTERED_KEY",
    "REGISTRABLE",
    "RULES",
    "ConfirmationFact",
    "Regime",
    "RuleBook",
    "confirmation_facts",
    "regime_on",
]
