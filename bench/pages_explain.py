"""EXPLAIN ANALYZE every query of one page, as the given user sees it (issue 12: person page, unit tree, ledger).

Requests the page in-process (Django's test client, the bench settings), keeps the SQL it ran, then runs
``EXPLAIN (ANALYZE, BUFFERS)`` on each SELECT and prints its time, the plan's first line and every scan of a
whole table (``Seq Scan`` on more than ``--rows`` rows)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench .venv/bin/python bench/pages_explain.py /people/7819/
    … bench/pages_explain.py /units/ /awards/units/118/book/ --user officer_dept --full   # whole plans

Read only: EXPLAIN ANALYZE runs SELECTs, never writes (the session row the login writes aside: use a copy
of the benchmark database if that matters).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pages_site")
os.environ.setdefault("DJANGO_STATIC_ROOT", "/tmp/thidua-bench-static")  # noqa: S108  # bench/pages.py collects it

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from thidua.accounts.models import User  # noqa: E402

SEQ = re.compile(r"Seq Scan on (\w+).*actual time=[\d.]+\.\.([\d.]+) rows=(\d+)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--user", default="officer_dept")
    parser.add_argument("--rows", type=int, default=2000, help="report sequential scans returning more rows than this")
    parser.add_argument("--full", action="store_true", help="print every plan whole")
    args = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=args.user))
    for path in args.paths:
        client.get(path)  # warm
        connection.force_debug_cursor = True
        connection.queries_log.clear()
        status = client.get(path).status_code
        queries = [q["sql"] for q in connection.queries]
        connection.force_debug_cursor = False
        print(f"== {path}: HTTP {status}, {len(queries)} queries")
        total = 0.0
        for n, sql in enumerate(queries, 1):
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cur:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = [line for (line,) in cur.fetchall()]
            ms = float(re.search(r"Execution Time: ([\d.]+)", plan[-1]).group(1))
            total += ms
            table = re.search(r'FROM "(\w+)"', sql)
            print(f"  {n:2}. {ms:7.2f} ms  {table.group(1) if table else '?':28} {plan[0].strip()[:110]}")
            for line in plan:
                m = SEQ.search(line)
                if m and int(m.group(3)) > args.rows:
                    print(f"      ! {line.strip()[:150]}")
            if args.full:
                print("\n".join("        " + line for line in plan))
        print(f"  total {total:.1f} ms of execution")


if __name__ == "__main__":
    main()
