"""``/api/v1/clusters/`` and ``/api/v1/scoring-rounds/``: clusters with their yearly members, rounds with their
sheet, submissions with every layer, and the writes (entries, submit, return, approve, publish, correct).

Reads come from ``org.clusters`` and ``scoring.selectors``; single objects from the ``access_*`` functions
(404 outside the scope, 403 read-only; a peer reaches only its assigned submissions); writes from the services.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from thidua.core.errors import DomainError
from thidua.org import clusters
from thidua.org.models import OrgUnit
from thidua.scoring import publishing, services
from thidua.scoring.models import PeerAssignment, Publication
from thidua.scoring.permissions import ORGANISER, PEER, SELF, access_round, access_sheet, access_submission
from thidua.scoring.selectors import submissions_for
from thidua.years.lookup import resolve_school_year
from thidua.years.models import SchoolYear

from ..errors import responses
from ..paging import page
from ..refs import unit_ref
from ..schemas_scoring import (
    ClusterCreateIn,
    ClusterDetailOut,
    ClusterFilters,
    ClusterOut,
    ClusterPage,
    CorrectIn,
    EntriesIn,
    LeaderIn,
    MembersIn,
    PairIn,
    PeersIn,
    PeersOut,
    PublicationOut,
    PublishIn,
    ResultsOut,
    ReturnIn,
    RoundOpenIn,
    RoundOut,
    SubmissionOut,
    SubmitIn,
    YearQuery,
)
from .scoring_sheets import sheet_fields

clusters_router = Router(tags=["clusters"])
rounds_router = Router(tags=["scoring"])
WRITE_ERRORS = (400, 403, 404, 409, 422)


def _unit(u: OrgUnit | None) -> dict | None:
    return {"id": u.pk, "code": u.code, "name": u.name} if u else None


def _cluster(c) -> dict:
    return {
        "id": c.pk,
        "name": c.name,
        "kind": c.kind,
        "organiser": _unit(c.organiser),
        "feeds_flag": c.feeds_flag,
        "leaders_per_year": c.leaders_per_year,
        "founding_document": c.founding_document,
        "valid_from": c.valid_from,
        "valid_to": c.valid_to,
    }


@clusters_router.get("/", response=responses({200: ClusterPage}, 422), summary="Cụm, khối thi đua trong phạm vi")
def cluster_list(request, filters: Query[ClusterFilters]):
    result = page(clusters.clusters_visible(actor=request.auth).order_by("organiser__path", "name"), filters)
    return {"items": [_cluster(c) for c in result["items"]], "count": result["count"]}


@clusters_router.get("/{id}", response=responses({200: ClusterDetailOut}, 404, 422), summary="Một cụm, khối và thành viên theo năm học")
def cluster_detail(request, id: int, query: Query[YearQuery]):
    cluster = clusters.access_cluster(request.auth, id)
    if query.year:
        year = SchoolYear.objects.filter(code=query.year).first()
        if year is None:
            raise DomainError(_("Không có năm học %(year)s.") % {"year": query.year}, code="unknown_school_year", field="year")
    else:
        latest = cluster.memberships.order_by("-school_year__start_date").select_related("school_year").first()
        year = latest.school_year if latest else None
    return _cluster_detail(cluster, year)


def _cluster_detail(cluster, year) -> dict:
    rows = clusters.members(cluster, year) if year else []
    return {
        **_cluster(cluster),
        "school_year": year.code if year else None,
        "memberships": [
            {"unit": _unit(m.unit), "role": m.role, "rotation_order": m.rotation_order, "replaces": _unit(m.replaces)}
            for m in sorted(rows, key=lambda m: (m.rotation_order, m.unit.name))
        ],
        "rounds": list(cluster.rounds.values_list("pk", flat=True)),
    }


def _year(label: str, field: str = "school_year") -> SchoolYear:
    year = resolve_school_year(label, field=field)
    if year is None:
        raise DomainError(_("Hãy chọn năm học."), code="required", field=field)
    return year


def _member_unit(actor, pk: int, *, field: str) -> OrgUnit:
    return unit_ref(actor, pk, field=field)


@clusters_router.post("/", response=responses({201: ClusterOut}, 400, 403, 409, 422), summary="Thành lập cụm, khối thi đua")
def cluster_create(request, data: ClusterCreateIn):
    organiser = unit_ref(request.auth, data.organiser, field="organiser")
    cluster = clusters.cluster_create(
        actor=request.auth,
        organiser=organiser,
        name=data.name,
        kind=data.kind,
        valid_from=data.valid_from,
        feeds_flag=data.feeds_flag,
        leaders_per_year=data.leaders_per_year,
        founding_document=data.founding_document,
    )
    return Status(201, _cluster(cluster))


@clusters_router.put("/{id}/members", response=responses({200: ClusterDetailOut}, *WRITE_ERRORS), summary="Thành viên của một năm học")
def cluster_members_set(request, id: int, data: MembersIn):
    """The list replaces that year's list (other years untouched), in rotation order; a leader or deputy who
    stays keeps the role."""
    cluster = clusters.access_cluster(request.auth, id, write=True)
    year = _year(data.school_year)
    units = [_member_unit(request.auth, pk, field=f"units[{i}]") for i, pk in enumerate(data.units)]
    replaces = {int(k): _member_unit(request.auth, v, field=f"replaces.{k}") for k, v in data.replaces.items()}
    clusters.cluster_members_set(actor=request.auth, cluster=cluster, school_year=year, units=units, replaces=replaces)
    return _cluster_detail(cluster, year)


@clusters_router.post("/{id}/leader", response=responses({200: ClusterDetailOut}, *WRITE_ERRORS), summary="Cụm trưởng, cụm phó của năm học")
def cluster_leader_set(request, id: int, data: LeaderIn):
    cluster = clusters.access_cluster(request.auth, id, write=True)
    year = _year(data.school_year)
    leader = _member_unit(request.auth, data.leader, field="leader")
    deputy = _member_unit(request.auth, data.deputy, field="deputy") if data.deputy is not None else None
    clusters.cluster_leader_set(actor=request.auth, cluster=cluster, school_year=year, leader=leader, deputy=deputy)
    return _cluster_detail(cluster, year)


def _round(request, scoring_round) -> dict:
    sheet = scoring_round.sheet
    return {
        "id": scoring_round.pk,
        "cluster": scoring_round.cluster_id,
        "school_year": scoring_round.school_year.code,
        "status": scoring_round.status,
        "tiers": scoring_round.tiers,
        "opens": scoring_round.opens,
        "self_due": scoring_round.self_due,
        "sheet": sheet_fields(sheet, sheet.criteria.select_related("parent")),
        "submissions": [_submission_ref(s) for s in submissions_for(request.auth, scoring_round)],
    }


def _submission_ref(s) -> dict:
    return {"id": s.pk, "unit": _unit(s.unit), "status": s.status, "late": s.late}


def _submission(s) -> dict:
    entries = list(s.entries.select_related("criterion", "scorer_unit").order_by("id"))
    latest = {}
    for e in entries:
        latest[(e.criterion_id, e.tier, e.scorer_unit_id)] = e.pk
    return {
        **_submission_ref(s),
        "round": s.scoring_round_id,
        "entries": [
            {
                "criterion": e.criterion.code,
                "tier": e.tier,
                "scorer_unit": _unit(e.scorer_unit),
                "points": e.points,
                "reason": e.reason,
                "created_at": e.created_at,
                "superseded": latest[(e.criterion_id, e.tier, e.scorer_unit_id)] != e.pk,
            }
            for e in entries
        ],
        "evidence": sorted(set(s.evidence.values_list("criterion__code", flat=True))),
    }


def _publication(p: Publication) -> dict:
    return {
        "id": p.pk,
        "round": p.scoring_round_id,
        "version": p.version,
        "kind": p.kind,
        "supersedes": p.supersedes_id,
        "current": p.is_current,
        "reason": p.reason,
        "decision_number": p.decision_number,
        "decision_date": p.decision_date,
        "published_at": p.published_at,
        "snapshot_sha256": p.snapshot_sha256,
        "results": [
            {
                "unit": {"id": r.unit_id, "code": r.unit.code, "name": r.unit_name},
                "total": r.total,
                "rank": r.rank,
                "band": r.band,
                "gates_failed": r.gates_failed,
                "leader": r.leader,
            }
            for r in p.ranked_results()
        ],
    }


@rounds_router.post("/", response=responses({201: RoundOut}, 400, 403, 409, 422), summary="Mở đợt chấm điểm của cụm, khối")
def scoring_round_open(request, data: RoundOpenIn):
    """One submission per member of that year; the self-scoring is due ``self_days`` working days after ``opens``.
    The cluster and the sheet named in the body: 400 when the caller does not see them, 403 when it is not the
    cluster's organiser."""
    try:
        cluster = clusters.access_cluster(request.auth, data.cluster, write=True)
    except Http404:
        raise DomainError(_("Không tìm thấy cụm, khối thi đua có mã số %(id)s.") % {"id": data.cluster}, code="unknown_cluster",
                          field="cluster") from None  # fmt: skip
    try:
        sheet = access_sheet(request.auth, data.sheet)
    except Http404:
        raise DomainError(_("Không tìm thấy bảng tiêu chí có mã số %(id)s.") % {"id": data.sheet}, code="unknown_sheet",
                          field="sheet") from None  # fmt: skip
    scoring_round = services.round_open(
        actor=request.auth,
        cluster=cluster,
        school_year=_year(data.school_year),
        sheet=sheet,
        opens=data.opens,
        self_days=data.self_days,
        tiers=data.tiers,
        peer_trim=data.peer_trim,
    )
    return Status(201, _round(request, access_round(request.auth, scoring_round.pk)))


