"""Reads of dossiers, scoped by ``accounts/scope.py``: the visible list, the receiver's queue (overdue first),
the overdue list, and a dossier's lines with what the receiver checks (the engine's current outcome beside the
snapshot, the ten-year ledger, the council's result, the warning of a failed criterion)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone

from thidua.accounts.scope import scope_for
from thidua.awards.selectors import TimelineEntry, person_timeline
from thidua.nominations import basis

from . import states
from .models import Dossier, DossierLine

LIST_RELATED = ("round", "round__school_year", "sender", "receiver")
LEDGER_YEARS = 10


def dossiers_visible(*, actor) -> QuerySet[Dossier]:
    scope = scope_for(actor)
    qs = Dossier.objects.select_related(*LIST_RELATED)
    if scope.is_admin:
        return qs
    return qs.filter(scope.units_q("sender__") | scope.units_q("receiver__"))


def dossier_list(*, actor, status: str = "", round_id: int | None = None) -> QuerySet[Dossier]:
    qs = dossiers_visible(actor=actor)
    if status:
        qs = qs.filter(status=status)
    if round_id:
        qs = qs.filter(round_id=round_id)
    return qs.order_by("-created_at", "-id")


def _overdue_first(qs: QuerySet[Dossier], today: dt.date) -> QuerySet[Dossier]:
    late = Case(When(due_on__lt=today, then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs.annotate(_late=late).order_by("_late", "due_on", "id")


def queue(*, actor, today: dt.date | None = None) -> QuerySet[Dossier]:
    """Dossiers waiting for the actor's own units as receiver (submitted, received, checking; not those sent to the
    units below, which the overdue list shows): overdue first, then by due day."""
    scope = scope_for(actor)
    qs = Dossier.objects.select_related(*LIST_RELATED).filter(status__in=sorted(states.WITH_RECEIVER))
    if not scope.is_admin:
        qs = qs.filter(receiver__path__in=sorted(scope.write_paths))
    return _overdue_first(qs, today or timezone.localdate())


def queue_below(*, actor, today: dt.date | None = None) -> QuerySet[Dossier]:
    """Dossiers waiting at the units below the actor's own (a commune under the Sở, a school's ward): the level above
    follows them and, holding write scope there, may act on the receiver's side. Overdue first, then by due day."""
    scope = scope_for(actor)
    qs = Dossier.objects.select_related(*LIST_RELATED).filter(status__in=sorted(states.WITH_RECEIVER))
    if not scope.is_admin:
        qs = qs.filter(scope.units_q("receiver__", write=True)).exclude(receiver__path__in=sorted(scope.write_paths))
    else:
        qs = qs.none()  # an admin's own queue already holds every dossier
    return _overdue_first(qs, today or timezone.localdate())


def sent(*, actor) -> QuerySet[Dossier]:
    """Dossiers the actor's own units sent (any state), newest first."""
    scope = scope_for(actor)
    qs = Dossier.objects.select_related(*LIST_RELATED)
    if not scope.is_admin:
        qs = qs.filter(sender__path__in=sorted(scope.write_paths))
    return qs.order_by("-created_at", "-id")


def rounds_to_send(*, actor):
    """The review rounds of the actor's own units (not cancelled) from which a dossier may be made, newest first."""
    from thidua.nominations.models import ReviewRound

    scope = scope_for(actor)
    if scope.is_admin or not scope.write_paths:
        return ReviewRound.objects.none()
    qs = ReviewRound.objects.filter(unit__path__in=sorted(scope.write_paths)).exclude(status=ReviewRound.Status.CANCELLED)
    return qs.select_related("unit", "school_year").order_by("-school_year__start_date", "-id")


def overdue(*, actor, today: dt.date | None = None) -> QuerySet[Dossier]:
    """Visible dossiers whose current step is past its due day (the receiver's or, when returned, the sender's)."""
    today = today or timezone.localdate()
    return dossiers_visible(actor=actor).filter(status__in=sorted(states.OPEN), due_on__lt=today).order_by("due_on", "id")


def is_overdue(dossier: Dossier, today: dt.date | None = None) -> bool:
    return dossier.due_on is not None and dossier.status in states.OPEN and dossier.due_on < (today or timezone.localdate())


@dataclass
class LineReview:
    """What the receiving officer sees for one line."""

    dline: DossierLine
    snapshot_verdict: str
    current_verdict: str
    current_failed: list[dict] = field(default_factory=list)
    ledger: list[TimelineEntry] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.snapshot_verdict != self.current_verdict


def dossier_lines(*, dossier: Dossier) -> QuerySet[DossierLine]:
    return dossier.lines.select_related("line", "line__person", "line__unit", "line__school_year", "line__round", "granting").order_by(
        "line__person__sort_key", "line__unit__name", "id"
    )


def line_reviews(*, actor, dossier: Dossier) -> list[LineReview]:
    """Each line with the engine's outcome now (evaluated again) beside its basis, and the person's ten-year ledger."""
    out = []
    for d in dossier_lines(dossier=dossier):
        line = d.line
        now = basis.evaluate_subject(school_year=line.school_year, code=line.kind_code, person=line.person, unit=line.unit)
        failed = [c for c in now.basis.get("criteria", []) if c.get("status") == "not_met"]
        ledger = []
        if line.person_id:
            start = line.school_year.start_date.year - LEDGER_YEARS + 1
            ledger = [e for e in person_timeline(actor=actor, person=line.person) if e.kind in ("award", "rating", "initiative", "discipline")
                      and (e.day is None or e.day.year >= start)]  # fmt: skip
        out.append(LineReview(d, line.verdict, now.verdict, failed, ledger))
    return out


def counts(*, dossier: Dossier) -> dict[str, int]:
    rows = dossier.lines.values_list("mark", flat=True)
    out = dict.fromkeys(states.LineMark.values, 0)
    for mark in rows:
        out[mark] += 1
    return out
