"""The daily reminder run: 5, 2 and 0 working days before, overdue, escalation; once per user and rule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from thidua.notifications import services
from thidua.notifications.models import Notification, ReminderSent, Rule
from thidua.notifications.reminders import reminders_send, rules_for
from thidua.years import holidays_vn
from thidua.years.models import Holiday

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("left", "escalates", "rules"),
    [
        (9, True, []),
        (6, True, []),
        (5, True, [Rule.BEFORE_5]),
        (3, True, [Rule.BEFORE_5]),
        (2, True, [Rule.BEFORE_2]),
        (1, True, [Rule.BEFORE_2]),
        (0, True, [Rule.DUE]),
        (-1, True, [Rule.OVERDUE]),
        (-2, True, [Rule.OVERDUE]),
        (-3, True, [Rule.OVERDUE, Rule.ESCALATED]),
        (-30, True, [Rule.OVERDUE, Rule.ESCALATED]),
        (-30, False, [Rule.OVERDUE]),
    ],
)
def test_rules_for_the_working_days_left(left, escalates, rules):
    assert rules_for(left, escalates=escalates) == rules


@pytest.fixture
def holidays(world):
    holidays_vn.load(Holiday)  # transactional tests elsewhere may have flushed the migration's rows


def _open(world, due_on, **kwargs):
    return services.deadline_open(
        obj=world.school_a,
        unit=world.school_a,
        due_on=due_on,
        kind="response",
        title="Nộp kế hoạch hưởng ứng",
        url="/movements/1/",
        **kwargs,
    )


def _days(first, last):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def test_across_tet_each_reminder_goes_once_however_often_the_job_runs(world, holidays):
    # Tết 2026: Saturday 14/2 to Sunday 22/2. Due Wednesday 25/2: 5 working days before is Wednesday 11/2.
    deadline = _open(world, D("2026-02-25"), escalate_to=world.dept)

    for day in _days(D("2026-02-01"), D("2026-03-13")):
        reminders_send(today=day)
        assert reminders_send(today=day).sent == 0  # a rerun the same day sends nothing

    sent = {(r.recipient.username, r.rule): r.day for r in ReminderSent.objects.select_related("recipient")}
    assert sent == {
        ("officer_school_a", Rule.BEFORE_5): D("2026-02-11"),
        ("officer_school_a", Rule.BEFORE_2): D("2026-02-23"),  # Monday after Tết: 23, 24, 25 left
        ("officer_school_a", Rule.DUE): D("2026-02-25"),
        ("officer_school_a", Rule.OVERDUE): D("2026-02-26"),
        ("officer_dept", Rule.ESCALATED): D("2026-03-02"),  # 25, 26, 27 passed
    }
    assert Notification.objects.filter(url=deadline.url).count() == 5
    titles = set(Notification.objects.values_list("title", flat=True))
    assert "Còn 5 ngày làm việc: Nộp kế hoạch hưởng ứng (hạn 25/02/2026)" in titles
    assert "Trường THCS Yên Tiến quá hạn 3 ngày làm việc: Nộp kế hoạch hưởng ứng" in titles


def test_the_run_sends_nothing_on_a_day_that_is_not_worked(world, holidays):
    _open(world, D("2026-02-23"))

    for day in _days(D("2026-02-14"), D("2026-02-22")):
        run = reminders_send(today=day)
        assert not run.working_day and run.sent == 0
    assert not ReminderSent.objects.exists()


def test_a_run_after_missed_days_sends_only_the_tightest_rule(world, holidays):
    _open(world, D("2026-03-13"))  # Friday

    run = reminders_send(today=D("2026-03-12"))

    assert run.sent == 1
    assert list(ReminderSent.objects.values_list("rule", flat=True)) == [Rule.BEFORE_2]


def test_a_closed_deadline_reminds_nobody(world, holidays):
    _open(world, D("2026-03-13"))
    services.deadline_close(world.school_a, "response")

    assert reminders_send(today=D("2026-03-13")).sent == 0


def test_a_moved_deadline_is_reminded_again_for_its_new_date(world, holidays):
    _open(world, D("2026-03-13"))
    reminders_send(today=D("2026-03-12"))
    _open(world, D("2026-03-20"))

    assert reminders_send(today=D("2026-03-19")).sent == 1
    assert Notification.objects.count() == 2


def test_an_officer_who_joins_later_gets_the_rule_she_has_not_had(world, holidays):
    from tests.factories import UserFactory, grant

    _open(world, D("2026-03-13"))
    reminders_send(today=D("2026-03-12"))
    newcomer = UserFactory(username="officer_a2")
    grant(newcomer, "officer", world.school_a)

    assert reminders_send(today=D("2026-03-12")).sent == 1
    assert ReminderSent.objects.get(recipient=newcomer).rule == Rule.BEFORE_2


def test_the_command_runs_for_a_given_day_and_says_what_it_sent(world, holidays, capsys):
    _open(world, D("2026-03-13"))

    call_command("send_reminders", "--today", "2026-03-13")
    call_command("send_reminders", "--today", "2026-03-13")
    call_command("send_reminders", "--today", "2026-03-14")

    out = capsys.readouterr().out.splitlines()
    assert out == [
        "13/03/2026: đã gửi 1 nhắc hạn cho 1 hạn.",
        "13/03/2026: đã gửi 0 nhắc hạn cho 0 hạn.",
        "14/03/2026 không phải ngày làm việc: không gửi nhắc hạn.",
    ]


def test_the_command_refuses_a_malformed_day(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--today", "13/03/2026")


def test_the_task_runs_the_same_job(world, holidays):
    from thidua.notifications.tasks import send_reminders

    _open(world, D("2026-03-13"))

    result = send_reminders.enqueue("2026-03-13")

    assert result.return_value == 1
