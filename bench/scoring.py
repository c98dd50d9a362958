"""Rank and publish a cluster round of 40 units × 60 criteria × 4 layers (target: under 1 s each).

Run against a migrated PostgreSQL database with schools in it (a copy of the province seed, migrated)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_clu .venv/bin/python bench/scoring.py

Everything is written inside one transaction and rolled back: the database is left as it was. The set-up (the
cluster, the sheet, a round, 9,600 current entries plus 2,400 superseded ones, two peers per unit) is not timed;
the preview (every layer read in one query, the pure ``compute``) and the publication (preview, snapshot and its
hash, 40 result rows, the transition and the audit row) are.
"""

from __future__ import annotations

import os
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings_test")

import django

django.setup()

from django.db import transaction  # noqa: E402

from thidua.accounts.models import User  # noqa: E402
from thidua.org import clusters  # noqa: E402
from thidua.org.models import OrgUnit  # noqa: E402
from thidua.scoring import publishing, services, sheets  # noqa: E402
from thidua.scoring.models import ScoreEntry, SheetCriterion, Submission  # noqa: E402
from thidua.years.models import SchoolYear  # noqa: E402

UNITS, CRITERIA = 40, 60


class Rollback(Exception):
    pass


def main() -> None:
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create(username="bench_admin", is_superuser=True)
    year = SchoolYear.objects.get(code="2025-2026")
    day = year.start_date
    dept = next(
        d
        for d in OrgUnit.objects.active().filter(kind__code="department")
        if OrgUnit.objects.active().filter(path__startswith=d.path, kind__is_school=True, valid_from__lte=day).count() >= UNITS
    )
    schools = list(
        OrgUnit.objects.active().filter(path__startswith=dept.path, kind__is_school=True, valid_from__lte=day).order_by("pk")[:UNITS]
    )
    try:
        with transaction.atomic():
            cluster = clusters.cluster_create(actor=admin, organiser=dept, name="Cụm đo hiệu năng", valid_from=day)
            clusters.cluster_members_set(actor=admin, cluster=cluster, school_year=year, units=schools)
            sheet = sheets.sheet_create(actor=admin, organiser=dept, name="Bảng đo hiệu năng", bonus_cap=Decimal(5), penalty_cap=Decimal(5))
            SheetCriterion.objects.bulk_create(
                SheetCriterion(sheet=sheet, code=f"C{i:02d}", text=f"Tiêu chí {i}", max_points=10, step=Decimal("0.5"), position=i)
                for i in range(CRITERIA)
            )
            sheets.band_add(actor=admin, sheet=sheet, label="Xuất sắc", minimum=500)
            sheets.band_add(actor=admin, sheet=sheet, label="Tốt", minimum=0)
            sheet = sheets.sheet_publish(actor=admin, sheet=sheet)
            tiers = ("self", "peer", "organiser", "council")
            scoring_round = services.round_open(actor=admin, cluster=cluster, school_year=year, sheet=sheet, opens=day, tiers=tiers)
            subs = list(scoring_round.submissions.all())
            criteria = list(sheet.criteria.all())
            entries = []
            for n, sub in enumerate(subs):
                peers = [schools[(n + 1) % UNITS], schools[(n + 2) % UNITS]]
                for i, c in enumerate(criteria):
                    base = Decimal((n * 7 + i * 3) % 21) / 2
                    entries.append(ScoreEntry(submission=sub, criterion=c, tier="self", points=Decimal(10)))  # superseded
                    entries.append(ScoreEntry(submission=sub, criterion=c, tier="self", points=base))
                    for p in peers:
                        entries.append(ScoreEntry(submission=sub, criterion=c, tier="peer", scorer_unit=p, points=base))
                    if i % 2 == 0:
                        entries.append(ScoreEntry(submission=sub, criterion=c, tier="organiser", points=base, reason="Thẩm định"))
                    if i % 10 == 0:
                        entries.append(ScoreEntry(submission=sub, criterion=c, tier="council", points=base, reason="Hội đồng"))
            ScoreEntry.objects.bulk_create(entries, batch_size=5000)
            Submission.objects.filter(scoring_round=scoring_round).update(**{"status": "ready"})  # set-up only
            t0 = time.perf_counter()
            preview = publishing.preview(scoring_round)
            t1 = time.perf_counter()
            top = preview.result.ranked[0]
            designated = OrgUnit.objects.get(pk=int(top.unit)) if preview.result.leader_tie else None
            t1 = time.perf_counter()
            publication = publishing.round_publish(actor=admin, scoring_round=scoring_round, designated=designated)
            t2 = time.perf_counter()
            print(
                f"units={len(subs)} criteria={len(criteria)} entries={len(entries)} ranked={len(preview.result.ranked)} tie={preview.result.leader_tie}"
            )
            print(f"preview (rank): {t1 - t0:.3f} s")
            print(f"publish (preview + snapshot + results + audit): {t2 - t1:.3f} s  sha256={publication.snapshot_sha256[:12]}")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
