"""Template filters for Vietnamese numbers and tenures (``thidua.formats.numbers``)."""

from __future__ import annotations

from django import template

from thidua.formats.numbers import number_vi, years_months

register = template.Library()


@register.filter
def so(value, digits: int = 2) -> str:
    """{{ 1234567|so }} -> "1.234.567"; {{ 0.3|so }} -> "0,3"."""
    return number_vi(value, int(digits))


@register.filter
def nam_thang(value) -> str:
    """{{ 10.76|nam_thang }} -> "10 năm 9 tháng" (years as a number, or a timedelta)."""
    return years_months(value)
