"""Quyết định khen thưởng with its list (danh sách kèm theo), NĐ 30 Mẫu 1.2 + appendix.

Input is a plain dict (``selectors.decision_document`` builds it from an ``awards.Decision``)::

    {"issuer": str, "parent": str, "place": str, "date": date | None, "number": "15/QĐ-THCSYT",
     "subject": str (trích yếu), "signer_title": str, "signer_name": str, "bases": [str],
     "school_year": str, "sections": [{"kind": str, "rows": [{"name", "position", "unit", "collective": bool}]}]}

The paper reproduces the decision as recorded: every line, whoever asks (like the signed scan, see
docs/decisions/0012); no cash amounts (Điều 2 refers to the rules).
"""

from __future__ import annotations

from . import docx as docx_engine
from . import layout
from . import pdf as pdf_engine

KIND = "decision"
TEMPLATE_HTML = "documents/decision.html"
LIST_HEADERS = ["STT", "Họ và tên, tên tập thể", "Chức vụ", "Đơn vị"]


def _about(subject: str) -> str:
    subject = layout.nfc(subject)
    if not subject:
        return "Về việc khen thưởng"
    if subject.lower().startswith(("về việc", "v/v")):
        return subject
    return "Về việc " + subject[0].lower() + subject[1:]


def _signature(title: str, name: str) -> layout.Signature:
    """ "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG" for a deputy, the title alone for the head."""
    title = layout.nfc(title) or "Thủ trưởng đơn vị"
    if title.lower().startswith("phó "):
        return layout.signature(authority="KT. " + title[4:], position=title, name=name)
    return layout.signature(position=title, name=name)


def _head_title(title: str) -> str:
    """The head's title, "Hiệu trưởng", also when a deputy signs ("Phó Hiệu trưởng")."""
    title = layout.nfc(title) or "Thủ trưởng đơn vị"
    if title.lower().startswith("phó "):
        title = title[4:]
    return title[0].upper() + title[1:]


def _counts(rows: list[dict]) -> str:
    people = sum(1 for r in rows if not r.get("collective"))
    units = len(rows) - people
    parts = ([f"{units:02d} tập thể"] if units else []) + ([f"{people:02d} cá nhân"] if people else [])
    return " và ".join(parts)


def context(data: dict) -> dict:
    issuer = layout.nfc(data["issuer"])
    day = data.get("date")
    signature = _signature(data.get("signer_title", ""), data.get("signer_name", ""))
    head_title = _head_title(data.get("signer_title", ""))
    sections, total = [], 0
    for index, section in enumerate(data.get("sections") or (), start=1):
        rows = sorted(section["rows"], key=lambda r: not r.get("collective"))  # collectives first
        sections.append(
            {
                "heading": f"{_roman(index)}. {layout.upper(section['kind'])}",
                "rows": [
                    {
                        "order": i,
                        "name": layout.nfc(r["name"]),
                        "position": layout.nfc(r.get("position")),
                        "unit": layout.nfc(r.get("unit")),
                    }
                    for i, r in enumerate(rows, start=1)
                ],
                "line": f"- {layout.nfc(section['kind'])}: {_counts(rows)};",
            }
        )
        total += len(rows)
    if sections:
        sections[-1]["line"] = sections[-1]["line"].rstrip(";") + "."
    number = layout.nfc(data.get("number"))
    about = _about(data.get("subject", ""))
    return {
        "h": layout.header(
            parent=data.get("parent", ""), issuer=issuer, place=data.get("place", ""), day=day, number=layout.number_line_of(number)
        ),
        "title": "QUYẾT ĐỊNH",
        "subtitle": about,
        "authority": layout.upper(f"{head_title} {issuer}"),
        "bases": layout.legal_bases(data.get("bases") or []),
        "article1": f"Điều 1. Khen thưởng {total:02d} tập thể, cá nhân (có danh sách kèm theo), cụ thể:",
        "article2": "Điều 2. Tiền thưởng thực hiện theo quy định hiện hành.",
        "article3": "Điều 3. Các bộ phận liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
        "sections": sections,
        "recipients": layout.Recipients(items=("Như Điều 3",)).lines,
        "signature": signature,
        "list_title": "DANH SÁCH",
        "list_subtitle": about.replace("Về việc khen thưởng", "Khen thưởng", 1) if about.startswith("Về việc khen thưởng") else about,
        "list_reference": f"(Kèm theo Quyết định số {number or '……'} {layout.date_text(day)} của {head_title} {issuer})",
        "list_headers": LIST_HEADERS,
    }


def _roman(n: int) -> str:
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out


@docx_engine.builder(KIND)
def build_template() -> bytes:
    e = docx_engine
    doc = e.new_document()
    e.header(doc)
    e.title(doc)
    e.para(doc, "{{ authority }}", align=e.CENTER, bold=True, space_after=12)
    e.bases(doc)
    e.para(doc, "QUYẾT ĐỊNH:", align=e.CENTER, bold=True, space_before=6, space_after=6)
    e.para(doc, "{{ article1 }}", align=e.JUSTIFY, indent=True, space_after=6)
    e.tag(doc, "{%p for s in sections %}")
    e.para(doc, "{{ s.line }}", align=e.JUSTIFY, indent=True)
    e.tag(doc, "{%p endfor %}")
    e.para(doc, "{{ article2 }}", align=e.JUSTIFY, indent=True, space_before=6, space_after=6)
    e.para(doc, "{{ article3 }}", align=e.JUSTIFY, indent=True, space_after=6)
    e.footer(doc)
    e.page_break(doc)
    e.para(doc, "{{ list_title }}", align=e.CENTER, bold=True)
    e.para(doc, "{{ list_subtitle }}", align=e.CENTER, bold=True)
    e.para(doc, "{{ list_reference }}", align=e.CENTER, italic=True, space_after=12)
    e.tag(doc, "{%p for s in sections %}")
    e.para(doc, "{{ s.heading }}", bold=True, space_before=6, space_after=6)
    e.table(
        doc,
        LIST_HEADERS,
        ["{{ r.order }}", "{{ r.name }}", "{{ r.position }}", "{{ r.unit }}"],
        loop="r in s.rows",
        widths=[12, 60, 40, 53],
    )
    e.tag(doc, "{%p endfor %}")
    return e.save(doc)


def docx(data: dict) -> bytes:
    return docx_engine.render(KIND, context(data))


def pdf(data: dict) -> bytes:
    return pdf_engine.render(TEMPLATE_HTML, context(data))
