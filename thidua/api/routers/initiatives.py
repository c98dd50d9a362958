"""``/api/v1/initiatives/``: one endpoint per service, scoped like the pages.

An initiative comes from ``initiatives.permissions.access_initiative`` (404 unseen; 403 when the actor may not
change or decide it). Authors are people by id: those the actor may read, or (self-service) colleagues working at
the initiative's unit, which the service checks.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from thidua.accounts.scope import scope_for
from thidua.core.errors import DomainError
from thidua.initiatives import selectors, services
from thidua.initiatives.models import Initiative
from thidua.initiatives.permissions import access_initiative
from thidua.people.models import Person
from thidua.years.lookup import resolve_school_year

from ..errors import responses
from ..refs import person_ref, unit_ref
from ..schemas_initiatives import (
    CouncilIn,
    CouncilOut,
    InitiativeCreateIn,
    InitiativeFilters,
    InitiativeOut,
    InitiativePage,
    NoteIn,
    ReasonIn,
    RecogniseIn,
    RulingIn,
    ScoreIn,
    ScoreOut,
    SimilarOut,
)

router = Router(tags=["initiatives"])
WRITE_ERRORS = (400, 403, 404, 409, 422)


def _out(i: Initiative, actor) -> dict:
    hidden = selectors.authors_hidden(actor, i)
    authors = [
        {"person_id": None if hidden else a.person_id, "full_name": _("Tác giả %(n)d") % {"n": n} if hidden else a.person.full_name,
         "share": a.share}
        for n, a in enumerate(i.authors.select_related("person").order_by("order", "id"), start=1)
    ]  # fmt: skip
    recognitions = [
        {"scope": r.scope, "body": r.body, "decision_number": r.decision_number, "decision_date": r.decision_date, "record_id": r.record_id,
         "mean_score": r.mean_score}
        for r in i.recognitions.select_related("body")
    ]  # fmt: skip
    return {
        **{f: getattr(i, f) for f in ("id", "title", "unit", "field", "summary", "problem", "solution", "results", "applied_at",
                                       "applied_from", "status", "scope", "submitted_at")},
        "school_year": i.school_year.code, "status_label": i.get_status_display(), "authors": authors, "recognitions": recognitions,
    }  # fmt: skip


def _reload(initiative_id: int, actor) -> dict:
    return _out(access_initiative(actor, initiative_id), actor)


def _author(actor, person_id: int, field: str) -> Person:
    """A person the actor reads, or a colleague at the actor's own unit (self-service co-authors)."""
    scope = scope_for(actor)
    me = getattr(actor, "person", None)
    if me is not None and me.current_unit_id and not scope.sees_units:
        colleague = Person.objects.filter(pk=person_id, current_unit__path__startswith=me.current_unit.path).first()
        if colleague is not None:
            return colleague
    return person_ref(actor, person_id, field=field)


def _year(value: str | None):
    year = resolve_school_year(value, field="school_year")
    if year is None:
        raise DomainError(_("Cần chọn năm học."), code="required", field="school_year")
    return year


@router.get("/", response=responses({200: InitiativePage}, 400, 422), summary="Danh sách sáng kiến trong phạm vi xem")
def initiative_list(request, filters: Query[InitiativeFilters]):
    rows, next_after = selectors.initiative_list(
        actor=request.auth, status=filters.status or "", mine=filters.mine, after=filters.after, limit=filters.limit,
        school_year=resolve_school_year(filters.school_year, field="school_year") if filters.school_year else None,
    )  # fmt: skip
    return {"items": [_out(i, request.auth) for i in rows], "next": next_after}


@router.post("/", response=responses({201: InitiativeOut}, *WRITE_ERRORS), summary="Ghi sáng kiến (và gửi đơn yêu cầu công nhận)")
def initiative_create(request, data: InitiativeCreateIn):
    actor = request.auth
    authors = [(_author(actor, a.person, f"authors[{n}].person"), a.share) for n, a in enumerate(data.authors)]
    initiative = services.initiative_create(
        actor=actor, unit=unit_ref(actor, data.unit, field="unit") if data.unit is not None else None, school_year=_year(data.school_year),
        title=data.title, field=data.field, summary=data.summary, problem=data.problem, solution=data.solution, results=data.results,
        applied_at=data.applied_at, applied_from=data.applied_from, authors=authors, submit=data.submit,
    )  # fmt: skip
    return Status(201, _reload(initiative.pk, actor))


@router.post("/councils", response=responses({201: CouncilOut}, *WRITE_ERRORS), summary="Lập Hội đồng sáng kiến của đơn vị")
def council_create(request, data: CouncilIn):
    actor = request.auth
    unit = unit_ref(actor, data.unit, field="unit")
    chair = person_ref(actor, data.chair, field="chair")
    members = [(chair, "chair")] + [(person_ref(actor, pid, field="members"), "member") for pid in data.members if pid != data.chair]
    council = services.council_create(actor=actor, unit=unit, school_year=_year(data.school_year), members=members, blind=data.blind,
                                      decision_number=data.decision_number, pass_mark=data.pass_mark)  # fmt: skip
    return Status(201, {"id": council.pk, "unit": unit, "school_year": council.school_year.code, "blind": council.blind,
                        "pass_mark": council.pass_mark, "members": [s.person.full_name for s in council.seats.select_related("person")]})  # fmt: skip


