"""Shapes of ``/api/v1/movements/`` and ``/api/v1/movement-responses/``. Dates are ISO ``YYYY-MM-DD``."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from thidua.movements.models import MilestoneKind, Movement, MovementKind, MovementResponse, Subjects, ThematicField

from .schemas import In, PageParams, UnitRef

KindCode = Literal[tuple(MovementKind.values)]
FieldCode = Literal[tuple(ThematicField.values)]
SubjectsCode = Literal[tuple(Subjects.values)]
StatusCode = Literal[tuple(Movement.Status.values)]
ResponseStatusCode = Literal[tuple(MovementResponse.Status.values)]
MilestoneCode = Literal[tuple(MilestoneKind.values)]


class TargetIn(In):
    unit: int = Field(..., description="Đơn vị được phát động (mã số).")
    include_subtree: bool = Field(True, description="Cả các đơn vị trực thuộc.")


class MovementFieldsIn(In):
    name: str | None = Field(None, max_length=300)
    parent: int | None = Field(None, description="Phong trào cấp trên mà phong trào này hưởng ứng (mã số).")
    field: FieldCode | None = Field(None, description="Lĩnh vực, với phong trào chuyên đề.")
    slogan: str | None = Field(None, max_length=300)
    goals: str | None = Field(None, max_length=20000)
    content: str | None = Field(None, max_length=20000)
    criteria: str | None = Field(None, max_length=20000)
    subjects: SubjectsCode | None = None
    school_year: str | None = Field(None, max_length=9, description="Ví dụ 2025-2026 (bắt buộc với phong trào thường xuyên).")
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    registration_opens: dt.date | None = None
    registration_closes: dt.date | None = None
    phase_review_on: dt.date | None = Field(None, description="Ngày sơ kết.")
    final_review_on: dt.date | None = Field(None, description="Ngày tổng kết.")
    response_days: int | None = Field(None, ge=1, le=120, description="Thời hạn hưởng ứng, ngày làm việc.")
    report_days: int | None = Field(None, ge=1, le=60, description="Thời hạn gửi báo cáo sơ kết, tổng kết, ngày làm việc.")
    planned_awards: list[str] | None = Field(None, max_length=50, description="Danh hiệu, hình thức dự kiến (mã, tên hoặc viết tắt).")
    targets: list[TargetIn] | None = Field(None, max_length=500, description="Mặc định: toàn bộ đơn vị trực thuộc đơn vị phát động.")


class MovementCreateIn(MovementFieldsIn):
    launcher: int = Field(..., description="Đơn vị phát động (mã số).")
    kind: KindCode
    name: str = Field(..., max_length=300)


class NoteIn(In):
    note: str = Field("", max_length=500)


class LaunchIn(NoteIn):
    launched_on: dt.date | None = Field(None, description="Ngày phát động (mặc định hôm nay).")


class ReasonIn(In):
    reason: str = Field(..., max_length=500)


class ResponseIn(In):
    text: str = Field("", max_length=20000)
    child_movement: int | None = Field(None, description="Phong trào đơn vị phát động để hưởng ứng (mã số).")
    on: dt.date | None = Field(None, description="Ngày ban hành kế hoạch (mặc định hôm nay).")


class FigureIn(In):
    label: str = Field(..., max_length=200)
    value: str = Field(..., max_length=100)


class ReportIn(In):
    kind: MilestoneCode
    text: str = Field(..., max_length=20000)
    figures: list[FigureIn] = Field(default_factory=list, max_length=20)
    on: dt.date | None = None


class MovementFilters(PageParams):
    school_year: str | None = Field(None, max_length=9)
    kind: KindCode | None = None
    status: StatusCode | None = None
    q: str = Field("", max_length=100)


class TargetOut(Schema):
    unit: UnitRef
    include_subtree: bool


class MovementOut(Schema):
    id: int
    name: str
    kind: KindCode
    field: str
    launcher: UnitRef
    school_year: str | None
    period_start: dt.date
    period_end: dt.date
    status: StatusCode
    launched_on: dt.date | None

    @staticmethod
    def resolve_school_year(obj) -> str | None:
        return obj.school_year.code if obj.school_year_id else None


class MovementPage(Schema):
    items: list[MovementOut]
    count: int


class MovementDetailOut(MovementOut):
    parent: int | None
    slogan: str
    goals: str
    content: str
    criteria: str
    subjects: SubjectsCode
    registration_opens: dt.date | None
    registration_closes: dt.date | None
    phase_review_on: dt.date | None
    final_review_on: dt.date | None
    response_days: int
    report_days: int
    planned_awards: list[str]
    granting_unit: UnitRef | None
    granting_authority: str = Field(..., description="Cấp nào phát động thì cấp đó khen thưởng (DOMAIN §6.4).")
    has_plan_document: bool
    targets: list[TargetOut]
    cancel_reason: str

    @staticmethod
    def resolve_parent(obj) -> int | None:
        return obj.parent_id

    @staticmethod
    def resolve_planned_awards(obj) -> list[str]:
        return sorted(obj.planned_awards.values_list("code", flat=True))

    @staticmethod
    def resolve_has_plan_document(obj) -> bool:
        return bool(obj.plan_document)

    @staticmethod
    def resolve_targets(obj) -> list:
        return list(obj.targets.select_related("unit"))


class ResponseOut(Schema):
    id: int
    movement: int
    unit: UnitRef
    status: ResponseStatusCode
    due_on: dt.date
    submitted_on: dt.date | None
    text: str
    has_attachment: bool
    child_movement: int | None
    return_reason: str
    days_late: int = Field(0, description="Số ngày làm việc trễ hạn (đến ngày gửi, hoặc đến hôm nay nếu chưa gửi).")

    @staticmethod
    def resolve_movement(obj) -> int:
        return obj.movement_id

    @staticmethod
    def resolve_has_attachment(obj) -> bool:
        return bool(obj.attachment)

    @staticmethod
    def resolve_child_movement(obj) -> int | None:
        return obj.child_movement_id


class ReportOut(Schema):
    id: int
    kind: MilestoneCode
    unit: UnitRef
    text: str
    figures: list[list[str]]
    submitted_on: dt.date
    has_attachment: bool

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.milestone.kind

    @staticmethod
    def resolve_has_attachment(obj) -> bool:
        return bool(obj.attachment)


class ReportCellOut(Schema):
    unit: UnitRef
    report: ReportOut | None
    days_late: int


class MilestoneOut(Schema):
    kind: MilestoneCode
    held_on: dt.date
    due_on: dt.date
    rows: list[ReportCellOut]
