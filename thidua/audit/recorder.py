"""``record()``: the one way services write the audit log."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.forms.models import model_to_dict
from django.utils import translation

from thidua.core.middleware import current_request_id
from thidua.rules.versions import bump_for_event

from .models import AuditEvent

# Fields never copied into the log.
_SECRET_FIELDS = {"password", "totp_secret", "key_hash"}


def jsonable(value: Any) -> Any:
    """``value`` as JSON can hold it (dates as ISO text, decimals as text, rows as their keys)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of a row, ready for ``before``/``after``."""
    data = model_to_dict(obj, fields=fields)
    for field in obj._meta.concrete_fields:
        if field.name in data or (fields is not None and field.name not in fields):
            continue
        data[field.name] = getattr(obj, field.attname)
    return {k: jsonable(v) for k, v in data.items() if k not in _SECRET_FIELDS}


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys that changed, from two snapshots."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def target_text(target: models.Model) -> str:
    """How the row was called when it changed, in the language of record (``settings.LANGUAGE_CODE``, Vietnamese)
    whatever the writer's interface language: choice labels in a model's ``__str__`` would otherwise be stored in
    English by an English-interface user. Verbs and before/after stay codes, labelled when the log is shown."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(target)[:255]


def record(
    *,
    actor,
    verb: str,
    target: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    unit=None,
    person_id: int | None = None,
) -> AuditEvent:
    """Append one audit row. Must run inside the transaction of the change (services are atomic)."""
    assert connection.in_atomic_block, "audit.record() must be called inside the service's transaction"
    if unit is None:
        unit = _unit_of(target)
    if person_id is None:
        person_id = _person_of(target)
    bump_for_event(verb=verb, target=target, unit=unit, person_id=person_id)  # the eligibility tables that read this change are out of date
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_repr=(actor.get_username() if getattr(actor, "pk", None) else "system")[:150],
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=target_text(target),
        unit=unit,
        unit_path=getattr(unit, "path", "") or "",
        person_id=person_id,
        before=jsonable(before) if before is not None else None,
        after=jsonable(after) if after is not None else None,
        request_id=current_request_id(),
    )


def _unit_of(target: models.Model):
    label = target._meta.label_lower
    if label == "org.orgunit":
        return target
    unit = getattr(target, "unit", None)
    if unit is not None:
        return unit
    person = target if label == "people.person" else getattr(target, "person", None)
    if person is not None and hasattr(person, "current_unit"):
        return person.current_unit
    return None


def _person_of(target: models.Model) -> int | None:
    if target._meta.label_lower == "people.person":
        return target.pk
    return getattr(target, "person_id", None)


def record_many(*, actor, verb: str, targets, unit_of, before: dict | None = None, after: dict | None = None) -> int:
    """Append one audit row per target in one insert (a bulk approval of a thousand rows), and bump the eligibility
    counters once for all of them. ``unit_of(target)`` names each row's unit. Same rows as ``record`` would write."""
    from thidua.people.models import Employment
    from thidua.rules.versions import GLOBAL, bump, relevant

    assert connection.in_atomic_block, "audit.record_many() must be called inside the service's transaction"
    targets = list(targets)
    if not targets:
        return 0
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    actor_repr = (actor.get_username() if actor_id else "system")[:150]
    request_id = current_request_id()
    rows = []
    for target in targets:
        unit = unit_of(target)
        rows.append(
            AuditEvent(
                actor_id=actor_id,
                actor_repr=actor_repr,
                verb=verb,
                target_type=target._meta.label_lower,
                target_id=str(target.pk),
                target_repr=target_text(target),
                unit=unit,
                unit_path=getattr(unit, "path", "") or "",
                person_id=_person_of(target),
                before=jsonable(before) if before is not None else None,
                after=jsonable(after) if after is not None else None,
                request_id=request_id,
            )
        )
    if relevant(verb):
        scopes = {r.unit_id for r in rows if r.unit_id}
        people = {r.person_id for r in rows if r.person_id}
        if people:
            scopes |= set(Employment.objects.filter(person_id__in=people).values_list("unit_id", flat=True).distinct())
        bump(scopes or {GLOBAL})
    AuditEvent.objects.bulk_create(rows, batch_size=500)
    return len(rows)
