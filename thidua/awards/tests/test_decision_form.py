"""The decision form: more lines, many people from the staff list, cash shown per line, every error at once."""

from __future__ import annotations

from django.urls import reverse

from thidua.awards.models import Decision

HEADER = {"number": "9/QĐ-THCSYT", "decision_date": "20/08/2026", "award_type": "annual", "school_year": "2025-2026"}


def _url(world):
    return reverse("awards:decision_create", kwargs={"pk": world.school_a.pk})


def _lines(*rows):
    data = {"lines-TOTAL_FORMS": str(max(len(rows), 1)), "lines-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        data.update({f"lines-{i}-{k}": v for k, v in row.items()})
    return data


def test_the_form_asks_for_no_code_or_id(client, world):
    client.force_login(world.officer_school_a)
    body = client.get(_url(world)).content.decode()
    assert "Mã cá nhân" not in body and "Mã danh hiệu" not in body and "Mã đơn vị" not in body
    assert 'hx-get="/pick/people/"' in body
    assert world.colleague_a.full_name in body  # the staff list to add from


def test_adding_a_line_keeps_what_was_typed(client, world):
    client.force_login(world.officer_school_a)
    data = {**HEADER, **_lines({"kind_code": "GK", "person": str(world.person_a.pk)}), "add_line": "1"}
    response = client.post(_url(world), data)
    body = response.content.decode()
    assert response.status_code == 200 and not Decision.objects.exists()
    assert 'name="lines-TOTAL_FORMS" value="2"' in body
    assert f'name="lines-0-person" value="{world.person_a.pk}"' in body
    assert "Nguyễn Thị Hoà – Trường THCS Yên Tiến" in body
    assert 'value="9/QĐ-THCSYT"' in body


def test_staff_chosen_from_the_list_become_lines(client, world):
    client.force_login(world.officer_school_a)
    data = {
        **HEADER,
        **_lines(),
        "staff": [str(world.person_a.pk), str(world.colleague_a.pk)],
        "staff_kind": "GK",
        "add_staff": "1",
    }
    body = client.post(_url(world), data).content.decode()
    assert 'name="lines-TOTAL_FORMS" value="2"' in body
    assert f'name="lines-0-person" value="{world.person_a.pk}"' in body
    assert f'name="lines-1-person" value="{world.colleague_a.pk}"' in body
    assert '<option value="GK" selected>' in body


def test_the_staff_list_shows_only_the_issuers_staff(client, world):
    client.force_login(world.officer_dept)
    body = client.get(_url(world)).content.decode()
    assert world.person_b.full_name not in body


def test_every_line_error_is_reported_at_once(client, world):
    client.force_login(world.officer_school_a)
    data = {
        **HEADER,
        **_lines(
            {"kind_code": "BK_BO_TINH", "person": str(world.person_a.pk)},
            {"kind_code": "GK", "person": str(world.colleague_a.pk)},
            {"kind_code": "BK_BO_TINH", "person": str(world.colleague_a.pk)},
        ),
    }
    body = client.post(_url(world), data).content.decode()
    assert "Dòng 1:" in body and "Dòng 3:" in body
    assert "Dòng 2:" not in body
    assert not Decision.objects.exists()


def test_header_and_line_errors_show_together(client, world):
    client.force_login(world.officer_school_a)
    data = {**HEADER, "number": "", **_lines({"kind_code": "GK"})}
    body = client.post(_url(world), data).content.decode()
    assert "Chọn cá nhân hoặc tập thể nhận khen thưởng." in body
    assert body.count('class="error" role="alert"') >= 2


def test_the_cash_of_a_line_is_computed_as_it_is_entered(client, world):
    client.force_login(world.officer_school_a)
    body = client.get(reverse("awards:line_cash"), {"lines-0-kind_code": "LDTT", "decision_date": "20/08/2026"}).content.decode()
    assert "đ" in body and any(ch.isdigit() for ch in body)


def test_the_cash_is_shown_on_the_lines_after_adding_staff(client, world):
    client.force_login(world.officer_school_a)
    data = {**HEADER, **_lines(), "staff": [str(world.person_a.pk)], "staff_kind": "LDTT", "add_staff": "1"}
    body = client.post(_url(world), data).content.decode()
    cash = client.get(reverse("awards:line_cash"), {"lines-0-kind_code": "LDTT", "decision_date": "20/08/2026"}).content.decode()
    assert cash.strip() in body


def test_initiative_authors_are_picked_by_name(client, world):
    from thidua.awards.models import InitiativeRecord

    client.force_login(world.officer_school_a)
    url = reverse("awards:initiative_create", kwargs={"pk": world.school_a.pk})
    assert "Mã cá nhân" not in client.get(url).content.decode()
    data = {
        "title": "Dạy học STEM",
        "school_year": "2024-2025",
        "scope": "unit",
        "author_1_q": "nguyen thi hoa",
        "author_2_q": "tran van duc",
    }
    assert client.post(url, data).status_code == 302
    assert set(InitiativeRecord.objects.get().authors.all()) == {world.person_a, world.colleague_a}


# -- many people from any unit or team below the issuer -------------------------------------------------


def _team_teacher(world):
    from tests.factories import make_person

    return make_person(name="Vũ Thị Lan", unit=world.team_a)


def test_the_staff_list_of_a_team_is_shown_by_its_name(client, world):
    lan = _team_teacher(world)
    client.force_login(world.officer_school_a)
    data = {**HEADER, **_lines(), "staff_unit_q": "khoa hoc tu nhien", "show_staff": "1"}
    body = client.post(_url(world), data).content.decode()
    assert not Decision.objects.exists()
    assert f'name="staff" value="{lan.pk}"' in body
    assert f'name="staff" value="{world.colleague_a.pk}"' not in body  # school A's staff outside the team
    assert "Cán bộ của Tổ Khoa học tự nhiên" in body and 'value="9/QĐ-THCSYT"' in body


def test_a_sub_unit_button_opens_its_staff_list_without_javascript(client, world):
    lan = _team_teacher(world)
    client.force_login(world.officer_school_a)
    body = client.get(_url(world)).content.decode()
    assert f'name="show_unit" value="{world.team_a.pk}"' in body  # the issuer's teams, as buttons
    body = client.post(_url(world), {**HEADER, **_lines(), "show_unit": str(world.team_a.pk)}).content.decode()
    assert f'name="staff" value="{lan.pk}"' in body and f'name="staff" value="{world.person_a.pk}"' not in body


def test_everyone_ticked_in_a_team_becomes_a_line(client, world):
    lan = _team_teacher(world)
    client.force_login(world.officer_school_a)
    data = {**HEADER, **_lines({"kind_code": "GK", "person": str(world.person_a.pk)}), "staff_unit": str(world.team_a.pk),
            "staff": [str(lan.pk)], "staff_kind": "LDTT", "add_staff": "1"}  # fmt: skip
    body = client.post(_url(world), data).content.decode()
    assert 'name="lines-TOTAL_FORMS" value="2"' in body
    assert f'name="lines-0-person" value="{world.person_a.pk}"' in body and f'name="lines-1-person" value="{lan.pk}"' in body
    assert "Cán bộ của Tổ Khoa học tự nhiên" in body  # the team stays chosen for the next ones


def test_a_unit_outside_the_issuers_subtree_is_not_offered(client, world):
    client.force_login(world.officer_dept)  # may change both schools, enters a decision of school A
    data = {**HEADER, **_lines(), "staff_unit": str(world.school_b.pk), "show_staff": "1"}
    body = client.post(_url(world), data).content.decode()
    assert "Lựa chọn không có trong phạm vi của bạn." in body
    assert world.person_b.full_name not in body and f'name="staff" value="{world.person_a.pk}"' in body
    found = client.get(reverse("pick:units"), {"q": "yen tien", "within": world.school_a.pk}).content.decode()
    assert "Trường THCS Yên Tiến" in found and "Tiểu học" not in found


# -- the GET prefill contract (the eligibility page's selection links here) --------------------------


def test_a_link_with_people_award_and_year_opens_the_form_filled_in(client, world):
    client.force_login(world.officer_school_a)
    query = f"?person={world.person_a.pk}&person={world.colleague_a.pk}&person={world.person_a.pk}&award=LDTT&year=2024-2025"
    body = client.get(_url(world) + query).content.decode()
    assert 'name="lines-TOTAL_FORMS" value="2"' in body
    assert f'name="lines-0-person" value="{world.person_a.pk}"' in body and f'name="lines-1-person" value="{world.colleague_a.pk}"' in body
    assert body.count('<option value="LDTT" selected>') == 3  # both lines and the "add many" title
    assert '<option value="2024-2025" selected>' in body
    assert "ngoài phạm vi" not in body and not Decision.objects.exists()


def test_people_outside_the_write_scope_are_dropped_with_a_message(client, world):
    client.force_login(world.officer_school_a)
    query = f"?person={world.person_a.pk}&person={world.person_b.pk}&person={world.person_c.pk}&person=999999&award=LDTT"
    body = client.get(_url(world) + query).content.decode()
    assert "Đã bỏ 3 người ngoài phạm vi của bạn." in body
    assert 'name="lines-TOTAL_FORMS" value="1"' in body and f'name="lines-0-person" value="{world.person_a.pk}"' in body
    assert world.person_b.full_name not in body and world.person_c.full_name not in body


def test_a_council_member_cannot_prefill_people_she_may_only_read(client, world):
    client.force_login(world.head_a)  # heads write school A: the form opens
    assert client.get(_url(world) + f"?person={world.person_a.pk}").status_code == 200
    client.force_login(world.council_a)  # reads school A only: the form itself is refused
    assert client.get(_url(world) + f"?person={world.person_a.pk}").status_code == 403


def test_an_unknown_award_or_year_is_reported_not_a_crash(client, world):
    client.force_login(world.officer_school_a)
    response = client.get(_url(world) + f"?person={world.person_a.pk}&person=abc&award=KHONG_CO&year=1990-1991")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Không có danh hiệu, hình thức “KHONG_CO” trong danh mục hiện hành" in body
    assert "Không có năm học “1990-1991”" in body and "Đã bỏ 1 người ngoài phạm vi của bạn." in body
    assert f'name="lines-0-person" value="{world.person_a.pk}"' in body


def test_the_award_may_be_named_by_abbreviation(client, world):
    client.force_login(world.officer_school_a)
    body = client.get(_url(world) + f"?person={world.person_a.pk}&award=LĐTT").content.decode()
    assert '<option value="LDTT" selected>' in body and "danh mục hiện hành" not in body
