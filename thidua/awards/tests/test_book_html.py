"""The ledger book's rows rendered in Python: the same cells as the template had, everything escaped."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from tests.factories import make_person
from thidua.awards import selectors
from thidua.awards.book_html import book_rows
from thidua.people.models import AnnualRating
from thidua.years.models import SchoolYear


def test_a_row_links_the_person_and_shows_rating_and_absence(world):
    AnnualRating.objects.create(person=world.person_a, school_year=SchoolYear.objects.get(code="2024-2025"), rating="excellent")
    book = selectors.ledger_book(actor=world.officer_school_a, unit=world.school_a, start_year=2021, years=5)
    html = book_rows(book)
    url = reverse("awards:person_ledger", kwargs={"pk": world.person_a.pk})
    assert f'<a href="{url}">Nguyễn Thị Hoà</a>' in html
    assert '<div class="small">Hoàn thành xuất sắc nhiệm vụ</div>' in html
    assert html.count("<tr>") == len(book.rows) == 2


def test_names_and_positions_are_escaped(world):
    make_person(name="Lê <b>Văn</b> An", unit=world.school_a, position="Tổ trưởng & <i>phó</i>")
    html = book_rows(selectors.ledger_book(actor=world.officer_school_a, unit=world.school_a, start_year=2021, years=5))
    assert "<b>" not in html and "<i>" not in html
    assert "Lê &lt;b&gt;Văn&lt;/b&gt; An" in html and "Tổ trưởng &amp; &lt;i&gt;phó&lt;/i&gt;" in html


def test_someone_not_in_the_unit_that_year_gets_a_dash(world):
    make_person(name="Đỗ Văn Mới", unit=world.school_a, start=dt.date(2024, 9, 1))
    html = book_rows(selectors.ledger_book(actor=world.officer_school_a, unit=world.school_a, start_year=2021, years=5))
    row = next(r for r in html.split("\n") if "Đỗ Văn Mới" in r)
    assert row.count('<span class="muted">—</span>') == 3  # 2021-2022 … 2023-2024, before she came
