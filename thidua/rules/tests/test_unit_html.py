"""The eligibility table's rows rendered in Python: the markup the template's loop gave, everything escaped."""

from __future__ import annotations

import pytest
from django.template import engines
from django.utils import translation

from thidua.rules.engine.outcomes import Badge
from thidua.rules.snapshots import INDIVIDUAL, Cell, Row
from thidua.rules.unit_html import table_rows

# The loop ``templates/rules/unit.html`` had before its rows were rendered in Python.
TEMPLATE_LOOP = (
    "{% load i18n %}"
    '{% for line in lines %}{% with row=line.row %}<tr>{% if can_confirm %}<td><input type="checkbox" name="person" value="{{ row.id }}" '
    'id="pick-{{ row.id }}" {% if select_all %}checked{% endif %}><label class="visually-hidden" for="pick-{{ row.id }}">'
    '{% translate "Chọn" %} {{ row.name }}</label></td>{% endif %}<td>{{ first|add:forloop.counter0 }}</td><td class="name">'
    '<a href="{{ line.url }}">{{ row.name }}</a></td><td class="small">{{ row.unit_name }}</td>\n'
    '{% for cell, url in line.cells %}{% translate cell.badge.label as badge_label %}<td><a class="badge verdict-{{ cell.badge }}" '
    'href="{{ url }}" hx-get="{{ url }}" hx-target="#why-{{ row.id }}" hx-swap="outerHTML" title="{{ cell.label }}: {{ badge_label }}">'
    "{{ badge_label }}</a></td>{% endfor %}</tr>\n"
    '<tr id="why-{{ row.id }}" hidden></tr>{% endwith %}\n'
    "{% endfor %}"
)


def _lines() -> list[dict]:
    badges = list(Badge)
    rows = [
        Row("7", "Lê <b>Văn</b> An & Co", "T1", "Tổ <Toán>", tuple(Cell(c, badges[i % len(badges)]) for i, c in enumerate(INDIVIDUAL))),
        Row("12", "Nguyễn Thị Hoà", "", "", (Cell(INDIVIDUAL[0], Badge.ELIGIBLE),)),
        Row("13", "Trần Văn Đức", "T2", "Tổ Văn", ()),
    ]
    base = "/eligibility/units/5/reasons/?year=2024&span=14"
    return [{"row": r, "url": f"/people/{r.id}/", "cells": [(c, f"{base}&person={r.id}&title={c.code}") for c in r.outcomes]} for r in rows]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(("can_confirm", "select_all"), [(True, False), (True, True), (False, False)])
def test_rows_are_the_template_rows(language, can_confirm, select_all):
    lines = _lines()
    with translation.override(language):
        context = {"lines": lines, "can_confirm": can_confirm, "select_all": select_all, "first": 51}
        expected = engines["django"].from_string(TEMPLATE_LOOP).render(context)
        html = table_rows(lines, can_confirm=can_confirm, select_all=select_all, first=51)
    assert html == expected
    assert "<b>" not in html and "<Toán>" not in html and "&amp;person=7" in html and "<td>53</td>" in html
