"""Shapes of ``/api/v1/review-rounds/`` and ``/api/v1/nomination-lines/``. Dates are ISO ``YYYY-MM-DD``."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from thidua.nominations.models import LineSource, NominationLine, ReviewRound, RoundKind

from .schemas import In, PageParams, UnitRef

RoundKindCode = Literal[tuple(RoundKind.values)]
RoundStatusCode = Literal[tuple(ReviewRound.Status.values)]
LineStateCode = Literal[tuple(NominationLine.State.values)]
SourceCode = Literal[tuple(LineSource.values)]


class RoundCreateIn(In):
    unit: int = Field(..., description="Đơn vị bình xét (mã số).")
    school_year: str = Field(..., max_length=9, description="Ví dụ 2025-2026.")
    kind: RoundKindCode
    name: str = Field("", max_length=300)
    movement: int | None = Field(None, description="Phong trào (đợt sơ kết, tổng kết, chuyên đề), mã số.")


class NoteIn(In):
    note: str = Field("", max_length=500)


class ReasonIn(In):
    reason: str = Field(..., max_length=2000)


class LineIn(In):
    person: int | None = Field(None, description="Cá nhân (mã số); hoặc ``unit``.")
    unit: int | None = Field(None, description="Tập thể (mã số); hoặc ``person``.")
    kind_code: str = Field(..., max_length=32, description="Danh hiệu, hình thức (mã, tên hoặc viết tắt).")
    reason: str = Field(..., max_length=4000, description="Lý do bổ sung (bắt buộc).")
    justification: str = Field("", max_length=4000, description="Giải trình, bắt buộc khi chưa đạt tiêu chuẩn.")


class AgendaIn(In):
    session: int = Field(..., description="Phiên họp của Hội đồng TĐKT của đơn vị, năm học của đợt (mã số).")
    lines: list[int] | None = Field(None, max_length=2000, description="Các đề nghị (mã số); bỏ trống: mọi đề nghị đang chờ.")
    note: str = Field("", max_length=500)


class PicksIn(In):
    picks: list[str] = Field(
        ..., min_length=1, max_length=2000, description="Các dòng gợi ý: ``p<mã cá nhân>:<mã danh hiệu>`` hoặc ``u<mã đơn vị>:<mã>``."
    )


class CommentIn(In):
    text: str = Field(..., max_length=4000)


class RoundFilters(PageParams):
    school_year: str | None = Field(None, max_length=9)
    status: RoundStatusCode | None = None


class RoundOut(Schema):
    id: int
    name: str
    unit: UnitRef
    school_year: str
    kind: RoundKindCode
    movement: int | None
    status: RoundStatusCode
    opened_on: dt.date | None
    closed_on: dt.date | None
    cancel_reason: str

    @staticmethod
    def resolve_school_year(obj) -> str:
        return obj.school_year.code

    @staticmethod
    def resolve_movement(obj) -> int | None:
        return obj.movement_id


class RoundPage(Schema):
    items: list[RoundOut]
    count: int


class CheckOut(Schema):
    key: str
    label: str
    met: bool
    reason: str
    citation: str
    tag: str


class RoundDetailOut(RoundOut):
    checks: list[CheckOut] = Field(..., description="Tỷ lệ, điều kiện chung của đợt (15 % CSTĐCS chế độ cũ, tỷ lệ thành viên của tập thể).")


class PersonRef(Schema):
    id: int
    full_name: str


class LineOut(Schema):
    id: int
    round: int
    school_year: str
    person: PersonRef | None
    unit: UnitRef | None
    kind_code: str
    source: SourceCode
    reason: str
    justification: str
    verdict: str = Field(..., description="eligible / not_eligible / undetermined / not_modelled, khi đề nghị.")
    against_failed: bool = Field(..., description="Đề nghị khi chưa đạt tiêu chuẩn: cảnh báo cho các cấp sau.")
    rule_version: str
    facts_sha256: str
    evaluated_on: dt.date
    state: LineStateCode
    granted_code: str
    withdraw_reason: str

    @staticmethod
    def resolve_round(obj) -> int:
        return obj.round_id

    @staticmethod
    def resolve_school_year(obj) -> str:
        return obj.school_year.code


class LineDetailOut(LineOut):
    basis: dict = Field(..., description="Kết quả đối chiếu của hệ thống khi đề nghị (tiêu chuẩn, lý do, căn cứ).")
    route: dict = Field(..., description="Cấp khen thưởng, đơn vị trình và các cấp ở giữa, hôm nay.")


class SuggestionOut(Schema):
    key: str
    subject: str
    code: str
    verdict: str
    missing: list[str]
    taken: bool


class CommentOut(Schema):
    id: int
    line: int
    author: str
    text: str
    created_at: dt.datetime

    @staticmethod
    def resolve_line(obj) -> int:
        return obj.line_id

    @staticmethod
    def resolve_author(obj) -> str:
        return obj.author.get_username()
