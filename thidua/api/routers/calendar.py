"""``/api/v1/calendar/``: the working-day calendar (the same for everyone signed in); system admins change
its holidays (``years.services``, audited)."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from thidua.years import services
from thidua.years.calendar import unconfirmed_warning, work_calendar
from thidua.years.models import Holiday

from ..errors import responses
from ..schemas_calendar import (
    AddOut,
    AddParams,
    ConfirmedOut,
    HolidayConfirmIn,
    HolidayIn,
    HolidayOut,
    HolidayYearOut,
    HolidayYearParams,
)

router = Router(tags=["calendar"])


@router.get("/holidays", response=responses({200: HolidayYearOut}, 422), summary="Ngày nghỉ lễ, nghỉ bù, làm bù của một năm")
def holiday_list(request, params: Query[HolidayYearParams]):
    year = params.year
    warning = unconfirmed_warning(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return {
        "year": year,
        "confirmed": not warning,
        "warning": warning,
        "items": list(Holiday.objects.filter(date__year=year).order_by("date")),
    }


@router.post("/holidays", response=responses({201: HolidayOut}, 403, 409, 422), summary="Thêm một ngày vào lịch (quản trị hệ thống)")
def holiday_create(request, data: HolidayIn):
    holiday = services.holiday_set(actor=request.auth, date=data.date, kind=data.kind, name=data.name, basis=data.basis)
    return Status(201, holiday)


@router.delete("/holidays/{id}", response=responses({204: None}, 403, 404, 409, 422), summary="Xoá một ngày khỏi lịch (quản trị hệ thống)")
def holiday_remove(request, id: int):
    services.holiday_delete(actor=request.auth, holiday=get_object_or_404(Holiday, pk=id))
    return Status(204, None)


@router.post("/confirm", response=responses({200: ConfirmedOut}, 403, 422), summary="Xác nhận lịch nghỉ của một năm")
def holiday_confirm(request, data: HolidayConfirmIn):
    return {"confirmed": services.holiday_confirm(actor=request.auth, year=data.year, basis=data.basis)}


@router.get("/add", response=responses({200: AddOut}, 422), by_alias=True, summary="Ngày làm việc thứ N sau một ngày")
def working_days_add(request, params: Query[AddParams]):
    calendar = work_calendar()
    due = calendar.add_working_days(params.start, params.days)
    return {
        "from": params.start,
        "days": params.days,
        "due": due,
        "unconfirmed_years": calendar.unconfirmed_years(params.start, due),
        "warning": unconfirmed_warning(params.start, due, calendar),
    }
