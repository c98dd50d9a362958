"""School A's council of 2025-2026 in the demo, through the services.

Seven members with accounts (password ``demo12345``): ``council_a`` (secretary), ``council_a2`` (chair),
``council_a3`` … ``council_a7`` (members). The session of 20/05/2026 is open: ``council_a7`` is absent and
voted in writing (entered by the secretary with the scan, confirmed by the chair); the LĐTT of Phạm Ngọc Ánh
is tallied (6/7); the CSTĐCS of Trần Văn Đức is still being voted (``council_a`` has not voted yet).
"""

from __future__ import annotations

import datetime as dt

from thidua.councils import ballots, services
from thidua.councils.models import AttendanceStatus, MemberRole
from thidua.years.models import SchoolYear

from .movements import _plan_pdf

ROLES = [MemberRole.SECRETARY, MemberRole.CHAIR, *[MemberRole.MEMBER] * 5]
HELD_ON = dt.date(2026, 5, 20)


def _scan(name: str):
    upload = _plan_pdf()
    upload.name = name
    return upload


def seed_demo_councils(*, admin, officer, school_a, users: list, anh, duc) -> None:
    """``users``: the seven members' accounts (each linked to a person of school A), secretary and chair first."""
    year = SchoolYear.objects.get(code="2025-2026")
    council = services.council_create(actor=officer, unit=school_a, school_year=year, decision_number="05/QĐ-THCSYT",
                                      decision_date=dt.date(2025, 9, 8), decision_scan=_scan("qd-thanh-lap-hoi-dong.pdf"))  # fmt: skip
    members = [services.member_add(actor=officer, council=council, person=u.person, role=r) for u, r in zip(users, ROLES, strict=True)]
    services.council_activate(actor=officer, council=council)
    session = services.session_create(actor=officer, council=council, held_on=HELD_ON, place="Phòng họp Hội đồng sư phạm")
    secretary, chair, absent = users[0], users[1], members[-1]
    for member in members:
        written = member is absent
        services.attendance_set(actor=secretary, session=session, member=member,
                                status=AttendanceStatus.ABSENT_WRITTEN if written else AttendanceStatus.PRESENT,
                                reason="Đi tập huấn" if written else "")  # fmt: skip
    session = services.session_open(actor=officer, session=session)
    ldtt = services.item_add(actor=officer, session=session, kind_code="LDTT", person=anh)
    cstdcs = services.item_add(actor=officer, session=session, kind_code="CSTDCS", person=duc, lower_codes=["LDTT"])
    vote = ballots.written_vote_enter(actor=secretary, session=session, member=absent, choices={ldtt.pk: "agree", cstdcs.pk: "agree"},
                                      scan=_scan("y-kien-bang-van-ban.pdf"))  # fmt: skip
    ballots.written_vote_confirm(actor=chair, vote=vote)
    for user, choice in zip(users[:6], ["agree", "agree", "agree", "disagree", "agree", "agree"], strict=True):
        ballots.ballot_cast(actor=user, item=ldtt, choice=choice)
    ballots.item_tally(actor=officer, item=ldtt)
    for user, choice in zip(users[1:5], ["agree", "agree", "lower:LDTT", "agree"], strict=True):
        ballots.ballot_cast(actor=user, item=cstdcs, choice=choice)
