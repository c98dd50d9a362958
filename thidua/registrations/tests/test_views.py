from __future__ import annotations

import io

from django.urls import reverse

from thidua.registrations import services
from thidua.registrations.forms import kinds_in_force
from thidua.registrations.models import Registration

from .factories import current_movement, register


def _kind(code):
    return str(kinds_in_force("individual").get(code=code).pk)


def test_a_teacher_registers_from_their_own_page_with_two_commitments(client, world):
    movement = current_movement(world)
    option = services.commitment_option_add(actor=world.officer_school_a, unit=world.school_a, school_year=movement.school_year,
                                            text="Hoàn thành xuất sắc nhiệm vụ năm học")  # fmt: skip
    client.force_login(world.teacher_a)
    page = client.get(reverse("registrations:mine"))
    body = page.content.decode()
    assert page.status_code == 200 and "Chiến sĩ thi đua cơ sở" in body and "Hoàn thành xuất sắc nhiệm vụ năm học" in body
    response = client.post(reverse("registrations:mine"), {"movement": movement.pk, "kinds": [_kind("CSTDCS")], "options": [option.pk],
                                                           "free": "Có sáng kiến được công nhận"})  # fmt: skip
    assert response.status_code == 302
    reg = Registration.objects.get()
    assert reg.status == "submitted" and list(reg.commitments.values_list("text", flat=True)) == [
        "Hoàn thành xuất sắc nhiệm vụ năm học", "Có sáng kiến được công nhận"]  # fmt: skip
    body = client.get(reverse("registrations:mine")).content.decode()
    assert "Chờ duyệt" in body and "Chiến sĩ thi đua cơ sở" in body


def test_a_collective_title_on_the_teachers_form_is_a_form_error(client, world):
    movement = current_movement(world)
    client.force_login(world.teacher_a)
    wrong = str(kinds_in_force("collective").get(code="TTLDTT").pk)
    response = client.post(reverse("registrations:mine"), {"movement": movement.pk, "kinds": [wrong]})
    assert response.status_code == 200 and not Registration.objects.exists()


def test_the_unit_list_approves_in_bulk_and_returns_with_a_reason(client, world):
    a = register(world)
    b = register(world, actor=world.officer_school_a, person=world.colleague_a)
    client.force_login(world.head_a)
    url = reverse("registrations:unit_list", kwargs={"pk": world.school_a.pk})
    body = client.get(url).content.decode()
    assert "Nguyễn Thị Hoà" in body and "Trần Văn Đức" in body and "Cán bộ đăng ký thay" in body
    no_reason = client.post(url, {"ids": [b.pk], "action": "return", "reason": ""}, follow=True)
    assert "Cần ghi lý do trả lại." in no_reason.content.decode()
    client.post(url, {"ids": [b.pk], "action": "return", "reason": "Bổ sung cam kết"})
    client.post(url, {"ids": [a.pk], "action": "approve"})
    assert dict(Registration.objects.values_list("pk", "status")) == {a.pk: "approved", b.pk: "returned"}


def test_the_unit_list_is_read_only_for_the_council_and_hidden_from_school_b(client, world):
    reg = register(world)
    url = reverse("registrations:unit_list", kwargs={"pk": world.school_a.pk})
    client.force_login(world.council_a)
    assert "Duyệt các đăng ký đã chọn" not in client.get(url).content.decode()
    assert client.post(url, {"ids": [reg.pk], "action": "approve"}).status_code == 403
    client.force_login(world.officer_school_b)
    assert client.get(url).status_code == 404
    assert client.post(reverse("registrations:approve", kwargs={"pk": reg.pk})).status_code == 404
    assert Registration.objects.get().status == "submitted"


