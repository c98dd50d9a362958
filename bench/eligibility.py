"""Evaluate every staff member of a province for every individual title, streaming facts in batches.

Run against a seeded province (``manage.py seed --scale province``; see docs/benchmarks.md)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench_import .venv/bin/python bench/eligibility.py
    DATABASE_URL=... .venv/bin/python bench/eligibility.py --profile    # cProfile of one evaluation pass

The same run measures (1) merely reading the facts (``selectors.facts_in_batches`` without evaluating), (2)
reading and evaluating them through ``jsonio.evaluate_facts`` (the path of the unit page, the API and the
command: outcomes as dicts, the next title up, unit checks), then (1) again; the ratio uses the faster read.
Memory stays bounded: one batch of facts and results is alive at a time (peak RSS is printed).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django

django.setup()

from thidua.people.models import Person  # noqa: E402
from thidua.rules.criteria import Policy  # noqa: E402
from thidua.rules.jsonio import Document  # noqa: E402
from thidua.rules.rulesets import DEFAULT_BOOK  # noqa: E402
from thidua.rules.selectors import BATCH, evaluate_document_facts, facts_in_batches  # noqa: E402

NATION = 1_660_000
INDIVIDUAL = tuple(c for c in DEFAULT_BOOK.codes if DEFAULT_BOOK.subject_of(c) == "individual")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_only(ids: list[int], day: dt.date, size: int) -> tuple[float, int]:
    started, facts = time.perf_counter(), 0
    for batch in facts_in_batches(ids, day=day, size=size):
        facts += sum(len(p.history) + len(p.awards) + len(p.initiatives) + len(p.disciplines) + len(p.leaves) for p in batch)
    return time.perf_counter() - started, facts


def read_and_evaluate(ids: list[int], day: dt.date, year: int, size: int) -> tuple[float, dict]:
    started = time.perf_counter()
    counts: dict[str, int] = {}
    for batch in facts_in_batches(ids, day=day, size=size):
        doc = Document(day=day, year=year, codes=INDIVIDUAL, policy=Policy(), persons=tuple(batch), collectives=(), member_refs={})
        for person in evaluate_document_facts(doc)["persons"]:
            for outcome in person["outcomes"]:
                counts[outcome["verdict"]] = counts.get(outcome["verdict"], 0) + 1
    return time.perf_counter() - started, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--day", type=dt.date.fromisoformat, default=dt.date(2025, 6, 15), help="consideration date")
    parser.add_argument("--batch", type=int, default=BATCH)
    parser.add_argument("--limit", type=int, default=0, help="only the first N people (0: everyone)")
    parser.add_argument("--profile", action="store_true", help="print the cProfile of the evaluation pass")
    args = parser.parse_args()
    year = args.day.year if args.day.month >= 9 else args.day.year - 1

    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    if args.limit:
        ids = ids[: args.limit]
    print(f"{len(ids):,} people, {len(INDIVIDUAL)} individual titles, day {args.day}, school year {year}-{year + 1}, batch {args.batch}")

    read1, facts = read_only(ids, args.day, args.batch)
    print(
        f"read facts             {read1:6.2f} s   ({facts:,} history/award/initiative/discipline/leave rows)  peak RSS {_rss_mb():.0f} MB"
    )
    profile = cProfile.Profile() if args.profile else None
    if profile:
        profile.enable()
    both, counts = read_and_evaluate(ids, args.day, year, args.batch)
    if profile:
        profile.disable()
    outcomes = sum(counts.values())
    print(f"read + evaluate        {both:6.2f} s   ({outcomes:,} outcomes: {counts})  peak RSS {_rss_mb():.0f} MB")
    read2, _ = read_only(ids, args.day, args.batch)
    read = min(read1, read2)
    print(f"read facts again       {read2:6.2f} s")
    print(
        f"ratio evaluate/read    {both / read:6.2f} ×   evaluation alone ≈ {both - read:.2f} s ({(both - read) / len(ids) * 1e6:.0f} µs/person)"
    )
    scale = NATION / len(ids)
    print(f"nation ({NATION:,} staff) ≈ {both * scale:.0f} s on one process ({read * scale:.0f} s of reading)")
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
