"""Reasons a person can read (issue 8 item 5): plain Vietnamese, no internal code, no English word.

A broad set of documents — every regime and rule version, every title, facts that reach every branch the
reasons have — is evaluated; every text meant to be read (criterion labels, reasons and what is missing,
children included; outcome names and notes; the next titles up; the unit checks) is scanned after removing
the document's own data (names, ids, titles of initiatives, unit codes, decision numbers).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.rules.engine import facts as F
from thidua.rules.engine.criteria import Policy
from thidua.rules.engine.facts import (
    AwardHeld,
    CollectiveFacts,
    DisciplineFact,
    Initiative,
    LeaveFact,
    MemberFacts,
    UnitFacts,
    Usage,
    YearRecord,
)
from thidua.rules.engine.jsonio import Document, evaluate_document, evaluate_facts
from thidua.rules.engine.rulesets import DEFAULT_BOOK, REGIMES, confirmation_facts

from .builders import person
from .test_properties import rich_people

D = dt.date
EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples" / "eligibility"
# One day per rule version: QĐ 27/2005 and TT 22/2018 (law2013), TT 22/2018 and TT 29/2023 (NĐ 98), NĐ 152.
DAYS = [D(2016, 6, 15), D(2019, 7, 15), D(2023, 6, 30), D(2024, 1, 20), D(2024, 7, 15), D(2025, 6, 15), D(2025, 11, 20), D(2026, 7, 15)]

# Abbreviations the law and the sector write (all-capital tokens, or with Đ); anything else all-capital is a code.
ABBREVIATIONS = {
    "LĐTT",
    "CSTĐCS",
    "CSTĐ",
    "CSTĐTQ",
    "NĐ",
    "TT",
    "QĐ",
    "CP",
    "BNV",
    "BGDĐT",
    "TĐKT",
    "HĐTĐKT",
    "HTXSNV",
    "HTTNV",
    "HTNV",
    "KHTNV",
    "HTXS",
    "TTLĐTT",
    "TTLĐXS",
    "KH",
    "CN",
    "NCKH",
    "CBQL",
    "QH",
    "HCLĐ",
    "UBND",
    "CV",
    "MN",
    "TH",
    "THCS",
    "THPT",
}
# English words that have the shape of a Vietnamese syllable written without its marks.
ENGLISH = {"the", "not", "met", "on", "an", "at", "no", "in", "is", "it", "be", "by", "or", "rule", "code", "none", "true", "null", "key"}
_SYLLABLE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvxđ])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$")
CODES = {
    *DEFAULT_BOOK.codes,
    *(r.code for r in REGIMES),
    *F.LEAVE_KINDS,
    *F.RATINGS,
    *F.DISCIPLINE_FORMS,
    *F.SCOPES,
    *F.STAFF_TYPES,
    *F.AWARD_TYPES,
    *F.INITIATIVE_KINDS,
    *confirmation_facts(DEFAULT_BOOK),
    *confirmation_facts(DEFAULT_BOOK, subject="collective"),
    "DOMAIN",
}


def _fold(word: str) -> str:
    """The word without its tone and vowel marks (đ kept): "Điều" → "đieu"."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn"))


def problems_in(text: str) -> list[str]:
    out = []
    if m := re.search(r"\b[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+\b", text):
        out.append(f"identifier {m.group()!r}")
    for word in re.findall(r"[^\W\d_]+", text):
        if word in CODES:
            out.append(f"code {word!r}")
        elif word.isupper() and len(word) > 1:
            if word not in ABBREVIATIONS:
                out.append(f"abbreviation or code {word!r}")
        elif len(word) == 1 and word.lower() in "abcdđe":
            continue  # a point of an article: "điểm đ"
        elif word.lower() in ENGLISH or not _SYLLABLE.match(_fold(word)):
            out.append(f"not Vietnamese: {word!r}")
    return out


def _texts(result: dict) -> list[tuple[str, str]]:
    """(where, text) of everything meant to be read in a result document."""
    out: list[tuple[str, str]] = []

    def criteria(where: str, items) -> None:
        for c in items:
            for f in ("label", "reason", "missing"):
                out.append((f"{where}.{c['key']}.{f}", c[f]))
            criteria(f"{where}.{c['key']}", c.get("children", ()))

    for subject in result["persons"] + result["collectives"]:
        for o in subject["outcomes"]:
            where = f"{subject['id']}.{o['code']}"
            out.append((f"{where}.name", o["name"]))
            out += [(f"{where}.missing", m) for m in o["missing"]] + [(f"{where}.notes", n) for n in o["notes"]]
            criteria(where, o["criteria"])
        for n in subject["next"]:
            out += [(f"{subject['id']}.next", n["summary"]), *((f"{subject['id']}.next", m) for m in n["missing"])]
    for entry in result["units"]:
        for check in entry["checks"]:
            for f in ("label", "reason", "note"):
                if f in check:
                    out.append((f"units.{check['key']}.{f}", check[f]))
            if "rounding" in check:
                out.append((f"units.{check['key']}.rounding", check["rounding"]["text"]))
            for row in check.get("proposed_order", ()):
                out += [(f"units.{check['key']}.keys", k) for k in row["keys"]]
    return out


