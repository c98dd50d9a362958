"""Every deadline of a movement, in working days (the event day is not counted), through ``years.calendar``.

The tracker's "days late" is counted the same way: working days from the due day to the day the unit
answered, or to today for a unit that has not. A tracker loads the calendar once (``calendar()``) and
passes it to each row.
"""

from __future__ import annotations

import datetime as dt

from thidua.years import calendar as years_calendar
from thidua.years.workdays import WorkCalendar


def calendar() -> WorkCalendar:
    return years_calendar.work_calendar()


def add_working_days(start: dt.date, n: int, *, cal: WorkCalendar | None = None) -> dt.date:
    return (cal or calendar()).add_working_days(start, n)


def days_late(due_on: dt.date, answered_on: dt.date | None, today: dt.date, *, cal: WorkCalendar | None = None) -> int:
    """Working days past ``due_on``: to the answer, or to ``today`` while there is none (0 when on time)."""
    end = answered_on or today
    return (cal or calendar()).working_days_between(due_on, end) if end > due_on else 0


def unconfirmed_warning(start: dt.date, end: dt.date, cal: WorkCalendar | None = None) -> str:
    """ "Lịch nghỉ năm … chưa được xác nhận" when a deadline reaches a year whose holidays are not confirmed."""
    return years_calendar.unconfirmed_warning(start, end, cal)
