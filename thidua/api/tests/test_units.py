from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_unit
from thidua.audit.models import AuditEvent
from thidua.org import services
from thidua.org.models import OrgUnit, Restructuring
from thidua.people.models import Employment

from .conftest import ApiClient


def _audit(verb: str) -> int:
    return AuditEvent.objects.filter(verb=verb).count()


def _changes() -> tuple[int, int, int]:
    """What a refused write must leave untouched."""
    return OrgUnit.objects.count(), Restructuring.objects.count(), AuditEvent.objects.exclude(verb="api_token.issued").count()


# -- reads ----------------------------------------------------------------------------------------------
def test_list_is_a_page_with_items_and_count(world):
    response = ApiClient(world.admin).get("/units/", {"limit": 2, "offset": 1})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "count"}
    assert body["count"] == OrgUnit.objects.count()
    assert [u["code"] for u in body["items"]] == list(OrgUnit.objects.order_by("path").values_list("code", flat=True)[1:3])


def test_list_shows_only_the_actors_subtree(world):
    body = ApiClient(world.officer_school_a).get("/units/").json()

    assert {u["code"] for u in body["items"]} == {"THCS-YT", "THCS-YT-TN"}
    assert body["count"] == 2


def test_list_search_ignores_diacritics_and_filters_by_kind_and_subtree(world):
    client = ApiClient(world.officer_dept)

    by_name = client.get("/units/", {"q": "truong yen tien"}).json()
    by_kind = client.get("/units/", {"kind": "team"}).json()
    under = client.get("/units/", {"under": world.commune.pk, "kind": "school"}).json()

    assert {u["code"] for u in by_name["items"]} == {"THCS-YT", "TH-YT"}
    assert [u["code"] for u in by_kind["items"]] == ["THCS-YT-TN"]
    assert {u["code"] for u in under["items"]} == {"THCS-YT", "TH-YT"}


def test_list_hides_closed_units_unless_asked(world):
    OrgUnit.objects.filter(pk=world.team_a.pk).update(valid_to=dt.date(2024, 1, 1))
    client = ApiClient(world.officer_school_a)

    assert client.get("/units/").json()["count"] == 1
    assert client.get("/units/", {"include_closed": "true"}).json()["count"] == 2


def test_list_under_an_invisible_unit_is_refused_with_a_code(world):
    response = ApiClient(world.officer_school_a).get("/units/", {"under": world.school_b.pk})

    assert response.status_code == 400
    assert response.json() == {"code": "unknown_unit", "message": response.json()["message"], "field": "under"}


def test_list_limit_above_the_maximum_is_a_validation_error(world):
    response = ApiClient(world.admin).get("/units/", {"limit": 10_000})

    assert response.status_code == 422
    assert response.json()["field"] == "limit"


def test_list_query_count_does_not_grow_with_the_page(world):
    client = ApiClient(world.admin)
    client.get("/units/")  # warm the token's last-used stamp

    with CaptureQueriesContext(connection) as few:
        client.get("/units/")
    for i in range(5):
        make_unit(code=f"T{i}", name=f"Trường {i}", kind="school", parent=world.commune)
    with CaptureQueriesContext(connection) as many:
        items = client.get("/units/").json()["items"]

    assert len(items) == OrgUnit.objects.count()

    assert len(many) == len(few)


def test_detail_has_kind_parent_ancestry_levels_and_no_path(world):
    body = ApiClient(world.officer_school_a).get(f"/units/{world.school_a.pk}").json()

    assert body["kind"] == {"code": "school", "name": body["kind"]["name"], "rank": body["kind"]["rank"], "is_school": True}
    assert body["parent"] == {"id": world.commune.pk, "code": "XA-YT", "name": "UBND xã Yên Tiến"}
    assert [(a["code"], a["visible"]) for a in body["ancestors"]] == [("BGDDT", False), ("SGD-NB", False), ("XA-YT", False)]
    assert body["education_levels"] == [{"code": "lower_secondary", "label": "Trung học cơ sở"}]
    assert body["remote_area"] is False
    assert body["valid_from"] == "2015-01-01"
    assert body["valid_to"] is None
    assert body["successor"] is None
    assert "path" not in body


def test_children_are_paginated_with_their_own_child_count(world):
    body = ApiClient(world.officer_dept).get(f"/units/{world.commune.pk}/children").json()

    assert body["count"] == 2
    assert {(c["code"], c["child_count"]) for c in body["items"]} == {("THCS-YT", 1), ("TH-YT", 0)}


def test_tree_as_of_a_past_date_shows_the_old_shape(world):
    services.unit_move(actor=world.admin, unit=world.school_a, new_parent=world.district, effective_date=dt.date(2025, 9, 1))
    client = ApiClient(world.officer_dept)

    before = client.get(f"/units/{world.dept.pk}/tree", {"on": "2025-08-15"}).json()
    after = client.get(f"/units/{world.dept.pk}/tree", {"on": "2025-09-15"}).json()

    def parent_of(tree, code):
        node = next(n for n in tree["items"] if n["code"] == code)
        return next(n["code"] for n in tree["items"] if n["id"] == node["parent_id"])

    assert before["on"] == "2025-08-15"
    assert parent_of(before, "THCS-YT") == "XA-YT"
    assert parent_of(after, "THCS-YT") == "PGD-YY"
    assert before["items"][0] == {**before["items"][0], "code": "SGD-NB", "depth": 0}


