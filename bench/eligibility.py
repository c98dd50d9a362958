"""Evaluate every staff member of a province for every individual title, streaming facts in batches.

Run against a seeded province (``manage.py seed --scale province``; see docs/benchmarks.md)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench_import .venv/bin/python bench/eligibility.py
    DATABASE_URL=... .venv/bin/python bench/eligibility.py --profile    # cProfile of one evaluation pass

The same run measures (0) the whole SQL read of the same facts (the nine queries for everyone at once, rows as
tuples: ``whole_read``), (1) merely reading the facts (``selectors.facts_in_batches`` without evaluating), (2)
reading and evaluating them through ``jsonio.evaluate_facts`` (the path of the unit page, the API and the
command: outcomes as dicts, the next title up, unit checks), then (1) and (0) again; the ratios use the faster
of each: against (1), today's definition, and against (0), the whole read.
Memory stays bounded: one batch of facts and results is alive at a time (peak RSS is printed); what one engine
per process learns to share between people (``rules.engine.sharing``) carries over from batch to batch.
``--reference`` evaluates with ``Engine(share=False)`` instead (every rule from scratch: what sharing saves).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import multiprocessing as mp
import os
import pstats
import resource
import sys
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# The production configuration with a throw-away key (DEBUG would keep every query in memory).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings_test")

import django

django.setup()

from django.db import connection  # noqa: E402

from thidua.people.models import Person  # noqa: E402
from thidua.rules.engine.criteria import Policy  # noqa: E402
from thidua.rules.engine.evaluation import Document, evaluate_outcomes  # noqa: E402
from thidua.rules.engine.facade import Engine  # noqa: E402
from thidua.rules.engine.jsonio import evaluation_to_json  # noqa: E402
from thidua.rules.engine.rulesets import DEFAULT_BOOK  # noqa: E402
from thidua.rules.selectors import BATCH, fact_rows_of_everyone, facts_in_batches, gc_paused, person_facts  # noqa: E402

NATION = 1_660_000
WARM = 1000  # people evaluated before the worker processes fork
INDIVIDUAL = tuple(c for c in DEFAULT_BOOK.codes if DEFAULT_BOOK.subject_of(c) == "individual")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _children_rss_mb() -> float:
    """Peak RSS of the largest worker process (0 when none ran)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _rows_in(batch) -> int:
    return sum(len(p.history) + len(p.awards) + len(p.initiatives) + len(p.disciplines) + len(p.leaves) for p in batch)


def read_batch(ids: list[int], day: dt.date) -> int:
    return _rows_in(person_facts(ids, day=day))


def read_only(ids: list[int], day: dt.date, size: int, workers: int = 1) -> tuple[float, int]:
    """Merely read the facts, in this process (``workers`` ≤ 1) or spread over processes like the evaluation."""
    started, facts = time.perf_counter(), 0
    if workers <= 1:
        for batch in facts_in_batches(ids, day=day, size=size):
            facts += _rows_in(batch)
        return time.perf_counter() - started, facts
    connection.close()
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork"), initializer=_worker_init) as pool:
        facts = sum(pool.map(read_batch, [ids[i : i + size] for i in range(0, len(ids), size)], [day] * len(range(0, len(ids), size))))
    return time.perf_counter() - started, facts


def whole_read(day: dt.date, year: int) -> tuple[float, int]:
    """The same facts as ``person_facts`` reads, for everyone at once: its nine queries without the people filter,
    every row fetched as tuples (no Python objects built). The floor any read of these facts must stand on."""
    started = time.perf_counter()
    rows = sum(len(r) for r in fact_rows_of_everyone(day=day, year=year).values())
    return time.perf_counter() - started, rows


def _count(counts: dict[str, int], verdicts) -> None:
    for verdict in verdicts:
        counts[verdict] = counts.get(verdict, 0) + 1


def evaluate_batch(batch: tuple, day: dt.date, year: int, dicts: bool = False) -> dict[str, int]:
    """Evaluate one batch of facts and count the verdicts. ``dicts``: through ``evaluate_facts`` (every outcome
    as a dict, as the API returns it); otherwise through ``evaluate_outcomes`` (the same evaluation, the same
    next titles and unit checks, outcomes kept as objects: what a batch pass that displays counts needs)."""
    doc = Document(day=day, year=year, codes=INDIVIDUAL, policy=Policy(), persons=batch, collectives=(), member_refs={})
    counts: dict[str, int] = {}
    if dicts:
        with gc_paused():  # as the API's answer: evaluated, then written as JSON
            answer = evaluation_to_json(evaluate_outcomes(doc))
        for person in answer["persons"]:
            _count(counts, (o["verdict"] for o in person["outcomes"]))
    else:
        by_verdict: dict = {}
        with gc_paused():
            for person in evaluate_outcomes(doc, engine=_engine()).persons:
                for o in person.outcomes:
                    by_verdict[o.verdict] = by_verdict.get(o.verdict, 0) + 1
            # What the engine learnt in this batch (``rules.engine.sharing``) lives for the whole pass: out of the
            # collector's scans, which would otherwise walk it again at every full collection.
            gc.freeze()
        counts = {verdict.value: n for verdict, n in by_verdict.items()}
    return counts


_ENGINES: list[Engine] = []
SHARE = [True]  # ``--reference``: False


def _engine() -> Engine:
    """One engine per process for the whole pass: what it shares between people carries over between batches."""
    if not _ENGINES:
        _ENGINES.append(Engine(DEFAULT_BOOK, Policy(), share=SHARE[0]))
    return _ENGINES[0]


