"""Default school years (2010-2011 … 2030-2031); the one containing today (in Vietnam) is current."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def ensure_school_years(school_year_model, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    has_current = school_year_model.objects.filter(is_current=True).exists()
    present = set(school_year_model.objects.values_list("code", flat=True))
    for start in range(2010, 2031):
        if f"{start}-{start + 1}" in present:
            continue
        start_date, end_date = dt.date(start, 9, 1), dt.date(start + 1, 8, 31)
        school_year_model.objects.get_or_create(
            code=f"{start}-{start + 1}",
            defaults={"start_date": start_date, "end_date": end_date, "is_current": not has_current and start_date <= today <= end_date},
        )
