from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_person
from thidua.audit.models import AuditEvent
from thidua.people.models import AnnualRating, Discipline, Employment, Leave, Person

from .conftest import ApiClient

NEW_PERSON = {
    "full_name": "Đỗ  Thị   Mai",
    "gender": "female",
    "staff_type": "teacher",
    "start_date": "2024-09-01",
    "position": "Giáo viên",
    "date_of_birth": "1990-02-03",
    "national_id": "001190000123",
}


def _changes() -> tuple[int, ...]:
    """What a refused write must leave untouched."""
    return (
        Person.objects.count(),
        Employment.objects.count(),
        AnnualRating.objects.count(),
        Discipline.objects.count(),
        Leave.objects.count(),
        AuditEvent.objects.exclude(verb="api_token.issued").count(),
    )


def _audited(verb: str) -> int:
    return AuditEvent.objects.filter(verb=verb).count()


# -- reads ----------------------------------------------------------------------------------------------
def test_list_is_a_page_with_items_count_and_next(world):
    body = ApiClient(world.officer_dept).get("/people/", {"limit": 1, "offset": 1, "total": True}).json()

    assert set(body) == {"items", "count", "next"}
    assert body["count"] == 3  # person_a, colleague_a, person_b; person_c is in another department
    assert len(body["items"]) == 1
    assert set(body["items"][0]) == {"id", "full_name", "gender", "current_unit", "current_position"}


def test_a_page_before_the_end_does_not_count_unless_asked(world):
    body = ApiClient(world.officer_dept).get("/people/", {"limit": 1}).json()

    assert body["count"] is None and body["next"]


def test_the_last_page_states_the_count_it_knows(world):
    body = ApiClient(world.officer_dept).get("/people/", {"limit": 5}).json()

    assert body["count"] == 3 and body["next"] is None


def test_following_next_walks_the_whole_list_in_order(world):
    client = ApiClient(world.officer_dept)
    everyone = [p["full_name"] for p in client.get("/people/", {"limit": 50}).json()["items"]]
    walked, after = [], ""
    while True:
        body = client.get("/people/", {"limit": 1, "after": after}).json()
        walked += [p["full_name"] for p in body["items"]]
        if not body["next"]:
            break
        after = body["next"]
    assert walked == everyone and len(everyone) == 3


def test_a_malformed_cursor_is_a_400_with_its_code(world):
    response = ApiClient(world.officer_dept).get("/people/", {"after": "zz;drop"})

    assert response.status_code == 400 and response.json()["code"] == "bad_cursor"


def test_search_is_diacritic_blind(world):
    body = ApiClient(world.officer_dept).get("/people/", {"q": "nguyen thi hoa"}).json()

    assert [p["full_name"] for p in body["items"]] == ["Nguyễn Thị Hoà"]
    assert body["items"][0]["current_unit"]["id"] == world.school_a.pk


def test_unit_filter_keeps_the_subtree(world):
    client = ApiClient(world.officer_dept)

    school_b = client.get("/people/", {"unit": world.school_b.pk}).json()
    commune = client.get("/people/", {"unit": world.commune.pk}).json()

    assert [p["full_name"] for p in school_b["items"]] == ["Lê Thị Bích"]
    assert commune["count"] == 3


def test_unit_filter_on_an_invisible_unit_is_refused_with_a_code(world):
    response = ApiClient(world.officer_school_b).get("/people/", {"unit": world.school_a.pk})

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == ("unknown_unit", "unit")


def test_staff_see_only_their_own_record_in_the_list(world):
    body = ApiClient(world.teacher_a).get("/people/").json()

    assert [p["id"] for p in body["items"]] == [world.person_a.pk]


def test_list_query_count_does_not_grow_with_the_page(world):
    client = ApiClient(world.officer_dept)
    client.get("/people/")

    with CaptureQueriesContext(connection) as few:
        client.get("/people/")
    for i in range(5):
        make_person(name=f"Người Thứ {i}", unit=world.school_b)
    with CaptureQueriesContext(connection) as many:
        items = client.get("/people/").json()["items"]

    assert len(items) == 8
    assert len(many) == len(few)


