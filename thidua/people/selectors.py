"""Reads of people, scoped to the actor."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, prefetch_related_objects
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.core.errors import DomainError
from thidua.core.vietnamese import search_terms
from thidua.org.models import OrgUnit
from thidua.years.models import SchoolYear

from .models import AnnualRating, Discipline, Employment, Leave, Person


def _people_in(*, actor, unit: OrgUnit | None, current_only: bool) -> QuerySet[Person]:
    """The people the actor may see, inside ``unit``'s subtree when given (no name filter, no order)."""
    qs = Person.objects.filter(scope_for(actor).people_q())
    if unit is not None:
        if current_only:
            qs = qs.filter(current_unit__path__startswith=unit.path)
        else:
            qs = qs.filter(pk__in=Employment.objects.filter(unit__path__startswith=unit.path).values("person_id"))
    return qs


def _name_q(terms: list[str]) -> Q:
    q = Q()
    for term in terms:
        q &= Q(name_folded__contains=term)
    return q


def people_list(*, actor, query: str = "", unit: OrgUnit | None = None, current_only: bool = False) -> QuerySet[Person]:
    """People the actor may see, filtered by name (diacritic-blind) and by unit subtree, in Vietnamese order.

    ``unit`` keeps people who worked (``current_only``: work now) anywhere in that unit's subtree.
    The whole list (exports, pickers); a page of it with ``people_page``.
    """
    qs = _people_in(actor=actor, unit=unit, current_only=current_only)
    terms = search_terms(query)
    qs = qs.filter(_name_q(terms)).select_related("current_unit")
    if terms:
        # With a name search, sort the (few) matches instead of walking the sort_key index over the
        # whole scope: Lower() is the identity on the ASCII key but hides it from the index, so
        # PostgreSQL fetches the matches through the trigram index first (docs/benchmarks.md).
        return qs.order_by(Lower("sort_key"), "id")
    return qs.order_by("sort_key", "id")


# -- one page of people, without counting them all (docs/decisions/0008-people-pages-without-a-count.md) --

# With a name search, first look for the page among the next people in order, in walks of growing length
# (cheap when the name is common, even when its bearers come in runs of the sort order: names sort by given
# name, then middle name, so the "Thị" of "Thị An" come after every "Anh An"); only when the walks hold too
# few matches, sort all the matches (cheap when the name is rare).
WALKS = (300, 3000, 30000)  # people walked in index order: two columns of index rows each, cheap
SCOPE_CHECKED = 2000  # a scoped actor's matches checked against the scope after a walk, at most
WALK_OFFSET = 500
_CURSOR = re.compile(r"^([a-z]{1,400})\.([1-9][0-9]{0,17})$")


@dataclass(frozen=True)
class PeoplePage:
    """``people``: at most ``limit`` rows; ``more``: whether rows follow; ``next``: the cursor of the next
    page (``after=``) when they do; ``count``: the total when it is known without counting (the list ends on
    this page), else None."""

    people: list[Person]
    more: bool
    next: str | None
    count: int | None


def cursor_of(person: Person) -> str:
    return f"{person.sort_key}.{person.pk}"


