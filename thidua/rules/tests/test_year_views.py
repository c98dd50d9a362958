"""The eligibility pages open on the year under review, say when a ``?year=`` cannot be read, and bring the
officer back to the year worked on after saving (issue 11, item 4)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from .test_bulk_confirm import BASIS

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_march_2026(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 3, 10))


def _unit(world, query: str = "") -> str:
    return reverse("rules:unit", kwargs={"pk": world.school_a.pk}) + query


def test_the_unit_page_opens_on_the_year_under_review_not_the_calendars(client, world, history, in_march_2026):
    client.force_login(world.officer_school_a)

    response = client.get(_unit(world))

    assert response.context["year"] == 2024  # 2025-2026 runs, its review opens on 15 May: 2024-2025 is under review
    assert "2024-2025" in response.content.decode()


def test_the_window_opening_moves_the_default_to_the_current_year(client, world, history, settings, in_march_2026):
    settings.THIDUA_REVIEW_OPENS = "03-01"
    client.force_login(world.officer_school_a)

    assert client.get(_unit(world)).context["year"] == 2025


@pytest.mark.parametrize("bad", ["abc", "1999", "2090", "2024-2026", "²⁰²⁴"])
def test_a_bad_year_says_so_instead_of_silently_falling_back(client, world, history, in_march_2026, bad):
    client.force_login(world.officer_school_a)

    response = client.get(_unit(world), {"year": bad})

    page = response.content.decode()
    assert response.status_code == 200 and response.context["year"] == 2024
    assert "không hợp lệ hoặc chưa có" in page and "đang xem năm học 2024-2025" in page


def test_a_year_label_is_read_as_well_as_a_start_year(client, world, history, in_march_2026):
    client.force_login(world.officer_school_a)

    response = client.get(_unit(world), {"year": "2023-2024"})

    assert response.context["year"] == 2023 and "không hợp lệ" not in response.content.decode()


def test_after_confirming_from_the_eligibility_page_the_officer_lands_on_its_year(client, world, history):
    client.force_login(world.officer_school_a)
    back = _unit(world, "?year=2023")
    reasons = client.get(
        reverse("rules:reasons", kwargs={"pk": world.school_a.pk}), {"year": 2023, "person": history.hoa.pk, "title": "LDTT"}
    )
    assert "next=" + quote(back, safe="") in reasons.content.decode()

    url = reverse("rules:confirm", kwargs={"pk": history.hoa.pk}) + f"?year=2023&next={back}"
    response = client.post(url, {"fact_ldtt_qualities": "yes", "basis": BASIS})

    assert response.status_code == 302 and response["Location"] == back


def test_a_next_outside_the_site_is_ignored(client, world, history):
    client.force_login(world.officer_school_a)

    url = reverse("rules:confirm", kwargs={"pk": history.hoa.pk}) + "?year=2024&next=https://evil.example/"
    response = client.post(url, {"fact_ldtt_qualities": "yes", "basis": BASIS})

    assert response.status_code == 302 and response["Location"] == reverse("people:detail", kwargs={"pk": history.hoa.pk})


def test_the_bulk_form_lands_on_the_year_worked_on(client, world, history):
    client.force_login(world.officer_school_a)

    url = reverse("rules:unit_confirm", kwargs={"pk": world.school_a.pk}) + "?year=2023"
    response = client.post(url, {"fact": "ldtt_qualities", "value": "yes", "basis": BASIS, "people": [history.hoa.pk]})

    assert response.status_code == 302 and response["Location"] == _unit(world, "?year=2023")
