"""One way to name a school year: its label ("2024-2025", also written "2024 - 2025", "2024–2025" or
"2024/2025"), or the current one. The decision form, the API and the Excel import resolve through here;
a label that names no stored year is ``unknown_school_year`` (HTTP 400 in a request body or query, like
every unknown reference; a year in a URL path is a resource address and answers 404)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from thidua.core.errors import DomainError

from .models import SchoolYear

_LABEL = re.compile(r"\s*(\d{4})\s*[-–—/]\s*(\d{4})\s*")


def normalise(label: str) -> str | None:
    """ "2024 – 2025" -> "2024-2025"; ``None`` when it is not two consecutive years."""
    m = _LABEL.fullmatch(label or "")
    if not m or int(m.group(2)) != int(m.group(1)) + 1:
        return None
    return f"{m.group(1)}-{m.group(2)}"


def school_year_by_label(label: str) -> SchoolYear | None:
    code = normalise(label)
    return SchoolYear.objects.filter(code=code).first() if code else None


def unknown_year(label: str, *, field: str | None = None) -> DomainError:
    return DomainError(_("Không có năm học %(code)s.") % {"code": label}, code="unknown_school_year", field=field)


def resolve_school_year(label: str | None, *, field: str | None = None) -> SchoolYear | None:
    """``None`` for an empty label; the year; or ``unknown_school_year``."""
    if not label or not label.strip():
        return None
    year = school_year_by_label(label)
    if year is None:
        raise unknown_year(label, field=field)
    return year


def current_or_latest() -> SchoolYear | None:
    return SchoolYear.objects.filter(is_current=True).first() or SchoolYear.objects.order_by("-start_date").first()
