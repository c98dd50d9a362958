"""Cluster scoring, computed (pure; no Django): points checked, layers resolved, totals, ranks, bands, leaders.

A cluster (*cụm, khối thi đua*) scores its members against a criteria sheet. Every member scores itself, the
organiser's reviewers and the peers (*chấm chéo*) score on their own layers; **a higher layer never overwrites a
lower one** — every layer stays, and the effective value of a criterion is the one of the highest layer that
scored it. The published result is computed here from those layers, so the same function serves the preview,
the publication and its snapshot.

Arithmetic is ``Decimal`` with one rounding, on the total, to the sheet's decimals (half up):
``total = Σ score + min(Σ bonus, bonus_cap) − min(|Σ penalty|, penalty_cap)``. Ties share a rank (1, 2, 2, 4)
after the configured tie-breaks (criterion codes, higher first); a tie that remains stands and is shown. A band
comes from the configured bounds, capped when a gate fails. The leaders fill the quota by rank; a tie over
the quota is reported and those units are not leaders until the organiser's council designates — never an
arbitrary pick.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from statistics import mean

SCORE, BONUS, PENALTY, GATE, INFO = "score", "bonus", "penalty", "gate", "info"
KINDS = (SCORE, BONUS, PENALTY, GATE, INFO)
# Layers, lowest first; a round uses some of them in this order.
SELF, PEER, LEADER, ORGANISER, COUNCIL = "self", "peer", "leader", "organiser", "council"
TIERS = (SELF, PEER, LEADER, ORGANISER, COUNCIL)
ZERO = Decimal(0)


class ScoreError(ValueError):
    """A value a criterion cannot take; ``code`` is the machine-readable reason."""

    def __init__(self, code: str, criterion: str, message: str):
        super().__init__(message)
        self.code, self.criterion = code, criterion


@dataclass(frozen=True)
class Criterion:
    code: str  # "II.3.b", as printed on the sheet
    kind: str = SCORE
    max_points: Decimal = ZERO
    min_points: Decimal = ZERO  # ≤ 0 for a penalty
    step: Decimal | None = None  # None: any value
    evidence_required: bool = False
    parent: str | None = None  # a heading groups criteria; only leaves are scored

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown criterion kind {self.kind!r}")
        if self.min_points > self.max_points:
            raise ValueError(f"criterion {self.code}: minimum above maximum")


@dataclass(frozen=True)
class Band:
    label: str  # xuất sắc, tốt, khá …
    minimum: Decimal  # inclusive


@dataclass(frozen=True)
class Sheet:
    criteria: tuple[Criterion, ...]
    bonus_cap: Decimal | None = None  # None: no cap
    penalty_cap: Decimal | None = None
    decimals: int = 2
    bands: tuple[Band, ...] = ()  # any order; the best band whose minimum is reached
    gate_cap: str | None = None  # the best band a unit failing a gate may reach
    tie_breaks: tuple[str, ...] = ()  # criterion codes, compared in order, higher first
    leaders: int = 1

    def __post_init__(self) -> None:
        codes = [c.code for c in self.criteria]
        if len(set(codes)) != len(codes):
            raise ValueError("criterion codes repeat")
        for code in self.tie_breaks:
            if code not in codes:
                raise ValueError(f"tie-break on unknown criterion {code}")
        if self.gate_cap is not None and self.gate_cap not in {b.label for b in self.bands}:
            raise ValueError(f"gate cap {self.gate_cap!r} is not a band")

    @property
    def scored(self) -> tuple[Criterion, ...]:
        """The criteria that take a value (leaves of a kind other than ``info``)."""
        parents = {c.parent for c in self.criteria if c.parent}
        return tuple(c for c in self.criteria if c.code not in parents and c.kind != INFO)

    def criterion(self, code: str) -> Criterion:
        for c in self.criteria:
            if c.code == code:
                return c
        raise KeyError(code)


def check_points(criterion: Criterion, points: Decimal) -> Decimal:
    """The value itself if the criterion can take it; refused, never clamped."""
    if criterion.kind == GATE:
        if points not in (ZERO, Decimal(1)):
            raise ScoreError("gate_value", criterion.code, f"{criterion.code}: a gate is met (1) or not (0)")
        return points
    if points > criterion.max_points or points < criterion.min_points:
        raise ScoreError(
            "score_out_of_range", criterion.code, f"{criterion.code}: {points} outside [{criterion.min_points}, {criterion.max_points}]"
        )
    if criterion.step and (points - criterion.min_points) % criterion.step != 0:
        raise ScoreError("score_off_step", criterion.code, f"{criterion.code}: {points} is not on the step {criterion.step}")
    return points


def missing(sheet: Sheet, points: Mapping[str, Decimal], evidence: Iterable[str] = ()) -> dict[str, list[str]]:
    """What keeps a self-scoring from being submitted: criteria without a value (0 is a value, blank is
    not), criteria that require evidence without any. Empty lists when it may be submitted."""
    have_evidence = set(evidence)
    return {
        "unscored": [c.code for c in sheet.scored if points.get(c.code) is None],
        "evidence_required": [c.code for c in sheet.scored if c.evidence_required and c.code not in have_evidence],
    }


def peer_value(values: Sequence[Decimal], trim: bool = False) -> Decimal:
    """The peers' layer for one criterion: their mean; with ``trim`` and five peers or more, the highest and
    the lowest are dropped first."""
    ordered = sorted(values)
    if trim and len(ordered) >= 5:
        ordered = ordered[1:-1]
    return Decimal(mean(ordered))


def effective(layers: Mapping[str, Mapping[str, Decimal]], tiers: Sequence[str] = TIERS) -> dict[str, tuple[Decimal, str]]:
    """Per criterion, the value of the highest layer that scored it and that layer's name."""
    out: dict[str, tuple[Decimal, str]] = {}
    for tier in tiers:
        for code, value in layers.get(tier, {}).items():
            if value is not None:
                out[code] = (value, tier)
    return out


