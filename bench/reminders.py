"""Benchmark of the daily reminder run: one deadline per unit of the database (a movement launched to a whole
province), one officer per unit, then ``reminders_send`` on the day 5 working days before, and a rerun.

    DATABASE_URL=postgres://…/bench_<name> DJANGO_DEBUG=1 .venv/bin/python manage.py shell < bench/reminders.py

Writes to the database it runs on (officers, deadlines, notifications): use a copy, never thidua_bench.
"""

import datetime as dt
import time

from django.db import connection

from thidua.accounts.models import RoleAssignment, User
from thidua.notifications import services
from thidua.notifications.models import Notification, ReminderSent
from thidua.notifications.reminders import reminders_send
from thidua.org.models import OrgUnit
from thidua.years.calendar import work_calendar

units = list(OrgUnit.objects.filter(valid_to__isnull=True).order_by("pk"))
if not User.objects.filter(username__startswith="bench_officer_").exists():
    users = User.objects.bulk_create([User(username=f"bench_officer_{u.pk}", email=f"o{u.pk}@example.edu.vn") for u in units])
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=user, unit=unit, role="officer", valid_from=dt.date(2020, 1, 1))
            for user, unit in zip(users, units, strict=True)
        ]
    )
Notification.objects.all().delete()  # a rerun of the benchmark starts afresh
services.deadline_close("Kế hoạch hưởng ứng phong trào 2025-2026", "response")
due = dt.date(2026, 3, 13)
start = time.perf_counter()
services.deadlines_open(
    obj="Kế hoạch hưởng ứng phong trào 2025-2026", units=units, due_on=due, kind="response", title="Nộp kế hoạch", url="/"
)
opened = time.perf_counter() - start
today = work_calendar().add_working_days(due, -5)
runs = []
for _ in range(2):
    connection.queries_log.clear()
    start = time.perf_counter()
    run = reminders_send(today=today)
    runs.append((run.sent, time.perf_counter() - start))
print(f"units={len(units)} deadlines opened in {opened:.2f} s")
for sent, seconds in runs:
    print(f"run {today}: sent={sent} in {seconds:.2f} s")
print(f"notifications={Notification.objects.count()} reminders={ReminderSent.objects.count()}")
