"""Reads of the inbox: a user reads their own notifications only, whoever they are (admins included)."""

from __future__ import annotations

from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .models import Notification


def inbox(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, unread first, newest first."""
    qs = Notification.objects.filter(recipient=user).select_related("unit")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by(F("read_at").desc(nulls_first=True), "-created_at", "-pk")


def unread_count(*, user) -> int:
    """The number in the header: taken from the user row when the login backend loaded it with
    ``unread_count_annotation`` (no query), else counted (one query, kept on the user for the request)."""
    cached = getattr(user, "unread_notifications", None)
    if cached is None:
        cached = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        user.unread_notifications = cached
    return cached


def unread_count_annotation():
    """Counts the unread notifications of the user row: ``User.objects.annotate(unread_notifications=…)``."""
    counted = (
        Notification.objects.filter(recipient_id=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted[:1]), 0)
