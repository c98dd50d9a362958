"""The text of a notification e-mail: its title, a short body and the link; never a national ID.

Callers write the titles and bodies; as a last guard any run of nine or more digits (a national ID, a
citizen-card or phone number) is masked before the text leaves the system.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from .models import Notification

_LONG_NUMBER = re.compile(r"\d(?:[\s.-]?\d){8,}")
BODY_LIMIT = 600


def mask_numbers(text: str) -> str:
    """``"CCCD 001185000001"`` -> ``"CCCD •••"``."""
    return _LONG_NUMBER.sub("•••", text)


def absolute(url: str) -> str:
    return settings.THIDUA_SITE_URL.rstrip("/") + url


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


def compose(notification: Notification) -> Message:
    title = mask_numbers(" ".join(notification.title.split()))
    body = mask_numbers(notification.body.strip())
    if len(body) > BODY_LIMIT:
        body = body[: BODY_LIMIT - 1].rstrip() + "…"
    lines = [title, ""]
    if body:
        lines += [body, ""]
    lines += [
        _("Xem chi tiết: %(url)s") % {"url": absolute(notification.url)},
        "",
        _("Thư tự động của hệ thống Thi đua – Khen thưởng. Tắt thông báo qua thư điện tử tại %(url)s")
        % {"url": absolute("/notifications/")},
    ]
    return Message(subject=f"[{_('Thi đua – Khen thưởng')}] {title}"[:200], body="\n".join(lines))
