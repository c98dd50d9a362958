"""Every write route of the HTML site, posted with valid data, changes data and leaves an audit row."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_unit
from tests.test_access import ROUTES
from thidua.audit.models import AuditEvent


def _cases(world):
    spare = make_unit(code="TH-SPARE", name="Trường Tiểu học Dự Bị", kind="school", parent=world.commune)
    empty = make_unit(code="TEAM-EMPTY", name="Tổ Văn phòng", kind="team", parent=world.school_a)
    person = world.colleague_a
    return {
        "org:edit": (world.school_a.pk, {"name": "Trường THCS Yên Tiến mới", "address": "Yên Tiến"}, "unit.updated"),
        "org:create_child": (
            world.school_a.pk,
            {"code": "THCS-YT-XH", "name": "Tổ Xã hội", "kind": "team", "valid_from": "01/09/2024"},
            "unit.created",
        ),
        "org:move": (spare.pk, {"new_parent": world.dept.code, "effective_date": "01/09/2025"}, "unit.moved"),
        "org:merge": (
            world.school_b.pk,
            {"sources": spare.code, "target": world.school_b.code, "effective_date": "01/09/2025"},
            "unit.merged",
        ),
        "org:close": (empty.pk, {"effective_date": "01/09/2025"}, "unit.closed"),
        "people:create": (
            world.school_a.pk,
            {"full_name": "Đỗ Thu Hà", "gender": "female", "ethnicity": "Kinh", "staff_type": "teacher", "start_date": "01/09/2024"},
            "person.created",
        ),
        "people:edit": (person.pk, {"full_name": "Trần Văn Đức", "gender": "male", "ethnicity": "Tày"}, "person.updated"),
        "people:employment_add": (
            person.pk,
            {"unit": world.school_a.code, "staff_type": "teacher", "start_date": "01/02/2015", "end_date": "31/08/2016"},
            "employment.added",
        ),
        "people:transfer": (person.pk, {"to_unit": world.team_a.code, "effective_date": "01/09/2024"}, "employment.added"),
        "people:rating_add": (person.pk, {"school_year": "2023-2024", "rating": "excellent"}, "rating.set"),
        "people:discipline_add": (person.pk, {"form": "reprimand", "status": "in_effect", "start_date": "01/03/2024"}, "discipline.added"),
        "people:leave_add": (person.pk, {"kind": "maternity", "start_date": "01/03/2024", "end_date": "31/08/2024"}, "leave.added"),
    }


WRITE_ROUTES = sorted(name for name, (_, writes) in ROUTES.items() if writes)


@pytest.mark.parametrize("name", WRITE_ROUTES)
def test_write_route_saves_through_a_service_and_audits(client, world, name):
    cases = _cases(world)
    assert set(cases) == set(WRITE_ROUTES)
    pk, data, verb = cases[name]
    key = "unit_pk" if name == "people:create" else "pk"
    client.force_login(world.officer_dept)
    before = AuditEvent.objects.filter(verb=verb).count()
    response = client.post(reverse(name, kwargs={key: pk}), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.filter(verb=verb).latest("id")
    assert AuditEvent.objects.filter(verb=verb).count() > before
    assert event.actor == world.officer_dept and event.request_id