@dataclass(frozen=True)
class Total:
    score: Decimal
    bonus: Decimal  # after its cap
    penalty: Decimal  # after its cap, as a positive number subtracted
    total: Decimal
    gates_failed: tuple[str, ...]


def total(sheet: Sheet, points: Mapping[str, Decimal]) -> Total:
    """The unit's total from its effective points (a criterion without a value counts 0; a gate without an
    answer counts as failed)."""
    sums = {SCORE: ZERO, BONUS: ZERO, PENALTY: ZERO}
    gates_failed = []
    for c in sheet.scored:
        value = points.get(c.code)
        if c.kind == GATE:
            if value != Decimal(1):
                gates_failed.append(c.code)
            continue
        sums[c.kind] += value or ZERO
    bonus = sums[BONUS] if sheet.bonus_cap is None else min(sums[BONUS], sheet.bonus_cap)
    penalty = abs(sums[PENALTY]) if sheet.penalty_cap is None else min(abs(sums[PENALTY]), sheet.penalty_cap)
    quantum = Decimal(1).scaleb(-sheet.decimals)
    value = (sums[SCORE] + bonus - penalty).quantize(quantum, rounding=ROUND_HALF_UP)
    return Total(score=sums[SCORE], bonus=bonus, penalty=penalty, total=value, gates_failed=tuple(gates_failed))


def band_for(sheet: Sheet, value: Decimal, gates_failed: Sequence[str]) -> tuple[str | None, bool]:
    """(band, capped): the best band whose minimum the total reaches; a failed gate caps it at ``gate_cap``."""
    ordered = sorted(sheet.bands, key=lambda b: b.minimum, reverse=True)
    reached = next((b for b in ordered if value >= b.minimum), None)
    if reached is None or not gates_failed or sheet.gate_cap is None:
        return (reached.label if reached else None), False
    cap = next(b for b in ordered if b.label == sheet.gate_cap)
    if reached.minimum > cap.minimum:
        return cap.label, True
    return reached.label, False


@dataclass(frozen=True)
class Ranked:
    unit: str
    total: Total
    rank: int
    band: str | None
    band_capped: bool
    tied: bool  # shares its rank with another unit after every tie-break
    leader: bool
    effective: dict[str, tuple[Decimal, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class RoundResult:
    ranked: tuple[Ranked, ...]
    leader_tie: bool  # the last leader's place is shared by more units than the quota: the council designates
    not_submitted: tuple[str, ...] = ()


def compute(
    sheet: Sheet,
    layers_by_unit: Mapping[str, Mapping[str, Mapping[str, Decimal]]],
    tiers: Sequence[str] = TIERS,
    not_submitted: Iterable[str] = (),
) -> RoundResult:
    """Rank the units of a round. ``layers_by_unit[unit][tier][criterion] = points`` (the peer layer already
    aggregated with ``peer_value``). Units that did not submit are listed apart, never ranked."""
    rows = []
    for unit, layers in layers_by_unit.items():
        eff = effective(layers, tiers)
        points = {code: value for code, (value, _tier) in eff.items()}
        t = total(sheet, points)
        breaks = tuple(points.get(code, ZERO) for code in sheet.tie_breaks)
        rows.append((unit, t, breaks, eff))
    rows.sort(key=lambda r: (r[1].total, r[2]), reverse=True)
    ranked, rank, previous = [], 0, None
    keys = [(r[1].total, r[2]) for r in rows]
    for position, (unit, t, breaks, eff) in enumerate(rows, start=1):
        key = (t.total, breaks)
        if key != previous:
            rank, previous = position, key
        band, capped = band_for(sheet, t.total, t.gates_failed)
        ranked.append((unit, t, rank, band, capped, keys.count(key) > 1, eff))
    # The leaders fill the quota by rank; a rank group that would overflow it is a tie for the council.
    within = [r for r in ranked if r[2] <= sheet.leaders]
    leader_tie = len(within) > sheet.leaders
    boundary = max((r[2] for r in within), default=0)
    leading = {r[0] for r in within if not leader_tie or r[2] < boundary}
    out = tuple(
        Ranked(
            unit=unit,
            total=t,
            rank=rank,
            band=band,
            band_capped=capped,
            tied=tied,
            leader=unit in leading,
            effective=eff,
        )
        for unit, t, rank, band, capped, tied, eff in ranked
    )
    return RoundResult(ranked=out, leader_tie=leader_tie, not_submitted=tuple(sorted(not_submitted)))
