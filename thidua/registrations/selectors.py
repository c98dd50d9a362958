"""Reads of registrations, scoped by ``accounts.scope``: readers of the unit of record see its registrations,
a person sees their own. Lists page by keyset (``after`` = the last id seen) in a fixed number of queries:
the rows, their targets, their commitments."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from thidua.accounts.scope import Scope, scope_for
from thidua.awards.models import Category
from thidua.movements.models import Movement, MovementTarget
from thidua.movements.states import OPEN
from thidua.org.models import OrgUnit

from . import states
from .models import Commitment, CommitmentOption, Registration, RegistrationTarget

PAGE = 50


def visible_registrations_q(scope: Scope) -> Q:
    if scope.is_admin:
        return Q()
    q = Q(pk__in=[])
    if scope.read_paths:
        q |= scope.units_q("unit_of_record__")
    if scope.person_id:
        q |= Q(person_id=scope.person_id)
    return q


def registrations_visible(*, actor) -> QuerySet[Registration]:
    return Registration.objects.filter(visible_registrations_q(scope_for(actor)))


def _with_parts(qs: QuerySet[Registration]) -> QuerySet[Registration]:
    return qs.select_related("person", "unit", "unit_of_record", "school_year").prefetch_related(
        Prefetch("targets", queryset=RegistrationTarget.objects.select_related("kind").order_by("kind__rank", "id")),
        Prefetch("commitments", queryset=Commitment.objects.order_by("order", "id")),
    )


@dataclass
class RegistrationPage:
    rows: list[Registration]
    next_after: int | None  # the keyset of the next page, None on the last


def registration_list(
    *,
    actor,
    unit: OrgUnit,
    movement: Movement | None = None,
    school_year=None,
    status: str = "",
    after: int | None = None,
    limit: int = PAGE,
) -> RegistrationPage:
    """The registrations filed under ``unit`` and its subtree, by id, one page (three queries, whatever its size)."""
    qs = registrations_visible(actor=actor).filter(unit_of_record__path__startswith=unit.path)
    if movement is not None:
        qs = qs.filter(movement=movement)
    if school_year is not None:
        qs = qs.filter(school_year=school_year)
    if status:
        qs = qs.filter(status=status)
    if after:
        qs = qs.filter(pk__gt=after)
    rows = list(_with_parts(qs.order_by("pk"))[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return RegistrationPage(rows=rows, next_after=rows[-1].pk if more and rows else None)


def all_rows(*, actor, unit: OrgUnit, movement: Movement | None = None, school_year=None, status: str = "") -> Iterable[Registration]:
    """Every row of the list, page after page (the Excel export): a fixed number of queries per thousand rows."""
    after = None
    while True:
        page = registration_list(actor=actor, unit=unit, movement=movement, school_year=school_year, status=status, after=after, limit=1000)
        yield from page.rows
        if page.next_after is None:
            return
        after = page.next_after


def person_registrations(*, actor, person) -> list[Registration]:
    """The person's own registrations (their page, the person page), newest year first."""
    qs = registrations_visible(actor=actor).filter(person=person).exclude(status=states.RegistrationStatus.WITHDRAWN)
    return list(_with_parts(qs.select_related("movement").order_by("-school_year__start_date", "-pk")))


def open_movements(*, actor, unit: OrgUnit | None, day: dt.date | None = None) -> list[Movement]:
    """Launched movements reaching ``unit`` whose window is open on ``day`` (what a teacher may register for)."""
    if unit is None:
        return []
    day = day or timezone.localdate()
    reach = MovementTarget.objects.filter(movement=OuterRef("pk")).filter(
        Q(unit=unit) | Q(include_subtree=True, unit__path__in=unit.ancestor_paths())
    )
    qs = Movement.objects.filter(Q(Exists(reach)) | Q(launcher=unit), status__in=list(OPEN))
    qs = qs.filter(registration_opens__lte=day, registration_closes__gte=day)
    return list(qs.select_related("launcher", "school_year").order_by("registration_closes", "name"))


