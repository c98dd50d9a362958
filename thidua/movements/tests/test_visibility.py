"""Who sees a movement: the launcher's side, and the units its targets reach once it is launched; 404 for the rest."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories_movements import LAUNCH, draft, launched, response_of, submitted_response
from thidua.audit import recorder
from thidua.audit.models import AuditEvent
from thidua.core.errors import Conflict
from thidua.movements import services
from thidua.movements.models import Movement, MovementResponse, MovementTransition, ResponseTransition
from thidua.movements.selectors import movements_visible, responses_awaiting


def _sees(user, movement) -> bool:
    return movements_visible(actor=user).filter(pk=movement.pk).exists()


def test_a_sibling_school_not_targeted_gets_404(client, world):
    movement = launched(world)  # the commune's movement to school A alone

    client.force_login(world.officer_school_b)
    assert client.get(reverse("movements:detail", kwargs={"pk": movement.pk})).status_code == 404
    client.force_login(world.officer_school_a)
    assert client.get(reverse("movements:detail", kwargs={"pk": movement.pk})).status_code == 200


def test_a_subtree_target_reaches_every_unit_below(world):
    movement = launched(world, launcher=world.dept, targets=[services.TargetSpec(world.dept, True)])

    for user in (world.officer_school_a, world.officer_school_b, world.head_a, world.council_a, world.officer_dept):
        assert _sees(user, movement)
    assert not _sees(world.teacher_a, movement)


def test_a_draft_is_seen_by_the_launchers_side_only(world):
    movement = draft(world)
    assert _sees(world.officer_dept, movement) and not _sees(world.officer_school_a, movement)


def test_another_department_sees_nothing(world):
    from tests.factories import UserFactory, grant

    other = UserFactory(username="officer_other_dept")
    grant(other, "officer", world.other_dept)
    movement = launched(world, launcher=world.dept, targets=[services.TargetSpec(world.dept, True)])
    assert not _sees(other, movement)


def test_awaiting_lists_the_responses_the_units_owe(world):
    movement = launched(world)

    assert [r.movement for r in responses_awaiting(actor=world.officer_school_a)] == [movement]
    assert list(responses_awaiting(actor=world.officer_school_b)) == []
    assert list(responses_awaiting(actor=world.council_a)) == []
    submitted_response(world, movement)
    assert list(responses_awaiting(actor=world.officer_school_a)) == []


def test_the_home_page_of_the_target_school_lists_the_movement(client, world):
    movement = launched(world)
    client.force_login(world.officer_school_a)
    body = client.get(reverse("home")).content.decode()
    assert "Phong trào chờ hưởng ứng" in body and movement.name in body


# -- races (PostgreSQL) ---------------------------------------------------------------------------------
def _race(monkeypatch, calls):
    record = recorder.record

    def slow(**kwargs):  # the winner holds the row lock a while: the other waits, then reads the new state
        time.sleep(0.3)
        return record(**kwargs)

    monkeypatch.setattr(recorder, "record", slow)
    start = threading.Barrier(len(calls))
    outcomes: list[object] = []

    def run(call):
        try:
            start.wait()
            call()
            outcomes.append("ok")
        except Conflict as exc:
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_launching_at_once_one_wins(world, monkeypatch):
    movement = draft(world)
    copies = [Movement.objects.get(pk=movement.pk) for _ in range(2)]
    actors = [world.officer_dept, world.admin]

    outcomes = _race(monkeypatch, [lambda c=c, a=a: services.movement_launch(actor=a, movement=c, launched_on=LAUNCH)
                                   for c, a in zip(copies, actors, strict=True)])  # fmt: skip

    assert outcomes.count("ok") == 1 and sum(isinstance(o, Conflict) for o in outcomes) == 1, outcomes
    assert MovementTransition.objects.filter(movement=movement).count() == 1
    assert MovementResponse.objects.filter(movement=movement).count() == 1
    assert AuditEvent.objects.filter(verb="movement.launched").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_acknowledging_at_once_one_wins(world, monkeypatch):
    response = submitted_response(world)
    copies = [MovementResponse.objects.select_related("movement__launcher", "unit").get(pk=response.pk) for _ in range(2)]

    outcomes = _race(monkeypatch, [lambda c=c: services.response_acknowledge(actor=world.officer_dept, response=c) for c in copies])

    assert outcomes.count("ok") == 1 and sum(isinstance(o, Conflict) for o in outcomes) == 1, outcomes
    assert ResponseTransition.objects.filter(response=response, action="acknowledge").count() == 1
    assert response_of(response.movement, world.school_a).status == "acknowledged"
