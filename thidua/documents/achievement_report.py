"""Báo cáo thành tích of one nominee (NĐ 98/2023 Mẫu số 02, cá nhân), pre-filled from the ledger for the person
to complete: the résumé (sơ lược lý lịch), the annual ratings, the titles and awards with their decision
numbers, the initiatives; the parts only the person can write (achievements, solutions) are left as dotted
lines under their headings.

Input is a plain dict (``round_papers.achievement_report_data``)::

    {"issuer": str, "parent": str, "place": str, "date": date | None, "school_year": str, "title": str (proposed),
     "name": str, "birth_date": date | None, "gender": str, "ethnicity": str, "position": str, "unit": str,
     "collective": bool, "ratings": [{"year", "rating"}], "awards": [{"year", "title", "decision"}],
     "initiatives": [{"year", "title", "decision"}]}
"""

from __future__ import annotations

from . import docx as docx_engine
from . import layout
from . import pdf as pdf_engine

KIND = "achievement_report"
TEMPLATE_HTML = "documents/achievement_report.html"
BODY_HTML = "documents/_achievement_report_body.html"
AWARD_HEADERS = ["Năm học", "Danh hiệu, hình thức khen thưởng", "Số, ngày quyết định"]
RATING_HEADERS = ["Năm học", "Kết quả đánh giá, xếp loại"]
INITIATIVE_HEADERS = ["Năm học", "Tên sáng kiến", "Số, ngày quyết định công nhận"]
TO_FILL = "…" * 40


def _birth(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def context(data: dict) -> dict:
    name = layout.nfc(data["name"])
    year = layout.nfc(data.get("school_year"))
    proposed = layout.nfc(data.get("title"))
    facts = [
        ("Họ và tên", name),
        ("Ngày, tháng, năm sinh", _birth(data.get("birth_date"))),
        ("Giới tính", layout.nfc(data.get("gender"))),
        ("Dân tộc", layout.nfc(data.get("ethnicity"))),
        ("Chức vụ", layout.nfc(data.get("position"))),
        ("Đơn vị công tác", layout.nfc(data.get("unit"))),
    ]
    if data.get("collective"):
        facts = [("Tên tập thể", name), ("Đơn vị cấp trên", layout.nfc(data.get("unit")))]
    rows = lambda key, cols: [{c: layout.nfc(str(r.get(c) or "")) for c in cols} for r in data.get(key) or ()]  # noqa: E731
    return {
        "h": layout.header(parent=data.get("parent", ""), issuer=data.get("issuer", ""), place=data.get("place", ""), day=data.get("date")),
        "title": "BÁO CÁO THÀNH TÍCH",
        "subtitle": f"Đề nghị tặng {proposed} năm học {year}" if year else f"Đề nghị tặng {proposed}",
        "facts": [f"{label}: {value}" for label, value in facts],
        "ratings": rows("ratings", ("year", "rating")),
        "awards": rows("awards", ("year", "title", "decision")),
        "initiatives": rows("initiatives", ("year", "title", "decision")),
        "rating_headers": RATING_HEADERS,
        "award_headers": AWARD_HEADERS,
        "initiative_headers": INITIATIVE_HEADERS,
        "to_fill": TO_FILL,
        "no_rows": "(Chưa có trong sổ theo dõi.)",
        "signature": layout.signature(position="Người báo cáo thành tích", name=name, note="(Ký, ghi rõ họ tên)"),
        "confirm": layout.signature(position="Xác nhận của thủ trưởng đơn vị", name="", note="(Ký, đóng dấu)"),
    }


@docx_engine.builder(KIND)
def build_template() -> bytes:
    e = docx_engine
    doc = e.new_document()
    e.header(doc, number=False)
    e.title(doc)
    e.para(doc, "I. SƠ LƯỢC LÝ LỊCH", bold=True, space_after=6)
    e.tag(doc, "{%p for line in facts %}")
    e.para(doc, "- {{ line }}", indent=True)
    e.tag(doc, "{%p endfor %}")
    e.para(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, space_before=12, space_after=6)
    e.para(
        doc,
        "1. Quyền hạn, nhiệm vụ được giao; 2. Thành tích đạt được; 3. Các biện pháp, giải pháp (người báo cáo tự viết):",
        italic=True,
        indent=True,
    )
    for _ in range(3):
        e.para(doc, "{{ to_fill }}")
    e.para(doc, "Kết quả đánh giá, xếp loại hằng năm:", italic=True, indent=True, space_before=6, space_after=6)
    e.table(doc, RATING_HEADERS, ["{{ r.year }}", "{{ r.rating }}"], loop="r in ratings", widths=[40, 125])
    e.para(doc, "Sáng kiến được công nhận:", italic=True, indent=True, space_before=6, space_after=6)
    e.table(doc, INITIATIVE_HEADERS, ["{{ r.year }}", "{{ r.title }}", "{{ r.decision }}"], loop="r in initiatives", widths=[30, 85, 50])
    e.para(doc, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True, space_before=12, space_after=6)
    e.table(doc, AWARD_HEADERS, ["{{ r.year }}", "{{ r.title }}", "{{ r.decision }}"], loop="r in awards", widths=[30, 80, 55])
    e.para(doc, "", space_after=12)
    left, right = e.two_columns(doc, left=0.5)
    e.para(left, "{{ confirm.lines[0] }}", align=e.CENTER, bold=True)
    e.para(left, "{{ confirm.note }}", align=e.CENTER, italic=True, size=13)
    e.para(right, "{{ signature.lines[0] }}", align=e.CENTER, bold=True)
    e.para(right, "{{ signature.note }}", align=e.CENTER, italic=True, size=13)
    for _ in range(4):
        e.para(right, "")
    e.para(right, "{{ signature.name }}", align=e.CENTER, bold=True)
    return e.save(doc)


def docx(data: dict) -> bytes:
    return docx_engine.render(KIND, context(data))


def pdf(data: dict) -> bytes:
    return pdf_engine.render(TEMPLATE_HTML, context(data))