@router.get("/{id}", response=responses({200: InitiativeOut}, 404, 422), summary="Chi tiết sáng kiến")
def initiative_detail(request, id: int):
    return _reload(id, request.auth)


@router.post("/{id}/submit", response=responses({200: InitiativeOut}, *WRITE_ERRORS), summary="Gửi đơn yêu cầu công nhận sáng kiến")
def initiative_submit(request, id: int, data: NoteIn):
    services.initiative_submit(actor=request.auth, initiative=access_initiative(request.auth, id, write=True))
    return _reload(id, request.auth)


@router.post("/{id}/withdraw", response=responses({200: InitiativeOut}, *WRITE_ERRORS), summary="Rút sáng kiến")
def initiative_withdraw(request, id: int, data: NoteIn):
    services.initiative_withdraw(actor=request.auth, initiative=access_initiative(request.auth, id, write=True), reason=data.note)
    return _reload(id, request.auth)


@router.post("/{id}/review", response=responses({200: InitiativeOut}, *WRITE_ERRORS), summary="Đưa sáng kiến ra Hội đồng sáng kiến")
def initiative_review(request, id: int, data: NoteIn):
    services.initiative_put_to_council(actor=request.auth, initiative=access_initiative(request.auth, id, decide=True))
    return _reload(id, request.auth)


@router.post("/{id}/scores", response=responses({201: list[ScoreOut]}, *WRITE_ERRORS), summary="Thành viên Hội đồng chấm điểm")
def initiative_score(request, id: int, data: ScoreIn):
    initiative = access_initiative(request.auth, id)
    if selectors.seat_of(request.auth, initiative) is None:  # a reader who is not on the council: 403 like every write
        raise PermissionDenied(_("Chỉ thành viên Hội đồng sáng kiến của đơn vị chấm điểm sáng kiến này."))
    rows = services.score_submit(actor=request.auth, initiative=initiative, points=data.points, comments=data.comments)
    return Status(201, [{"criterion": r.criterion.code, "points": r.points} for r in rows])


@router.post("/{id}/recognise", response=responses({200: InitiativeOut}, *WRITE_ERRORS), summary="Công nhận sáng kiến ở một phạm vi")
def initiative_recognise(request, id: int, data: RecogniseIn):
    initiative = access_initiative(request.auth, id, decide=True)
    body = unit_ref(request.auth, data.body, field="body")
    services.initiative_recognise(actor=request.auth, initiative=initiative, scope=data.scope, body=body, decision_number=data.decision_number,
                                  decision_date=data.decision_date)  # fmt: skip
    return _reload(id, request.auth)


@router.post("/{id}/reject", response=responses({200: InitiativeOut}, *WRITE_ERRORS), summary="Không công nhận sáng kiến")
def initiative_reject(request, id: int, data: ReasonIn):
    services.initiative_reject(actor=request.auth, initiative=access_initiative(request.auth, id, decide=True), reason=data.reason)
    return _reload(id, request.auth)


@router.post("/{id}/forward", response=responses({200: InitiativeOut}, *WRITE_ERRORS), summary="Đề nghị công nhận ở phạm vi cao hơn")
def initiative_forward(request, id: int, data: NoteIn):
    services.initiative_forward(actor=request.auth, initiative=access_initiative(request.auth, id, decide=True), note=data.note)
    return _reload(id, request.auth)


@router.post("/{id}/decline", response=responses({200: InitiativeOut}, *WRITE_ERRORS), summary="Không công nhận ở phạm vi cao hơn")
def initiative_decline(request, id: int, data: ReasonIn):
    services.initiative_decline(actor=request.auth, initiative=access_initiative(request.auth, id, decide=True), reason=data.reason)
    return _reload(id, request.auth)


def _similar_out(s) -> dict:
    c = s.candidate
    return {"id": c.pk, "title": c.title, "unit": c.unit, "school_year": c.school_year.code, "scope": c.scope, "score": s.score,
            "title_score": s.title_score, "body_score": s.body_score, "very_close": s.very_close, "restricted": s.restricted,
            "disposition": s.ruling.disposition if s.ruling else None, "title_runs": s.title_runs, "summary_runs": s.summary_runs}  # fmt: skip


@router.get("/{id}/similar", response=responses({200: list[SimilarOut]}, 404, 422), summary="Sáng kiến tương tự đã có")
def initiative_similar(request, id: int):
    return [_similar_out(s) for s in selectors.similar(actor=request.auth, initiative=access_initiative(request.auth, id))]


@router.put("/{id}/similar/{candidate_id}", response=responses({200: SimilarOut}, *WRITE_ERRORS), summary="Kết luận về sáng kiến tương tự")
def initiative_ruling(request, id: int, candidate_id: int, data: RulingIn):
    initiative = access_initiative(request.auth, id)
    candidate = Initiative.objects.filter(pk=candidate_id).first() if 0 < candidate_id < 2**63 else None
    if candidate is None:
        raise DomainError(_("Sáng kiến được chọn không nằm trong danh sách sáng kiến tương tự."), code="not_a_candidate", field="candidate")
    services.ruling_record(actor=request.auth, initiative=initiative, candidate=candidate, disposition=data.disposition, note=data.note)
    found = next(
        s for s in selectors.similar(actor=request.auth, initiative=initiative, threshold=0.0, limit=50) if s.candidate.pk == candidate_id
    )
    return _similar_out(found)
