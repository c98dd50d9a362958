from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit import recorder as audit
from thidua.core.errors import DomainError

from .models import SchoolYear


@transaction.atomic
def school_year_create(*, actor, start_year: int, start_date: dt.date | None = None, end_date: dt.date | None = None) -> SchoolYear:
    code = SchoolYear.code_for(start_year)
    if SchoolYear.objects.filter(code=code).exists():
        raise DomainError(_("Năm học %(code)s đã có.") % {"code": code}, code="school_year_exists", field="start_year")
    default_start, default_end = SchoolYear.default_bounds(start_year)
    year = SchoolYear.objects.create(code=code, start_date=start_date or default_start, end_date=end_date or default_end)
    audit.record(actor=actor, verb="school_year.created", target=year, after=audit.snapshot(year))
    return year


@transaction.atomic
def school_year_set_current(*, actor, year: SchoolYear) -> SchoolYear:
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
