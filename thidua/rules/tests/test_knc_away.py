"""Kỷ niệm chương "Vì sự nghiệp giáo dục": years sent to study or in military service, then back in the sector,
count as time in the sector (TT 29/2023 Điều 8 khoản 1 điểm a). Pure engine and ``manage.py eligibility``."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction

import pytest
from django.core.management import call_command

from thidua.rules.engine.facade import Engine
from thidua.rules.engine.facts import LeaveFact

from .builders import ND98, ND152, OLD, person, status_of, year_for

D = dt.date
TT29 = {"law2022_nd98": ND98, "law2022_nd152": ND152}  # both dates are after TT 29/2023 took effect (15/02/2024)
MILITARY_2Y = LeaveFact("military_service", D(1996, 9, 1), D(1998, 8, 31))  # 730 days
STUDY_364 = LeaveFact("sent_to_study", D(2000, 9, 1), D(2001, 8, 30))  # 364 days
STUDY_365 = LeaveFact("sent_to_study", D(2000, 9, 1), D(2001, 8, 31))  # 365 days


def knc_candidate(*leaves: LeaveFact, **kw):
    kw.setdefault("in_hardship_area_now", False)
    return person(leaves=tuple(leaves), **kw)


# (facts about time in the sector, periods away, expected status of the criterion)
CASES = [
    ({"sector_years": Fraction(37, 2)}, (), "not_met"),  # 18,5 years
    ({"sector_years": Fraction(37, 2)}, (MILITARY_2Y,), "met"),  # + 2 years of military service
    ({"sector_years": Fraction(19)}, (STUDY_364,), "not_met"),  # a day short of 20
    ({"sector_years": Fraction(19)}, (STUDY_365,), "met"),
    ({"sector_years": Fraction(19)}, (LeaveFact("training", D(2000, 9, 1), D(2002, 8, 31)),), "not_met"),  # a training leave is not away
    ({"sector_years": Fraction(19)}, (STUDY_364, LeaveFact("sent_to_study", D(2001, 1, 1), D(2001, 8, 30))), "not_met"),  # overlap once
    ({"sector_years": Fraction(18)}, (STUDY_365, MILITARY_2Y), "met"),  # both kinds add up
    # Counted from the first day in the sector: the years away before it are added (recorded after the return) …
    ({"sector_start": D(2006, 9, 1)}, (), "not_met"),  # 18 full years on the evaluation day
    # 20 full years on 15/07/2025 need a start on 15/07/2005 at the latest: 413 days away before 01/09/2006.
    ({"sector_start": D(2006, 9, 1)}, (LeaveFact("military_service", D(2005, 7, 15), D(2006, 8, 31)),), "met"),
    ({"sector_start": D(2006, 9, 1)}, (LeaveFact("military_service", D(2005, 7, 16), D(2006, 8, 31)),), "not_met"),  # a day short
    # … those after it are already inside the span and are not counted twice.
    ({"sector_start": D(2005, 9, 1)}, (LeaveFact("military_service", D(2010, 9, 1), D(2012, 8, 31)),), "not_met"),
]


@pytest.mark.parametrize("regime", sorted(TT29))
@pytest.mark.parametrize(("tenure", "leaves", "expected"), CASES)
def test_years_away_for_study_or_military_service_count_under_tt29(regime, tenure, leaves, expected):
    day = TT29[regime]
    if "sector_start" in tenure and day == ND98:  # keep the same distance to the evaluation day (2025-07-15)
        tenure = {"sector_start": tenure["sector_start"] - dt.timedelta(days=365)}
        leaves = tuple(LeaveFact(x.kind, x.start - dt.timedelta(days=365), x.end - dt.timedelta(days=365)) for x in leaves)

    assert status_of(knc_candidate(*leaves, **tenure), "KNC_GD", "sector", day) == expected


def test_the_reason_names_the_years_counted():
    outcome = Engine().evaluate(knc_candidate(MILITARY_2Y, sector_years=Fraction(37, 2)), "KNC_GD", year=year_for(ND152), day=ND152)
    sector = next(c for c in outcome.criteria if c.key == "sector")

    assert outcome.verdict.value == "eligible"
    assert "Đã tính 2 năm thực hiện nghĩa vụ quân sự rồi trở về ngành." in sector.reason
    assert str(sector.citation) == "Thông tư 29/2023/TT-BGDĐT, Điều 8, khoản 1, điểm a"


@pytest.mark.parametrize("day", [OLD, D(2024, 1, 20)])  # TT 22/2018 (old regime; the 2022 law before TT 29/2023)
def test_before_tt29_the_years_away_are_not_added(day):
    assert status_of(knc_candidate(MILITARY_2Y, sector_years=Fraction(37, 2)), "KNC_GD", "sector", day) == "not_met"


@pytest.mark.parametrize(
    ("day", "leaves", "expected"),
    [
        (ND98, [], "not_eligible"),
        (ND98, [{"kind": "military_service", "start_date": "1996-09-01", "end_date": "1998-08-31"}], "eligible"),
        (ND152, [], "not_eligible"),
        (ND152, [{"kind": "sent_to_study", "start_date": "2000-09-01", "end_date": "2002-08-31"}], "eligible"),
        (ND152, [{"kind": "training", "start_date": "2000-09-01", "end_date": "2002-08-31"}], "not_eligible"),
        (OLD, [{"kind": "military_service", "start_date": "1996-09-01", "end_date": "1998-08-31"}], "not_eligible"),
    ],
)
def test_the_command_counts_the_years_away(tmp_path, day, leaves, expected):
    doc = {
        "format": "thidua-eligibility/1",
        "evaluation_date": day.isoformat(),
        "titles": ["KNC_GD"],
        "persons": [{"id": "GV-1", "sector_years": 18.5, "in_hardship_area_now": False, "leaves": leaves}],
    }
    (tmp_path / "in.json").write_text(json.dumps(doc), encoding="utf-8")

    call_command("eligibility", "--input", str(tmp_path / "in.json"), "--output", str(tmp_path / "out.json"))
    result = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))

    assert result["persons"][0]["outcomes"][0]["verdict"] == expected


def test_years_in_the_sector_read_in_years_and_months_not_decimals():
    outcome = Engine().evaluate(knc_candidate(sector_years=Fraction("10.76")), "KNC_GD", year=year_for(ND152), day=ND152)
    sector = next(c for c in outcome.criteria if c.key == "sector")

    assert sector.reason.startswith("10 năm 9 tháng trong ngành, yêu cầu ")
    assert "10,7" not in sector.reason and "10,8" not in sector.reason
    assert outcome.verdict.value == "not_eligible" and any("công tác trong ngành" in m and "tháng" in m for m in outcome.still_missing())
