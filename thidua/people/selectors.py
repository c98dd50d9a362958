"""Reads of people, scoped to the actor."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Lower

from thidua.accounts.scope import scope_for
from thidua.core.vietnamese import search_terms
from thidua.org.models import OrgUnit

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
