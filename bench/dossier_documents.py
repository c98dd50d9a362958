"""Building a round's paper bundle of about 20 pages: tờ trình + danh sách trích ngang + one báo cáo thành tích per
nominee (PEOPLE nominees, default 10), each DOCX rendered and zipped, then one PDF of the whole bundle laid out
in one WeasyPrint pass — what ``disclosures.bundle.bundle_build`` does in the background, without keeping the
files (nothing is written).

The round is the review round of the database with the most lines in play when it has at least PEOPLE of them;
otherwise the papers are built from PEOPLE real people of the database with their ledger (ratings, awards with
decision numbers, initiatives), so the texts have the province's lengths::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_<name> DJANGO_DEBUG=1 \\
        .venv/bin/python manage.py shell < bench/dossier_documents.py     # PEOPLE=10 ROUNDS=3 in the environment

Prints the best and median wall time of ROUNDS builds (target < 5 s for 20 pages), the best CPU time of the
process, the page count and the sizes.
"""

import io
import os
import statistics
import time

from django.db.models import Count, Q
from pypdf import PdfReader

from thidua.disclosures import bundle
from thidua.documents import registry, round_papers
from thidua.nominations.models import ReviewRound
from thidua.people.models import Person

PEOPLE = int(os.environ.get("PEOPLE", "10"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))

round_ = (
    ReviewRound.objects.annotate(n=Count("lines", filter=Q(lines__state__in=round_papers.IN_PLAY + round_papers.PASSED)))
    .filter(n__gte=PEOPLE)
    .order_by("-n")
    .select_related("unit", "school_year", "movement")
    .first()
)


def parts_from_people() -> list:
    people = list(
        Person.objects.select_related("current_unit").exclude(current_unit=None).annotate(a=Count("awards")).order_by("-a", "pk")[:PEOPLE]
    )
    ratings, awards, initiatives = round_papers._ledger([p.pk for p in people])
    unit = people[0].current_unit
    frame = {"issuer": unit.name, "parent": unit.parent.name if unit.parent_id else "", "issuer_abbrev": unit.code.upper(),
             "place": "", "date": None, "school_year": "2025-2026", "signer_title": "Hiệu trưởng", "signer_name": ""}  # fmt: skip
    title = "Lao động tiên tiến"
    rows = [{"name": p.full_name, "birth_year": p.date_of_birth.year if p.date_of_birth else None, "position": p.current_position,
             "unit": p.current_unit.name, "title": title, "summary": round_papers._summary(ratings[p.pk], awards[p.pk], initiatives[p.pk])}
            for p in people]  # fmt: skip
    parts = [
        ("submission", "01-to-trinh", {**frame, "receivers": [f"Hiệu trưởng {unit.name}"], "bases": [round_papers.LAW, round_papers.DECREE],
                                       "counts": [{"kind": title, "people": len(people), "units": 0}]}),
        ("nominee_list", "02-danh-sach-trich-ngang", {**frame, "rows": rows}),
    ]  # fmt: skip
    for i, p in enumerate(people, start=3):
        parts.append(("achievement_report", f"{i:02d}-bao-cao-thanh-tich-{p.pk}", {**frame, "title": title, "name": p.full_name,
                      "birth_date": p.date_of_birth, "gender": p.get_gender_display(), "ethnicity": p.ethnicity, "position": p.current_position,
                      "unit": p.current_unit.name, "ratings": ratings[p.pk], "awards": awards[p.pk], "initiatives": initiatives[p.pk]}))  # fmt: skip
    return parts


source = (
    f"round {round_.pk} ({round_.n} lines)"
    if round_ is not None
    else f"{PEOPLE} people of the database with their ledger (no round with {PEOPLE} lines)"
)
print(f"source: {source}; load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
registry.render("submission", round_papers.submission_data(round_) if round_ else parts_from_people()[0][2], "pdf")  # warm: imports, fonts

walls, cpus, data_times = [], [], []
for _ in range(ROUNDS):
    t0, c0 = time.perf_counter(), time.process_time()
    parts = round_papers.bundle_parts(round_) if round_ is not None else parts_from_people()
    t1 = time.perf_counter()
    archive = bundle.bundle_zip([(f"{stem}.docx", registry.render(kind, data, "docx")) for kind, stem, data in parts])
    content = bundle.bundle_pdf(parts)
    walls.append(time.perf_counter() - t0)
    cpus.append(time.process_time() - c0)
    data_times.append(t1 - t0)
pages = len(PdfReader(io.BytesIO(content)).pages)
print(f"papers: {len(parts)}  pdf pages: {pages}  zip {len(archive) // 1024} KiB  pdf {len(content) // 1024} KiB")
print(
    f"bundle: best {min(walls):.2f} s, median {statistics.median(walls):.2f} s wall; best {min(cpus):.2f} s CPU; data {min(data_times) * 1000:.0f} ms"
)
