"""Benchmark of a province-wide launch: the department's regular movement of a school year without one, created
and launched to its whole subtree (a response, a deadline with its audit row, and notifications per responding
unit), timed and its queries counted, inside a transaction that is rolled back (the database is left as it was).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_<name> .venv/bin/python bench/movement_launch.py --repeat 3

Run it on a copy of thidua_bench (``createdb -T thidua_bench``): the rollback leaves it unchanged, but the
sequences move.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from thidua.accounts.models import User  # noqa: E402
from thidua.movements import services  # noqa: E402
from thidua.movements.models import Movement  # noqa: E402
from thidua.org.models import OrgUnit  # noqa: E402
from thidua.years.models import SchoolYear  # noqa: E402


class Rollback(Exception):
    pass


def once(actor, department, year) -> tuple[float, int, int, dict[str, int]]:
    result = {}
    try:
        with transaction.atomic():
            movement = services.movement_create(
                actor=actor, launcher=department, kind="regular", school_year=year, name=f"Phong trào thi đua năm học {year.code}",
                targets=[services.TargetSpec(department, True)],
            )  # fmt: skip
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                services.movement_launch(actor=actor, movement=movement, launched_on=min(timezone.localdate(), year.start_date))
                elapsed = time.perf_counter() - start
            kinds: dict[str, int] = {}
            for q in queries.captured_queries:
                word = q["sql"].split(None, 1)[0].upper()
                kinds[word] = kinds.get(word, 0) + 1
            result = {"seconds": elapsed, "queries": len(queries), "responses": movement.responses.count(), "kinds": kinds}
            raise Rollback
    except Rollback:
        pass
    return result["seconds"], result["queries"], result["responses"], result["kinds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--user", default="officer_dept")
    args = parser.parse_args()
    actor = User.objects.get(username=args.user)
    department = OrgUnit.objects.active().filter(kind__code="department").order_by("path").first()
    taken = Movement.objects.filter(launcher=department, kind="regular").exclude(status="cancelled").values_list("school_year", flat=True)
    year = SchoolYear.objects.exclude(pk__in=list(taken)).filter(start_date__lte=timezone.localdate()).order_by("-start_date").first()
    runs = [once(actor, department, year) for _ in range(args.repeat)]
    seconds = [r[0] for r in runs]
    print(f"{department.name}, year {year.code}: {runs[0][2]} responses")
    print(
        f"launch: median {statistics.median(seconds):.3f} s (runs {', '.join(f'{s:.3f}' for s in seconds)}), {runs[0][1]} queries {runs[0][3]}"
    )


if __name__ == "__main__":
    main()
