"""Role assignment: who may grant which role where, and the audit it leaves."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import UserFactory
from thidua.accounts import services
from thidua.accounts.models import RoleAssignment
from thidua.accounts.scope import scope_for
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError, PermissionDenied


def test_officer_grants_a_role_inside_their_subtree_with_an_audit_row(world):
    user = UserFactory(username="new_head")
    assignment = services.role_assign(actor=world.officer_school_a, user=user, role="head", unit=world.team_a)
    assert scope_for(user).can_write_unit(world.team_a)
    event = AuditEvent.objects.get()
    assert (event.verb, event.actor, event.target_id, event.unit) == (
        "role.assigned",
        world.officer_school_a,
        str(assignment.pk),
        world.team_a,
    )


@pytest.mark.parametrize(
    ("actor", "role", "unit"),
    [
        ("officer_school_b", "officer", "school_a"),
        ("council_a", "officer", "school_a"),
        ("officer_dept", "system_admin", None),
        ("officer_dept", "officer", None),
        ("teacher_a", "staff", "school_a"),
    ],
)
def test_role_assignment_outside_the_actors_write_scope_is_refused(world, actor, role, unit):
    user = UserFactory(username="somebody")
    with pytest.raises(PermissionDenied):
        services.role_assign(actor=getattr(world, actor), user=user, role=role, unit=getattr(world, unit) if unit else None)
    assert not RoleAssignment.objects.filter(user=user).exists()
    assert not AuditEvent.objects.exists()


def test_unknown_role_is_refused(world):
    with pytest.raises(DomainError) as err:
        services.role_assign(actor=world.admin, user=UserFactory(username="x"), role="emperor", unit=world.school_a)
    assert err.value.code == "invalid_role"


def test_granting_the_same_role_twice_keeps_one_row_and_one_audit_row(world):
    user = UserFactory(username="twice")
    first = services.role_assign(actor=world.admin, user=user, role="officer", unit=world.school_b)
    second = services.role_assign(actor=world.admin, user=user, role="officer", unit=world.school_b)
    assert first.pk == second.pk
    assert AuditEvent.objects.filter(verb="role.assigned").count() == 1


def test_granting_again_an_expired_role_makes_it_valid_again(world):
    user = UserFactory(username="returning")
    RoleAssignment.objects.create(
        user=user, unit=world.school_b, role="officer", valid_from=dt.date(2015, 1, 1), valid_to=dt.date(2020, 1, 1)
    )
    services.role_assign(actor=world.admin, user=user, role="officer", unit=world.school_b)
    assert scope_for(user).can_write_unit(world.school_b)
    assert AuditEvent.objects.filter(verb="role.assigned").count() == 1


def test_role_revoke_removes_access_and_records_what_was_removed(world):
    assignment = RoleAssignment.objects.get(user=world.officer_school_b)
    services.role_revoke(actor=world.officer_dept, assignment=assignment)
    assert not RoleAssignment.objects.filter(user=world.officer_school_b).exists()
    event = AuditEvent.objects.get()
    assert (event.verb, event.before["role"], event.before["unit"]) == ("role.revoked", "officer", world.school_b.pk)


def test_role_revoke_by_an_officer_of_another_school_is_refused(world):
    assignment = RoleAssignment.objects.get(user=world.officer_school_a)
    with pytest.raises(PermissionDenied):
        services.role_revoke(actor=world.officer_school_b, assignment=assignment)
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