def test_the_unit_list_pages_in_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    from tests.factories import make_person

    for i in range(12):
        register(world, actor=world.officer_school_a, person=make_person(name=f"Giáo viên {i:02}", unit=world.school_a),
                 codes=("LDTT", "CSTDCS"), commitments=("Dạy tốt", "Học tốt"))  # fmt: skip
    client.force_login(world.officer_school_a)
    url = reverse("registrations:unit_list", kwargs={"pk": world.school_a.pk})
    client.get(url)  # warm the per-request caches
    with django_assert_max_num_queries(16) as few:
        client.get(url)
    for i in range(30):
        register(world, actor=world.officer_school_a, person=make_person(name=f"Cô giáo {i:02}", unit=world.school_a))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_export_lists_titles_and_commitments(client, world):
    import io

    from openpyxl import load_workbook

    register(world, codes=("CSTDCS", "GK"), commitments=("Dạy tốt",))
    client.force_login(world.officer_school_a)
    response = client.get(reverse("registrations:unit_export", kwargs={"pk": world.school_a.pk}))
    rows = [[c for c in r if c is not None] for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    line = next(r for r in rows if "Nguyễn Thị Hoà" in r)
    assert "Chiến sĩ thi đua cơ sở" in line and "Giấy khen" in line and "Dạy tốt" in line


def test_an_officer_registers_on_behalf_from_the_unit(client, world):
    movement = current_movement(world)
    client.force_login(world.officer_school_a)
    url = reverse("registrations:register_for", kwargs={"pk": world.school_a.pk})
    assert "Trần Văn Đức" in client.get(url).content.decode()
    response = client.post(url, {"movement": movement.pk, "person": world.colleague_a.pk, "kinds": [_kind("LDTT")], "free": "Dạy tốt"})
    assert response.status_code == 302
    reg = Registration.objects.get()
    assert reg.on_behalf and reg.entered_by == world.officer_school_a and reg.person == world.colleague_a


def test_the_person_page_shows_the_registration_criterion(client, world):
    movement = current_movement(world)
    client.force_login(world.teacher_a)
    url = reverse("people:detail", kwargs={"pk": world.person_a.pk})
    assert "Chưa đăng ký thi đua đầu năm học (không bắt buộc)." in client.get(url).content.decode()
    reg = services.registration_create(actor=world.teacher_a, movement=movement, person=world.person_a, kind_codes=["CSTDCS"])
    assert "Đã đăng ký, chờ duyệt: Chiến sĩ thi đua cơ sở" in client.get(url).content.decode()
    services.registration_approve(actor=world.head_a, registration=reg)
    body = client.get(url).content.decode()
    assert "Đã đăng ký thi đua: Chiến sĩ thi đua cơ sở, duyệt ngày" in body and "không bắt buộc" in body


def test_the_paper_form_lists_the_approved_registrations_in_word_and_pdf(client, world):
    import subprocess

    from docx import Document

    registration = register(world, codes=("CSTDCS",), commitments=("Dạy tốt",))
    services.registration_approve(actor=world.head_a, registration=registration)
    client.force_login(world.officer_school_a)
    query = f"?movement={registration.movement_id}"
    docx = client.get(reverse("registrations:unit_docx", kwargs={"pk": world.school_a.pk}) + query)
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    text += "\n".join(c.text for t in Document(io.BytesIO(docx.content)).tables for row in t.rows for c in row.cells)
    assert "BẢN ĐĂNG KÝ THI ĐUA" in text and "Nguyễn Thị Hoà" in text and "Dạy tốt" in text
    pdf = client.get(reverse("registrations:unit_pdf", kwargs={"pk": world.school_a.pk}) + query)
    assert pdf["Content-Type"] == "application/pdf"
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True).stdout.decode()
    assert "Nguyễn Thị Hoà" in out and "Dạy tốt" in out


def test_the_paper_form_never_names_a_movement_the_reader_cannot_see(client, world):
    import datetime as dt

    from docx import Document

    from thidua.movements import services as movements

    draft = movements.movement_create(
        actor=world.officer_dept, launcher=world.dept, kind="campaign", name="Dự thảo phong trào kín",
        period_start=dt.date(2025, 10, 1), period_end=dt.date(2025, 11, 20), targets=[movements.TargetSpec(world.school_a, False)],
    )  # fmt: skip
    client.force_login(world.officer_school_a)
    response = client.get(reverse("registrations:unit_docx", kwargs={"pk": world.school_a.pk}) + f"?movement={draft.pk}")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert response.status_code == 200 and "Dự thảo phong trào kín" not in text
