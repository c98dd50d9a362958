"""How reasons write numbers: as Vietnamese legal texts do (decimal comma: "hệ số 2,0", "69,97 %")."""

from __future__ import annotations

from fractions import Fraction


def number(value: Fraction | float | int, digits: int = 2) -> str:
    """``value`` with at most ``digits`` decimals, trailing zeros dropped, a decimal comma (12,5; 20)."""
    text = f"{float(value):.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def coefficient(value: Fraction | float | int) -> str:
    """A coefficient as the law writes it: one decimal at least (2 → "2,0", 1.5 → "1,5")."""
    text = number(value, 2)
    return text if "," in text else text + ",0"


def percent(ratio: Fraction | float, digits: int = 2) -> str:
    """A ratio as a percentage with a space before the sign (3/20 → "15 %")."""
    return f"{number(Fraction(ratio) * 100, digits)} %"
