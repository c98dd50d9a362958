"""The import endpoints of the API: template, upload with dry run, report, commit."""

from __future__ import annotations

import io

from django.test import Client
from openpyxl import load_workbook

from thidua.accounts.services import api_token_issue
from thidua.awards.models import Award
from thidua.imports.models import ImportBatch

from .conftest import xlsx
from .test_services import AWARD_HEADER, award_row


def _client(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_issue(user=user)}"})


def test_template_download_is_an_xlsx_with_instructions(world):
    response = _client(world.officer_school_a).get("/api/v1/imports/templates/awards")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "Hướng dẫn" in load_workbook(io.BytesIO(response.content)).sheetnames


def test_unknown_template_kind_is_422(world):
    assert _client(world.officer_school_a).get("/api/v1/imports/templates/salaries").status_code == 422


def test_upload_dry_run_report_and_commit(world, django_capture_on_commit_callbacks):
    client = _client(world.officer_dept)
    content = xlsx(AWARD_HEADER, [award_row()])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/imports/", {"kind": "awards", "unit": world.school_a.pk, "file": io.BytesIO(content)})
    assert response.status_code == 201, response.content
    batch_id = response.json()["id"]

    report = client.get(f"/api/v1/imports/{batch_id}").json()
    assert report["status"] == "validated" and report["progress"] == 100
    assert report["summary"]["create"] == 1 and "report" not in report
    rows = client.get(f"/api/v1/imports/{batch_id}/report").json()
    assert rows["count"] == 1 and rows["items"][0]["status"] == "create"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/imports/{batch_id}/commit", "{}", content_type="application/json")
    assert response.status_code == 202, response.content
    assert ImportBatch.objects.get(pk=batch_id).status == "committed"
    assert Award.objects.get().person == world.person_a


def test_a_renamed_text_file_gets_a_vietnamese_400_and_nothing_is_saved(world):
    file = io.BytesIO(b"not a workbook")
    file.name = "khen-thuong.xlsx"

    response = _client(world.officer_dept).post("/api/v1/imports/", {"kind": "awards", "unit": world.school_a.pk, "file": file})

    assert response.status_code == 400
    assert response.json()["code"] == "not_xlsx" and "Excel" in response.json()["message"]
    assert ImportBatch.objects.count() == 0


def test_officer_of_school_b_cannot_import_into_school_a(world):
    response = _client(world.officer_school_b).post(
        "/api/v1/imports/", {"kind": "awards", "unit": world.school_a.pk, "file": io.BytesIO(xlsx(AWARD_HEADER, []))}
    )

    assert response.status_code == 400 and response.json()["code"] == "unknown_unit"
    assert ImportBatch.objects.count() == 0


def test_commit_of_a_file_with_errors_is_refused(world, django_capture_on_commit_callbacks):
    client = _client(world.officer_dept)
    with django_capture_on_commit_callbacks(execute=True):
        batch_id = client.post(
            "/api/v1/imports/", {"kind": "awards", "unit": world.school_a.pk, "file": io.BytesIO(xlsx(AWARD_HEADER, [award_row(day="x")]))}
        ).json()["id"]

    response = client.post(f"/api/v1/imports/{batch_id}/commit", "{}", content_type="application/json")

    assert response.status_code == 400 and response.json()["code"] == "has_errors"
    assert Award.objects.count() == 0


def _dry_run(client, content, django_capture_on_commit_callbacks, unit) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/imports/", {"kind": "awards", "unit": unit.pk, "file": io.BytesIO(content)})
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_polling_answers_progress_and_counts_without_the_report(world, django_capture_on_commit_callbacks):
    client = _client(world.officer_dept)
    batch_id = _dry_run(client, xlsx(AWARD_HEADER, [award_row(day="x")] * 600), django_capture_on_commit_callbacks, world.school_a)

    response = client.get(f"/api/v1/imports/{batch_id}")

    body = response.json()
    assert response.status_code == 200 and body["status"] == "invalid" and body["progress"] == 100
    assert body["summary"]["error"] == 600 and "report" not in body
    assert len(response.content) < 2000  # the same few hundred bytes however many rows the file has


def test_the_report_is_read_page_by_page_errors_first(world, django_capture_on_commit_callbacks):
    client = _client(world.officer_dept)
    rows = [award_row(day="x")] * 500 + [award_row()]
    batch_id = _dry_run(client, xlsx(AWARD_HEADER, rows), django_capture_on_commit_callbacks, world.school_a)

    first = client.get(f"/api/v1/imports/{batch_id}/report").json()
    second = client.get(f"/api/v1/imports/{batch_id}/report", {"page": 2}).json()
    created = client.get(f"/api/v1/imports/{batch_id}/report", {"status": "create"}).json()

    assert (first["count"], first["pages"], first["page_size"], len(first["items"])) == (501, 2, 500, 500)
    assert first["items"][0]["row"] == 2 and first["items"][0]["errors"][0]["message"].startswith("Dòng 2, cột “Ngày quyết định”")
    assert [r["row"] for r in second["items"]] == [502] and second["items"][0]["status"] == "create"
    assert created["count"] == 1 and created["items"][0]["text"].startswith("Lao động tiên tiến – Nguyễn Thị Hoà")
    assert client.get(f"/api/v1/imports/{batch_id}/report", {"page": 3}).json()["items"] == []


def test_a_report_page_out_of_range_is_a_422_not_a_server_error(world, django_capture_on_commit_callbacks):
    client = _client(world.officer_dept)
    batch_id = _dry_run(client, xlsx(AWARD_HEADER, [award_row()]), django_capture_on_commit_callbacks, world.school_a)

    for page in (0, -1, 2**63, "x"):
        response = client.get(f"/api/v1/imports/{batch_id}/report", {"page": page})
        assert response.status_code == 422 and response.json()["field"] == "page", page


def test_the_report_of_another_schools_batch_is_404(world, django_capture_on_commit_callbacks):
    batch_id = _dry_run(_client(world.officer_school_a), xlsx(AWARD_HEADER, []), django_capture_on_commit_callbacks, world.school_a)

    assert _client(world.officer_school_b).get(f"/api/v1/imports/{batch_id}/report").status_code == 404
    assert _client(world.officer_school_b).get(f"/api/v1/imports/{batch_id}").status_code == 404


def test_every_import_operation_declares_its_error_statuses(db):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    declared = {(p, m): set(op["responses"]) for p, ops in paths.items() if p.startswith("/api/v1/imports") for m, op in ops.items()}

    assert declared[("/api/v1/imports/{id}", "get")] >= {"200", "401", "404", "422"}
    assert declared[("/api/v1/imports/{id}/report", "get")] >= {"200", "400", "401", "404", "422"}
    assert declared[("/api/v1/imports/{id}/commit", "post")] >= {"202", "400", "401", "403", "404", "422"}
    assert declared[("/api/v1/imports/", "post")] >= {"201", "400", "401", "403", "422"}
