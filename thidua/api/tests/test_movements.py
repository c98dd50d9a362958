"""``/api/v1/movements/``: create, launch, respond, acknowledge, report; bad input answers 4xx with its code."""

from __future__ import annotations

import pytest

from tests.factories_movements import launched
from thidua.audit.models import AuditEvent
from thidua.movements.models import Movement

from .conftest import ApiClient


def _body(world, **fields):
    body = {"launcher": world.commune.pk, "kind": "regular", "name": "Phong trào thi đua năm học 2025-2026", "school_year": "2025-2026",
            "targets": [{"unit": world.school_a.pk, "include_subtree": False}], "planned_awards": ["LĐTT", "Giấy khen"]}  # fmt: skip
    body.update(fields)
    return body


def test_an_officer_creates_launches_and_follows_a_movement(world):
    api = ApiClient(world.officer_dept)
    created = api.post("/movements/", _body(world))
    assert created.status_code == 201, created.content
    data = created.json()
    assert (data["status"], data["period_start"], data["planned_awards"]) == ("draft", "2025-09-01", ["GK", "LDTT"])
    assert data["granting_unit"]["id"] == world.commune.pk

    launch = api.post(f"/movements/{data['id']}/launch", {"launched_on": "2025-09-08"})
    assert launch.status_code == 200 and launch.json()["status"] == "launched"
    rows = api.get(f"/movements/{data['id']}/responses").json()
    assert [(r["unit"]["id"], r["status"], r["due_on"]) for r in rows] == [(world.school_a.pk, "pending", "2025-09-22")]

    school = ApiClient(world.officer_school_a)
    assert [r["id"] for r in school.get("/movement-responses/awaiting").json()] == [rows[0]["id"]]
    sent = school.post(f"/movement-responses/{rows[0]['id']}/submit", {"text": "Kế hoạch số 12/KH-THCSYT", "on": "2025-09-15"})
    assert sent.status_code == 200 and sent.json()["status"] == "submitted"
    assert school.post(f"/movement-responses/{rows[0]['id']}/acknowledge", {}).json()["code"] == "forbidden"
    assert api.post(f"/movement-responses/{rows[0]['id']}/acknowledge", {}).json()["status"] == "acknowledged"

    report = school.post(f"/movement-responses/{rows[0]['id']}/reports", {"kind": "phase_review", "text": "Sơ kết", "figures": []})
    assert report.status_code == 400 and report.json()["code"] == "unknown_milestone"  # the plan set no sơ kết date


@pytest.mark.parametrize(
    ("fields", "status", "code"),
    [
        ({"kind": "campaign", "school_year": None, "period_start": "2026-03-01", "period_end": "2026-02-01"}, 400, "end_before_start"),
        ({"registration_opens": "2025-08-01", "registration_closes": "2025-09-30"}, 400, "window_outside_period"),
        ({"planned_awards": ["Huân chương không có"]}, 400, "unknown_award_kind"),
        ({"school_year": "1999-2000"}, 400, "unknown_school_year"),
    ],
)
def test_bad_input_is_refused_with_its_code_and_nothing_saved(world, fields, status, code):
    api = ApiClient(world.officer_dept)
    before = AuditEvent.objects.count()
    response = api.post("/movements/", _body(world, **fields))
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert not Movement.objects.exists() and AuditEvent.objects.count() == before


def test_a_target_outside_the_launchers_subtree_is_an_unknown_unit(world):
    response = ApiClient(world.admin).post("/movements/", _body(world, targets=[{"unit": world.school_c.pk}]))
    assert response.status_code == 400 and response.json()["code"] == "unknown_unit"


def test_a_second_regular_movement_is_409(world):
    api = ApiClient(world.officer_dept)
    assert api.post("/movements/", _body(world)).status_code == 201
    second = api.post("/movements/", _body(world, name="Lần hai"))
    assert second.status_code == 409 and second.json()["code"] == "duplicate_movement"


def test_a_launched_movement_is_not_edited(world):
    movement = launched(world)
    response = ApiClient(world.officer_dept).patch(f"/movements/{movement.pk}", {"slogan": "Mới"})
    assert response.status_code == 409 and response.json()["code"] == "movement_launched"


def test_the_list_is_scoped(world):
    movement = launched(world)
    assert [m["id"] for m in ApiClient(world.officer_school_a).get("/movements/").json()["items"]] == [movement.pk]
    assert ApiClient(world.officer_school_b).get("/movements/").json() == {"items": [], "count": 0}
