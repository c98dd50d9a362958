"""The rows of the ledger book page, rendered once in Python.

A school's book has hundreds of people × 5 or 10 years of cells; the template engine spent most of the page's
time in those cells (and a ``{% url %}`` per row). Here each cell is a few ``format_html`` calls and the person
links share one prefix. The markup is the one ``templates/awards/unit_book.html`` had.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .selectors import LedgerBook


def _cell(c: dict) -> str:
    if not c["in_unit"]:
        return '<td class="cell"><span class="muted">—</span></td>'
    parts = ['<td class="cell">']
    if c["rating"]:
        parts.append(format_html('<div class="small">{}</div>', c["rating"]))
    if c["awards"]:
        parts.append(format_html("<strong>{}</strong>", ", ".join(c["awards"])))
    for title in c["initiatives"]:
        parts.append(format_html('<div class="small muted">{}: {}</div>', _("SK"), title))
    parts.append("</td>")
    return "".join(parts)


def book_rows(book: LedgerBook) -> SafeString:
    """``<tr>`` of every person of the book (of its page): number in the whole book, name (linked to their ledger), position, one cell a year."""
    person_base = reverse("awards:person_ledger", kwargs={"pk": 0}).removesuffix("0/")
    codes = [y.code for y in book.years]
    out = []
    for n, row in enumerate(book.rows, start=book.offset + 1):
        cells = "".join(_cell(row.by_year[code]) for code in codes)
        out.append(
            f'<tr><td>{n}</td><td><a href="{person_base}{row.person_id}/">{escape(row.full_name)}</a></td>'
            f"<td>{escape(row.position)}</td>{cells}</tr>"
        )
    return mark_safe("\n".join(out))  # noqa: S308  # every value above is escaped
