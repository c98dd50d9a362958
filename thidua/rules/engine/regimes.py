"""The legal regimes (DOMAIN §1.1): one table read by the rule book (``rulesets``) and by the catalogue
(``thidua.awards.catalogue``, which stores it as ``LegalRegime`` rows).

A regime is the set of documents in force for a period: the law on emulation and commendation and its
implementing decree. Its period decides which version of every rule applies on a day (a rule version may be
narrower than its regime when an education circular changed in between, e.g. the KNC under QĐ 27/2005,
TT 22/2018 and TT 29/2023), and what a regime changes is written as data in the rules, never as an ``if`` on
its code. What needs a new regime is described in ``docs/rules.md``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Regime:
    code: str  # stable identifier, stored in ``LegalRegime.code`` and in every rule version's id
    name: str  # Vietnamese, as users read it
    effective_from: dt.date
    effective_to: dt.date | None  # inclusive; ``None``: still in force
    citation: str  # the documents, as the catalogue cites them

    def __post_init__(self) -> None:
        if not self.code or not self.name:
            raise ValueError("a regime needs a code and a name")
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError(f"regime {self.code}: effective_to before effective_from")

    def covers(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


OLD = Regime(
    code="law2013",
    name="Luật TĐKT 2003 (sửa đổi 2013), NĐ 91/2017",
    effective_from=dt.date(2014, 6, 1),
    effective_to=dt.date(2023, 12, 31),
    citation="Luật 15/2003/QH11, 39/2013/QH13; NĐ 91/2017/NĐ-CP",
)
NEW98 = Regime(
    code="law2022_nd98",
    name="Luật TĐKT 2022, NĐ 98/2023",
    effective_from=dt.date(2024, 1, 1),
    effective_to=dt.date(2025, 6, 30),
    citation="Luật 06/2022/QH15; NĐ 98/2023/NĐ-CP",
)
NEW152 = Regime(
    code="law2022_nd152",
    name="Luật TĐKT 2022, NĐ 152/2025",
    effective_from=dt.date(2025, 7, 1),
    effective_to=None,
    citation="Luật 06/2022/QH15; NĐ 152/2025/NĐ-CP; NĐ 129/2025/NĐ-CP",
)

REGIMES: tuple[Regime, ...] = (OLD, NEW98, NEW152)  # oldest first, periods adjacent
NEW = (NEW98, NEW152)  # the regimes of the 2022 law


def _check_table() -> None:
    for before, after in itertools.pairwise(REGIMES):
        if before.effective_to is None or before.effective_to + dt.timedelta(days=1) != after.effective_from:
            raise ValueError(f"regimes {before.code} and {after.code} are not adjacent")
    if len({r.code for r in REGIMES}) != len(REGIMES):
        raise ValueError("duplicate regime codes")


_check_table()
BY_CODE: dict[str, Regime] = {r.code: r for r in REGIMES}


def regime_on(day: dt.date) -> Regime | None:
    """The regime in force on ``day`` (``None`` before the first)."""
    return next((r for r in REGIMES if r.covers(day)), None)