def _peers(scoring_round) -> dict:
    rows = list(scoring_round.peer_assignments.select_related("scorer", "scored").order_by("scored__name", "scorer__name"))
    scored = set(scoring_round.submissions.filter(entries__tier="peer").values_list("unit_id", "entries__scorer_unit_id").distinct())
    return {
        "round": scoring_round.pk,
        "items": [
            {"id": a.pk, "scorer": _unit(a.scorer), "scored": _unit(a.scored), "scored_already": (a.scored_id, a.scorer_id) in scored}
            for a in rows
        ],
    }


@rounds_router.get("/{id}/peers", response=responses({200: PeersOut}, 404, 422), summary="Phân công chấm chéo")
def scoring_round_peers(request, id: int):
    return _peers(access_round(request.auth, id))


def _pair_units(scoring_round, pair: PairIn, i: int) -> tuple[OrgUnit, OrgUnit]:
    found = OrgUnit.objects.in_bulk([pair.scorer, pair.scored])
    members = set(scoring_round.submissions.values_list("unit_id", flat=True))
    for pk, side in ((pair.scorer, "scorer"), (pair.scored, "scored")):
        if pk not in found or pk not in members:
            raise DomainError(
                _("Đơn vị có mã số %(id)s không thuộc đợt chấm.") % {"id": pk}, code="not_a_member", field=f"pairs[{i}].{side}"
            )
    return found[pair.scorer], found[pair.scored]


