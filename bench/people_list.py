"""Time the people list as a department officer sees it: first page (25 rows by sort_key) and count.

Run against a seeded database (``manage.py seed --scale province``), for example::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench .venv/bin/python bench/people_list.py
    DATABASE_URL=... .venv/bin/python bench/people_list.py --explain   # also print PostgreSQL plans

The officer is the ``officer_dept`` account the seed command creates (``--user`` to pick another).
Each case runs ``--repeat`` times after one warm-up run; the table shows the median and the best.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# The production configuration with a throw-away key (DEBUG would keep every query in memory).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings_test")

import django

django.setup()

from django.db import connection  # noqa: E402

from thidua.accounts.models import User  # noqa: E402
from thidua.people.selectors import people_list  # noqa: E402

PAGE = 25


def _time(fn, repeat: int) -> tuple[float, float, object]:
    result = fn()  # warm-up (and the value to show)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), min(samples), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--user", default="officer_dept")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--search", action="append", help="name searches to time (default: a few typical ones)")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE for each query (PostgreSQL)")
    args = parser.parse_args()

    officer = User.objects.get(username=args.user)
    scope_units = list(officer.role_assignments.values_list("unit__name", flat=True))
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}; actor: {officer.username} ({', '.join(map(str, scope_units))})"
    )
    searches = args.search or ["hoa", "nguyen thi hoa", "tran van duc", "Lê Thị Thu Hương"]
    cases: list[tuple[str, str]] = [("list", "")] + [("search", q) for q in searches]
    print(f"{'case':<28} {'page ms (median/best)':>24} {'count ms (median/best)':>24} {'rows':>8}")
    for kind, query in cases:
        qs = people_list(actor=officer, query=query)
        page_med, page_best, page = _time(lambda qs=qs: list(qs[:PAGE]), args.repeat)
        count_med, count_best, total = _time(lambda qs=qs: qs.count(), args.repeat)
        label = kind if not query else f"{kind} “{query}”"
        print(f"{label:<28} {page_med:>12.1f} / {page_best:<9.1f} {count_med:>12.1f} / {count_best:<9.1f} {total:>8}")
        if kind == "list":
            print("  first rows:", ", ".join(p.full_name for p in page[:5]))
        if args.explain and connection.vendor == "postgresql":
            for title, sql_qs in (("page", qs[:PAGE]), ("count", None)):
                if sql_qs is None:
                    sql, params = qs.order_by().query.get_compiler(using="default").as_sql()
                    sql = f"SELECT COUNT(*) FROM ({sql}) sub"
                else:
                    sql, params = sql_qs.query.get_compiler(using="default").as_sql()
                with connection.cursor() as cur:
                    cur.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
                    print(f"  -- {title} plan")
                    for (line,) in cur.fetchall():
                        print("    " + line)


if __name__ == "__main__":
    main()
