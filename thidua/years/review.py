"""Which school year is under review: the year a page that evaluates a school year shows by default.

A school year runs from 1 September to 31 August. Its review (the council's meetings, the titles proposed)
opens near its end, on ``THIDUA_REVIEW_OPENS`` ("MM-DD", default "05-15"): from that day the current year
is under review; before it, the most recent year that has ended. The calendar's current year would make
everyone look unqualified for most of the year (nothing of it is rated yet)."""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.utils import timezone

DEFAULT_OPENS = "05-15"


def review_opens(start_year: int, opens: str = DEFAULT_OPENS) -> dt.date:
    """The day the review of school year ``start_year`` opens ("MM-DD"; a day in September to December
    falls in ``start_year``, one in January to August in the next calendar year; 29 February is the 28th
    in a common year)."""
    month, day = (int(part) for part in opens.split("-"))
    year = start_year if month >= 9 else start_year + 1
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def year_under_review(today: dt.date, opens: str = DEFAULT_OPENS) -> int:
    """The start year of the school year under review on ``today`` (pure)."""
    current = today.year if today.month >= 9 else today.year - 1
    return current if today >= review_opens(current, opens) else current - 1


def default_review_year() -> int:
    """The year under review today in Vietnam, by the setting."""
    return year_under_review(timezone.localdate(), getattr(settings, "THIDUA_REVIEW_OPENS", DEFAULT_OPENS))
