"""How the rule book's data is written: ``rule()`` for one version of a title or form under one regime, and
the criteria several titles share. The name of a title comes from the titles table (``titles.py``, the one the
catalogue stores), its period from the regimes table (``regimes.py``) unless a circular narrows it."""

from __future__ import annotations

import datetime as dt

from ..criteria import Criterion, NoPending, Rule, UnitCap
from ..outcomes import Citation
from ..regimes import Regime
from ..titles import name_of
from .sources import PENDING


def rule(
    *,
    subject: str,
    code: str,
    category: str,
    regime: Regime,
    citation: Citation,
    tag: str,
    criteria,
    note: str = "",
    version: str = "1",
    unit_cap: UnitCap | None = None,
    period: tuple[dt.date, dt.date | None] | None = None,
) -> Rule:
    """One rule version. ``period``: (from, to) when narrower than the regime (a circular changed in between)."""
    start, end = period or (regime.effective_from, regime.effective_to)
    return Rule(
        code=code,
        name=name_of(code),
        subject=subject,
        category=category,
        regime=regime.code,
        effective_from=start,
        effective_to=end,
        citation=citation,
        tag=tag,
        criteria=tuple(criteria),
        note=note,
        version=version,
        unit_cap=unit_cap,
    )


def no_pending(regime: Regime) -> Criterion:
    """Not under discipline proceedings, investigation or inspection (the 2022 law's regimes: ``PENDING``)."""
    citation, tag = PENDING[regime.code]
    return Criterion(
        key="no_pending",
        label="Không đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra",
        params=NoPending(),
        cite=citation,
        tag=tag,
        missing="chờ kết luận xem xét kỷ luật/điều tra",
    )
