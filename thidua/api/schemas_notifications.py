"""Shapes of ``/api/v1/notifications/`` (the caller's own inbox)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from thidua.notifications.models import Kind

from .schemas import In, PageParams, UnitRef

KindCode = Literal[tuple(Kind.values)]


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
