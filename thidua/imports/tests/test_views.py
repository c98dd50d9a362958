"""Import pages: upload, status with HTMX polling, report, commit, templates."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.awards.models import Award
from thidua.imports.models import ImportBatch

from .conftest import xlsx
from .test_services import AWARD_HEADER, award_row


def _upload(client, content, unit="THCS-YT", name="khen-thuong.xlsx"):
    return client.post(reverse("imports:new"), {"kind": "awards", "unit": unit, "file": SimpleUploadedFile(name, content)})


def test_upload_shows_the_report_then_commit_writes(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.officer_dept)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, xlsx(AWARD_HEADER, [award_row()]))
    assert response.status_code == 302
    batch = ImportBatch.objects.get()

    page = client.get(response["Location"]).content.decode()
    assert "Ghi dữ liệu" in page and "Lao động tiên tiến – Nguyễn Thị Hoà" in page and 'hx-trigger="every 1s"' not in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:commit", kwargs={"pk": batch.pk}))
    assert Award.objects.get().person == world.person_a
    assert "Đã ghi dữ liệu" in client.get(reverse("imports:detail", kwargs={"pk": batch.pk})).content.decode()


def test_status_polls_while_the_dry_run_is_pending(client, world):
    client.force_login(world.officer_dept)
    _upload(client, xlsx(AWARD_HEADER, [award_row()]))  # the task waits for the commit of the request
    batch = ImportBatch.objects.get()

    body = client.get(reverse("imports:detail", kwargs={"pk": batch.pk}), headers={"HX-Request": "true"}).content.decode()

    assert 'hx-trigger="every 1s"' in body and "<progress" in body and "<html" not in body


def test_report_lists_errors_first_with_row_column_and_reason(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.officer_dept)
    rows = [award_row(), award_row(name="Trần Văn Đức", nid=None, amount="1.000.000")]
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, xlsx(AWARD_HEADER, rows))

    body = client.get(reverse("imports:detail", kwargs={"pk": ImportBatch.objects.get().pk})).content.decode()

    assert body.index("không khớp hệ số") < body.index("Lao động tiên tiến – Nguyễn Thị Hoà")
    assert "Số tiền" in body and ">Ghi dữ liệu<" not in body


def test_a_bad_file_is_a_form_error_and_nothing_is_saved(client, world):
    client.force_login(world.officer_dept)

    response = _upload(client, b"%PDF-1.4 not a sheet")

    assert response.status_code == 200 and "không phải là tệp Excel" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_a_unit_outside_the_officers_scope_reads_as_unknown(client, world):
    client.force_login(world.officer_school_b)

    response = _upload(client, xlsx(AWARD_HEADER, [award_row()]))

    assert response.status_code == 200 and "THCS-YT" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_officer_of_school_b_gets_404_for_a_batch_of_school_a(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.officer_school_a)
    _upload(client, xlsx(AWARD_HEADER, []))
    batch = ImportBatch.objects.get()
    client.force_login(world.officer_school_b)

    assert client.get(reverse("imports:detail", kwargs={"pk": batch.pk})).status_code == 404
    assert client.post(reverse("imports:commit", kwargs={"pk": batch.pk})).status_code == 404
    assert batch.pk not in [b.pk for b in client.get(reverse("imports:list")).context["page"]]


def test_template_download(client, world):
    client.force_login(world.officer_school_a)

    response = client.get(reverse("imports:template", kwargs={"kind": "staff"}))

    assert response.status_code == 200 and response["Content-Disposition"].endswith('mau-nhap-staff.xlsx"')
    assert client.get(reverse("imports:template", kwargs={"kind": "x"})).status_code == 404


def test_a_poll_after_the_dry_run_asks_for_a_reload_and_carries_no_report(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.officer_dept)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, xlsx(AWARD_HEADER, [award_row()]))
    batch = ImportBatch.objects.get()

    response = client.get(reverse("imports:detail", kwargs={"pk": batch.pk}), headers={"HX-Request": "true"})

    assert response.status_code == 200 and response["HX-Refresh"] == "true"
    assert b"import-report" not in response.content and "Nguyễn Thị Hoà".encode() not in response.content


def test_a_poll_while_pending_carries_progress_only(client, world):
    client.force_login(world.officer_dept)
    _upload(client, xlsx(AWARD_HEADER, [award_row()]))
    batch = ImportBatch.objects.get()

    body = client.get(reverse("imports:detail", kwargs={"pk": batch.pk}), headers={"HX-Request": "true"}).content.decode()

    assert "<progress" in body and "import-report" not in body and "Báo cáo từng dòng" not in body


def test_the_report_page_is_paginated(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.officer_dept)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, xlsx(AWARD_HEADER, [award_row(day="x")] * 200 + [award_row()]))
    url = reverse("imports:detail", kwargs={"pk": ImportBatch.objects.get().pk})

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    assert first.count('class="row-error"') == 200 and "Trang 1/2" in first and "Lao động tiên tiến – Nguyễn Thị Hoà" not in first
    assert second.count('class="row-') == 1 and "Lao động tiên tiến – Nguyễn Thị Hoà" in second and "Trang 2/2" in second


def test_the_upload_form_preselects_the_officers_own_unit(client, world):
    client.force_login(world.officer_school_a)
    body = client.get(reverse("imports:new")).content.decode()
    assert f'name="unit" value="{world.school_a.pk}"' in body
    assert f'value="{world.school_a.name}"' in body
    assert "Mã đơn vị nhập" not in body


def test_the_upload_form_finds_the_unit_by_name(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.officer_school_a)
    data = {"kind": "awards", "unit_q": "thcs yen tien", "file": SimpleUploadedFile("k.xlsx", xlsx(AWARD_HEADER, [award_row()]))}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:new"), data)
    assert response.status_code == 302
    assert ImportBatch.objects.get().unit == world.school_a


def test_the_upload_form_refuses_a_unit_the_officer_may_not_change(client, world):
    client.force_login(world.officer_school_a)
    data = {"kind": "awards", "unit": str(world.school_b.pk), "file": SimpleUploadedFile("k.xlsx", xlsx(AWARD_HEADER, [award_row()]))}
    body = client.post(reverse("imports:new"), data).content.decode()
    assert "Lựa chọn không có trong phạm vi của bạn." in body
    assert not ImportBatch.objects.exists()
