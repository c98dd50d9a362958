"""The council's papers from a session: ballot paper, minutes, vote-count report — DOCX and PDF, scoped."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.api.tests.conftest import ApiClient
from thidua.councils import ballots, services
from thidua.councils.tests.factories import cast_all, make_council, open_session
from thidua.documents import council_selectors, registry

from .helpers import docx_text, pdf_text

pytestmark = pytest.mark.django_db


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def session(world):
    """School A's nine-member council: one absent, one in writing; CSTĐCS passed 7 + 1 written of 9 → 8/9; LĐTT open."""
    board = make_council(world, size=9)
    session = open_session(world, board, absent=1, written=1)
    cstdcs = services.item_add(actor=world.admin, session=session, kind_code="CSTDCS", person=world.colleague_a, lower_codes=["LDTT"])
    services.item_add(actor=world.admin, session=session, kind_code="LDTT", person=world.person_a)
    vote = ballots.written_vote_enter(actor=world.admin, session=session, member=board.members[-1], choices={cstdcs.pk: "agree"},
                                      scan=__import__("thidua.councils.tests.factories", fromlist=["pdf"]).pdf())  # fmt: skip
    ballots.written_vote_confirm(actor=board.users[0], vote=vote)
    cast_all(board, cstdcs, ["agree"] * 6 + ["lower:LDTT"] + [])  # seven present: 6 agree, 1 lower
    ballots.item_tally(actor=world.admin, item=cstdcs)
    return session


def test_the_vote_count_report_has_the_exact_counts_the_threshold_and_the_total(world, session):
    _s, data = council_selectors.session_document(actor=world.officer_school_a, session_id=session.pk, kind="vote_count")
    first = data["items"][0]
    assert data["total_members"] == 9 and (data["present"], data["written"], data["absent"]) == (7, 1, 1)
    assert first["support"] == "CSTĐCS: 7/9 (77,8%); LĐTT: 8/9 (88,9%)"  # 6 agree + 1 written: CSTĐCS needs 8; LĐTT 7 + 1
    assert "Đồng ý đề nghị CSTĐCS: 7" in first["counts"] and "LĐTT: 1" in first["counts"] and "Không đồng ý: 0" in first["counts"]
    assert "từ 80% tổng số thành viên trở lên (ít nhất 8/9 phiếu)" in first["threshold"]
    assert first["result"] == "Đạt ở danh hiệu thấp hơn: LĐTT"
    assert data["items"][1]["result"] == "Chưa kiểm phiếu"

    for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
        text = _flat(read(registry.render("vote_count", data, fmt)))
        assert "BIÊN BẢN KIỂM PHIẾU" in text, fmt
        assert "Tổng số thành viên Hội đồng: 9" in text and "7/9" in text and "(77,8%)" in text and "8/9" in text, fmt
        assert "ít nhất 8/9 phiếu" in text, fmt
        assert "Đạt ở danh hiệu thấp hơn: LĐTT" in text and "Nguyễn Thị Hoà" in text, fmt
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "TRƯỜNG THCS YÊN TIẾN" in text, fmt


def test_the_minutes_list_the_attendance_items_and_results(world, session):
    _s, data = council_selectors.session_document(actor=world.officer_school_a, session_id=session.pk, kind="minutes")
    for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
        text = _flat(read(registry.render("minutes", data, fmt)))
        assert "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG" in text, fmt
        assert "gồm 9 thành viên biểu quyết; có mặt 7, vắng mặt có ý kiến bằng văn bản 1, vắng mặt 1" in text, fmt
        assert "Thành viên Số 01" in text and "Chủ tịch Hội đồng" in text and "Vắng mặt, có ý kiến bằng văn bản" in text, fmt
        assert "Đạt ở danh hiệu thấp hơn: LĐTT" in text and "Chưa kiểm phiếu" in text, fmt
        assert "THƯ KÝ HỘI ĐỒNG" in text and "CHỦ TỊCH HỘI ĐỒNG" in text, fmt


def test_the_ballot_paper_lists_the_items_and_no_result(world, session):
    _s, data = council_selectors.session_document(actor=world.council_a, session_id=session.pk, kind="ballot_paper")
    for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
        text = _flat(read(registry.render("ballot_paper", data, fmt)))
        assert "PHIẾU BẦU" in text and "Nguyễn Thị Hoà" in text and "CSTĐCS" in text, fmt
        assert "Đồng ý ở danh hiệu thấp hơn" in text and "77,8" not in text, fmt


def test_pages_and_api_serve_the_papers_to_readers_only(client, world, session):
    for kind in council_selectors.KINDS:
        for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF")):
            url = reverse(f"documents:session_{kind}_{fmt}", kwargs={"pk": session.pk})
            client.force_login(world.officer_school_a)
            response = client.get(url)
            assert response.status_code == 200 and response.content.startswith(magic), url
            assert response["Content-Disposition"].endswith(f'-{session.pk}.{fmt}"')
            client.force_login(world.officer_school_b)
            assert client.get(url).status_code == 404
    api = f"/councils/sessions/{session.pk}/documents/vote_count.pdf"
    response = ApiClient(world.council_a).get(api)
    assert response.status_code == 200 and "(77,8%)" in _flat(pdf_text(response.content))
    assert ApiClient(world.officer_school_b).get(api).status_code == 404
    assert ApiClient(world.teacher_a).get(api).status_code == 404


def test_names_are_escaped_in_both_formats(world, session):
    _s, data = council_selectors.session_document(actor=world.admin, session_id=session.pk, kind="minutes")
    data["items"][0]["subject"] = "Tổ Toán & <Tin>"
    assert "Tổ Toán & <Tin>" in _flat(docx_text(registry.render("minutes", data, "docx")))
    assert "Tổ Toán & <Tin>" in _flat(pdf_text(registry.render("minutes", data, "pdf")))
