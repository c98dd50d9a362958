"""The decision with its list: built from an awards.Decision for an actor who may open it, in both formats."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.test_access import commune_decision_about_school_a
from thidua.api.tests.conftest import ApiClient
from thidua.awards import services as award_services
from thidua.documents import decision as decision_document
from thidua.documents import selectors

from .helpers import docx_text, pdf_text


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def decision(world):
    """School A's decision: Giấy khen to two teachers and to its science team, signed by a deputy."""
    return award_services.decision_create(
        actor=world.admin,
        issuer=world.school_a,
        number="15/QĐ-THCSYT",
        decision_date=dt.date(2026, 5, 25),
        award_type="annual",
        awards=[
            award_services.AwardSpec(kind_code="GK", person=world.colleague_a),
            award_services.AwardSpec(kind_code="GK", person=world.person_a),
            award_services.AwardSpec(kind_code="GK_TT", unit=world.team_a),
        ],
        title="Khen thưởng giáo viên năm học 2025-2026",
        signer_title="Phó Hiệu trưởng",
        signer_name="Vũ Thị Lưỡng",
    )


def test_the_data_lists_every_line_with_its_unit(world, decision):
    _decision, data = selectors.decision_document(actor=world.officer_school_a, decision_id=decision.pk)

    rows = [r for s in data["sections"] for r in s["rows"]]
    assert {r["name"] for r in rows} == {"Trần Văn Đức", "Nguyễn Thị Hoà", "Tổ Khoa học tự nhiên"}
    assert data["issuer"] == "Trường THCS Yên Tiến" and data["parent"] == "UBND xã Yên Tiến"
    assert data["number"] == "15/QĐ-THCSYT"


def test_the_data_takes_a_fixed_number_of_queries(world, decision, django_assert_num_queries):
    from tests.factories import make_person
    from thidua.awards.models import Award

    kind = decision.awards.first().kind
    for i in range(20):
        person = make_person(name=f"Giáo viên {i}", unit=world.school_a)
        Award.objects.create(decision=decision, kind=kind, person=person, recipient_unit=world.school_a)
    with django_assert_num_queries(4):  # scope, decision, its issuer's parent, the lines
        selectors.decision_document(actor=world.officer_school_a, decision_id=decision.pk)


def test_docx_holds_the_decision_and_its_list(world, decision):
    _decision, data = selectors.decision_document(actor=world.admin, decision_id=decision.pk)
    text = docx_text(decision_document.docx(data))

    for expected in [
        "UBND XÃ YÊN TIẾN",
        "TRƯỜNG THCS YÊN TIẾN",
        "Số: 15/QĐ-THCSYT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "ngày 25 tháng 5 năm 2026",
        "QUYẾT ĐỊNH",
        "Về việc khen thưởng giáo viên năm học 2025-2026",
        "HIỆU TRƯỞNG TRƯỜNG THCS YÊN TIẾN",
        "Điều 1. Khen thưởng 03 tập thể, cá nhân (có danh sách kèm theo), cụ thể:",
        "KT. HIỆU TRƯỞNG",
        "PHÓ HIỆU TRƯỞNG",
        "Vũ Thị Lưỡng",
        "(Kèm theo Quyết định số 15/QĐ-THCSYT ngày 25 tháng 5 năm 2026 của Hiệu trưởng Trường THCS Yên Tiến)",
        "Trần Văn Đức",
        "Tổ Khoa học tự nhiên",
    ]:
        assert expected in text, expected


def test_pdf_holds_the_decision_and_its_list(world, decision):
    _decision, data = selectors.decision_document(actor=world.admin, decision_id=decision.pk)
    text = _flat(pdf_text(decision_document.pdf(data)))

    for expected in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hạnh phúc", "KT. HIỆU TRƯỞNG", "Vũ Thị Lưỡng", "Nguyễn Thị Hoà", "DANH SÁCH"]:
        assert expected in text, expected


@pytest.mark.parametrize(("name", "magic"), [("documents:decision_docx", b"PK"), ("documents:decision_pdf", b"%PDF-")])
def test_the_pages_serve_the_files_to_a_reader(client, world, decision, name, magic):
    client.force_login(world.council_a)
    response = client.get(reverse(name, kwargs={"pk": decision.pk}))

    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert response["Content-Disposition"].startswith('attachment; filename="quyet-dinh-')
    assert response["Cache-Control"] == "private, no-store"


def test_the_decision_page_links_to_both_files(client, world, decision):
    client.force_login(world.officer_school_a)
    body = client.get(reverse("awards:decision_detail", kwargs={"pk": decision.pk})).content.decode()

    assert reverse("documents:decision_docx", kwargs={"pk": decision.pk}) in body
    assert reverse("documents:decision_pdf", kwargs={"pk": decision.pk}) in body


def test_officer_of_sibling_school_gets_404(client, world, decision):
    client.force_login(world.officer_school_b)
    assert client.get(reverse("documents:decision_pdf", kwargs={"pk": decision.pk})).status_code == 404


def test_a_reader_through_a_recipient_gets_the_whole_paper(world):
    """The commune's decision about A's teacher opens for A's officer; the paper lists every line (like the scan)."""
    decision = commune_decision_about_school_a(world)
    award_services.decision_amend(
        actor=world.admin,
        decision=decision,
        number="41/QĐ-UBND",
        amendment_date=dt.date(2026, 5, 26),
        reason="Bổ sung",
        remove_awards=[],
        add_awards=[award_services.AwardSpec(kind_code="LDTT", person=world.person_b)],
        header={},
    )
    _decision, data = selectors.decision_document(actor=world.officer_school_a, decision_id=decision.pk)

    assert {r["name"] for s in data["sections"] for r in s["rows"]} == {"Trần Văn Đức", "Lê Thị Bích"}


@pytest.mark.parametrize(("fmt", "content_type"), [("docx", "application/vnd.openxmlformats"), ("pdf", "application/pdf")])
def test_the_api_serves_the_files(world, decision, fmt, content_type):
    response = ApiClient(world.officer_school_a).get(f"/decisions/{decision.pk}/documents/decision.{fmt}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)


def test_the_api_answers_404_outside_the_scope(world, decision):
    response = ApiClient(world.officer_school_b).get(f"/decisions/{decision.pk}/documents/decision.pdf")

    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_every_line_of_the_decision_docx_is_in_its_pdf(world, decision):
    """The two templates cannot drift: every paragraph of the DOCX body and of its header and footer is in the PDF."""
    import io

    import docx

    _decision, data = selectors.decision_document(actor=world.admin, decision_id=decision.pk)
    pdf = _flat(pdf_text(decision_document.pdf(data)))
    document = docx.Document(io.BytesIO(decision_document.docx(data)))
    frames = [t for t in document.tables if t.style is None or t.style.name != "Table Grid"]
    lines = [" ".join(p.text.split()) for p in document.paragraphs]
    lines += [" ".join(p.text.split()) for t in frames for cell in t._cells for p in cell.paragraphs]

    assert [line for line in lines if line and line not in pdf] == []
