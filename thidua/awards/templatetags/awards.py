"""Template filters of the award pages."""

from __future__ import annotations

from django import template

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
