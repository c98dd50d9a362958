"""The rows of a unit's eligibility table, rendered once in Python.

A page of the table is 50 people × 11 titles: the template engine spent most of the page's time on those
cells (a ``{% translate %}`` and five variables each). Here the badge words and title labels are translated
once per page and each cell is one f-string. The markup is the one ``templates/rules/unit.html`` had.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def table_rows(lines: list[dict], *, can_confirm: bool, select_all: bool, first: int) -> SafeString:
    """``<tr>`` of each line (``row``: a ``snapshots.Row``, ``url``: the person page, ``cells``: (cell, reasons
    URL)), followed by the empty row the reasons open into; numbered from ``first``."""
    words: dict[str, str] = {}  # badge -> its translated word
    titles: dict[str, str] = {}  # title code -> its escaped label
    choose = escape(_("Chọn"))
    checked = " checked" if select_all else " "
    out = []
    for n, line in enumerate(lines, start=first):
        row = line["row"]
        pid, name = escape(row.id), escape(row.name)
        parts = ["<tr>"]
        if can_confirm:
            parts.append(
                f'<td><input type="checkbox" name="person" value="{pid}" id="pick-{pid}"{checked}>'
                f'<label class="visually-hidden" for="pick-{pid}">{choose} {name}</label></td>'
            )
        parts.append(
            f'<td>{n}</td><td class="name"><a href="{escape(line["url"])}">{name}</a></td><td class="small">{escape(row.unit_name)}</td>\n'
        )
        for cell, url in line["cells"]:
            badge = str(cell.badge)
            word = words.get(badge)
            if word is None:
                word = words[badge] = escape(_(cell.badge.label))
            title = titles.get(cell.code)
            if title is None:
                title = titles[cell.code] = escape(cell.label)
            href = escape(url)
            parts.append(
                f'<td><a class="badge verdict-{badge}" href="{href}" hx-get="{href}" hx-target="#why-{pid}" hx-swap="outerHTML" '
                f'title="{title}: {word}">{word}</a></td>'
            )
        parts.append(f'</tr>\n<tr id="why-{pid}" hidden></tr>\n')
        out.append("".join(parts))
    return mark_safe("".join(out))  # noqa: S308  # every value above is escaped