def _data_of(doc: Document) -> list[str]:
    """The document's own data, longest first (it is removed before scanning: it is not the engine's wording)."""
    values = {doc_unit.id for doc_unit in doc.units}
    for p in doc.persons:
        values |= {p.id, p.name, p.unit} | {i.id for i in p.initiatives} | {i.title for i in p.initiatives}
        values |= {a.decision_number for a in p.awards}
    for c in doc.collectives:
        values |= {c.id, c.name, c.unit} | {m.id for m in c.members or () if m is not None}
    return sorted((v for v in values if v), key=len, reverse=True)


def assert_readable(result: dict, data: list[str]) -> None:
    bad = []
    for where, text in _texts(result):
        for value in data:
            text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", text)
        bad += [f"{where}: {problem} in {text!r}" for problem in problems_in(text)]
    assert not bad, "\n".join(sorted(set(bad))[:40])


def _people(year: int) -> list:
    """People reaching the branches the reasons have, for school year ``year``."""
    y0, y1 = D(year, 9, 1), D(year + 1, 8, 31)
    good = {y: "excellent" if y % 2 else "good" for y in range(year - 12, year + 1)}
    used = (Usage("GK", year), Usage("BK_BO_TINH", year - 1), Usage("CSTDCS", year - 1), Usage("CSTD_BO_TINH", None))
    return [
        person(
            id="GV-A",
            name="Nguyễn Thị An",
            unit="U1",
            ratings=good,
            titles={"CSTDCS": list(range(year - 6, year)), "LDTT": list(range(year - 6, year))},
            initiatives=(
                Initiative("SK1", "province", year, title="Bản đồ tư duy"),
                Initiative("SK2", "unit", year - 1, used_for=used),
                Initiative("SK3", "national", year - 2, kind="research"),
                Initiative("SK4", "unit", year, used_for=(Usage("GK", year),)),
            ),
            awards=(
                AwardHeld("BK_BO_TINH", year - 6, decision_date=D(year - 5, 8, 1), decision_number="12/QĐ-UBND"),
                AwardHeld("CSTD_BO_TINH", year - 3, decision_date=D(year - 2, 9, 1), period_start=D(year - 5, 9, 1)),
                AwardHeld("GK", year - 1, "ad_hoc"),
                AwardHeld("BK_TTG", year - 12, "thematic"),
                AwardHeld("NGUT", year - 4),
            ),
            sector_start=D(1995, 9, 1),
            teaching_years=Fraction(251, 10),
            hardship_teaching_years=Fraction(3, 2),
            hardship_years=Fraction(6),
        ),
        person(
            id="GV-B",
            name="Trần Văn Bình",
            unit="U1",
            gender="male",
            staff_type="manager",
            ratings={year: "good", year - 1: "completed"},
            service_start=D(year, 10, 1),
            leaves=(
                LeaveFact("maternity", D(year, 11, 1), D(year + 1, 2, 1)),
                LeaveFact("other", D(year + 1, 3, 1), D(year + 1, 3, 20)),
                LeaveFact("training", D(year, 10, 5), D(year + 2, 1, 1)),
                LeaveFact("sick", D(year, 10, 2), D(year, 10, 3)),
            ),
            sector_years=Fraction(1783, 100),
            teaching_years=Fraction(12),
            hardship_years=Fraction(7),
            in_hardship_area_now=None,
        ),
        person(
            id="GV-C",
            name="Lê Thị Cúc",
            unit="U1",
            gender=None,
            staff_type="staff",
            ratings={year: "not_completed"},
            service_start=None,
            disciplines=(
                DisciplineFact("reprimand", "in_effect", y0, D(year + 1, 1, 1)),
                DisciplineFact("warning", "pending", D(year + 1, 2, 1), None),
            ),
            sector_start=D(year - 16, 9, 1),
            in_hardship_area_now=True,
            hardship_years=Fraction(5),
            pending_investigation=True,
            confirmed={"ldtt_qualities": False},
        ),
        person(
            id="GV-D",
            name="Phạm Văn Dũng",
            unit="U1",
            ratings={},
            service_start=D(year + 1, 9, 1) if y1 < D(2026, 1, 1) else None,
            teaching_years=None,
            staff_type=None,
            confirmed={},
        ),
        person(
            id="GV-E",
            name="Hoàng Thị Em",
            unit="U1",
            ratings=dict.fromkeys(range(year - 8, year + 1), "excellent"),
            staff_type="researcher",
            titles={"CSTDCS": [year - 2, year - 1], "BK_BO_TINH": [year - 9], "BK_TTG": [year - 7]},
            teaching_years=Fraction(40),
            sector_years=Fraction(30),
            initiatives=tuple(Initiative(f"E{i}", "unit", year - i) for i in range(6)),
            disciplines=(DisciplineFact("reprimand", "in_effect", D(year - 3, 10, 1), D(year - 2, 10, 1)),),
            gender="female",
        ),
        *(
            person(id=f"f{i}", name=f"Người {i}", unit="U1", ratings={year: "good"}, initiatives=(Initiative(f"F{i}", "unit", year),))
            for i in range(4)
        ),
    ]


