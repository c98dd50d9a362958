"""``/api/v1/units/``: the organisation tree, its history and restructuring."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Query, Router, Status

from thidua.accounts.permissions import access_unit
from thidua.org import selectors, services
from thidua.org.services import UnitSpec

from ..errors import responses
from ..paging import page
from ..refs import person_ref, unit_ref
from ..schemas import (
    ChildFilters,
    CloseIn,
    MergeIn,
    MoveIn,
    SplitIn,
    TreeOut,
    UnitChildPage,
    UnitCreateIn,
    UnitDetailOut,
    UnitFilters,
    UnitHistoryOut,
    UnitOut,
    UnitPage,
    UnitSpecIn,
    UnitUpdateIn,
)

router = Router(tags=["units"])


def _spec(actor, data: UnitSpecIn) -> UnitSpec:
    people = [person_ref(actor, pk, field="parts.people").pk for pk in getattr(data, "people", [])]
    return UnitSpec(
        code=data.code,
        name=data.name,
        kind=data.kind,
        education_levels=data.education_levels,
        remote_area=data.remote_area,
        address=data.address,
        people=people,
        children=list(getattr(data, "children", [])),
    )


@router.get("/", response=responses({200: UnitPage}, 400, 422), summary="Danh sách đơn vị")
def unit_list(request, filters: Query[UnitFilters]):
    under = unit_ref(request.auth, filters.under, field="under")
    qs = selectors.unit_search(actor=request.auth, query=filters.q, kind=filters.kind, include_closed=filters.include_closed, under=under)
    return page(qs, filters)


@router.post("/", response=responses({201: UnitDetailOut}, 400, 403, 409, 422), summary="Thành lập đơn vị")
def unit_create(request, data: UnitCreateIn):
    parent = unit_ref(request.auth, data.parent, field="parent")
    unit = services.unit_create(actor=request.auth, parent=parent, **data.model_dump(exclude={"parent"}))
    return Status(201, access_unit(request.auth, unit.pk))


@router.post("/merge", response=responses({200: UnitDetailOut}, 400, 403, 409, 422), summary="Sáp nhập đơn vị")
def unit_merge(request, data: MergeIn):
    actor = request.auth
    target = services.unit_merge(
        actor=actor,
        sources=[unit_ref(actor, pk, field="sources") for pk in data.sources],
        target=unit_ref(actor, data.target, field="target"),
        new_target=_spec(actor, data.new_target) if data.new_target else None,
        new_target_parent=unit_ref(actor, data.new_target_parent, field="new_target_parent"),
        effective_date=data.effective_date,
        decision_ref=data.decision_ref,
        note=data.note,
    )
    return access_unit(actor, target.pk)


@router.get("/{id}", response=responses({200: UnitDetailOut}, 404, 422), summary="Chi tiết đơn vị")
def unit_detail(request, id: int):
    return access_unit(request.auth, id)


@router.patch("/{id}", response=responses({200: UnitDetailOut}, 400, 403, 404, 409, 422), summary="Sửa thông tin đơn vị")
def unit_update(request, id: int, data: UnitUpdateIn):
    unit = access_unit(request.auth, id, write=True)
    services.unit_update(actor=request.auth, unit=unit, **data.model_dump(exclude_unset=True))
    return access_unit(request.auth, id)


@router.get("/{id}/children", response=responses({200: UnitChildPage}, 404, 422), summary="Đơn vị trực thuộc")
def unit_children(request, id: int, filters: Query[ChildFilters]):
    unit = access_unit(request.auth, id)
    return page(selectors.unit_children(actor=request.auth, unit=unit, include_closed=filters.include_closed), filters)


@router.get("/{id}/tree", response=responses({200: TreeOut}, 404, 422), summary="Cây đơn vị (có thể tại một ngày trong quá khứ)")
def unit_tree(request, id: int, on: dt.date | None = None):
    unit = access_unit(request.auth, id)
    day = on or timezone.localdate()
    return {"on": day, "items": selectors.unit_tree_on(actor=request.auth, day=day, root=unit)}


@router.get("/{id}/history", response=responses({200: UnitHistoryOut}, 404, 422), summary="Lịch sử sắp xếp của đơn vị")
def unit_history(request, id: int):
    unit = access_unit(request.auth, id)
    return {**selectors.unit_history(unit=unit), "successor": unit.successor}


@router.post("/{id}/split", response=responses({200: list[UnitOut]}, 400, 403, 404, 409, 422), summary="Chia tách đơn vị")
def unit_split(request, id: int, data: SplitIn):
    actor = request.auth
    source = access_unit(actor, id, write=True)
    return services.unit_split(
        actor=actor,
        source=source,
        parts=[_spec(actor, p) for p in data.parts],
        effective_date=data.effective_date,
        decision_ref=data.decision_ref,
        note=data.note,
    )


@router.post("/{id}/move", response=responses({200: UnitDetailOut}, 400, 403, 404, 409, 422), summary="Chuyển đơn vị quản lý")
def unit_move(request, id: int, data: MoveIn):
    actor = request.auth
    unit = access_unit(actor, id, write=True)
    new_parent = unit_ref(actor, data.parent, field="parent")
    services.unit_move(
        actor=actor, unit=unit, new_parent=new_parent, effective_date=data.effective_date, decision_ref=data.decision_ref, note=data.note
    )
    return access_unit(actor, id)


@router.post("/{id}/close", response=responses({200: UnitDetailOut}, 400, 403, 404, 409, 422), summary="Giải thể đơn vị")
def unit_close(request, id: int, data: CloseIn):
    actor = request.auth
    unit = access_unit(actor, id, write=True)
    services.unit_close(actor=actor, unit=unit, effective_date=data.effective_date, decision_ref=data.decision_ref, note=data.note)
    return access_unit(actor, id)
