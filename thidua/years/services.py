from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import Conflict, DomainError, PermissionDenied

from .models import Holiday, SchoolYear, WorkWeek
from .workdays import WorkCalendar, parse_weekdays


def _require_admin(actor) -> None:
    """The calendar is shared by everyone: only system admins (or ``actor=None``, the system itself) change it."""
    if actor is not None and not scope_for(actor).is_admin:
        raise PermissionDenied(_("Chỉ quản trị hệ thống được thay đổi năm học."), code="forbidden")


@transaction.atomic
def school_year_create(*, actor, start_year: int, start_date: dt.date | None = None, end_date: dt.date | None = None) -> SchoolYear:
    _require_admin(actor)
    code = SchoolYear.code_for(start_year)
    if SchoolYear.objects.filter(code=code).exists():
        raise DomainError(_("Năm học %(code)s đã có.") % {"code": code}, code="school_year_exists", field="start_year")
    default_start, default_end = SchoolYear.default_bounds(start_year)
    start_date, end_date = start_date or default_start, end_date or default_end
    if end_date <= start_date:
        raise DomainError(_("Ngày kết thúc năm học phải sau ngày bắt đầu."), code="end_before_start", field="end_date")
    clash = SchoolYear.objects.filter(start_date__lte=end_date, end_date__gte=start_date).first()
    if clash is not None:
        raise DomainError(
            _("Thời gian năm học trùng với năm học %(code)s.") % {"code": clash.code}, code="school_year_overlap", field="start_date"
        )
    year = SchoolYear.objects.create(code=code, start_date=start_date, end_date=end_date)
    audit.record(actor=actor, verb="school_year.created", target=year, after=audit.snapshot(year))
    return year


@transaction.atomic
def school_year_set_current(*, actor, year: SchoolYear) -> SchoolYear:
    _require_admin(actor)
    previous = SchoolYear.objects.select_for_update().filter(is_current=True).first()
    if previous and previous.pk == year.pk:
        return year
    if previous:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    year.is_current = True
    year.save(update_fields=["is_current"])
    audit.record(
        actor=actor,
        verb="school_year.set_current",
        target=year,
        before={"current": previous.code if previous else None},
        after={"current": year.code},
    )
    return year


# -- holidays (the working-day calendar's data; counting is years.workdays) -------------------------------
def _require_calendar_admin(actor) -> None:
    if actor is not None and not scope_for(actor).is_admin:
        raise PermissionDenied(_("Chỉ quản trị hệ thống được thay đổi lịch nghỉ lễ."), code="forbidden")


def _check_holiday(day: dt.date, kind: str, name: str) -> str:
    if kind not in Holiday.Kind.values:
        raise DomainError(_("Loại ngày không hợp lệ."), code="invalid_holiday_kind", field="kind")
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("Hãy ghi tên ngày nghỉ (ví dụ: Tết Nguyên đán)."), code="name_required", field="name")
    if kind == Holiday.Kind.WORKING_DAY and WorkCalendar.build(weeks=_default_weeks()).is_working_day(day):
        raise DomainError(
            _("Ngày %(day)s vốn là ngày làm việc: chỉ một ngày nghỉ hằng tuần (thứ Bảy, Chủ nhật) mới làm bù được.")
            % {"day": day.strftime("%d/%m/%Y")},
            code="not_a_day_off",
            field="date",
        )
    return name


def _default_weeks():
    return [
        (valid_from, parse_weekdays(days))
        for valid_from, days in WorkWeek.objects.filter(unit_kind__isnull=True).values_list("valid_from", "working_weekdays")
    ]


@transaction.atomic
def holiday_set(
    *, actor, date: dt.date, kind: str, name: str, basis: str = "", confirmed: bool = False, holiday: Holiday | None = None
) -> Holiday:
    """Add a day to the calendar (or change ``holiday``): a holiday, a day off in lieu, or a Saturday worked
    instead. Another row on the same date is refused (409 ``holiday_exists``). ``confirmed`` when the year's
    official notice says so; otherwise the row is proposed and the year stays flagged until confirmed."""
    _require_calendar_admin(actor)
    name = _check_holiday(date, kind, name)
    clash = Holiday.objects.select_for_update().filter(date=date).exclude(pk=getattr(holiday, "pk", None)).first()
    if clash is not None:
        raise Conflict(
            _("Ngày %(day)s đã có trong lịch (%(name)s).") % {"day": date.strftime("%d/%m/%Y"), "name": clash.name},
            code="holiday_exists",
            field="date",
        )
    status = Holiday.Status.CONFIRMED if confirmed else Holiday.Status.PROPOSED
    values = {"date": date, "kind": kind, "name": name, "basis": (basis or "").strip()[:300], "status": status}
    if holiday is None:
        holiday = Holiday.objects.create(**values)
        audit.record(actor=actor, verb="holiday.set", target=holiday, after=audit.snapshot(holiday))
        return holiday
    holiday = Holiday.objects.select_for_update().get(pk=holiday.pk)
    before = audit.snapshot(holiday)
    for field, value in values.items():
        setattr(holiday, field, value)
    holiday.save(update_fields=list(values))
    old, new = audit.diff(before, audit.snapshot(holiday))
    audit.record(actor=actor, verb="holiday.set", target=holiday, before=old, after=new)
    return holiday


@transaction.atomic
def holiday_delete(*, actor, holiday: Holiday) -> None:
    _require_calendar_admin(actor)
    holiday = Holiday.objects.select_for_update().filter(pk=holiday.pk).first()
    if holiday is None:
        raise Conflict(_("Ngày này vừa được xoá khỏi lịch."), code="already_deleted")
    audit.record(actor=actor, verb="holiday.deleted", target=holiday, before=audit.snapshot(holiday))
    holiday.delete()


@transaction.atomic
def holiday_confirm(*, actor, year: int, basis: str = "") -> int:
    """Confirm every proposed day of ``year`` (the official notice is out); returns how many. ``basis`` (the
    notice's number and date) is written on each. A year with no day entered cannot be confirmed."""
    _require_calendar_admin(actor)
    rows = list(Holiday.objects.select_for_update().filter(date__year=year))
    if not rows:
        raise DomainError(
            _("Năm %(year)d chưa có ngày nghỉ nào trong lịch: hãy nhập các ngày nghỉ trước.") % {"year": year},
            code="no_holidays",
            field="year",
        )
    basis = (basis or "").strip()[:300]
    confirmed = 0
    for holiday in rows:
        if holiday.status == Holiday.Status.CONFIRMED:
            continue
        holiday.status = Holiday.Status.CONFIRMED
        fields = ["status"]
        if basis:
            holiday.basis = basis
            fields.append("basis")
        holiday.save(update_fields=fields)
        audit.record(actor=actor, verb="holiday.confirmed", target=holiday, after={"status": holiday.status, "basis": holiday.basis})
        confirmed += 1
    return confirmed
