from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

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
