"""Shapes of ``/api/v1/dossiers/``. Dates are ISO ``YYYY-MM-DD``."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from thidua.dossiers.states import DossierStatus, LineMark, ReturnField

from .schemas import In, PageParams, UnitRef
from .schemas_nominations import LineOut

StatusCode = Literal[tuple(DossierStatus.values)]
MarkCode = Literal[tuple(LineMark.values)]
FieldCode = Literal[tuple(ReturnField.values)]


class DossierCreateIn(In):
    round: int = Field(..., description="Đợt bình xét (mã số).")
    receiver: int = Field(..., description="Đơn vị nhận: cấp trên trực tiếp trên tuyến trình của các đề nghị (mã số).")
    lines: list[int] | None = Field(None, max_length=2000, description="Các đề nghị (mã số); bỏ trống: mọi đề nghị đã thông qua cần gửi.")


class NoteIn(In):
    note: str = Field("", max_length=2000)


class DecideIn(In):
    number: str = Field(..., max_length=50, description="Số quyết định.")
    decision_date: dt.date
    signer_name: str = Field("", max_length=200)
    signer_title: str = Field("", max_length=200)


class LineCheckIn(In):
    verdict: Literal["accept", "return", "refuse"]
    reason: str = Field("", max_length=4000, description="Bắt buộc khi trả lại hoặc không đồng ý.")
    return_field: FieldCode | Literal[""] = Field("", description="Nội dung cần bổ sung, bắt buộc khi trả lại.")


class AnswerIn(In):
    answer: str = Field(..., max_length=4000)


class DossierFilters(PageParams):
    status: StatusCode | None = None
    round: int | None = None
    overdue: bool = Field(False, description="Chỉ các hồ sơ quá hạn xử lý.")


class DossierOut(Schema):
    id: int
    round: int
    round_name: str
    school_year: str
    sender: UnitRef
    receiver: UnitRef
    forwarded_from: int | None
    status: StatusCode
    submitted_on: dt.date | None
    received_on: dt.date | None
    due_on: dt.date | None
    overdue: bool
    return_note: str
    decision: int | None

    @staticmethod
    def resolve_round(obj) -> int:
        return obj.round_id

    @staticmethod
    def resolve_round_name(obj) -> str:
        return obj.round.name

    @staticmethod
    def resolve_school_year(obj) -> str:
        return obj.round.school_year.code

    @staticmethod
    def resolve_forwarded_from(obj) -> int | None:
        return obj.forwarded_from_id

    @staticmethod
    def resolve_decision(obj) -> int | None:
        return obj.decision_id

    @staticmethod
    def resolve_overdue(obj) -> bool:
        from thidua.dossiers.selectors import is_overdue

        return is_overdue(obj)


class DossierPage(Schema):
    items: list[DossierOut]
    count: int


class DossierLineOut(Schema):
    id: int
    line: LineOut
    granting: UnitRef | None
    mark: MarkCode
    return_field: str
    reason: str
    answer: str
    current_verdict: str = Field("", description="Kết quả đối chiếu của hệ thống hôm nay (bên cạnh ``line.verdict`` khi đề nghị).")


class DossierDetailOut(DossierOut):
    lines: list[DossierLineOut]

    @staticmethod
    def resolve_lines(obj) -> list:
        return obj.lines_out
