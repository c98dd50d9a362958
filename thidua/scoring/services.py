"""Scoring rounds: open one, assign peers, enter scores on a layer, attach evidence, submit, return, answer,
approve. Every layer is kept: an entry is a new row superseding the previous one of the same layer (and peer
unit); a higher layer never changes a lower one. Publishing is ``publishing.py``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.awards.uploads import check_scan
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.core.vietnamese import clean_text
from thidua.core.workflow import transition
from thidua.org.models import Cluster
from thidua.years import calendar
from thidua.years.models import SchoolYear

from . import auto, compute
from .models import Evidence, PeerAssignment, RevisionRequest, ScoreEntry, ScoreSheet, ScoringRound, Submission
from .permissions import peer_units
from .sheets import check_entry, parse_points
from .states import TIER_LABELS, RoundStatus, SubmissionStatus

S = SubmissionStatus
REVIEW_TIERS = (compute.LEADER, compute.ORGANISER, compute.COUNCIL)


def require_organiser(actor, scoring_round: ScoringRound) -> None:
    require_write(actor, scoring_round.cluster.organiser)


def require_write(actor, unit) -> None:
    if not scope_for(actor).can_write_unit(unit):
        raise PermissionDenied(_("Chỉ đơn vị tổ chức cụm, khối được thực hiện thao tác này."), code="forbidden")


# -- rounds ----------------------------------------------------------------------------------------------
@transaction.atomic
def round_open(
    *,
    actor,
    cluster: Cluster,
    school_year: SchoolYear,
    sheet: ScoreSheet,
    opens,
    self_days: int = 15,
    tiers: Sequence[str] = (compute.SELF, compute.PEER, compute.ORGANISER),
    peer_trim: bool = False,
) -> ScoringRound:
    """Open the round: one submission per member that year (automatic criteria filled in, with their source);
    the self-scoring is due ``self_days`` working days after ``opens``."""
    require_write(actor, cluster.organiser)
    if sheet.status != ScoreSheet.Status.PUBLISHED:
        raise DomainError(_("Chỉ dùng bảng tiêu chí đã ban hành."), code="sheet_not_published", field="sheet")
    unknown = [t for t in tiers if t not in compute.TIERS]
    if unknown or compute.SELF not in tiers:
        raise DomainError(_("Các lớp chấm không hợp lệ."), code="invalid_tiers", field="tiers")
    members = list(cluster.memberships.filter(school_year=school_year).select_related("unit"))
    if not members:
        raise DomainError(_("Cụm, khối chưa có thành viên năm học %(year)s.") % {"year": school_year.code}, code="no_members")
    try:
        with transaction.atomic():
            scoring_round = ScoringRound.objects.create(
                cluster=cluster,
                school_year=school_year,
                sheet=sheet,
                tiers=[t for t in compute.TIERS if t in tiers],
                peer_trim=peer_trim,
                opens=opens,
                self_due=calendar.add_working_days(opens, self_days),
            )
    except IntegrityError:
        raise Conflict(
            _("Cụm, khối đã có đợt chấm theo bảng này năm học %(year)s.") % {"year": school_year.code}, code="duplicate_round"
        ) from None
    submissions = Submission.objects.bulk_create(
        Submission(scoring_round=scoring_round, unit=m.unit, unit_name=m.unit.name) for m in members
    )
    automatic = [c for c in sheet.criteria.all() if c.auto_source]
    entries = []
    for submission in submissions:
        for c in automatic:
            points, reason = auto.value(c, submission.unit, school_year)
            entries.append(ScoreEntry(submission=submission, criterion=c, tier=compute.SELF, points=points, reason=reason))
    ScoreEntry.objects.bulk_create(entries)
    audit.record(
        actor=actor,
        verb="scoring.round_opened",
        target=scoring_round,
        unit=cluster.organiser,
        after={"school_year": school_year.code, "sheet": sheet.pk, "members": len(submissions), "self_due": str(scoring_round.self_due)},
    )
    return scoring_round


PEERS_ALL_UP_TO = 8  # a cluster this small: every member scores every other
PEERS_EACH = 4  # a larger one: each member scores the next four in rotation order


def peers_proposed(members: Sequence[int]) -> list[tuple[int, int]]:
    """(scorer, scored) pairs for ``members`` in rotation order: all others when there are at most eight, else
    the next ``PEERS_EACH`` in rotation (so each member is scored as often as it scores); never itself."""
    n = len(members)
    if n <= PEERS_ALL_UP_TO:
        return [(a, b) for a in members for b in members if a != b]
    return [(members[i], members[(i + j) % n]) for i in range(n) for j in range(1, PEERS_EACH + 1)]


@transaction.atomic
def peers_assign(*, actor, scoring_round: ScoringRound, pairs: Sequence[tuple]) -> list[PeerAssignment]:
    """``pairs`` of (scorer unit, scored unit), both members of the round; never a unit scoring itself."""
    require_organiser(actor, scoring_round)
    member_ids = set(scoring_round.submissions.values_list("unit_id", flat=True))
    for scorer, scored in pairs:
        if scorer.pk == scored.pk:
            raise PermissionDenied(_("“%(unit)s” không được chấm chéo cho chính mình.") % {"unit": scorer.name}, code="self_scoring")
        if scorer.pk not in member_ids or scored.pk not in member_ids:
            raise DomainError(_("Chỉ phân công chấm chéo giữa các thành viên của đợt chấm."), code="not_a_member", field="pairs")
    rows = PeerAssignment.objects.bulk_create(
        [PeerAssignment(scoring_round=scoring_round, scorer=a, scored=b) for a, b in pairs], ignore_conflicts=True
    )
    audit.record(
        actor=actor, verb="scoring.peers_assigned", target=scoring_round, unit=scoring_round.cluster.organiser, after={"pairs": len(pairs)}
    )
    return rows


def peer_has_scored(assignment: PeerAssignment) -> bool:
    return ScoreEntry.objects.filter(
        submission__scoring_round_id=assignment.scoring_round_id,
        submission__unit_id=assignment.scored_id,
        tier=compute.PEER,
        scorer_unit_id=assignment.scorer_id,
    ).exists()


@transaction.atomic
def peer_remove(*, actor, assignment: PeerAssignment) -> None:
    """Withdraw one peer assignment while the round is open and before the peer has entered a score (a score
    entered stays, with the assignment it was given under)."""
    scoring_round = assignment.scoring_round
    require_organiser(actor, scoring_round)
    locked = PeerAssignment.objects.select_for_update().filter(pk=assignment.pk).select_related("scorer", "scored").first()
    if locked is None:
        raise Conflict(_("Phân công chấm chéo này vừa được bỏ; hãy tải lại trang."), code="state_changed")
    if scoring_round.status != RoundStatus.OPEN:
        raise Conflict(_("Đợt chấm đã kết thúc; không thay đổi phân công chấm chéo."), code="round_closed")
    if peer_has_scored(locked):
        raise Conflict(
            _("“%(scorer)s” đã chấm chéo cho “%(scored)s”; không bỏ được phân công này.")
            % {"scorer": locked.scorer.name, "scored": locked.scored.name},
            code="peer_already_scored",
        )
    locked.delete()
    audit.record(
        actor=actor,
        verb="scoring.peer_removed",
        target=scoring_round,
        unit=scoring_round.cluster.organiser,
        before={"scorer": locked.scorer_id, "scored": locked.scored_id},
    )


# -- layers ----------------------------------------------------------------------------------------------
def current_entries(submission: Submission) -> dict[tuple[int, str, int | None], ScoreEntry]:
    """The newest entry per (criterion, tier, peer unit)."""
    out: dict = {}
    for e in submission.entries.order_by("id"):
        out[(e.criterion_id, e.tier, e.scorer_unit_id)] = e
    return out


def editable_criteria(submission: Submission) -> set[int] | None:
    """While returned, the criteria the open revision request names; None: every criterion."""
    if submission.status != S.RETURNED:
        return None
    request = submission.revisions.filter(answered_at__isnull=True).first()
    return set(request.criteria.values_list("pk", flat=True)) if request else set()


@dataclass(frozen=True)
class Value:
    criterion: str  # code
    points: object  # text or Decimal as typed
    reason: str = ""


@transaction.atomic
def scores_enter(*, actor, submission: Submission, tier: str, values: Sequence[Value], as_unit=None) -> list[ScoreEntry]:
    """Enter values on one layer. Each value is checked against its criterion (refused, never clamped);
    nothing is saved when one is refused."""
    submission = Submission.objects.select_for_update().select_related("scoring_round", "scoring_round__sheet").get(pk=submission.pk)
    scoring_round = submission.scoring_round
    if tier not in scoring_round.tiers:
        raise DomainError(_("Đợt chấm không có lớp chấm này."), code="invalid_tier", field="tier")
    if scoring_round.status == RoundStatus.CLOSED:
        raise Conflict(_("Đợt chấm đã kết thúc."), code="round_closed")
    scorer_unit = None
    if tier == compute.SELF:
        if not scope_for(actor).can_write_unit(submission.unit):
            raise PermissionDenied(_("Chỉ đơn vị được chấm mới tự chấm điểm."), code="forbidden")
        if submission.status not in (S.DRAFT, S.RETURNED) or scoring_round.status != RoundStatus.OPEN:
            raise Conflict(_("Bảng đã nộp; chỉ chấm lại được khi bị trả lại."), code="submission_locked")
    elif tier == compute.PEER:
        if as_unit is not None and as_unit.pk == submission.unit_id:
            raise PermissionDenied(_("Đơn vị không được chấm chéo cho chính mình."), code="self_scoring")
        allowed = peer_units(actor, scoring_round, submission.unit)
        if as_unit is None and len(allowed) == 1:
            as_unit = allowed[0]
        if as_unit is None or as_unit.pk not in {u.pk for u in allowed}:
            if scope_for(actor).can_write_unit(submission.unit) and as_unit is None:
                raise PermissionDenied(_("Đơn vị không được chấm chéo cho chính mình."), code="self_scoring")
            raise PermissionDenied(_("Bạn không được phân công chấm chéo bảng này."), code="not_assigned")
        if submission.status not in (S.SUBMITTED, S.IN_REVIEW) or scoring_round.status != RoundStatus.OPEN:
            raise Conflict(_("Chỉ chấm chéo bảng đã nộp, chưa duyệt."), code="submission_locked")
        scorer_unit = as_unit
    else:
        require_organiser(actor, scoring_round)
        if submission.status not in (S.SUBMITTED, S.IN_REVIEW, S.READY):
            raise Conflict(_("Chỉ thẩm định bảng đã nộp."), code="submission_locked")
    criteria = {c.code: c for c in scoring_round.sheet.criteria.all()}
    headings = frozenset(c.parent_id for c in criteria.values() if c.parent_id)
    editable = editable_criteria(submission) if tier == compute.SELF else None
    current = current_entries(submission)
    lower = compute.TIERS[: compute.TIERS.index(tier)]
    rows = []
    for v in values:
        c = criteria.get(v.criterion)
        if c is None:
            raise DomainError(
                _("Mục %(code)s không có trong bảng tiêu chí.") % {"code": v.criterion}, code="unknown_criterion", field=v.criterion
            )
        if tier == compute.SELF and c.auto_source:
            raise DomainError(_("Mục %(code)s được tính tự động.") % {"code": c.code}, code="automatic_criterion", field=c.code)
        if editable is not None and c.pk not in editable:
            raise Conflict(_("Mục %(code)s không được yêu cầu chấm lại.") % {"code": c.code}, code="not_returned", field=c.code)
        points = check_entry(c, parse_points(v.points, field=c.code), headings)
        previous = current.get((c.pk, tier, scorer_unit.pk if scorer_unit else None))
        if previous is not None and previous.points == points and not v.reason:
            continue
        below = [current[(c.pk, t, None)].points for t in lower if (c.pk, t, None) in current]
        if tier in REVIEW_TIERS and below and below[-1] != points and not clean_text(v.reason):
            raise DomainError(
                _("Mục %(code)s: hãy ghi lý do khi cho điểm khác lớp chấm trước.") % {"code": c.code}, code="reason_required", field=c.code
            )
        rows.append(
            ScoreEntry(
                submission=submission,
                criterion=c,
                tier=tier,
                scorer_unit=scorer_unit,
                actor=actor,
                points=points,
                reason=clean_text(v.reason),
                supersedes=previous,
            )
        )
    ScoreEntry.objects.bulk_create(rows)
    if tier in REVIEW_TIERS and submission.status == S.SUBMITTED and rows:
        transition(submission, action="review", actor=actor)
    audit.record(
        actor=actor,
        verb="scoring.scored",
        target=submission,
        unit=submission.unit,
        after={
            "tier": str(TIER_LABELS[tier]),
            "scorer_unit": scorer_unit.pk if scorer_unit else None,
            "values": {r.criterion.code: str(r.points) for r in rows},
        },
    )
    return rows


@transaction.atomic
def evidence_add(*, actor, submission: Submission, criterion_code: str, upload, description: str = "") -> Evidence:
    if not scope_for(actor).can_write_unit(submission.unit):
        raise PermissionDenied(_("Chỉ đơn vị được chấm mới nộp minh chứng."), code="forbidden")
    if submission.status not in (S.DRAFT, S.RETURNED):
        raise Conflict(_("Bảng đã nộp; chỉ bổ sung minh chứng khi bị trả lại."), code="submission_locked")
    criterion = submission.scoring_round.sheet.criteria.filter(code=criterion_code).first()
    if criterion is None:
        raise DomainError(
            _("Mục %(code)s không có trong bảng tiêu chí.") % {"code": criterion_code}, code="unknown_criterion", field="criterion"
        )
    try:
        kind = check_scan(upload)
    except DomainError as e:
        e.field = "file"
        raise
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    evidence = Evidence.objects.create(
        submission=submission,
        criterion=criterion,
        file=upload,
        file_type=kind,
        original_name=clean_text(upload.name)[:255],
        sha256=digest.hexdigest(),
        description=clean_text(description),
        uploaded_by=actor,
    )
    audit.record(actor=actor, verb="scoring.evidence_added", target=submission, unit=submission.unit, after={"criterion": criterion.code})
    return evidence


def self_points(submission: Submission) -> dict[str, Decimal]:
    return {e.criterion.code: e.points for (_c, tier, _u), e in entries_by_layer(submission).items() if tier == compute.SELF}


def entries_by_layer(submission: Submission) -> dict:
    out: dict = {}
    for e in submission.entries.select_related("criterion").order_by("id"):
        out[(e.criterion_id, e.tier, e.scorer_unit_id)] = e
    return out


@transaction.atomic
def submission_submit(*, actor, submission: Submission, answer: str = "") -> Submission:
    """Submit the self-scoring (or answer a return): every criterion scored, required evidence attached."""
    from .sheets import to_compute

    sheet = to_compute(submission.scoring_round.sheet)
    evidence = set(submission.evidence.values_list("criterion__code", flat=True))
    gaps = compute.missing(sheet, self_points(submission), evidence)
    if gaps["unscored"]:
        raise DomainError(
            _("Còn mục chưa tự chấm: %(codes)s.") % {"codes": ", ".join(gaps["unscored"])}, code="unscored", field=gaps["unscored"][0]
        )
    if gaps["evidence_required"]:
        raise DomainError(
            _("Còn mục bắt buộc có minh chứng: %(codes)s.") % {"codes": ", ".join(gaps["evidence_required"])},
            code="evidence_required",
            field=gaps["evidence_required"][0],
        )
    if submission.status == S.RETURNED:
        request = submission.revisions.filter(answered_at__isnull=True).first()
        if request is not None:
            request.answered_at, request.answer = timezone.now(), clean_text(answer)
            request.save(update_fields=["answered_at", "answer"])
        return transition(submission, action="answer", actor=actor)
    late = timezone.localdate() > submission.scoring_round.self_due
    return transition(submission, action="submit", actor=actor, submitted_at=timezone.now(), late=late)


@transaction.atomic
def submission_return(*, actor, submission: Submission, criteria: Sequence[str], reason: str) -> RevisionRequest:
    """Return a submission naming the criteria to revise (at least one); only those become editable."""
    require_organiser(actor, submission.scoring_round)
    reason = clean_text(reason)
    if not reason:
        raise DomainError(_("Hãy ghi lý do trả lại."), code="required", field="reason")
    found = list(submission.scoring_round.sheet.criteria.filter(code__in=list(criteria)))
    if not found:
        raise DomainError(_("Hãy chọn ít nhất một mục cần chấm lại."), code="criteria_required", field="criteria")
    unknown = set(criteria) - {c.code for c in found}
    if unknown:
        raise DomainError(
            _("Mục không có trong bảng: %(codes)s.") % {"codes": ", ".join(sorted(unknown))}, code="unknown_criterion", field="criteria"
        )
    transition(submission, action="return", actor=actor, note=reason, audit_after={"criteria": sorted(c.code for c in found)})
    request = RevisionRequest.objects.create(submission=submission, reason=reason, requested_by=actor)
    request.criteria.set(found)
    return request


@transaction.atomic
def submission_approve(*, actor, submission: Submission) -> Submission:
    require_organiser(actor, submission.scoring_round)
    return transition(submission, action="approve", actor=actor)


def values_from(mapping: Mapping[str, object], reasons: Mapping[str, str] | None = None) -> list[Value]:
    """Typed values of a form or a body: blank means "not entered"."""
    reasons = reasons or {}
    return [Value(code, v, reasons.get(code, "")) for code, v in mapping.items() if v not in (None, "")]
