"""The shared rules of ``awards.checks`` and ``people.checks`` as plain functions: no database."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from thidua.awards import checks
from thidua.core.errors import DomainError
from thidua.people import checks as people_checks

D = dt.date
TODAY = D(2026, 5, 20)


def header(**change):
    args = {
        "number": "12/QĐ",
        "decision_date": D(2025, 8, 15),
        "period_start": None,
        "period_end": None,
        "award_type_value": "annual",
        "year_code": "2024-2025",
        "year_start": D(2024, 9, 1),
        "today": TODAY,
    } | change
    return checks.header(**args)


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"number": ""}, "required", "number"),
        ({"period_start": D(2025, 9, 1), "period_end": D(2025, 5, 31)}, "end_before_start", "period_end"),
        ({"period_start": D(2025, 9, 1)}, "decision_before_period", "decision_date"),
        ({"award_type_value": "bonus"}, "invalid_choice", "award_type"),
        ({"year_code": "2025-2026", "year_start": D(2025, 9, 1)}, "decision_before_period", "school_year"),
        ({"decision_date": TODAY + dt.timedelta(days=2)}, "decision_in_future", "decision_date"),
    ],
)
def test_a_bad_header_is_refused_with_a_code_and_a_field(change, code, field):
    with pytest.raises(DomainError) as exc:
        header(**change)
    assert (exc.value.code, exc.value.field) == (code, field)


def test_a_good_header_passes():
    header()


def test_the_paths_held_on_the_day_count_besides_todays():
    placements = [(D(2015, 1, 1), D(2025, 6, 30), "000001000002000005"), (D(2025, 7, 1), None, "000001000003000005")]

    assert checks.paths_on("000001000003000005", placements, D(2025, 5, 20)) == {"000001000003000005", "000001000002000005"}
    assert checks.paths_on("000001000003000005", placements, D(2025, 7, 1)) == {"000001000003000005"}


@pytest.mark.parametrize(
    ("recipient", "issuer", "inside"),
    [({"000001000002000005"}, {"000001000002"}, True), ({"000001000003000005"}, {"000001000002"}, False), (set(), {"000001"}, False)],
)
def test_within_reads_every_path_of_either_side(recipient, issuer, inside):
    assert checks.within(recipient, issuer) is inside


def test_a_person_who_worked_nowhere_is_outside_the_issuer():
    with pytest.raises(DomainError, match="không công tác trong phạm vi của Trường A") as exc:
        checks.recipient_within_issuer(recipient_name="Hoà", issuer_name="Trường A", recipient_paths=None, issuer_paths=["x"], person=True)
    assert exc.value.code == "recipient_outside_issuer"


def test_cash_is_the_computed_amount_and_a_different_one_is_refused():
    assert checks.cash(given=None, computed=710_000, coefficient="0.3", base_amount=2_340_000) == 710_000
    assert checks.cash(given=5, computed=None, coefficient=None, base_amount=None) == 5
    with pytest.raises(DomainError, match=re.escape("760.000 đồng không khớp hệ số 0.3 × lương cơ sở 2.340.000 = 710.000 đồng")):
        checks.cash(given=760_000, computed=710_000, coefficient="0.3", base_amount=2_340_000)


def test_a_refusal_on_a_line_names_the_line():
    error = checks.on_row(checks.unknown_kind("XYZ", D(2025, 8, 15)), 1, field="awards[1]")
    assert (error.message, error.field) == ("Dòng 2: “XYZ” không có trong danh mục áp dụng ngày 15/08/2025.", "awards[1]")


@pytest.mark.parametrize(("value", "out"), [(" 0011 8500 0001 ", "001185000001"), ("", None), (None, None)])
def test_national_ids_are_twelve_ascii_digits(value, out):
    assert people_checks.national_id_format(value) == out


@pytest.mark.parametrize("value", ["00118500000", "٠٠١٠٩٠٠٠٠١٢٣", "００１０９００００１２３"])
def test_other_national_ids_are_refused(value):
    with pytest.raises(DomainError) as exc:
        people_checks.national_id_format(value)
    assert exc.value.code == "invalid_national_id"


def test_an_open_period_overlaps_everything_after_its_start():
    periods = [(D(2016, 9, 1), None, "Trường A")]

    assert people_checks.overlapping(periods, D(2030, 1, 1), None) == periods[0]
    assert people_checks.overlapping(periods, D(2010, 1, 1), D(2016, 8, 31)) is None
    with pytest.raises(DomainError, match=r"trùng với quá trình tại “Trường A” \(01/09/2016 – nay\)"):
        people_checks.no_overlap(periods, D(2018, 9, 1), None)


def test_a_birth_date_is_after_1900_and_not_after_today():
    people_checks.birth_date(D(1985, 5, 12), today=TODAY)
    for day in (D(1899, 12, 31), TODAY + dt.timedelta(days=1)):
        with pytest.raises(DomainError):
            people_checks.birth_date(day, today=TODAY)
