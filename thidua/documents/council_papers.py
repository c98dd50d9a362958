"""The council's papers from a session (NĐ 30 layout): the ballot paper (phiếu bầu), the minutes (biên bản họp)
and the vote-count report (biên bản kiểm phiếu).

Input is the plain dict of ``council_selectors.session_document`` (its ``paper`` key names which of the three)::

    {"paper": "ballot_paper" | "minutes" | "vote_count", "issuer", "parent", "place", "date", "school_year",
     "council_decision", "council_decision_date", "held_on", "session_place", "mode", "total_members",
     "present", "written", "absent", "members": [{"order", "name", "role", "status"}],
     "items": [{"order", "subject", "title", "lower", "threshold", "recused", "tallied", "counts", "ballots",
                "support", "result", "paper"}], "chair", "secretary"}

The vote-count report prints the tallies' exact figures (ballots per option, support over the **total
membership**, the threshold and the votes it needs); no paper says who voted what.
"""

from __future__ import annotations

from . import docx as docx_engine
from . import layout
from . import pdf as pdf_engine

TITLES = {
    "ballot_paper": "Phiếu bầu",
    "minutes": "Biên bản họp Hội đồng Thi đua – Khen thưởng",
    "vote_count": "Biên bản kiểm phiếu",
}
BALLOT_HEADERS = ["STT", "Họ và tên, tên tập thể", "Danh hiệu đề nghị", "Đồng ý", "Không đồng ý", "Đồng ý ở danh hiệu thấp hơn"]
MEMBER_HEADERS = ["STT", "Họ và tên", "Chức danh trong Hội đồng", "Tình trạng"]
RESULT_HEADERS = ["STT", "Họ và tên, tên tập thể", "Danh hiệu đề nghị", "Kết quả", "Số phiếu đồng ý / tổng số thành viên"]
COUNT_HEADERS = [
    "STT",
    "Họ và tên, tên tập thể",
    "Danh hiệu đề nghị",
    "Số phiếu theo phương án",
    "Tỷ lệ đồng ý",
    "Tỷ lệ cần đạt",
    "Kết quả",
]


def context(data: dict) -> dict:
    paper = data["paper"]
    year = layout.nfc(data["school_year"])
    issuer = layout.nfc(data["issuer"])
    council = f"Hội đồng Thi đua – Khen thưởng {issuer}"
    decision = layout.nfc(data.get("council_decision"))
    founded = f"Quyết định số {decision} {layout.date_text(data.get('council_decision_date'))}" if decision else ""
    held = layout.date_text(data.get("held_on"))
    where = layout.nfc(data.get("session_place")) or issuer
    total = data["total_members"]
    items = [{k: layout.nfc(str(v)) if isinstance(v, str) else v for k, v in item.items()} for item in data.get("items") or ()]
    members = [{k: layout.nfc(v) if isinstance(v, str) else v for k, v in m.items()} for m in data.get("members") or ()]
    number = "" if paper == "ballot_paper" else f"Số: {layout.BLANK_NUMBER}/BB-HĐTĐKT"
    ctx = {
        "h": layout.header(
            parent=data.get("parent", ""), issuer=issuer, place=data.get("place") or "", day=data.get("date"), number=number
        ),
        "title": layout.upper(TITLES[paper]),
        "subtitle": f"Xét thi đua, khen thưởng năm học {year}",
        "bases": [],
        "items": items,
        "members": members,
        "recipients": layout.Recipients(items=("Thành viên Hội đồng",)).lines,
        "chair_title": "CHỦ TỊCH HỘI ĐỒNG",
        "chair": layout.nfc(data.get("chair")),
        "secretary_title": "THƯ KÝ HỘI ĐỒNG" if paper == "minutes" else "TỔ KIỂM PHIẾU",
        "secretary": layout.nfc(data.get("secretary")) if paper == "minutes" else "",
        "ballot_headers": BALLOT_HEADERS,
        "member_headers": MEMBER_HEADERS,
        "result_headers": RESULT_HEADERS,
        "count_headers": COUNT_HEADERS,
    }
    if paper == "ballot_paper":
        ctx["intro"] = [
            f"Phiên họp {council} {held}.",
            "Đánh dấu X vào một ô cho mỗi người, mỗi tập thể; ở cột “Đồng ý ở danh hiệu thấp hơn” ghi rõ danh hiệu được chọn "
            "trong các danh hiệu đã nêu. Phiếu đánh dấu nhiều hơn một phương án cho cùng một dòng không hợp lệ ở dòng đó.",
        ]
    elif paper == "minutes":
        ctx["intro"] = [
            f"Thời gian: {held}. Địa điểm: {where}. Hình thức biểu quyết: {layout.nfc(data.get('mode')).lower()}.",
            f"Thành phần: {council}" + (f", thành lập theo {founded}" if founded else "") +
            f", gồm {total} thành viên biểu quyết; có mặt {data['present']}, vắng mặt có ý kiến bằng văn bản {data['written']}, "
            f"vắng mặt {data['absent']}.",
            f"Chủ trì: {layout.nfc(data.get('chair')) or '……'}, Chủ tịch Hội đồng. Thư ký: {layout.nfc(data.get('secretary')) or '……'}.",
            f"Nội dung: Hội đồng xét {len(items)} đề nghị khen thưởng năm học {year}; tỷ lệ biểu quyết tính trên tổng số "
            f"{total} thành viên Hội đồng. Kết quả như sau:",
        ]  # fmt: skip
        ctx["closing"] = "Biên bản được thông qua trước Hội đồng và lập thành hai bản."
    else:
        ctx["intro"] = [
            f"Phiên họp {council} {held}" + (f" ({founded})" if founded else "") + ".",
            f"Tổng số thành viên Hội đồng: {total}. Có mặt: {data['present']}; vắng mặt có ý kiến bằng văn bản: {data['written']}; "
            f"vắng mặt: {data['absent']}. Hình thức biểu quyết: {layout.nfc(data.get('mode')).lower()}.",
            f"Tỷ lệ đồng ý tính trên tổng số {total} thành viên Hội đồng, không tính trên số thành viên có mặt. "
            "Kết quả kiểm phiếu từng đề nghị như sau:",
        ]
        ctx["closing"] = "Biên bản kiểm phiếu lập xong, đọc trước Hội đồng và được Hội đồng thông qua."
    return ctx


