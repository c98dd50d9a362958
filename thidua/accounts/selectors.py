"""Reads that depend on who asks."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from .models import ApiToken
from .scope import scope_for


def api_tokens(*, actor, user_id: int | None = None) -> QuerySet[ApiToken]:
    """Live API tokens the actor may see and revoke: their own; a system admin's view covers everyone's
    (narrowed to one user with ``user_id``). Newest first."""
    qs = ApiToken.objects.select_related("user").filter(expires_at__gt=timezone.now()).order_by("-created_at", "-pk")
    if not scope_for(actor).is_admin:
        qs = qs.filter(user=actor)
    if user_id is not None:
        qs = qs.filter(user_id=user_id)
    return qs
