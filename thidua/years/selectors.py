from __future__ import annotations

import datetime as dt

from .models import SchoolYear


def current_school_year() -> SchoolYear | None:
    return SchoolYear.objects.filter(is_current=True).first()


def school_year_on(day: dt.date) -> SchoolYear | None:
    return SchoolYear.objects.filter(start_date__lte=day, end_date__gte=day).first()
