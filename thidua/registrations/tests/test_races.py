"""Two approvers at once (PostgreSQL): the row lock lets exactly one win, the other is told (``Conflict``)."""

from __future__ import annotations

import pytest

from thidua.audit import recorder
from thidua.audit.models import AuditEvent
from thidua.core.errors import Conflict
from thidua.movements.tests.test_visibility import _race
from thidua.registrations import services
from thidua.registrations.models import Registration, RegistrationTransition

from .factories import register


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_approving_at_once_one_wins(world, monkeypatch):
    reg = register(world)
    copies = [Registration.objects.select_related("unit_of_record", "person").get(pk=reg.pk) for _ in range(2)]
    actors = [world.head_a, world.officer_school_a]

    outcomes = _race(monkeypatch, [lambda c=c, a=a: services.registration_approve(actor=a, registration=c)
                                   for c, a in zip(copies, actors, strict=True)])  # fmt: skip

    assert outcomes.count("ok") == 1 and sum(isinstance(o, Conflict) for o in outcomes) == 1, outcomes
    assert RegistrationTransition.objects.filter(registration=reg, action="approve").count() == 1
    assert AuditEvent.objects.filter(verb="registration.approved").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_bulk_approval_racing_a_return_one_wins_and_nothing_is_half_done(world, monkeypatch):
    a = register(world)
    b = register(world, actor=world.officer_school_a, person=world.colleague_a)
    many = recorder.record_many

    def slow_many(**kwargs):
        import time

        time.sleep(0.3)
        return many(**kwargs)

    monkeypatch.setattr(recorder, "record_many", slow_many)
    outcomes = _race(monkeypatch, [
        lambda: services.registrations_approve(actor=world.head_a, ids=[a.pk, b.pk]),
        lambda: services.registration_return(actor=world.officer_school_a, registration=Registration.objects.get(pk=b.pk), reason="Bổ sung"),
    ])  # fmt: skip

    assert outcomes.count("ok") == 1 and sum(isinstance(o, Conflict) for o in outcomes) == 1, outcomes
    statuses = set(Registration.objects.values_list("status", flat=True))
    assert statuses in ({"approved"}, {"submitted", "returned"}), statuses
