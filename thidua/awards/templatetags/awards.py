"""Template filters of the award pages."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.filter
def dong(value) -> str:
    """760000 -> "760.000 đ" (Vietnamese thousands separator); empty for None."""
    if value is None or value == "":
        return ""
    return f"{int(value):,}".replace(",", ".") + " đ"


@register.filter
def coef(value) -> str:
    """Decimal("0.30") -> "0,3" (Vietnamese decimal comma)."""
    if value is None:
        return ""
    return f"{value.normalize():f}".replace(".", ",")


# How sure the catalogue is of an entry, in words an official can accept; the marks are plain text
# characters (no emoji font needed), the colour comes from the CSS class.
SOURCE_STATUS = {
    "confirmed": ("✓", "status-confirmed", _("có văn bản")),
    "partial": ("⚠", "status-partial", _("cách hiểu của hệ thống — hội đồng xem xét")),
    "unconfirmed": ("?", "status-unconfirmed", _("chưa có văn bản hướng dẫn — hội đồng quyết định")),
}


@register.filter
def source_status(status: str) -> str:
    """'partial' -> a marked, labelled status (``SourceStatus`` value, or a grant's status)."""
    mark, css, label = SOURCE_STATUS.get(status, SOURCE_STATUS["unconfirmed"])
    return format_html('<span class="status {}"><span aria-hidden="true">{}</span> {}</span>', css, mark, label)
