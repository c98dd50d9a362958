"""A council of school A (2025-2026) with accounts for its members, a session and items, for the tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import UserFactory, grant, make_person
from tests.factories_awards import tiny_pdf
from thidua.councils import ballots, services
from thidua.councils.models import AttendanceStatus, Council, MemberRole, Session
from thidua.years.models import SchoolYear

HELD_ON = dt.date(2026, 5, 20)


def pdf(name: str = "qd.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf(), content_type="application/pdf")


@dataclass
class Board:
    council: Council
    users: list = field(default_factory=list)  # users[0] is the chair, users[1] the secretary
    members: list = field(default_factory=list)
    session: Session | None = None


def make_council(world, *, size: int = 9, unit=None, prefix: str = "hd", activate: bool = True) -> Board:
    unit = unit or world.school_a
    year = SchoolYear.objects.get(code="2025-2026")
    council = services.council_create(actor=world.admin, unit=unit, school_year=year, decision_number="01/QĐ-THCSYT",
                                      decision_date=dt.date(2025, 9, 5), decision_scan=pdf())  # fmt: skip
    board = Board(council)
    for i in range(size):
        person = make_person(name=f"Thành viên Số {i + 1:02d}", unit=unit)
        user = UserFactory(username=f"{prefix}{i + 1}", person=person)
        grant(user, "council_member", unit)
        role = MemberRole.CHAIR if i == 0 else MemberRole.SECRETARY if i == 1 else MemberRole.MEMBER
        board.members.append(services.member_add(actor=world.admin, council=council, person=person, role=role))
        board.users.append(user)
    if activate:
        services.council_activate(actor=world.admin, council=council)
    return board


def open_session(world, board: Board, *, absent: int = 0, written: int = 0, mode: str = "electronic") -> Session:
    """A session with everyone present but the last ``absent + written`` members (``written`` of them in writing)."""
    session = services.session_create(actor=world.admin, council=board.council, held_on=HELD_ON, mode=mode)
    n = len(board.members)
    for i, member in enumerate(board.members):
        status = AttendanceStatus.PRESENT
        if i >= n - absent - written:
            status = AttendanceStatus.ABSENT_WRITTEN if i >= n - written else AttendanceStatus.ABSENT
        services.attendance_set(
            actor=world.admin, session=session, member=member, status=status, reason="" if status == "present" else "Ốm"
        )
    board.session = services.session_open(actor=world.admin, session=session)
    return board.session


def cast_all(board: Board, item, choices: list[str]) -> None:
    """The first ``len(choices)`` members cast these choices."""
    for user, choice in zip(board.users, choices, strict=False):
        ballots.ballot_cast(actor=user, item=item, choice=choice)
