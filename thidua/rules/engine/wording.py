"""How reasons write numbers: as Vietnamese legal texts do (decimal comma: "hệ số 2,0", "69,97 %")."""

from __future__ import annotations

import math
import string
from fractions import Fraction


def number(value: Fraction | float | int, digits: int = 2) -> str:
    """``value`` with at most ``digits`` decimals, trailing zeros dropped, a decimal comma (12,5; 20)."""
    text = f"{float(value):.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def years_months(value: Fraction | float | int, *, up: bool = False) -> str:
    """A number of years as a tenure in years and months, as officers write it (10.76 → "10 năm 9 tháng", 2 → "2 năm",
    0.3 → "3 tháng"). Months are rounded down (time served is never overstated), or up with ``up`` (time still
    missing is never understated); nothing below zero."""
    months = max(Fraction(str(value) if isinstance(value, float) else value) * 12, Fraction(0))
    whole = math.ceil(months) if up else math.floor(months)
    years, rest = divmod(whole, 12)
    if years and rest:
        return f"{years} năm {rest} tháng"
    if years:
        return f"{years} năm"
    return f"{rest} tháng"


def coefficient(value: Fraction | float | int) -> str:
    """A coefficient as the law writes it: one decimal at least (2 → "2,0", 1.5 → "1,5")."""
    text = number(value, 2)
    return text if "," in text else text + ",0"


def percent(ratio: Fraction | float, digits: int = 2) -> str:
    """A ratio as a percentage with a space before the sign (3/20 → "15 %")."""
    return f"{number(Fraction(ratio) * 100, digits)} %"


class _Template(string.Formatter):
    """``str.format`` over a criterion's parameters, with two more specs: ``pct`` (a ratio as a number of
    per cent, 3/20 → "15") and ``coef`` (a coefficient as the law writes it, 2 → "2,0")."""

    def __init__(self, params: object):
        self.params = params

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            raise KeyError(f"positional placeholder {{{key}}} in a label: name the parameter")
        return getattr(self.params, key)

    def format_field(self, value, format_spec: str) -> str:
        if format_spec == "pct":
            return number(Fraction(value) * 100)
        if format_spec == "coef":
            return coefficient(value)
        return super().format_field(value, format_spec)


def fill(template: str, params: object) -> str:
    """``template`` with ``{name}`` placeholders replaced by the parameters of ``params`` ("đủ {months} tháng"
    with ``MinService(months=10)`` → "đủ 10 tháng"; "{years:02d} lần" → "03 lần"). A text without braces is
    returned as it is."""
    if "{" not in template and "}" not in template:
        return template
    return _Template(params).format(template)
