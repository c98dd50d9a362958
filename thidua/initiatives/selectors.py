"""Reads of initiatives, scoped by ``accounts.scope``: readers of the unit see its initiatives, an author their
own, a member of the unit's initiative council those before it. Near-duplicate candidates come from
``similar``: on PostgreSQL a trigram prefilter (GIN index, ``initiatives/0002``) picks the nearest 200, then
``similarity.rank`` rescores them in Python; on SQLite the pool is scored in full (same scores)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from thidua.accounts.scope import Scope, scope_for

from . import similarity, states
from .models import CouncilSeat, Initiative, InitiativeAuthor, InitiativeCouncil, Ruling, Score

S = states.InitiativeStatus
PAGE = 50
PREFILTER = 200
YEARS_BACK = 5


def visible_q(scope: Scope) -> Q:
    if scope.is_admin:
        return Q()
    q = Q(pk__in=[])
    if scope.read_paths:
        q |= scope.units_q("unit__")
    if scope.person_id:
        q |= Q(authors__person_id=scope.person_id)
        seats = CouncilSeat.objects.filter(person_id=scope.person_id).values_list("council__unit_id", "council__school_year_id")
        for unit_id, year_id in seats:
            q |= Q(unit_id=unit_id, school_year_id=year_id) & ~Q(status=S.DRAFT)
    return q


def visible(*, actor) -> QuerySet[Initiative]:
    return Initiative.objects.filter(visible_q(scope_for(actor))).distinct()


def with_parts(qs: QuerySet[Initiative]) -> QuerySet[Initiative]:
    return qs.select_related("unit", "school_year").prefetch_related(
        Prefetch("authors", queryset=InitiativeAuthor.objects.select_related("person").order_by("order", "id")),
        "recognitions",
    )


def initiative_list(*, actor, status: str = "", school_year=None, mine: bool = False, after: int | None = None, limit: int = PAGE):
    qs = visible(actor=actor)
    if mine:
        person_id = scope_for(actor).person_id
        qs = qs.filter(authors__person_id=person_id) if person_id else qs.none()
    if status:
        qs = qs.filter(status=status)
    if school_year is not None:
        qs = qs.filter(school_year=school_year)
    if after is not None:
        qs = qs.filter(pk__lt=after)
    rows = list(with_parts(qs.order_by("-id"))[: limit + 1])
    return rows[:limit], (rows[limit - 1].pk if len(rows) > limit else None)


def council_of(initiative: Initiative) -> InitiativeCouncil | None:
    return InitiativeCouncil.objects.filter(unit_id=initiative.unit_id, school_year_id=initiative.school_year_id).first()


def seat_of(actor, initiative: Initiative) -> CouncilSeat | None:
    person_id = scope_for(actor).person_id
    if not person_id:
        return None
    return (
        CouncilSeat.objects.filter(
            person_id=person_id, council__unit_id=initiative.unit_id, council__school_year_id=initiative.school_year_id
        )
        .select_related("council")
        .first()
    )


def authors_hidden(actor, initiative: Initiative) -> bool:
    """Blind mode: the council's members see authors as codes until the council's result is known."""
    if initiative.status in states.DECIDED:
        return False
    council = council_of(initiative)
    if council is None or not council.blind:
        return False
    scope = scope_for(actor)
    if scope.is_admin or scope.can_write_unit(initiative.unit):
        return False
    return not (scope.person_id and initiative.authors.filter(person_id=scope.person_id).exists())


@dataclass
class Result:
    seats: int
    scored: int  # members who scored every criterion
    mean: Decimal | None  # the mean of the members' totals
    passed: bool


def result(initiative: Initiative) -> Result:
    council = council_of(initiative)
    totals: dict[int, Decimal] = {}
    counts: dict[int, int] = {}
    for seat_id, points in Score.objects.filter(initiative=initiative).values_list("seat_id", "points"):
        totals[seat_id] = totals.get(seat_id, Decimal(0)) + points
        counts[seat_id] = counts.get(seat_id, 0) + 1
    from .models import Criterion

    n_criteria = Criterion.objects.count()
    complete = [t for s, t in totals.items() if counts[s] == n_criteria]
    mean = (sum(complete, Decimal(0)) / len(complete)).quantize(Decimal("0.01")) if complete else None
    seats = council.seats.count() if council else 0
    passed = bool(council and mean is not None and mean >= council.pass_mark)
    return Result(seats=seats, scored=len(complete), mean=mean, passed=passed)


# -- near-duplicates -------------------------------------------------------------------------------------
@dataclass
class Similar:
    candidate: Initiative
    score: float
    title_score: float
    body_score: float
    restricted: bool  # outside the reader's scope: title, unit, year and scope only
    very_close: bool
    ruling: Ruling | None
    title_runs: list[tuple[str, bool]]
    summary_runs: list[tuple[str, bool]]


def body_of(i: Initiative) -> str:
    return f"{i.summary} {i.solution}"


def _pool(initiative: Initiative, scope: Scope) -> QuerySet[Initiative]:
    start = initiative.school_year.start_date.replace(year=initiative.school_year.start_date.year - YEARS_BACK)
    recognised = Q(status__in=[S.RECOGNISED, S.FORWARDED])
    seen = visible_q(scope) & ~Q(status__in=[S.DRAFT, S.WITHDRAWN])
    qs = Initiative.objects.filter(seen | recognised).filter(Q(pk__lt=initiative.pk) | recognised).exclude(pk=initiative.pk)
    return qs.filter(Q(school_year__start_date__gte=start) | Q(scope__in=["province", "national"])).distinct()


def _trigram() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def _prefiltered(qs: QuerySet[Initiative], initiative: Initiative) -> list[Initiative]:
    fields = ("id", "title", "summary", "solution", "unit_id", "school_year_id", "status", "scope", "created_at")
    if not _trigram():
        return list(qs.only(*fields))
    ids = list(
        qs.extra(where=["(initiatives_initiative.search_key %% %s OR initiatives_initiative.title_folded %% %s)"],
                 params=[initiative.search_key, initiative.title_folded],
                 select={"sim": "similarity(initiatives_initiative.search_key, %s)"}, select_params=[initiative.search_key])
        .order_by("-sim")
        .values_list("id", flat=True)[:PREFILTER]
    )  # fmt: skip
    return list(Initiative.objects.filter(pk__in=ids).only(*fields))


def similar(*, actor, initiative: Initiative, limit: int = 10, threshold: float = similarity.SIMILAR) -> list[Similar]:
    """The closest earlier initiatives the reader may see (and every recognised one, restricted when outside scope)."""
    scope = scope_for(actor)
    pool = _prefiltered(_pool(initiative, scope), initiative)
    query = similarity.Doc(initiative.pk, initiative.title, body_of(initiative))
    matches = similarity.rank(query, [similarity.Doc(c.pk, c.title, body_of(c)) for c in pool], limit=limit, threshold=threshold)
    by_id = {c.pk: c for c in Initiative.objects.filter(pk__in=[m.key for m in matches]).select_related("unit", "school_year")}
    readable = set(visible(actor=actor).filter(pk__in=list(by_id)).values_list("pk", flat=True))
    rulings = {
        r.candidate_id: r for r in Ruling.objects.filter(initiative=initiative, candidate_id__in=list(by_id)).select_related("decided_by")
    }
    out = []
    for m in matches:
        c = by_id[m.key]
        restricted = c.pk not in readable
        out.append(Similar(
            candidate=c, score=m.score, title_score=m.title_score, body_score=m.body_score, restricted=restricted,
            very_close=m.score >= similarity.VERY_CLOSE, ruling=rulings.get(c.pk),
            title_runs=similarity.passages(initiative.title, c.title),
            summary_runs=[] if restricted else similarity.passages(initiative.summary, c.summary),
        ))  # fmt: skip
    return out


def pending_rulings(*, actor, initiative: Initiative) -> list[Similar]:
    return [s for s in similar(actor=actor, initiative=initiative, threshold=similarity.VERY_CLOSE) if s.ruling is None]
