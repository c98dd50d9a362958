"""``record()``: the one way services write the audit log."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.forms.models import model_to_dict
from django.utils import translation

from thidua.core.middleware import current_request_id
from thidua.rules.versions import GLOBAL, bump, bump_for_event, relevant, scopes_of

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


@dataclass(frozen=True)
class Entry:
    """One row of ``record_many``: what ``record`` takes besides the actor and the verb."""

    target: models.Model
    unit: Any = None
    before: dict | None = None
    after: dict | None = None
    person_id: int | None = None


def record_many(*, actor, verb: str, entries: Sequence[Entry]) -> list[AuditEvent]:
    """``record`` for many rows of one change at once (a movement launched to a whole province opens a deadline
    per unit): one insert of every row, and the data-version counters of every affected scope bumped once, in
    one upsert — a fixed number of queries however many rows. Inside the service's transaction, like ``record``."""
    assert connection.in_atomic_block, "audit.record_many() must be called inside the service's transaction"
    if not entries:
        return []
    has_actor = bool(getattr(actor, "pk", None))
    actor_repr = (actor.get_username() if has_actor else "system")[:150]
    request_id = current_request_id()
    rows, scopes, people = [], set(), set()
    for entry in entries:
        unit = entry.unit if entry.unit is not None else _unit_of(entry.target)
        person_id = entry.person_id if entry.person_id is not None else _person_of(entry.target)
        if relevant(verb):  # the people's units are read once for all rows, below
            own = scopes_of(target=entry.target, unit=unit)
            scopes |= own if own != {GLOBAL} or not person_id else set()
            people |= {person_id} if person_id else set()
        rows.append(
            AuditEvent(
                actor=actor if has_actor else None,
                actor_repr=actor_repr,
                verb=verb,
                target_type=entry.target._meta.label_lower,
                target_id=str(entry.target.pk),
                target_repr=target_text(entry.target),
                unit=unit,
                unit_path=getattr(unit, "path", "") or "",
                person_id=person_id,
                before=jsonable(entry.before) if entry.before is not None else None,
                after=jsonable(entry.after) if entry.after is not None else None,
                request_id=request_id,
            )
        )
    if people:
        from thidua.people.models import Employment

        scopes |= set(Employment.objects.filter(person_id__in=people).values_list("unit_id", flat=True).distinct())
    if relevant(verb):
        bump(scopes or {GLOBAL})
    return AuditEvent.objects.bulk_create(rows, batch_size=1000)


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
