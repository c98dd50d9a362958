"""The busiest school's year-end round put on its council's agenda, tallied, and the council's papers rendered.

Run against a copy of the province database (nothing is kept: the run is rolled back)::

    createdb -h 127.0.0.1 -U postgres -T thidua_bench bench_ballot
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_ballot .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_ballot .venv/bin/python bench/round_agenda.py

Prints the time of ``rounds_build`` for the school (registrations and suggestions), of ``lines_to_agenda`` for
every proposed line (re-evaluation, lower titles, one ballot item each), of each tally with its line moved by the
hook, and of each paper in both formats.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings_test")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402

from bench.council import _pdf  # noqa: E402
from thidua.accounts.models import RoleAssignment, User  # noqa: E402
from thidua.councils import ballots, services  # noqa: E402
from thidua.councils.models import AttendanceStatus, MemberRole  # noqa: E402
from thidua.documents import council_selectors, registry  # noqa: E402
from thidua.nominations import agenda  # noqa: E402
from thidua.nominations import services as nominations  # noqa: E402
from thidua.org.models import OrgUnit  # noqa: E402
from thidua.people.models import Employment  # noqa: E402
from thidua.years.models import SchoolYear  # noqa: E402

MEMBERS = 15


def main() -> None:
    year = SchoolYear.objects.get(code="2025-2026")
    current = Employment.objects.filter(end_date__isnull=True, start_date__lte=year.start_date, unit__kind__code="school")
    busiest = current.values("unit").annotate(n=Count("id")).order_by("-n").first()
    school = OrgUnit.objects.get(pk=busiest["unit"])
    people = [e.person for e in current.filter(unit=school).select_related("person").order_by("person_id")]
    with transaction.atomic():
        officer = User.objects.create(username="bench_agenda_officer")
        RoleAssignment.objects.create(user=officer, unit=school, role="officer", valid_from=dt.date(2020, 1, 1))
        t0 = time.perf_counter()
        rounds = nominations.rounds_build(actor=officer, units=[school], school_year=year)
        built = time.perf_counter() - t0
        if not rounds:
            print("the school has a year-end round already")
            return
        round_ = rounds[0]
        council = services.council_create(actor=officer, unit=school, school_year=year, decision_number="01/QĐ",
                                          decision_date=dt.date(2025, 9, 5), decision_scan=_pdf())  # fmt: skip
        for i, person in enumerate(people[:MEMBERS]):
            role = MemberRole.CHAIR if i == 0 else MemberRole.SECRETARY if i == 1 else MemberRole.MEMBER
            services.member_add(actor=officer, council=council, person=person, role=role)
        services.council_activate(actor=officer, council=council)
        session = services.session_create(actor=officer, council=council, held_on=dt.date(2026, 5, 20))
        for member in council.members.all():
            services.attendance_set(actor=officer, session=session, member=member, status=AttendanceStatus.PRESENT)
        session = services.session_open(actor=officer, session=session)
        lines = round_.lines.count()
        t0 = time.perf_counter()
        items = agenda.lines_to_agenda(actor=officer, round_=round_, session=session)
        put = time.perf_counter() - t0
        times = []
        for item in items:
            t0 = time.perf_counter()
            ballots.item_tally(actor=officer, item=item)  # no ballots: every item fails, every line moves
            times.append(time.perf_counter() - t0)
        moved = round_.lines.filter(state="failed").count()
        papers = {}
        for kind in council_selectors.KINDS:
            for fmt in ("docx", "pdf"):
                t0 = time.perf_counter()
                _s, data = council_selectors.session_document(actor=officer, session_id=session.pk, kind=kind)
                registry.render(kind, data, fmt)
                papers[f"{kind}.{fmt}"] = time.perf_counter() - t0
        transaction.set_rollback(True)
    print(f"school {school.code}: {len(people)} staff; rounds_build {built:.2f} s, {lines} lines")
    print(f"lines_to_agenda: {len(items)} items in {put:.2f} s ({put / max(len(items), 1) * 1000:.0f} ms each)")
    print(f"tally with the line moved: median {statistics.median(times) * 1000:.1f} ms, slowest {max(times) * 1000:.1f} ms; "
          f"{moved}/{lines} lines moved")  # fmt: skip
    print("papers: " + ", ".join(f"{k} {v:.2f} s" for k, v in papers.items()))
    print(f"load average: {os.getloadavg()}")
    connection.close()


if __name__ == "__main__":
    main()
