"""The registration list sent up (bản đăng ký thi đua gửi cấp trên): a unit sends its consolidated list of approved
registrations in a movement to the level above, as the paper form's data frozen at sending; the level above sees
which units of its subtree reached by the movement have sent and which have not.

Sending needs write scope on the unit, the movement reaching it, at least one approved registration and none still
waiting for approval. Sending again replaces the list sent (each sending is in the audit log).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.movements.models import Movement, MovementResponse
from thidua.org.models import OrgUnit

from . import selectors, services, states
from .models import Registration, RegistrationListSent


def _jsonable(data: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items()}


def document_data(sent: RegistrationListSent) -> dict:
    """The snapshot as the documents renderer reads it (the date back to a date)."""
    data = dict(sent.snapshot)
    if data.get("date"):
        data["date"] = dt.date.fromisoformat(data["date"])
    return data


@transaction.atomic
def registration_list_send(*, actor, unit: OrgUnit, movement: Movement) -> RegistrationListSent:
    if not scope_for(actor).can_write_unit(unit):
        raise PermissionDenied(_("Bạn không có quyền gửi bản đăng ký thi đua của “%(unit)s”.") % {"unit": unit.name}, code="forbidden")
    if not services.reaches(movement, unit):
        raise DomainError(
            _("Phong trào “%(name)s” không phát động tới “%(unit)s”.") % {"name": movement.name, "unit": unit.name},
            code="not_targeted",
            field="movement",
        )
    mine = Registration.objects.filter(unit_of_record__path__startswith=unit.path, movement=movement)
    pending = mine.filter(status=states.RegistrationStatus.SUBMITTED).count()
    if pending:
        raise Conflict(
            _("Còn %(n)d đăng ký thi đua chờ duyệt; hãy duyệt hoặc trả lại trước khi gửi bản đăng ký lên cấp trên.") % {"n": pending},
            code="registrations_pending",
            field="movement",
        )
    data = selectors.registration_list_document(actor, unit, movement)
    count = len(data["individuals"]) + len(data["collectives"])
    if not count:
        raise DomainError(_("Chưa có đăng ký thi đua nào được duyệt để gửi."), code="nothing_approved", field="movement")
    existing = RegistrationListSent.objects.select_for_update().filter(movement=movement, unit=unit).first()
    before = {"count": existing.count, "sent_at": existing.sent_at.isoformat()} if existing else None
    values = {"sent_by": actor, "sent_at": timezone.now(), "count": count, "snapshot": _jsonable(data)}
    if existing is None:
        sent = RegistrationListSent.objects.create(movement=movement, unit=unit, **values)
    else:
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save(update_fields=list(values))
        sent = existing
    audit.record(actor=actor, verb="registration_list.sent", target=sent, unit=unit, before=before,
                 after={"movement": movement.pk, "count": count})  # fmt: skip
    return sent


@dataclass(frozen=True)
class TrackerRow:
    unit: OrgUnit
    sent: RegistrationListSent | None


def tracker(*, actor, unit: OrgUnit, movement: Movement) -> list[TrackerRow]:
    """The units under ``unit`` the movement reached (those asked to respond) the actor reads, each with the list it
    sent or None. Three queries whatever the number of units."""
    scope = scope_for(actor)
    units = list(
        OrgUnit.objects.filter(
            pk__in=MovementResponse.objects.filter(movement=movement, unit__path__startswith=unit.path).values("unit_id")
        )
        .filter(scope.units_q(""))
        .exclude(pk=unit.pk)
        .order_by("path")
    )
    sent = {s.unit_id: s for s in RegistrationListSent.objects.filter(movement=movement, unit__in=units).select_related("sent_by")}
    return [TrackerRow(u, sent.get(u.pk)) for u in units]