def test_tree_with_a_malformed_date_is_a_422_in_vietnamese(world):
    response = ApiClient(world.officer_dept).get(f"/units/{world.dept.pk}/tree", {"on": "2025-13-45"})

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["field"] == "on"
    assert body["message"].startswith("Ngày không hợp lệ")


def test_history_lists_placements_and_restructurings(world):
    services.unit_move(actor=world.admin, unit=world.school_a, new_parent=world.district, effective_date=dt.date(2025, 9, 1))

    body = ApiClient(world.officer_dept).get(f"/units/{world.school_a.pk}/history").json()

    assert [(p["parent"]["code"], p["valid_from"], p["valid_to"]) for p in body["placements"]] == [
        ("XA-YT", "2015-01-01", "2025-08-31"),
        ("PGD-YY", "2025-09-01", None),
    ]
    assert [(r["kind"], r["role"], r["effective_date"]) for r in body["restructurings"]] == [("move", "moved", "2025-09-01")]
    assert body["predecessors"] == []


# -- writes ---------------------------------------------------------------------------------------------
def test_create_makes_a_unit_and_an_audit_row(world):
    response = ApiClient(world.officer_dept).post(
        "/units/",
        {
            "parent": world.district.pk,
            "code": "mn-hoa-sen",
            "name": "Trường Mầm non Hoa Sen",
            "kind": "school",
            "valid_from": "2025-09-01",
            "education_levels": ["preschool"],
            "remote_area": True,
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"] == "MN-HOA-SEN"
    assert body["parent"]["id"] == world.district.pk
    assert body["remote_area"] is True
    assert AuditEvent.objects.filter(verb="unit.created", target_id=str(body["id"])).exists()


def test_create_with_a_duplicate_code_saves_nothing(world):
    before = _changes()

    response = ApiClient(world.officer_dept).post(
        "/units/", {"parent": world.district.pk, "code": "TH-YT", "name": "Trùng mã", "kind": "school", "valid_from": "2025-09-01"}
    )

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == ("duplicate_unit_code", "code")
    assert _changes() == before


def test_create_with_an_unknown_kind_saves_nothing(world):
    before = _changes()

    response = ApiClient(world.officer_dept).post(
        "/units/", {"parent": world.district.pk, "code": "X1", "name": "X", "kind": "castle", "valid_from": "2025-09-01"}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "unknown_unit_kind"
    assert _changes() == before


def test_create_under_an_unknown_or_invisible_parent_saves_nothing(world):
    before = _changes()
    client = ApiClient(world.officer_school_a)
    body = {"code": "X1", "name": "X", "kind": "team", "valid_from": "2025-09-01"}

    unknown = client.post("/units/", {**body, "parent": 999_999})
    invisible = client.post("/units/", {**body, "parent": world.school_b.pk})

    for response in (unknown, invisible):
        assert response.status_code == 400
        assert (response.json()["code"], response.json()["field"]) == ("unknown_unit", "parent")
    assert _changes() == before


def test_create_at_the_top_is_for_admins_only(world):
    response = ApiClient(world.officer_dept).post("/units/", {"code": "X1", "name": "X", "kind": "ministry", "valid_from": "2025-09-01"})

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_create_with_an_unknown_field_is_a_validation_error(world):
    response = ApiClient(world.officer_dept).post(
        "/units/", {"parent": world.district.pk, "code": "X1", "name": "X", "kind": "school", "valid_from": "2025-09-01", "colour": "red"}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "colour"


def test_update_changes_only_the_sent_fields_and_is_audited(world):
    response = ApiClient(world.head_a).patch(f"/units/{world.school_a.pk}", {"address": "Xã Yên Tiến, tỉnh Ninh Bình"})

    assert response.status_code == 200
    assert response.json()["address"] == "Xã Yên Tiến, tỉnh Ninh Bình"
    assert response.json()["name"] == "Trường THCS Yên Tiến"
    event = AuditEvent.objects.get(verb="unit.updated")
    assert event.after == {"address": "Xã Yên Tiến, tỉnh Ninh Bình"}


def test_merge_moves_people_closes_the_source_and_is_audited(world):
    response = ApiClient(world.officer_dept).post(
        "/units/merge",
        {"sources": [world.school_b.pk], "target": world.school_a.pk, "effective_date": "2025-09-01", "decision_ref": "123/QĐ-UBND"},
    )

    assert response.status_code == 200, response.content
    assert response.json()["id"] == world.school_a.pk
    world.school_b.refresh_from_db()
    assert world.school_b.successor_id == world.school_a.pk
    assert world.school_b.valid_to == dt.date(2025, 8, 31)
    assert Employment.objects.get(person=world.person_b, end_date__isnull=True).unit_id == world.school_a.pk
    assert _audit("unit.merged") == 1
    detail = ApiClient(world.officer_dept).get(f"/units/{world.school_b.pk}").json()
    assert detail["successor"]["id"] == world.school_a.pk


def test_merge_into_its_own_descendant_saves_nothing(world):
    before = _changes()

    response = ApiClient(world.officer_dept).post(
        "/units/merge", {"sources": [world.commune.pk], "target": world.school_a.pk, "effective_date": "2025-09-01"}
    )

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == ("merge_into_descendant", "target")
    assert _changes() == before


def test_merge_with_an_unknown_source_saves_nothing(world):
    before = _changes()

    response = ApiClient(world.officer_dept).post(
        "/units/merge", {"sources": [world.school_b.pk, 999_999], "target": world.school_a.pk, "effective_date": "2025-09-01"}
    )

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == ("unknown_unit", "sources")
    assert _changes() == before


def test_merge_into_a_new_unit_creates_it(world):
    response = ApiClient(world.officer_dept).post(
        "/units/merge",
        {
            "sources": [world.school_a.pk, world.school_b.pk],
            "new_target_parent": world.commune.pk,
            "effective_date": "2025-09-01",
            "new_target": {
                "code": "TH-THCS-YT",
                "name": "Trường TH và THCS Yên Tiến",
                "kind": "school",
                "education_levels": ["primary", "lower_secondary"],
            },
        },
    )

    assert response.status_code == 200, response.content
    assert response.json()["code"] == "TH-THCS-YT"
    assert _audit("unit.merged") == 2
    assert _audit("unit.created") == 1


def test_split_creates_the_parts_and_is_audited(world):
    response = ApiClient(world.officer_dept).post(
        f"/units/{world.school_a.pk}/split",
        {
            "effective_date": "2025-09-01",
            "parts": [
                {"code": "THCS-YT1", "name": "Trường THCS Yên Tiến 1", "kind": "school"},
                {"code": "THCS-YT2", "name": "Trường THCS Yên Tiến 2", "kind": "school", "people": [world.colleague_a.pk]},
            ],
        },
    )

    assert response.status_code == 200, response.content
    assert [u["code"] for u in response.json()] == ["THCS-YT1", "THCS-YT2"]
    assert _audit("unit.split") == 1
    world.colleague_a.refresh_from_db()
    assert world.colleague_a.current_unit.code == "THCS-YT2"


def test_split_with_an_unknown_person_saves_nothing(world):
    before = _changes()

    response = ApiClient(world.officer_dept).post(
        f"/units/{world.school_a.pk}/split",
        {
            "effective_date": "2025-09-01",
            "parts": [{"code": "P1", "name": "P1", "kind": "school"}, {"code": "P2", "name": "P2", "kind": "school", "people": [999_999]}],
        },
    )

    assert response.status_code == 400
    assert response.json()["code"] == "unknown_person"
    assert _changes() == before


def test_move_is_audited(world):
    response = ApiClient(world.officer_dept).post(
        f"/units/{world.school_a.pk}/move", {"parent": world.district.pk, "effective_date": "2025-09-01"}
    )

    assert response.status_code == 200, response.content
    assert response.json()["parent"]["id"] == world.district.pk
    assert _audit("unit.moved") == 1


def test_move_under_its_own_child_saves_nothing(world):
    before = _changes()

    response = ApiClient(world.officer_dept).post(
        f"/units/{world.commune.pk}/move", {"parent": world.school_a.pk, "effective_date": "2025-09-01"}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "move_into_descendant"
    assert _changes() == before


def test_close_is_audited(world):
    response = ApiClient(world.officer_school_a).post(f"/units/{world.team_a.pk}/close", {"effective_date": "2025-09-01"})

    assert response.status_code == 200, response.content
    assert response.json()["valid_to"] == "2025-08-31"
    assert response.json()["is_active"] is False
    assert _audit("unit.closed") == 1


def test_close_with_staff_saves_nothing(world):
    before = _changes()

    response = ApiClient(world.officer_school_b).post(f"/units/{world.school_b.pk}/close", {"effective_date": "2025-09-01"})

    assert response.status_code == 400
    assert response.json()["code"] == "unit_has_staff"
    assert _changes() == before


def test_close_with_a_malformed_date_is_a_422(world):
    response = ApiClient(world.officer_school_a).post(f"/units/{world.team_a.pk}/close", {"effective_date": "31/08/2025"})

    assert response.status_code == 422
    assert response.json()["field"] == "effective_date"
    assert response.json()["message"].startswith("Ngày không hợp lệ")


def test_non_numeric_id_is_a_422_in_json(world):
    response = ApiClient(world.officer_dept).get("/units/abc")

    assert response.status_code == 422
    assert (response.json()["field"], response.json()["message"]) == ("id", "Phải là số nguyên.")
