"""``/api/v1/registrations/``: create, list by unit and year (keyset), detail, approve, return, bulk approve."""

from __future__ import annotations

import pytest

from thidua.audit.models import AuditEvent
from thidua.registrations.models import Registration
from thidua.registrations.tests.factories import current_movement

from .conftest import ApiClient


def _body(world, mov, **fields):
    body = {"movement": mov.pk, "person": world.person_a.pk, "targets": ["CSTĐCS"],
            "commitments": [{"text": "Dạy tốt"}, {"text": "Có sáng kiến được công nhận"}]}  # fmt: skip
    body.update(fields)
    return body


def test_a_teacher_registers_the_head_approves_the_list_shows_it(world):
    movement = current_movement(world)
    created = ApiClient(world.teacher_a).post("/registrations/", _body(world, movement))
    assert created.status_code == 201, created.content
    data = created.json()
    assert (data["status"], data["on_behalf"], [t["code"] for t in data["targets"]]) == ("submitted", False, ["CSTDCS"])
    assert [c["text"] for c in data["commitments"]] == ["Dạy tốt", "Có sáng kiến được công nhận"]

    head = ApiClient(world.head_a)
    assert ApiClient(world.teacher_a).post(f"/registrations/{data['id']}/approve", {}).json()["code"] == "forbidden"
    approved = head.post(f"/registrations/{data['id']}/approve", {})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    again = head.post(f"/registrations/{data['id']}/approve", {})
    assert again.status_code == 409 and again.json()["code"] == "registration_approved"

    page = head.get("/registrations/", {"unit": world.school_a.pk, "school_year": movement.school_year.code})
    assert page.status_code == 200 and [r["id"] for r in page.json()["items"]] == [data["id"]] and page.json()["next"] is None


@pytest.mark.parametrize(
    ("fields", "status", "code"),
    [
        ({"targets": ["TTLĐTT"]}, 400, "wrong_subject"),
        ({"targets": []}, 400, "no_target"),
        ({"targets": ["Không có"]}, 400, "unknown_award_kind"),
        ({"person": None}, 400, "one_subject"),
        ({"movement": 999999}, 400, "unknown_movement"),
        ({"commitments": [{"option": 999999}]}, 400, "unknown_option"),
    ],
)
def test_bad_input_answers_4xx_with_its_code_and_saves_nothing(world, fields, status, code):
    movement = current_movement(world)
    api = ApiClient(world.officer_school_a)
    before = AuditEvent.objects.count()
    response = api.post("/registrations/", _body(world, movement, **fields))
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert not Registration.objects.exists() and AuditEvent.objects.count() == before


def test_a_second_registration_is_a_409(world):
    movement = current_movement(world)
    api = ApiClient(world.teacher_a)
    assert api.post("/registrations/", _body(world, movement)).status_code == 201
    second = api.post("/registrations/", _body(world, movement, targets=["LĐTT"]))
    assert second.status_code == 409 and second.json()["code"] == "duplicate_registration"


def test_a_sibling_school_neither_lists_nor_approves(world):
    movement = current_movement(world)
    reg = ApiClient(world.teacher_a).post("/registrations/", _body(world, movement)).json()
    sibling = ApiClient(world.officer_school_b)
    assert sibling.get("/registrations/", {"unit": world.school_a.pk}).json()["code"] == "unknown_unit"
    assert sibling.post("/registrations/bulk-approve", {"ids": [reg["id"]]}).json()["code"] == "unknown_registration"
    assert sibling.post("/registrations/", _body(world, movement, person=world.colleague_a.pk)).json()["code"] == "unknown_person"


def test_bulk_approve_and_return_with_a_reason(world):
    movement = current_movement(world)
    officer = ApiClient(world.officer_school_a)
    a = ApiClient(world.teacher_a).post("/registrations/", _body(world, movement)).json()["id"]
    b = officer.post("/registrations/", _body(world, movement, person=world.colleague_a.pk, targets=["LĐTT"])).json()
    assert b["on_behalf"] is True
    no_reason = officer.post("/registrations/bulk-return", {"ids": [a], "reason": " "})
    assert no_reason.status_code == 400 and no_reason.json()["code"] == "reason_required"
    done = ApiClient(world.head_a).post("/registrations/bulk-approve", {"ids": [a, b["id"]]})
    assert done.status_code == 200 and done.json()["count"] == 2
    assert set(Registration.objects.values_list("status", flat=True)) == {"approved"}


def test_the_list_pages_by_keyset(world):
    movement = current_movement(world)
    from tests.factories import make_person

    officer = ApiClient(world.officer_school_a)
    ids = []
    for i in range(3):
        person = make_person(name=f"Giáo viên {i}", unit=world.school_a)
        ids.append(officer.post("/registrations/", _body(world, movement, person=person.pk, targets=["LĐTT"])).json()["id"])
    first = officer.get("/registrations/", {"unit": world.school_a.pk, "limit": 2}).json()
    assert [r["id"] for r in first["items"]] == ids[:2] and first["next"] == ids[1]
    rest = officer.get("/registrations/", {"unit": world.school_a.pk, "limit": 2, "after": first["next"]}).json()
    assert [r["id"] for r in rest["items"]] == ids[2:] and rest["next"] is None
