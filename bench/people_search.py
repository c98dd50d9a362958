"""People search on a large database: the worst common syllables, as the department officer and as admin.

Finds the most frequent name syllables (a sample of ``people_person.name_folded``), then times
``thidua.people.selectors.people_page`` — what ``/people/?q=`` and ``/api/v1/people/?q=`` run — for each,
first page and the page after it (the cursor), plus a rarer name, one warm-up then the median and the
worst of ``--repeat`` runs. Read only::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_nation .venv/bin/python bench/people_search.py
    DATABASE_URL=... .venv/bin/python bench/people_search.py --users officer_dept --query "nguyen thi hoa"

Target (issue 12): ≤ 200 ms for the worst common syllable on the nation database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings_test")  # production's, a throw-away key

import django

django.setup()

from django.db import connection  # noqa: E402

from thidua.accounts.models import User  # noqa: E402
from thidua.accounts.scope import scope_for  # noqa: E402
from thidua.people.selectors import people_page  # noqa: E402


def common_syllables(n: int) -> list[tuple[str, int]]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT w, count(*) FROM (SELECT regexp_split_to_table(name_folded, ' ') AS w"
            " FROM people_person TABLESAMPLE SYSTEM (2) REPEATABLE (12)) s WHERE w <> '' GROUP BY w ORDER BY 2 DESC LIMIT %s",
            [n],
        )
        return cur.fetchall()


def timed(fn, repeat: int) -> tuple[float, float, object]:
    result = fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), max(samples), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", default="officer_dept,admin")
    parser.add_argument("--syllables", type=int, default=3, help="how many of the most common syllables")
    parser.add_argument("--query", action="append", default=[], help="more searches (default: a rarer full name)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    common = common_syllables(args.syllables)
    print(f"database {connection.settings_dict['NAME']}; most common syllables (2 % sample): " + ", ".join(f"{w} ({c})" for w, c in common))
    queries = [w for w, _ in common] + (args.query or ["nguyen thi hoa", "tran van duc"])
    print(f"{'user':14} {'query':18} {'page 1 median / worst':>22} {'page 2 median / worst':>22} {'rows':>5}")
    for username in filter(None, args.users.split(",")):
        user = User.objects.get(username=username)
        scope_for(user)  # once per request in the app
        for q in queries:
            med1, worst1, first = timed(lambda q=q, user=user: people_page(actor=user, query=q), args.repeat)
            after = first.next or ""
            again = lambda q=q, user=user, after=after: people_page(actor=user, query=q, after=after)  # noqa: E731
            med2, worst2, _ = timed(again, args.repeat) if after else (0, 0, None)
            print(f"{username:14} {q:18} {med1:10.1f} / {worst1:6.1f} ms {med2:10.1f} / {worst2:6.1f} ms {len(first.people):5}")


if __name__ == "__main__":
    main()
