"""The working-day calendar page: a year's holidays, days off and swapped Saturdays, the "add N working days"
answer for anyone signed in, and the system admin's changes (each through a service, audited)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.scope import scope_for
from thidua.core.views import service_form_page

from . import services
from .calendar import unconfirmed_warning, work_calendar
from .forms import AddWorkingDaysForm, HolidayConfirmForm, HolidayDeleteForm, HolidayForm
from .models import Holiday


def _year(request) -> int:
    text = request.GET.get("year", "").strip()
    today = timezone.localdate().year
    if not text:
        return today
    if text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    messages.error(request, _("Không đọc được năm “%(year)s”: hiển thị năm %(today)d.") % {"year": text[:20], "today": today})
    return today


def calendar_url(year: int) -> str:
    return f"{reverse('years:calendar')}?year={year}"


@login_required
def calendar(request):
    year = _year(request)
    calendar = work_calendar()
    holidays = list(Holiday.objects.filter(date__year=year).order_by("date"))
    add_form = AddWorkingDaysForm(request.GET if "start" in request.GET else None)
    answer = None
    if add_form.is_bound and add_form.is_valid():
        start, days = add_form.cleaned_data["start"], add_form.cleaned_data["days"]
        due = calendar.add_working_days(start, days)
        answer = {"start": start, "days": days, "due": due, "warning": unconfirmed_warning(start, due, calendar)}
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    context = {
        "year": year,
        "holidays": holidays,
        "warning": unconfirmed_warning(first, last, calendar),
        "has_proposed": any(h.status == Holiday.Status.PROPOSED for h in holidays),
        "working_days": calendar.working_days_between(first - dt.timedelta(days=1), last),
        "add_form": add_form,
        "answer": answer,
        "is_admin": scope_for(request.user).is_admin,
    }
    return render(request, "years/calendar.html", context)


def _require_admin(request) -> None:
    if not scope_for(request.user).is_admin:
        raise PermissionDenied(_("Chỉ quản trị hệ thống được thay đổi lịch nghỉ lễ."))


@login_required
@require_http_methods(["GET", "POST"])
def holiday_new(request):
    _require_admin(request)
    form = HolidayForm(request.POST if request.method == "POST" else None)
    return service_form_page(
        request,
        form,
        lambda data: services.holiday_set(actor=request.user, **data),
        title=_("Thêm ngày vào lịch nghỉ lễ"),
        success=_("Đã ghi ngày nghỉ vào lịch."),
        next_url=lambda holiday: calendar_url(holiday.date.year),
    )


@login_required
@require_http_methods(["GET", "POST"])
def holiday_delete(request, pk: int):
    _require_admin(request)
    holiday = get_object_or_404(Holiday, pk=pk)
    return service_form_page(
        request,
        HolidayDeleteForm(request.POST if request.method == "POST" else None),
        lambda _data: services.holiday_delete(actor=request.user, holiday=holiday) or holiday,
        title=_("Xoá ngày %(day)s (%(name)s) khỏi lịch") % {"day": holiday.date.strftime("%d/%m/%Y"), "name": holiday.name},
        success=_("Đã xoá ngày khỏi lịch."),
        next_url=lambda deleted: calendar_url(deleted.date.year),
        submit=_("Xoá"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def holiday_confirm(request):
    _require_admin(request)
    initial = {"year": request.GET.get("year") or timezone.localdate().year}
    form = HolidayConfirmForm(request.POST if request.method == "POST" else None, initial=initial)
    return service_form_page(
        request,
        form,
        lambda data: (data["year"], services.holiday_confirm(actor=request.user, **data)),
        title=_("Xác nhận lịch nghỉ lễ của năm"),
        success=_("Đã xác nhận lịch nghỉ lễ."),
        next_url=lambda result: calendar_url(result[0]),
        submit=_("Xác nhận"),
    )