@rounds_router.post("/{id}/peers", response=responses({200: PeersOut}, *WRITE_ERRORS), summary="Thêm phân công chấm chéo")
def scoring_round_peers_add(request, id: int, data: PeersIn):
    """Adds the pairs (an existing one stays as it is); never a unit scoring itself (403 ``self_scoring``)."""
    scoring_round = access_round(request.auth, id, write=True)
    pairs = [_pair_units(scoring_round, p, i) for i, p in enumerate(data.pairs)]
    services.peers_assign(actor=request.auth, scoring_round=scoring_round, pairs=pairs)
    return _peers(scoring_round)


@rounds_router.post("/{id}/peers/remove", response=responses({200: PeersOut}, *WRITE_ERRORS), summary="Bỏ một phân công chấm chéo")
def scoring_round_peers_remove(request, id: int, data: PairIn):
    """409 ``peer_already_scored`` once the peer has entered a score; 400 ``unknown_assignment`` for a pair not assigned."""
    scoring_round = access_round(request.auth, id, write=True)
    assignment = PeerAssignment.objects.filter(scoring_round=scoring_round, scorer_id=data.scorer, scored_id=data.scored).first()
    if assignment is None:
        raise DomainError(_("Không có phân công chấm chéo này trong đợt chấm."), code="unknown_assignment", field="scorer")
    services.peer_remove(actor=request.auth, assignment=assignment)
    return _peers(scoring_round)


@rounds_router.get("/{id}", response=responses({200: RoundOut}, 404, 422), summary="Đợt chấm: bảng tiêu chí và các bảng chấm")
def scoring_round_detail(request, id: int):
    return _round(request, access_round(request.auth, id))


