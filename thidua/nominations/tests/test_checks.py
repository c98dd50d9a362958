"""Round-wide caps and collective thresholds (pure)."""

from __future__ import annotations

import datetime as dt

from thidua.nominations.checks import LineFact, Members, round_checks

OLD_DAY, NEW_DAY = dt.date(2023, 5, 31), dt.date(2026, 5, 31)


def _ldtt(n: int, start: int = 1) -> list[LineFact]:
    return [LineFact(i, None, "LDTT") for i in range(start, start + n)]


def test_the_old_regimes_cstdcs_cap_counts_the_ldtt_proposed():
    lines = [*_ldtt(6), LineFact(1, None, "CSTDCS")]
    (check,) = round_checks(day=OLD_DAY, lines=lines, held={}, collectives={})
    assert not check.met and "tối đa 0" in check.reason and "15 %" in check.reason
    (check,) = round_checks(day=OLD_DAY, lines=[*_ldtt(7), LineFact(1, None, "CSTDCS")], held={}, collectives={})
    assert check.met


def test_titles_already_awarded_count_toward_the_cap():
    (check,) = round_checks(day=OLD_DAY, lines=[*_ldtt(1), LineFact(1, None, "CSTDCS")], held={i: {"LDTT"} for i in range(2, 8)},
                            collectives={})  # fmt: skip
    assert check.met


def test_the_2022_law_has_no_cstdcs_cap():
    assert round_checks(day=NEW_DAY, lines=[*_ldtt(1), LineFact(1, None, "CSTDCS")], held={}, collectives={}) == []


def test_a_collective_needs_seventy_percent_ldtt_under_the_2022_law():
    team = Members("Tổ Toán", tuple(range(1, 11)))
    lines = [*_ldtt(6), LineFact(None, 99, "TTLDTT")]
    (check,) = round_checks(day=NEW_DAY, lines=lines, held={}, collectives={99: team})
    assert not check.met and "6/10" in check.reason
    (check,) = round_checks(day=NEW_DAY, lines=[*_ldtt(7), LineFact(None, 99, "TTLDTT")], held={}, collectives={99: team})
    assert check.met


def test_more_than_half_before_the_2022_law():
    team = Members("Tổ Văn", tuple(range(1, 11)))
    (check,) = round_checks(day=OLD_DAY, lines=[*_ldtt(5), LineFact(None, 99, "TTLDTT")], held={}, collectives={99: team})
    assert not check.met  # 5/10 is not more than 50 %


def test_an_excellent_collective_needs_a_cstdcs_among_its_members():
    team = Members("Tổ Toán", tuple(range(1, 11)))
    found = round_checks(day=NEW_DAY, lines=[*_ldtt(8), LineFact(None, 99, "TTLDXS")], held={}, collectives={99: team})
    by_key = {c.key.split(":")[0]: c for c in found}
    assert by_key["share"].met and not by_key["cstdcs"].met
    found = round_checks(day=NEW_DAY, lines=[*_ldtt(8), LineFact(1, None, "CSTDCS"), LineFact(None, 99, "TTLDXS")], held={},
                         collectives={99: team})  # fmt: skip
    assert all(c.met for c in found if c.key.startswith("cstdcs"))
