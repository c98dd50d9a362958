"""Every deadline of a movement, in working days (the event day is not counted), through ``years.calendar``.

The tracker's "days late" is counted the same way: working days from the due day to the day the unit
answered, or to today for a unit that has not.
"""

from __future__ import annotations

import datetime as dt


def _calendar():
    try:
        from thidua.years import calendar
    except ImportError:  # pragma: no cover - until the working-day calendar is merged from main
        return None
    return calendar


def add_working_days(start: dt.date, n: int) -> dt.date:
    calendar = _calendar()
    if calendar is not None:
        return calendar.add_working_days(start, n)
    day, left = start, n
    while left > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def working_days_between(a: dt.date, b: dt.date) -> int:
    calendar = _calendar()
    if calendar is not None:
        return calendar.working_days_between(a, b)
    if b <= a:
        return 0
    return sum(1 for i in range(1, (b - a).days + 1) if (a + dt.timedelta(days=i)).weekday() < 5)


def days_late(due_on: dt.date, answered_on: dt.date | None, today: dt.date) -> int:
    """Working days past ``due_on``: to the answer, or to ``today`` while there is none (0 when on time)."""
    end = answered_on or today
    return working_days_between(due_on, end) if end > due_on else 0
