"""Shapes of ``/api/v1/councils/``. Dates are ISO ``YYYY-MM-DD``. Counts of an item are shown only once it is tallied."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from thidua.councils.models import AttendanceStatus, MemberRole, SessionMode

from .schemas import In, PageParams, UnitRef

RoleCode = Literal[tuple(MemberRole.values)]
ModeCode = Literal[tuple(SessionMode.values)]
AttendanceCode = Literal[tuple(AttendanceStatus.values)]


class CouncilFilters(PageParams):
    school_year: str | None = Field(None, max_length=9, description="Ví dụ 2025-2026.")


class MemberOut(Schema):
    id: int
    person: int = Field(..., alias="person_id")
    name: str = Field(..., alias="person.full_name")
    role: str
    votes: bool
    valid_from: dt.date
    valid_to: dt.date | None


class CouncilOut(Schema):
    id: int
    unit: UnitRef
    school_year: str = Field(..., alias="school_year.code")
    decision_number: str
    decision_date: dt.date
    quorum: str
    status: str

    @staticmethod
    def resolve_quorum(obj) -> str:
        return f"{obj.quorum_num}/{obj.quorum_den}"


class CouncilDetailOut(CouncilOut):
    members: list[MemberOut]

    @staticmethod
    def resolve_members(obj):
        return list(obj.members.select_related("person").order_by("role", "person__sort_key"))


class CouncilPage(Schema):
    items: list[CouncilOut]
    count: int


class MemberIn(In):
    person: int = Field(..., description="Cá nhân (mã số), công tác tại đơn vị trong năm học.")
    role: RoleCode = "member"
    votes: bool = True
    amending_decision: str = Field("", max_length=64, description="Số quyết định kiện toàn (khi Hội đồng đang hoạt động).")


class SessionIn(In):
    held_on: dt.date
    place: str = Field("", max_length=200)
    mode: ModeCode = "electronic"


class AttendanceIn(In):
    member: int = Field(..., description="Thành viên Hội đồng (mã số).")
    status: AttendanceCode
    reason: str = Field("", max_length=255)


class ItemIn(In):
    person: int = Field(..., description="Cá nhân được đề nghị (mã số).")
    kind_code: str = Field(..., max_length=32, description="Danh hiệu đề nghị (mã, ví dụ CSTDCS).")
    lower_codes: list[str] = Field(default_factory=list, max_length=5, description="Danh hiệu thấp hơn được bỏ phiếu thay thế.")
    label: str = Field("", max_length=255)
    supersedes: int | None = Field(None, description="Bỏ phiếu lại nội dung này (mã số); cần lý do.")
    reason: str = Field("", max_length=500)


class BallotIn(In):
    choice: str = Field(..., max_length=40, description="agree, disagree hoặc lower:<mã danh hiệu>.")


class EmptyIn(In):
    pass


class TallyOut(Schema):
    total_members: int
    ballots: int
    counts: dict[str, int]
    support: int
    fraction: str
    outcome: str
    granted_code: str
    citation: str


class ItemOut(Schema):
    id: int
    position: int
    person: int | None = Field(None, alias="person_id")
    subject_unit: int | None = Field(None, alias="subject_unit_id")
    line: int | None = Field(None, alias="line_id", description="Đề nghị khen thưởng của đợt bình xét (mã số), nếu có.")
    kind_code: str
    options: list[str]
    status: str
    voted: int = 0
    tally: TallyOut | None = None

    @staticmethod
    def resolve_voted(obj) -> int:
        return obj.voted if hasattr(obj, "voted") else obj.receipts.count()

    @staticmethod
    def resolve_tally(obj):
        from thidua.councils.models import Tally

        return obj.result if hasattr(obj, "result") else Tally.objects.filter(item=obj).first()


class SessionOut(Schema):
    id: int
    council: int = Field(..., alias="council_id")
    held_on: dt.date
    place: str
    mode: str
    status: str
    total_members: int | None
    items: list[ItemOut] = []

    @staticmethod
    def resolve_items(obj):
        from thidua.councils.selectors import session_items

        return session_items(obj)


class CastOut(Schema):
    item: int
    voted: int