def _worker_init() -> None:
    gc.freeze()  # the modules loaded before the fork stay out of every collection


def read_and_evaluate_batch(ids: list[int], day: dt.date, year: int, dicts: bool) -> dict[str, int]:
    return evaluate_batch(tuple(person_facts(ids, day=day)), day, year, dicts)


def read_and_evaluate(ids: list[int], day: dt.date, year: int, size: int, workers: int, dicts: bool) -> tuple[float, dict]:
    """Read and evaluate batch after batch. With ``workers`` > 1, that many processes each read a batch (their
    own database connection) and evaluate it; at most ``2 × workers`` batches are in flight, so memory stays
    bounded. Facts are not shipped between processes: pickling them cost more than reading them."""
    started = time.perf_counter()
    counts: dict[str, int] = {}

    def add(batch_counts: dict[str, int]) -> None:
        for verdict, n in batch_counts.items():
            counts[verdict] = counts.get(verdict, 0) + n

    if workers <= 1:
        for batch in facts_in_batches(ids, day=day, size=size):
            add(evaluate_batch(tuple(batch), day, year, dicts))
        return time.perf_counter() - started, counts
    # The first people are evaluated here, before forking: the workers start with the outcomes this engine
    # has learnt to share (``rules.engine.sharing``) instead of each learning them again.
    warm = min(WARM, len(ids))
    add(read_and_evaluate_batch(ids[:warm], day, year, dicts))
    connection.close()  # the workers are forked: each opens its own connection
    pending: deque[Future] = deque()
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork"), initializer=_worker_init) as pool:
        for i in range(warm, len(ids), size):
            pending.append(pool.submit(read_and_evaluate_batch, ids[i : i + size], day, year, dicts))
            while len(pending) >= 2 * workers:
                add(pending.popleft().result())
        while pending:
            add(pending.popleft().result())
    return time.perf_counter() - started, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--day", type=dt.date.fromisoformat, default=dt.date(2025, 6, 15), help="consideration date")
    parser.add_argument("--batch", type=int, default=BATCH)
    parser.add_argument("--limit", type=int, default=0, help="only the first N people (0: everyone)")
    parser.add_argument("--workers", type=int, default=2, help="processes reading and evaluating batches (0 or 1: all in this process)")
    parser.add_argument("--dicts", action="store_true", help="build every outcome as a dict (evaluate_facts, the API's answer)")
    parser.add_argument("--reference", action="store_true", help="evaluate with Engine(share=False): no memo, no sharing")
    parser.add_argument("--profile", action="store_true", help="print the cProfile of the evaluation pass (implies --workers 0)")
    args = parser.parse_args()
    year = args.day.year if args.day.month >= 9 else args.day.year - 1
    workers = 0 if args.profile else args.workers
    SHARE[0] = not args.reference

    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    if args.limit:
        ids = ids[: args.limit]
    gc.freeze()  # what is loaded so far stays out of every collection, here as in the workers (a fair read time)
    print(
        f"{len(ids):,} people, {len(INDIVIDUAL)} individual titles, day {args.day}, school year {year}-{year + 1}, batch {args.batch}, "
        f"{'outcomes as dicts' if args.dicts else 'outcomes as objects'}, evaluating in {max(workers, 1)} process(es)"
        + (", reference engine (no sharing)" if args.reference else "")
    )

    whole1, whole_rows = whole_read(args.day, year)
    print(f"whole SQL read         {whole1:6.2f} s   ({whole_rows:,} rows of the nine queries, everyone at once, as tuples)")
    read1, facts = read_only(ids, args.day, args.batch)
    print(
        f"read facts             {read1:6.2f} s   ({facts:,} history/award/initiative/discipline/leave rows)  peak RSS {_rss_mb():.0f} MB"
    )
    profile = cProfile.Profile() if args.profile else None
    if profile:
        profile.enable()
    both, counts = read_and_evaluate(ids, args.day, year, args.batch, workers, args.dicts)
    if profile:
        profile.disable()
    outcomes = sum(counts.values())
    print(
        f"read + evaluate        {both:6.2f} s   ({outcomes:,} outcomes: {counts})  peak RSS {_rss_mb():.0f} MB"
        + (f", largest worker {_children_rss_mb():.0f} MB" if workers > 1 else "")
    )
    read2, _ = read_only(ids, args.day, args.batch)
    read = min(read1, read2)
    print(f"read facts again       {read2:6.2f} s")
    whole2, _ = whole_read(args.day, year)
    whole = min(whole1, whole2)
    print(f"whole SQL read again   {whole2:6.2f} s")
    print(f"ratio evaluate/whole   {both / whole:6.2f} ×   (the pass against the whole SQL read of the same facts, same run)")
    if workers > 1:
        read_n, _ = read_only(ids, args.day, args.batch, workers)
        print(f"read facts, {workers} processes {read_n:5.2f} s   (like for like: read + evaluate is {both / read_n:.2f} × this)")
    print(
        f"ratio evaluate/read    {both / read:6.2f} ×   evaluation alone ≈ {both - read:.2f} s ({(both - read) / len(ids) * 1e6:.0f} µs/person)"
    )
    scale = NATION / len(ids)
    print(f"nation ({NATION:,} staff) ≈ {both * scale:.0f} s ({read * scale:.0f} s of reading), same machine and settings")
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        if os.environ.get("BENCH_PROFILE_OUT"):
            profile.dump_stats(os.environ["BENCH_PROFILE_OUT"])


if __name__ == "__main__":
    main()
