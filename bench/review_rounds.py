"""Build year-end review rounds from the engine's suggestions (targets: a school of 120 staff under 2 s; a whole
commune's schools in one batch under 10 s).

Run against a migrated copy of the province database::

    createdb -h 127.0.0.1 -U postgres -T thidua_bench bench_review
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_review .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_review .venv/bin/python bench/review_rounds.py

Each run writes inside one transaction and rolls it back: the database is left as it was.

1. **One school**: the school whose staff in 2025-2026 is nearest 120. Timed: ``round_create``, the engine's batch
   pass over the school (``basis.evaluate_round_unit``), the suggestions (``selectors.suggestions``: open lines and
   awards of the year marked) and ``lines_from_suggestions`` of every row suggested (one basis per line: outcome,
   rule version, facts SHA-256; one audit row).
2. **A commune in one batch**: the commune with the most schools; ``services.rounds_build`` creates every school's
   round and proposes everyone the engine finds eligible, one batch pass per school.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings_test")

import django

django.setup()

from django.db import transaction  # noqa: E402
from django.db.models import Count, Q  # noqa: E402

from thidua.accounts.models import User  # noqa: E402
from thidua.nominations import basis, selectors, services  # noqa: E402
from thidua.nominations.models import NominationLine  # noqa: E402
from thidua.org.models import OrgUnit  # noqa: E402
from thidua.people.models import Employment  # noqa: E402
from thidua.rules.selectors import staff_of  # noqa: E402
from thidua.years.models import SchoolYear  # noqa: E402

RUNS = 3


class Rollback(Exception):
    pass


def _school_near(n: int, year: SchoolYear) -> OrgUnit:
    counts = (
        Employment.objects.filter(start_date__lte=year.end_date, unit__kind__is_school=True, unit__valid_to__isnull=True)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=year.start_date))
        .values("unit_id")
        .annotate(n=Count("person_id", distinct=True))
    )
    best = min(counts, key=lambda row: abs(row["n"] - n))
    return OrgUnit.objects.select_related("kind").get(pk=best["unit_id"])


def _commune(year: SchoolYear) -> tuple[OrgUnit, list[OrgUnit]]:
    communes = OrgUnit.objects.active().filter(kind__code="commune")
    best = max(communes, key=lambda c: OrgUnit.objects.active().filter(parent=c, kind__is_school=True).count())
    schools = list(OrgUnit.objects.active().filter(parent=best, kind__is_school=True).select_related("kind").order_by("path"))
    return best, schools


def one_school(admin, school, year) -> tuple[float, int]:
    try:
        with transaction.atomic():
            t0 = time.perf_counter()
            round_ = services.round_create(actor=admin, unit=school, school_year=year, kind="semester")
            evaluation = basis.evaluate_round_unit(school, year)
            rows = selectors.suggestions(round_=round_, evaluation=evaluation)
            keys = [r.key for r in rows if not r.taken and not r.awarded]
            lines = services.lines_from_suggestions(actor=admin, round_=round_, keys=keys, evaluation=evaluation) if keys else []
            elapsed = time.perf_counter() - t0
            raise Rollback((elapsed, len(lines)))
    except Rollback as done:
        return done.args[0]


def commune_batch(admin, schools, year) -> tuple[float, int, int]:
    try:
        with transaction.atomic():
            t0 = time.perf_counter()
            rounds = services.rounds_build(actor=admin, units=schools, school_year=year)
            elapsed = time.perf_counter() - t0
            lines = NominationLine.objects.filter(round__in=rounds).count()
            raise Rollback((elapsed, len(rounds), lines))
    except Rollback as done:
        return done.args[0]


def main() -> None:
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create(username="bench_admin", is_superuser=True)
    year = SchoolYear.objects.get(code="2025-2026")
    school = _school_near(120, year)
    staff = len(staff_of(school, year.start_date.year))
    print(f"load average: {os.getloadavg()}")
    times = []
    for _ in range(RUNS):
        elapsed, lines = one_school(admin, school, year)
        times.append(elapsed)
    print(
        f"one school ({school.name}, {staff} staff): {lines} lines from suggestions; best {min(times):.2f} s, median {statistics.median(times):.2f} s"
    )
    commune, schools = _commune(year)
    staff = sum(len(staff_of(s, year.start_date.year)) for s in schools)
    times = []
    for _ in range(RUNS):
        elapsed, rounds, lines = commune_batch(admin, schools, year)
        times.append(elapsed)
    print(f"commune batch ({commune.name}: {len(schools)} schools, {staff} staff): {rounds} rounds, {lines} lines; "
          f"best {min(times):.2f} s, median {statistics.median(times):.2f} s")  # fmt: skip
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
