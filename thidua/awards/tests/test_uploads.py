from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories_awards import tiny_image, tiny_pdf
from thidua.awards.uploads import check_scan
from thidua.core.errors import DomainError

PDF = tiny_pdf()
PNG = tiny_image("PNG")
JPEG = tiny_image("JPEG")


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


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("qd.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG"),  # the probe's 72-byte "PNG"
        ("qd.png", PNG[: len(PNG) // 2], "PNG"),  # cut off half-way
        ("qd.png", PNG[:-12], "PNG"),  # no IEND chunk
        ("qd.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "JPEG"),
        ("qd.jpg", JPEG[: len(JPEG) // 2], "JPEG"),
        ("qd.pdf", b"%PDF-1.7\n1 0 obj\n", "PDF"),  # a header and nothing else
        ("qd.pdf", PDF[: len(PDF) // 2], "PDF"),  # truncated
        ("qd.pdf", PDF[:-20], "PDF"),  # the cross-reference pointer and %%EOF cut off
        ("qd.pdf", b"%PDF-1.4\n" + b"\x00" * 64, "PDF"),
    ],
)
def test_a_file_with_the_right_first_bytes_that_does_not_open_is_refused(name, content, kind):
    with pytest.raises(DomainError) as exc:
        check_scan(SimpleUploadedFile(name, content))

    assert (exc.value.code, exc.value.field) == ("unreadable_file", "scan")
    assert f"Tệp {kind} bị hỏng hoặc không đọc được" in exc.value.message


def test_an_image_with_a_png_signature_but_another_content_is_refused():
    """A GIF (or anything else Pillow opens) behind a PNG signature is not the PNG it claims to be."""
    gif = tiny_image("GIF")
    with pytest.raises(DomainError) as exc:
        check_scan(SimpleUploadedFile("qd.png", b"\x89PNG\r\n\x1a\n" + gif))
    assert exc.value.code == "unreadable_file"


def test_a_decompression_bomb_is_refused(monkeypatch):
    from thidua.awards import uploads

    monkeypatch.setattr(uploads, "MAX_PIXELS", 63)  # an 8x8 image is "too large" here
    with pytest.raises(DomainError) as exc:
        check_scan(SimpleUploadedFile("qd.png", PNG))
    assert exc.value.code == "image_too_large"


def test_a_multi_page_pdf_is_accepted():
    assert check_scan(SimpleUploadedFile("qd.pdf", tiny_pdf(pages=3))) == "pdf"


def test_a_password_protected_pdf_is_refused_with_its_own_message():
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF)))
    writer.encrypt(user_password="mat-khau", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(DomainError) as exc:
        check_scan(SimpleUploadedFile("qd.pdf", out.getvalue()))
    assert exc.value.code == "encrypted_file" and "mật khẩu" in exc.value.message


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.THIDUA_MAX_UPLOAD_MB = 1

    with pytest.raises(DomainError) as exc:
        check_scan(SimpleUploadedFile("qd.pdf", PDF + b"0" * (1024 * 1024)))

    assert exc.value.code == "file_too_large"
    assert "1 MB" in exc.value.message


def test_a_file_exactly_at_the_size_limit_is_accepted(settings):
    settings.THIDUA_MAX_UPLOAD_MB = 1

    assert check_scan(SimpleUploadedFile("qd.pdf", PDF + b"0" * (1024 * 1024 - len(PDF)))) == "pdf"
