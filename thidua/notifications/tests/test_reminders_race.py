"""Two reminder runs at once (cron on two machines, a retry) send each reminder once: on PostgreSQL they wait
for each other on an advisory lock, and the unique ``ReminderSent`` is the backstop."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from thidua.notifications import services
from thidua.notifications.models import Notification, ReminderSent
from thidua.notifications.reminders import reminders_send
from thidua.years import holidays_vn
from thidua.years.models import Holiday, WorkWeek

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
RUNS = 4


def test_parallel_runs_send_each_reminder_once(world):
    holidays_vn.load(Holiday)
    WorkWeek.objects.get_or_create(unit_kind=None, valid_from=dt.date(2000, 1, 1), defaults={"working_weekdays": "12345"})
    for unit in (world.school_a, world.school_b):
        services.deadline_open(obj="Kế hoạch", unit=unit, due_on=dt.date(2026, 3, 13), kind="response", title="Kế hoạch", url="/")
    barrier = threading.Barrier(RUNS)

    def run(_):
        try:
            barrier.wait()
            return reminders_send(today=dt.date(2026, 3, 12)).sent
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=RUNS) as pool:
        sent = list(pool.map(run, range(RUNS)))

    assert sorted(sent) == [0] * (RUNS - 1) + [2]
    assert ReminderSent.objects.count() == Notification.objects.count() == 2
