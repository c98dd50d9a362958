"""Tờ trình đề nghị khen thưởng (NĐ 30 Mẫu 1.4, Phụ lục I): the submitting unit asks the receiving unit(s) to
grant the round's titles, with the counts per title and the căn cứ.

Input is a plain dict (``round_papers.submission_data`` builds it from a review round)::

    {"issuer": str, "parent": str, "issuer_abbrev": str, "place": str, "date": date | None, "school_year": str,
     "receivers": [str], "bases": [str], "round_name": str,
     "counts": [{"kind": str, "people": int, "units": int}], "signer_title": str, "signer_name": str}
"""

from __future__ import annotations

from . import docx as docx_engine
from . import layout
from . import pdf as pdf_engine

KIND = "submission"
TEMPLATE_HTML = "documents/submission.html"
BODY_HTML = "documents/_submission_body.html"
HANGING = "\u00a0" * 17  # the further receivers line up under the first one, after "Kính gửi: "
COUNT_HEADERS = ["STT", "Danh hiệu, hình thức khen thưởng", "Tập thể", "Cá nhân"]


def _both(units: int, people: int) -> str:
    parts = ([f"{units:02d} tập thể"] if units else []) + ([f"{people:02d} cá nhân"] if people else [])
    return " và ".join(parts) or "không có"


def context(data: dict) -> dict:
    issuer = layout.nfc(data["issuer"])
    year = layout.nfc(data.get("school_year"))
    receivers = [layout.nfc(r) for r in data.get("receivers") or () if layout.nfc(r)]
    counts = [
        {"order": i, "kind": layout.nfc(c["kind"]), "units": c.get("units") or "", "people": c.get("people") or ""}
        for i, c in enumerate(data.get("counts") or (), start=1)
    ]
    units = sum(int(c.get("units") or 0) for c in data.get("counts") or ())
    people = sum(int(c.get("people") or 0) for c in data.get("counts") or ())
    title = layout.nfc(data.get("signer_title")) or "Thủ trưởng đơn vị"
    return {
        "h": layout.header(
            parent=data.get("parent", ""),
            issuer=issuer,
            place=data.get("place", ""),
            day=data.get("date"),
            number=layout.number_line(None, "TTr", data.get("issuer_abbrev", "")),
        ),
        "title": "TỜ TRÌNH",
        "subtitle": f"Về việc đề nghị khen thưởng năm học {year}" if year else "Về việc đề nghị khen thưởng",
        "receivers": [f"Kính gửi: {receivers[0]}"] + [HANGING + r for r in receivers[1:]] if receivers else ["Kính gửi: ……………"],
        "bases": layout.legal_bases(data.get("bases") or []),
        "intro": f"{issuer} kính trình {receivers[0] if len(receivers) == 1 else 'cấp có thẩm quyền'} xem xét, khen thưởng "
        f"{_both(units, people)} đã có thành tích xuất sắc trong năm học {year}, cụ thể như sau:",
        "counts": counts,
        "count_headers": COUNT_HEADERS,
        "total": f"Tổng cộng: {_both(units, people)}.",
        "closing": f"(Có danh sách trích ngang và báo cáo thành tích kèm theo.) {issuer} kính trình xem xét, quyết định./.",
        "recipients": layout.Recipients(items=("Như trên",)).lines,
        "signature": layout.signature(
            position=title, name=data.get("signer_name", ""), note="" if data.get("signer_name") else "(Ký, ghi rõ họ tên, đóng dấu)"
        ),
    }


@docx_engine.builder(KIND)
def build_template() -> bytes:
    e = docx_engine
    doc = e.new_document()
    e.header(doc)
    e.title(doc)
    e.tag(doc, "{%p for line in receivers %}")
    e.para(doc, "{{ line }}", align=e.CENTER)
    e.tag(doc, "{%p endfor %}")
    e.para(doc, "", space_after=6)
    e.bases(doc)
    e.para(doc, "{{ intro }}", align=e.JUSTIFY, indent=True, space_after=6)
    e.table(
        doc,
        COUNT_HEADERS,
        ["{{ c.order }}", "{{ c.kind }}", "{{ c.units }}", "{{ c.people }}"],
        loop="c in counts",
        widths=[12, 93, 30, 30],
    )
    e.para(doc, "{{ total }}", bold=True, space_before=6, space_after=6)
    e.para(doc, "{{ closing }}", align=e.JUSTIFY, indent=True)
    e.footer(doc)
    return e.save(doc)


def docx(data: dict) -> bytes:
    return docx_engine.render(KIND, context(data))


def pdf(data: dict) -> bytes:
    return pdf_engine.render(TEMPLATE_HTML, context(data))