def commitment_options(*, unit: OrgUnit, school_year) -> list[CommitmentOption]:
    """The unit's list and its ancestors' (a Sở's list reaches its schools), without the retired lines."""
    paths = unit.ancestor_paths()
    return list(
        CommitmentOption.objects.filter(unit__path__in=paths, school_year=school_year, retired_at__isnull=True)
        .select_related("unit")
        .order_by("unit__path", "order")
    )


# -- facts for the rules engine ----------------------------------------------------------------------------
def registered_codes(*, person_ids: Iterable[int], school_year) -> dict[int, frozenset[str]]:
    """Person id -> codes approved for the school year (one query)."""
    out: dict[int, set[str]] = defaultdict(set)
    rows = RegistrationTarget.objects.filter(
        registration__person_id__in=list(person_ids),
        registration__school_year=school_year,
        registration__status=states.RegistrationStatus.APPROVED,
    ).values_list("registration__person_id", "kind_code")
    for pid, code in rows:
        out[pid].add(code)
    return {pid: frozenset(codes) for pid, codes in out.items()}


def approved_titles(*, unit_ids: Iterable[int], year: int) -> dict[int, dict[str, dt.datetime | None]]:
    """Unit id -> the titles of its approved collective registrations for school year ``year`` (2024 = 2024-2025),
    with the time each was approved, earliest first (one query, whatever the number of units)."""
    from thidua.rules.engine.facts import year_bounds

    out: dict[int, dict[str, dt.datetime | None]] = defaultdict(dict)
    rows = (
        RegistrationTarget.objects.filter(
            registration__unit_id__in=list(unit_ids),
            registration__school_year__start_date__range=year_bounds(year),
            registration__status=states.RegistrationStatus.APPROVED,
        )
        .order_by("registration__approved_at", "id")
        .values_list("registration__unit_id", "kind_code", "registration__approved_at")
    )
    for uid, code, approved_at in rows:
        out[uid].setdefault(code, approved_at)
    return dict(out)


# -- the paper form (bản đăng ký thi đua, NĐ 30/2020 layout) ----------------------------------------------
def _split(targets) -> tuple[list[str], list[str]]:
    titles = [t.kind.name for t in targets if t.kind.category == Category.TITLE]
    forms = [t.kind.name for t in targets if t.kind.category != Category.TITLE]
    return titles, forms


def _year_code(movement: Movement) -> str:
    from thidua.core.errors import DomainError

    from .services import year_of

    try:
        return year_of(movement).code
    except DomainError:  # a movement outside every school year: the form shows no year
        return ""


def registration_list_document(actor, unit: OrgUnit, movement: Movement | None) -> dict:
    """The approved registrations of ``unit`` (and its teams) in ``movement``, shaped as the paper form: individuals,
    then collectives. The keys are what the documents app's renderer reads. Without a movement, the blank form of
    the current school year (to fill by hand)."""
    from thidua.org.models import OrgUnit as Unit
    from thidua.years.models import SchoolYear

    rows = []
    if movement is not None:
        rows = list(
            _with_parts(
                registrations_visible(actor=actor).filter(
                    unit_of_record__path__startswith=unit.path, movement=movement, status=states.RegistrationStatus.APPROVED
                )
            ).order_by("person__sort_key", "unit__path", "pk")
        )
    individuals, collectives = [], []
    for r in rows:
        titles, forms = _split(list(r.targets.all()))
        commitments = [c.text for c in r.commitments.all()]
        if r.person_id:
            individuals.append({"order": len(individuals) + 1, "full_name": r.person.full_name, "position": r.position,
                                "emulation_titles": titles, "commendations": forms, "commitments": commitments})  # fmt: skip
        else:
            collectives.append({"order": len(collectives) + 1, "name": r.unit.name, "emulation_titles": titles,
                                "commendations": forms, "commitments": commitments})  # fmt: skip
    ancestors = {u.path: u for u in Unit.objects.filter(path__in=unit.ancestor_paths()).select_related("kind")}
    parent = next((u for u in ancestors.values() if u.pk == unit.parent_id), None)
    place = ""
    for path in reversed(unit.ancestor_paths()):
        ancestor = ancestors.get(path)
        if ancestor is not None and ancestor.kind.code == "commune":
            place = ancestor.name.removeprefix("UBND ").removeprefix("xã ").removeprefix("phường ").strip()
            break
    return {
        "issuer": unit.name,
        "parent": parent.name if parent else "",
        "place": place,
        "date": timezone.localdate(),
        "school_year": _year_code(movement)
        if movement is not None
        else getattr(SchoolYear.objects.filter(is_current=True).first(), "code", ""),
        "movement": movement.name if movement is not None else "",
        "individuals": individuals,
        "collectives": collectives,
    }


