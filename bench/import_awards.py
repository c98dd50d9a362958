"""Time a 50,000-row awards import (dry run + commit, through the tasks) on the province database.

Use a *copy* of the seeded database (the commit writes decisions and awards)::

    createdb -h 127.0.0.1 -U postgres -T thidua_bench thidua_bench_import
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench_import
    .venv/bin/python manage.py migrate
    .venv/bin/python bench/import_awards.py --rows 50000

The file is generated from the people of the officer's department: LĐTT, CSTĐCS and Giấy khen of the
department for school years 2023-2024 and 2024-2025, about 200 awards per decision; 70 % of the rows
name the person by national ID, the rest by name + date of birth + school code; dates are written in
four spellings and half the rows state the cash amount. Tasks run with the immediate backend, so
``import_create`` / ``import_commit_request`` return when their task is done; a second thread polls the
batch's progress the way the status page does. The same file is then imported a second time (every
row must be reported "exists" and nothing written).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# The production configuration with a throw-away key (DEBUG would keep every query in memory).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings_test")
os.environ["THIDUA_TASKS_IMMEDIATE"] = "1"

import django

django.setup()

from django.core.files import File  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.db.models import Q  # noqa: E402

from thidua.accounts.models import User  # noqa: E402
from thidua.awards.models import Award, Decision  # noqa: E402
from thidua.imports import services  # noqa: E402
from thidua.imports.columns import columns_for  # noqa: E402
from thidua.imports.models import ImportBatch  # noqa: E402
from thidua.people.models import Employment  # noqa: E402

YEARS = [  # school year, decision date, period, share of rows
    ("2023-2024", dt.date(2024, 8, 15), dt.date(2023, 9, 1), dt.date(2024, 5, 31), 0.4),
    ("2024-2025", dt.date(2025, 8, 15), dt.date(2024, 9, 1), dt.date(2025, 5, 31), 0.6),
]
# title as written, share of rows
TITLES = [("LĐTT", 0.6), ("Chiến sĩ thi đua cơ sở", 0.25), ("Giấy khen", 0.15)]
# Both decision dates fall under the 2,340,000 base salary (01/07/2024 – 30/06/2026): 0.3× and 1.0×, rounded up.
CASH = {"LĐTT": 710_000, "Chiến sĩ thi đua cơ sở": 2_340_000}
PER_DECISION = 200


def _fmt(day: dt.date, i: int):
    return [f"{day:%d/%m/%Y}", f"{day.day}/{day.month}/{day.year}", f"{day:%d-%m-%Y}", day][i % 4]


def generate(path: Path, *, rows: int, officer: User, seed: int) -> tuple[str, int]:
    from openpyxl import Workbook

    rng = random.Random(seed)
    dept = officer.role_assignments.select_related("unit").get(role="officer").unit
    header = [c.header for c in columns_for("awards")]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Khen thưởng")
    ws.append([f"DANH SÁCH KHEN THƯỞNG – {dept.name.upper()}"])
    ws.append(header)
    written = 0
    for year, day, start, end, share in YEARS:
        wanted = int(rows * share) if year != YEARS[-1][0] else rows - written
        jobs = (
            Employment.objects.filter(unit__path__startswith=dept.path, start_date__lte=end)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=end))
            .values_list("person__full_name", "person__date_of_birth", "person__national_id", "unit__code")
            .order_by("person_id")
        )
        people = list(jobs)
        rng.shuffle(people)
        people = people[:wanted]
        for n, (name, dob, nid, unit_code) in enumerate(people):
            title = rng.choices([t for t, _ in TITLES], weights=[w for _, w in TITLES])[0]
            number = f"{n // PER_DECISION + 1}/QĐ-SGDĐT-{year[:4]}"
            by_id = nid and rng.random() < 0.7
            amount = CASH.get(title) if rng.random() < 0.5 else None
            values = {
                "full_name": name if not by_id or rng.random() < 0.5 else None,
                "date_of_birth": None if by_id else _fmt(dob, n) if dob else None,
                "national_id": nid if by_id else None,
                "unit_code": None if by_id else unit_code,
                "kind": title,
                "school_year": year,
                "number": number,
                "decision_date": _fmt(day, n),
                "issuer_code": dept.code,
                "award_type": "Thường xuyên",
                "period_start": _fmt(start, n),
                "period_end": _fmt(end, n),
                "cash_amount": f"{amount:,}".replace(",", ".") if amount else None,
            }
            ws.append([values.get(c.key) for c in columns_for("awards")])
            written += 1
    wb.save(path)
    return dept.code, written


class Poller(threading.Thread):
    """Reads the batch's progress every ``interval`` seconds on its own connection, like the status page."""

    def __init__(self, interval: float = 1.0):
        super().__init__(daemon=True)
        self.interval, self.samples, self.stop = interval, [], threading.Event()
        self.after = ImportBatch.objects.order_by("-id").values_list("id", flat=True).first() or 0

    def run(self):
        started = time.perf_counter()
        while not self.stop.is_set():
            batch = ImportBatch.objects.filter(id__gte=self.after).order_by("-id").values("status", "progress").first()
            if batch:
                self.samples.append((round(time.perf_counter() - started, 1), batch["status"], batch["progress"]))
            self.stop.wait(self.interval)
        connections.close_all()


def timed(label: str, fn):
    poller = Poller()
    poller.start()
    started = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - started
    poller.stop.set()
    poller.join()
    seen = sorted({(s, p) for _, s, p in poller.samples}, key=lambda x: x[1])
    print(f"{label}: {elapsed:.1f} s; progress seen: {', '.join(f'{s} {p}%' for s, p in seen[:12])}")
    return result, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--user", default="officer_dept")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--once", action="store_true", help="skip the second (idempotency) import")
    args = parser.parse_args()

    officer = User.objects.get(username=args.user)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}; actor: {officer.username}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "khen-thuong.xlsx"
        started = time.perf_counter()
        _, n = generate(path, rows=args.rows, officer=officer, seed=args.seed)
        print(f"generated {n} rows in {time.perf_counter() - started:.1f} s ({path.stat().st_size / 1e6:.1f} MB)")
        unit = officer.role_assignments.get(role="officer").unit
        before = (Decision.objects.count(), Award.objects.count())
        for attempt in range(1 if args.once else 2):
            with path.open("rb") as handle:
                upload = File(handle, name=path.name)
                batch, _ = timed(
                    f"[{attempt + 1}] upload + dry run",
                    lambda upload=upload: services.import_create(actor=officer, kind="awards", unit=unit, upload=upload),
                )
            batch.refresh_from_db()
            print(
                f"    status {batch.status}, summary { {k: batch.summary.get(k) for k in ('rows', 'error', 'create', 'exists', 'ambiguous', 'creates')} }"
            )
            if batch.summary.get("error"):
                print("    first errors:", [r.data["errors"][0]["message"] for r in batch.rows.filter(status="error")[:5]])
            if batch.status != ImportBatch.Status.VALIDATED:
                break
            resolutions = {r["row"]: r["candidates"][0]["id"] for r in services.ambiguous_rows(batch)}
            batch, _ = timed(
                f"[{attempt + 1}] commit",
                lambda batch=batch, r=resolutions: services.import_commit_request(actor=officer, batch=batch, resolutions=r),
            )
            batch.refresh_from_db()
            print(f"    status {batch.status}, written {batch.summary.get('written')}, error {batch.error!r}")
        after = (Decision.objects.count(), Award.objects.count())
        print(f"decisions {before[0]} -> {after[0]}, awards {before[1]} -> {after[1]}")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
