"""The audit log page: who did it by name, pages read by position (no COUNT), a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.audit import recorder, selectors
from thidua.audit.models import AuditEvent
from thidua.people import services


def _leaves(world, n: int, actor=None) -> None:
    for i in range(n):
        start = dt.date(2020, 1, 1) + dt.timedelta(days=40 * i)
        services.leave_add(actor=actor or world.officer_school_a, person=world.person_a, kind="training",
                           start_date=start, end_date=start + dt.timedelta(days=10))  # fmt: skip


def test_the_actor_is_shown_by_full_name_and_a_login_without_a_person_by_its_name(client, world):
    world.officer_school_a.person = world.colleague_a
    world.officer_school_a.save(update_fields=["person"])
    _leaves(world, 1)
    _leaves(world, 1, actor=world.officer_dept)  # a login with no person behind it
    client.force_login(world.officer_school_a)
    cells = re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td>", client.get(reverse("audit:log")).content.decode())
    assert cells == ["officer_dept", "Trần Văn Đức"]


def test_changes_by_the_system_say_so_in_vietnamese(client, world):
    with transaction.atomic():
        recorder.record(actor=None, verb="unit.updated", target=world.school_a)
    client.force_login(world.officer_school_a)
    assert "<td>Hệ thống</td>" in client.get(reverse("audit:log")).content.decode()


def _walk(client, params=None) -> tuple[list[int], int]:
    """Every row of the log, following the "older" links; and the number of pages."""
    seen, pages, url = [], 0, reverse("audit:log") + ("?" + params if params else "")
    while url:
        body = client.get(url).content.decode()
        pages += 1
        seen += [e.pk for e in client.get(url).context["page"]]
        older = re.search(r'<nav class="pager">.*href="(\?[^"]*after=[^"]+)"', body)
        url = reverse("audit:log") + older.group(1).replace("&amp;", "&") if older else None
    return seen, pages


def test_following_the_older_link_reads_every_row_once_even_with_equal_times(client, world, monkeypatch):
    _leaves(world, 4)
    moment = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
    for _i in range(4):  # rows written in the same microsecond (a bulk write): the id breaks the tie
        AuditEvent.objects.create(at=moment, verb="unit.updated", target_type="org.orgunit", target_id=str(world.school_a.pk),
                                  target_repr=world.school_a.name, unit=world.school_a, unit_path=world.school_a.path)  # fmt: skip
    monkeypatch.setattr(selectors, "PAGE_SIZE", 3)
    client.force_login(world.officer_school_a)
    seen, pages = _walk(client)
    expected = list(
        AuditEvent.objects.filter(unit_path__startswith=world.school_a.path).order_by("-at", "-id").values_list("pk", flat=True)
    )
    assert seen == expected and len(expected) == 8 and pages == 3


def test_the_older_link_keeps_the_filters(client, world, monkeypatch):
    _leaves(world, 3)
    with transaction.atomic():
        recorder.record(actor=world.officer_school_a, verb="unit.updated", target=world.school_a)
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    client.force_login(world.officer_school_a)
    seen, pages = _walk(client, "verb=leave.added")
    assert len(seen) == 3 and pages == 2
    assert set(AuditEvent.objects.filter(pk__in=seen).values_list("verb", flat=True)) == {"leave.added"}


def test_a_position_that_cannot_be_read_starts_at_the_newest(client, world):
    _leaves(world, 2)
    client.force_login(world.officer_school_a)
    for bad in ("x", "1.", "99999999999999999999999.1", "-5.x"):
        response = client.get(reverse("audit:log"), {"after": bad})
        assert response.status_code == 200 and len(response.context["page"]) == 2


@pytest.mark.parametrize("size", [2, 10])
def test_the_log_page_costs_the_same_queries_whatever_the_page_size_and_never_counts(client, world, monkeypatch, size):
    _leaves(world, 12)
    monkeypatch.setattr(selectors, "PAGE_SIZE", size)
    client.force_login(world.officer_school_a)
    client.get(reverse("audit:log"))  # the session and the caches settle
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("audit:log"))
    assert len(response.context["page"]) == size
    sql = [q["sql"] for q in ctx.captured_queries]
    # The log is never counted (the user's row carries the header's count of their own unread notifications).
    assert not any("COUNT(" in s.upper() and "audit_auditevent" in s.lower() for s in sql)
    assert len(sql) == 5, sql  # session, user, roles (scope), the page's rows (with unit and actor), the people named
