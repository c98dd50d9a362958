"""Rendering time of a long generated paper: a decision with its list of N lines (default 600, about 20 pages).

Reads only. Takes the decision with the most lines of the database when it has at least N (through
``documents.selectors.decision_document``, as the page does), otherwise a decision dict built from N real
people of the database (names, positions, units), so the texts have the province's lengths::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_<name> DJANGO_DEBUG=1 \\
        .venv/bin/python manage.py shell < bench/documents.py       # LINES=600 ROUNDS=3 in the environment

Prints per format the best and median wall time of ROUNDS renderings, the best CPU time of the process (less
sensitive to a loaded machine), the page count and the size.
"""

import datetime as dt
import io
import os
import statistics
import time

from django.db.models import Count
from pypdf import PdfReader

from thidua.accounts.models import User
from thidua.awards.models import Decision
from thidua.documents import decision as document
from thidua.documents import selectors
from thidua.people.models import Person

LINES = int(os.environ.get("LINES", "600"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))

biggest = Decision.objects.annotate(n=Count("awards")).order_by("-n").first()
if biggest is not None and biggest.n >= LINES:
    admin = User.objects.filter(is_superuser=True).first()
    _decision, data = selectors.decision_document(actor=admin, decision_id=biggest.pk)
    source = f"decision {biggest.pk} ({biggest.n} lines)"
else:
    people = list(Person.objects.select_related("current_unit").exclude(current_unit=None).order_by("pk")[:LINES])
    kinds = ["Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Giấy khen"]
    sections = [{"kind": k, "rows": []} for k in kinds]
    for i, p in enumerate(people):
        sections[min(i * len(kinds) // max(len(people), 1), len(kinds) - 1)]["rows"].append(
            {"name": p.full_name, "position": p.current_position, "unit": p.current_unit.name}
        )
    data = {
        "issuer": "Sở Giáo dục và Đào tạo Bắc Ninh",
        "parent": "UBND tỉnh Bắc Ninh",
        "place": "Bắc Ninh",
        "date": dt.date(2026, 6, 5),
        "number": "1234/QĐ-SGDĐT",
        "subject": "Khen thưởng các tập thể, cá nhân năm học 2025-2026",
        "signer_title": "Giám đốc",
        "signer_name": "Nguyễn Văn An",
        "bases": ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"],
        "school_year": "2025-2026",
        "sections": sections,
    }
    source = f"{len(people)} people of the database (no decision with {LINES} lines)"

print(f"source: {source}; load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
document.docx(data)  # warm up: template build, imports, font checks
document.pdf(data)
for fmt, render in (("docx", document.docx), ("pdf", document.pdf)):
    times, cpu = [], []
    for _ in range(ROUNDS):
        start, start_cpu = time.perf_counter(), time.process_time()
        content = render(data)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    pages = len(PdfReader(io.BytesIO(content)).pages) if fmt == "pdf" else "-"
    print(
        f"{fmt}: wall best {min(times):.2f} s, median {statistics.median(times):.2f} s; CPU best {min(cpu):.2f} s; "
        f"pages {pages}, {len(content) // 1024} KiB"
    )
print(f"load average after: {os.getloadavg()[0]:.2f}")
