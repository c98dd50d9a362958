"""What the home page shows each person: what they have to do next, read through the scoped selectors.

One ``Agenda`` per login, built from the roles held today (``scope.role_paths``): an officer sees the
movements waiting for their units' response, the imports waiting for them and the staff still without a rating for the year under review; a head what
awaits their approval and the decisions recently recorded; a council member the eligibility pages on the
agenda; a person linked to a career record (a teacher) their latest ratings and awards and what is missing
for the next title up. Every link points to a page the actor may open. A fixed number of queries per role.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from thidua.org.models import OrgUnit
from thidua.years.models import SchoolYear

from .home_counts import HomeCounts
from .models import Role
from .scope import scope_for

RECENT = 5


@dataclass
class Agenda:
    name: str
    year: SchoolYear | None
    units: list[OrgUnit] = field(default_factory=list)  # the units the roles are held on (officer, head, council)
    roles: frozenset[str] = frozenset()
    imports_waiting: list = field(default_factory=list)  # checked, waiting for someone to write them
    imports_running: int = 0
    movements_awaiting: list = field(default_factory=list)  # responses the actor's units owe to running movements
    unrated: int | None = None  # people employed in the actor's units that year without a rating
    decisions: list = field(default_factory=list)
    record: list = field(default_factory=list)  # the person's latest ratings and awards (TimelineEntry)
    eligibility: object | None = None  # the person's ``Evaluated`` answer, or None
    counts: HomeCounts | None = None  # the page's counts, kept per data version (home_counts.py)
    ballots_waiting: list = field(default_factory=list)  # (council session, items left) where the person still votes
    person_id: int | None = None

    @property
    def is_officer(self) -> bool:
        return Role.OFFICER in self.roles

    @property
    def is_head(self) -> bool:
        return Role.HEAD in self.roles

    @property
    def is_council(self) -> bool:
        return Role.COUNCIL_MEMBER in self.roles

    @property
    def writes(self) -> bool:
        return self.is_officer or self.is_head


def year_under_review() -> SchoolYear | None:
    """The school year the home page works on: the year under review (``years.review``, one query), or the
    current one when that year is not in the table."""
    from thidua.years.review import default_review_year

    code = SchoolYear.code_for(default_review_year())
    return SchoolYear.objects.filter(code=code).first() or SchoolYear.objects.filter(is_current=True).first()


def _unrated(paths: tuple[str, ...], year: SchoolYear) -> int:
    """People employed in one of ``paths``' subtrees during ``year`` with no rating for it (one query)."""
    from thidua.people.models import AnnualRating, Employment, Person

    where = Q(pk__in=[])
    for path in paths:
        where |= Q(unit__path__startswith=path)
    employed = (
        Employment.objects.filter(where, start_date__lte=year.end_date)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=year.start_date))
        .values("person_id")
    )
    rated = AnnualRating.objects.filter(school_year=year).values("person_id")
    return Person.objects.filter(pk__in=employed).exclude(pk__in=rated).count()


def agenda_for(user) -> Agenda:
    scope = scope_for(user)
    roles = frozenset(role for role, _path in scope.role_paths)
    year = year_under_review()
    agenda = Agenda(name=user.display_name, year=year, roles=roles, person_id=user.person_id)
    unit_paths = tuple(sorted({path for role, path in scope.role_paths if role != Role.STAFF}))
    if unit_paths:
        agenda.units = list(OrgUnit.objects.filter(path__in=unit_paths).select_related("kind").order_by("path"))
    if agenda.writes:
        from thidua.imports.models import ImportBatch
        from thidua.imports.selectors import batches_visible

        batches = batches_visible(actor=user).filter(scope.units_q("unit__", write=True))
        agenda.imports_waiting = list(batches.filter(status=ImportBatch.Status.VALIDATED)[:RECENT])
        running = (ImportBatch.Status.PENDING, ImportBatch.Status.VALIDATING, ImportBatch.Status.COMMITTING)
        agenda.imports_running = batches.filter(status__in=running).count()
    if agenda.writes:
        from thidua.movements.selectors import responses_awaiting

        agenda.movements_awaiting = list(responses_awaiting(actor=user)[: RECENT * 2])
    agenda.counts = HomeCounts(user, year.code if year else "", ("",) if scope.is_admin else scope.read_paths)
    if agenda.is_officer and year is not None:
        write_paths = tuple(path for role, path in scope.role_paths if role == Role.OFFICER)
        agenda.unrated = agenda.counts.get("unrated", lambda: _unrated(write_paths, year))
    if agenda.is_head:
        from thidua.awards.selectors import decision_list

        agenda.decisions = list(decision_list(actor=user).select_related("issuer")[:RECENT])
    if user.person_id:
        agenda.ballots_waiting = _ballots_waiting(user.person_id)
        _own_record(agenda, user, year)
    return agenda


def _ballots_waiting(person_id: int) -> list[tuple]:
    """The open electronic council sessions where the person sits present with a vote and items are left that they
    have neither voted on nor been recused from (one query, then one per such session: a handful at most)."""
    from thidua.councils.models import Attendance, AttendanceStatus, BallotItem, Session, SessionMode

    present = Attendance.objects.filter(
        member__person_id=person_id, member__votes=True, status=AttendanceStatus.PRESENT,
        session__status=Session.Status.OPEN, session__mode=SessionMode.ELECTRONIC,
    ).select_related("session__council__unit")  # fmt: skip
    out = []
    for seat in present:
        left = (
            BallotItem.objects.filter(session=seat.session, status=BallotItem.Status.OPEN)
            .exclude(receipts__member_id=seat.member_id)
            .exclude(recusals__member_id=seat.member_id)
            .count()
        )
        if left:
            out.append((seat.session, left))
    return out


def _own_record(agenda: Agenda, user, year: SchoolYear | None) -> None:
    """The person's latest ratings and awards, and their eligibility for the year under review."""
    from thidua.awards.selectors import person_timeline
    from thidua.rules.selectors import day_for, evaluate_person

    person = user.person
    entries = person_timeline(actor=user, person=person)
    agenda.record = [e for e in entries if e.kind in ("award", "rating")][: RECENT * 2]
    if year is not None:
        answer = evaluate_person(person=person, year=year.start_date.year, day=day_for(year.start_date.year))
    else:
        answer = evaluate_person(person=person)
    agenda.eligibility = answer if answer.persons else None
