from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import DomainError, PermissionDenied

from .models import SchoolYear


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