def reaching(unit: OrgUnit, *, open_only: bool = True) -> QuerySet[Movement]:
    """Movements launched to the unit (or by it) with a school year: what its registrations belong to."""
    reach = MovementTarget.objects.filter(movement=OuterRef("pk")).filter(
        Q(unit=unit) | Q(include_subtree=True, unit__path__in=unit.ancestor_paths())
    )
    qs = Movement.objects.filter(Q(Exists(reach)) | Q(launcher=unit)).exclude(status=Movement.Status.DRAFT)
    return qs.filter(status__in=list(OPEN)) if open_only else qs


def movement_for(actor, movement_id: int) -> Movement | None:
    """A movement the actor may register under: one they see, or one reaching their own school (a teacher sees no
    movement page, yet registers in the movements launched to their school)."""
    from thidua.movements.selectors import movements_visible

    movement = movements_visible(actor=actor).filter(pk=movement_id).first()
    person = getattr(actor, "person", None)
    if movement is None and person is not None and person.current_unit_id:
        movement = reaching(person.current_unit).filter(pk=movement_id).select_related("launcher", "school_year").first()
    return movement


@dataclass
class RegistrationPanel:
    """The registration criterion on a person's eligibility panel: what was approved for the year (advisory)."""

    school_year: str
    approved: list[str]  # names of the titles and forms approved
    waiting: list[str]  # names registered but not yet approved
    checks: list  # rules.engine.registration.RegistrationCheck per code asked about


def registration_panel(*, person, school_year_code: str, codes: Iterable[str] = ()) -> RegistrationPanel:
    """For a person already access-checked (one query): approved and waiting registrations of the school year."""
    from thidua.rules.engine.registration import registration_check

    rows = (
        RegistrationTarget.objects.filter(registration__person=person, registration__school_year__code=school_year_code)
        .exclude(registration__status=states.RegistrationStatus.WITHDRAWN)
        .values_list("kind_code", "kind__name", "registration__status")
    )
    approved, waiting, codes_ok = [], [], set()
    for code, name, status in rows:
        if status == states.RegistrationStatus.APPROVED:
            approved.append(name)
            codes_ok.add(code)
        else:
            waiting.append(name)
    return RegistrationPanel(school_year_code, approved, waiting, [registration_check(codes_ok, c) for c in codes])


def approved_pairs(unit: OrgUnit, school_year) -> list[tuple[object, str]]:
    """(subject, kind code) of every approved registration of the year filed under ``unit`` or below: the subject
    is the person or the collective (``OrgUnit``), one pair per title aimed for, people in name order. One query;
    access is the caller's (the review round's writer)."""
    targets = (
        RegistrationTarget.objects.filter(
            registration__status=states.RegistrationStatus.APPROVED,
            registration__school_year=school_year,
            registration__unit_of_record__path__startswith=unit.path,
        )
        .select_related("registration__person", "registration__unit")
        .order_by("registration__person__sort_key", "registration__unit__path", "kind_code", "id")
    )
    pairs: dict[tuple[str, str], tuple[object, str]] = {}
    for t in targets:
        r = t.registration
        subject = r.person if r.person_id else r.unit
        pairs.setdefault((f"p{r.person_id}" if r.person_id else f"u{r.unit_id}", t.kind_code), (subject, t.kind_code))
    return list(pairs.values())


def commitment_list(*, unit: OrgUnit, school_year) -> list[CommitmentOption]:
    """The unit's own list for the year, retired lines last, each with ``in_use`` (a registration chose it). Two queries."""
    from .models import Commitment

    rows = list(CommitmentOption.objects.filter(unit=unit, school_year=school_year).order_by("retired_at", "order", "id"))
    used = set(Commitment.objects.filter(option__in=rows).values_list("option_id", flat=True))
    for row in rows:
        row.in_use = row.pk in used
    return rows
