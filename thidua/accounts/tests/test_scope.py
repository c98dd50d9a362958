"""Scope: what each persona may see and change."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import UserFactory, grant
from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.scope import ANONYMOUS, scope_for
from thidua.org.models import OrgUnit
from thidua.org.selectors import units_visible
from thidua.people import services as people_services
from thidua.people.models import Person
from thidua.people.selectors import people_list


def _fresh(user: User) -> User:
    """The same account without the scope cached on the object (a new request)."""
    return User.objects.get(pk=user.pk)


def _people(actor) -> set[str]:
    return set(people_list(actor=actor).values_list("full_name", flat=True))


ALL_PEOPLE = {"Nguyễn Thị Hoà", "Trần Văn Đức", "Lê Thị Bích", "Phạm Văn Cường"}
SCHOOL_A = {"Nguyễn Thị Hoà", "Trần Văn Đức"}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", ALL_PEOPLE),
        ("officer_dept", SCHOOL_A | {"Lê Thị Bích"}),
        ("officer_school_a", SCHOOL_A),
        ("head_a", SCHOOL_A),
        ("council_a", SCHOOL_A),
        ("officer_school_b", {"Lê Thị Bích"}),
        ("teacher_a", {"Nguyễn Thị Hoà"}),
        ("anonymous", set()),
    ],
)
def test_each_persona_sees_exactly_the_people_of_its_subtree(personas, persona, expected):
    assert _people(personas[persona]) == expected


def test_role_on_a_unit_reaches_its_whole_subtree(world):
    codes = set(units_visible(actor=world.officer_dept).values_list("code", flat=True))
    assert codes == {"SGD-NB", "PGD-YY", "XA-YT", "THCS-YT", "TH-YT", "THCS-YT-TN"}
    assert set(units_visible(actor=world.officer_school_a).values_list("code", flat=True)) == {"THCS-YT", "THCS-YT-TN"}


@pytest.mark.parametrize(
    ("persona", "reads", "writes"),
    [
        ("officer_school_a", True, True),
        ("head_a", True, True),
        ("council_a", True, False),
        ("teacher_a", False, False),
        ("officer_school_b", False, False),
        ("officer_dept", True, True),
        ("admin", True, True),
        ("anonymous", False, False),
    ],
)
def test_read_and_write_rights_on_a_team_of_school_a(world, personas, persona, reads, writes):
    scope = scope_for(personas[persona])
    assert (scope.can_read_unit(world.team_a), scope.can_write_unit(world.team_a)) == (reads, writes)


@pytest.mark.parametrize(
    ("persona", "reads", "writes"),
    [("council_a", True, False), ("teacher_a", True, False), ("officer_school_a", True, True), ("officer_school_b", False, False)],
)
def test_council_member_and_staff_read_but_cannot_write_a_person(world, personas, persona, reads, writes):
    scope = scope_for(personas[persona])
    assert (scope.can_read_person(world.person_a), scope.can_write_person(world.person_a)) == (reads, writes)


def test_staff_sees_only_their_own_record(world):
    scope = scope_for(world.teacher_a)
    assert scope.can_read_person(world.person_a)
    assert not scope.can_read_person(world.colleague_a)


def test_a_person_who_moved_from_a_to_b_is_visible_to_both_officers(world):
    people_services.person_transfer(
        actor=world.officer_dept, person=world.person_a, to_unit=world.school_b, effective_date=dt.date(2025, 9, 1)
    )
    for officer in (world.officer_school_a, world.officer_school_b):
        assert world.person_a.full_name in _people(_fresh(officer))
    person = Person.objects.get(pk=world.person_a.pk)
    assert not scope_for(_fresh(world.officer_school_a)).can_write_person(person)
    assert scope_for(_fresh(world.officer_school_b)).can_write_person(person)


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("admin", True),
        ("officer_dept", True),
        ("officer_school_a", True),
        ("head_a", True),
        ("council_a", False),
        ("officer_school_b", False),
        ("teacher_a", True),  # their own record
        ("anonymous", False),
    ],
)
def test_national_id_is_shown_only_to_writers_of_the_current_unit_and_above_admin_and_self(personas, world, persona, sees):
    assert scope_for(personas[persona]).can_see_national_id(world.person_a) is sees


def test_staff_does_not_see_a_colleagues_national_id(world):
    assert not scope_for(world.teacher_a).can_see_national_id(world.colleague_a)


def test_former_school_no_longer_sees_the_national_id_after_a_transfer(world):
    people_services.person_transfer(
        actor=world.officer_dept, person=world.person_a, to_unit=world.school_b, effective_date=dt.date(2025, 9, 1)
    )
    person = Person.objects.get(pk=world.person_a.pk)
    assert not scope_for(_fresh(world.officer_school_a)).can_see_national_id(person)
    assert scope_for(_fresh(world.officer_school_b)).can_see_national_id(person)


def test_expired_and_future_roles_give_no_access(world):
    user = UserFactory(username="former_officer")
    RoleAssignment.objects.create(
        user=user, unit=world.school_b, role="officer", valid_from=dt.date(2015, 1, 1), valid_to=dt.date(2020, 1, 1)
    )
    RoleAssignment.objects.create(user=user, unit=world.school_a, role="officer", valid_from=dt.date(2999, 1, 1))
    assert scope_for(user).read_paths == ()
    assert scope_for(user, on=dt.date(2019, 1, 1)).read_paths == (world.school_b.path,)


def test_nested_roles_collapse_to_the_highest_unit(world):
    user = UserFactory(username="double")
    grant(user, "officer", world.school_a)
    grant(user, "council_member", world.dept)
    scope = scope_for(user)
    assert scope.read_paths == (world.dept.path,)
    assert scope.write_paths == (world.school_a.path,)


def test_inactive_superuser_is_not_an_admin(world):
    user = UserFactory(username="gone", is_superuser=True, is_active=False)
    assert not scope_for(user).is_admin


def test_anonymous_sees_nothing(world):
    assert scope_for(None) is ANONYMOUS
    assert not OrgUnit.objects.filter(ANONYMOUS.units_q()).exists()
