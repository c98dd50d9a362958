"""The default calendar: which school year is current is decided by the date in Vietnam, not the server's."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from thidua.years.models import SchoolYear
from thidua.years.reference import ensure_school_years

pytestmark = pytest.mark.django_db


def test_at_half_past_eleven_utc_on_31_august_the_new_school_year_is_already_current():
    SchoolYear.objects.all().delete()
    late_evening_utc = dt.datetime(2025, 8, 31, 23, 30, tzinfo=dt.UTC)  # 06:30 on 1 September in Hà Nội
    with mock.patch.object(timezone, "now", return_value=late_evening_utc):
        ensure_school_years(SchoolYear)
    assert list(SchoolYear.objects.filter(is_current=True).values_list("code", flat=True)) == ["2025-2026"]
