"""Registrations for tests, made through the services."""

from __future__ import annotations

import datetime as dt

from tests.factories_movements import launched

OPENS, CLOSES = dt.date(2025, 9, 15), dt.date(2025, 10, 15)
DAY = dt.date(2025, 9, 22)  # inside the window


def movement(world, **fields):
    """The Sở's regular movement of 2025-2026 launched to its whole subtree, registration window open (the commune's
    regular movement is the movements tests' own)."""
    from thidua.movements import services
    from thidua.movements.models import Movement

    existing = Movement.objects.filter(launcher=world.dept, registration_opens=OPENS).first()
    if existing is not None and not fields:
        return existing
    targets = fields.pop("targets", None) or [services.TargetSpec(world.dept, include_subtree=True)]
    fields.setdefault("name", "Phong trào thi đua “Dạy tốt, học tốt” ngành Giáo dục năm học 2025-2026")
    return launched(world, launcher=world.dept, targets=targets, registration_opens=OPENS, registration_closes=CLOSES, **fields)


def register(world, *, actor=None, person=None, unit=None, codes=("LDTT",), commitments=("Hoàn thành xuất sắc nhiệm vụ",), on=DAY,
             mov=None, **kwargs):  # fmt: skip
    from thidua.registrations import services

    if person is None and unit is None:
        person = world.person_a
    actor = actor or (world.teacher_a if person == world.person_a else world.officer_school_a)
    return services.registration_create(
        actor=actor,
        movement=mov or movement(world),
        person=person,
        unit=unit,
        kind_codes=list(codes),
        commitments=[services.CommitmentSpec(text=t) for t in commitments],
        on=on,
        **kwargs,
    )


def current_movement(world, **fields):
    """The Sở's regular movement of the school year containing today, its window open around today (API and pages
    register on today's date)."""
    from django.utils import timezone

    from thidua.movements import services
    from thidua.movements.models import Movement
    from thidua.years.models import SchoolYear

    today = timezone.localdate()
    year = SchoolYear.objects.get(start_date__lte=today, end_date__gte=today)
    existing = Movement.objects.filter(launcher=world.dept, school_year=year).first()
    if existing is not None:
        return existing
    opens, closes = max(year.start_date, today - dt.timedelta(days=7)), min(year.end_date, today + dt.timedelta(days=7))
    movement = services.movement_create(
        actor=world.admin, launcher=world.dept, kind="regular", school_year=year, targets=[services.TargetSpec(world.dept)],
        name=f"Phong trào thi đua ngành Giáo dục năm học {year.code}", registration_opens=opens, registration_closes=closes, **fields,
    )  # fmt: skip
    return services.movement_launch(actor=world.admin, movement=movement, launched_on=opens)
