"""Notifications, e-mail preferences and deadlines: every write of the app.

Creating a notification is not audited: it is the consequence of a change that its own service audited
(a movement launched, a registration returned) or of the reminder run, whose ``ReminderSent`` rows are the
record. Opening and closing a deadline and changing one's e-mail preference are audited; marking read is
not (it changes nothing anyone else sees).

E-mail goes from the task queue (``tasks.send_emails``), enqueued after the commit, only for recipients
whose preference allows it and who have an address; the task checks both again when it runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.audit import recorder as audit
from thidua.core.errors import DomainError
from thidua.core.jobs import enqueue_on_commit

from .models import Deadline, Kind, Notification, NotificationPreference, ReminderSent

EMAIL_TASK = "thidua.notifications.tasks.send_emails"
EMAIL_BATCH = 200


def _check_url(url: str) -> str:
    """A path of this site (``/movements/12/``): never another host, never a scheme."""
    url = (url or "").strip()
    if not url.startswith("/") or url.startswith("//") or "\\" in url or any(c.isspace() for c in url):
        raise DomainError(_("Đường dẫn phải là một trang của hệ thống (bắt đầu bằng “/”)."), code="invalid_url", field="url")
    if len(url) > 500:
        raise DomainError(_("Đường dẫn quá dài."), code="invalid_url", field="url")
    return url


def _check_text(kind: str, title: str) -> str:
    if kind not in Kind.values:
        raise DomainError(_("Loại thông báo không hợp lệ."), code="invalid_kind", field="kind")
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Thông báo cần có tiêu đề."), code="title_required", field="title")
    return title[:255]


def email_allowed(users: Sequence[User]) -> set[int]:
    """Ids of the users who get e-mail: an address, and e-mail not turned off (one query)."""
    with_address = {u.pk for u in users if (u.email or "").strip() and u.is_active}
    if not with_address:
        return set()
    off = set(NotificationPreference.objects.filter(user_id__in=with_address, email_enabled=False).values_list("user_id", flat=True))
    return with_address - off


def _enqueue_emails(notifications: Sequence[Notification], users: Sequence[User]) -> None:
    allowed = email_allowed(users)
    ids = [n.pk for n in notifications if n.recipient_id in allowed]
    for start in range(0, len(ids), EMAIL_BATCH):
        enqueue_on_commit(EMAIL_TASK, ids[start : start + EMAIL_BATCH])


@transaction.atomic
def notifications_create(rows: Sequence[Notification]) -> list[Notification]:
    """Insert prepared notifications (checked here) in bulk; e-mails enqueued after the commit."""
    for row in rows:
        row.title, row.url = _check_text(row.kind, row.title), _check_url(row.url)
    created = Notification.objects.bulk_create(rows, batch_size=1000)
    _enqueue_emails(created, list({n.recipient_id: n.recipient for n in created}.values()))
    return created


def notify_users(users: Iterable[User], *, kind: str, title: str, url: str, body: str = "", unit=None) -> list[Notification]:
    """One notification per distinct active user, in one insert."""
    distinct = list({u.pk: u for u in users if u is not None and u.is_active}.values())
    now = timezone.now()
    _check_text(kind, title)  # refused even when nobody would receive it
    _check_url(url)
    return notifications_create(
        [Notification(recipient=u, kind=kind, title=title, body=body, url=url, unit=unit, created_at=now) for u in distinct]
    )


def notify(user: User, *, kind: str, title: str, url: str, body: str = "", unit=None) -> Notification | None:
    """Notify one user (None when the account is inactive)."""
    rows = notify_users([user], kind=kind, title=title, url=url, body=body, unit=unit)
    return rows[0] if rows else None


def unit_holders(units: Iterable, roles: Iterable[str], *, on: dt.date | None = None) -> dict[int, list[User]]:
    """Unit id -> active users holding one of ``roles`` on exactly that unit on ``on`` (one query).

    Exactly that unit, not above: the department's officer reaches every school's records but is not told
    of every school's deadline (escalation names the organiser explicitly)."""
    day = on or timezone.localdate()
    unit_ids = {getattr(u, "pk", u) for u in units}
    out: dict[int, list[User]] = {pk: [] for pk in unit_ids}
    rows = (
        RoleAssignment.objects.filter(unit_id__in=unit_ids, role__in=list(roles), valid_from__lte=day, user__is_active=True)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("user")
        .order_by("unit_id", "user_id")
    )
    for row in rows:
        if all(u.pk != row.user_id for u in out[row.unit_id]):
            out[row.unit_id].append(row.user)
    return out


def notify_unit(
    unit,
    *,
    kind: str,
    title: str,
    url: str,
    body: str = "",
    roles: Sequence[str] = (Role.OFFICER, Role.HEAD),
    actor=None,
) -> list[Notification]:
    """Notify the holders of ``roles`` (officers and heads by default) on ``unit``; ``actor`` (who caused it) is
    not notified of their own action."""
    users = [u for u in unit_holders([unit], roles)[unit.pk] if actor is None or u.pk != getattr(actor, "pk", None)]
    return notify_users(users, kind=kind, title=title, url=url, body=body, unit=unit)


