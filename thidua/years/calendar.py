"""The working-day calendar from the database: load it once, count with ``years.workdays``.

Every deadline of the system is computed here (``add_working_days``) — responses to a movement, registration
windows, review and dossier periods, reminders. A caller computing many deadlines loads the calendar once
(``work_calendar()``, two queries) and counts on it; the module-level helpers load it for one answer.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from .models import Holiday, WorkWeek
from .workdays import WorkCalendar, parse_weekdays


def work_calendar(unit_kind=None) -> WorkCalendar:
    """The calendar for units of ``unit_kind`` (its own working weeks where it has some, else the default)."""
    weeks = WorkWeek.objects.filter(unit_kind=unit_kind) if unit_kind is not None else WorkWeek.objects.none()
    rows = list(weeks.values_list("valid_from", "working_weekdays"))
    if not rows:
        rows = list(WorkWeek.objects.filter(unit_kind__isnull=True).values_list("valid_from", "working_weekdays"))
    days, years, unconfirmed = {}, set(), set()
    for day, kind, status in Holiday.objects.values_list("date", "kind", "status"):
        days[day] = kind
        years.add(day.year)
        if status != Holiday.Status.CONFIRMED:
            unconfirmed.add(day.year)
    return WorkCalendar.build(
        days=days.items(),
        weeks=[(valid_from, parse_weekdays(weekdays)) for valid_from, weekdays in rows],
        confirmed_years=years - unconfirmed,
    )


def add_working_days(start: dt.date, n: int, *, unit_kind=None) -> dt.date:
    return work_calendar(unit_kind).add_working_days(start, n)


def working_days_between(a: dt.date, b: dt.date, *, unit_kind=None) -> int:
    return work_calendar(unit_kind).working_days_between(a, b)


def unconfirmed_warning(a: dt.date, b: dt.date, calendar: WorkCalendar | None = None) -> str:
    """The warning "Lịch nghỉ năm 2027 chưa được xác nhận" for a period reaching a year whose holidays are not confirmed."""
    years = (calendar or work_calendar()).unconfirmed_years(a, b)
    if not years:
        return ""
    return _("Lịch nghỉ năm %(years)s chưa được xác nhận; hạn được tính theo lịch dự kiến.") % {
        "years": ", ".join(str(year) for year in years)
    }
