"""Shapes of ``/api/v1/disclosures/`` and of the round's paper bundle. Dates are ISO ``YYYY-MM-DD``."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from thidua.disclosures.models import RemarkKind
from thidua.disclosures.services import MAX_DAYS, MAX_TEXT

from .schemas import In, PageParams, UnitRef

RemarkKindCode = Literal[tuple(RemarkKind.values)]


class DisclosureIn(In):
    round: int = Field(..., description="Đợt bình xét (mã số).")
    days: int | None = Field(None, ge=1, le=MAX_DAYS, description="Số ngày làm việc công khai, không kể hôm nay; mặc định theo cấu hình.")
    public: bool = Field(False, description="Công khai cả trên trang không cần đăng nhập (chỉ họ tên, đơn vị, danh hiệu).")
    note: str = Field("", max_length=MAX_TEXT)


class DisclosureFilters(PageParams):
    round: int | None = Field(None, ge=1, le=2**63 - 1)


class DisclosureOut(Schema):
    id: int
    round: int
    unit: UnitRef
    title: str
    note: str
    starts_on: dt.date
    ends_on: dt.date
    days: int
    public: bool
    running: bool

    @staticmethod
    def resolve_round(obj) -> int:
        return obj.round_id

    @staticmethod
    def resolve_running(obj) -> bool:
        return obj.is_running()


class DisclosurePage(Schema):
    items: list[DisclosureOut]
    count: int


class EntryOut(Schema):
    id: int = Field(..., description="Dòng của danh sách công khai (dùng cho ``entry`` khi phản ánh).")
    line: int = Field(..., description="Đề nghị khen thưởng (mã số).")
    name: str
    unit_name: str
    title: str

    @staticmethod
    def resolve_line(obj) -> int:
        return obj.line_id


class RemarkIn(In):
    kind: RemarkKindCode = Field(..., description="comment (góp ý) hoặc objection (phản ánh, phải nêu ``entry``).")
    text: str = Field(..., max_length=MAX_TEXT)
    entry: int | None = Field(None, ge=1, le=2**63 - 1, description="Dòng của danh sách được góp ý, phản ánh.")


class AnswerIn(In):
    answer: str = Field(..., max_length=MAX_TEXT)


class RemarkOut(Schema):
    id: int
    disclosure: int
    entry: int | None
    kind: RemarkKindCode
    text: str
    author: str
    created_at: dt.datetime
    answer: str
    answered_at: dt.datetime | None

    @staticmethod
    def resolve_disclosure(obj) -> int:
        return obj.disclosure_id

    @staticmethod
    def resolve_entry(obj) -> int | None:
        return obj.entry_id

    @staticmethod
    def resolve_author(obj) -> str:
        return obj.author.display_name


class DisclosureDetailOut(DisclosureOut):
    entries: list[EntryOut]
    remarks: list[RemarkOut] = Field(
        ..., description="Các ý kiến người hỏi được xem: cán bộ phụ trách xem tất cả, người khác chỉ ý kiến của mình."
    )

    @staticmethod
    def resolve_entries(obj) -> list:
        return obj.listed

    @staticmethod
    def resolve_remarks(obj) -> list:
        return obj.visible_remarks


class BundleOut(Schema):
    id: int
    round: int
    state: Literal["queued", "running", "finished", "failed"]
    done: int
    total: int
    percent: int
    pages: int | None
    failure: str
    zip_sha256: str | None
    pdf_sha256: str | None

    @staticmethod
    def resolve_round(obj) -> int:
        return obj.round_id

    @staticmethod
    def resolve_zip_sha256(obj) -> str | None:
        return obj.zip_document.sha256 if obj.zip_document_id else None

    @staticmethod
    def resolve_pdf_sha256(obj) -> str | None:
        return obj.pdf_document.sha256 if obj.pdf_document_id else None
