"""Notifications, deadlines and preferences through their services."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError
from thidua.notifications import services
from thidua.notifications.models import Deadline, Kind, Notification, ReminderSent

pytestmark = pytest.mark.django_db


def test_notify_unit_reaches_officers_and_heads_of_that_unit_only(world):
    rows = services.notify_unit(world.school_a, kind=Kind.MOVEMENT_LAUNCHED, title="Phong trào mới", url="/movements/1/")

    assert {n.recipient.username for n in rows} == {"officer_school_a", "head_a"}
    assert all(n.unit == world.school_a for n in rows)


def test_notify_unit_skips_the_actor_and_can_name_other_roles(world):
    rows = services.notify_unit(world.school_a, kind=Kind.GENERAL, title="Họp", url="/", actor=world.officer_school_a)
    assert [n.recipient for n in rows] == [world.head_a]

    rows = services.notify_unit(world.school_a, kind=Kind.GENERAL, title="Họp", url="/", roles=("council_member",))
    assert [n.recipient for n in rows] == [world.council_a]


def test_an_expired_role_or_inactive_account_is_not_notified(world):
    world.head_a.role_assignments.update(valid_to=dt.date(2020, 1, 1))
    world.officer_school_a.is_active = False
    world.officer_school_a.save(update_fields=["is_active"])

    assert services.notify_unit(world.school_a, kind=Kind.GENERAL, title="Họp", url="/") == []


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/x", "movements/1/", "/a b", "javascript:alert(1)"])
def test_a_link_outside_the_site_is_refused(world, url):
    with pytest.raises(DomainError) as err:
        services.notify(world.teacher_a, kind=Kind.GENERAL, title="Xin chào", url=url)

    assert err.value.code == "invalid_url"
    assert not Notification.objects.exists()


def test_an_unknown_kind_or_empty_title_is_refused(world):
    with pytest.raises(DomainError) as err:
        services.notify(world.teacher_a, kind="nonsense", title="Xin chào", url="/")
    assert err.value.code == "invalid_kind"
    with pytest.raises(DomainError) as err:
        services.notify(world.teacher_a, kind=Kind.GENERAL, title="  ", url="/")
    assert err.value.code == "title_required"


def test_mark_read_touches_only_the_users_own_notifications(world):
    mine = services.notify(world.teacher_a, kind=Kind.GENERAL, title="Của tôi", url="/")
    theirs = services.notify(world.officer_school_a, kind=Kind.GENERAL, title="Của người khác", url="/")

    assert services.mark_read(world.teacher_a, [mine.pk, theirs.pk]) == 1

    mine.refresh_from_db(), theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None
    assert services.mark_read(world.teacher_a, "all") == 0
    assert services.mark_read(world.officer_school_a, "all") == 1


def test_preference_set_is_audited(world):
    services.preference_set(world.teacher_a, email_enabled=False)

    assert services.email_enabled_for(world.teacher_a) is False
    event = AuditEvent.objects.get(verb="notification_preference.set")
    assert event.actor == world.teacher_a and event.after == {"email_enabled": False}


def test_deadline_open_is_audited_and_opening_again_moves_it(world):
    first = services.deadline_open(
        obj=world.school_a, unit=world.school_a, due_on=dt.date(2026, 3, 2), kind="response", title="Nộp kế hoạch", url="/movements/1/"
    )
    ReminderSent.objects.create(deadline=first, recipient=world.officer_school_a, rule="before_5", day=dt.date(2026, 2, 23))

    again = services.deadline_open(
        obj=world.school_a,
        unit=world.school_a,
        due_on=dt.date(2026, 3, 9),
        kind="response",
        title="Nộp kế hoạch",
        url="/movements/1/",
        escalate_to=world.dept,
    )

    assert again.pk == first.pk and again.due_on == dt.date(2026, 3, 9) and again.escalate_to == world.dept
    assert not ReminderSent.objects.exists()  # the new date starts its reminders again
    assert AuditEvent.objects.filter(verb="deadline.opened", unit=world.school_a).count() == 1
    assert AuditEvent.objects.get(verb="deadline.changed").after["due_on"] == "2026-03-09"


def test_deadline_close_closes_every_units_deadline_of_the_object(world):
    for unit in (world.school_a, world.school_b):
        services.deadline_open(obj="Báo cáo sơ kết HK I", unit=unit, due_on=dt.date(2026, 1, 15), kind="report", title="Báo cáo", url="/")

    assert services.deadline_close("Báo cáo sơ kết HK I", "report", unit=world.school_b) == 1
    assert services.deadline_close("Báo cáo sơ kết HK I", "report") == 1
    assert services.deadline_close("Báo cáo sơ kết HK I", "report") == 0
    assert not Deadline.objects.filter(closed_at__isnull=True).exists()
    assert AuditEvent.objects.filter(verb="deadline.closed").count() == 2
    # Closed, it can be opened afresh.
    services.deadline_open(
        obj="Báo cáo sơ kết HK I", unit=world.school_a, due_on=dt.date(2026, 6, 1), kind="report", title="Báo cáo", url="/"
    )
    assert Deadline.objects.filter(closed_at__isnull=True).count() == 1


def test_deadlines_open_opens_one_per_unit_and_moves_the_open_ones(world):
    services.deadline_open(obj=world.dept, unit=world.school_a, due_on=dt.date(2026, 3, 2), kind="response", title="Kế hoạch", url="/")

    rows = services.deadlines_open(
        obj=world.dept,
        units=[world.school_a, world.school_b, world.school_b],
        due_on=dt.date(2026, 3, 9),
        kind="response",
        title="Kế hoạch",
        url="/",
        escalate_to=world.dept,
    )

    assert sorted(d.unit.code for d in rows) == ["TH-YT", "THCS-YT"]
    assert set(Deadline.objects.filter(closed_at__isnull=True).values_list("due_on", flat=True)) == {dt.date(2026, 3, 9)}
    assert AuditEvent.objects.filter(verb="deadline.opened").count() == 2
    assert AuditEvent.objects.filter(verb="deadline.changed").count() == 1
