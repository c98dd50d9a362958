"""Issue 8 item 6 through every path that records a decision: the HTML form, the API and the Excel import
read the one authority table, accept a school's LĐTT for its own staff and refuse an issuer without
authority with the same Vietnamese message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from thidua.api.tests.conftest import ApiClient
from thidua.awards import authority
from thidua.awards.models import Award, Decision
from thidua.imports import services as import_services
from thidua.imports.models import ImportBatch
from thidua.imports.tests.conftest import report_rows, upload, xlsx

DAY = dt.date(2026, 5, 20)
HEADER = ["Họ và tên", "Ngày sinh", "Mã đơn vị", "Danh hiệu/hình thức", "Năm học", "Số quyết định", "Ngày quyết định", "Mã đơn vị ban hành"]


def refusal(world) -> str:
    """What a tổ chuyên môn is told when it records an LĐTT (no legal personality)."""
    return authority.refusal(
        issuer_name=world.team_a.name, issuer_kind_name=world.team_a.kind.name, kind_name="Lao động tiên tiến", code="LDTT", day=DAY
    )


def _form(client, issuer, person, number):
    data = {
        "number": number,
        "decision_date": DAY.strftime("%d/%m/%Y"),
        "award_type": "annual",
        "school_year": "2025-2026",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-kind_code": "LĐTT",
        "lines-0-person": str(person.pk),
    }
    return client.post(reverse("awards:decision_create", kwargs={"pk": issuer.pk}), data)


def _api(user, issuer, person, number):
    body = {
        "number": number,
        "decision_date": DAY.isoformat(),
        "issuer": issuer.pk,
        "award_type": "annual",
        "school_year": "2025-2026",
        "awards": [{"kind": "LDTT", "person": person.pk}],
    }
    return ApiClient(user).post("/decisions/", body)


def _import(user, issuer, person, number, capture):
    row = [
        person.full_name,
        person.date_of_birth.strftime("%d/%m/%Y"),
        person.current_unit.code,
        "Lao động tiên tiến",
        "2025-2026",
        number,
        DAY.strftime("%d/%m/%Y"),
        issuer.code,
    ]
    with capture(execute=True):
        batch = import_services.import_create(actor=user, kind="awards", unit=person.current_unit, upload=upload(xlsx(HEADER, [row])))
    batch.refresh_from_db()
    if batch.status == ImportBatch.Status.VALIDATED:
        with capture(execute=True):
            import_services.import_commit_request(actor=user, batch=batch)
        batch.refresh_from_db()
    return batch


# -- accepted: school A's officer records school A's LĐTT ------------------------------------------------
def test_form_accepts_a_schools_ldtt_for_its_own_staff(client, world):
    client.force_login(world.officer_school_a)

    response = _form(client, world.school_a, world.colleague_a, "20/QĐ-THCSYT")

    decision = Decision.objects.get(number="20/QĐ-THCSYT")
    assert response.status_code == 302 and decision.issuer == world.school_a
    assert list(decision.awards.values_list("kind__code", "person")) == [("LDTT", world.colleague_a.pk)]


def test_api_accepts_a_schools_ldtt_for_its_own_staff(world):
    response = _api(world.officer_school_a, world.school_a, world.colleague_a, "21/QĐ-THCSYT")

    assert response.status_code == 201, response.json()
    assert [(a["kind"]["code"], a["person"]["id"]) for a in response.json()["awards"]] == [("LDTT", world.colleague_a.pk)]


def test_import_accepts_a_schools_ldtt_for_its_own_staff(world, django_capture_on_commit_callbacks):
    batch = _import(world.officer_school_a, world.school_a, world.colleague_a, "22/QĐ-THCSYT", django_capture_on_commit_callbacks)

    assert batch.status == ImportBatch.Status.COMMITTED, (batch.error, batch.report)
    assert Award.objects.filter(decision__number="22/QĐ-THCSYT", kind__code="LDTT", person=world.colleague_a).exists()


def test_the_form_tells_what_the_issuer_may_decide(client, world):
    client.force_login(world.officer_school_a)

    school = client.get(reverse("awards:decision_create", kwargs={"pk": world.school_a.pk})).content.decode()
    team = client.get(reverse("awards:decision_create", kwargs={"pk": world.team_a.pk})).content.decode()

    assert ">LĐTT</abbr>" in school and ">CSTĐCS</abbr>" in school and "BK Bộ/tỉnh" not in school
    assert "không có thẩm quyền quyết định danh hiệu, hình thức nào" in team


# -- refused: a team has no authority; one message on every path -------------------------------------
def test_form_refuses_an_issuer_without_authority_with_the_tables_message(client, world):
    client.force_login(world.officer_school_a)

    response = _form(client, world.team_a, world.colleague_a, "23/QĐ")

    assert response.status_code == 200 and escape(refusal(world)) in response.content.decode()
    assert not Decision.objects.filter(number="23/QĐ").exists()


def test_api_refuses_an_issuer_without_authority_with_the_tables_message(world):
    response = _api(world.officer_school_a, world.team_a, world.colleague_a, "24/QĐ")

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["message"]) == ("no_authority", f"Dòng 1: {refusal(world)}")
    assert not Decision.objects.filter(number="24/QĐ").exists()


def test_import_refuses_an_issuer_without_authority_with_the_tables_message(world, django_capture_on_commit_callbacks):
    batch = _import(world.officer_school_a, world.team_a, world.colleague_a, "25/QĐ", django_capture_on_commit_callbacks)

    assert batch.status == ImportBatch.Status.INVALID
    reasons = [e["reason"] for e in report_rows(batch)[0]["errors"]]
    assert refusal(world) in reasons, reasons
    assert not Decision.objects.filter(number="25/QĐ").exists()


@pytest.mark.parametrize("path", ["form", "api", "import"])
def test_a_school_cannot_record_the_provinces_bang_khen_on_any_path(client, world, django_capture_on_commit_callbacks, path):
    """The Chủ tịch UBND tỉnh's Bằng khen is filed by the Sở, never by a school."""
    message = authority.refusal(
        issuer_name=world.school_a.name,
        issuer_kind_name=world.school_a.kind.name,
        kind_name="Bằng khen cấp Bộ, tỉnh",
        code="BK_BO_TINH",
        day=DAY,
    )
    if path == "form":
        client.force_login(world.officer_school_a)
        data = {
            "number": "26/QĐ",
            "decision_date": DAY.strftime("%d/%m/%Y"),
            "award_type": "annual",
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-0-kind_code": "BK_BO_TINH",
            "lines-0-person": str(world.person_a.pk),
        }
        body = client.post(reverse("awards:decision_create", kwargs={"pk": world.school_a.pk}), data).content.decode()
        assert escape(message) in body
    elif path == "api":
        body = {
            "number": "26/QĐ",
            "decision_date": DAY.isoformat(),
            "issuer": world.school_a.pk,
            "award_type": "annual",
            "awards": [{"kind": "BK_BO_TINH", "person": world.person_a.pk}],
        }
        assert ApiClient(world.officer_school_a).post("/decisions/", body).json()["message"] == f"Dòng 1: {message}"
    else:
        row = [
            world.person_a.full_name,
            "12/05/1985",
            "THCS-YT",
            "Bằng khen Chủ tịch UBND tỉnh",
            "2025-2026",
            "26/QĐ",
            DAY.strftime("%d/%m/%Y"),
            "THCS-YT",
        ]
        with django_capture_on_commit_callbacks(execute=True):
            batch = import_services.import_create(
                actor=world.officer_school_a, kind="awards", unit=world.school_a, upload=upload(xlsx(HEADER, [row]))
            )
        batch.refresh_from_db()
        assert message in [e["reason"] for e in report_rows(batch)[0]["errors"]]
    assert not Decision.objects.filter(number="26/QĐ").exists()