def test_detail_has_employment_ratings_discipline_and_leave(world, years):
    Discipline.objects.create(person=world.person_a, form="reprimand", start_date=dt.date(2023, 1, 1))
    Leave.objects.create(person=world.person_a, kind="maternity", start_date=dt.date(2022, 1, 1), end_date=dt.date(2022, 6, 30))
    AnnualRating.objects.create(person=world.person_a, school_year=years["2023-2024"], rating="excellent", unit=world.school_a)

    body = ApiClient(world.officer_school_a).get(f"/people/{world.person_a.pk}").json()

    assert body["full_name"] == "Nguyễn Thị Hoà"
    assert body["date_of_birth"] == "1985-05-12"
    assert [(e["unit"]["code"], e["start_date"], e["end_date"]) for e in body["employments"]] == [("THCS-YT", "2016-09-01", None)]
    assert body["ratings"] == [
        {
            "school_year": "2023-2024",
            "rating": "excellent",
            "rating_label": "Hoàn thành xuất sắc nhiệm vụ",
            "unit": {"id": world.school_a.pk, "code": "THCS-YT", "name": "Trường THCS Yên Tiến"},
            "note": "",
        }
    ]
    assert [d["form"] for d in body["disciplines"]] == ["reprimand"]
    assert [(v["kind"], v["end_date"]) for v in body["leaves"]] == [("maternity", "2022-06-30")]


def test_national_id_is_hidden_from_the_council(world):
    response = ApiClient(world.council_a).get(f"/people/{world.person_a.pk}")

    assert response.status_code == 200
    assert response.json()["national_id"] is None
    assert "001185000001" not in response.content.decode()


def test_national_id_is_shown_to_the_officer_of_the_unit(world):
    body = ApiClient(world.officer_school_a).get(f"/people/{world.person_a.pk}").json()

    assert body["national_id"] == "001185000001"


def test_national_id_is_shown_to_the_person_themself(world):
    body = ApiClient(world.teacher_a).get(f"/people/{world.person_a.pk}").json()

    assert body["national_id"] == "001185000001"


def test_national_id_is_hidden_from_a_former_units_officer(world):
    Employment.objects.filter(person=world.person_b).update(end_date=dt.date(2024, 8, 31))
    Employment.objects.create(person=world.person_b, unit=world.school_a, staff_type="teacher", start_date=dt.date(2024, 9, 1))
    Person.objects.filter(pk=world.person_b.pk).update(current_unit=world.school_a)

    body = ApiClient(world.officer_school_b).get(f"/people/{world.person_b.pk}").json()

    assert body["national_id"] is None


# -- create and update ----------------------------------------------------------------------------------
def test_create_makes_the_person_with_their_first_employment_and_audit_rows(world):
    response = ApiClient(world.officer_school_a).post("/people/", {**NEW_PERSON, "unit": world.school_a.pk})

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["full_name"] == "Đỗ Thị Mai"
    assert body["national_id"] == "001190000123"
    assert body["current_unit"]["id"] == world.school_a.pk
    assert [e["start_date"] for e in body["employments"]] == ["2024-09-01"]
    assert AuditEvent.objects.filter(verb="person.created", person_id=body["id"]).exists()
    assert AuditEvent.objects.filter(verb="employment.added", person_id=body["id"]).exists()


def test_create_with_a_duplicate_national_id_saves_nothing(world):
    before = _changes()

    response = ApiClient(world.officer_school_a).post("/people/", {**NEW_PERSON, "unit": world.school_a.pk, "national_id": "001185000002"})

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == ("duplicate_national_id", "national_id")
    assert _changes() == before


def test_create_with_a_malformed_date_saves_nothing(world):
    before = _changes()

    response = ApiClient(world.officer_school_a).post("/people/", {**NEW_PERSON, "unit": world.school_a.pk, "date_of_birth": "1990-02-30"})

    assert response.status_code == 422
    body = response.json()
    assert (body["code"], body["field"]) == ("validation_error", "date_of_birth")
    assert body["message"].startswith("Ngày không hợp lệ")
    assert body["errors"] == [{"field": "date_of_birth", "code": body["errors"][0]["code"], "message": body["message"]}]
    assert _changes() == before


def test_create_in_an_unknown_unit_saves_nothing(world):
    before = _changes()

    response = ApiClient(world.officer_school_a).post("/people/", {**NEW_PERSON, "unit": 999_999})

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == ("unknown_unit", "unit")
    assert _changes() == before


def test_create_in_a_readable_but_not_writable_unit_is_403(world):
    before = _changes()

    response = ApiClient(world.council_a).post("/people/", {**NEW_PERSON, "unit": world.school_a.pk})

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert _changes() == before


