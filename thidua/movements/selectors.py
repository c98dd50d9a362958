"""Reads of movements that depend on who asks, through ``accounts.scope``.

**Visibility.** A movement is visible to an actor when its launcher lies in their read scope (they sit at
or above it), or — once launched — when one of its targets reaches their scope: the target unit lies in
it, or the target takes its subtree and the actor's unit lies under it. A draft is seen by the launcher's
side only. A response or a report is seen by readers of its unit and readers of the launcher.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from thidua.accounts.scope import Scope, scope_for
from thidua.core.vietnamese import search_terms

from . import states
from .deadlines import calendar, days_late
from .models import Milestone, Movement, MovementReport, MovementResponse, MovementTarget

SEGMENT = 6  # characters per level of ``OrgUnit.path``


def _ancestor_paths(paths: tuple[str, ...]) -> set[str]:
    return {p[:i] for p in paths for i in range(SEGMENT, len(p) + 1, SEGMENT)}


def visible_q(scope: Scope) -> Q:
    """Filter for ``Movement``: the rule of the module docstring."""
    if scope.is_admin:
        return Q()
    if not scope.read_paths:
        return Q(pk__in=[])
    reach = MovementTarget.objects.filter(movement=OuterRef("pk")).filter(
        scope.units_q("unit__") | Q(include_subtree=True, unit__path__in=_ancestor_paths(scope.read_paths))
    )
    return scope.units_q("launcher__") | (Q(Exists(reach)) & ~Q(status=states.MovementStatus.DRAFT))


def movements_visible(*, actor) -> QuerySet[Movement]:
    return Movement.objects.filter(visible_q(scope_for(actor))).select_related("launcher", "school_year")


def movement_list(*, actor, school_year=None, kind: str = "", status: str = "", query: str = "") -> QuerySet[Movement]:
    qs = movements_visible(actor=actor)
    if school_year is not None:
        qs = qs.filter(Q(school_year=school_year) | Q(period_start__lte=school_year.end_date, period_end__gte=school_year.start_date))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    for term in search_terms(query):
        qs = qs.filter(name__icontains=term)
    return qs.order_by("-period_start", "name", "id")


def responses_awaiting(*, actor) -> QuerySet[MovementResponse]:
    """Responses the actor's units still owe (pending or returned) to movements that are running:
    the "Phong trào chờ hưởng ứng" list."""
    scope = scope_for(actor)
    if not scope.writes_units:
        return MovementResponse.objects.none()
    return (
        MovementResponse.objects.filter(scope.units_q("unit__", write=True), status__in=states.AWAITING, movement__status__in=states.OPEN)
        .select_related("movement", "movement__launcher", "unit")
        .order_by("due_on", "unit__path")
    )


def response_visible(scope: Scope, response: MovementResponse) -> bool:
    return scope.can_read_unit(response.unit) or scope.can_read_unit(response.movement.launcher)


@dataclass
class TrackerRow:
    response: MovementResponse
    days_late: int


def _visible_responses(actor, movement: Movement) -> QuerySet[MovementResponse]:
    """The responses of ``movement`` the actor may see: all for the launcher's side, else their units'."""
    scope = scope_for(actor)
    qs = movement.responses.all()
    if not scope.can_read_unit(movement.launcher):
        qs = qs.filter(scope.units_q("unit__"))
    return qs


def response_tracker(*, actor, movement: Movement, today: dt.date | None = None) -> list[TrackerRow]:
    """Every response the actor may see (the launcher's side sees all), with its working days late."""
    today = today or timezone.localdate()
    qs = _visible_responses(actor, movement).select_related("unit", "child_movement").order_by("unit__path")
    late = _late_counter(today)
    return [TrackerRow(r, late(r.due_on, r.submitted_on)) for r in qs]


TRACKER_PAGE = 50
_PATH = re.compile(r"[0-9a-z]{1,300}")


@dataclass
class TrackerPage:
    rows: list[TrackerRow]
    counts: dict[str, int]  # status -> responses the actor sees, whatever the filter
    after: str | None  # the position of the next page (the last row's unit path), None on the last page
    first: bool

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def responded(self) -> int:
        return self.counts.get(states.ResponseStatus.SUBMITTED, 0) + self.counts.get(states.ResponseStatus.ACKNOWLEDGED, 0)


def response_page(
    *, actor, movement: Movement, status: str = "", after: str = "", size: int = TRACKER_PAGE, today: dt.date | None = None, cal=None
) -> TrackerPage:
    """One page of the response tracker in unit order (keyset on the unit's path: a response per unit), filtered
    by status, with the counts by status of every response the actor sees (one aggregate query): two queries
    whatever the number of responses. A position that cannot be read starts at the top."""
    today = today or timezone.localdate()
    visible = _visible_responses(actor, movement)
    counts = visible.aggregate(**{value: Count("pk", filter=Q(status=value)) for value in states.ResponseStatus.values})
    qs = visible.select_related("unit", "child_movement")
    if status in states.ResponseStatus.values:
        qs = qs.filter(status=status)
    position = after if after and _PATH.fullmatch(after) else ""
    if position:
        qs = qs.filter(unit__path__gt=position)
    found = list(qs.order_by("unit__path")[: size + 1])
    late = _late_counter(today, cal)
    rows = [TrackerRow(r, late(r.due_on, r.submitted_on)) for r in found[:size]]
    more = len(found) > size
    return TrackerPage(rows=rows, counts=counts, after=rows[-1].response.unit.path if more else None, first=not position)


def _late_counter(today: dt.date, cal=None):
    """``days_late`` over one calendar (given, or loaded), remembered per (due, answered): a Sở's hundreds of
    responses share a handful of due days."""
    cal, seen = cal or calendar(), {}

    def late(due_on: dt.date, answered_on: dt.date | None) -> int:
        key = (due_on, answered_on)
        if key not in seen:
            seen[key] = days_late(due_on, answered_on, today, cal=cal)
        return seen[key]

    return late


@dataclass
class ReportCell:
    unit: object
    report: MovementReport | None
    days_late: int


@dataclass
class MilestoneTracker:
    milestone: Milestone
    rows: list[ReportCell]
    missing_count: int | None = None  # over every response the actor sees, when the rows are one page of them

    @property
    def missing(self) -> list[ReportCell]:
        return [c for c in self.rows if c.report is None]

    @property
    def not_reported(self) -> int:
        return len(self.missing) if self.missing_count is None else self.missing_count


def report_tracker(
    *, actor, movement: Movement, today: dt.date | None = None, rows: list[TrackerRow] | None = None, cal=None
) -> list[MilestoneTracker]:
    """Per sơ kết / tổng kết: every responding unit the actor may see (the rows of ``response_tracker``, given
    or read), its report or the working days it is late."""
    today = today or timezone.localdate()
    if rows is None:
        rows = response_tracker(actor=actor, movement=movement, today=today)
    units = [row.response.unit for row in rows]
    reports = {(r.milestone_id, r.unit_id): r for r in MovementReport.objects.filter(milestone__movement=movement, unit__in=units)}
    late_by = _late_counter(today, cal)
    out = []
    for milestone in movement.milestones.order_by("held_on"):
        cells = []
        for unit in units:
            report = reports.get((milestone.pk, unit.pk))
            cells.append(ReportCell(unit, report, late_by(milestone.due_on, report.submitted_on if report else None)))
        out.append(MilestoneTracker(milestone, cells))
    return out


def report_page(*, actor, movement: Movement, page: TrackerPage, today: dt.date | None = None, cal=None) -> list[MilestoneTracker]:
    """``report_tracker`` for the units of one page of the response tracker, each milestone with how many of all
    the units the actor sees have not reported (one aggregate query): three queries whatever the size."""
    trackers = report_tracker(actor=actor, movement=movement, today=today, rows=page.rows, cal=cal)
    if not trackers:
        return trackers
    units = _visible_responses(actor, movement).values("unit_id")
    reported = dict(
        MovementReport.objects.filter(milestone__movement=movement, unit_id__in=units)
        .values("milestone_id")
        .annotate(n=Count("pk"))
        .values_list("milestone_id", "n")
    )
    for tracker in trackers:
        tracker.missing_count = page.total - reported.get(tracker.milestone.pk, 0)
    return trackers


def movement_awards(*, actor, movement: Movement):
    """The award lines of decisions taken in this movement that the actor may see (``awards.selectors``)."""
    from thidua.awards.selectors import award_search

    return award_search(actor=actor).filter(decision__movement=movement)