def _collectives(year: int) -> tuple:
    members = [MemberFacts(f"m{i}", frozenset({"LDTT"}), "good") for i in range(3)] + [MemberFacts("x", frozenset(), None, ("warning",))]
    confirmed = {"emulation_regular": True, "solidarity_compliance": True}
    return (
        CollectiveFacts("T1", "Tổ Toán", "U1", (YearRecord(year, "excellent"),), members=tuple(members), confirmed=confirmed),
        CollectiveFacts(
            "T2",
            "Tổ Văn",
            "U1",
            (YearRecord(year - 1, "good"),),
            members=(),
            cluster_leader=False,
            movement_leader=False,
            confirmed={"emulation_regular": False},
        ),
        CollectiveFacts(
            "T3",
            "Tổ Anh",
            "U1",
            tuple(YearRecord(y, "excellent") for y in range(year - 3, year + 1)),
            (AwardHeld("TTLDXS", year - 1), AwardHeld("TTLDXS", year - 2)),
            (MemberFacts("y", frozenset({"CSTDCS"}), "excellent"),),
            cluster_leader=True,
            confirmed=confirmed,
        ),
        CollectiveFacts("T4", "Tổ Sử", "U1", members=None),
    )


def _document(day: dt.date, *, units: bool) -> Document:
    year = day.year if day.month >= 9 else day.year - 1
    people = tuple(_people(year))
    colls = _collectives(year)
    return Document(
        day,
        year,
        DEFAULT_BOOK.codes,
        Policy(initiative_reuse_across_titles=False),
        people,
        colls,
        {},
        (),
        (UnitFacts("U1", 9, 1),) if units else (),
    )


@pytest.mark.parametrize("units", [False, True])
@pytest.mark.parametrize("day", DAYS)
def test_no_reason_contains_a_code_or_an_english_word(day, units):
    doc = _document(day, units=units)
    result = evaluate_facts(doc)
    assert len(_texts(result)) > 300
    assert_readable(result, _data_of(doc))


@pytest.mark.parametrize("name", ["school-2024-2025.json", "school-2022-2023-cap.json"])
def test_the_worked_examples_read_as_vietnamese(name):
    from thidua.rules.engine.jsonio import parse_document

    data = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    assert_readable(evaluate_document(data), _data_of(parse_document(data)))


@settings(max_examples=30, deadline=None)
@given(st.lists(rich_people(), min_size=1, max_size=4), st.sampled_from(DAYS))
def test_random_careers_read_as_vietnamese(persons, day):
    persons = tuple(p.__class__(**{**{f: getattr(p, f) for f in p.__dataclass_fields__}, "id": f"p{i}"}) for i, p in enumerate(persons))
    year = day.year if day.month >= 9 else day.year - 1
    doc = Document(day, year, DEFAULT_BOOK.codes, Policy(), persons, (), {})
    assert_readable(evaluate_facts(doc), _data_of(doc))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Thời gian nghỉ được tính: maternity.", "code 'maternity'"),
        ("Đạt tiêu chuẩn LDTT.", "code 'LDTT'"),
        ("Chế độ law2022_nd152.", "identifier 'law2022_nd152'"),
        ("Cần xác nhận ldtt_qualities.", "identifier 'ldtt_qualities'"),
        ("Không có quy định (the rule is missing).", "not Vietnamese: 'the'"),
        ("Chưa rõ unknown.", "not Vietnamese: 'unknown'"),
    ],
)
def test_the_scan_finds_codes_and_english(text, problem):
    assert problem in problems_in(text)


def test_the_scan_accepts_plain_vietnamese():
    assert problems_in("Không đủ điều kiện: vượt tỉ lệ 15 % (NĐ 91/2017 Điều 9 khoản 3); CSTĐCS, LĐTT, hệ số 2,0.") == []


@pytest.mark.parametrize(
    ("years", "up", "text"),
    [
        (Fraction("10.76"), False, "10 năm 9 tháng"),
        (10.76, False, "10 năm 9 tháng"),
        (Fraction("10.76"), True, "10 năm 10 tháng"),
        (2, False, "2 năm"),
        (Fraction("0.3"), False, "3 tháng"),
        (Fraction(1, 365), False, "0 tháng"),
        (Fraction(1, 365), True, "1 tháng"),
        (Fraction(-1, 2), True, "0 tháng"),
        (Fraction(179, 12), False, "14 năm 11 tháng"),
    ],
)
def test_a_tenure_reads_in_years_and_months(years, up, text):
    from thidua.rules.engine.wording import years_months

    assert years_months(years, up=up) == text
