"""Danh sách trích ngang (the nominees' short list sent with the tờ trình): one row per nominee.

Input is a plain dict (``round_papers.nominee_list_data``)::

    {"issuer": str, "parent": str, "place": str, "date": date | None, "school_year": str,
     "rows": [{"name": str, "birth_year": int | None, "position": str, "unit": str, "title": str,
               "summary": str, "collective": bool}], "signer_title": str, "signer_name": str}

Landscape A4 (the table is wide); collectives first, then individuals, as the decision lists them.
"""

from __future__ import annotations

from . import docx as docx_engine
from . import layout
from . import pdf as pdf_engine

KIND = "nominee_list"
TEMPLATE_HTML = "documents/nominee_list.html"
BODY_HTML = "documents/_nominee_list_body.html"
HEADERS = ["STT", "Họ và tên, tên tập thể", "Năm sinh", "Chức vụ", "Đơn vị", "Danh hiệu, hình thức đề nghị", "Tóm tắt thành tích"]


def context(data: dict) -> dict:
    issuer = layout.nfc(data["issuer"])
    year = layout.nfc(data.get("school_year"))
    ordered = sorted(data.get("rows") or (), key=lambda r: not r.get("collective"))
    rows = [
        {
            "order": i,
            "name": layout.nfc(r["name"]),
            "birth_year": str(r["birth_year"]) if r.get("birth_year") else "",
            "position": layout.nfc(r.get("position")),
            "unit": layout.nfc(r.get("unit")),
            "title": layout.nfc(r.get("title")),
            "summary": layout.nfc(r.get("summary")),
        }
        for i, r in enumerate(ordered, start=1)
    ]
    title = layout.nfc(data.get("signer_title")) or "Thủ trưởng đơn vị"
    return {
        "h": layout.header(parent=data.get("parent", ""), issuer=issuer, place=data.get("place", ""), day=data.get("date")),
        "title": "DANH SÁCH TRÍCH NGANG",
        "subtitle": f"Các tập thể, cá nhân đề nghị khen thưởng năm học {year}" if year else "Các tập thể, cá nhân đề nghị khen thưởng",
        "reference": f"(Kèm theo Tờ trình của {issuer})",
        "headers": HEADERS,
        "rows": rows,
        "total": f"Danh sách có {len(rows)} tập thể, cá nhân.",
        "recipients": layout.Recipients().lines,
        "signature": layout.signature(
            position=title, name=data.get("signer_name", ""), note="" if data.get("signer_name") else "(Ký, ghi rõ họ tên, đóng dấu)"
        ),
    }


@docx_engine.builder(KIND)
def build_template() -> bytes:
    e = docx_engine
    doc = e.new_document(landscape=True)
    e.header(doc, number=False)
    e.title(doc)
    e.para(doc, "{{ reference }}", align=e.CENTER, italic=True, space_after=12)
    e.table(
        doc, HEADERS,
        ["{{ r.order }}", "{{ r.name }}", "{{ r.birth_year }}", "{{ r.position }}", "{{ r.unit }}", "{{ r.title }}", "{{ r.summary }}"],
        loop="r in rows", widths=[10, 45, 18, 32, 40, 40, 67],
    )  # fmt: skip
    e.para(doc, "{{ total }}", italic=True, space_before=6)
    e.footer(doc)
    return e.save(doc)


def docx(data: dict) -> bytes:
    return docx_engine.render(KIND, context(data))


def pdf(data: dict) -> bytes:
    return pdf_engine.render(TEMPLATE_HTML, context(data))
