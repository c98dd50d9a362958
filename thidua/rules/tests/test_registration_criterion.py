"""The registration criterion, without a database: a higher rung covers a lower one; advisory unless required."""

from __future__ import annotations

import pytest

from thidua.rules.engine.registration import RegistrationPolicy, registration_check


@pytest.mark.parametrize(
    ("registered", "code", "met", "via"),
    [
        ({"LDTT"}, "LDTT", True, "LDTT"),
        ({"CSTDCS"}, "LDTT", True, "CSTDCS"),
        ({"LDTT"}, "CSTDCS", False, None),
        (set(), "TTLDTT", False, None),
        ({"TTLDXS"}, "TTLDTT", True, "TTLDXS"),
        ({"XYZ"}, "XYZ", True, "XYZ"),
    ],
)
def test_registered_codes_cover_their_rung_and_below(registered, code, met, via):
    check = registration_check(registered, code)
    assert (check.met, check.via) == (met, via)


def test_a_missing_registration_is_advisory_by_default():
    assert not registration_check(set(), "LDTT").decisive
    assert registration_check(set(), "LDTT", required=True).decisive
    assert not registration_check({"CSTDCS"}, "LDTT", required=True).decisive


def test_the_policy_is_data_per_regime_and_unit_the_most_specific_prefix_wins():
    policy = RegistrationPolicy(required_by={("*", "0001"): True, ("law2022_nd152", "00010002"): False})
    assert policy.required(regime="law2022_nd152", unit_path="00010003")
    assert not policy.required(regime="law2022_nd152", unit_path="000100020001")
    assert not policy.required(regime="law2022_nd152", unit_path="0009")
    assert not RegistrationPolicy().required(regime="law2022_nd152", unit_path="0001")