def _position(after: str) -> tuple[str, int] | None:
    if not after:
        return None
    match = _CURSOR.match(after)
    if match is None:
        raise DomainError(_("Vị trí trang không hợp lệ; hãy mở lại danh sách từ đầu."), code="bad_cursor", field="after")
    return match.group(1), int(match.group(2))


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _walk(ordered: QuerySet[Person], terms: list[str], span: int, want: int) -> tuple[int, list[int]]:
    """How many people the walk over the next ``span`` in order met, and the keys of the first ``want`` of
    them whose folded name holds every term (as ``name_folded__contains`` matches), in order: one query, the
    database walking the ``sort_key`` index and returning only the matches."""
    inner, params = ordered.values_list("id", "sort_key", "name_folded")[:span].query.sql_with_params()
    like = " AND ".join("w.name_folded LIKE %s ESCAPE '\\'" for _ in terms)
    sql = (
        f"WITH w (id, sort_key, name_folded) AS MATERIALIZED ({inner}) "
        f"SELECT c.n, m.id FROM (SELECT count(*) AS n FROM w) c LEFT JOIN "
        f"(SELECT w.id, w.sort_key FROM w WHERE {like} ORDER BY w.sort_key, w.id LIMIT %s) m ON 1 = 1 "
        "ORDER BY m.sort_key, m.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *(_like(t) for t in terms), want])
        rows = cursor.fetchall()
    return rows[0][0], [pk for _, pk in rows if pk is not None]


def _matches_in_walk(
    everyone: QuerySet[Person], base: QuerySet[Person], terms: list[str], wanted: slice, *, scoped: bool
) -> list[Person] | None:
    """The ``wanted`` matches if they lie among the next people in order, else None.

    The walks (of growing length) run over ``everyone`` after the cursor, the whole table in index order, which
    costs index rows only; a scoped actor's matches among them are then checked against ``base`` (scope and
    unit) in one more query on at most SCOPE_CHECKED keys. Walking the scope itself would check the scope of
    every person walked, and an officer sees a few percent of a nation's people."""
    if wanted.start > WALK_OFFSET:
        return None  # deep offsets (API clients) go straight to the sorted matches
    for walk in WALKS:
        span = wanted.stop - 1 + walk
        if not scoped:
            walked, matched = _walk(everyone, terms, span, wanted.stop)
            if len(matched) >= wanted.stop or walked < span:
                keys = matched[wanted]
                found = Person.objects.select_related("current_unit").in_bulk(keys)
                return [found[pk] for pk in keys]
            continue
        walked, matched = _walk(everyone, terms, span, SCOPE_CHECKED)
        truncated = len(matched) == SCOPE_CHECKED
        rows = list(base.filter(pk__in=matched).select_related("current_unit").order_by("sort_key", "id")[: wanted.stop])
        if len(rows) >= wanted.stop or (walked < span and not truncated):
            return rows[wanted]
        if truncated:
            return None  # a longer walk would check the same first keys again
    return None


def people_page(
    *,
    actor,
    query: str = "",
    unit: OrgUnit | None = None,
    current_only: bool = False,
    after: str = "",
    offset: int = 0,
    limit: int = 25,
) -> PeoplePage:
    """One page of ``people_list`` (same people, same order) after the cursor ``after`` and ``offset`` rows,
    in one query (two with a name search) and without a ``COUNT`` of the whole list (``DomainError``
    ``bad_cursor`` for a malformed cursor)."""
    scoped = _people_in(actor=actor, unit=unit, current_only=current_only)
    base = scoped
    position = _position(after)
    if position is not None:
        key, pk = position
        base = base.filter(Q(sort_key__gt=key) | Q(sort_key=key, pk__gt=pk))
    ordered = base.order_by("sort_key", "id")
    everyone = Person.objects.all()
    if unit is None and scope_for(actor).is_admin:
        everyone = base  # the same rows
    elif position is not None:
        everyone = everyone.filter(Q(sort_key__gt=key) | Q(sort_key=key, pk__gt=pk))
    everyone = everyone.order_by("sort_key", "id")
    terms = search_terms(query)
    wanted = slice(offset, offset + limit + 1)  # one more row tells whether a next page exists
    if not terms:
        rows = list(ordered.select_related("current_unit")[wanted])
    else:
        rows = _matches_in_walk(everyone, base, terms, wanted, scoped=not scope_for(actor).is_admin or unit is not None)
        if rows is None:  # too few matches among the next people: sort all the matches
            matches = scoped.filter(_name_q(terms)).annotate(lower_key=Lower("sort_key"))
            if position is not None:  # on Lower() too, or the cursor leads the planner back to the index walk
                matches = matches.filter(Q(lower_key__gt=key) | Q(lower_key=key, pk__gt=pk))
            rows = list(matches.select_related("current_unit").order_by("lower_key", "id")[wanted])
    more = len(rows) > limit
    people = rows[:limit]
    known = not more and position is None and (people or offset == 0)
    return PeoplePage(
        people=people,
        more=more,
        next=cursor_of(people[-1]) if more else None,
        count=offset + len(people) if known else None,
    )


def _record_prefetches() -> list[Prefetch]:
    return [
        Prefetch("employments", queryset=Employment.objects.select_related("unit", "unit__successor").order_by("-start_date")),
        Prefetch("ratings", queryset=AnnualRating.objects.select_related("school_year", "unit").order_by("-school_year__start_date")),
        Prefetch("disciplines", queryset=Discipline.objects.order_by("-start_date")),
        Prefetch("leaves", queryset=Leave.objects.order_by("-start_date")),
    ]


def person_record(*, person: Person) -> Person:
    """A person (already access-checked) with everything the person page shows, in a fixed number of queries.

    The person ``access_person`` loaded (with its current unit and kind) is filled in place, not read again."""
    unit_loaded = Person.current_unit.is_cached(person) and (person.current_unit is None or OrgUnit.kind.is_cached(person.current_unit))
    if not unit_loaded:
        person = Person.objects.select_related("current_unit", "current_unit__kind").get(pk=person.pk)
    for name in ("employments", "ratings", "disciplines", "leaves"):
        getattr(person, "_prefetched_objects_cache", {}).pop(name, None)  # a fresh read, not a stale cache
    prefetch_related_objects([person], *_record_prefetches())
    return person


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
