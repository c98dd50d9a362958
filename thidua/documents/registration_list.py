"""Bản đăng ký thi đua of a unit for a movement (NĐ 30 layout; design: documents-reports.md §2).

Input is a plain dict (built by the registrations app's selector)::

    {"issuer": str, "parent": str, "place": str, "date": date, "school_year": "2025-2026", "movement": str,
     "individuals": [{"order", "full_name", "position", "emulation_titles": [..], "commendations": [..],
                      "commitments": [..]}],
     "collectives": [{"order", "name", "emulation_titles": [..], "commendations": [..], "commitments": [..]}]}

``docx(data)`` and ``pdf(data)`` return the file's bytes; rendering writes nothing (``services.document_keep``
stores a copy once the dossier is submitted).
"""

from __future__ import annotations

from . import docx as docx_engine
from . import layout
from . import pdf as pdf_engine

KIND = "registration_list"
TEMPLATE_HTML = "documents/registration_list.html"
INDIVIDUAL_HEADERS = ["STT", "Họ và tên", "Chức vụ", "Danh hiệu thi đua", "Hình thức khen thưởng", "Cam kết"]
COLLECTIVE_HEADERS = ["STT", "Tên tập thể", "Danh hiệu thi đua", "Hình thức khen thưởng", "Cam kết"]


def _joined(items) -> str:
    return "; ".join(layout.nfc(i) for i in items or () if layout.nfc(i))


def context(data: dict) -> dict:
    """The texts of the paper, shared by both renderers."""
    year = layout.nfc(data["school_year"])
    issuer = layout.nfc(data["issuer"])
    movement = layout.nfc(data["movement"])
    parent = layout.nfc(data.get("parent"))
    individuals = [
        {
            "order": row["order"],
            "name": layout.nfc(row["full_name"]),
            "position": layout.nfc(row.get("position")),
            "titles": _joined(row.get("emulation_titles")),
            "commendations": _joined(row.get("commendations")),
            "commitments": _joined(row.get("commitments")),
        }
        for row in data.get("individuals") or ()
    ]
    collectives = [
        {
            "order": row["order"],
            "name": layout.nfc(row["name"]),
            "titles": _joined(row.get("emulation_titles")),
            "commendations": _joined(row.get("commendations")),
            "commitments": _joined(row.get("commitments")),
        }
        for row in data.get("collectives") or ()
    ]
    return {
        "h": layout.header(parent=parent, issuer=issuer, place=data.get("place") or "", day=data.get("date")),
        "title": layout.upper(f"Bản đăng ký thi đua năm học {year}"),
        "subtitle": f"Hưởng ứng phong trào thi đua “{movement}”" if movement else "",
        "bases": layout.legal_bases(
            [
                f"Căn cứ phong trào thi đua “{movement}”" if movement else "",
                f"Căn cứ nhiệm vụ năm học {year} và kết quả đạt được của năm học trước",
            ]
        ),
        "intro": f"{issuer} đăng ký danh hiệu thi đua và hình thức khen thưởng năm học {year} như sau:",
        "individuals": individuals,
        "collectives": collectives,
        "recipients": layout.Recipients(items=(f"{parent} (để báo cáo)",) if parent else ()).lines,
        "signature": layout.signature(position="Thủ trưởng đơn vị", name="", note="(Ký, ghi rõ họ tên, đóng dấu)"),
    }


@docx_engine.builder(KIND)
def build_template() -> bytes:
    doc = docx_engine.new_document()
    docx_engine.header(doc, number=False)
    docx_engine.title(doc)
    docx_engine.bases(doc)
    docx_engine.para(doc, "{{ intro }}", align=docx_engine.JUSTIFY, indent=True, space_after=6)
    docx_engine.para(doc, "I. CÁ NHÂN", bold=True, space_before=6, space_after=6)
    docx_engine.table(
        doc,
        INDIVIDUAL_HEADERS,
        ["{{ r.order }}", "{{ r.name }}", "{{ r.position }}", "{{ r.titles }}", "{{ r.commendations }}", "{{ r.commitments }}"],
        loop="r in individuals",
        widths=[10, 38, 25, 30, 30, 32],
    )
    docx_engine.para(doc, "II. TẬP THỂ", bold=True, space_before=12, space_after=6)
    docx_engine.table(
        doc,
        COLLECTIVE_HEADERS,
        ["{{ r.order }}", "{{ r.name }}", "{{ r.titles }}", "{{ r.commendations }}", "{{ r.commitments }}"],
        loop="r in collectives",
        widths=[10, 50, 35, 35, 35],
    )
    docx_engine.footer(doc)
    return docx_engine.save(doc)


def docx(data: dict) -> bytes:
    return docx_engine.render(KIND, context(data))


def pdf(data: dict) -> bytes:
    return pdf_engine.render(
        TEMPLATE_HTML, {**context(data), "individual_headers": INDIVIDUAL_HEADERS, "collective_headers": COLLECTIVE_HEADERS}
    )
