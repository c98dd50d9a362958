"""Numbers and durations as Vietnamese officers write them: "1.234.567", "0,3", "10 năm 9 tháng".

Pure functions (no Django), so pages, exports and tests share them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction


def number_vi(value, digits: int = 2) -> str:
    """Thousands dot, decimal comma, at most ``digits`` decimals, trailing zeros dropped; "" for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    number = Decimal(str(float(value))) if isinstance(value, (float, Fraction)) else Decimal(str(value))
    text = f"{round(number, digits):,.{digits}f}"
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    whole = whole.replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole


def years_months(value) -> str:
    """A tenure in years and months, from a ``timedelta`` or a number of years (int, float, Decimal,
    Fraction): 10.76 -> "10 năm 9 tháng"; under half a month -> "0 tháng"."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.timedelta):
        months = round(Fraction(value.days) * 12 / Fraction(36525, 100))
    else:
        months = round(Fraction(str(value)) * 12)
    years, months = divmod(int(months), 12)
    if years and months:
        return f"{years} năm {months} tháng"
    if years:
        return f"{years} năm"
    return f"{months} tháng"
