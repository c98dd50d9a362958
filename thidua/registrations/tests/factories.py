"""Registrations for tests, made through the services."""

from __future__ import annotations

import datetime as dt

from tests.factories_movements import launched

OPENS, CLOSES = dt.date(2025, 9, 15), dt.date(2025, 10, 15)
DAY = dt.date(2025, 9, 22)  # inside the window


def movement(world, **fields):
    """The commune's regular movement of 2025-2026 launched to school A with its subtree, registration window open."""
    from thidua.movements import services
    from thidua.movements.models import Movement

    existing = Movement.objects.filter(launcher=world.commune, registration_opens=OPENS).first()
    if existing is not None and not fields:
        return existing
    targets = fields.pop("targets", None) or [services.TargetSpec(world.school_a, include_subtree=True)]
    return launched(world, targets=targets, registration_opens=OPENS, registration_closes=CLOSES, **fields)


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
