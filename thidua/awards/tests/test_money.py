import datetime as dt
from decimal import Decimal

import pytest

from thidua.awards import selectors
from thidua.awards.money import cash_amount


@pytest.mark.parametrize(
    ("coefficient", "base", "expected"),
    [
        ("0.3", 2_530_000, 760_000),  # DOMAIN §7 worked example: 759,000 rounded up
        ("0.3", 2_340_000, 710_000),  # 702,000 -> 710,000
        ("1.0", 2_340_000, 2_340_000),  # already a multiple of 10,000
        ("4.5", 1_800_000, 8_100_000),
        ("3.5", 2_340_000, 8_190_000),  # DOMAIN §6.3: about 8.19 million
        ("0.8", 1_490_000, 1_200_000),  # 1,192,000 -> 1,200,000
    ],
)
def test_cash_is_coefficient_times_base_rounded_up_to_ten_thousand(coefficient, base, expected):
    assert cash_amount(Decimal(coefficient), base) == expected


def test_ldtt_decided_in_august_2026_is_760_000_dong(db):
    day = dt.date(2026, 8, 15)
    kind = selectors.kind_on("LDTT", day)
    base = selectors.base_salary_on(day)
    assert kind.regime.code == "law2022_nd152" and base.amount == 2_530_000
    assert cash_amount(kind.coefficient, base.amount) == 760_000
