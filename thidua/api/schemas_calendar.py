"""Shapes of ``/api/v1/calendar/`` (the working-day calendar and its holidays)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from thidua.years.models import Holiday

from .schemas import In

HolidayKindCode = Literal[tuple(Holiday.Kind.values)]
HolidayStatusCode = Literal[tuple(Holiday.Status.values)]


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
