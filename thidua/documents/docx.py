"""Editable DOCX: templates built with python-docx (``build_*`` below, no binary in the repository) and
filled by docxtpl.

The template of each document is produced by its builder function the first time it is needed in a
process (``template_bytes``, cached): the source of the layout is Python, reviewable in a diff, and the
same on every machine. ``manage.py document_templates --out DIR`` writes them out for a designer.

docxtpl is Jinja inside Word XML: ``autoescape=True`` always, otherwise "A & <B>" in a name breaks the XML
or silently loses text (docs/PITFALLS). Paragraph loops are ``{%p for %}`` alone in a paragraph, table
row loops ``{%tr for %}`` alone in a row; both tags are removed with their paragraph or row.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docxtpl import DocxTemplate

FONT = "Times New Roman"  # the officers' Word has it; the PDF uses its metric twins (fonts.py)
CENTER, LEFT, JUSTIFY, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.RIGHT
RULE = "\u00a0" * 24  # underlined no-break spaces: the short rule under the issuer and the title


def new_document(*, landscape: bool = False):
    """A4, NĐ 30 margins (top 20, bottom 20, left 30, right 15 mm), Times New Roman 14."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    page_numbers(section)
    return doc


def page_numbers(section) -> None:
    """The page number centred in the top margin, from page 2 (NĐ 30)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    p._p.append(field)


def para(container, text: str = "", *, align=LEFT, bold=False, italic=False, underline=False, size: float | None = None,
         space_before: float = 0, space_after: float = 0, indent: bool = False):  # fmt: skip
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if text:
        run = p.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        if size:
            run.font.size = Pt(size)
    return p


def tag(container, text: str):
    """A paragraph holding a docxtpl block tag alone (``{%p for … %}``)."""
    return para(container, text)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _cell(table, row: int, col: int):
    cell = table.cell(row, col)
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)  # start empty
    return cell


def two_columns(doc, left: float = 0.42):
    """A borderless 2-column table spanning the text width (header and footer of NĐ 30)."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    width = Mm(165)
    for col, share in ((0, left), (1, 1 - left)):
        table.columns[col].width = int(width * share)
        table.cell(0, col).width = int(width * share)
    return _cell(table, 0, 0), _cell(table, 0, 1)


def header(doc, *, number: bool = True) -> None:
    """Issuing body and "Số:" left, Quốc hiệu, tiêu ngữ and place-date right (context key ``h``)."""
    left, right = two_columns(doc)
    para(left, "{{ h.parent }}", align=CENTER, size=13)
    para(left, "{{ h.issuer }}", align=CENTER, bold=True, size=13)
    para(left, RULE, align=CENTER, underline=True, size=6)
    if number:
        para(left, "{{ h.number }}", align=CENTER, size=13, space_before=6)
    para(right, "{{ h.quoc_hieu }}", align=CENTER, bold=True, size=13)
    para(right, "{{ h.tieu_ngu }}", align=CENTER, bold=True, underline=True, size=14)
    para(right, "{{ h.place_date }}", align=CENTER, italic=True, size=14, space_before=12)


def title(doc, *, subtitle: bool = True) -> None:
    para(doc, "{{ title }}", align=CENTER, bold=True, space_before=18)
    if subtitle:
        para(doc, "{{ subtitle }}", align=CENTER, bold=True)
    para(doc, RULE, align=CENTER, underline=True, size=6, space_after=12)


def bases(doc) -> None:
    """Căn cứ lines, italic (context key ``bases``)."""
    tag(doc, "{%p for line in bases %}")
    para(doc, "{{ line }}", align=JUSTIFY, italic=True, indent=True, space_after=6)
    tag(doc, "{%p endfor %}")


def table(doc, headers: list[str], cells: list[str], *, loop: str, widths: list[float]):
    """A bordered table: a header row, then one row per item of ``loop`` ("r in rows")."""
    t = doc.add_table(rows=4, cols=len(headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for col, (head, cell, width) in enumerate(zip(headers, cells, widths, strict=True)):
        for row in range(4):
            t.cell(row, col).width = Mm(width)
        para(_cell(t, 0, col), head, align=CENTER, bold=True, size=12)
        para(_cell(t, 2, col), cell, align=CENTER if col == 0 else LEFT, size=12)
    para(_cell(t, 1, 0), f"{{%tr for {loop} %}}", size=12)
    para(_cell(t, 3, 0), "{%tr endfor %}", size=12)
    for col in range(1, len(headers)):
        _cell(t, 1, col)
        _cell(t, 3, col)
        para(t.cell(1, col), "")
        para(t.cell(3, col), "")
    return t


def footer(doc) -> None:
    """Nơi nhận left, the signature right (context keys ``recipients``, ``signature``)."""
    para(doc, "", space_after=6)
    left, right = two_columns(doc, left=0.45)
    para(left, "Nơi nhận:", bold=True, italic=True, size=12)
    tag(left, "{%p for line in recipients %}")
    para(left, "{{ line }}", size=11)
    tag(left, "{%p endfor %}")
    tag(right, "{%p for line in signature.lines %}")
    para(right, "{{ line }}", align=CENTER, bold=True)
    tag(right, "{%p endfor %}")
    para(right, "{{ signature.note }}", align=CENTER, italic=True, size=13)
    for _ in range(4):
        para(right, "")
    para(right, "{{ signature.name }}", align=CENTER, bold=True)


def page_break(doc) -> None:
    doc.add_page_break()


def save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


BUILDERS: dict[str, Callable[[], bytes]] = {}


def builder(name: str):
    """Register the function that builds the DOCX template ``name``."""

    def register(fn: Callable[[], bytes]) -> Callable[[], bytes]:
        BUILDERS[name] = fn
        return fn

    return register


@functools.lru_cache(maxsize=16)
def template_bytes(name: str) -> bytes:
    return BUILDERS[name]()


def render(name: str, context: dict) -> bytes:
    """Fill the template ``name`` with ``context`` (autoescaped, always)."""
    tpl = DocxTemplate(io.BytesIO(template_bytes(name)))
    tpl.render(context, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
