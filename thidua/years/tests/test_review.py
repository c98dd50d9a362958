"""The year under review: the last year that has ended until the current one's review window opens."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from thidua.years.review import default_review_year, review_opens, year_under_review


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (dt.date(2024, 9, 1), 2023),  # a year has just started: the one that ended is under review
        (dt.date(2024, 12, 31), 2023),
        (dt.date(2025, 1, 1), 2023),
        (dt.date(2025, 5, 14), 2023),  # the day before the window opens
        (dt.date(2025, 5, 15), 2024),  # the window opens
        (dt.date(2025, 8, 31), 2024),  # the year's last day
        (dt.date(2025, 9, 1), 2024),  # the next year starts; its review is months away
    ],
)
def test_the_year_under_review_at_the_boundary_days(today, year):
    assert year_under_review(today) == year


@pytest.mark.parametrize(
    ("opens", "today", "year"),
    [
        ("06-01", dt.date(2025, 5, 31), 2023),
        ("06-01", dt.date(2025, 6, 1), 2024),
        ("09-01", dt.date(2024, 9, 1), 2024),  # a window opening with the year: always the current one
        ("02-29", dt.date(2025, 2, 28), 2024),  # 29 February is the 28th in a common year
    ],
)
def test_the_window_is_a_setting(opens, today, year):
    assert year_under_review(today, opens) == year


def test_review_opens_in_the_years_second_calendar_year():
    assert review_opens(2024) == dt.date(2025, 5, 15)
    assert review_opens(2024, "12-01") == dt.date(2024, 12, 1)


@pytest.mark.parametrize(("today", "year"), [(dt.date(2026, 5, 14), 2024), (dt.date(2026, 5, 15), 2025)])
def test_the_default_follows_the_setting_and_todays_date_in_vietnam(settings, monkeypatch, today, year):
    settings.THIDUA_REVIEW_OPENS = "05-15"
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today)

    assert default_review_year() == year
