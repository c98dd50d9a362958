"""The round's result: every layer read in one query, computed by the pure ``compute``, frozen in a publication.

A publication never changes: its snapshot (sheet version, every layer, totals, ranks, bands, gates, leaders)
is stored with its SHA-256 and its results as rows; PostgreSQL refuses UPDATE and DELETE on both. A correction
is a new publication superseding the current one with its reason; the old one stays readable.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.errors import Conflict, DomainError
from thidua.core.vietnamese import clean_text
from thidua.core.workflow import transition

from . import compute
from .models import Publication, PublishedResult, ScoreEntry, ScoringRound
from .services import require_organiser
from .sheets import criteria_of, to_compute
from .states import OPEN_SUBMISSIONS, RoundStatus, SubmissionStatus


@dataclass(frozen=True)
class Preview:
    result: compute.RoundResult
    layers: dict[int, dict[str, dict[str, Decimal]]]  # unit id -> tier -> code -> points (peer aggregated)
    names: dict[int, str]
    open_submissions: tuple[str, ...]  # names of units still submitted, in review or returned
    sheet: compute.Sheet


def round_layers(scoring_round: ScoringRound) -> tuple[dict, dict[int, str], list[int], list[str]]:
    """(layers by unit id, unit names, units that did not submit, names of open submissions) in two queries."""
    subs = list(scoring_round.submissions.values_list("pk", "unit_id", "unit_name", "status"))
    unit_of = {pk: unit for pk, unit, _n, _s in subs}
    names = {unit: name for _pk, unit, name, _s in subs}
    not_submitted = [unit for _pk, unit, _n, status in subs if status == SubmissionStatus.DRAFT]
    open_ = sorted(name for _pk, _u, name, status in subs if status in OPEN_SUBMISSIONS)
    current: dict[tuple, Decimal] = {}
    rows = (
        ScoreEntry.objects.filter(submission__scoring_round=scoring_round)
        .order_by("id")
        .values_list("submission_id", "criterion__code", "tier", "scorer_unit_id", "points")
    )
    for sub, code, tier, scorer, points in rows.iterator(chunk_size=5000):
        current[(sub, tier, code, scorer)] = points
    peers: dict[tuple, list[Decimal]] = defaultdict(list)
    layers: dict[int, dict[str, dict[str, Decimal]]] = {unit_of[pk]: {} for pk in unit_of}
    for (sub, tier, code, _scorer), points in current.items():
        if tier == compute.PEER:
            peers[(sub, code)].append(points)
        else:
            layers[unit_of[sub]].setdefault(tier, {})[code] = points
    for (sub, code), values in peers.items():
        layers[unit_of[sub]].setdefault(compute.PEER, {})[code] = compute.peer_value(values, trim=scoring_round.peer_trim)
    return layers, names, not_submitted, open_


def preview(scoring_round: ScoringRound) -> Preview:
    sheet = to_compute(scoring_round.sheet, leaders=scoring_round.cluster.leaders_per_year, criteria=criteria_of(scoring_round.sheet))
    layers, names, not_submitted, open_ = round_layers(scoring_round)
    ranked_units = {u: v for u, v in layers.items() if u not in set(not_submitted)}
    result = compute.compute(sheet, ranked_units, tiers=scoring_round.tiers, not_submitted=[str(u) for u in not_submitted])
    return Preview(result=result, layers=layers, names=names, open_submissions=tuple(open_), sheet=sheet)


def _snapshot(scoring_round: ScoringRound, p: Preview, leaders: set[int]) -> dict:
    def dec(d):
        return {k: str(v) for k, v in sorted(d.items())}

    return {
        "round": scoring_round.pk,
        "cluster": scoring_round.cluster_id,
        "school_year": scoring_round.school_year.code,
        "sheet": {"id": scoring_round.sheet_id, "name": scoring_round.sheet.name, "version": scoring_round.sheet.version},
        "tiers": list(scoring_round.tiers),
        "units": [
            {
                "unit": int(r.unit),
                "name": p.names[int(r.unit)],
                "layers": {tier: dec(values) for tier, values in sorted(p.layers[int(r.unit)].items())},
                "effective": {code: [str(v), tier] for code, (v, tier) in sorted(r.effective.items())},
                "total": str(r.total.total),
                "rank": r.rank,
                "tied": r.tied,
                "band": r.band,
                "band_capped": r.band_capped,
                "gates_failed": list(r.total.gates_failed),
                "leader": int(r.unit) in leaders,
            }
            for r in p.result.ranked
        ],
        "not_submitted": [{"unit": int(u), "name": p.names[int(u)]} for u in p.result.not_submitted],
        "leader_tie": p.result.leader_tie,
    }


def _digest(snapshot: dict) -> str:
    return hashlib.sha256(json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()).hexdigest()


def _leaders(p: Preview, designated) -> set[int]:
    leaders = {int(r.unit) for r in p.result.ranked if r.leader}
    if not p.result.leader_tie:
        return leaders
    if designated is None:
        raise DomainError(
            _("Nhiều đơn vị đồng hạng ở vị trí dẫn đầu: Hội đồng thi đua của đơn vị tổ chức cần chỉ định đơn vị dẫn đầu."),
            code="leader_tie",
            field="designated",
        )
    boundary = max(r.rank for r in p.result.ranked if r.rank <= p.sheet.leaders)
    tied = {int(r.unit) for r in p.result.ranked if r.rank == boundary}
    if designated.pk not in tied:
        raise DomainError(_("Đơn vị được chỉ định không nằm trong nhóm đồng hạng dẫn đầu."), code="not_tied", field="designated")
    return leaders | {designated.pk}


def _publish(
    actor, scoring_round: ScoringRound, *, kind: str, supersedes, reason: str, decision_number: str, decision_date, designated, at=None
):
    p = preview(scoring_round)
    if p.open_submissions:
        raise DomainError(
            _("Chưa công bố được: còn bảng đang thẩm định (%(units)s).") % {"units": ", ".join(p.open_submissions)}, code="round_not_ready"
        )
    leaders = _leaders(p, designated)
    snapshot = _snapshot(scoring_round, p, leaders)
    version = (supersedes.version + 1) if supersedes else 1
    try:
        with transaction.atomic():
            publication = Publication.objects.create(
                scoring_round=scoring_round,
                version=version,
                kind=kind,
                supersedes=supersedes,
                reason=reason,
                decision_number=clean_text(decision_number),
                decision_date=decision_date,
                snapshot=snapshot,
                snapshot_sha256=_digest(snapshot),
                leader_tie=p.result.leader_tie,
                published_by=actor,
                published_at=at or timezone.now(),
            )
    except IntegrityError:
        raise Conflict(_("Kết quả vừa được công bố hoặc đính chính bởi người khác; hãy tải lại trang."), code="already_published") from None
    rows = [
        PublishedResult(
            publication=publication,
            unit_id=int(r.unit),
            unit_name=p.names[int(r.unit)],
            total=r.total.total,
            rank=r.rank,
            band=r.band or "",
            gates_failed=list(r.total.gates_failed),
            leader=int(r.unit) in leaders,
        )
        for r in p.result.ranked
    ]
    rows += [
        PublishedResult(publication=publication, unit_id=int(u), unit_name=p.names[int(u)], total=0, rank=None)
        for u in p.result.not_submitted
    ]
    PublishedResult.objects.bulk_create(rows)
    return publication


@transaction.atomic
def round_publish(
    *, actor, scoring_round: ScoringRound, decision_number: str = "", decision_date=None, designated=None, published_at=None
) -> Publication:
    """Publish the round's result; refused (400 ``round_not_ready``) while a submission is being reviewed.
    Two officers publishing at once: the round row is locked, the second finds it published (409).
    ``published_at`` (default now) records a past publication, as the seeds do for last year's round; the
    pages and the API never pass it."""
    require_organiser(actor, scoring_round)
    locked = ScoringRound.objects.select_for_update().select_related("cluster", "sheet", "school_year").get(pk=scoring_round.pk)
    if locked.status != RoundStatus.OPEN:
        raise Conflict(_("Đợt chấm đã được công bố kết quả."), code="already_published")
    publication = _publish(
        actor,
        locked,
        kind=Publication.Kind.INITIAL,
        supersedes=None,
        reason="",
        decision_number=decision_number,
        decision_date=decision_date,
        designated=designated,
        at=published_at,
    )
    transition(locked, action="publish", actor=actor, audit_after={"publication": publication.pk, "sha256": publication.snapshot_sha256})
    scoring_round.status = locked.status
    return publication


def current_publication(scoring_round: ScoringRound) -> Publication | None:
    return scoring_round.publications.filter(superseded_by__isnull=True).order_by("-version").first()


@transaction.atomic
def round_correct(
    *,
    actor,
    scoring_round: ScoringRound,
    supersedes: Publication,
    reason: str,
    decision_number: str = "",
    decision_date=None,
    designated=None,
) -> Publication:
    """A correction: the round's result computed again (after the reviewers' corrections) as a new publication
    superseding ``supersedes``, which must be the current one; the old stays readable."""
    require_organiser(actor, scoring_round)
    reason = clean_text(reason)
    if not reason:
        raise DomainError(_("Hãy ghi lý do đính chính."), code="required", field="reason")
    locked = ScoringRound.objects.select_for_update().select_related("cluster", "sheet", "school_year").get(pk=scoring_round.pk)
    if locked.status != RoundStatus.PUBLISHED:
        raise Conflict(_("Chỉ đính chính đợt chấm đã công bố."), code="not_published")
    current = current_publication(locked)
    if current is None or current.pk != supersedes.pk:
        raise Conflict(_("Kết quả này đã được thay thế; hãy tải lại trang."), code="superseded")
    publication = _publish(
        actor,
        locked,
        kind=Publication.Kind.CORRECTION,
        supersedes=current,
        reason=reason,
        decision_number=decision_number,
        decision_date=decision_date,
        designated=designated,
    )
    transition(locked, action="correct", actor=actor, note=reason, audit_after={"publication": publication.pk, "supersedes": current.pk})
    return publication
