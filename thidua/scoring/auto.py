"""Criteria whose value the system computes from its own records, with the provenance written as the reason.

``ldtt_share``: the share of the unit's staff (anyone employed in its subtree during the previous school year)
who were awarded Lao động tiên tiến for that year, times the criterion's maximum, rounded down to its step.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from thidua.awards.models import Award
from thidua.people.models import Employment
from thidua.years.models import SchoolYear

from .models import SheetCriterion


def ldtt_share(unit, school_year: SchoolYear) -> tuple[int, int, SchoolYear | None]:
    """(staff, of whom LĐTT, previous year) for ``unit`` (2 queries and the year)."""
    previous = SchoolYear.objects.filter(start_date__lt=school_year.start_date).order_by("-start_date").first()
    if previous is None:
        return 0, 0, None
    staff = set(
        Employment.objects.filter(unit__path__startswith=unit.path, start_date__lte=previous.end_date)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=previous.start_date))
        .values_list("person_id", flat=True)
    )
    awarded = set(
        Award.objects.filter(person_id__in=staff, kind__code="LDTT", revoked=False, decision__status="in_force")
        .filter(Q(school_year=previous) | Q(school_year__isnull=True, decision__school_year=previous))
        .values_list("person_id", flat=True)
    )
    return len(staff), len(awarded), previous


def value(criterion: SheetCriterion, unit, school_year: SchoolYear) -> tuple[Decimal, str] | None:
    """(points, provenance) for an automatic criterion, or None when it has no source."""
    if criterion.auto_source != SheetCriterion.AutoSource.LDTT_SHARE:
        return None
    staff, awarded, previous = ldtt_share(unit, school_year)
    if not staff or previous is None:
        return criterion.min_points, _("Tính tự động: không có cán bộ năm học trước.")
    raw = criterion.max_points * Decimal(awarded) / Decimal(staff)
    step = criterion.step or Decimal("0.01")
    points = criterion.min_points + ((raw - criterion.min_points) / step).to_integral_value(rounding=ROUND_DOWN) * step
    points = max(criterion.min_points, min(points, criterion.max_points))
    reason = _("Tính tự động: %(awarded)d/%(staff)d cán bộ đạt Lao động tiên tiến năm học %(year)s (%(pct)s%%).") % {
        "awarded": awarded,
        "staff": staff,
        "year": previous.code,
        "pct": (Decimal(100 * awarded) / staff).quantize(Decimal("0.1")),
    }
    return points, reason
