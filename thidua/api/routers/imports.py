"""``/api/v1/imports/``: Excel templates, upload with a dry run, the row-by-row report, commit."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpResponse
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile

from thidua.imports import blank, services
from thidua.imports.models import ImportKind
from thidua.imports.permissions import access_import

from ..errors import responses
from ..refs import unit_ref
from ..schemas import In, UnitRef

router = Router(tags=["imports"])

ImportKindCode = Literal[tuple(ImportKind.values)]

XLSX_RESPONSE = {
    "responses": {
        "200": {
            "description": "Tệp mẫu .xlsx (trang dữ liệu và trang “Hướng dẫn”).",
            "content": {blank.XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


class ImportCreatedOut(Schema):
    id: int


class ImportOut(Schema):
    id: int
    kind: str
    unit: UnitRef
    original_name: str
    status: str = Field(..., description="pending, validating, validated, invalid, committing, committed, failed")
    status_label: str
    progress: int = Field(..., description="0–100")
    total_rows: int
    summary: dict[str, Any] = Field(..., description="Số dòng theo trạng thái (error, create, exists, ambiguous) và số bản ghi sẽ tạo.")
    report: dict[str, Any] = Field(
        ..., description="`rows`: từng dòng với `row`, `status`, `text`, `errors` [{column, reason, message}], `candidates`."
    )
    error: str
    created_at: dt.datetime
    committed_at: dt.datetime | None

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())


class CommitIn(In):
    resolutions: dict[int, int] = Field(
        default_factory=dict, description="Với các dòng trùng người (`ambiguous`): số dòng → mã cá nhân chọn trong `candidates`."
    )


@router.get(
    "/templates/{kind}",
    response=responses({200: None}, 404, 422),
    summary="Tải tệp mẫu nhập Excel",
    openapi_extra=XLSX_RESPONSE,
)
def import_template(request, kind: ImportKindCode):
    response = HttpResponse(blank.template_bytes(kind), content_type=blank.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{blank.filename(kind)}"'
    return response


@router.post("/", response=responses({201: ImportCreatedOut}, 400, 403, 422), summary="Tải tệp lên và kiểm tra thử")
def import_create(request, kind: Form[ImportKindCode], unit: Form[int], file: File[UploadedFile]):
    target = unit_ref(request.auth, unit, field="unit")
    batch = services.import_create(actor=request.auth, kind=kind, unit=target, upload=file)
    return Status(201, {"id": batch.pk})


@router.get("/{id}", response=responses({200: ImportOut}, 404, 422), summary="Trạng thái, tiến độ và báo cáo từng dòng")
def import_detail(request, id: int):
    return access_import(request.auth, id)


@router.post("/{id}/commit", response=responses({202: ImportOut}, 400, 403, 404, 422), summary="Ghi dữ liệu (tất cả hoặc không)")
def import_commit(request, id: int, data: CommitIn):
    batch = access_import(request.auth, id, write=True)
    services.import_commit_request(actor=request.auth, batch=batch, resolutions=data.resolutions)
    return Status(202, access_import(request.auth, id))
