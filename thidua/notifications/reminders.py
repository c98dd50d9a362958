"""The daily reminder run: for every open deadline, remind the responsible unit's officers 5, 2 and 0
working days before it is due and once it is overdue; once it is ``ESCALATE_AFTER`` working days overdue,
tell the officers of the unit that follows it (the organiser or launcher named by ``escalate_to``).

Each reminder goes once per deadline, recipient and rule (``ReminderSent`` is unique on the three): a rerun
the same day, or the next day, sends nothing new. A run that missed days sends only the tightest rule that
applies (a deadline 1 working day away gets "2 days", not "5 days" too). The run does nothing on a day
that is not a working day (weekends and the holidays of ``years.Holiday``), so nobody is reminded during
Tết; the count of working days skips them too.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.years.calendar import work_calendar

from .models import Deadline, Kind, Notification, ReminderSent, Rule
from .services import notifications_create, unit_holders

ESCALATE_AFTER = 3  # working days overdue
HORIZON = 5  # the earliest reminder, in working days before the due day
RECIPIENT_ROLES = (Role.OFFICER,)
_LOCK = 7_133_001  # pg_advisory_xact_lock key: one run at a time


def rules_for(left: int, *, escalates: bool) -> list[str]:
    """The rules that apply with ``left`` working days to the due day (0: the due day, -n: n days overdue)."""
    if left > HORIZON:
        return []
    if left > 2:
        return [Rule.BEFORE_5]
    if left > 0:
        return [Rule.BEFORE_2]
    if left == 0:
        return [Rule.DUE]
    rules = [Rule.OVERDUE]
    if escalates and -left >= ESCALATE_AFTER:
        rules.append(Rule.ESCALATED)
    return rules


@dataclass(frozen=True)
class Run:
    day: dt.date
    working_day: bool
    deadlines: int = 0
    sent: int = 0


def _text(rule: str, deadline: Deadline, left: int) -> tuple[str, str, str]:
    """(kind, title, body) of a reminder."""
    due = formats.date_format(deadline.due_on, "d/m/Y")
    values = {"title": deadline.title, "due": due, "n": abs(left), "unit": deadline.unit.name}
    body = _("Đơn vị thực hiện: %(unit)s. Hạn: %(due)s.") % values
    if rule in (Rule.BEFORE_5, Rule.BEFORE_2):
        return Kind.DEADLINE_REMINDER, _("Còn %(n)d ngày làm việc: %(title)s (hạn %(due)s)") % values, body
    if rule == Rule.DUE:
        return Kind.DEADLINE_REMINDER, _("Hôm nay đến hạn: %(title)s") % values, body
    if rule == Rule.OVERDUE:
        return Kind.DEADLINE_OVERDUE, _("Quá hạn %(n)d ngày làm việc: %(title)s (hạn %(due)s)") % values, body
    return Kind.DEADLINE_ESCALATED, _("%(unit)s quá hạn %(n)d ngày làm việc: %(title)s") % values, body


@transaction.atomic
def reminders_send(*, today: dt.date | None = None) -> Run:
    """Send the reminders due ``today`` (Vietnam's date by default). Safe to run any number of times."""
    today = today or timezone.localdate()
    calendar = work_calendar()
    if not calendar.is_working_day(today):
        return Run(day=today, working_day=False)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
    horizon = calendar.add_working_days(today, HORIZON)
    deadlines = list(Deadline.objects.filter(closed_at__isnull=True, due_on__lte=horizon).select_related("unit", "escalate_to"))
    if not deadlines:
        return Run(day=today, working_day=True)
    sent = set(ReminderSent.objects.filter(deadline__in=deadlines).values_list("deadline_id", "recipient_id", "rule"))
    units = {d.unit_id for d in deadlines} | {d.escalate_to_id for d in deadlines if d.escalate_to_id}
    holders = unit_holders(units, RECIPIENT_ROLES, on=today)
    planned: list[tuple[Deadline, str, Notification]] = []
    now = timezone.now()
    for deadline in deadlines:
        # (today, due] counted; negative once past due: -(working days in [due, today)).
        left = calendar.working_days_between(today, deadline.due_on)
        for rule in rules_for(left, escalates=deadline.escalate_to_id is not None):
            unit = deadline.escalate_to if rule == Rule.ESCALATED else deadline.unit
            kind, title, body = _text(rule, deadline, left)
            for user in holders.get(unit.pk, []):
                if (deadline.pk, user.pk, rule) in sent:
                    continue
                sent.add((deadline.pk, user.pk, rule))
                note = Notification(recipient=user, kind=kind, title=title, body=body, url=deadline.url, unit=deadline.unit, created_at=now)
                planned.append((deadline, rule, note))
    created = notifications_create([note for _d, _r, note in planned])
    ReminderSent.objects.bulk_create(
        [
            ReminderSent(deadline=deadline, recipient_id=note.recipient_id, rule=rule, day=today, notification=note)
            for (deadline, rule, _n), note in zip(planned, created, strict=True)
        ],
        batch_size=1000,
    )
    by_deadline: dict[int, int] = defaultdict(int)
    for deadline, _rule, _note in planned:
        by_deadline[deadline.pk] += 1
    return Run(day=today, working_day=True, deadlines=len(by_deadline), sent=len(planned))
