"""The council's secret ballot (NĐ 98/2023 Điều 30.7): thresholds of the total membership, absent members voting
in writing counted; met, not met, or "chưa bỏ phiếu" (cannot tell yet). Pure engine and ``manage.py eligibility``."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction

import pytest
from django.core.management import call_command

from thidua.rules.engine.evaluators.votes import vote_percent as percent
from thidua.rules.engine.facade import Engine
from thidua.rules.engine.facts import BallotFact
from thidua.rules.engine.jsonio import InvalidDocument, evaluate_document, parse_document
from thidua.rules.engine.rulesets import DEFAULT_BOOK
from thidua.rules.engine.rulesets.votes import THRESHOLDS

from .builders import ND98, ND152, OLD, collective, init, members, person, status_of, verdict, year_for

NEW_DAYS = {"law2022_nd98": ND98, "law2022_nd152": ND152}


def ballot(code: str, day: dt.date, total: int, present: int, written: int = 0, session: dt.date | None = None) -> BallotFact:
    year = year_for(day)
    return BallotFact(code, year, total, present, written, session or dt.date(year + 1, 6, 1))


def cstdcs_candidate(day: dt.date, *ballots: BallotFact):
    """Meets every criterion of CSTĐCS of the year (HTXSNV) but the vote."""
    return person(ratings={year_for(day): "excellent"}, ballots=tuple(ballots))


# -- thresholds: (title, total members, in favour at the session, in writing, expected status) -------------------
BOUNDARIES = [
    ("CSTDCS", 15, 12, 0, "met"),  # 80 % exactly
    ("CSTDCS", 15, 11, 0, "not_met"),  # 73,33 %
    ("CSTDCS", 15, 11, 1, "met"),  # an absent member's written vote reaches 80 %
    ("CSTDCS", 15, 10, 1, "not_met"),
    ("CSTDCS", 5, 4, 0, "met"),
    ("CSTDCS", 7, 5, 0, "not_met"),  # 71,42 %
    ("CSTDCS", 7, 6, 0, "met"),
    ("CSTDCS", 15, 10, 0, "not_met"),  # all 10 present agree, but the denominator is the whole council
    ("CSTD_BO_TINH", 20, 18, 0, "met"),  # 90 % exactly
    ("CSTD_BO_TINH", 20, 17, 0, "not_met"),  # 85 %
    ("CSTD_BO_TINH", 20, 17, 1, "met"),
    ("CSTD_BO_TINH", 21, 18, 0, "not_met"),
    ("CSTD_BO_TINH", 21, 19, 0, "met"),  # 90,47 %
    ("CSTDTQ", 10, 9, 0, "met"),
    ("CSTDTQ", 10, 8, 0, "not_met"),
    ("CSTDTQ", 10, 8, 1, "met"),
]


@pytest.mark.parametrize("regime", sorted(NEW_DAYS))
@pytest.mark.parametrize(("code", "total", "present", "written", "expected"), BOUNDARIES)
def test_the_vote_reaches_its_share_of_the_whole_council(regime, code, total, present, written, expected):
    day = NEW_DAYS[regime]
    p = cstdcs_candidate(day, ballot(code, day, total, present, written))

    assert status_of(p, code, "council_vote", day) == expected


@pytest.mark.parametrize("regime", sorted(NEW_DAYS))
@pytest.mark.parametrize(
    ("present", "written", "expected"), [(12, 0, "eligible"), (11, 0, "not_eligible"), (11, 1, "eligible"), (0, 0, "not_eligible")]
)
def test_the_vote_decides_cstdcs_for_someone_meeting_the_standard(regime, present, written, expected):
    day = NEW_DAYS[regime]

    assert verdict(cstdcs_candidate(day, ballot("CSTDCS", day, 15, present, written)), "CSTDCS", day) == expected


@pytest.mark.parametrize("regime", sorted(NEW_DAYS))
@pytest.mark.parametrize("code", ["CSTDCS", "CSTD_BO_TINH", "CSTDTQ"])
def test_without_a_ballot_the_answer_is_chua_bo_phieu(regime, code):
    day = NEW_DAYS[regime]
    outcome = Engine().evaluate(cstdcs_candidate(day), code, year=year_for(day), day=day)
    vote = next(c for c in outcome.criteria if c.key == "council_vote")

    assert vote.status.value == "unknown" and vote.reason.startswith("Chưa bỏ phiếu")
    assert outcome.verdict.value in ("undetermined", "not_eligible")
    assert vote.missing == "kết quả bỏ phiếu kín của Hội đồng Thi đua – Khen thưởng"


def test_cstdcs_meeting_the_standard_without_a_vote_is_not_eligible_yet():
    outcome = Engine().evaluate(cstdcs_candidate(ND152), "CSTDCS", year=year_for(ND152), day=ND152)

    assert outcome.verdict.value == "undetermined"
    assert [c.key for c in outcome.criteria if c.status.value != "met"] == ["council_vote"]


@pytest.mark.parametrize(
    ("b", "why"),
    [
        (ballot("CSTDCS", ND152, 15, 15, session=ND152 + dt.timedelta(days=1)), "the session is after the evaluation date"),
        (BallotFact("CSTDCS", year_for(ND152) - 1, 15, 15, 0, dt.date(2024, 6, 1)), "last year's ballot"),
        (ballot("CSTD_BO_TINH", ND152, 15, 15), "a ballot on another title"),
    ],
)
def test_a_ballot_counts_for_its_title_year_and_once_held(b, why):
    assert status_of(cstdcs_candidate(ND152, b), "CSTDCS", "council_vote", ND152) == "unknown", why


def test_the_old_regime_has_no_vote_criterion():
    # NĐ 91/2017: DOMAIN gives no threshold (§4.2 "❓"), so no vote is asked and the answer is as before.
    p = person(ratings={year_for(OLD): "good"}, ballots=(), initiatives=(init("a", "unit", year_for(OLD)),))

    for code in ("CSTDCS", "CSTD_BO_TINH", "CSTDTQ"):
        assert "council_vote" not in [c.key for c in DEFAULT_BOOK.on(code, OLD).criteria]
    assert verdict(p, "CSTDCS", OLD) == "eligible"


@pytest.mark.parametrize(
    ("total", "present", "written", "reason", "missing"),
    [
        (
            15,
            11,
            0,
            "Bỏ phiếu kín ngày 01/06/2025: 11/15 thành viên Hội đồng đồng ý, đạt 73,33% tổng số thành viên; yêu cầu từ 80% trở lên.",
            "cần ít nhất 12/15 thành viên Hội đồng đồng ý",
        ),
        (
            15,
            11,
            1,
            "Bỏ phiếu kín ngày 01/06/2025: 12/15 thành viên Hội đồng đồng ý (11 tại phiên họp, 1 thành viên vắng mặt đồng ý "
            "bằng văn bản), đạt 80% tổng số thành viên; yêu cầu từ 80% trở lên.",
            "",
        ),
    ],
)
def test_the_reason_states_the_count_the_share_and_the_threshold(total, present, written, reason, missing):
    outcome = Engine().evaluate(cstdcs_candidate(ND152, ballot("CSTDCS", ND152, total, present, written)), "CSTDCS", year=2024, day=ND152)
    vote = next(c for c in outcome.criteria if c.key == "council_vote")

    assert (vote.reason, vote.missing) == (reason, missing)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(4, 5), "80"),
        (Fraction(11, 15), "73,33"),
        (Fraction(19, 21), "90,47"),
        (Fraction(7999, 10000), "79,99"),
        (Fraction(1, 3), "33,33"),
        (Fraction(3, 10), "30"),
    ],
)
def test_percentages_are_rounded_down_with_a_decimal_comma(value, text):
    assert percent(value) == text


def test_thresholds_are_data_with_citations_per_title_and_regime():
    assert set(THRESHOLDS) == {(r, c) for r in NEW_DAYS for c in ("CSTDCS", "CSTD_BO_TINH", "CSTDTQ", "CO_BO_TINH", "CO_CP")}
    share, citation, tag = THRESHOLDS["law2022_nd98", "CSTDCS"]
    assert (share, str(citation), tag) == (Fraction(4, 5), "Nghị định 98/2023/NĐ-CP, Điều 30, khoản 7", "confirmed")
    assert THRESHOLDS["law2022_nd98", "CSTDTQ"][0] == Fraction(9, 10)
    assert THRESHOLDS["law2022_nd152", "CSTDCS"][2] == "unconfirmed"  # NĐ 152: believed kept, article not seen
    for code in ("CSTDCS", "CSTD_BO_TINH", "CSTDTQ", "CO_BO_TINH", "CO_CP"):
        vote = next(c for c in DEFAULT_BOOK.on(code, ND152).criteria if c.key == "council_vote")
        assert vote.tag == "unconfirmed" and "Hội đồng" in vote.label


# -- the same round ------------------------------------------------------------------------------------------------
def _chain_candidate(*ballots: BallotFact):
    y = year_for(ND152)
    return person(ratings={y - 2: "excellent", y - 1: "excellent", y: "excellent"}, titles={"CSTDCS": [y - 2, y - 1]}, ballots=ballots)


@pytest.mark.parametrize(
    ("cstdcs_vote", "expected"),
    [
        (None, "met"),  # the CSTĐCS of this round has not been voted on yet: its standard counts, as before
        ((15, 12), "met"),
        ((15, 11), "not_met"),  # the council refused this year's CSTĐCS: no third consecutive one
    ],
)
def test_a_title_of_the_same_round_counts_unless_its_vote_failed(cstdcs_vote, expected):
    ballots = (ballot("CSTDCS", ND152, *cstdcs_vote),) if cstdcs_vote else ()

    assert status_of(_chain_candidate(*ballots), "CSTD_BO_TINH", "chain", ND152) == expected


# -- collectives ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("regime", sorted(NEW_DAYS))
@pytest.mark.parametrize(
    ("code", "votes", "expected"),
    [
        ("CO_BO_TINH", (15, 12), "eligible"),
        ("CO_BO_TINH", (15, 11), "not_eligible"),
        ("CO_BO_TINH", None, "undetermined"),
        ("CO_CP", (20, 16), "met"),
        ("CO_CP", (20, 15), "not_met"),
        ("CO_CP", None, "unknown"),
    ],
)
def test_the_flags_need_80_percent_of_the_council(regime, code, votes, expected):
    day = NEW_DAYS[regime]
    ballots = (ballot(code, day, *votes),) if votes else ()
    c = collective(members=members(1, 0), cluster_leader=True, confirmed={"exceeded_targets": True}, year=year_for(day), ballots=ballots)

    got = verdict(c, code, day) if code == "CO_BO_TINH" else status_of(c, code, "council_vote", day)
    assert got == expected


# -- the JSON document -----------------------------------------------------------------------------------------------
def _doc(ballots=None, *, day: dt.date = ND152, collectives=()) -> dict:
    p = {
        "id": "GV-1",
        "service_start": "2005-09-01",
        "history": [{"school_year": f"{year_for(day)}-{year_for(day) + 1}", "rating": "excellent"}],
        "confirmed": {"ldtt_qualities": True},
    }
    if ballots is not None:
        p["ballots"] = ballots
    return {
        "format": "thidua-eligibility/1",
        "evaluation_date": day.isoformat(),
        "titles": ["LDTT", "CSTDCS", "TTLDXS"],
        "persons": [p],
        "collectives": list(collectives),
    }


def _vote(total=15, present=12, written=0, session="2025-06-01", code="CSTDCS", year="2024-2025") -> dict:
    return {
        "code": code,
        "school_year": year,
        "total_members": total,
        "in_favour": present,
        "in_favour_written": written,
        "session_date": session,
    }


def test_an_old_document_without_ballots_stays_valid_and_asks_for_the_vote():
    result = evaluate_document(_doc())
    cstdcs = next(o for o in result["persons"][0]["outcomes"] if o["code"] == "CSTDCS")

    assert cstdcs["verdict"] == "undetermined" and "kết quả bỏ phiếu kín của Hội đồng Thi đua – Khen thưởng" in cstdcs["missing"]
    assert result["persons"][0]["eligible"] == ["LDTT"]


def test_a_document_states_the_vote():
    result = evaluate_document(_doc([_vote(present=11, written=1)]))

    assert result["persons"][0]["eligible"] == ["LDTT", "CSTDCS"]


@pytest.mark.parametrize(
    ("ballots", "path", "message"),
    [
        ([_vote(total=15, present=13, written=3)], "persons[0].ballots[0].in_favour", "16 in favour of a council of 15"),
        ([_vote(total=0)], "persons[0].ballots[0].total_members", "whole number between 1"),
        ([_vote(present=-1)], "persons[0].ballots[0].in_favour", "whole number between 0"),
        ([_vote(present=12.5)], "persons[0].ballots[0].in_favour", "whole number"),
        ([_vote(session="2024-08-31")], "persons[0].ballots[0].session_date", "before the school year 2024-2025 starts"),
        ([_vote(session=None)], "persons[0].ballots[0].session_date", "required"),
        ([_vote(code="TTLDXS")], "persons[0].ballots[0].code", "collective title"),
        ([_vote(), _vote(present=15)], "persons[0].ballots[1]", "already given at persons[0].ballots[0]"),
        ({"code": "CSTDCS"}, "persons[0].ballots", "expected an array"),
    ],
)
def test_a_contradictory_or_incomplete_ballot_is_refused_with_its_path(ballots, path, message):
    with pytest.raises(InvalidDocument) as error:
        parse_document(_doc(ballots))

    assert any(p.path == path and message in p.message for p in error.value.problems), error.value.problems


def test_a_collective_member_waiting_only_for_the_vote_counts_as_its_cstdcs():
    team = {
        "id": "TO-1",
        "history": [{"school_year": "2024-2025", "rating": "excellent"}],
        "members": [{"person": "GV-1"}, *({"id": f"m{i}", "titles": ["LDTT"], "rating": "good"} for i in range(3))],
        "confirmed": {"emulation_regular": True, "solidarity_compliance": True},
    }

    result = evaluate_document(_doc(collectives=[team]))
    ttldxs = next(o for o in result["collectives"][0]["outcomes"] if o["code"] == "TTLDXS")

    assert next(c for c in ttldxs["criteria"] if c["key"] == "cstdcs")["status"] == "met"


# -- manage.py eligibility ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "votes", "expected"),
    [
        (ND98, (15, 12, 0), "eligible"),
        (ND98, (15, 11, 0), "not_eligible"),
        (ND98, (15, 11, 1), "eligible"),
        (ND98, None, "undetermined"),
        (ND152, (15, 12, 0), "eligible"),
        (ND152, (15, 11, 0), "not_eligible"),
        (ND152, (15, 11, 1), "eligible"),
        (ND152, None, "undetermined"),
        (OLD, None, "not_eligible"),  # no vote in the old regime: the answer is the standard's (no initiative)
    ],
)
def test_the_command_answers_with_the_vote(tmp_path, day, votes, expected):
    y = year_for(day)
    ballots = [_vote(*votes, session=f"{y + 1}-06-01", year=f"{y}-{y + 1}")] if votes else None
    (tmp_path / "in.json").write_text(json.dumps(_doc(ballots, day=day)), encoding="utf-8")

    call_command("eligibility", "--input", str(tmp_path / "in.json"), "--output", str(tmp_path / "out.json"))
    result = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))

    assert next(o for o in result["persons"][0]["outcomes"] if o["code"] == "CSTDCS")["verdict"] == expected