def test_create_with_an_invalid_choice_lists_the_field(world):
    response = ApiClient(world.officer_school_a).post("/people/", {**NEW_PERSON, "unit": world.school_a.pk, "gender": "x"})

    assert response.status_code == 422
    assert response.json()["field"] == "gender"


def test_update_changes_the_sent_fields_and_is_audited(world):
    response = ApiClient(world.head_a).patch(f"/people/{world.colleague_a.pk}", {"email": "duc@example.edu.vn", "ethnicity": "Tày"})

    assert response.status_code == 200
    assert (response.json()["email"], response.json()["ethnicity"]) == ("duc@example.edu.vn", "Tày")
    event = AuditEvent.objects.get(verb="person.updated")
    assert event.after == {"email": "duc@example.edu.vn", "ethnicity": "Tày"}


def test_update_to_a_duplicate_national_id_saves_nothing(world):
    before = _changes()

    response = ApiClient(world.officer_dept).patch(f"/people/{world.colleague_a.pk}", {"national_id": "001185000002"})

    assert response.status_code == 400
    assert response.json()["code"] == "duplicate_national_id"
    assert _changes() == before
    assert Person.objects.get(pk=world.colleague_a.pk).national_id is None


# -- employment -----------------------------------------------------------------------------------------
def test_employment_add_records_a_past_post_and_is_audited(world):
    response = ApiClient(world.officer_school_a).post(
        f"/people/{world.person_a.pk}/employments",
        {"unit": world.team_a.pk, "staff_type": "teacher", "start_date": "2015-09-01", "end_date": "2016-08-31"},
    )

    assert response.status_code == 201, response.content
    assert response.json()["unit"]["id"] == world.team_a.pk
    assert _audited("employment.added") == 1


def test_overlapping_employment_saves_nothing(world):
    before = _changes()

    response = ApiClient(world.officer_school_a).post(
        f"/people/{world.person_a.pk}/employments",
        {"unit": world.school_a.pk, "staff_type": "teacher", "start_date": "2020-01-01", "end_date": "2020-12-31"},
    )

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == ("employment_overlap", "start_date")
    assert _changes() == before


def test_employment_ending_before_it_starts_saves_nothing(world):
    before = _changes()

    response = ApiClient(world.officer_school_a).post(
        f"/people/{world.person_a.pk}/employments",
        {"unit": world.school_a.pk, "staff_type": "teacher", "start_date": "2015-09-01", "end_date": "2015-08-31"},
    )

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == ("end_before_start", "end_date")
    assert _changes() == before


def test_employment_update_without_end_date_keeps_it(world):
    closed = Employment.objects.create(
        person=world.person_a, unit=world.school_a, staff_type="teacher", start_date=dt.date(2015, 9, 1), end_date=dt.date(2016, 8, 31)
    )

    response = ApiClient(world.officer_school_a).patch(f"/people/{world.person_a.pk}/employments/{closed.pk}", {"position": "Tổ phó"})

    assert response.status_code == 200, response.content
    assert (response.json()["position"], response.json()["end_date"]) == ("Tổ phó", "2016-08-31")
    assert _audited("employment.updated") == 1


def test_employment_update_can_close_the_open_row(world):
    open_row = world.person_a.employments.get(end_date__isnull=True)

    response = ApiClient(world.officer_school_a).patch(f"/people/{world.person_a.pk}/employments/{open_row.pk}", {"end_date": "2025-08-31"})

    assert response.status_code == 200
    assert Person.objects.get(pk=world.person_a.pk).current_unit is None


def test_employment_of_another_person_is_404(world):
    other = world.colleague_a.employments.get()

    response = ApiClient(world.officer_school_a).patch(f"/people/{world.person_a.pk}/employments/{other.pk}", {"position": "X"})

    assert response.status_code == 404


def test_transfer_moves_the_person_and_is_audited(world):
    response = ApiClient(world.officer_dept).post(
        f"/people/{world.person_a.pk}/transfer", {"unit": world.school_b.pk, "effective_date": "2025-09-01"}
    )

    assert response.status_code == 200, response.content
    assert response.json()["unit"]["id"] == world.school_b.pk
    assert Person.objects.get(pk=world.person_a.pk).current_unit_id == world.school_b.pk
    assert _audited("employment.updated") == 1
    assert _audited("employment.added") == 1