def _signatures(e, doc) -> None:
    """Two signature blocks: the secretary (or the counting board) left, the chair right."""
    e.para(doc, "", space_after=6)
    left, right = e.two_columns(doc, left=0.5)
    e.para(left, "{{ secretary_title }}", align=e.CENTER, bold=True)
    e.para(left, "(Ký, ghi rõ họ tên)", align=e.CENTER, italic=True, size=13)
    e.para(right, "{{ chair_title }}", align=e.CENTER, bold=True)
    e.para(right, "(Ký, ghi rõ họ tên)", align=e.CENTER, italic=True, size=13)
    for _ in range(4):
        e.para(left, "")
        e.para(right, "")
    e.para(left, "{{ secretary }}", align=e.CENTER, bold=True)
    e.para(right, "{{ chair }}", align=e.CENTER, bold=True)


def _frame(e, doc) -> None:
    e.header(doc)
    e.title(doc)
    e.tag(doc, "{%p for line in intro %}")
    e.para(doc, "{{ line }}", align=e.JUSTIFY, indent=True, space_after=6)
    e.tag(doc, "{%p endfor %}")


@docx_engine.builder("ballot_paper")
def build_ballot_paper() -> bytes:
    e = docx_engine
    doc = e.new_document()
    _frame(e, doc)
    e.table(doc, BALLOT_HEADERS, ["{{ r.order }}", "{{ r.subject }}", "{{ r.title }}", "", "", "{{ r.lower }}"], loop="r in items",
            widths=[10, 45, 30, 18, 20, 42])  # fmt: skip
    return e.save(doc)


@docx_engine.builder("minutes")
def build_minutes() -> bytes:
    e = docx_engine
    doc = e.new_document()
    _frame(e, doc)
    e.para(doc, "I. THÀNH VIÊN HỘI ĐỒNG", bold=True, space_before=6, space_after=6)
    e.table(doc, MEMBER_HEADERS, ["{{ r.order }}", "{{ r.name }}", "{{ r.role }}", "{{ r.status }}"], loop="r in members",
            widths=[10, 55, 45, 55])  # fmt: skip
    e.para(doc, "II. KẾT QUẢ BIỂU QUYẾT", bold=True, space_before=12, space_after=6)
    e.table(doc, RESULT_HEADERS, ["{{ r.order }}", "{{ r.subject }}", "{{ r.title }}", "{{ r.result }}", "{{ r.support }}"],
            loop="r in items", widths=[10, 45, 30, 45, 35])  # fmt: skip
    e.para(doc, "{{ closing }}", align=e.JUSTIFY, indent=True, space_before=6)
    _signatures(e, doc)
    return e.save(doc)


@docx_engine.builder("vote_count")
def build_vote_count() -> bytes:
    e = docx_engine
    doc = e.new_document()
    _frame(e, doc)
    e.table(doc, COUNT_HEADERS, ["{{ r.order }}", "{{ r.subject }}", "{{ r.title }}", "{{ r.counts }}{% if r.paper %} ({{ r.paper }}){% endif %}",
                                 "{{ r.support }}", "{{ r.threshold }}", "{{ r.result }}"],
            loop="r in items", widths=[8, 30, 20, 37, 20, 30, 20])  # fmt: skip
    e.para(doc, "{{ closing }}", align=e.JUSTIFY, indent=True, space_before=6)
    _signatures(e, doc)
    return e.save(doc)


def docx(data: dict) -> bytes:
    return docx_engine.render(data["paper"], context(data))


def pdf(data: dict) -> bytes:
    return pdf_engine.render(f"documents/council_{data['paper']}.html", context(data))
