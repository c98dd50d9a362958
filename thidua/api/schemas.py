"""Explicit request (``…In``) and response (``…Out``) shapes of the API. Dates are ISO ``YYYY-MM-DD``.

Choice fields are ``Literal`` types built from the model choices so the OpenAPI schema lists them; the
services validate the same values again (they are also called from forms and commands).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from thidua.accounts.scope import scope_for
from thidua.org.models import EducationLevel, OrgUnit
from thidua.people.models import Discipline, DisciplineForm, Gender, LeaveKind, Rating, StaffType

EducationLevelCode = Literal[tuple(EducationLevel.values)]
GenderCode = Literal[tuple(Gender.values)]
StaffTypeCode = Literal[tuple(StaffType.values)]
RatingCode = Literal[tuple(Rating.values)]
DisciplineFormCode = Literal[tuple(DisciplineForm.values)]
DisciplineStatusCode = Literal[tuple(Discipline.Status.values)]
LeaveKindCode = Literal[tuple(LeaveKind.values)]

MAX_PAGE = 200
# Far beyond any list (1.66 million people) yet far below the 64-bit OFFSET the databases take: a larger
# offset is a 422, never an overflow in the database driver.
MAX_OFFSET = 1_000_000_000


def _actor(context) -> object | None:
    request = (context or {}).get("request")
    return getattr(request, "auth", None)


class In(Schema):
    """Request bodies refuse unknown keys: a misspelt field must not be silently ignored."""

    model_config = ConfigDict(extra="forbid")


# -- errors --------------------------------------------------------------------------------------------
class ErrorItem(Schema):
    field: str
    code: str
    message: str


class ErrorOut(Schema):
    code: str = Field(..., description="Mã lỗi cho máy đọc, ví dụ `duplicate_national_id`.")
    message: str = Field(..., description="Thông báo tiếng Việt cho người dùng.")
    field: str | None = Field(None, description="Trường dữ liệu gây lỗi, nếu có.")
    errors: list[ErrorItem] | None = Field(None, description="Mọi lỗi kiểm tra dữ liệu (chỉ với mã 422).")


# -- auth -----------------------------------------------------------------------------------------------
class TokenIn(In):
    username: str = Field(..., max_length=150)
    password: str = Field(..., max_length=256)
    totp: str | None = Field(None, max_length=16, description="Mã xác thực hai bước (bắt buộc khi tài khoản đã bật).")


class TokenOut(Schema):
    token: str


# -- paging ---------------------------------------------------------------------------------------------
class PageParams(Schema):
    limit: int = Field(50, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


# -- school years ---------------------------------------------------------------------------------------
class SchoolYearOut(Schema):
    code: str
    start_date: dt.date
    end_date: dt.date
    is_current: bool


# -- units ----------------------------------------------------------------------------------------------
class KindOut(Schema):
    code: str
    name: str
    rank: int
    is_school: bool


class LevelOut(Schema):
    code: str
    label: str


class UnitRef(Schema):
    id: int
    code: str
    name: str


class AncestorOut(UnitRef):
    visible: bool = Field(..., description="Người gọi có được xem đơn vị này không.")

    @staticmethod
    def resolve_visible(obj: OrgUnit, context) -> bool:
        return scope_for(_actor(context)).can_read_unit(obj)


def _levels(unit: OrgUnit) -> list[dict]:
    return [{"code": c, "label": label} for c, label in zip(unit.level_codes, unit.level_labels, strict=True)]


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: KindOut
    parent_id: int | None
    depth: int
    education_levels: list[LevelOut]
    remote_area: bool
    valid_from: dt.date
    valid_to: dt.date | None
    is_active: bool
    successor_id: int | None

    @staticmethod
    def resolve_education_levels(obj: OrgUnit) -> list[dict]:
        return _levels(obj)


class UnitChildOut(UnitOut):
    child_count: int = Field(..., description="Số đơn vị trực thuộc đang hoạt động.")


class UnitDetailOut(UnitOut):
    address: str
    parent: UnitRef | None
    ancestors: list[AncestorOut] = Field(..., description="Các cấp trên, từ gốc xuống cấp trên trực tiếp.")
    successor: UnitRef | None

    @staticmethod
    def resolve_ancestors(obj: OrgUnit) -> list[OrgUnit]:
        return list(OrgUnit.objects.filter(path__in=obj.ancestor_paths()[:-1]).order_by("path"))


class UnitPage(Schema):
    items: list[UnitOut]
    count: int


class UnitChildPage(Schema):
    items: list[UnitChildOut]
    count: int


class UnitFilters(PageParams):
    q: str = Field("", max_length=100, description="Tìm theo tên hoặc mã, không phân biệt dấu.")
    kind: str = Field("", max_length=32, description="Mã loại đơn vị.")
    under: int | None = Field(None, description="Chỉ các đơn vị thuộc cây của đơn vị này.")
    include_closed: bool = False


class ChildFilters(PageParams):
    include_closed: bool = False


class TreeNodeOut(Schema):
    id: int
    code: str
    name: str
    kind: KindOut
    depth: int = Field(..., description="Độ sâu tính từ gốc của cây trả về (gốc = 0).")
    parent_id: int | None

    @staticmethod
    def resolve_id(obj: dict) -> int:
        return obj["unit"].pk

    @staticmethod
    def resolve_code(obj: dict) -> str:
        return obj["unit"].code

    @staticmethod
    def resolve_name(obj: dict) -> str:
        return obj["unit"].name

    @staticmethod
    def resolve_kind(obj: dict):
        return obj["unit"].kind


class TreeOut(Schema):
    on: dt.date
    items: list[TreeNodeOut]


class PlacementOut(Schema):
    parent: UnitRef | None
    valid_from: dt.date
    valid_to: dt.date | None


class RestructuringOut(Schema):
    id: int
    kind: str
    kind_label: str
    effective_date: dt.date
    decision_ref: str
    note: str
    role: str = Field(..., description="Vai trò của đơn vị: source, target hoặc moved.")

    @staticmethod
    def resolve_id(obj) -> int:
        return obj.restructuring_id

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.restructuring.kind

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.restructuring.get_kind_display())

    @staticmethod
    def resolve_effective_date(obj) -> dt.date:
        return obj.restructuring.effective_date

    @staticmethod
    def resolve_decision_ref(obj) -> str:
        return obj.restructuring.decision_ref

    @staticmethod
    def resolve_note(obj) -> str:
        return obj.restructuring.note


class UnitHistoryOut(Schema):
    placements: list[PlacementOut]
    restructurings: list[RestructuringOut]
    predecessors: list[UnitRef]
    successor: UnitRef | None


class UnitCreateIn(In):
    parent: int | None = Field(None, description="Đơn vị cấp trên (bỏ trống: cấp cao nhất, chỉ quản trị).")
    code: str = Field(..., max_length=32)
    name: str = Field(..., max_length=255)
    kind: str = Field(..., max_length=32, description="Mã loại đơn vị, ví dụ `school`.")
    valid_from: dt.date
    education_levels: list[EducationLevelCode] = []
    remote_area: bool = False
    address: str = Field("", max_length=255)


class UnitUpdateIn(In):
    name: str | None = Field(None, max_length=255)
    education_levels: list[EducationLevelCode] | None = None
    remote_area: bool | None = None
    address: str | None = Field(None, max_length=255)


class UnitSpecIn(In):
    code: str = Field(..., max_length=32)
    name: str = Field(..., max_length=255)
    kind: str = Field(..., max_length=32)
    education_levels: list[EducationLevelCode] = []
    remote_area: bool = False
    address: str = Field("", max_length=255)


class UnitPartIn(UnitSpecIn):
    people: list[int] = Field([], description="Mã cá nhân chuyển sang đơn vị này (mặc định: đơn vị đầu tiên).")
    children: list[int] = Field([], description="Mã đơn vị trực thuộc chuyển sang đơn vị này.")


class RestructuringIn(In):
    effective_date: dt.date
    decision_ref: str = Field("", max_length=120)
    note: str = Field("", max_length=2000)


class MergeIn(RestructuringIn):
    sources: list[int] = Field(..., min_length=1)
    target: int | None = Field(None, description="Đơn vị tiếp nhận có sẵn…")
    new_target: UnitSpecIn | None = Field(None, description="…hoặc đơn vị mới thành lập từ ngày hiệu lực.")
    new_target_parent: int | None = None


class SplitIn(RestructuringIn):
    parts: list[UnitPartIn] = Field(..., min_length=2)


class MoveIn(RestructuringIn):
    parent: int


class CloseIn(RestructuringIn):
    pass


# -- people ---------------------------------------------------------------------------------------------
class PersonOut(Schema):
    id: int
    full_name: str
    gender: str
    current_unit: UnitRef | None
    current_position: str


class PersonPage(Schema):
    """A page of people without counting them all (decision 0008): ``count`` is the total when this page
    ends the list or when ``total=true`` was asked, else null; ``next`` is the ``after`` of the next page."""

    items: list[PersonOut]
    count: int | None
    next: str | None = Field(None, description="Giá trị `after` của trang sau; null khi đã hết danh sách.")


class PeopleFilters(PageParams):
    q: str = Field("", max_length=100, description="Tìm theo họ tên, không phân biệt dấu.")
    unit: int | None = Field(None, description="Chỉ người đã (hoặc đang) công tác trong cây của đơn vị này.")
    current_only: bool = Field(False, description="Với `unit`: chỉ người đang công tác.")
    after: str = Field("", max_length=500, description="Bắt đầu sau người này: giá trị `next` của trang trước.")
    total: bool = Field(False, description="Đếm đủ tổng số người (`count`), chậm với danh sách lớn.")


class EmploymentOut(Schema):
    id: int
    unit: UnitRef
    position: str
    staff_type: str
    staff_type_label: str
    start_date: dt.date
    end_date: dt.date | None

    @staticmethod
    def resolve_staff_type_label(obj) -> str:
        return str(obj.get_staff_type_display())


class RatingOut(Schema):
    school_year: str
    rating: str
    rating_label: str
    unit: UnitRef | None
    note: str

    @staticmethod
    def resolve_school_year(obj) -> str:
        return obj.school_year.code

    @staticmethod
    def resolve_rating_label(obj) -> str:
        return str(obj.get_rating_display())


class DisciplineOut(Schema):
    id: int
    form: str
    form_label: str
    status: str
    decision_number: str
    decision_date: dt.date | None
    start_date: dt.date
    end_date: dt.date | None
    reason: str

    @staticmethod
    def resolve_form_label(obj) -> str:
        return str(obj.get_form_display())


class LeaveOut(Schema):
    id: int
    kind: str
    kind_label: str
    start_date: dt.date
    end_date: dt.date
    note: str

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())


class PersonDetailOut(PersonOut):
    date_of_birth: dt.date | None
    ethnicity: str
    email: str
    national_id: str | None = Field(
        None, description="Chỉ trả về cho cán bộ, thủ trưởng đơn vị hiện tại (và cấp trên) và chính cá nhân; còn lại là null."
    )
    employments: list[EmploymentOut]
    ratings: list[RatingOut]
    disciplines: list[DisciplineOut]
    leaves: list[LeaveOut]

    @staticmethod
    def resolve_national_id(obj, context) -> str | None:
        # Decided here, next to the field, so no endpoint can forget the rule.
        return obj.national_id if scope_for(_actor(context)).can_see_national_id(obj) else None


class PersonCreateIn(In):
    full_name: str = Field(..., max_length=120)
    gender: GenderCode
    unit: int = Field(..., description="Đơn vị công tác đầu tiên.")
    staff_type: StaffTypeCode
    start_date: dt.date
    position: str = Field("", max_length=120)
    date_of_birth: dt.date | None = None
    ethnicity: str = Field("Kinh", max_length=40)
    national_id: str | None = Field(None, max_length=20, description="Số định danh cá nhân (12 chữ số).")
    email: str = Field("", max_length=254)


class PersonUpdateIn(In):
    full_name: str | None = Field(None, max_length=120)
    gender: GenderCode | None = None
    date_of_birth: dt.date | None = None
    ethnicity: str | None = Field(None, max_length=40)
    national_id: str | None = Field(None, max_length=20)
    email: str | None = Field(None, max_length=254)


class EmploymentIn(In):
    unit: int
    staff_type: StaffTypeCode
    start_date: dt.date
    end_date: dt.date | None = None
    position: str = Field("", max_length=120)


class EmploymentUpdateIn(In):
    start_date: dt.date | None = None
    end_date: dt.date | None = Field(None, description="null mở lại quá trình; bỏ qua trường này để giữ nguyên.")
    position: str | None = Field(None, max_length=120)
    staff_type: StaffTypeCode | None = None


class TransferIn(In):
    unit: int
    effective_date: dt.date
    staff_type: StaffTypeCode | None = None
    position: str | None = Field(None, max_length=120)


class RatingIn(In):
    rating: RatingCode
    note: str = Field("", max_length=255)


class DisciplineIn(In):
    form: DisciplineFormCode
    status: DisciplineStatusCode = "in_effect"
    decision_number: str = Field("", max_length=64)
    decision_date: dt.date | None = None
    start_date: dt.date
    end_date: dt.date | None = None
    reason: str = Field("", max_length=255)


class LeaveIn(In):
    kind: LeaveKindCode
    start_date: dt.date
    end_date: dt.date
    note: str = Field("", max_length=255)


# -- confirmations of qualitative criteria (eligibility) ------------------------------------------------------
class ConfirmationOut(Schema):
    fact: str = Field(description="Dữ kiện của quy định (`Confirmed.fact`), ví dụ `ldtt_qualities`")
    label: str
    titles: list[str] = Field(description="Danh hiệu, hình thức dùng tiêu chí này")
    value: bool | None = Field(description="true: đạt; false: không đạt; null: chưa xác nhận")
    basis: str
    confirmed_by: str | None
    confirmed_at: dt.datetime | None


class ConfirmationsIn(In):
    values: dict[str, bool | None] = Field(description="Dữ kiện → true/false, hoặc null để bỏ xác nhận; dữ kiện không nêu giữ nguyên")
    basis: str = Field("", max_length=255, description="Căn cứ xác nhận (bắt buộc khi xác nhận đạt/không đạt)")


class BallotIn(In):
    total_members: int = Field(ge=1, le=10000, description="Tổng số thành viên Hội đồng Thi đua – Khen thưởng (mẫu số)")
    in_favour: int = Field(ge=0, le=10000, description="Số thành viên đồng ý tại phiên họp")
    in_favour_written: int = Field(0, ge=0, le=10000, description="Số thành viên vắng mặt đồng ý bằng văn bản")
    session_date: dt.date = Field(description="Ngày họp Hội đồng")
    basis: str = Field(max_length=255, description="Căn cứ: biên bản kiểm phiếu")


class BallotOut(Schema):
    code: str = Field(description="Danh hiệu được bỏ phiếu, ví dụ `CSTDCS`")
    school_year: str
    total_members: int
    in_favour: int
    in_favour_written: int
    session_date: dt.date
    basis: str
    threshold: str | None = Field(description="Tỉ lệ cần đạt theo quy định đang áp dụng (phân số, ví dụ 4/5), null nếu không xét bỏ phiếu")
    citation: str | None
    entered_by: str
    entered_at: dt.datetime


class BulkConfirmationIn(In):
    school_year: str = Field(description="Mã năm học, ví dụ 2024-2025")
    fact: str
    value: bool | None
    basis: str = Field("", max_length=255)
    people: list[int] = Field(min_length=1, max_length=2000, description="Mã số cá nhân")


class BulkConfirmationOut(Schema):
    changed: int = Field(description="Số xác nhận đã thay đổi (xác nhận trùng không ghi lại)")
