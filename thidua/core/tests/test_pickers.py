"""The searchable pickers: scoped search endpoints and the no-JavaScript search-then-choose."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import make_person


def test_people_search_finds_a_name_without_diacritics(client, world):
    client.force_login(world.officer_school_a)
    body = client.get(reverse("pick:people"), {"q": "nguyen thi hoa"}).content.decode()
    assert world.person_a.full_name in body
    assert f'data-pick-id="{world.person_a.pk}"' in body


def test_people_search_offers_nobody_outside_the_scope(client, world):
    client.force_login(world.officer_school_a)
    body = client.get(reverse("pick:people"), {"lines-0-person_q": "Bích"}).content.decode()
    assert f'data-pick-id="{world.person_b.pk}"' not in body
    assert "Không tìm thấy" in body


def test_unit_search_offers_only_units_in_scope(client, world):
    client.force_login(world.officer_school_a)
    body = client.get(reverse("pick:units"), {"q": "truong"}).content.decode()
    assert world.school_a.name in body
    assert world.school_b.name not in body


def test_a_teacher_finds_only_themself(client, world):
    client.force_login(world.teacher_a)
    body = client.get(reverse("pick:people"), {"q": "Trần Văn Đức"}).content.decode()
    assert f'data-pick-id="{world.colleague_a.pk}"' not in body
    assert "Không tìm thấy" in body


def test_a_typed_name_with_several_matches_is_offered_back_to_choose(client, world):
    """Without JavaScript: submit a name, see the matches as choices, choose one, save."""
    twin = make_person(name="Nguyễn Thị Hoà", unit=world.team_a)
    client.force_login(world.officer_school_a)
    url = reverse("awards:decision_create", kwargs={"pk": world.school_a.pk})
    data = {
        "number": "7/QĐ-THCSYT",
        "decision_date": "20/08/2026",
        "award_type": "annual",
        "school_year": "2025-2026",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-kind_code": "GK",
        "lines-0-person_q": "nguyen thi hoa",
    }
    body = client.post(url, data).content.decode()
    assert "chọn một bên dưới" in body
    assert f'type="radio" name="lines-0-person" value="{twin.pk}"' in body
    assert f'type="radio" name="lines-0-person" value="{world.person_a.pk}"' in body
    response = client.post(url, {**data, "lines-0-person": str(twin.pk)})
    assert response.status_code == 302
    from thidua.awards.models import Award

    assert Award.objects.get().person == twin


def test_a_typed_name_with_one_match_is_taken(client, world):
    client.force_login(world.officer_school_a)
    url = reverse("awards:decision_create", kwargs={"pk": world.school_a.pk})
    data = {
        "number": "8/QĐ-THCSYT",
        "decision_date": "20/08/2026",
        "award_type": "annual",
        "school_year": "2025-2026",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-kind_code": "Giấy khen",
        "lines-0-person_q": "tran van duc",
    }
    assert client.post(url, data).status_code == 302
    from thidua.awards.models import Award

    assert Award.objects.get().person == world.colleague_a