def test_transfer_to_a_unit_the_officer_cannot_write_saves_nothing(world):
    before = _changes()

    response = ApiClient(world.officer_school_a).post(
        f"/people/{world.person_a.pk}/transfer", {"unit": world.school_b.pk, "effective_date": "2025-09-01"}
    )

    assert response.status_code == 400  # school B is not even visible to the officer of school A
    assert response.json()["code"] == "unknown_unit"
    assert _changes() == before


# -- ratings, discipline, leave -------------------------------------------------------------------------
def test_rating_set_and_correct_are_audited(world, years):
    client = ApiClient(world.officer_school_a)

    first = client.put(f"/people/{world.person_a.pk}/ratings/2024-2025", {"rating": "good"})
    second = client.put(f"/people/{world.person_a.pk}/ratings/2024-2025", {"rating": "excellent", "note": "Phúc khảo"})

    assert first.status_code == 200
    assert second.json() == {**second.json(), "school_year": "2024-2025", "rating": "excellent", "note": "Phúc khảo"}
    assert AnnualRating.objects.get(person=world.person_a).rating == "excellent"
    assert _audited("rating.set") == 2


def test_rating_for_a_year_not_worked_saves_nothing(world, years):
    before = _changes()

    response = ApiClient(world.officer_school_a).put(f"/people/{world.person_a.pk}/ratings/2010-2011", {"rating": "good"})

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == ("not_employed_in_year", "school_year")
    assert _changes() == before


def test_rating_for_an_unknown_year_is_404(world, years):
    response = ApiClient(world.officer_school_a).put(f"/people/{world.person_a.pk}/ratings/1999-2000", {"rating": "good"})

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_rating_delete_is_audited(world, years):
    AnnualRating.objects.create(person=world.person_a, school_year=years["2024-2025"], rating="good", unit=world.school_a)

    response = ApiClient(world.officer_school_a).delete(f"/people/{world.person_a.pk}/ratings/2024-2025")

    assert response.status_code == 204
    assert not AnnualRating.objects.exists()
    assert _audited("rating.deleted") == 1


def test_rating_delete_of_a_missing_rating_is_404(world, years):
    response = ApiClient(world.officer_school_a).delete(f"/people/{world.person_a.pk}/ratings/2024-2025")

    assert response.status_code == 404


def test_discipline_add_is_audited(world):
    response = ApiClient(world.head_a).post(
        f"/people/{world.colleague_a.pk}/disciplines",
        {
            "form": "warning",
            "decision_number": "12/QĐ",
            "decision_date": "2024-03-01",
            "start_date": "2024-03-05",
            "end_date": "2025-03-04",
        },
    )

    assert response.status_code == 201, response.content
    assert response.json()["form_label"] == "Cảnh cáo"
    assert _audited("discipline.added") == 1


def test_discipline_ending_before_it_starts_saves_nothing(world):
    before = _changes()

    response = ApiClient(world.head_a).post(
        f"/people/{world.colleague_a.pk}/disciplines", {"form": "warning", "start_date": "2024-03-05", "end_date": "2024-03-01"}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "end_before_start"
    assert _changes() == before


def test_leave_add_is_audited(world):
    response = ApiClient(world.officer_school_a).post(
        f"/people/{world.person_a.pk}/leaves", {"kind": "maternity", "start_date": "2024-01-01", "end_date": "2024-06-30"}
    )

    assert response.status_code == 201, response.content
    assert response.json()["kind_label"] == "Nghỉ thai sản"
    assert _audited("leave.added") == 1


def test_leave_ending_before_it_starts_saves_nothing(world):
    before = _changes()

    response = ApiClient(world.officer_school_a).post(
        f"/people/{world.person_a.pk}/leaves", {"kind": "sick", "start_date": "2024-06-30", "end_date": "2024-01-01"}
    )

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == ("end_before_start", "end_date")
    assert _changes() == before


def test_malformed_json_body_is_a_400(world):
    response = ApiClient(world.officer_school_a).post(f"/people/{world.person_a.pk}/leaves", '{"kind": ')

    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


# -- school years ---------------------------------------------------------------------------------------
def test_school_years_are_listed_in_order(world, years):
    body = ApiClient(world.teacher_a).get("/school-years/").json()

    assert body[0] == {"code": "2010-2011", "start_date": "2010-09-01", "end_date": "2011-08-31", "is_current": False}
    assert [y["code"] for y in body] == sorted(years)
