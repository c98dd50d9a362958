"""What the units hear of a movement: the launch in their inbox with its response deadline, a returned plan.

The movement services call these inside their transaction; the notifications app's services write the rows
(`notifications.services`), and stored text is in the language of record (decision 0006)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.notifications import services as notifications
from thidua.notifications.models import Kind, Notification
from thidua.org.models import OrgUnit

from .models import Movement, MovementResponse

RESPONSE_DEADLINE = "movement_response"  # the Deadline kind of a unit's response plan


def launched(*, actor, movement: Movement, opened: Sequence[tuple[OrgUnit, dt.date]]) -> int:
    """Each responding unit's officers and heads are told (not the actor), and each unit's response deadline
    opens, escalated to the launcher when overdue. Returns how many people were told; a whole province costs a
    few queries, not a few per unit."""
    if not opened:
        return 0
    url = reverse("movements:detail", args=[movement.pk])
    units = [unit for unit, _due in opened]
    due = opened[0][1]
    with translation.override(settings.LANGUAGE_CODE):
        task = _("Gửi kế hoạch hưởng ứng “%(name)s”") % {"name": movement.name}
        title = _("%(launcher)s phát động “%(name)s”; hạn gửi kế hoạch hưởng ứng %(due)s") % {
            "launcher": movement.launcher.name,
            "name": movement.name,
            "due": f"{due:%d/%m/%Y}",
        }
    notifications.deadlines_open(
        obj=movement, units=units, due_on=due, kind=RESPONSE_DEADLINE, title=task[:255], url=url, escalate_to=movement.launcher, actor=actor
    )
    holders = notifications.unit_holders(units, (Role.OFFICER, Role.HEAD))
    actor_pk = getattr(actor, "pk", None)
    rows = [
        Notification(recipient=user, kind=Kind.MOVEMENT_LAUNCHED, title=title[:255], url=url, unit=unit)
        for unit in units
        for user in holders[unit.pk]
        if user.pk != actor_pk
    ]
    return len(notifications.notifications_create(rows))


def answered(*, actor, response: MovementResponse) -> None:
    """The unit's plan is in: its response deadline closes."""
    notifications.deadline_close(response.movement, RESPONSE_DEADLINE, unit=response.unit, actor=actor)


def returned(*, actor, response: MovementResponse, reason: str) -> None:
    """The launcher returned the plan: the unit's officers and heads are told why."""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Kế hoạch hưởng ứng “%(name)s” bị trả lại: %(reason)s") % {"name": response.movement.name, "reason": reason}
    notifications.notify_unit(
        response.unit, kind=Kind.GENERAL, title=title[:255], url=reverse("movements:detail", args=[response.movement_id]), actor=actor
    )
