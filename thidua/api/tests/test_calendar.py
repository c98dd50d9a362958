"""``/api/v1/calendar/``: a year's holidays, "add N working days", and the admin's changes."""

from __future__ import annotations

import pytest

from thidua.audit.models import AuditEvent
from thidua.years import holidays_vn
from thidua.years.models import Holiday

pytestmark = pytest.mark.django_db


@pytest.fixture
def holidays(world):
    holidays_vn.load(Holiday)


def test_a_years_holidays(world, api_as, holidays):
    body = api_as(world.teacher_a).get("/calendar/holidays", {"year": 2026}).json()

    assert body["year"] == 2026 and body["confirmed"] is True and body["warning"] == ""
    tet = [h for h in body["items"] if h["name"] == "Tết Nguyên đán"]
    assert tet[0]["date"] == "2026-02-14" and len(tet) == 9


def test_an_unconfirmed_year_is_flagged(world, api_as, holidays):
    body = api_as(world.teacher_a).get("/calendar/holidays", {"year": 2027}).json()

    assert body["confirmed"] is False and "Lịch nghỉ năm 2027 chưa được xác nhận" in body["warning"]


def test_add_working_days_across_tet(world, api_as, holidays):
    body = api_as(world.officer_school_a).get("/calendar/add", {"from": "2026-02-13", "days": 1}).json()

    assert body == {"from": "2026-02-13", "days": 1, "due": "2026-02-23", "unconfirmed_years": [], "warning": ""}


def test_add_reaching_an_unconfirmed_year_is_computed_and_flagged(world, api_as, holidays):
    body = api_as(world.officer_school_a).get("/calendar/add", {"from": "2026-12-28", "days": 10}).json()

    assert body["due"] == "2027-01-12" and body["unconfirmed_years"] == [2027]
    assert "Lịch nghỉ năm 2027 chưa được xác nhận" in body["warning"]


@pytest.mark.parametrize("query", [{"from": "13/02/2026", "days": 1}, {"from": "2026-02-13"}, {"from": "2026-02-13", "days": 99999}])
def test_add_refuses_bad_input(world, api_as, holidays, query):
    response = api_as(world.officer_school_a).get("/calendar/add", query)

    assert response.status_code == 422 and response.json()["code"] == "validation_error"


def test_admin_adds_confirms_and_deletes_a_day(world, api_as, holidays):
    client = api_as(world.admin)

    response = client.post("/calendar/holidays", {"date": "2026-12-31", "kind": "day_off", "name": "Nghỉ cuối năm"})
    assert response.status_code == 201 and response.json()["status"] == "proposed"
    duplicate = client.post("/calendar/holidays", {"date": "2026-12-31", "kind": "day_off", "name": "Nghỉ"})
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "holiday_exists"
    assert client.post("/calendar/confirm", {"year": 2026}).json() == {"confirmed": 1}
    assert client.delete(f"/calendar/holidays/{response.json()['id']}").status_code == 204
    assert AuditEvent.objects.filter(verb__startswith="holiday.").count() == 3


@pytest.mark.parametrize("persona", ["officer_dept", "teacher_a"])
def test_others_cannot_change_the_calendar(world, api_as, holidays, persona):
    client = api_as(getattr(world, persona))

    response = client.post("/calendar/holidays", {"date": "2026-12-31", "kind": "day_off", "name": "Nghỉ"})

    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert client.post("/calendar/confirm", {"year": 2027}).status_code == 403
    assert not Holiday.objects.filter(date="2026-12-31").exists()
