"""Reads of the catalogue, decisions and the achievement ledger, scoped to the actor.

Ledger visibility (decided, see docs/architecture.md "The ledger"): whoever may see a person sees the
person's *whole* timeline — awards, ratings, initiatives and discipline from every unit they worked in —
because checking a career record across schools is the ledger's purpose.

Decision visibility: an actor may open a decision issued inside their read scope, and every decision that
awards someone of their units — an award whose recipient unit (the collective itself, or the unit the
person worked in when awarded) lies in their read scope (``decisions_q``). Such an actor sees the lines
about their units and only the number of the others (``award_line_visible``, ``decision_record``).
Writing stays with the issuer's write scope.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.scope import Scope, scope_for
from thidua.core.errors import DomainError, PermissionDenied
from thidua.core.vietnamese import fold
from thidua.org.models import OrgUnit
from thidua.people.models import AnnualRating, Employment, Person
from thidua.years.models import SchoolYear

from . import authority, lookup
from .models import Award, AwardKind, BaseSalary, Decision, DecisionAmendment, InitiativeRecord, LegalRegime


def regime_on(day: dt.date) -> LegalRegime:
    regime = LegalRegime.objects.filter(effective_from__lte=day).filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day)).first()
    if regime is None:
        raise DomainError(
            _("Không có chế độ pháp lý nào áp dụng cho ngày %(day)s.") % {"day": f"{day:%d/%m/%Y}"}, code="no_regime", field="decision_date"
        )
    return regime


def base_salary_on(day: dt.date) -> BaseSalary | None:
    return BaseSalary.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


def kind_on(code: str, day: dt.date) -> AwardKind | None:
    """The current version of a catalogue entry in the regime in force on ``day`` (by code or any name: ``lookup``)."""
    return lookup.kind_on(code, day)


def kinds_decided_by(*, issuer: OrgUnit, day: dt.date) -> list[AwardKind]:
    """Catalogue entries in force on ``day`` that the issuer may decide (``authority.authority_for``), for the form's hint."""
    kinds = (
        AwardKind.objects.filter(is_current=True, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("subject", "rank", "code")
    )
    kind = issuer.kind
    return [k for k in kinds if authority.authority_for(code=k.code, issuer_kind=kind.code, legal_entity=kind.legal_entity, day=day)]


def kind_by_name(text: str, day: dt.date) -> AwardKind | None:
    """Match a title written in full, abbreviated, with or without diacritics ("LĐTT", "lao dong tien tien")."""
    return lookup.kind_on(text, day)


def catalogue(*, regime: LegalRegime | None = None, include_old_versions: bool = False) -> QuerySet[AwardKind]:
    qs = AwardKind.objects.select_related("regime")
    if regime is not None:
        qs = qs.filter(regime=regime)
    if not include_old_versions:
        qs = qs.filter(is_current=True)
    return qs.order_by("regime__effective_from", "subject", "rank", "code")


def decisions_q(scope: Scope) -> Q:
    """Decisions the actor may open: issued inside their read scope, or awarding someone of their units."""
    if scope.is_admin:
        return Q()
    reached = Award.objects.filter(scope.units_q("recipient_unit__")).values("decision_id")
    return scope.units_q("issuer__") | Q(pk__in=reached)


def award_line_visible(scope: Scope, *, issuer: OrgUnit, recipient_unit: OrgUnit | None) -> bool:
    """Whether the actor sees one line of a decision: all lines on the issuing side, else the lines about their units."""
    return scope.can_read_unit(issuer) or (recipient_unit is not None and scope.can_read_unit(recipient_unit))


def decisions_visible(*, actor) -> QuerySet[Decision]:
    """Decisions the actor may open (``decisions_q``)."""
    return Decision.objects.filter(decisions_q(scope_for(actor))).select_related("issuer", "regime", "school_year")


def award_search(
    *,
    actor,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    kind_code: str = "",
    school_year=None,
    decision_number: str = "",
    query: str = "",
    include_revoked: bool = False,
) -> QuerySet[Award]:
    """Awards the actor may see: of people they may see, or to units (collectives) they may see."""
    scope = scope_for(actor)
    people = Person.objects.filter(scope.people_q()).values("pk")
    qs = Award.objects.filter(Q(person__in=people) | Q(scope.units_q("unit__"), unit__isnull=False))
    if not include_revoked:
        qs = qs.filter(revoked=False, decision__status=Decision.Status.IN_FORCE)
    if person is not None:
        qs = qs.filter(person=person)
    if unit is not None:
        qs = qs.filter(Q(recipient_unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path))
    if kind_code:
        qs = qs.filter(kind__code=kind_code)
    if school_year is not None:
        qs = qs.filter(school_year=school_year)
    if decision_number:
        qs = qs.filter(decision__number__icontains=decision_number.strip())
    for term in fold(query).split():
        qs = qs.filter(Q(person__name_folded__contains=term) | Q(unit__name_folded__contains=term))
    return qs.select_related("kind", "decision", "decision__issuer", "person", "unit", "recipient_unit", "school_year").order_by(
        "-decision__decision_date", "id"
    )


@dataclass
class TimelineEntry:
    """One line of a ledger timeline, whatever its source."""

    day: dt.date | None
    school_year: str
    kind: str  # "award", "rating", "initiative", "discipline", "employment"
    label: str
    detail: str = ""
    unit: str = ""
    obj: object = None
    extra: dict = field(default_factory=dict)


def _award_label(kind: AwardKind) -> str:
    return kind.abbreviation or kind.name


def _year_of(day: dt.date, years: list[SchoolYear]) -> SchoolYear | None:
    return next((y for y in years if y.start_date <= day <= y.end_date), None)


def person_timeline(*, actor, person: Person) -> list[TimelineEntry]:
    """One timeline of a person's awards, ratings, initiatives, discipline and employment, newest first.

    ``person`` is already access-checked: whoever may see the person sees the whole timeline, from every
    unit they worked in. Each award says in ``extra["decision_visible"]`` whether the actor may open the
    decision itself (``award_line_visible``: its issuer or the award's recipient unit lies in the actor's
    read scope); the page links the decision only then.
    Six queries whatever the length of the career.
    """
    scope = scope_for(actor)
    entries: list[TimelineEntry] = []
    awards = (
        Award.objects.filter(person=person)
        .select_related("kind", "decision", "decision__issuer", "school_year", "recipient_unit")
        .order_by("decision__decision_date", "id")
    )
    for a in awards:
        revoked = a.revoked or a.decision.status == Decision.Status.REVOKED
        entries.append(
            TimelineEntry(
                day=a.decision.decision_date,
                school_year=a.school_year.code if a.school_year else "",
                kind="award",
                label=_("%(name)s (đã thu hồi)") % {"name": a.kind.name} if revoked else a.kind.name,
                detail=_("QĐ số %(number)s ngày %(day)s – %(issuer)s")
                % {"number": a.decision.number, "day": f"{a.decision.decision_date:%d/%m/%Y}", "issuer": a.decision.issuer.name},
                unit=a.recipient_unit.name if a.recipient_unit else "",
                obj=a,
                extra={
                    "revoked": revoked,
                    "decision_visible": award_line_visible(scope, issuer=a.decision.issuer, recipient_unit=a.recipient_unit),
                },
            )
        )
    for r in AnnualRating.objects.filter(person=person).select_related("school_year", "unit"):
        entries.append(
            TimelineEntry(
                day=r.school_year.end_date,
                school_year=r.school_year.code,
                kind="rating",
                label=r.get_rating_display(),
                unit=r.unit.name if r.unit else "",
                obj=r,
            )
        )
    for i in InitiativeRecord.objects.filter(authors=person).select_related("school_year", "unit"):
        detail = i.get_scope_display()
        if i.decision_number:
            detail = _("%(scope)s – QĐ công nhận số %(number)s") % {"scope": detail, "number": i.decision_number}
        entries.append(
            TimelineEntry(
                day=i.decision_date or i.school_year.end_date,
                school_year=i.school_year.code,
                kind="initiative",
                label=i.title,
                detail=detail,
                unit=i.unit.name,
                obj=i,
            )
        )
    for d in person.disciplines.all():
        detail = _("QĐ số %(number)s") % {"number": d.decision_number} if d.decision_number else ""
        entries.append(TimelineEntry(day=d.start_date, school_year="", kind="discipline", label=d.get_form_display(), detail=detail, obj=d))
    for e in person.employments.select_related("unit"):
        entries.append(
            TimelineEntry(
                day=e.start_date, school_year="", kind="employment", label=e.position or e.get_staff_type_display(), unit=e.unit.name, obj=e
            )
        )
    entries.sort(key=lambda x: (x.day or dt.date.min, x.kind), reverse=True)
    return entries


# -- decisions ----------------------------------------------------------------------------------------


def decision_list(
    *, actor, number: str = "", issuer_query: str = "", school_year: SchoolYear | None = None, award_type: str = "", status: str = ""
) -> QuerySet[Decision]:
    """Decisions the actor may open (``decisions_q``), filtered, newest first.

    Each row carries ``award_count`` (every line) and ``own_count`` (the lines about the actor's units),
    counted in the same query."""
    scope = scope_for(actor)
    qs = decisions_visible(actor=actor)
    if number:
        qs = qs.filter(number__icontains=number.strip())
    for term in fold(issuer_query).split():
        qs = qs.filter(Q(issuer__name_folded__contains=term) | Q(issuer__code__icontains=term))
    if school_year is not None:
        qs = qs.filter(school_year=school_year)
    if award_type:
        qs = qs.filter(award_type=award_type)
    if status:
        qs = qs.filter(status=status)
    own = Count("awards", filter=scope.units_q("awards__recipient_unit__"))
    return qs.annotate(award_count=Count("awards"), own_count=own).order_by("-decision_date", "-id")


def decision_record(*, decision: Decision, actor) -> Decision:
    """A decision (already access-checked) with its awards and amendments, in three queries.

    ``visible_awards`` holds the lines the actor may see (``award_line_visible``), ``other_award_count``
    the number of the others (recipients outside the actor's units, counted but not shown).
    """
    scope = scope_for(actor)
    record = (
        Decision.objects.select_related("issuer", "regime", "school_year", "created_by")
        .prefetch_related(
            Prefetch(
                "awards",
                queryset=Award.objects.select_related("kind", "person", "unit", "recipient_unit", "school_year").order_by("id"),
            ),
            Prefetch("amendments", queryset=DecisionAmendment.objects.order_by("amendment_date", "id")),
        )
        .get(pk=decision.pk)
    )
    awards = list(record.awards.all())
    record.visible_awards = [a for a in awards if award_line_visible(scope, issuer=record.issuer, recipient_unit=a.recipient_unit)]
    record.other_award_count = len(awards) - len(record.visible_awards)
    return record


# -- the ledger book -----------------------------------------------------------------------------------


@dataclass
class LedgerRow:
    """One person in a unit's ledger book; ``by_year[code]`` holds the year's cell.

    A cell is ``{"rating": str | None, "awards": [str], "initiatives": [str], "in_unit": bool}``;
    ``in_unit`` is False for years the person did not work in the unit's subtree (the cell stays empty:
    the book records what happened in this unit; the person's timeline shows the rest).
    """

    person_id: int
    full_name: str
    position: str
    by_year: dict[str, dict]


@dataclass
class LedgerBook:
    """``rows`` are the people of ``people`` (a slice of the book in name order, all of it by default);
    ``total`` counts everyone in the book, ``offset`` is the first row's index in it."""

    unit: OrgUnit
    years: list[SchoolYear]
    rows: list[LedgerRow]
    collective: dict[str, list[str]]
    total: int = 0
    offset: int = 0
    lineage_awards: list[Award] | None = None  # the collective awards of the unit and its predecessors, newest first


BOOK_PERIODS = (5, 10)


def unit_lineage(unit: OrgUnit) -> list[OrgUnit]:
    """The unit and every unit it succeeded (merged or split into it), transitively; one query per generation."""
    lineage = [unit]
    frontier = [unit.pk]
    seen = {unit.pk}
    while frontier:
        preds = list(OrgUnit.objects.filter(successor_id__in=frontier).exclude(pk__in=seen))
        frontier = [u.pk for u in preds]
        seen.update(frontier)
        lineage.extend(preds)
    return lineage


def _collective_awards(units: list[OrgUnit]) -> QuerySet[Award]:
    return (
        Award.objects.filter(unit__in=units, revoked=False, decision__status=Decision.Status.IN_FORCE)
        .select_related("kind", "decision", "decision__issuer", "school_year", "unit")
        .order_by("-decision__decision_date", "id")
    )


def unit_timeline(*, actor, unit: OrgUnit, awards: list[Award] | None = None) -> list[TimelineEntry]:
    """Collective awards of a unit (already access-checked) and of the units it succeeded, newest first
    (``awards``: those already read, ``LedgerBook.lineage_awards``)."""
    scope = scope_for(actor)
    entries = []
    for a in _collective_awards(unit_lineage(unit)) if awards is None else awards:
        entries.append(
            TimelineEntry(
                day=a.decision.decision_date,
                school_year=a.school_year.code if a.school_year else "",
                kind="award",
                label=a.kind.name,
                detail=_("QĐ số %(number)s ngày %(day)s – %(issuer)s")
                % {"number": a.decision.number, "day": f"{a.decision.decision_date:%d/%m/%Y}", "issuer": a.decision.issuer.name},
                unit=a.unit.name,
                obj=a,
                extra={"decision_visible": award_line_visible(scope, issuer=a.decision.issuer, recipient_unit=a.recipient_unit)},
            )
        )
    return entries


def book_years(*, start_year: int, years: int) -> list[SchoolYear]:
    codes = [SchoolYear.code_for(start_year + i) for i in range(years)]
    return list(SchoolYear.objects.filter(code__in=codes).order_by("start_date"))


_BOOK_PERSON = ("full_name", "sort_key")  # what a row of the book shows of a person


def ledger_book(*, actor, unit: OrgUnit, start_year: int, years: int, people: slice | None = None) -> LedgerBook:
    """The unit's "Sổ theo dõi thi đua, khen thưởng" for ``years`` school years from ``start_year``.

    Rows: everyone employed anywhere in the unit's subtree during the period (a merged unit hangs under
    its successor, so its former staff are included), in Vietnamese name order. Cells: the year's annual
    rating, the titles and forms awarded for that year (abbreviated), recognised initiatives. Revoked
    awards and awards of revoked decisions do not appear. A fixed number of queries (7 plus one per
    generation of predecessors), whatever the number of people.

    ``people`` (a slice of the rows in name order, the page's) limits the cells read and built to those rows;
    ``total`` still counts the whole book. The page shows one slice; the Excel export and the API the whole.
    """
    if not scope_for(actor).can_read_unit(unit):
        raise PermissionDenied(_("Bạn không có quyền xem sổ theo dõi của đơn vị này."), code="forbidden")
    year_rows = book_years(start_year=start_year, years=years)
    if not year_rows:
        return LedgerBook(unit=unit, years=[], rows=[], collective={})
    first, last = year_rows[0], year_rows[-1]
    in_period = Employment.objects.filter(unit__path__startswith=unit.path, start_date__lte=last.end_date).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=first.start_date)
    )
    # Plain tuples, not model instances: a department's book reads thousands of employments.
    employments = in_period.order_by("start_date", "id").values_list(
        "person_id", "position", "start_date", "end_date", *(f"person__{f}" for f in _BOOK_PERSON)
    )
    people_of: dict[int, tuple[str, str]] = {}
    position: dict[int, str] = {}
    spans: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    for person_id, pos, start, end, full_name, sort_key in employments:
        people_of[person_id] = (full_name, sort_key)
        if pos:
            position[person_id] = pos  # the latest position held in the unit during the period
        spans.setdefault(person_id, []).append((start, end))
    ordered = sorted(people_of, key=lambda pid: (people_of[pid][1], pid))
    total = len(ordered)
    shown = ordered[people] if people is not None else ordered
    offset = (people.indices(total)[0] if people is not None else 0) if shown else 0
    # Sub-queries rather than lists of ids for the whole book: a department's may hold more people than SQLite
    # takes parameters; a page's ids are a short list.
    staff = shown if people is not None else in_period.values("person_id")
    cells: dict[int, dict[str, dict]] = {}
    for pid in shown:
        row = cells[pid] = {}
        for y in year_rows:
            present = any(s <= y.end_date and (e is None or e >= y.start_date) for s, e in spans[pid])
            row[y.code] = {"rating": None, "awards": [], "initiatives": [], "in_unit": present}

    def cell(pid: int, code: str) -> dict | None:
        row = cells.get(pid)
        c = row[code] if row is not None else None
        return c if c is not None and c["in_unit"] else None

    # Plain values and one label per rating: get_rating_display() per row rebuilt the choices each time.
    labels = {value: str(label) for value, label in AnnualRating._meta.get_field("rating").choices}
    code_of = {y.pk: y.code for y in year_rows}
    rated = (
        AnnualRating.objects.filter(person_id__in=staff, school_year__in=year_rows)
        .order_by()  # the model's ordering joins people to sort 2,000 rows nobody reads in order
        .values_list("person_id", "school_year_id", "rating")
    )
    for person_id, year_id, rating in rated:
        if (c := cell(person_id, code_of[year_id])) is not None:
            c["rating"] = labels.get(rating, rating)
    period = Q(school_year__in=year_rows) | Q(school_year__isnull=True, decision__decision_date__range=(first.start_date, last.end_date))
    person_awards = (
        Award.objects.filter(period, person_id__in=staff, revoked=False, decision__status=Decision.Status.IN_FORCE)
        .select_related("kind", "school_year", "decision")
        .order_by("kind__rank", "id")
    )
    for a in person_awards:
        year = a.school_year or _year_of(a.decision.decision_date, year_rows)
        if year is not None and (c := cell(a.person_id, year.code)) is not None:
            c["awards"].append(_award_label(a.kind))
    authorship = InitiativeRecord.authors.through.objects.filter(
        person_id__in=staff, initiativerecord__school_year__in=year_rows
    ).select_related("initiativerecord__school_year")
    for link in authorship:
        rec = link.initiativerecord
        if (c := cell(link.person_id, rec.school_year.code)) is not None:
            c["initiatives"].append(rec.title)
    collective: dict[str, list[str]] = {y.code: [] for y in year_rows}
    # Read once for the book's foot and the timeline below it; the period's, in rank order, filtered here.
    lineage_awards = list(_collective_awards(unit_lineage(unit)))
    year_ids = {y.pk for y in year_rows}
    in_period = [
        a
        for a in lineage_awards
        if (a.school_year_id in year_ids) or (a.school_year_id is None and first.start_date <= a.decision.decision_date <= last.end_date)
    ]
    for a in sorted(in_period, key=lambda a: (a.kind.rank, a.pk)):
        year = a.school_year or _year_of(a.decision.decision_date, year_rows)
        if year is not None:
            label = _award_label(a.kind)
            if a.unit_id != unit.pk:
                label = f"{label} ({a.unit.name})"
            collective[year.code].append(label)
    rows = [LedgerRow(person_id=pid, full_name=people_of[pid][0], position=position.get(pid, ""), by_year=cells[pid]) for pid in shown]
    return LedgerBook(
        unit=unit, years=year_rows, rows=rows, collective=collective, total=total, offset=offset, lineage_awards=lineage_awards
    )
