"""Individual titles and forms, per regime, with the edges DOMAIN §4–6 and issue 4 name."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from thidua.rules.engine.facade import Engine
from thidua.rules.engine.facts import AwardHeld, DisciplineFact, LeaveFact
from thidua.rules.engine.rulesets import DEFAULT_BOOK

from .builders import DAYS, ND98, ND152, OLD, init, person, status_of, verdict

Y_OLD, Y98, Y152 = 2022, 2023, 2024


# -- LĐTT -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("regime", list(DAYS))
@pytest.mark.parametrize(
    ("rating", "expected"), [("excellent", "eligible"), ("good", "eligible"), ("completed", "not_eligible"), (None, "undetermined")]
)
def test_ldtt_needs_good_rating_or_better(regime, rating, expected):
    day = DAYS[regime]
    p = person(ratings={day.year - 1: rating} if rating else {})
    assert verdict(p, "LDTT", day) == expected


@pytest.mark.parametrize("regime", list(DAYS))
def test_ldtt_qualities_are_never_assumed(regime):
    day = DAYS[regime]
    p = person(ratings={day.year - 1: "good"})
    bare = type(p)(id="x", service_start=p.service_start, history=p.history)  # nothing confirmed
    assert status_of(bare, "LDTT", "qualities", day) == "unknown"
    assert verdict(bare, "LDTT", day) == "undetermined"


@pytest.mark.parametrize("regime", list(DAYS))
def test_ldtt_reprimand_in_the_year_disqualifies(regime):
    day = DAYS[regime]
    year = day.year - 1
    p = person(
        ratings={year: "good"}, disciplines=(DisciplineFact("reprimand", "in_effect", dt.date(year + 1, 1, 5), dt.date(year + 2, 1, 4)),)
    )
    assert verdict(p, "LDTT", day) == "not_eligible"


def test_ldtt_discipline_of_an_earlier_year_does_not_count():
    p = person(ratings={Y152: "good"}, disciplines=(DisciplineFact("warning", "in_effect", dt.date(2022, 1, 5), dt.date(2023, 1, 4)),))
    assert verdict(p, "LDTT", ND152) == "eligible"


@pytest.mark.parametrize("day", [ND98, ND152])
def test_ldtt_pending_discipline_blocks_under_the_2022_law(day):
    year = day.year - 1
    p = person(ratings={year: "good"}, disciplines=(DisciplineFact("warning", "pending", dt.date(year + 1, 5, 1)),))
    assert verdict(p, "LDTT", day) == "not_eligible"
    assert status_of(p, "LDTT", "no_pending", day) == "not_met"


def test_ldtt_pending_investigation_blocks():
    p = person(ratings={Y152: "good"}, pending_investigation=True)
    assert verdict(p, "LDTT", ND152) == "not_eligible"


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (dt.date(2022, 9, 16), "eligible"),  # exactly 10 months to the consideration date 15/07/2023
        (dt.date(2022, 9, 17), "not_eligible"),  # one day short
        (dt.date(2023, 9, 1), "not_eligible"),  # not yet recruited in 2022-2023
    ],
)
def test_ldtt_old_regime_short_tenure(start, expected):
    p = person(ratings={Y_OLD: "good"}, service_start=start)
    assert verdict(p, "LDTT", OLD) == expected


def test_ldtt_maternity_leave_counts_as_service():
    p = person(
        ratings={Y_OLD: "good"},
        service_start=dt.date(2022, 9, 1),
        leaves=(LeaveFact("maternity", dt.date(2022, 10, 1), dt.date(2023, 3, 31)),),
    )
    assert verdict(p, "LDTT", OLD) == "eligible"


def test_ldtt_uncounted_leave_shortens_service_of_a_new_recruit():
    p = person(
        ratings={Y_OLD: "good"}, service_start=dt.date(2022, 9, 1), leaves=(LeaveFact("other", dt.date(2022, 10, 1), dt.date(2023, 1, 31)),)
    )
    assert verdict(p, "LDTT", OLD) == "not_eligible"


def test_ldtt_missing_recruitment_date_is_unknown_not_assumed():
    p = person(ratings={Y152: "good"}, service_start=None)
    assert status_of(p, "LDTT", "service", ND152) == "unknown"


def test_ldtt_new_regime_tenure_rule_is_tagged_unconfirmed():
    outcome = Engine().evaluate(person(ratings={Y152: "good"}), "LDTT", year=Y152, day=ND152)
    service = next(c for c in outcome.criteria if c.key == "service")
    assert service.tag == "unconfirmed"
    assert outcome.as_dict()["criteria"][4]["tag_symbol"] == "❓"


# -- CSTĐCS -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "rating", "initiatives", "expected"),
    [
        (OLD, "excellent", (), "not_eligible"),  # old regime: the initiative is mandatory
        (OLD, "good", (init("a", "unit", Y_OLD),), "eligible"),
        (OLD, "good", (init("a", "unit", Y_OLD, kind="research"),), "eligible"),
        (OLD, "good", (init("a", "unit", Y_OLD - 1),), "not_eligible"),  # last year's initiative
        (ND98, "excellent", (), "eligible"),  # new regime: HTXSNV alone suffices
        (ND98, "good", (), "not_eligible"),
        (ND152, "good", (init("a", "unit", Y152),), "eligible"),
        (ND152, "good", (init("a", "unit", Y152, used=(("CSTDCS", Y152 - 1),)),), "not_eligible"),  # already used
        (ND152, "good", (init("a", "unit", Y152, used=(("BK_BO_TINH", Y152),)),), "not_eligible"),  # used for a form
        (ND152, "completed", (init("a", "unit", Y152),), "not_eligible"),  # fails the LĐTT standard
    ],
)
def test_cstdcs(day, rating, initiatives, expected):
    p = person(ratings={day.year - 1: rating}, initiatives=initiatives)
    assert verdict(p, "CSTDCS", day) == expected


def test_cstdcs_re_evaluating_the_same_award_may_use_its_own_initiative():
    p = person(ratings={Y152: "good"}, initiatives=(init("a", "unit", Y152, used=(("CSTDCS", Y152),)),))
    assert verdict(p, "CSTDCS", ND152) == "eligible"


# -- CSTĐ cấp tỉnh ------------------------------------------------------------------------------------------
def _cstd_tinh_person(cstdcs_years, init_scope="province", init_year=Y152, **kw):
    return person(
        ratings=dict.fromkeys(range(2018, 2026), "excellent"),
        titles={"CSTDCS": cstdcs_years},
        initiatives=(init("P", init_scope, init_year),),
        **kw,
    )


@pytest.mark.parametrize(
    ("cstdcs_years", "scope", "expected"),
    [
        ([2022, 2023], "province", "eligible"),  # 2024 is met in the same round (HTXSNV)
        ([2022, 2023, 2024], "province", "eligible"),
        ([2021, 2023], "province", "not_eligible"),  # chain broken by one year (2022 missing)
        ([2022, 2023], "unit", "not_eligible"),  # initiative too small in scope
        ([2022, 2023], "national", "eligible"),  # a wider scope is enough
    ],
)
def test_cstd_tinh_chain_and_scope(cstdcs_years, scope, expected):
    assert verdict(_cstd_tinh_person(cstdcs_years, scope), "CSTD_BO_TINH", ND152) == expected


def test_cstd_tinh_chain_crossing_1_january_2024_counts_both_regimes():
    # CSTĐCS of 2021-22 and 2022-23 (old regime) plus 2023-24 (new), evaluated in July 2024 under NĐ 98.
    p = person(
        ratings=dict.fromkeys(range(2019, 2025), "excellent"),
        titles={"CSTDCS": [2021, 2022, 2023]},
        initiatives=(init("P", "province", 2023),),
    )
    outcome = Engine().evaluate(p, "CSTD_BO_TINH", year=2023, day=ND98)
    assert outcome.regime == "law2022_nd98"
    assert outcome.verdict.value == "eligible"


def test_cstd_tinh_window_restarts_after_the_previous_award_period():
    prev = AwardHeld("CSTD_BO_TINH", 2022, period_start=dt.date(2020, 9, 1), period_end=dt.date(2023, 8, 31))
    p = _cstd_tinh_person([2021, 2022, 2023], awards=(prev,))
    assert status_of(p, "CSTD_BO_TINH", "chain", ND152) == "not_met"


def test_cstd_tinh_ad_hoc_cstdcs_does_not_feed_the_chain():
    p = _cstd_tinh_person([2023], awards=(AwardHeld("CSTDCS", 2022, award_type="ad_hoc"),))
    assert status_of(p, "CSTD_BO_TINH", "chain", ND152) == "not_met"


def test_cstd_tinh_missing_rating_year_breaks_the_chain():
    p = person(ratings={2024: "excellent"}, titles={"CSTDCS": [2022]}, initiatives=(init("P", "province", 2024),))
    assert verdict(p, "CSTD_BO_TINH", ND152) == "not_eligible"


def test_cstd_tinh_reports_what_is_missing_for_the_next_title_up():
    p = person(ratings=dict.fromkeys(range(2020, 2025), "excellent"), titles={"CSTDCS": [2022, 2023]})
    outcome = Engine().evaluate(p, "CSTD_BO_TINH", year=2024, day=ND152)
    assert "1 sáng kiến cấp tỉnh" in outcome.missing()


# -- CSTĐ toàn quốc ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([(2019, 2021), (2022, 2024)], "eligible"),
        ([(2018, 2020), (2022, 2024)], "not_eligible"),  # a gap year between the two terms
        ([(2022, 2024)], "not_eligible"),
    ],
)
def test_cstdtq_needs_two_consecutive_cstd_tinh(spans, expected):
    awards = tuple(AwardHeld("CSTD_BO_TINH", b, period_start=dt.date(a, 9, 1), period_end=dt.date(b + 1, 8, 31)) for a, b in spans)
    p = person(ratings=dict.fromkeys(range(2015, 2025), "excellent"), awards=awards, initiatives=(init("N", "national", 2023),))
    assert verdict(p, "CSTDTQ", ND152) == expected


# -- Bằng khen Bộ/tỉnh (Điều 74.1.d) ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("initiatives", "expected_status"),
    [
        ((init("a", "unit", 2023), init("b", "unit", 2024)), "met"),
        # Bộ Nội vụ reading: initiatives used for the CSTĐCS titles do not count again.
        ((init("a", "unit", 2023, used=(("CSTDCS", 2023),)), init("b", "unit", 2024)), "not_met"),
        ((init("a", "unit", 2021), init("b", "unit", 2024)), "not_met"),  # outside the 2-year period
    ],
)
def test_bk_bo_tinh_point_d(initiatives, expected_status):
    p = person(ratings={2023: "good", 2024: "good"}, titles={"CSTDCS": [2023, 2024]}, initiatives=initiatives)
    outcome = Engine().evaluate(p, "BK_BO_TINH", year=2024, day=ND152)
    chain = next(ch for ch in outcome.criteria[0].children if ch.key == "chain")
    assert chain.status.value == expected_status


def test_bk_bo_tinh_via_two_excellent_years():
    p = person(ratings={2023: "excellent", 2024: "excellent"}, initiatives=(init("a", "unit", 2023), init("b", "unit", 2024)))
    assert verdict(p, "BK_BO_TINH", ND152) == "eligible"


# -- Bằng khen Thủ tướng --------------------------------------------------------------------------------------------------------
def _bk_ttg(bk_year=2019, bk_type="annual", ratings=None, cstdcs=(2021, 2022, 2024)):
    ratings = ratings or dict.fromkeys(range(2015, 2025), "good")
    return person(ratings=ratings, titles={"CSTDCS": list(cstdcs)}, awards=(AwardHeld("BK_BO_TINH", bk_year, award_type=bk_type),))


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({}, "eligible"),
        ({"bk_year": 2021}, "not_eligible"),  # only 3 years since the Bằng khen
        ({"bk_type": "ad_hoc"}, "not_eligible"),  # an ad-hoc Bằng khen is no merit prerequisite
        ({"cstdcs": (2021, 2022)}, "not_eligible"),  # 2 CSTĐCS only (2024 not met: rating good, no initiative)
        ({"ratings": {**dict.fromkeys(range(2015, 2025), "good"), 2022: "completed"}}, "not_eligible"),  # run broken
    ],
)
def test_bk_ttg_new_regime(kw, expected):
    assert verdict(_bk_ttg(**kw), "BK_TTG", ND152) == expected


def test_bk_ttg_old_regime_needs_excellent_run_and_five_initiatives():
    ratings = dict.fromkeys(range(2016, 2023), "excellent")
    inits = tuple(init(f"s{y}", "unit", y) for y in range(2018, 2023))
    p = person(ratings=ratings, awards=(AwardHeld("BK_BO_TINH", 2017),), initiatives=inits)
    assert verdict(p, "BK_TTG", OLD) == "eligible"
    fewer = person(ratings=ratings, awards=(AwardHeld("BK_BO_TINH", 2017),), initiatives=inits[:4])
    assert verdict(fewer, "BK_TTG", OLD) == "not_eligible"


# -- HCLĐ hạng Ba ----------------------------------------------------------------------------------------------------------------
def test_hcld3_after_bk_ttg():
    ratings = dict.fromkeys(range(2018, 2025), "good") | {2023: "excellent"}
    p = person(ratings=ratings, titles={"CSTDCS": [2020, 2021, 2023]}, awards=(AwardHeld("BK_TTG", 2019),))
    assert verdict(p, "HCLD3", ND152) == "eligible"
    assert verdict(person(ratings=ratings, titles={"CSTDCS": [2020, 2021, 2023]}), "HCLD3", ND152) == "not_eligible"


def test_hcld3_old_regime_is_an_explicit_cited_statement():
    outcome = Engine().evaluate(person(), "HCLD3", year=Y_OLD, day=OLD)
    assert outcome.verdict.value == "not_modelled"
    assert "Luật Thi đua, khen thưởng 2003" in str(outcome.criteria[0].citation)


# -- KNC ------------------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kw", "day", "expected"),
    [
        ({"sector_start": dt.date(2005, 7, 1)}, ND152, "eligible"),  # 20 years on 15/07/2025
        ({"sector_start": dt.date(2005, 7, 16), "in_hardship_area_now": False}, ND152, "not_eligible"),  # one day short
        ({"sector_start": dt.date(2005, 7, 16)}, ND152, "undetermined"),  # ≥ 15 years: might qualify in an ĐBKK area
        ({"sector_start": dt.date(2009, 9, 1), "in_hardship_area_now": True, "hardship_years": 6}, ND152, "eligible"),
        (
            {"sector_start": dt.date(2009, 9, 1), "in_hardship_area_now": True, "hardship_years": 6},
            OLD,
            "not_eligible",
        ),  # TT 22/2018: 20 for all
        ({"sector_start": dt.date(2005, 7, 1), "awards": (AwardHeld("KNC_GD", 2020),)}, ND152, "not_eligible"),  # once only
        ({}, ND152, "undetermined"),
    ],
)
def test_knc(kw, day, expected):
    assert verdict(person(**kw), "KNC_GD", day) == expected


def test_knc_discipline_time_is_excluded():
    p = person(
        sector_start=dt.date(2005, 7, 1),
        in_hardship_area_now=False,
        disciplines=(DisciplineFact("reprimand", "in_effect", dt.date(2010, 1, 1), dt.date(2010, 12, 31)),),
    )
    assert verdict(p, "KNC_GD", ND152) == "not_eligible"


def test_knc_before_tt22_used_gender_thresholds():
    day = dt.date(2017, 7, 1)
    assert verdict(person(gender="female", sector_start=dt.date(1996, 9, 1)), "KNC_GD", day) == "eligible"
    assert verdict(person(gender="male", sector_start=dt.date(1996, 9, 1)), "KNC_GD", day) == "not_eligible"


# -- NGƯT / NGND ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"teaching_years": 15}, "eligible"),
        ({"teaching_years": 14}, "not_eligible"),
        ({"teaching_years": 10, "hardship_teaching_years": 5}, "eligible"),  # hardship time counts double
        ({"staff_type": "manager", "teaching_years": 10, "sector_years": 20}, "eligible"),
        ({"staff_type": "manager", "teaching_years": 9, "sector_years": 25}, "not_eligible"),
        ({"staff_type": "staff", "teaching_years": 30}, "not_eligible"),
    ],
)
def test_ngut(kw, expected):
    assert verdict(person(confirmed={"ngut_qualities": True}, **kw), "NGUT", ND152) == expected


def test_ngnd_needs_ngut_first():
    kw = {"teaching_years": 25, "confirmed": {"ngnd_qualities": True}}
    assert verdict(person(**kw), "NGND", ND152) == "not_eligible"
    assert verdict(person(awards=(AwardHeld("NGUT", 2020),), **kw), "NGND", ND152) == "eligible"


def test_ngut_old_regime_counts_seven_cstdcs():
    p = person(teaching_years=20, titles={"CSTDCS": list(range(2010, 2017))}, confirmed={"ngut_qualities": True})
    assert verdict(p, "NGUT", OLD) == "eligible"


# -- Coverage ---------------------------------------------------------------------------------------------------------------------
REQUIRED = [
    "LDTT",
    "CSTDCS",
    "CSTD_BO_TINH",
    "CSTDTQ",
    "TTLDTT",
    "TTLDXS",
    "CO_BO_TINH",
    "GK",
    "BK_BO_TINH",
    "BK_TTG",
    "HCLD3",
    "KNC_GD",
    "NGUT",
    "NGND",
]


@pytest.mark.parametrize("code", REQUIRED)
@pytest.mark.parametrize("regime", list(DAYS))
def test_every_required_title_has_a_rule_or_cited_statement_in_every_regime(code, regime):
    rule = DEFAULT_BOOK.on(code, DAYS[regime])
    assert rule is not None and rule.regime == regime
    assert rule.citation.document and all(c.cite.document for c in rule.criteria)


def test_rule_versions_do_not_overlap():
    for code in DEFAULT_BOOK.codes:
        spans = sorted((r.effective_from, r.effective_to or dt.date.max) for r in DEFAULT_BOOK.rules if r.code == code)
        assert all(a[1] < b[0] for a, b in itertools.pairwise(spans)), code
