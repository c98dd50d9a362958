from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.awards.uploads import check_scan
from thidua.core.errors import DomainError

PDF = b"%PDF-1.7\n1 0 obj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("qd.pdf", PDF, "pdf"), ("qd.png", PNG, "png"), ("qd.jpg", JPEG, "jpeg"), ("QD SO 12.PDF", PDF, "pdf")],
)
def test_pdf_png_and_jpeg_scans_are_accepted(name, content, kind):
    upload = SimpleUploadedFile(name, content)

    assert check_scan(upload) == kind
    assert upload.read() == content  # the file is rewound for storage


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("qd.pdf", b"MZ\x90\x00\x03\x00 windows executable"),
        ("qd.pdf", b"<html><script>alert(1)</script>"),
        ("qd.jpg", PNG[:4]),
        ("qd.pdf", b""),
        ("qd.docx", b"PK\x03\x04 a zip"),
    ],
)
def test_a_file_that_is_not_a_pdf_or_image_is_refused_whatever_its_name(name, content):
    with pytest.raises(DomainError) as exc:
        check_scan(SimpleUploadedFile(name, content))

    assert (exc.value.code, exc.value.field) == ("invalid_file_type", "scan")
    assert "PDF" in exc.value.message


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.THIDUA_MAX_UPLOAD_MB = 1

    with pytest.raises(DomainError) as exc:
        check_scan(SimpleUploadedFile("qd.pdf", PDF + b"0" * (1024 * 1024)))

    assert exc.value.code == "file_too_large"
    assert "1 MB" in exc.value.message


def test_a_file_exactly_at_the_size_limit_is_accepted(settings):
    settings.THIDUA_MAX_UPLOAD_MB = 1

    assert check_scan(SimpleUploadedFile("qd.pdf", PDF + b"0" * (1024 * 1024 - len(PDF)))) == "pdf"
