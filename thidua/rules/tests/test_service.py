"""LĐTT: time worked by a new recruit (NĐ 91/2017; the same rule, ❓, under the 2022 law), issue 8 item 1.

Counted from the actual recruitment date (never moved to 1 September) to the consideration date, or to the
end of the school year when that comes first; leave that counts as time worked counts.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command

from thidua.rules.engine.facade import Engine
from thidua.rules.engine.facts import LeaveFact
from thidua.rules.engine.serialize import person_to_json

from .builders import person

D = dt.date
# Dates of the old regime (school year 2022-2023); the 2022-law regimes are the same dates 2 and 4 years on.
SHIFT = {"law2013": 0, "law2022_nd98": 2, "law2022_nd152": 4}
OTHER_OCTOBER = (("other", D(2022, 10, 1), D(2022, 10, 31)),)  # 31 days of leave that does not count
MATERNITY_OCTOBER = (("maternity", D(2022, 10, 1), D(2022, 10, 31)),)

# (recruited, considered on, leaves, status of the criterion)
CASES = [
    pytest.param(D(2022, 9, 1), D(2023, 6, 15), (), "not_met", id="recruited-1-sep-considered-mid-june"),
    pytest.param(D(2022, 9, 1), D(2023, 6, 29), (), "not_met", id="one-day-before-the-boundary"),
    pytest.param(D(2022, 9, 1), D(2023, 6, 30), (), "met", id="exactly-10-months-on-the-consideration-date"),
    pytest.param(D(2022, 8, 1), D(2023, 6, 15), (), "met", id="recruited-1-aug-of-the-previous-year-not-moved-to-1-sep"),
    pytest.param(D(2022, 8, 16), D(2023, 6, 15), (), "met", id="recruited-before-1-sep-exact-boundary"),
    pytest.param(D(2022, 8, 17), D(2023, 6, 15), (), "not_met", id="recruited-before-1-sep-one-day-short"),
    pytest.param(D(2022, 11, 1), D(2023, 8, 31), (), "met", id="considered-on-the-last-day-of-the-year"),
    pytest.param(D(2022, 11, 2), D(2023, 9, 20), (), "not_met", id="counted-to-the-end-of-the-year-when-considered-later"),
    pytest.param(D(2022, 8, 1), D(2023, 6, 15), OTHER_OCTOBER, "not_met", id="uncounted-leave-is-deducted"),
    pytest.param(D(2022, 8, 1), D(2023, 6, 15), MATERNITY_OCTOBER, "met", id="maternity-leave-counts-as-time-worked"),
    pytest.param(D(2022, 9, 1), D(2023, 6, 30), (("sick", D(2022, 11, 1), D(2023, 2, 28)),), "met", id="sick-leave-counts"),
    pytest.param(D(2022, 9, 1), D(2023, 6, 30), (("training", D(2022, 10, 1), D(2022, 12, 31)),), "met", id="short-training-counts"),
    pytest.param(D(2022, 9, 1), D(2023, 8, 31), (("training", D(2022, 10, 1), D(2023, 10, 31)),), "not_met", id="long-training-deducted"),
    pytest.param(D(2010, 9, 1), D(2023, 6, 15), OTHER_OCTOBER, "met", id="long-serving-staff-are-not-new-recruits"),
    pytest.param(D(2023, 9, 1), D(2023, 9, 20), (), "not_met", id="recruited-after-the-school-year"),
]


def _shift(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years)


def _case(regime: str, recruited, considered, leaves):
    n = SHIFT[regime]
    year = 2022 + n
    leave_facts = tuple(LeaveFact(kind, _shift(a, n), _shift(b, n)) for kind, a, b in leaves)
    return year, _shift(considered, n), person(ratings={year: "good"}, service_start=_shift(recruited, n), leaves=leave_facts)


@pytest.mark.parametrize("regime", list(SHIFT))
@pytest.mark.parametrize(("recruited", "considered", "leaves", "expected"), CASES)
def test_time_worked_by_a_new_recruit(regime, recruited, considered, leaves, expected):
    year, day, p = _case(regime, recruited, considered, leaves)

    outcome = Engine().evaluate(p, "LDTT", year=year, day=day)

    assert outcome.regime.split("_")[0] == regime.split("_")[0]  # dates after 30/06/2025 fall under NĐ 152
    service = next(c for c in outcome.criteria if c.key == "service")
    assert service.status.value == expected, service.reason
    assert outcome.verdict.value == ("eligible" if expected == "met" else "not_eligible")
    assert service.tag == ("confirmed" if regime == "law2013" else "unconfirmed")  # the 2022-law rule stays ❓


@pytest.mark.parametrize("regime", list(SHIFT))
@pytest.mark.parametrize(("recruited", "considered", "leaves", "expected"), CASES)
def test_time_worked_by_a_new_recruit_through_the_command(regime, recruited, considered, leaves, expected, tmp_path):
    year, day, p = _case(regime, recruited, considered, leaves)
    document = {"evaluation_date": day.isoformat(), "school_year": f"{year}-{year + 1}", "titles": ["LDTT"], "persons": [person_to_json(p)]}
    (tmp_path / "in.json").write_text(json.dumps(document), encoding="utf-8")

    call_command("eligibility", "--input", str(tmp_path / "in.json"), "--output", str(tmp_path / "out.json"))

    outcome = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["persons"][0]["outcomes"][0]
    assert next(c["status"] for c in outcome["criteria"] if c["key"] == "service") == expected


def test_the_reason_names_the_dates_and_when_the_months_are_reached():
    p = person(ratings={2022: "good"}, service_start=D(2022, 9, 1), leaves=(LeaveFact("maternity", D(2022, 10, 1), D(2022, 12, 31)),))

    service = next(c for c in Engine().evaluate(p, "LDTT", year=2022, day=D(2023, 6, 15)).criteria if c.key == "service")

    assert service.reason == (
        "Công tác từ ngày tuyển dụng 01/09/2022 đến 15/06/2023: chưa đủ 10 tháng (người mới tuyển dụng). Đủ 10 tháng vào ngày "
        "30/06/2023. Thời gian nghỉ thai sản được tính là thời gian công tác."
    )
