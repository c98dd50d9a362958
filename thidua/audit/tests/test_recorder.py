"""The audit log: written in the change's transaction, append-only on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from thidua.audit import recorder as audit
from thidua.audit.models import AuditEvent
from thidua.core.middleware import RequestIdMiddleware
from thidua.people import services as people_services
from thidua.people.models import Employment


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_a_programming_error(world):
    with pytest.raises(AssertionError):
        audit.record(actor=world.admin, verb="unit.updated", target=world.school_a)
    assert not AuditEvent.objects.exists()


def test_rows_carry_the_request_id_of_the_request_that_made_them(world):
    def view(request):
        people_services.leave_add(
            actor=world.officer_school_a, person=world.person_a, kind="sick", start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 2, 1)
        )
        return HttpResponse("ok")

    response = RequestIdMiddleware(view)(RequestFactory().get("/", HTTP_X_REQUEST_ID="req-42"))
    assert response["X-Request-ID"] == "req-42"
    assert AuditEvent.objects.get().request_id == "req-42"


def test_rows_written_outside_a_request_have_no_request_id(world):
    people_services.leave_add(
        actor=world.officer_school_a, person=world.person_a, kind="sick", start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 2, 1)
    )
    assert AuditEvent.objects.get().request_id == ""


def test_row_names_actor_target_unit_and_person(world):
    row = people_services.leave_add(
        actor=world.head_a, person=world.person_a, kind="sick", start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 2, 1)
    )
    event = AuditEvent.objects.get()
    assert (event.actor, event.actor_repr) == (world.head_a, "head_a")
    assert (event.target_type, event.target_id, event.target_repr) == ("people.leave", str(row.pk), str(row))
    assert (event.unit, event.unit_path, event.person_id) == (world.school_a, world.school_a.path, world.person_a.pk)


def test_a_rolled_back_service_leaves_no_audit_row(world):
    with pytest.raises(RuntimeError), transaction.atomic():
        people_services.leave_add(
            actor=world.head_a, person=world.person_a, kind="sick", start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 2, 1)
        )
        assert AuditEvent.objects.count() == 1
        raise RuntimeError("the caller's transaction fails later")
    assert not AuditEvent.objects.exists()


def test_snapshot_never_copies_secrets(world):
    world.admin.totp_secret = "SECRETSECRET"
    data = audit.snapshot(world.admin)
    assert {"password", "totp_secret"}.isdisjoint(data)
    assert data["username"] == "admin"


def test_diff_keeps_only_changed_keys():
    assert audit.diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": None}) == ({"b": 2}, {"b": 3})


@pytest.mark.postgres
@pytest.mark.parametrize("sql", ["UPDATE audit_auditevent SET verb = 'forged' WHERE id = %s", "DELETE FROM audit_auditevent WHERE id = %s"])
def test_audit_rows_cannot_be_updated_or_deleted_on_postgresql(world, sql):
    people_services.leave_add(
        actor=world.head_a, person=world.person_a, kind="sick", start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 2, 1)
    )
    event = AuditEvent.objects.get()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get().verb == "leave.added"


@pytest.mark.postgres
def test_overlapping_employment_is_refused_by_postgresql_even_without_the_service(world):
    Employment.objects.create(
        person=world.person_c, unit=world.school_c, staff_type="teacher", start_date=dt.date(2010, 1, 1), end_date=dt.date(2012, 12, 31)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Employment.objects.create(
            person=world.person_c, unit=world.school_c, staff_type="teacher", start_date=dt.date(2012, 12, 31), end_date=dt.date(2014, 1, 1)
        )
    assert Employment.objects.filter(person=world.person_c).count() == 2


@pytest.mark.postgres
def test_adjacent_employment_periods_are_allowed_on_postgresql(world):
    Employment.objects.create(
        person=world.person_c, unit=world.school_c, staff_type="teacher", start_date=dt.date(2010, 1, 1), end_date=dt.date(2012, 12, 31)
    )
    Employment.objects.create(
        person=world.person_c, unit=world.school_c, staff_type="teacher", start_date=dt.date(2013, 1, 1), end_date=dt.date(2014, 1, 1)
    )
    assert Employment.objects.filter(person=world.person_c).count() == 3


def test_record_many_writes_every_row_and_bumps_each_scope_once(world, django_assert_num_queries):
    from thidua.rules.models import EligibilityVersion

    units = [world.school_a, world.school_b, world.commune]
    before = dict(EligibilityVersion.objects.filter(scope__in=[u.pk for u in units]).values_list("scope", "counter"))
    with transaction.atomic(), django_assert_num_queries(2):  # one upsert of the counters, one insert of the rows
        events = audit.record_many(
            actor=world.admin, verb="unit.updated", entries=[audit.Entry(target=u, after={"name": u.name}) for u in units]
        )
    assert [e.unit_id for e in events] == [u.pk for u in units]
    assert AuditEvent.objects.filter(verb="unit.updated", actor=world.admin).count() == 3
    after = dict(EligibilityVersion.objects.filter(scope__in=[u.pk for u in units]).values_list("scope", "counter"))
    assert all(after[u.pk] == before.get(u.pk, 0) + 1 for u in units)


@pytest.mark.django_db(transaction=True)
def test_record_many_outside_a_transaction_is_a_programming_error(world):
    with pytest.raises(AssertionError):
        audit.record_many(actor=world.admin, verb="unit.updated", entries=[audit.Entry(target=world.school_a)])
