from __future__ import annotations

from .selectors import unread_count


def inbox(request):
    """``unread_notifications`` for the header's inbox link (no extra query: see ``selectors.unread_count``)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user=user)}
