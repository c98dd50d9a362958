"""A launch reaches the responding units' inboxes with its deadline; an answer closes it; a return is explained."""

from __future__ import annotations

from django.utils import translation

from tests.factories_movements import LAUNCH, draft, launched, response_of, submitted_response
from thidua.movements import services
from thidua.movements.announce import RESPONSE_DEADLINE
from thidua.movements.deadlines import add_working_days
from thidua.notifications.models import Deadline, Notification


def test_a_launch_tells_the_officers_and_heads_of_each_responding_unit_and_opens_their_deadline(world):
    movement = launched(world)

    told = set(Notification.objects.filter(kind="movement_launched").values_list("recipient__username", flat=True))
    assert told == {"officer_school_a", "head_a"}  # school A's writers; not the launcher's side, not school B
    notice = Notification.objects.filter(kind="movement_launched").first()
    assert notice.url == f"/movements/{movement.pk}/" and notice.unit == world.school_a
    assert movement.name in notice.title and f"{add_working_days(LAUNCH, 10):%d/%m/%Y}" in notice.title
    deadline = Deadline.objects.get(kind=RESPONSE_DEADLINE)
    assert (deadline.unit, deadline.due_on, deadline.escalate_to, deadline.closed_at) == (
        world.school_a,
        add_working_days(LAUNCH, 10),
        movement.launcher,
        None,
    )


def test_the_launcher_is_not_told_of_its_own_launch(world):
    movement = draft(world)
    services.movement_launch(actor=world.admin, movement=movement, launched_on=LAUNCH)
    assert not Notification.objects.filter(recipient=world.admin).exists()


def test_an_answer_closes_the_units_deadline(world):
    response = submitted_response(world)

    deadline = Deadline.objects.get(kind=RESPONSE_DEADLINE, unit=world.school_a)
    assert deadline.closed_at is not None and response.status == "submitted"


def test_a_returned_plan_tells_the_unit_why_in_the_language_of_record(world):
    response = submitted_response(world)
    with translation.override("en"):
        services.response_return(actor=world.admin, response=response, reason="Bổ sung chỉ tiêu")

    notice = Notification.objects.filter(recipient=world.officer_school_a, kind="general").get()
    assert notice.title.startswith("Kế hoạch hưởng ứng") and "Bổ sung chỉ tiêu" in notice.title


def test_a_whole_subtree_launch_costs_a_few_queries_not_a_few_per_unit(world, django_assert_max_num_queries):
    from thidua.movements.services import TargetSpec

    movement = draft(world, launcher=world.dept, targets=[TargetSpec(world.dept, True)])
    with django_assert_max_num_queries(60):
        services.movement_launch(actor=world.admin, movement=movement, launched_on=LAUNCH)
    assert set(Deadline.objects.filter(kind=RESPONSE_DEADLINE).values_list("unit", flat=True)) == set(
        movement.responses.values_list("unit", flat=True)
    )
    assert response_of(movement, world.school_a).status == "pending"
