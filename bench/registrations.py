"""Benchmark of registrations on the province database: the whole province's registration list (first page and a
page deep in the keyset) as the Sở's officer, through the selector and the HTML page, and the bulk approval of
1,000 registrations in one call.

    createdb -h 127.0.0.1 -U postgres -T thidua_bench bench_<name>
    DATABASE_URL=postgres://…/bench_<name> DJANGO_DEBUG=1 .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://…/bench_<name> DJANGO_DEBUG=1 .venv/bin/python manage.py shell -c \
        "from thidua.seeding.registrations import seed_bulk_registrations; seed_bulk_registrations(log=print)"
    DATABASE_URL=postgres://…/bench_<name> DJANGO_DEBUG=1 .venv/bin/python manage.py shell < bench/registrations.py

Writes to the database it runs on (an officer, 1,000 registrations set back to "submitted" then approved, their
history and audit rows): use a copy, never thidua_bench.
"""

import datetime as dt
import statistics
import time

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.services import api_token_issue
from thidua.org.models import OrgUnit
from thidua.registrations import selectors, services
from thidua.registrations.models import Registration

department = OrgUnit.objects.filter(kind__code="department", valid_to__isnull=True).order_by("path").first()
officer, _ = User.objects.get_or_create(username="bench_reg_officer")
RoleAssignment.objects.get_or_create(user=officer, unit=department, role="officer", defaults={"valid_from": dt.date(2020, 1, 1)})
total = Registration.objects.filter(unit_of_record__path__startswith=department.path).count()


def timed(call, runs=7):
    times, queries = [], 0
    for _ in range(runs):
        officer.__dict__.pop("_thidua_scope", None)
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        queries = len(ctx.captured_queries)
    return statistics.median(times) * 1000, queries


first = selectors.registration_list(actor=officer, unit=department)
deep_after = Registration.objects.order_by("pk").values_list("pk", flat=True)[total // 2]
ms, q = timed(lambda: selectors.registration_list(actor=officer, unit=department))
print(f"registrations in {department.name}: {total}")
print(f"selector, first page of 50: {ms:.1f} ms, {q} queries")
ms, q = timed(lambda: selectors.registration_list(actor=officer, unit=department, after=deep_after))
print(f"selector, a page half-way (after={deep_after}): {ms:.1f} ms, {q} queries")
client = Client()
client.force_login(officer)
url = f"/units/{department.pk}/registrations/"
assert client.get(url).status_code == 200
ms, q = timed(lambda: client.get(url))
print(f"HTML page {url}: {ms:.1f} ms, {q} queries")
ms, q = timed(lambda: client.get(url, {"after": deep_after}))
print(f"HTML page half-way: {ms:.1f} ms, {q} queries")

api = Client(headers={"Authorization": f"Bearer {api_token_issue(user=officer)}"})
ms, q = timed(lambda: api.get("/api/v1/registrations/", {"unit": department.pk}))
print(f"API /api/v1/registrations/?unit={department.pk}: {ms:.1f} ms, {q} queries")
ms, q = timed(lambda: api.get("/api/v1/registrations/", {"unit": department.pk, "after": deep_after}))
print(f"API half-way: {ms:.1f} ms, {q} queries")

ids = list(Registration.objects.filter(unit_of_record__path__startswith=department.path).order_by("pk").values_list("pk", flat=True)[:1000])
Registration.objects.filter(pk__in=ids).update(status="submitted", approved_at=None)  # bench set-up, outside the services
officer.__dict__.pop("_thidua_scope", None)
with CaptureQueriesContext(connection) as ctx:
    start = time.perf_counter()
    rows = services.registrations_approve(actor=officer, ids=ids)
    seconds = time.perf_counter() - start
print(f"bulk approval of {len(rows)} registrations: {seconds:.2f} s, {len(ctx.captured_queries)} queries")
