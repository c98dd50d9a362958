"""Reads of people, scoped to the actor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from django.utils import timezone

from thidua.accounts.scope import scope_for
from thidua.core.vietnamese import search_terms
from thidua.org.models import OrgUnit
from thidua.years.models import SchoolYear

from .models import AnnualRating, Discipline, Employment, Leave, Person


def people_list(*, actor, query: str = "", unit: OrgUnit | None = None, current_only: bool = False) -> QuerySet[Person]:
    """People the actor may see, filtered by name (diacritic-blind) and by unit subtree, in Vietnamese order.

    ``unit`` keeps people who worked (``current_only``: work now) anywhere in that unit's subtree.
    """
    qs = Person.objects.filter(scope_for(actor).people_q())
    terms = search_terms(query)
    for term in terms:
        qs = qs.filter(name_folded__contains=term)
    if unit is not None:
        if current_only:
            qs = qs.filter(current_unit__path__startswith=unit.path)
        else:
            qs = qs.filter(pk__in=Employment.objects.filter(unit__path__startswith=unit.path).values("person_id"))
    qs = qs.select_related("current_unit")
    if terms:
        # With a name search, sort the (few) matches instead of walking the sort_key index over the
        # whole scope: Lower() is the identity on the ASCII key but hides it from the index, so
        # PostgreSQL fetches the matches through the trigram index first (docs/benchmarks.md).
        return qs.order_by(Lower("sort_key"), "id")
    return qs.order_by("sort_key", "id")


def person_record(*, person: Person) -> Person:
    """A person (already access-checked) with everything the person page shows, in a fixed number of queries."""
    return (
        Person.objects.select_related("current_unit", "current_unit__kind")
        .prefetch_related(
            Prefetch("employments", queryset=Employment.objects.select_related("unit", "unit__successor").order_by("-start_date")),
            Prefetch("ratings", queryset=AnnualRating.objects.select_related("school_year", "unit").order_by("-school_year__start_date")),
            Prefetch("disciplines", queryset=Discipline.objects.order_by("-start_date")),
            Prefetch("leaves", queryset=Leave.objects.order_by("-start_date")),
        )
        .get(pk=person.pk)
    )


STAFF_SHOWN = 300


@dataclass(frozen=True)
class StaffInYear:
    """Who worked in a unit's subtree during a school year, as of ``day`` (the year's end, or today while it runs).

    ``present``: still there on ``day`` (the headcount), each with ``since`` (first day in the subtree),
    ``position_here`` (the position held there that day) and ``joined`` (arrived during the year); ``moved_away``: there during the year but gone by ``day``, each with
    ``since`` and ``left_on``. The lists stop at ``STAFF_SHOWN`` rows; the counts are complete."""

    year: SchoolYear
    day: dt.date
    headcount: int
    joined_count: int
    moved_count: int
    present: list[Person]
    moved_away: list[Person]


def staff_in_year(*, actor, unit: OrgUnit, year: SchoolYear, today: dt.date | None = None) -> StaffInYear:
    """The staff of ``unit`` (and its subtree) in ``year``, scoped to the actor (three queries)."""
    day = min(today or timezone.localdate(), year.end_date)
    scope = scope_for(actor)
    here = Employment.objects.filter(scope.units_q("unit__"), person=OuterRef("pk"), unit__path__startswith=unit.path)
    during = here.filter(start_date__lte=year.end_date).filter(Q(end_date__isnull=True) | Q(end_date__gte=year.start_date))
    on_day = here.filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
    before = here.filter(start_date__lt=year.start_date)
    first_day = here.order_by("start_date").values("start_date")[:1]
    last_day = here.filter(start_date__lte=day).order_by(F("end_date").desc(nulls_first=True)).values("end_date")[:1]
    people = (
        Person.objects.filter(Exists(during))
        .annotate(is_present=Exists(on_day), joined=~Exists(before), since=Subquery(first_day), left_on=Subquery(last_day))
        # The position held here that day, not the one held now (perhaps in another unit).
        .annotate(position_here=Subquery(on_day.order_by("-start_date").values("position")[:1]))
        .select_related("current_unit")
    )
    counts = people.aggregate(
        headcount=Count("pk", filter=Q(is_present=True)),
        joined_count=Count("pk", filter=Q(is_present=True, joined=True)),
        moved_count=Count("pk", filter=Q(is_present=False)),
    )
    return StaffInYear(
        year=year,
        day=day,
        present=list(people.filter(is_present=True).order_by("sort_key", "id")[:STAFF_SHOWN]),
        moved_away=list(people.filter(is_present=False).order_by("-left_on", "sort_key", "id")[:STAFF_SHOWN]),
        **counts,
    )
