"""``/api/v1/imports/``: Excel templates, upload with a dry run, progress, the row-by-row report, commit.

``GET /imports/{id}`` is what a client polls: status, progress and counts, a few hundred bytes however
large the file. The row-by-row report is read page by page from ``GET /imports/{id}/report?page=``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpResponse
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile

from thidua.imports import blank, services
from thidua.imports.models import ImportBatch, ImportKind
from thidua.imports.permissions import access_import

from ..errors import responses
from ..refs import unit_ref
from ..schemas import In, UnitRef

router = Router(tags=["imports"])

ImportKindCode = Literal[tuple(ImportKind.values)]
RowStatus = Literal["error", "ambiguous", "create", "exists"]
REPORT_PAGE_SIZE = 500
MAX_REPORT_PAGE = 1_000_000  # far beyond any file (100,000 rows at most), and within every integer type

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
    error: str
    created_at: dt.datetime
    committed_at: dt.datetime | None

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())


class RowErrorOut(Schema):
    column: str = Field(..., description="Tiêu đề cột (rỗng nếu lỗi của cả dòng).")
    reason: str
    message: str = Field(..., description="“Dòng N, cột …: lý do”.")


class CandidateOut(Schema):
    id: int = Field(..., description="Mã cá nhân, để gửi trong `resolutions` khi ghi.")
    name: str
    date_of_birth: str
    unit: str


class ReportRowOut(Schema):
    row: int = Field(..., description="Số dòng trong trang tính Excel.")
    status: RowStatus
    text: str
    errors: list[RowErrorOut] = Field(default_factory=list)
    candidates: list[CandidateOut] = Field(default_factory=list)


class ReportParams(Schema):
    page: int = Field(1, ge=1, le=MAX_REPORT_PAGE, description=f"Trang báo cáo, {REPORT_PAGE_SIZE} dòng một trang.")
    status: RowStatus | None = Field(None, description="Chỉ các dòng có kết quả này.")


class ImportReportOut(Schema):
    id: int
    status: str
    sheet: str | None
    header_row: int | None
    count: int = Field(..., description="Số dòng báo cáo (theo bộ lọc).")
    page: int
    pages: int
    page_size: int
    items: list[ReportRowOut] = Field(..., description="Lỗi trước, rồi trùng người, sẽ tạo, đã có; trong mỗi nhóm theo số dòng.")


def _report_page(batch: ImportBatch, params: ReportParams) -> dict:
    rows = batch.rows.order_by("position")
    summary = batch.summary or {}
    key = params.status or "rows"
    if params.status:
        rows = rows.filter(status=params.status)
    # The dry run counted every status: the summary answers the count without a query.
    count = summary[key] if isinstance(summary.get(key), int) else rows.count()
    start = (params.page - 1) * REPORT_PAGE_SIZE
    report = batch.report or {}
    return {
        "id": batch.pk,
        "status": batch.status,
        "sheet": report.get("sheet"),
        "header_row": report.get("header_row"),
        "count": count,
        "page": params.page,
        "pages": max(1, -(-count // REPORT_PAGE_SIZE)),
        "page_size": REPORT_PAGE_SIZE,
        "items": [r.data for r in rows[start : start + REPORT_PAGE_SIZE]] if start < count else [],
    }


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


@router.get("/{id}", response=responses({200: ImportOut}, 404, 422), summary="Trạng thái và tiến độ (để hỏi lại định kỳ)")
def import_detail(request, id: int):
    return access_import(request.auth, id)


@router.get("/{id}/report", response=responses({200: ImportReportOut}, 400, 404, 422), summary="Báo cáo từng dòng, theo trang")
def import_report(request, id: int, params: Query[ReportParams]):
    return _report_page(access_import(request.auth, id), params)


@router.post("/{id}/commit", response=responses({202: ImportOut}, 400, 403, 404, 422), summary="Ghi dữ liệu (tất cả hoặc không)")
def import_commit(request, id: int, data: CommitIn):
    batch = access_import(request.auth, id, write=True)
    services.import_commit_request(actor=request.auth, batch=batch, resolutions=data.resolutions)
    return Status(202, access_import(request.auth, id))
