"""Shapes of ``/api/v1/notifications/`` (the caller's own inbox) and ``/api/v1/calendar/``."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from thidua.notifications.models import Kind
from thidua.years.models import Holiday

from .schemas import In, PageParams, UnitRef

KindCode = Literal[tuple(Kind.values)]
HolidayKindCode = Literal[tuple(Holiday.Kind.values)]
HolidayStatusCode = Literal[tuple(Holiday.Status.values)]


class NotificationOut(Schema):
    id: int
    kind: KindCode
    title: str
    body: str
    url: str = Field(..., description="Trang của hệ thống mà thông báo dẫn tới (đường dẫn, không có tên máy).")
    unit: UnitRef | None
    created_at: dt.datetime
    read_at: dt.datetime | None


class NotificationPage(Schema):
    items: list[NotificationOut]
    count: int
    unread: int = Field(..., description="Số thông báo chưa đọc (mọi trang).")


class NotificationFilters(PageParams):
    unread: bool = Field(False, description="Chỉ thông báo chưa đọc.")


class UnreadOut(Schema):
    unread: int


class MarkReadIn(In):
    ids: list[int] | None = Field(None, max_length=1000, description="Các thông báo cần đánh dấu đã đọc (của chính người gọi).")
    all: bool = Field(False, description="Đánh dấu mọi thông báo là đã đọc.")


class MarkedOut(Schema):
    marked: int = Field(..., description="Số thông báo vừa được đánh dấu đã đọc.")


class PreferenceIn(In):
    email_enabled: bool


class PreferenceOut(Schema):
    email_enabled: bool
    has_email: bool = Field(..., description="Tài khoản có địa chỉ thư điện tử (không có thì chỉ nhận trong hộp thông báo).")


# -- calendar -------------------------------------------------------------------------------------------
class HolidayOut(Schema):
    id: int
    date: dt.date
    kind: HolidayKindCode
    name: str
    basis: str
    status: HolidayStatusCode


class HolidayYearOut(Schema):
    year: int
    confirmed: bool = Field(..., description="Mọi ngày nghỉ của năm đã được quản trị hệ thống xác nhận.")
    warning: str = Field(..., description="Cảnh báo khi lịch nghỉ của năm chưa được xác nhận; rỗng nếu đã xác nhận.")
    items: list[HolidayOut]


class HolidayYearParams(Schema):
    year: int = Field(..., ge=2000, le=2100)


class HolidayIn(In):
    date: dt.date
    kind: HolidayKindCode = "holiday"
    name: str = Field(..., min_length=1, max_length=200)
    basis: str = Field("", max_length=300)


class HolidayConfirmIn(In):
    year: int = Field(..., ge=2000, le=2100)
    basis: str = Field("", max_length=300, description="Thông báo nghỉ lễ của năm (số, ngày); ghi vào mọi ngày được xác nhận.")


class ConfirmedOut(Schema):
    confirmed: int


class AddParams(Schema):
    start: dt.date = Field(..., alias="from", description="Ngày bắt đầu (không tính ngày này).")
    days: int = Field(..., ge=-3660, le=3660, description="Số ngày làm việc.")


class AddOut(Schema):
    start: dt.date = Field(..., alias="from")
    days: int
    due: dt.date = Field(..., description="Ngày làm việc thứ `days` sau ngày bắt đầu.")
    unconfirmed_years: list[int]
    warning: str = Field(..., description="Ví dụ “Lịch nghỉ năm 2027 chưa được xác nhận…”; rỗng nếu không có.")
