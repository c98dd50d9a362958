"""The response tracker of a movement page is paged by keyset in unit order, filtered by status, with the counts
by status of every response the actor sees at the top."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from tests.factories import make_unit
from tests.factories_movements import launched
from thidua.movements.models import MovementResponse
from thidua.movements.selectors import response_page


def _movement_with(world, count: int):
    movement = launched(world)
    for i in range(count):
        unit = make_unit(code=f"TH-P-{i}", name=f"Trường Tiểu học Trang {i}", kind="school", parent=world.commune)
        status = "submitted" if i % 2 else "pending"
        MovementResponse.objects.create(movement=movement, unit=unit, due_on=dt.date(2025, 9, 22), status=status)
    return movement


def test_pages_follow_each_other_in_unit_order_without_gaps(world):
    movement = _movement_with(world, 6)  # and school A's own response: 7
    seen, after = [], ""
    while True:
        page = response_page(actor=world.officer_dept, movement=movement, after=after, size=3)
        seen += [row.response.unit.path for row in page.rows]
        if page.after is None:
            break
        after = page.after
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 7


def test_the_status_filter_keeps_the_counts_of_every_status(world):
    movement = _movement_with(world, 6)
    page = response_page(actor=world.officer_dept, movement=movement, status="submitted")
    assert {row.response.status for row in page.rows} == {"submitted"} and len(page.rows) == 3
    assert (page.counts["pending"], page.counts["submitted"], page.total, page.responded) == (4, 3, 7, 3)


def test_a_position_that_cannot_be_read_starts_at_the_top(world):
    movement = _movement_with(world, 2)
    page = response_page(actor=world.officer_dept, movement=movement, after="'; drop")
    assert page.first and len(page.rows) == 3


def test_a_school_sees_only_its_own_response_and_counts(world):
    movement = _movement_with(world, 4)
    page = response_page(actor=world.officer_school_a, movement=movement)
    assert [row.response.unit for row in page.rows] == [world.school_a] and page.total == 1


def test_the_page_shows_the_counts_and_links_the_next_page(client, world):
    movement = _movement_with(world, 60)
    client.force_login(world.officer_dept)
    body = client.get(reverse("movements:detail", kwargs={"pk": movement.pk})).content.decode()
    assert "30/61 đơn vị đã gửi kế hoạch hưởng ứng" in body
    assert "Chờ hưởng ứng (31)" in body and "?status=submitted#responses" in body
    assert "after=" in body and _tracker_rows(body) == 50
    body = client.get(reverse("movements:detail", kwargs={"pk": movement.pk}) + "?status=pending").content.decode()
    assert _tracker_rows(body) == 31


def _tracker_rows(body: str) -> int:
    table = body.split('id="responses"', 1)[1].split("</table>", 1)[0]
    return table.count("<tr><td>")
