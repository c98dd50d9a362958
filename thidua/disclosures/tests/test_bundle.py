"""The bundle: a background task (immediate in tests) builds the zip of Word files and one PDF, keeps both with
their SHA-256, and reports progress; the page and the API show it."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from django.urls import reverse

from tests.factories_nominations import line_of_teacher_a
from thidua.api.tests.conftest import ApiClient
from thidua.audit.models import AuditEvent
from thidua.core.errors import PermissionDenied
from thidua.disclosures import bundle as bundles
from thidua.disclosures.models import PaperBundle
from thidua.documents.tests.helpers import pdf_text

pytestmark = pytest.mark.django_db(transaction=True)  # the task starts after the commit


def test_the_bundle_is_built_kept_and_hashed(world):
    line = line_of_teacher_a(world)
    requested = bundles.bundle_request(actor=world.officer_school_a, round_=line.round)
    b = PaperBundle.objects.select_related("zip_document", "pdf_document").get(pk=requested.pk)
    assert b.state == "finished" and b.done == b.total == 5 and b.pages >= 3
    with zipfile.ZipFile(io.BytesIO(b.zip_document.file.read())) as z:
        names = z.namelist()
    assert names == ["01-to-trinh.docx", "02-danh-sach-trich-ngang.docx", f"03-bao-cao-thanh-tich-{line.pk}.docx"]
    content = b.pdf_document.file.read()
    assert hashlib.sha256(content).hexdigest() == b.pdf_document.sha256
    text = " ".join(pdf_text(content).split())
    assert "TỜ TRÌNH" in text and "DANH SÁCH TRÍCH NGANG" in text and "BÁO CÁO THÀNH TÍCH" in text and "Nguyễn Thị Hoà" in text
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"paper_bundle.requested", "paper_bundle.built", "document.kept"} <= verbs


def test_only_the_units_writers_request_a_bundle(world):
    line = line_of_teacher_a(world)
    with pytest.raises(PermissionDenied):
        bundles.bundle_request(actor=world.council_a, round_=line.round)
    assert not PaperBundle.objects.exists()


def test_page_and_api(client, world):
    line = line_of_teacher_a(world)
    client.force_login(world.officer_school_a)
    response = client.post(reverse("disclosures:bundle_start", kwargs={"pk": line.round_id}))
    b = PaperBundle.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("disclosures:bundle", kwargs={"pk": b.pk})
    page = client.get(response["Location"]).content.decode()
    assert "Đã lập xong" in page and "hx-get" not in page
    assert client.get(reverse("disclosures:bundle_file", kwargs={"pk": b.pk, "fmt": "pdf"})).content.startswith(b"%PDF")
    client.force_login(world.officer_school_b)
    assert client.get(reverse("disclosures:bundle", kwargs={"pk": b.pk})).status_code == 404
    api = ApiClient(world.officer_school_a)
    started = api.post(f"/review-rounds/{line.round_id}/documents/bundle")
    assert started.status_code == 202
    status = api.get(f"/paper-bundles/{started.json()['id']}").json()
    assert status["state"] == "finished" and len(status["pdf_sha256"]) == 64
