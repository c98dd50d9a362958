"""``/api/v1/registrations/``: one endpoint per service, scoped like the pages.

A registration comes from ``registrations.permissions.access_registration`` (404 unseen; 403 when the actor may
not change or decide it). The list is by unit (and its subtree), paged by keyset (``after`` = ``next``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from thidua.core.errors import DomainError
from thidua.movements.selectors import movements_visible
from thidua.registrations import selectors, services
from thidua.registrations.models import CommitmentOption
from thidua.registrations.permissions import access_registration
from thidua.years.lookup import resolve_school_year

from ..errors import responses
from ..refs import person_ref, unit_ref
from ..schemas_registrations import (
    AmendIn,
    BulkIn,
    BulkOut,
    BulkReturnIn,
    CommitmentIn,
    NoteIn,
    ReasonIn,
    RegistrationCreateIn,
    RegistrationFilters,
    RegistrationOut,
    RegistrationPage,
    ResubmitIn,
)

router = Router(tags=["registrations"])
WRITE_ERRORS = (400, 403, 404, 409, 422)


def _commitments(items: list[CommitmentIn]) -> list[services.CommitmentSpec]:
    ids = [c.option for c in items if c.option is not None]
    options = CommitmentOption.objects.select_related("unit").in_bulk(ids)
    out = []
    for i, c in enumerate(items):
        option = options.get(c.option) if c.option is not None else None
        if c.option is not None and option is None:
            raise DomainError(_("Không tìm thấy cam kết có mã số %(id)s.") % {"id": c.option}, code="unknown_option",
                              field=f"commitments[{i}].option")  # fmt: skip
        out.append(services.CommitmentSpec(text=c.text, option=option, indicator=c.indicator, target_value=c.target_value))
    return out


def _reload(registration_id: int, actor):
    return access_registration(actor, registration_id)


@router.get("/", response=responses({200: RegistrationPage}, 400, 422), summary="Danh sách đăng ký thi đua của một đơn vị")
def registration_list(request, filters: Query[RegistrationFilters]):
    unit = unit_ref(request.auth, filters.unit, field="unit")
    movement = None
    if filters.movement is not None:
        movement = movements_visible(actor=request.auth).filter(pk=filters.movement).first()
        if movement is None:
            raise DomainError(_("Không tìm thấy phong trào thi đua có mã số %(id)s.") % {"id": filters.movement}, code="unknown_movement",
                              field="movement")  # fmt: skip
    page = selectors.registration_list(
        actor=request.auth,
        unit=unit,
        movement=movement,
        school_year=resolve_school_year(filters.school_year, field="school_year"),
        status=filters.status or "",
        after=filters.after,
        limit=filters.limit,
    )
    return {"items": page.rows, "next": page.next_after}


@router.post("/", response=responses({201: RegistrationOut}, *WRITE_ERRORS), summary="Đăng ký thi đua")
def registration_create(request, data: RegistrationCreateIn):
    actor = request.auth
    movement = selectors.movement_for(actor, data.movement)
    if movement is None:
        raise DomainError(_("Không tìm thấy phong trào thi đua có mã số %(id)s.") % {"id": data.movement}, code="unknown_movement",
                          field="movement")  # fmt: skip
    person = person_ref(actor, data.person, field="person") if data.person is not None else None
    unit = unit_ref(actor, data.unit, field="unit")
    registration = services.registration_create(
        actor=actor, movement=movement, person=person, unit=unit, kind_codes=data.targets, commitments=_commitments(data.commitments),
        late_reason=data.late_reason,
    )  # fmt: skip
    return Status(201, _reload(registration.pk, actor))


def _visible_ids(actor, ids: list[int]) -> list[int]:
    """Ids the actor cannot see answer 404 as a whole, as one unseen registration would."""
    found = set(selectors.registrations_visible(actor=actor).filter(pk__in=ids).values_list("pk", flat=True))
    missing = sorted(set(ids) - found)
    if missing:
        raise DomainError(_("Không tìm thấy đăng ký thi đua có mã số %(id)s.") % {"id": missing[0]}, code="unknown_registration",
                          field="ids")  # fmt: skip
    return sorted(found)


@router.post("/bulk-approve", response=responses({200: BulkOut}, *WRITE_ERRORS), summary="Duyệt nhiều đăng ký thi đua một lần")
def registrations_approve(request, data: BulkIn):
    rows = services.registrations_approve(actor=request.auth, ids=_visible_ids(request.auth, data.ids))
    return {"count": len(rows), "ids": [r.pk for r in rows]}


@router.post("/bulk-return", response=responses({200: BulkOut}, *WRITE_ERRORS), summary="Trả lại nhiều đăng ký thi đua một lần")
def registrations_return(request, data: BulkReturnIn):
    rows = services.registrations_return(actor=request.auth, ids=_visible_ids(request.auth, data.ids), reason=data.reason)
    return {"count": len(rows), "ids": [r.pk for r in rows]}


@router.get("/{id}", response=responses({200: RegistrationOut}, 404, 422), summary="Chi tiết đăng ký thi đua")
def registration_detail(request, id: int):
    return access_registration(request.auth, id)


@router.post("/{id}/submit", response=responses({200: RegistrationOut}, *WRITE_ERRORS), summary="Gửi lại đăng ký thi đua")
def registration_submit(request, id: int, data: ResubmitIn):
    registration = access_registration(request.auth, id, write=True)
    services.registration_submit(
        actor=request.auth, registration=registration, kind_codes=data.targets,
        commitments=_commitments(data.commitments) if data.commitments is not None else None,
    )  # fmt: skip
    return _reload(id, request.auth)


@router.post("/{id}/amend", response=responses({200: RegistrationOut}, *WRITE_ERRORS), summary="Sửa đăng ký thi đua đã duyệt")
def registration_amend(request, id: int, data: AmendIn):
    """Titles or commitments of an approved registration changed with a reason: it is submitted again (409
    ``not_approved`` unless approved); omitted ``targets`` or ``commitments`` stay as they are."""
    registration = access_registration(request.auth, id, write=True)
    services.registration_amend(
        actor=request.auth, registration=registration, reason=data.reason, kind_codes=data.targets,
        commitments=_commitments(data.commitments) if data.commitments is not None else None,
    )  # fmt: skip
    return _reload(id, request.auth)


@router.post("/{id}/approve", response=responses({200: RegistrationOut}, *WRITE_ERRORS), summary="Duyệt đăng ký thi đua")
def registration_approve(request, id: int, data: NoteIn):
    registration = access_registration(request.auth, id, approve=True)
    services.registration_approve(actor=request.auth, registration=registration, note=data.note)
    return _reload(id, request.auth)


@router.post("/{id}/return", response=responses({200: RegistrationOut}, *WRITE_ERRORS), summary="Trả lại đăng ký thi đua")
def registration_return(request, id: int, data: ReasonIn):
    registration = access_registration(request.auth, id, approve=True)
    services.registration_return(actor=request.auth, registration=registration, reason=data.reason)
    return _reload(id, request.auth)
