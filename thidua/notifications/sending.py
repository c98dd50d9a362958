"""Sending the e-mails of notifications (called by ``tasks.send_emails``).

Each notification is claimed by a conditional UPDATE of ``emailed_at`` before its message goes, so a task
that runs twice (a retry, two workers) sends it once; a message the mail server refused is released for a
retry.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone, translation

from .mail import compose
from .models import Notification
from .services import email_allowed

_log = logging.getLogger(__name__)


def emails_send(notification_ids: Iterable[int]) -> int:
    """Send what is still due among these notifications; returns how many messages went."""
    rows = list(Notification.objects.filter(pk__in=list(notification_ids), emailed_at__isnull=True).select_related("recipient"))
    allowed = email_allowed([n.recipient for n in rows])
    sent = 0
    with translation.override(settings.LANGUAGE_CODE), get_connection() as connection:
        for notification in rows:
            if notification.recipient_id not in allowed:
                continue
            if not Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=timezone.now()):
                continue  # another run took it
            message = compose(notification)
            email = EmailMessage(
                message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [notification.recipient.email], connection=connection
            )
            try:
                email.send()
            except Exception:
                Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
                _log.exception("notification %s: the mail server refused the message", notification.pk)
                raise
            sent += 1
    return sent
