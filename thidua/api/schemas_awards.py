"""Request and response shapes of the catalogue, decisions, awards and ledger endpoints.

Objects named in a body (a person, a unit, a school year) are ids or codes resolved by the router
through ``refs`` (400 ``unknown_*`` when the caller cannot see them); titles and forms are catalogue
codes (``LDTT``, ``CSTDCS`` …) resolved by the service in the regime of the decision date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from thidua.awards.models import AwardType, Category, Decision, Level, SourceStatus, Subject
from thidua.awards.selectors import BOOK_PERIODS

from .schemas import In, PageParams, UnitRef

AwardTypeCode = Literal[tuple(AwardType.values)]
SubjectCode = Literal[tuple(Subject.values)]
CategoryCode = Literal[tuple(Category.values)]
LevelCode = Literal[tuple(Level.values)]
StatusCode = Literal[tuple(SourceStatus.values)]
DecisionStatusCode = Literal[tuple(Decision.Status.values)]
TimelineKind = Literal["award", "rating", "initiative", "discipline", "employment"]


# -- catalogue ------------------------------------------------------------------------------------------
class RegimeOut(Schema):
    code: str
    name: str
    effective_from: dt.date
    effective_to: dt.date | None
    citation: str


class GrantOut(Schema):
    """One line of the authority table (``awards/authority.py``)."""

    issuer_kind: str = Field(..., description="Mã loại đơn vị ghi quyết định, hoặc *legal_entity: mọi đơn vị có tư cách pháp nhân.")
    authority: str = Field(..., description="Người quyết định, ký.")
    route: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    citation: str
    status: StatusCode
    status_tag: str

    @staticmethod
    def resolve_issuer_kind(obj) -> str:
        return obj.issuer

    @staticmethod
    def resolve_valid_from(obj) -> dt.date | None:
        return obj.start

    @staticmethod
    def resolve_valid_to(obj) -> dt.date | None:
        return obj.end


class AwardKindOut(Schema):
    id: int
    code: str
    version: int
    regime: RegimeOut
    name: str
    abbreviation: str
    aliases: list[str]
    subject: SubjectCode
    category: CategoryCode
    level: LevelCode
    rank: int
    granting_kinds: list[str] = Field(..., description="Loại đơn vị có thẩm quyền quyết định trong thời gian áp dụng (mã loại đơn vị).")
    authority: str
    grants: list[GrantOut] = Field(..., description="Thẩm quyền theo loại đơn vị, tư cách pháp nhân và thời gian.")
    citation: str
    coefficient: Decimal | None = Field(..., description="Hệ số × lương cơ sở; null khi chưa xác nhận (nhập tiền thủ công).")
    coefficient_citation: str
    status: StatusCode = Field(..., description="confirmed ✅, partial ⚠️, unconfirmed ❓ (DOMAIN).")
    status_tag: str
    status_note: str
    valid_from: dt.date
    valid_to: dt.date | None
    is_current: bool

    @staticmethod
    def resolve_status_tag(obj) -> str:
        return obj.get_status_display()


class CatalogueFilters(Schema):
    regime: str | None = Field(None, max_length=32, description="Mã chế độ, ví dụ law2022_nd152.")
    subject: SubjectCode | None = None
    category: CategoryCode | None = None
    on: dt.date | None = Field(None, description="Chỉ các mục áp dụng vào ngày này.")
    include_old_versions: bool = False


class BaseSalaryOut(Schema):
    amount: int
    effective_from: dt.date
    citation: str
    status: StatusCode


# -- decisions and awards -------------------------------------------------------------------------------
class KindRef(Schema):
    code: str
    name: str
    version: int
    subject: SubjectCode


class PersonRef(Schema):
    id: int
    full_name: str


class DecisionRef(Schema):
    id: int
    number: str
    decision_date: dt.date
    issuer: UnitRef
    status: DecisionStatusCode


class AwardOut(Schema):
    id: int
    decision: DecisionRef
    kind: KindRef
    person: PersonRef | None
    unit: UnitRef | None
    recipient_unit: UnitRef | None = Field(..., description="Nơi công tác của người nhận khi được khen.")
    school_year: str | None
    coefficient: Decimal | None
    base_salary: int | None
    cash_amount: int | None
    note: str
    revoked: bool
    revoked_reason: str

    @staticmethod
    def resolve_school_year(obj) -> str | None:
        return obj.school_year.code if obj.school_year_id else None


class AwardLineOut(AwardOut):
    decision: DecisionRef | None = None

    @staticmethod
    def resolve_decision(obj) -> None:
        return None  # inside a decision the line does not repeat it


class AmendmentOut(Schema):
    id: int
    number: str
    amendment_date: dt.date
    reason: str
    changes: dict


class DecisionOut(Schema):
    id: int
    number: str
    decision_date: dt.date
    issuer: UnitRef
    award_type: AwardTypeCode
    school_year: str | None
    regime: str
    status: DecisionStatusCode
    title: str

    @staticmethod
    def resolve_school_year(obj) -> str | None:
        return obj.school_year.code if obj.school_year_id else None

    @staticmethod
    def resolve_regime(obj) -> str:
        return obj.regime.code


class DecisionListItemOut(DecisionOut):
    award_count: int
    own_count: int = Field(..., description="Số khen thưởng cho người, tập thể thuộc đơn vị của bạn.")


class DecisionDetailOut(DecisionOut):
    signer_name: str
    signer_title: str
    period_start: dt.date | None
    period_end: dt.date | None
    has_scan: bool
    revoked_reason: str
    revoked_at: dt.datetime | None
    awards: list[AwardLineOut] = Field(..., description="Các khen thưởng bạn được xem: tất cả nếu bạn thuộc phía ban hành.")
    other_awards: int = Field(..., description="Số khen thưởng cho người, tập thể ngoài đơn vị của bạn (chỉ đếm, không hiện).")
    amendments: list[AmendmentOut]
    movement: int | None = Field(None, description="Phong trào thi đua mà quyết định khen thưởng (mã số), nếu có.")

    @staticmethod
    def resolve_movement(obj) -> int | None:
        return obj.movement_id

    @staticmethod
    def resolve_has_scan(obj) -> bool:
        return bool(obj.scan)

    @staticmethod
    def resolve_awards(obj) -> list:
        return obj.visible_awards

    @staticmethod
    def resolve_other_awards(obj) -> int:
        return obj.other_award_count

    @staticmethod
    def resolve_amendments(obj) -> list:
        return list(obj.amendments.all())


class DecisionPage(Schema):
    items: list[DecisionListItemOut]
    count: int


class DecisionFilters(PageParams):
    number: str = Field("", max_length=64)
    issuer: int | None = Field(None, description="Mã số đơn vị ban hành.")
    school_year: str | None = Field(None, max_length=9, description="Ví dụ 2024-2025.")
    award_type: AwardTypeCode | None = None
    status: DecisionStatusCode | None = None


class AwardPage(Schema):
    items: list[AwardOut]
    count: int


class AwardFilters(PageParams):
    person: int | None = None
    unit: int | None = Field(None, description="Đơn vị (cả cây trực thuộc) nơi người nhận công tác, hoặc tập thể nhận.")
    kind: str = Field("", max_length=32, description="Mã danh hiệu, hình thức, ví dụ LDTT.")
    school_year: str | None = Field(None, max_length=9)
    decision_number: str = Field("", max_length=64)
    q: str = Field("", max_length=100, description="Tên người hoặc tập thể (không dấu cũng được).")
    include_revoked: bool = False


class AwardLineIn(In):
    kind: str = Field(..., min_length=1, max_length=32, description="Mã danh hiệu, hình thức trong danh mục, ví dụ LDTT.")
    person: int | None = Field(None, description="Cá nhân nhận (mã số); hoặc `unit`.")
    unit: int | None = Field(None, description="Tập thể nhận (mã số đơn vị); hoặc `person`.")
    school_year: str | None = Field(None, max_length=9)
    cash_amount: int | None = Field(None, ge=0, le=10_000_000_000, description="Nếu có, phải khớp hệ số × lương cơ sở.")
    note: str = Field("", max_length=255)


class DecisionCreateIn(In):
    number: str = Field(..., max_length=64)
    decision_date: dt.date
    issuer: int = Field(..., description="Đơn vị ban hành (mã số).")
    award_type: AwardTypeCode
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    school_year: str | None = Field(None, max_length=9)
    signer_name: str = Field("", max_length=120)
    signer_title: str = Field("", max_length=120)
    title: str = Field("", max_length=255)
    movement: int | None = Field(None, description="Phong trào thi đua mà quyết định khen thưởng (mã số), nếu có.")
    awards: list[AwardLineIn] = Field(..., max_length=5000)


class DecisionHeaderIn(In):
    signer_name: str | None = Field(None, max_length=120)
    signer_title: str | None = Field(None, max_length=120)
    title: str | None = Field(None, max_length=255)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    school_year: str | None = Field(None, max_length=9)
    award_type: AwardTypeCode | None = None


class AmendmentIn(In):
    number: str = Field(..., max_length=64)
    amendment_date: dt.date
    reason: str = Field(..., max_length=500)
    header: DecisionHeaderIn | None = None
    remove_awards: list[int] = Field([], max_length=5000, description="Mã số các khen thưởng bị bỏ.")
    add_awards: list[AwardLineIn] = Field([], max_length=5000)


class RevokeIn(In):
    reason: str = Field(..., max_length=500)


# -- ledger ---------------------------------------------------------------------------------------------
class TimelineEntryOut(Schema):
    day: dt.date | None
    school_year: str
    kind: TimelineKind
    label: str
    detail: str
    unit: str
    decision: int | None = Field(..., description="Quyết định (mã số) của một khen thưởng, khi bạn được mở quyết định đó.")

    @staticmethod
    def resolve_decision(obj) -> int | None:
        if obj.kind == "award" and obj.extra.get("decision_visible"):
            return obj.obj.decision_id
        return None


class LedgerFilters(Schema):
    start_year: str | None = Field(None, max_length=9, description="Năm học đầu, ví dụ 2016-2017 (mặc định: 5 hoặc 10 năm đến nay).")
    years: int = Field(5, description="Số năm học của sổ: 5 hoặc 10.", json_schema_extra={"enum": [5, 10]})

    @field_validator("years")
    @classmethod
    def _five_or_ten(cls, value: int) -> int:
        if value not in BOOK_PERIODS:
            raise PydanticCustomError("literal_error", "5 or 10")
        return value


class LedgerCellOut(Schema):
    rating: str | None
    awards: list[str]
    initiatives: list[str]
    in_unit: bool = True


class LedgerRowOut(Schema):
    person_id: int
    full_name: str
    position: str
    by_year: dict[str, LedgerCellOut]


class UnitLedgerOut(Schema):
    unit: UnitRef
    years: list[str]
    rows: list[LedgerRowOut]
    collective: dict[str, list[str]]

    @staticmethod
    def resolve_years(obj) -> list[str]:
        return [y.code for y in obj.years]
