"""A date typed into a list filter that cannot be read is said so, never silently ignored."""

from __future__ import annotations

from django.urls import reverse


def test_the_unit_tree_says_when_the_day_typed_cannot_be_read(client, world):
    client.force_login(world.officer_dept)

    body = client.get(reverse("org:tree"), {"on": "31/02/2025"}).content.decode()

    assert "Ngày không hợp lệ: 31/02/2025 (dd/mm/yyyy)" in body
    assert "Cơ cấu tổ chức tại ngày" not in body  # no tree is passed off as that day's


def test_the_unit_tree_of_a_readable_day_has_no_date_error(client, world):
    client.force_login(world.officer_dept)

    body = client.get(reverse("org:tree"), {"on": "01/03/2025"}).content.decode()

    assert "Cơ cấu tổ chức tại ngày 01/03/2025" in body
    assert "Ngày không hợp lệ" not in body


def test_the_date_error_does_not_linger_to_the_next_page(client, world):
    client.force_login(world.officer_dept)
    client.get(reverse("org:tree"), {"on": "hôm qua"})

    assert "Ngày không hợp lệ" not in client.get(reverse("org:tree")).content.decode()


def test_the_date_error_is_english_when_the_user_switched_language(client, world):
    client.force_login(world.officer_dept)
    client.cookies["django_language"] = "en"

    body = client.get(reverse("org:tree"), {"on": "2025-02-30"}).content.decode()

    assert "Invalid date: 2025-02-30 (dd/mm/yyyy)" in body


def test_the_audit_log_says_when_a_date_filter_cannot_be_read(client, world):
    client.force_login(world.officer_dept)

    response = client.get(reverse("audit:log"), {"date_from": "32/01/2025"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in body and "dd/mm/yyyy" in body
    assert list(response.context["page"]) == []  # no rows passed off as filtered
