"""The registration list in both formats: texts intact, escaped, in the checked fonts, nothing fetched."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.documents import registration_list, registry
from thidua.documents.pdf import LocalFetcher, RefusedURL, html_to_pdf

from .helpers import docx_text, pdf_fonts, pdf_text


def registration(**overrides) -> dict:
    data = {
        "issuer": "Trường THCS Nguyễn Trãi",
        "parent": "UBND xã Yên Phong",
        "place": "Bắc Ninh",
        "date": dt.date(2025, 9, 5),
        "school_year": "2025-2026",
        "movement": "Đổi mới, sáng tạo trong dạy và học",
        "individuals": [
            {
                "order": 1,
                "full_name": "Trương Thị Mỹ Hậu",
                "position": "Giáo viên",
                "emulation_titles": ["Lao động tiên tiến"],
                "commendations": ["Giấy khen"],
                "commitments": ["Dạy tốt"],
            },
            {
                "order": 2,
                "full_name": "Lê Văn <b>&",
                "position": "Tổ trưởng",
                "emulation_titles": ["Chiến sĩ thi đua cơ sở"],
                "commendations": [],
                "commitments": [],
            },
        ],
        "collectives": [
            {
                "order": 1,
                "name": "Tổ Toán - Tin",
                "emulation_titles": ["Tập thể lao động tiên tiến"],
                "commendations": [],
                "commitments": [],
            }
        ],
    }
    return {**data, **overrides}


EXPECTED = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "UBND XÃ YÊN PHONG",
    "TRƯỜNG THCS NGUYỄN TRÃI",
    "Bắc Ninh, ngày 05 tháng 9 năm 2025",
    "BẢN ĐĂNG KÝ THI ĐUA NĂM HỌC 2025-2026",
    "Căn cứ phong trào thi đua “Đổi mới, sáng tạo trong dạy và học”;",
    "Trương Thị Mỹ Hậu",
    "Lao động tiên tiến",
    "Tổ Toán - Tin",
    "Tập thể lao động tiên tiến",
    "Nơi nhận:",
    "- Lưu: VT.",
    "THỦ TRƯỞNG ĐƠN VỊ",
]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    data = registration()
    return {"docx": registration_list.docx(data), "pdf": registration_list.pdf(data)}


def test_docx_opens_and_holds_every_text(files):
    text = docx_text(files["docx"])
    for expected in [*EXPECTED, "STT", "Họ và tên", "Chức vụ", "Danh hiệu thi đua", "Hình thức khen thưởng", "Cam kết"]:
        assert expected in text, expected


def test_pdf_text_keeps_the_vietnamese_letters(files):
    text = _flat(pdf_text(files["pdf"]))
    for expected in EXPECTED:
        assert expected in text, expected


def test_a_name_with_markup_comes_out_as_text_in_docx(files):
    assert "Lê Văn <b>&" in docx_text(files["docx"])


def test_a_name_with_markup_comes_out_as_text_in_pdf(files):
    assert "Lê Văn <b>&" in _flat(pdf_text(files["pdf"]))


def test_pdf_embeds_only_the_checked_serif_faces(files):
    fonts = pdf_fonts(files["pdf"])
    assert fonts
    for row in fonts:
        name = row[0].split("+", 1)[-1]
        assert name.startswith(("Times-New-Roman", "LiberationSerif", "Liberation-Serif", "Tinos")), row
        assert "DejaVu" not in name
        assert row[-5] == "yes", row  # emb


def test_the_registry_renders_the_same_document():
    assert registry.render("registration_list", registration(), "docx")[:2] == b"PK"
    assert registry.render("registration_list", registration(), "pdf")[:5] == b"%PDF-"


def test_an_empty_place_and_no_collectives_still_render():
    data = registration(place="", collectives=[], date=dt.date(2026, 2, 3))
    assert "……………, ngày 03 tháng 02 năm 2026" in docx_text(registration_list.docx(data))


@pytest.mark.parametrize(
    "url", ["http://example.com/logo.png", "https://example.com/a.css", "ftp://example.com/x", "data:text/plain,x", "file:///etc/passwd"]
)
def test_the_fetcher_refuses_anything_but_the_font_files(url):
    with pytest.raises(RefusedURL):
        LocalFetcher().fetch(url)


def test_the_fetcher_reads_a_font_file():
    from thidua.documents import fonts

    path = fonts.faces()[0][3]
    response = LocalFetcher().fetch(path.as_uri())
    try:
        assert response.read(4) in (b"\x00\x01\x00\x00", b"true", b"OTTO")
    finally:
        response.close()


def test_a_remote_image_in_the_html_is_not_fetched(monkeypatch):
    import socket

    from thidua.documents import pdf

    attempts, refused = [], []
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: attempts.append(address))
    original = pdf.LocalFetcher.fetch

    def watched(self, url, headers=None):
        try:
            return original(self, url, headers)
        except RefusedURL:
            refused.append(url)
            raise

    monkeypatch.setattr(pdf.LocalFetcher, "fetch", watched)
    content = html_to_pdf('<p>Hạnh phúc</p><img src="http://example.com/x.png"><link rel="stylesheet" href="https://example.com/x.css">')

    assert "Hạnh phúc" in pdf_text(content)
    assert attempts == []
    assert "http://example.com/x.png" in refused


def test_the_command_writes_every_template(tmp_path):
    from django.core.management import call_command

    call_command("document_templates", out=str(tmp_path))

    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "achievement_report.docx",
        "ballot_paper.docx",
        "decision.docx",
        "minutes.docx",
        "nominee_list.docx",
        "registration_list.docx",
        "submission.docx",
        "vote_count.docx",
    ]
    assert "{{ h.quoc_hieu }}" in docx_text((tmp_path / "decision.docx").read_bytes())


def test_docx_numbers_pages_from_the_second():
    import io

    import docx

    section = docx.Document(io.BytesIO(registration_list.docx(registration()))).sections[0]
    assert section.different_first_page_header_footer
    assert 'w:instr="PAGE"' in section.header._element.xml


def test_every_line_of_the_docx_is_in_the_pdf(files):
    """The two templates cannot drift: each text of the DOCX body is in the PDF (tables aside: cells wrap)."""
    import io

    import docx

    pdf = _flat(pdf_text(files["pdf"]))
    document = docx.Document(io.BytesIO(files["docx"]))
    lines = [" ".join(p.text.split()) for p in document.paragraphs]
    lines += [" ".join(p.text.split()) for t in (document.tables[0], document.tables[-1]) for cell in t._cells for p in cell.paragraphs]
    missing = [line for line in lines if line and line not in pdf]
    assert missing == []
