"""Working days: counting over weekends, holidays, days off in lieu and swapped Saturdays."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.years import calendar, holidays_vn
from thidua.years.models import Holiday, WorkWeek
from thidua.years.workdays import DAY_OFF, HOLIDAY, WORKING_DAY, WorkCalendar, parse_weekdays

D = dt.date.fromisoformat
# The 2023 notice: Giỗ Tổ on Saturday 29/4, off 29/4–3/5, Saturday 6/5 worked instead of Wednesday 3/5.
MAY_2023 = WorkCalendar.build(
    days=[
        (D("2023-04-29"), HOLIDAY),
        (D("2023-04-30"), HOLIDAY),
        (D("2023-05-01"), HOLIDAY),
        (D("2023-05-02"), DAY_OFF),
        (D("2023-05-03"), DAY_OFF),
        (D("2023-05-06"), WORKING_DAY),
    ],
    confirmed_years=[2023],
)


def test_friday_plus_one_working_day_is_monday():
    week = WorkCalendar()
    assert week.add_working_days(D("2025-10-17"), 1) == D("2025-10-20")
    assert week.next_working_day(D("2025-10-18")) == D("2025-10-20")  # from a Saturday too


def test_the_event_day_is_not_counted_and_zero_days_is_the_day_itself():
    week = WorkCalendar()
    assert week.add_working_days(D("2025-10-13"), 0) == D("2025-10-13")
    assert week.add_working_days(D("2025-10-13"), 1) == D("2025-10-14")
    assert week.add_working_days(D("2025-10-13"), 10) == D("2025-10-27")


def test_a_swapped_saturday_is_worked_and_the_bridging_days_are_not():
    assert not MAY_2023.is_working_day(D("2023-05-03"))
    assert MAY_2023.is_working_day(D("2023-05-06"))
    # Friday 28/4 + 1: the break runs to Wednesday 3/5, so Thursday 4/5; + 3 is the swapped Saturday.
    assert MAY_2023.add_working_days(D("2023-04-28"), 1) == D("2023-05-04")
    assert MAY_2023.add_working_days(D("2023-04-28"), 3) == D("2023-05-06")
    assert MAY_2023.add_working_days(D("2023-04-28"), 4) == D("2023-05-08")


def test_backwards_and_between():
    assert MAY_2023.add_working_days(D("2023-05-04"), -1) == D("2023-04-28")
    assert MAY_2023.working_days_between(D("2023-04-28"), D("2023-05-08")) == 4
    assert MAY_2023.working_days_between(D("2023-05-08"), D("2023-04-28")) == -4
    assert MAY_2023.working_days_between(D("2023-05-01"), D("2023-05-01")) == 0


def test_a_work_week_per_period():
    six_days = WorkCalendar.build(weeks=[(D("2000-01-01"), parse_weekdays("12345")), (D("2025-01-01"), parse_weekdays("123456"))])
    assert not six_days.is_working_day(D("2024-12-28"))  # a Saturday under the old week
    assert six_days.is_working_day(D("2025-01-04"))  # a Saturday under the new one


@pytest.mark.parametrize("text", ["", "1238", "112345", "12a45"])
def test_weekdays_text_is_checked(text):
    with pytest.raises(ValueError):
        parse_weekdays(text)


def test_unconfirmed_years_of_a_period():
    assert MAY_2023.unconfirmed_years(D("2023-05-01"), D("2023-06-01")) == []
    assert MAY_2023.unconfirmed_years(D("2023-12-20"), D("2024-01-10")) == [2024]


def test_an_absurd_period_is_refused():
    with pytest.raises(ValueError):
        WorkCalendar().add_working_days(D("2025-01-01"), 100_000)


SEEDED = WorkCalendar.build(
    days=[(row["date"], row["kind"]) for row in holidays_vn.rows()],
    confirmed_years=range(2020, 2027),
)


@given(st.dates(min_value=D("2019-12-01"), max_value=D("2027-12-31")), st.integers(min_value=-400, max_value=400))
def test_between_undoes_add(start, n):
    assert SEEDED.working_days_between(start, SEEDED.add_working_days(start, n)) == n


@given(st.dates(min_value=D("2020-01-01"), max_value=D("2027-12-31")), st.integers(min_value=1, max_value=200))
def test_adding_lands_on_a_working_day_and_grows(start, n):
    due = SEEDED.add_working_days(start, n)
    assert SEEDED.is_working_day(due)
    assert SEEDED.add_working_days(start, n + 1) > due


def test_the_seeded_rows_are_unique_and_swaps_fall_on_weekends():
    rows = holidays_vn.rows()
    assert len({row["date"] for row in rows}) == len(rows)
    assert all(row["date"].isoweekday() >= 6 for row in rows if row["kind"] == WORKING_DAY)
    assert all(row["date"].isoweekday() <= 5 for row in rows if row["kind"] == DAY_OFF)


@pytest.mark.django_db
def test_the_database_calendar_skips_tet_2026():
    """Seeded by the migration: Friday 13/2/2026 + 1 working day is Monday 23/2 (Tết 14/2–22/2)."""
    assert calendar.add_working_days(D("2026-02-13"), 1) == D("2026-02-23")
    assert calendar.working_days_between(D("2026-02-13"), D("2026-02-23")) == 1
    # Ten working days from the launch on 9/2/2026 (Monday): 10–13/2, then 23/2–27/2, 2/3.
    assert calendar.add_working_days(D("2026-02-09"), 10) == D("2026-03-02")


@pytest.mark.django_db
def test_a_deadline_into_an_unconfirmed_year_is_flagged_not_refused():
    cal = calendar.work_calendar()
    assert cal.unconfirmed_years(D("2026-12-20"), D("2027-01-10")) == [2027]
    assert "2027" in calendar.unconfirmed_warning(D("2026-12-20"), D("2027-01-10"), cal)
    assert calendar.unconfirmed_warning(D("2025-12-20"), D("2026-01-10"), cal) == ""
    Holiday.objects.filter(date__year=2027).update(status=Holiday.Status.CONFIRMED)
    assert calendar.unconfirmed_warning(D("2026-12-20"), D("2027-01-10")) == ""


@pytest.mark.django_db
def test_a_unit_kind_with_its_own_week(django_assert_num_queries):
    from thidua.org.models import UnitKind

    kind = UnitKind.objects.order_by("pk").first() or UnitKind.objects.create(code="X", name="X", rank=9)
    WorkWeek.objects.create(unit_kind=kind, valid_from=D("2000-01-01"), working_weekdays="123456")
    assert calendar.add_working_days(D("2025-10-17"), 1, unit_kind=kind) == D("2025-10-18")
    assert calendar.add_working_days(D("2025-10-17"), 1) == D("2025-10-20")
    with django_assert_num_queries(2):
        calendar.work_calendar()
