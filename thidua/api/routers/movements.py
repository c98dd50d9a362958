"""``/api/v1/movements/`` and ``/api/v1/movement-responses/``: one endpoint per service, scoped like the pages.

Movements come from ``movements.permissions.access_movement`` (404 unseen, 403 without write scope on the
launcher); responses from ``access_response`` (acknowledge and return need the launcher's write scope).
Files (plan documents, attachments) are uploaded on the pages; the API reports whether one is attached.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from thidua.awards.lookup import resolve_kind
from thidua.core.errors import DomainError
from thidua.movements import selectors, services
from thidua.movements.models import Movement
from thidua.movements.permissions import access_movement, access_response
from thidua.years.lookup import resolve_school_year

from ..errors import responses
from ..paging import page
from ..refs import unit_ref
from ..schemas_movements import (
    LaunchIn,
    MilestoneOut,
    MovementCreateIn,
    MovementDetailOut,
    MovementFieldsIn,
    MovementFilters,
    MovementPage,
    NoteIn,
    ReasonIn,
    ReportIn,
    ReportOut,
    ResponseIn,
    ResponseOut,
)

router = Router(tags=["movements"])
responses_router = Router(tags=["movements"])
WRITE_ERRORS = (400, 403, 404, 409, 422)


def _movement_ref(actor, movement_id: int | None, *, field: str) -> Movement | None:
    if movement_id is None:
        return None
    movement = selectors.movements_visible(actor=actor).filter(pk=movement_id).first()
    if movement is None:
        raise DomainError(
            _("Không tìm thấy phong trào thi đua có mã số %(id)s.") % {"id": movement_id}, code="unknown_movement", field=field
        )
    return movement


def _fields(actor, data: MovementFieldsIn, day) -> tuple[dict, list | None, list | None]:
    """The body as service arguments: references resolved (400 with their code when unknown)."""
    changes = data.model_dump(exclude_unset=True, exclude={"launcher", "kind", "planned_awards", "targets"})
    if "school_year" in changes:
        changes["school_year"] = resolve_school_year(changes["school_year"], field="school_year")
    if "parent" in changes:
        changes["parent"] = _movement_ref(actor, changes["parent"], field="parent")
    for key in ("field", "subjects", "slogan", "goals", "content", "criteria"):
        if key in changes and changes[key] is None:
            changes[key] = ""
    kinds = None
    if data.planned_awards is not None:
        kinds = [resolve_kind(code, day, field=f"planned_awards[{i}]") for i, code in enumerate(data.planned_awards)]
    targets = None
    if data.targets is not None:
        targets = [
            services.TargetSpec(unit_ref(actor, t.unit, field=f"targets[{i}].unit"), t.include_subtree) for i, t in enumerate(data.targets)
        ]
    return changes, kinds, targets


@router.get("/", response=responses({200: MovementPage}, 400, 422), summary="Danh sách phong trào thi đua")
def movement_list(request, filters: Query[MovementFilters]):
    qs = selectors.movement_list(
        actor=request.auth,
        school_year=resolve_school_year(filters.school_year, field="school_year"),
        kind=filters.kind or "",
        status=filters.status or "",
        query=filters.q,
    )
    return page(qs, filters)


@router.post("/", response=responses({201: MovementDetailOut}, 400, 403, 409, 422), summary="Soạn phong trào thi đua (dự thảo)")
def movement_create(request, data: MovementCreateIn):
    actor = request.auth
    launcher = unit_ref(actor, data.launcher, field="launcher")
    changes, kinds, targets = _fields(actor, data, data.period_start or timezone.localdate())
    movement = services.movement_create(
        actor=actor, launcher=launcher, kind=data.kind, planned_awards=kinds or (), targets=targets, **changes
    )
    return Status(201, movement)


@router.get("/{id}", response=responses({200: MovementDetailOut}, 404, 422), summary="Chi tiết phong trào thi đua")
def movement_detail(request, id: int):
    return access_movement(request.auth, id)


@router.patch("/{id}", response=responses({200: MovementDetailOut}, *WRITE_ERRORS), summary="Sửa dự thảo phong trào")
def movement_update(request, id: int, data: MovementFieldsIn):
    movement = access_movement(request.auth, id, write=True)
    changes, kinds, targets = _fields(request.auth, data, movement.period_start)
    return services.movement_update(actor=request.auth, movement=movement, changes=changes, planned_awards=kinds, targets=targets)


@router.post("/{id}/launch", response=responses({200: MovementDetailOut}, *WRITE_ERRORS), summary="Phát động phong trào")
def movement_launch(request, id: int, data: LaunchIn):
    movement = access_movement(request.auth, id, write=True)
    return services.movement_launch(actor=request.auth, movement=movement, launched_on=data.launched_on, note=data.note)


@router.post("/{id}/review", response=responses({200: MovementDetailOut}, *WRITE_ERRORS), summary="Bắt đầu tổng kết phong trào")
def movement_review(request, id: int, data: NoteIn):
    movement = access_movement(request.auth, id, write=True)
    return services.movement_begin_review(actor=request.auth, movement=movement, note=data.note)


@router.post("/{id}/close", response=responses({200: MovementDetailOut}, *WRITE_ERRORS), summary="Kết thúc phong trào")
def movement_close(request, id: int, data: NoteIn):
    movement = access_movement(request.auth, id, write=True)
    return services.movement_close(actor=request.auth, movement=movement, note=data.note)


@router.post("/{id}/cancel", response=responses({200: MovementDetailOut}, *WRITE_ERRORS), summary="Hủy phong trào")
def movement_cancel(request, id: int, data: ReasonIn):
    movement = access_movement(request.auth, id, write=True)
    return services.movement_cancel(actor=request.auth, movement=movement, reason=data.reason)


@router.get("/{id}/responses", response=responses({200: list[ResponseOut]}, 404, 422), summary="Theo dõi hưởng ứng phong trào")
def movement_responses(request, id: int):
    movement = access_movement(request.auth, id)
    out = []
    for row in selectors.response_tracker(actor=request.auth, movement=movement):
        row.response.days_late = row.days_late
        out.append(row.response)
    return out


@router.get("/{id}/reports", response=responses({200: list[MilestoneOut]}, 404, 422), summary="Theo dõi báo cáo sơ kết, tổng kết")
def movement_reports(request, id: int):
    movement = access_movement(request.auth, id)
    return [
        {"kind": t.milestone.kind, "held_on": t.milestone.held_on, "due_on": t.milestone.due_on,
         "rows": [{"unit": c.unit, "report": c.report, "days_late": c.days_late} for c in t.rows]}
        for t in selectors.report_tracker(actor=request.auth, movement=movement)
    ]  # fmt: skip


# -- responses ------------------------------------------------------------------------------------------
@responses_router.get("/awaiting", response=responses({200: list[ResponseOut]}), summary="Phong trào chờ đơn vị của tôi hưởng ứng")
def responses_awaiting(request):
    return list(selectors.responses_awaiting(actor=request.auth)[:200])


@responses_router.get("/{id}", response=responses({200: ResponseOut}, 404, 422), summary="Kế hoạch hưởng ứng của một đơn vị")
def response_detail(request, id: int):
    return access_response(request.auth, id)


@responses_router.post("/{id}/submit", response=responses({200: ResponseOut}, *WRITE_ERRORS), summary="Gửi kế hoạch hưởng ứng")
def response_submit(request, id: int, data: ResponseIn):
    response = access_response(request.auth, id, write=True)
    child = _movement_ref(request.auth, data.child_movement, field="child_movement")
    return services.response_submit(actor=request.auth, response=response, text=data.text, child_movement=child, on=data.on)


@responses_router.post("/{id}/acknowledge", response=responses({200: ResponseOut}, *WRITE_ERRORS), summary="Ghi nhận kế hoạch hưởng ứng")
def response_acknowledge(request, id: int, data: NoteIn):
    response = access_response(request.auth, id, review=True)
    return services.response_acknowledge(actor=request.auth, response=response, note=data.note)


@responses_router.post("/{id}/return", response=responses({200: ResponseOut}, *WRITE_ERRORS), summary="Trả lại kế hoạch hưởng ứng")
def response_return(request, id: int, data: ReasonIn):
    response = access_response(request.auth, id, review=True)
    return services.response_return(actor=request.auth, response=response, reason=data.reason)


@responses_router.post("/{id}/reports", response=responses({201: ReportOut}, *WRITE_ERRORS), summary="Gửi báo cáo sơ kết, tổng kết")
def report_submit(request, id: int, data: ReportIn):
    response = access_response(request.auth, id, write=True)
    report = services.report_submit(actor=request.auth, response=response, kind=data.kind, text=data.text,
                                    figures=[(f.label, f.value) for f in data.figures], on=data.on)  # fmt: skip
    return Status(201, report)
