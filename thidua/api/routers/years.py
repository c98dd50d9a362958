"""``/api/v1/school-years/``: the school years (not scoped: the same calendar for everyone)."""

from __future__ import annotations

from ninja import Router

from thidua.years.models import SchoolYear

from ..errors import responses
from ..schemas import SchoolYearOut

router = Router(tags=["school-years"])


@router.get("/", response=responses({200: list[SchoolYearOut]}), summary="Danh sách năm học")
def school_year_list(request):
    return SchoolYear.objects.order_by("start_date")
