"""Factories for tests. They write rows directly (no audit), for arranging state; tests of behaviour
call the services."""

from __future__ import annotations

import datetime as dt

import factory

from thidua.accounts.models import RoleAssignment, User
from thidua.core.vietnamese import fold, sort_key
from thidua.org.models import OrgUnit, UnitKind, UnitPlacement, path_segment
from thidua.people.models import Employment, Person


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("demo12345")


def make_unit(
    *, code: str, name: str, kind: str, parent: OrgUnit | None = None, valid_from=dt.date(2015, 1, 1), levels: str = ""
) -> OrgUnit:
    unit = OrgUnit.objects.create(
        code=code,
        name=name,
        name_folded=fold(name),
        kind=UnitKind.objects.get(code=kind),
        parent=parent,
        path=f"tmp-{code}",
        valid_from=valid_from,
        education_levels=levels,
    )
    unit.path = (parent.path if parent else "") + path_segment(unit.pk)
    unit.depth = len(unit.path) // 6 - 1
    unit.save(update_fields=["path", "depth"])
    UnitPlacement.objects.create(unit=unit, parent=parent, path=unit.path, valid_from=valid_from)
    return unit


def make_person(
    *,
    name: str,
    unit: OrgUnit,
    start=dt.date(2016, 9, 1),
    end=None,
    gender="female",
    dob=dt.date(1985, 5, 12),
    national_id=None,
    staff_type="teacher",
    position="Giáo viên",
) -> Person:
    person = Person.objects.create(
        full_name=name,
        name_folded=fold(name),
        sort_key=sort_key(name),
        gender=gender,
        date_of_birth=dob,
        national_id=national_id,
        current_unit=unit if end is None else None,
        current_position=position if end is None else "",
    )
    Employment.objects.create(person=person, unit=unit, staff_type=staff_type, position=position, start_date=start, end_date=end)
    return person


def grant(user: User, role: str, unit: OrgUnit | None) -> RoleAssignment:
    return RoleAssignment.objects.create(user=user, unit=unit, role=role, valid_from=dt.date(2015, 1, 1))
