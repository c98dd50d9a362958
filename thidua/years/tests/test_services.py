"""School years: one shared calendar, changed only by system admins."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError, PermissionDenied
from thidua.years import selectors, services
from thidua.years.models import SchoolYear


def test_school_year_runs_from_september_to_august_by_default(world):
    year = services.school_year_create(actor=world.admin, start_year=2031)
    assert (year.code, year.start_date, year.end_date) == ("2031-2032", dt.date(2031, 9, 1), dt.date(2032, 8, 31))
    event = AuditEvent.objects.get()
    assert (event.verb, event.actor, event.after["code"]) == ("school_year.created", world.admin, "2031-2032")


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"start_year": 2024}, "school_year_exists"),
        ({"start_year": 2031, "start_date": dt.date(2032, 9, 1), "end_date": dt.date(2032, 8, 31)}, "end_before_start"),
        ({"start_year": 2031, "start_date": dt.date(2031, 8, 15)}, "school_year_overlap"),  # 2030-2031 ends on 31/8/2031
    ],
)
def test_school_year_create_refuses_bad_dates_with_a_message(world, fields, code):
    count = SchoolYear.objects.count()
    with pytest.raises(DomainError) as err:
        services.school_year_create(actor=world.admin, **fields)
    assert err.value.code == code
    assert SchoolYear.objects.count() == count and not AuditEvent.objects.exists()


@pytest.mark.parametrize("persona", ["officer_dept", "officer_school_a", "teacher_a"])
def test_only_admins_change_the_school_year_calendar(world, persona):
    actor = getattr(world, persona)
    with pytest.raises(PermissionDenied):
        services.school_year_create(actor=actor, start_year=2031)
    with pytest.raises(PermissionDenied):
        services.school_year_set_current(actor=actor, year=SchoolYear.objects.get(code="2010-2011"))
    assert not AuditEvent.objects.exists()


def test_setting_the_current_year_unsets_the_previous_one(world):
    previous = selectors.current_school_year()
    year = SchoolYear.objects.get(code="2010-2011")
    services.school_year_set_current(actor=world.admin, year=year)
    assert list(SchoolYear.objects.filter(is_current=True)) == [year]
    event = AuditEvent.objects.get()
    assert (event.before, event.after) == ({"current": previous.code if previous else None}, {"current": "2010-2011"})


def test_setting_the_current_year_again_changes_nothing(world):
    year = SchoolYear.objects.get(code="2010-2011")
    services.school_year_set_current(actor=world.admin, year=year)
    services.school_year_set_current(actor=world.admin, year=year)
    assert AuditEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("day", "code"), [(dt.date(2024, 9, 1), "2024-2025"), (dt.date(2025, 8, 31), "2024-2025"), (dt.date(2009, 1, 1), None)]
)
def test_school_year_on_a_day(db, day, code):
    year = selectors.school_year_on(day)
    assert (year.code if year else None) == code
