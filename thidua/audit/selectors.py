from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for

from .models import AuditEvent


def audit_log(
    *, actor, person_id: int | None = None, unit=None, verb: str = "", date_from: dt.date | None = None, date_to: dt.date | None = None
) -> QuerySet[AuditEvent]:
    """Audit rows of the units the actor may change (officers, heads, admins), newest first."""
    scope = scope_for(actor)
    if not scope.writes_units:
        return AuditEvent.objects.none()
    qs = AuditEvent.objects.filter(scope.path_q("unit_path", write=True))
    if person_id:
        qs = qs.filter(person_id=person_id)
    if unit is not None:
        qs = qs.filter(unit_path__startswith=unit.path)
    if verb:
        qs = qs.filter(verb__startswith=verb)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs.order_by("-at", "-id")


PAGE_SIZE = 50


@dataclass(frozen=True)
class LogPage:
    """One page of the log, read by keyset (no ``COUNT(*)``: the log of a province grows without end).

    ``after`` is the position of the page's last row, to ask for the next page; ``None`` on the last page."""

    events: list[AuditEvent]
    after: str | None
    first: bool

    def __iter__(self):
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _position(event: AuditEvent) -> str:
    """``<microseconds since 1970>.<id>``: the (at, id) the log is ordered by, exactly, in a URL-safe token."""
    return f"{(event.at - _EPOCH) // dt.timedelta(microseconds=1)}.{event.pk}"


def _read_position(token: str) -> tuple[dt.datetime, int] | None:
    micro, _dot, pk = (token or "").partition(".")
    if not (micro.lstrip("-").isdigit() and pk.isdigit()):
        return None
    try:
        return _EPOCH + dt.timedelta(microseconds=int(micro)), int(pk)
    except OverflowError:
        return None


def log_page(events: QuerySet[AuditEvent], *, after: str = "", size: int | None = None) -> LogPage:
    """The ``size`` rows of ``events`` (ordered newest first) that come after the position ``after``, in one query
    (with the unit and the actor's person, for their names). A position that cannot be read starts at the top."""
    size = size or PAGE_SIZE
    position = _read_position(after)
    if position is not None:
        at, pk = position
        events = events.filter(Q(at__lt=at) | Q(at=at, pk__lt=pk))
    rows = list(events.select_related("unit", "actor__person").order_by("-at", "-id")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return LogPage(events=rows, after=_position(rows[-1]) if more else None, first=position is None)


def actor_name(event: AuditEvent) -> str:
    """Who made the change, by name: the actor's person, else the login stored at the time, else the system."""
    actor = event.actor if event.actor_id else None
    person = getattr(actor, "person", None) if actor is not None else None
    if person is not None:
        return person.full_name
    if event.actor_repr and event.actor_repr != "system":
        return event.actor_repr
    return _("Hệ thống")
