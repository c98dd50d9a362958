"""The rows of the people list, rendered once in Python.

The list page is the officers' most used page; the template engine spent more on its 25 rows (a dozen nodes
and a date filter each) than the page's queries took. The markup is the one ``templates/people/list.html`` had.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Person


def people_rows(people: list[Person], person_base: str) -> SafeString:
    """``<tr>`` of each person: name (linked to ``person_base`` + pk), date of birth, current unit, position."""
    out = []
    for p in people:
        born = f"{p.date_of_birth:%d/%m/%Y}" if p.date_of_birth else ""
        unit = escape(p.current_unit.name) if p.current_unit is not None and p.current_unit.name else "—"
        out.append(
            f'<tr><td><a href="{person_base}{p.pk}/">{escape(p.full_name)}</a></td><td>{born}</td>'
            f"<td>{unit}</td><td>{escape(p.current_position)}</td></tr>"
        )
    return mark_safe("\n".join(out))  # noqa: S308  # every value above is escaped