def mark_read(user: User, ids: Iterable[int] | str = "all") -> int:
    """Mark the user's own notifications read (``"all"`` or some ids; others' ids are ignored). Returns how many."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids != "all":
        wanted = [int(i) for i in ids]
        if not wanted:
            return 0
        qs = qs.filter(pk__in=wanted)
    return qs.update(read_at=timezone.now())


@transaction.atomic
def preference_set(user: User, *, email_enabled: bool, actor=None) -> NotificationPreference:
    """Turn the user's e-mail on or off (their own choice; audited)."""
    pref, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    before = audit.snapshot(pref, ["email_enabled"])
    pref.email_enabled = bool(email_enabled)
    pref.save(update_fields=["email_enabled"])
    audit.record(
        actor=actor or user,
        verb="notification_preference.set",
        target=pref,
        unit=None,
        before=before,
        after=audit.snapshot(pref, ["email_enabled"]),
    )
    return pref


def email_enabled_for(user: User) -> bool:
    pref = NotificationPreference.objects.filter(user=user).first()
    return pref.email_enabled if pref else True


# -- deadlines ------------------------------------------------------------------------------------------
# What the audit log shows of a deadline (its kind and link are codes and paths, not for the page).
_AUDITED = ["title", "unit", "escalate_to", "due_on"]


def _target_q(obj) -> Q:
    if isinstance(obj, str):
        return Q(content_type__isnull=True, label=obj)
    return Q(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


def _target_fields(obj) -> dict:
    if isinstance(obj, str):
        return {"label": obj[:200]}
    return {"content_type": ContentType.objects.get_for_model(obj), "object_id": obj.pk}


@transaction.atomic
def deadline_open(*, obj, unit, due_on: dt.date, kind: str, title: str, url: str, escalate_to=None, actor=None) -> Deadline:
    """Open the deadline of ``obj`` (a row, or a label) for ``unit``, due on ``due_on`` (compute it with
    ``years.calendar.add_working_days``). Opening it again while open moves it: the new date and title
    apply and its reminders start again."""
    url = _check_url(url)
    title = (title or "").strip()[:255]
    if not title:
        raise DomainError(_("Hạn cần có tên việc phải làm."), code="title_required", field="title")
    if not kind:
        raise DomainError(_("Hạn cần có loại."), code="kind_required", field="kind")
    deadline = Deadline.objects.select_for_update().filter(_target_q(obj), kind=kind, unit=unit, closed_at__isnull=True).first()
    fields = {"due_on": due_on, "title": title, "url": url, "escalate_to": escalate_to}
    if deadline is None:
        deadline = Deadline.objects.create(kind=kind, unit=unit, **_target_fields(obj), **fields)
        audit.record(actor=actor, verb="deadline.opened", target=deadline, unit=unit, after=audit.snapshot(deadline, _AUDITED))
        return deadline
    before = audit.snapshot(deadline, _AUDITED)
    moved = deadline.due_on != due_on
    for name, value in fields.items():
        setattr(deadline, name, value)
    deadline.save(update_fields=list(fields))
    if moved:
        ReminderSent.objects.filter(deadline=deadline).delete()
    old, new = audit.diff(before, audit.snapshot(deadline, _AUDITED))
    if new:
        audit.record(actor=actor, verb="deadline.changed", target=deadline, unit=unit, before=old, after=new)
    return deadline


@transaction.atomic
def deadline_close(obj, kind: str, *, unit=None, actor=None) -> int:
    """Close the open deadlines of ``obj`` of this kind (every unit's, or only ``unit``'s). Returns how many."""
    qs = Deadline.objects.select_for_update().filter(_target_q(obj), kind=kind, closed_at__isnull=True)
    if unit is not None:
        qs = qs.filter(unit=unit)
    now = timezone.now()
    closed = 0
    for deadline in qs.select_related("unit"):
        deadline.closed_at = now
        deadline.save(update_fields=["closed_at"])
        audit.record(actor=actor, verb="deadline.closed", target=deadline, unit=deadline.unit, after={"closed_at": now})
        closed += 1
    return closed


@transaction.atomic
def deadlines_open(
    *, obj, units: Sequence, due_on: dt.date, kind: str, title: str, url: str, escalate_to=None, actor=None
) -> list[Deadline]:
    """``deadline_open`` for many units at once (a movement launched to a whole province): the new deadlines
    in one insert, each with its audit row; a unit whose deadline is already open has it moved as by
    ``deadline_open``."""
    url = _check_url(url)
    title = (title or "").strip()[:255]
    if not title:
        raise DomainError(_("Hạn cần có tên việc phải làm."), code="title_required", field="title")
    if not kind:
        raise DomainError(_("Hạn cần có loại."), code="kind_required", field="kind")
    units = list({u.pk: u for u in units}.values())
    open_for = set(
        Deadline.objects.filter(_target_q(obj), kind=kind, unit__in=units, closed_at__isnull=True).values_list("unit_id", flat=True)
    )
    moved = [
        deadline_open(obj=obj, unit=u, due_on=due_on, kind=kind, title=title, url=url, escalate_to=escalate_to, actor=actor)
        for u in units
        if u.pk in open_for
    ]
    target = _target_fields(obj)
    fresh = [
        Deadline(kind=kind, unit=u, due_on=due_on, title=title, url=url, escalate_to=escalate_to, **target)
        for u in units
        if u.pk not in open_for
    ]
    Deadline.objects.bulk_create(fresh, batch_size=1000)
    audit.record_many(
        actor=actor,
        verb="deadline.opened",
        entries=[audit.Entry(target=d, unit=d.unit, after=audit.snapshot(d, _AUDITED)) for d in fresh],
    )
    return moved + fresh
