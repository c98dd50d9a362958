"""The JSON document: exact paths for bad input, contradictions reported, the CLI's exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from thidua.rules.engine import facts as F
from thidua.rules.engine.jsonio import FORMAT, InvalidDocument, evaluate_document
from thidua.rules.engine.rulesets import DEFAULT_BOOK

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "docs" / "examples" / "eligibility"
SCHEMA = ROOT / "thidua" / "rules" / "engine" / "schema" / "eligibility-input.schema.json"


def _doc(**kw) -> dict:
    base = {
        "format": FORMAT,
        "evaluation_date": "2025-07-15",
        "persons": [{"id": "a", "history": [{"school_year": "2024-2025", "rating": "good"}]}],
    }
    return base | kw


def _problems(doc) -> list[str]:
    with pytest.raises(InvalidDocument) as exc:
        evaluate_document(doc)
    return [str(p) for p in exc.value.problems]


def test_bad_rating_names_the_exact_path():
    persons = [{"id": str(i)} for i in range(3)] + [
        {
            "id": "3",
            "history": [{"school_year": f"{y}-{y + 1}", "rating": "good"} for y in (2020, 2021)]
            + [{"school_year": "2022-2023", "rating": "great"}],
        }
    ]
    problems = _problems(_doc(persons=persons))
    assert problems == ['persons[3].history[2].rating: expected one of not_completed, completed, good, excellent (got "great")']


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        ({"evaluation_date": "2025-02-30"}, "evaluation_date: impossible date 2025-02-30"),
        ({"evaluation_date": "2010-01-01"}, "evaluation_date: no rule set before 2014-06-01"),
        ({"titles": ["LDTT", "XYZ"]}, 'titles[1]: unknown title or form "XYZ"'),
        ({"school_year": "2024-2026"}, "school_year: expected a school year like 2024-2025"),
        ({"school_year": "2026-2027"}, "school_year: school year 2026-2027 starts after the evaluation date"),
        ({"persons": [{"id": "a"}, {"id": "a"}]}, 'persons[1].id: duplicate id "a"'),
        (
            {"persons": [{"id": "a", "history": [{"school_year": "2024-2025"}, {"school_year": "2024-2025", "rating": "good"}]}]},
            "persons[0].history[1].school_year: contradictory",
        ),
        (
            {"persons": [{"id": "a", "leaves": [{"kind": "sick", "start_date": "2025-03-01", "end_date": "2025-01-01"}]}]},
            "persons[0].leaves[0].end_date: ends (2025-01-01) before it starts (2025-03-01)",
        ),
        (
            {"persons": [{"id": "a", "awards": [{"code": "TTLDTT", "school_year": "2024-2025"}]}]},
            "persons[0].awards[0].code: TTLDTT is a collective",
        ),
        (
            {"persons": [{"id": "a", "teaching_years": 5, "hardship_teaching_years": 6}]},
            "persons[0].hardship_teaching_years: contradictory",
        ),
        ({"persons": [{"id": "a", "rank": 3}]}, "persons[0].rank: unknown field"),
        ({"persons": "nobody"}, "persons: expected an array, got a string"),
        ({"collectives": [{"id": "c", "members": [{"person": "ghost"}]}]}, 'collectives[0].members[0].person: no person with id "ghost"'),
        ({"persons": [{"id": "a", "service_start": "2030-01-01"}]}, "persons[0].service_start: after the evaluation date"),
        (
            {"persons": [{"id": "a", "confirmed": {"ldtt_qualities": "yes"}}]},
            "persons[0].confirmed.ldtt_qualities: expected true, false or null",
        ),
    ],
)
def test_invalid_documents_are_reported_never_crash(patch, expected):
    problems = _problems(_doc(**patch))
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize(
    "junk", [None, [], "x", 3, {"evaluation_date": None}, {"evaluation_date": "2025-07-15", "persons": [None, 1, "a"]}]
)
def test_junk_top_levels_are_reported(junk):
    assert _problems(junk)


def test_members_referring_to_persons_count_titles_found_this_round():
    doc = _doc(
        persons=[
            {
                "id": f"g{i}",
                "service_start": "2010-09-01",
                "history": [{"school_year": "2024-2025", "rating": "good"}],
                "confirmed": {"ldtt_qualities": True},
            }
            for i in range(7)
        ]
        + [{"id": f"x{i}", "history": [{"school_year": "2024-2025", "rating": "completed"}]} for i in range(3)],
        collectives=[
            {
                "id": "team",
                "rating": "good",
                "members": [{"person": f"g{i}"} for i in range(7)] + [{"person": f"x{i}"} for i in range(3)],
                "confirmed": {"emulation_regular": True, "solidarity_compliance": True},
            }
        ],
    )
    result = evaluate_document(doc)
    team = result["collectives"][0]
    assert "TTLDTT" in team["eligible"]
    share = next(c for o in team["outcomes"] if o["code"] == "TTLDTT" for c in o["criteria"] if c["key"] == "share")
    assert "7/10" in share["reason"] and "cùng đợt" in share["reason"]


def test_example_documents_evaluate():
    for path in sorted(EXAMPLES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if path.stem.startswith("invalid"):
            assert _problems(data)
        else:
            result = evaluate_document(data)
            assert result["persons"] or result["collectives"]


def test_schema_file_matches_the_engine_vocabulary():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    person = schema["properties"]["persons"]["items"]["properties"]
    assert schema["properties"]["format"]["const"] == FORMAT
    assert person["history"]["items"]["properties"]["rating"]["enum"][:-1] == list(F.RATINGS)
    assert person["disciplines"]["items"]["properties"]["form"]["enum"] == list(F.DISCIPLINE_FORMS)
    assert person["leaves"]["items"]["properties"]["kind"]["enum"] == list(F.LEAVE_KINDS)
    assert schema["properties"]["titles"]["oneOf"][1]["items"]["enum"] == list(DEFAULT_BOOK.codes)
    from thidua.rules.engine.jsonio import COLLECTIVE, PERSON, TOP

    assert set(schema["properties"]) == TOP
    assert set(person) == PERSON
    assert set(schema["properties"]["collectives"]["items"]["properties"]) == COLLECTIVE


def test_cli_writes_the_result_and_exits_0(tmp_path):
    out = tmp_path / "out.json"
    call_command("eligibility", "--input", str(EXAMPLES / "school-2024-2025.json"), "--output", str(out))
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["regime"]["code"] == "law2022_nd152"
    assert result["persons"][0]["eligible"][:3] == ["LDTT", "CSTDCS", "CSTD_BO_TINH"]


def test_cli_exits_2_naming_the_path(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        call_command("eligibility", "--input", str(EXAMPLES / "invalid.json"))
    assert exc.value.code == 2
    assert "persons[0].history[0].rating: expected one of" in capsys.readouterr().err


def test_cli_exits_2_on_unparsable_json(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"evaluation_date": ', encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        call_command("eligibility", "--input", str(bad))
    assert exc.value.code == 2
    assert "invalid JSON" in capsys.readouterr().err
