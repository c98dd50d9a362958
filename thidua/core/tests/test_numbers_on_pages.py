"""Pages write counts the Vietnamese way (thousands dot), also inside sentences with a plural form."""

from __future__ import annotations

import datetime as dt

from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from thidua.imports.models import ImportBatch


def test_an_import_report_writes_its_counts_with_a_thousands_dot(client, world):
    summary = {"rows": 12345, "error": 0, "ambiguous": 0, "create": 10234, "exists": 2111, "creates": {}}
    batch = ImportBatch.objects.create(kind="awards", unit=world.school_a, file="imports/mau.xlsx", original_name="mau.xlsx",
                                       sha256="0" * 64, created_by=world.officer_school_a, status="validated",
                                       summary=summary, report={"rows": []}, total_rows=12345)  # fmt: skip
    client.force_login(world.officer_school_a)
    body = client.get(reverse("imports:detail", kwargs={"pk": batch.pk})).content.decode()
    assert "12.345" in body and "10.234" in body and "2.111" in body and "12345" not in body
    assert "12.345" in client.get(reverse("imports:list")).content.decode()


def test_a_counted_sentence_shows_the_number_formatted_and_keeps_its_plural():
    text = (
        '{% load i18n vietnamese_formats %}{% blocktranslate count n=count with shown=count|so day=day|date:"d/m/Y" %}'
        "{{ shown }} người đang công tác tại ngày {{ day }}{% plural %}{{ shown }} người đang công tác tại ngày {{ day }}"
        "{% endblocktranslate %}"
    )
    context = {"count": 43512, "day": dt.date(2025, 6, 15)}
    with translation.override("vi"):
        assert Template(text).render(Context(context)) == "43.512 người đang công tác tại ngày 15/06/2025"
    with translation.override("en"):
        assert Template(text).render(Context({**context, "count": 1})) == "1 person working here on 15/06/2025"
