"""A council of 15 members voting on 60 items: every member casts on every item, then each item is tallied.

Run against a copy of the province database (migrated; nothing is kept: the run is rolled back)::

    createdb -h 127.0.0.1 -U postgres -T thidua_bench bench_council
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_council .venv/bin/python manage.py migrate councils
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_council .venv/bin/python bench/council.py

Prints the time of the 900 casts, of each tally (median, slowest) and of all 60 tallies; a tally includes
writing the ballot result and the confirmations the engine reads (``rules.services``), as in production.
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

from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402

from thidua.accounts.models import RoleAssignment, User  # noqa: E402
from thidua.councils import ballots, services  # noqa: E402
from thidua.councils.models import AttendanceStatus, MemberRole  # noqa: E402
from thidua.org.models import OrgUnit  # noqa: E402
from thidua.people.models import Employment  # noqa: E402
from thidua.years.models import SchoolYear  # noqa: E402

MEMBERS, ITEMS = 15, 60
TITLES = ["LDTT", "CSTDCS", "GK"]


def _pdf() -> ContentFile:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return ContentFile(out.getvalue(), name="qd.pdf")


def main() -> None:
    year = SchoolYear.objects.get(code="2025-2026")
    held_on = dt.date(2026, 5, 20)
    current = Employment.objects.filter(end_date__isnull=True, start_date__lte=year.start_date, unit__kind__code="school")
    busiest = current.values("unit").annotate(n=Count("id")).order_by("-n").first()
    school = OrgUnit.objects.get(pk=busiest["unit"])
    people = [e.person for e in current.filter(unit=school).select_related("person").order_by("person_id")]
    print(f"school {school.code}: {len(people)} staff; council of {MEMBERS}, {ITEMS} items")
    with transaction.atomic():
        officer = User.objects.create(username="bench_council_officer")
        RoleAssignment.objects.create(user=officer, unit=school, role="officer", valid_from=dt.date(2020, 1, 1))
        council = services.council_create(actor=officer, unit=school, school_year=year, decision_number="01/QĐ",
                                          decision_date=dt.date(2025, 9, 5), decision_scan=_pdf())  # fmt: skip
        users = []
        for i, person in enumerate(people[:MEMBERS]):
            user = User.objects.filter(person=person).first() or User.objects.create(username=f"bench_council_{i}", person=person)
            users.append(user)
            role = MemberRole.CHAIR if i == 0 else MemberRole.SECRETARY if i == 1 else MemberRole.MEMBER
            services.member_add(actor=officer, council=council, person=person, role=role)
        services.council_activate(actor=officer, council=council)
        session = services.session_create(actor=officer, council=council, held_on=held_on)
        for member in council.members.all():
            services.attendance_set(actor=officer, session=session, member=member, status=AttendanceStatus.PRESENT)
        session = services.session_open(actor=officer, session=session)
        nominees = people[MEMBERS:] or people
        items = [
            services.item_add(
                actor=officer,
                session=session,
                kind_code=TITLES[i % 3],
                person=nominees[i % len(nominees)],
                lower_codes=["LDTT"] if TITLES[i % 3] == "CSTDCS" else [],
            )
            for i in range(ITEMS)
        ]
        started = time.perf_counter()
        for item in items:
            for j, user in enumerate(users):
                if item.person_id == user.person_id:
                    continue  # recused
                ballots.ballot_cast(actor=user, item=item, choice="agree" if j % 7 else "disagree")
        casts = time.perf_counter() - started
        times = []
        for item in items:
            t0 = time.perf_counter()
            ballots.item_tally(actor=officer, item=item)
            times.append(time.perf_counter() - t0)
        transaction.set_rollback(True)
    print(f"casts: {MEMBERS * ITEMS} in {casts:.2f} s ({casts / (MEMBERS * ITEMS) * 1000:.1f} ms each)")
    print(
        f"tally per item: median {statistics.median(times) * 1000:.1f} ms, slowest {max(times) * 1000:.1f} ms; all {ITEMS}: {sum(times):.2f} s"
    )
    print(f"load average: {os.getloadavg()}")
    connection.close()


if __name__ == "__main__":
    main()
