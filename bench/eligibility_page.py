"""The eligibility page of one unit, timed through the test client: cold (no snapshot: the page shown while the
background task evaluates, and the task's own work) and warm (the snapshot current: first page, another page,
the team and result filters), with the data version alone and the sizes.

Writes snapshot rows: run it on a copy with the rules migrations applied (see docs/benchmarks.md)::

    createdb -h 127.0.0.1 -U postgres -T thidua_nation bench_elig_nation
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_elig_nation .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_elig_nation .venv/bin/python bench/eligibility_page.py --unit SGD-BG
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings_test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from thidua.accounts.models import User  # noqa: E402
from thidua.org.models import OrgUnit  # noqa: E402
from thidua.rules import selectors, snapshots  # noqa: E402
from thidua.rules.models import EligibilitySnapshot  # noqa: E402


def _timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unit", required=True, help="unit code")
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-cold", action="store_true", help="keep the current snapshot (warm figures only)")
    parser.add_argument("--profile", action="store_true", help="print the cProfile of one warm first page")
    args = parser.parse_args()
    setup_test_environment()  # responses carry their context
    unit = OrgUnit.objects.get(code=args.unit)
    day = selectors.day_for(args.year)
    client = Client()
    client.force_login(User.objects.filter(is_superuser=True).first())
    url = reverse("rules:unit", kwargs={"pk": unit.pk}) + f"?year={args.year}"
    get = lambda extra="": client.get(url + extra)  # noqa: E731
    print(f"{unit.name}: {snapshots.staff_count(unit, args.year):,} people in school year {args.year}-{args.year + 1}, day {day}")
    t, outside = _timed(lambda: snapshots.outside_units(unit, args.year), args.repeat)
    print(f"units outside the subtree         {t * 1000:8.1f} ms  ({len(outside)} units; read when the table is computed)")
    t, _ = _timed(lambda: snapshots.data_version(unit, args.year, day, outside), args.repeat)
    print(f"data version (every page)         {t * 1000:8.1f} ms")
    if not args.skip_cold:
        EligibilitySnapshot.objects.filter(unit=unit, year=args.year).delete()
        dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
        with override_settings(TASKS=dummy, THIDUA_ELIGIBILITY_INLINE_MAX=getattr(settings, "THIDUA_ELIGIBILITY_INLINE_MAX", 3000)):
            t, response = _timed(get)
        print(
            f"cold page (task queued)           {t * 1000:8.1f} ms  {len(response.content) / 1024:7.1f} kB  status {response.status_code}"
        )
        t, _ = _timed(lambda: snapshots.refresh(unit.pk, args.year, day))
        row = EligibilitySnapshot.objects.get(unit=unit, year=args.year)
        print(f"cold evaluation (the task)        {t:8.1f} s   payload {len(bytes(row.payload)) / 1024:7.1f} kB for {row.people:,} people")
    for label, extra in [
        ("warm first page", ""),
        ("warm page 20", "&page=20"),
        ("warm title filter LDTT", "&title=LDTT"),
        ("warm result filter, eligible", "&verdict=eligible"),
    ]:
        t, response = _timed(lambda extra=extra: get(extra), args.repeat)
        fresh = response.context["view"].fresh if response.context else None
        print(f"{label:32}  {t * 1000:8.1f} ms  {len(response.content) / 1024:7.1f} kB  fresh {fresh}")
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.enable()
        get()
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    teams = response.context["teams"]
    if teams:
        t, response = _timed(lambda: get(f"&team={teams[len(teams) // 2][0]}"), args.repeat)
        print(f"{'warm team filter':32}  {t * 1000:8.1f} ms  {len(response.content) / 1024:7.1f} kB")


if __name__ == "__main__":
    main()