@rounds_router.get("/{id}/results", response=responses({200: ResultsOut}, 404, 422), summary="Kết quả đã công bố (hiện hành)")
def scoring_round_results(request, id: int):
    scoring_round = access_round(request.auth, id)
    current = publishing.current_publication(scoring_round)
    return {"current": _publication(current) if current else None, "history": list(scoring_round.publications.values_list("pk", flat=True))}


def _designated(scoring_round, pk: int | None) -> OrgUnit | None:
    if pk is None:
        return None
    unit = OrgUnit.objects.filter(pk=pk, pk__in=scoring_round.submissions.values("unit_id")).first()
    if unit is None:
        raise DomainError(_("Đơn vị được chỉ định không thuộc đợt chấm."), code="unknown_unit", field="designated")
    return unit


@rounds_router.post("/{id}/publish", response=responses({200: PublicationOut}, *WRITE_ERRORS), summary="Công bố kết quả")
def scoring_round_publish(request, id: int, data: PublishIn):
    scoring_round = access_round(request.auth, id, write=True)
    publication = publishing.round_publish(
        actor=request.auth,
        scoring_round=scoring_round,
        decision_number=data.decision_number,
        decision_date=data.decision_date,
        designated=_designated(scoring_round, data.designated),
    )
    return _publication(publication)


@rounds_router.post("/{id}/correct", response=responses({200: PublicationOut}, *WRITE_ERRORS), summary="Đính chính kết quả đã công bố")
def scoring_round_correct(request, id: int, data: CorrectIn):
    scoring_round = access_round(request.auth, id, write=True)
    supersedes = scoring_round.publications.filter(pk=data.supersedes).first()
    if supersedes is None:
        raise Http404(_("Không tìm thấy kết quả công bố."))
    publication = publishing.round_correct(
        actor=request.auth,
        scoring_round=scoring_round,
        supersedes=supersedes,
        reason=data.reason,
        decision_number=data.decision_number,
        decision_date=data.decision_date,
        designated=_designated(scoring_round, data.designated),
    )
    return _publication(publication)


@rounds_router.get("/submissions/{id}", response=responses({200: SubmissionOut}, 404, 422), summary="Một bảng chấm: mọi lớp chấm")
def scoring_submission_detail(request, id: int):
    return _submission(access_submission(request.auth, id))


@rounds_router.post("/submissions/{id}/entries", response=responses({200: SubmissionOut}, *WRITE_ERRORS), summary="Chấm điểm một lớp")
def scoring_submission_entries(request, id: int, data: EntriesIn):
    write = {"self": SELF, "peer": PEER}.get(data.tier, ORGANISER)
    submission = access_submission(request.auth, id, write=write)
    as_unit = OrgUnit.objects.filter(pk=data.as_unit).first() if data.as_unit is not None else None
    values = [services.Value(v.criterion, v.points, v.reason) for v in data.values]
    services.scores_enter(actor=request.auth, submission=submission, tier=data.tier, values=values, as_unit=as_unit)
    return _submission(access_submission(request.auth, id))


@rounds_router.post("/submissions/{id}/submit", response=responses({200: SubmissionOut}, *WRITE_ERRORS), summary="Nộp bảng tự chấm")
def scoring_submission_submit(request, id: int, data: SubmitIn):
    submission = access_submission(request.auth, id, write=SELF)
    services.submission_submit(actor=request.auth, submission=submission, answer=data.answer)
    return _submission(access_submission(request.auth, id))


@rounds_router.post(
    "/submissions/{id}/return", response=responses({200: SubmissionOut}, *WRITE_ERRORS), summary="Trả lại để chấm lại các mục"
)
def scoring_submission_return(request, id: int, data: ReturnIn):
    submission = access_submission(request.auth, id, write=ORGANISER)
    services.submission_return(actor=request.auth, submission=submission, criteria=data.criteria, reason=data.reason)
    return _submission(access_submission(request.auth, id))


@rounds_router.post("/submissions/{id}/approve", response=responses({200: SubmissionOut}, *WRITE_ERRORS), summary="Duyệt bảng chấm")
def scoring_submission_approve(request, id: int):
    submission = access_submission(request.auth, id, write=ORGANISER)
    services.submission_approve(actor=request.auth, submission=submission)
    return _submission(access_submission(request.auth, id))
