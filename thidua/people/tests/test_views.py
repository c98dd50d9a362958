"""The HTML pages of people: search, the person page, and forms that write through services."""

from __future__ import annotations

import unicodedata

import pytest
from django.urls import reverse

from tests.factories import make_person
from thidua.audit.models import AuditEvent
from thidua.people.models import Employment


def test_search_without_diacritics_finds_the_person(client, world):
    client.force_login(world.officer_school_a)
    body = client.get(reverse("people:list"), {"q": "nguyen thi hoa"}).content.decode()
    assert "Nguyễn Thị Hoà" in body and "Trần Văn Đức" not in body


@pytest.mark.parametrize("query", ["NGUYỄN THỊ HÒA", unicodedata.normalize("NFD", "Nguyễn Thị Hoà"), "thi hoa"])
def test_search_matches_case_nfd_and_tone_placement(client, world, query):
    client.force_login(world.officer_school_a)
    body = client.get(reverse("people:list"), {"q": query}).content.decode()
    assert "Nguyễn Thị Hoà" in body


def test_htmx_search_returns_only_the_results_partial(client, world):
    client.force_login(world.officer_school_a)
    response = client.get(reverse("people:list"), {"q": "duc"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'id="people-results"' in body and "<html" not in body and "Trần Văn Đức" in body


def test_people_list_sorts_by_given_name_the_vietnamese_way(client, world):
    client.force_login(world.officer_dept)
    body = client.get(reverse("people:list")).content.decode()
    # Bích < Đức < Hoà (given names), whatever the family names.
    assert body.index("Lê Thị Bích") < body.index("Trần Văn Đức") < body.index("Nguyễn Thị Hoà")


def test_people_list_uses_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    client.force_login(world.officer_dept)
    client.get(reverse("people:list"))  # warm the session
    for i in range(40):
        make_person(name=f"Vũ Văn Nam {i}", unit=world.school_b)
    with django_assert_max_num_queries(8) as few:
        first = client.get(reverse("people:list"))
    assert first.context["page"].more and first.context["page"].count is None
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("people:list"), {"after": first.context["page"].next})


def test_people_list_pages_follow_the_next_link_and_never_count(client, world, django_assert_max_num_queries):
    for i in range(30):
        make_person(name=f"Vũ Văn Nam {i:02d}", unit=world.school_b)
    client.force_login(world.officer_dept)
    first = client.get(reverse("people:list"))
    body = first.content.decode()
    assert "Hơn 25 người" in body and "Xem tiếp" in body and "Về đầu danh sách" not in body
    with django_assert_max_num_queries(20) as ctx:
        second = client.get(reverse("people:list"), {"after": first.context["page"].next})
    # Nothing counts the list (the user's row carries the header's count of their own unread notifications).
    assert not any("COUNT(" in q["sql"].upper() and "notifications_notification" not in q["sql"] for q in ctx.captured_queries)
    body = second.content.decode()
    shown = [p.pk for p in first.context["page"].people] + [p.pk for p in second.context["page"].people]
    assert len(shown) == len(set(shown)) == 33  # 30 + the department's 3, none twice
    assert "Về đầu danh sách" in body and "Xem tiếp" not in body


def test_a_short_list_states_its_count(client, world):
    client.force_login(world.officer_dept)
    assert "3 người" in client.get(reverse("people:list")).content.decode()


def test_a_cursor_edited_by_hand_starts_again_from_the_top(client, world):
    client.force_login(world.officer_dept)
    response = client.get(reverse("people:list"), {"after": "not-a-cursor"})
    assert response.status_code == 200 and "Nguyễn Thị Hoà" in response.content.decode()


def test_person_page_shows_employment_dates_as_dd_mm_yyyy(client, world):
    client.force_login(world.officer_school_a)
    body = client.get(reverse("people:detail", kwargs={"pk": world.person_a.pk})).content.decode()
    assert "01/09/2016" in body


def test_national_id_is_hidden_from_council_members(client, world):
    url = reverse("people:detail", kwargs={"pk": world.person_a.pk})
    client.force_login(world.council_a)
    assert "001185000001" not in client.get(url).content.decode()
    client.force_login(world.officer_school_a)
    assert "001185000001" in client.get(url).content.decode()


def test_editing_a_person_through_the_form_writes_an_audit_row(client, world):
    client.force_login(world.officer_school_a)
    url = reverse("people:edit", kwargs={"pk": world.colleague_a.pk})
    data = {
        "full_name": "Trần Văn Đức Anh",
        "gender": "male",
        "ethnicity": "Kinh",
        "date_of_birth": "12/05/1985",
        "national_id": "",
        "email": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    event = AuditEvent.objects.get(verb="person.updated", target_id=str(world.colleague_a.pk))
    assert event.actor == world.officer_school_a and event.after == {
        "full_name": "Trần Văn Đức Anh",
        "sort_key": event.after["sort_key"],
        "name_folded": "tran van duc anh",
    }


def test_malformed_date_gets_a_vietnamese_message_and_saves_nothing(client, world):
    client.force_login(world.officer_school_a)
    url = reverse("people:employment_add", kwargs={"pk": world.colleague_a.pk})
    response = client.post(url, {"unit": world.school_a.code, "staff_type": "teacher", "start_date": "31/02/2020"})
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in response.content.decode()
    assert Employment.objects.filter(person=world.colleague_a).count() == 1


def test_overlapping_employment_is_refused_on_the_form(client, world):
    client.force_login(world.officer_school_a)
    url = reverse("people:employment_add", kwargs={"pk": world.colleague_a.pk})
    response = client.post(
        url, {"unit": world.school_a.code, "staff_type": "teacher", "start_date": "01/09/2018", "end_date": "31/08/2019"}
    )
    assert "trùng với quá trình" in response.content.decode()
    assert Employment.objects.filter(person=world.colleague_a).count() == 1
    assert not AuditEvent.objects.filter(verb="employment.added").exists()


def test_unknown_unit_code_is_a_form_error(client, world):
    client.force_login(world.officer_school_a)
    url = reverse("people:transfer", kwargs={"pk": world.colleague_a.pk})
    response = client.post(url, {"to_unit": "KHONG-CO", "effective_date": "01/09/2024"})
    assert "Không có đơn vị mã" in response.content.decode()


def test_duplicate_national_id_is_refused_on_the_form(client, world):
    client.force_login(world.officer_school_a)
    url = reverse("people:edit", kwargs={"pk": world.colleague_a.pk})
    data = {"full_name": "Trần Văn Đức", "gender": "male", "ethnicity": "Kinh", "national_id": "001185000001"}
    response = client.post(url, data)
    assert "đã có trong hệ thống" in response.content.decode()
    world.colleague_a.refresh_from_db()
    assert world.colleague_a.national_id is None


def test_rating_for_a_year_not_worked_is_refused(client, world):
    client.force_login(world.officer_school_a)
    url = reverse("people:rating_add", kwargs={"pk": world.colleague_a.pk})
    response = client.post(url, {"school_year": "2012-2013", "rating": "excellent"})
    assert "không công tác trong năm học 2012-2013" in response.content.decode()


def test_officer_cannot_transfer_a_person_into_a_unit_outside_their_scope(client, world):
    client.force_login(world.officer_school_a)
    url = reverse("people:transfer", kwargs={"pk": world.colleague_a.pk})
    response = client.post(url, {"to_unit": world.school_b.code, "effective_date": "01/09/2024"})
    assert "trong phạm vi của bạn" in response.content.decode()
    assert Employment.objects.filter(person=world.colleague_a).count() == 1
