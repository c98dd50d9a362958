"""The round's papers: built from the round's lines and the ledger, opened by python-docx, read back from the PDF
by pdftotext with the Vietnamese text intact; pages and API answer as the round's access."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories_nominations import line_of_teacher_a, year
from thidua.api.tests.conftest import ApiClient
from thidua.awards import services as award_services
from thidua.awards.models import InitiativeRecord
from thidua.documents import registry, round_papers
from thidua.documents.tests.helpers import docx_text, pdf_text
from thidua.people.models import AnnualRating, Person

pytestmark = pytest.mark.django_db


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def line(world):
    person = world.person_a
    Person.objects.filter(pk=person.pk).update(date_of_birth=dt.date(1985, 3, 14), current_position="Tổ trưởng chuyên môn")
    AnnualRating.objects.create(person=person, school_year=year("2024-2025"), rating="excellent", unit=world.school_a)
    award_services.decision_create(
        actor=world.admin, issuer=world.school_a, number="12/QĐ-THCSYT", decision_date=dt.date(2025, 5, 28), award_type="annual",
        awards=[award_services.AwardSpec(kind_code="LDTT", person=person)], school_year=year("2024-2025"),
        title="Công nhận danh hiệu Lao động tiên tiến",
    )  # fmt: skip
    initiative = InitiativeRecord.objects.create(title="Dạy học STEM với đồ dùng tự làm", school_year=year("2024-2025"), scope="unit",
                                                 unit=world.school_a, decision_number="20/QĐ-THCSYT", decision_date=dt.date(2025, 6, 2))  # fmt: skip
    initiative.authors.add(person)
    return line_of_teacher_a(world)


def test_submission_counts_titles_with_its_bases(world, line):
    data = round_papers.submission_data(line.round)
    assert data["counts"] == [{"kind": "Lao động tiên tiến", "people": 1, "units": 0}]
    assert data["receivers"] and data["issuer"] == "Trường THCS Yên Tiến"
    word = _flat(docx_text(registry.render("submission", data, "docx")))
    text = _flat(pdf_text(registry.render("submission", data, "pdf")))
    for t in (word, text):
        assert "TỜ TRÌNH" in t and "Về việc đề nghị khen thưởng năm học 2025-2026" in t
        assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in t and "Lao động tiên tiến" in t
        assert "01 cá nhân" in t and "TRƯỜNG THCS YÊN TIẾN" in t and "Số: " in t and "/TTr-THCSYT" in t


def test_nominee_list_has_one_row_per_nominee_with_the_ledger_summary(world, line):
    data = round_papers.nominee_list_data(line.round)
    (row,) = data["rows"]
    assert row["birth_year"] == 1985 and row["position"] == "Tổ trưởng chuyên môn" and row["title"] == "Lao động tiên tiến"
    assert "Hoàn thành xuất sắc nhiệm vụ" in row["summary"] and "LĐTT 2024-2025" in row["summary"] and "1 sáng kiến" in row["summary"]
    for content in (docx_text(registry.render("nominee_list", data, "docx")), pdf_text(registry.render("nominee_list", data, "pdf"))):
        t = _flat(content)
        assert "DANH SÁCH TRÍCH NGANG" in t and "Nguyễn Thị Hoà" in t and "1985" in t and "Tổ trưởng chuyên môn" in t


def test_achievement_report_is_prefilled_from_the_ledger(world, line):
    data = round_papers.achievement_report_data(line)
    assert data["awards"][0]["decision"] == "12/QĐ-THCSYT ngày 28/05/2025"
    assert data["initiatives"][0]["title"] == "Dạy học STEM với đồ dùng tự làm"
    for content in (
        docx_text(registry.render("achievement_report", data, "docx")),
        pdf_text(registry.render("achievement_report", data, "pdf")),
    ):
        t = _flat(content)
        assert "BÁO CÁO THÀNH TÍCH" in t and "Đề nghị tặng Lao động tiên tiến năm học 2025-2026" in t
        assert "Ngày, tháng, năm sinh: 14/03/1985" in t and "12/QĐ-THCSYT ngày 28/05/2025" in t
        assert "Dạy học STEM với đồ dùng tự làm" in t and "Hoàn thành xuất sắc nhiệm vụ" in t and "Nguyễn Thị Hoà" in t


def test_names_with_markup_survive_in_word(world, line):
    data = round_papers.nominee_list_data(line.round)
    data["rows"][0]["name"] = "A & <B>"
    assert "A & <B>" in docx_text(registry.render("nominee_list", data, "docx"))


def test_pages_serve_the_papers_to_readers_only(client, world, line):
    url = reverse("disclosures:round_paper", kwargs={"pk": line.round_id, "kind": "submission", "fmt": "docx"})
    client.force_login(world.officer_school_b)
    assert client.get(url).status_code == 404
    client.force_login(world.officer_school_a)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert client.get(reverse("disclosures:papers", kwargs={"pk": line.round_id})).status_code == 200
    report = reverse("disclosures:line_report", kwargs={"pk": line.pk, "fmt": "pdf"})
    client.force_login(world.teacher_a)  # the nominee completes her own report
    assert client.get(report).content.startswith(b"%PDF")
    assert client.get(url).status_code == 404


def test_api_serves_each_paper(world, line):
    api = ApiClient(world.officer_school_a)
    for kind in ("submission", "nominee_list"):
        for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF")):
            response = api.get(f"/review-rounds/{line.round_id}/documents/{kind}.{fmt}")
            assert response.status_code == 200 and response.content.startswith(magic), (kind, fmt)
    assert api.get(f"/nomination-lines/{line.pk}/documents/achievement_report.docx").content.startswith(b"PK")
    assert ApiClient(world.officer_school_b).get(f"/review-rounds/{line.round_id}/documents/submission.pdf").status_code == 404
