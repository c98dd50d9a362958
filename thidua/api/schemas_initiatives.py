"""Shapes of ``/api/v1/initiatives/``. School years are labels (``2025-2026``) or ``current``; people and units ids."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

from thidua.awards.models import InitiativeScope
from thidua.initiatives.models import Initiative, Ruling

from .schemas import In, UnitRef

StatusCode = Literal[tuple(Initiative.Status.values)]
ScopeCode = Literal[tuple(InitiativeScope.values)]
DispositionCode = Literal[tuple(Ruling.Disposition.values)]
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]


class AuthorIn(In):
    person: Id = Field(..., description="Tác giả (mã số cá nhân).")
    share: Decimal = Field(..., max_digits=6, decimal_places=2, description="Tỷ lệ đóng góp (%); tổng các tác giả bằng 100.")


class InitiativeCreateIn(In):
    unit: Id | None = Field(None, description="Đơn vị áp dụng (mã số); mặc định đơn vị của người gửi.")
    school_year: str = Field(..., max_length=9, description="Năm học, ví dụ 2025-2026.")
    title: str = Field(..., max_length=500)
    field: str = Field(..., max_length=200, description="Lĩnh vực (môn học, hoạt động).")
    summary: str = Field(..., max_length=5000)
    problem: str = Field("", max_length=10000)
    solution: str = Field(..., max_length=20000)
    results: str = Field("", max_length=10000, description="Kết quả áp dụng.")
    applied_at: str = Field("", max_length=500, description="Nơi áp dụng.")
    applied_from: dt.date | None = Field(None, description="Áp dụng từ ngày (không sau hôm nay).")
    authors: list[AuthorIn] = Field(..., max_length=20)
    submit: bool = Field(False, description="Gửi đơn yêu cầu công nhận ngay.")


class NoteIn(In):
    note: str = Field("", max_length=500)


class ReasonIn(In):
    reason: str = Field(..., max_length=500)


class RecogniseIn(In):
    scope: ScopeCode
    body: Id = Field(..., description="Đơn vị công nhận (mã số).")
    decision_number: str = Field(..., max_length=64)
    decision_date: dt.date


class ScoreIn(In):
    points: dict[str, Decimal] = Field(..., description="Điểm theo mã tiêu chí (novelty, application, benefit, replicability).")
    comments: dict[str, str] = Field({}, description="Nhận xét theo mã tiêu chí.")


class RulingIn(In):
    disposition: DispositionCode
    note: str = Field("", max_length=1000)


class CouncilIn(In):
    unit: Id
    school_year: str = Field(..., max_length=9)
    decision_number: str = Field("", max_length=64)
    chair: Id = Field(..., description="Chủ tịch Hội đồng (mã số cá nhân).")
    members: list[Id] = Field([], max_length=50)
    blind: bool = False
    pass_mark: Decimal = Field(Decimal(50), max_digits=5, decimal_places=2)


class AuthorOut(Schema):
    person_id: int | None
    full_name: str
    share: Decimal


class RecognitionOut(Schema):
    scope: ScopeCode
    body: UnitRef
    decision_number: str
    decision_date: dt.date
    record_id: int
    mean_score: Decimal | None


class InitiativeOut(Schema):
    id: int
    title: str
    unit: UnitRef
    school_year: str
    field: str
    summary: str
    problem: str
    solution: str
    results: str
    applied_at: str
    applied_from: dt.date | None
    status: StatusCode
    status_label: str
    scope: str
    submitted_at: dt.datetime | None
    authors: list[AuthorOut]
    recognitions: list[RecognitionOut]


class InitiativePage(Schema):
    items: list[InitiativeOut]
    next: int | None = Field(None, description="Giá trị `after` của trang sau; null khi đã hết danh sách.")


class InitiativeFilters(Schema):
    school_year: str | None = Field(None, max_length=9)
    status: StatusCode | None = None
    mine: bool = False
    after: int | None = Field(None, ge=0, le=2**62)
    limit: int = Field(50, ge=1, le=200)


class SimilarOut(Schema):
    id: int
    title: str
    unit: UnitRef
    school_year: str
    scope: str
    score: float
    title_score: float
    body_score: float
    very_close: bool
    restricted: bool = Field(..., description="Ngoài phạm vi xem của bạn: chỉ có tên, đơn vị, năm học, phạm vi.")
    disposition: str | None
    title_runs: list[tuple[str, bool]] = Field(..., description="Tên sáng kiến cắt thành đoạn; false = đoạn khác với sáng kiến kia.")
    summary_runs: list[tuple[str, bool]]


class ScoreOut(Schema):
    criterion: str
    points: Decimal


class CouncilOut(Schema):
    id: int
    unit: UnitRef
    school_year: str
    blind: bool
    pass_mark: Decimal
    members: list[str]
