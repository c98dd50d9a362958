"""``/api/v1/scoring-sheets/``: criteria sheets (bảng tiêu chí) drafted, filled with criteria and bands, then
issued (ban hành) and frozen; a change is a new version (draft a sheet of the same name again).

Reads from ``scoring.selectors.sheets_visible`` and ``scoring.permissions.access_sheet`` (404 unseen, 403
read-only); writes through ``scoring.sheets``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from thidua.core.errors import DomainError
from thidua.scoring import sheets
from thidua.scoring.permissions import access_sheet
from thidua.scoring.selectors import sheets_visible

from ..errors import responses
from ..paging import page
from ..refs import unit_ref
from ..schemas_scoring import BandIn, CriterionIn, SheetCreateIn, SheetDetailOut, SheetFilters, SheetPage

router = Router(tags=["scoring"])
WRITE_ERRORS = (400, 403, 404, 409, 422)


def sheet_fields(sheet, criteria) -> dict:
    """A sheet with its criteria (in the order given) and bands: the sheets' own answers and a round's sheet."""
    return {
        "id": sheet.pk,
        "name": sheet.name,
        "version": sheet.version,
        "status": sheet.status,
        "bonus_cap": sheet.bonus_cap,
        "penalty_cap": sheet.penalty_cap,
        "decimals": sheet.decimals,
        "gate_cap": sheet.gate_cap,
        "criteria": [
            {
                "code": c.code,
                "text": c.text,
                "kind": c.kind,
                "max_points": c.max_points,
                "min_points": c.min_points,
                "step": c.step,
                "evidence": c.evidence,
                "auto_source": c.auto_source,
                "parent": c.parent.code if c.parent_id else None,
            }
            for c in criteria
        ],
        "bands": [{"label": b.label, "minimum": b.minimum} for b in sheet.bands.all()],
    }


def sheet_out(sheet) -> dict:
    organiser = {"id": sheet.organiser.pk, "code": sheet.organiser.code, "name": sheet.organiser.name}
    return {**sheet_fields(sheet, sheets.criteria_of(sheet)), "organiser": organiser, "supersedes": sheet.supersedes_id}


@router.get("/", response=responses({200: SheetPage}, 422), summary="Bảng tiêu chí chấm điểm trong phạm vi")
def scoring_sheet_list(request, filters: Query[SheetFilters]):
    qs = sheets_visible(actor=request.auth).prefetch_related("bands").order_by("organiser__path", "name", "-version")
    result = page(qs, filters)
    return {"items": [sheet_out(s) for s in result["items"]], "count": result["count"]}


@router.post("/", response=responses({201: SheetDetailOut}, 400, 403, 409, 422), summary="Soạn bảng tiêu chí (dự thảo)")
def scoring_sheet_create(request, data: SheetCreateIn):
    """A sheet of a name the organiser already has becomes its next version (superseding the last one)."""
    organiser = unit_ref(request.auth, data.organiser, field="organiser")
    sheet = sheets.sheet_create(
        actor=request.auth,
        organiser=organiser,
        name=data.name,
        bonus_cap=data.bonus_cap,
        penalty_cap=data.penalty_cap,
        decimals=data.decimals,
        gate_cap=data.gate_cap,
    )
    return Status(201, sheet_out(access_sheet(request.auth, sheet.pk)))


@router.get("/{id}", response=responses({200: SheetDetailOut}, 404, 422), summary="Một bảng tiêu chí")
def scoring_sheet_detail(request, id: int):
    return sheet_out(access_sheet(request.auth, id))


@router.post("/{id}/criteria", response=responses({200: SheetDetailOut}, *WRITE_ERRORS), summary="Thêm tiêu chí vào bảng dự thảo")
def scoring_sheet_criterion_add(request, id: int, data: CriterionIn):
    """409 ``immutable`` once the sheet is issued; 400 ``duplicate_criterion``, ``min_above_max``, ``unknown_parent``."""
    sheet = access_sheet(request.auth, id, write=True)
    parent = None
    if data.parent:
        parent = sheet.criteria.filter(code=data.parent).first()
        if parent is None:
            raise DomainError(_("Mục cha %(code)s không có trong bảng.") % {"code": data.parent}, code="unknown_parent", field="parent")
    sheets.criterion_add(
        actor=request.auth,
        sheet=sheet,
        code=data.code,
        text=data.text,
        kind=data.kind,
        max_points=data.max_points,
        min_points=data.min_points,
        step=data.step,
        evidence=data.evidence,
        auto_source=data.auto_source,
        parent=parent,
    )
    return sheet_out(access_sheet(request.auth, id))


@router.post("/{id}/bands", response=responses({200: SheetDetailOut}, *WRITE_ERRORS), summary="Thêm mức xếp loại vào bảng dự thảo")
def scoring_sheet_band_add(request, id: int, data: BandIn):
    sheet = access_sheet(request.auth, id, write=True)
    sheets.band_add(actor=request.auth, sheet=sheet, label=data.label, minimum=data.minimum)
    return sheet_out(access_sheet(request.auth, id))


@router.post("/{id}/issue", response=responses({200: SheetDetailOut}, *WRITE_ERRORS), summary="Ban hành bảng tiêu chí")
def scoring_sheet_issue(request, id: int):
    """Frozen from then on; 400 ``empty_sheet`` or ``invalid_sheet``, 409 ``immutable`` when already issued."""
    sheet = access_sheet(request.auth, id, write=True)
    sheets.sheet_publish(actor=request.auth, sheet=sheet)
    return sheet_out(access_sheet(request.auth, id))
