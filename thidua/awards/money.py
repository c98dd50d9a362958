"""Cash rewards: coefficient × base salary in force on the decision date, rounded up to 10,000 đồng.

Pure functions (DOMAIN §7: NĐ 152/2025 Điều 49; same rule in NĐ 98/2023). Money is integer đồng;
coefficients are ``Decimal`` so 0.3 × 2,530,000 is exactly 759,000 before rounding.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

ROUNDING_UNIT = 10_000


def cash_amount(coefficient: Decimal, base_salary: int) -> int:
    """``coefficient × base_salary`` rounded *up* to the next 10,000 đồng (exact decimal arithmetic)."""
    raw = Decimal(coefficient) * Decimal(base_salary)
    units = (raw / ROUNDING_UNIT).to_integral_value(rounding=ROUND_CEILING)
    return int(units) * ROUNDING_UNIT
