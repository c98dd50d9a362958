"""Shapes of ``/api/v1/registrations/``. Titles are catalogue codes (``LDTT``, ``CSTDCS``…) or their names."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema

from thidua.registrations.models import Registration

from .schemas import In, UnitRef

StatusCode = Literal[tuple(Registration.Status.values)]


class CommitmentIn(In):
    text: str = Field("", max_length=500, description="Nội dung cam kết (để trống khi chọn theo danh sách của đơn vị).")
    option: int | None = Field(None, description="Cam kết theo danh sách của đơn vị (mã số).")
    indicator: str = Field("", max_length=200)
    target_value: str = Field("", max_length=100)


class RegistrationCreateIn(In):
    movement: int = Field(..., description="Phong trào thi đua (mã số).")
    person: int | None = Field(None, description="Cá nhân đăng ký (mã số); hoặc `unit`.")
    unit: int | None = Field(None, description="Tập thể đăng ký (mã số đơn vị); hoặc `person`.")
    targets: list[str] = Field(..., max_length=10, description="Danh hiệu, hình thức đăng ký (mã, tên hoặc viết tắt).")
    commitments: list[CommitmentIn] = Field([], max_length=30)
    late_reason: str = Field("", max_length=500, description="Lý do đăng ký sau hạn (chỉ cán bộ đơn vị).")


class ResubmitIn(In):
    targets: list[str] | None = Field(None, max_length=10)
    commitments: list[CommitmentIn] | None = Field(None, max_length=30)


class AmendIn(ResubmitIn):
    reason: str = Field(..., min_length=1, max_length=500, description="Lý do sửa đăng ký đã duyệt")


class NoteIn(In):
    note: str = Field("", max_length=500)


class ReasonIn(In):
    reason: str = Field(..., max_length=500)


# An id the database can hold (SQLite and PostgreSQL bigint): a larger number is a 422, not a server error.
RegistrationId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class BulkIn(In):
    ids: list[RegistrationId] = Field(..., min_length=1, max_length=2000, description="Các đăng ký (mã số).")


class BulkReturnIn(BulkIn):
    reason: str = Field(..., max_length=500)


class PersonRef(Schema):
    id: int
    full_name: str


class TargetOut(Schema):
    code: str = Field(..., alias="kind_code")
    name: str
    category: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.kind.name

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.kind.category


class CommitmentOut(Schema):
    order: int
    text: str
    indicator: str
    target_value: str
    option_id: int | None


class RegistrationOut(Schema):
    id: int
    movement_id: int
    school_year: str
    person: PersonRef | None
    unit: UnitRef | None
    unit_of_record: UnitRef
    position: str
    status: StatusCode
    status_label: str
    late: bool
    late_reason: str
    on_behalf: bool
    return_reason: str
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    targets: list[TargetOut]
    commitments: list[CommitmentOut]

    @staticmethod
    def resolve_school_year(obj) -> str:
        return obj.school_year.code

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_targets(obj):
        return list(obj.targets.all())

    @staticmethod
    def resolve_commitments(obj):
        return list(obj.commitments.all())


class RegistrationPage(Schema):
    items: list[RegistrationOut]
    next: int | None = Field(None, description="Giá trị `after` của trang sau; null khi đã hết danh sách.")


class BulkOut(Schema):
    count: int
    ids: list[int]


class RegistrationFilters(Schema):
    unit: int = Field(..., description="Đơn vị (mã số): các đăng ký của đơn vị và các đơn vị trực thuộc.")
    school_year: str | None = Field(None, max_length=9, description="Ví dụ 2025-2026.")
    movement: int | None = None
    status: StatusCode | None = None
    after: int | None = Field(None, ge=0, le=2**62, description="Bắt đầu sau đăng ký này: giá trị `next` của trang trước.")
    limit: int = Field(50, ge=1, le=200)
