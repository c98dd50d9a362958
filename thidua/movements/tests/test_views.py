"""The movement pages: bad input shows a Vietnamese message on the form and saves nothing; the page shows the
trackers and links the award list; the officers' home page lists what waits for them."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories_awards import tiny_image
from tests.factories_movements import launched, submitted_response
from thidua.audit.models import AuditEvent
from thidua.movements.models import Movement


def _form(world, **fields):
    data = {"launcher": str(world.commune.pk), "kind": "campaign", "name": "Thi đua “Hai tốt”", "period_start": "01/10/2025",
            "period_end": "31/05/2026", "subjects": "both", "response_days": "10", "report_days": "5", "target_mode": "subtree"}  # fmt: skip
    data.update(fields)
    return data


def _refused(client, world, data, text):
    client.force_login(world.officer_dept)
    before = AuditEvent.objects.count()
    response = client.post(reverse("movements:create"), data)
    assert response.status_code == 200
    assert text in response.content.decode()
    assert not Movement.objects.exists() and AuditEvent.objects.count() == before


def test_an_end_before_the_start_is_shown_on_the_form(client, world):
    _refused(client, world, _form(world, period_end="01/09/2025"), "Ngày kết thúc (01/09/2025) trước ngày bắt đầu (01/10/2025).")


def test_a_plan_that_is_not_a_pdf_or_docx_is_shown_on_the_form(client, world):
    image = SimpleUploadedFile("ke-hoach.pdf", tiny_image(), content_type="application/pdf")
    _refused(client, world, _form(world, plan_document=image), "Tệp phải là văn bản PDF hoặc DOCX.")


def test_a_chosen_unit_outside_the_launcher_is_refused(client, world):
    data = _form(world, launcher=str(world.school_a.pk), target_mode="units", target_1=str(world.school_b.pk))
    _refused(client, world, data, "“Trường Tiểu học Yên Tiến” không thuộc phạm vi của Trường THCS Yên Tiến.")


def test_the_page_tracks_responses_and_links_the_awards(client, world):
    response = submitted_response(world)
    client.force_login(world.officer_dept)
    body = client.get(reverse("movements:detail", kwargs={"pk": response.movement_id})).content.decode()
    assert "1/1 đơn vị đã gửi kế hoạch hưởng ứng" in body and "Đã gửi kế hoạch" in body
    assert reverse("movements:acknowledge", kwargs={"pk": response.pk}) in body
    assert reverse("movements:awards", kwargs={"pk": response.movement_id}) in body
    client.force_login(world.officer_school_a)
    body = client.get(reverse("movements:detail", kwargs={"pk": response.movement_id})).content.decode()
    assert reverse("movements:acknowledge", kwargs={"pk": response.pk}) not in body  # a school never acknowledges its own plan


def test_the_list_filters_by_kind(client, world):
    movement = launched(world)
    client.force_login(world.officer_school_a)

    def listed(kind):
        return client.get(reverse("movements:list"), {"kind": kind}).content.decode().split('id="movements"')[1]

    assert movement.name in listed("regular") and movement.name not in listed("thematic")


def test_the_decision_form_names_a_movement_by_name_and_the_award_list_shows_it(client, world):
    from thidua.awards.models import Decision

    movement = launched(world)
    client.force_login(world.officer_school_a)
    form = client.get(reverse("awards:decision_create", kwargs={"pk": world.school_a.pk})).content.decode()
    assert f'<option value="{movement.pk}">{movement.name} – {world.commune.name}</option>' in form
    data = {"number": "30/QĐ-THCSYT", "decision_date": "28/05/2026", "award_type": "annual", "school_year": "2025-2026",
            "movement": str(movement.pk), "lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "0", "lines-0-kind_code": "GK",
            "lines-0-person": str(world.person_a.pk)}  # fmt: skip
    assert client.post(reverse("awards:decision_create", kwargs={"pk": world.school_a.pk}), data).status_code == 302
    assert Decision.objects.get(number="30/QĐ-THCSYT").movement == movement
    body = client.get(reverse("movements:awards", kwargs={"pk": movement.pk})).content.decode()
    assert "Nguyễn Thị Hoà" in body and "30/QĐ-THCSYT" in body


def _edit_form(movement, **fields):
    data = {"name": movement.name, "school_year": movement.school_year.code, "period_start": "", "period_end": "",
            "subjects": movement.subjects, "response_days": "10", "report_days": "5", "target_mode": "units",
            "target_1": str(movement.targets.get().unit_id)}  # fmt: skip
    data.update(fields)
    return data


def test_a_draft_is_edited_on_the_creation_form_filled_in(client, world):
    from tests.factories_movements import draft

    movement = draft(world)
    client.force_login(world.officer_dept)
    url = reverse("movements:edit", kwargs={"pk": movement.pk})
    page = client.get(url).content.decode()
    assert movement.name in page and world.school_a.name in page
    assert (
        reverse("movements:edit", kwargs={"pk": movement.pk})
        in client.get(reverse("movements:detail", kwargs={"pk": movement.pk})).content.decode()
    )
    response = client.post(url, _edit_form(movement, name="Thi đua “Hai tốt” sửa", response_days="12"))
    assert response.status_code == 302, response.context["form"].errors
    movement.refresh_from_db()
    assert (movement.name, movement.response_days) == ("Thi đua “Hai tốt” sửa", 12)
    event = AuditEvent.objects.filter(verb="movement.updated").get()
    assert event.before["name"] != event.after["name"] and event.after["response_days"] == 12


def test_a_launched_movement_is_not_edited(client, world):
    movement = launched(world)
    client.force_login(world.officer_dept)
    before = AuditEvent.objects.count()
    url = reverse("movements:edit", kwargs={"pk": movement.pk})
    response = client.post(url, _edit_form(movement, name="Đổi tên"), follow=True)
    assert "Phong trào đã phát động, không sửa được nữa." in response.content.decode()
    movement.refresh_from_db()
    assert movement.name != "Đổi tên" and AuditEvent.objects.count() == before


def test_a_bad_date_on_the_edit_form_saves_nothing(client, world):
    from tests.factories_movements import draft

    movement = draft(world)
    client.force_login(world.officer_dept)
    before = AuditEvent.objects.count()
    response = client.post(reverse("movements:edit", kwargs={"pk": movement.pk}), _edit_form(movement, phase_review_on="01/01/2020"))
    assert response.status_code == 200
    assert "Ngày sơ kết (01/01/2020) phải nằm trong thời gian thi đua." in response.content.decode()
    assert AuditEvent.objects.count() == before
