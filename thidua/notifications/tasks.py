"""Background tasks of notifications (``manage.py db_worker`` runs them; tests use the immediate backend).

Tasks import services, never the reverse: ``services.EMAIL_TASK`` names ``send_emails``.
"""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from .reminders import reminders_send
from .sending import emails_send


@task()
def send_emails(notification_ids: list[int]) -> int:
    """E-mail these notifications (those whose recipient still wants e-mail and has an address)."""
    return emails_send(notification_ids)


@task()
def send_reminders(today: str | None = None) -> int:
    """The daily reminder run (``manage.py send_reminders`` does the same); returns how many were sent."""
    return reminders_send(today=dt.date.fromisoformat(today) if today else None).sent
