"""The inbox page: one's own notifications only, unread first, marking read, the header's count."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.notifications import services
from thidua.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


def _note(user, title, url="/people/me/"):
    return services.notify(user, kind=Kind.GENERAL, title=title, url=url)


def test_the_inbox_lists_ones_own_notifications_unread_first(client, world):
    old = _note(world.teacher_a, "Thông báo cũ đã đọc")
    services.mark_read(world.teacher_a, [old.pk])
    _note(world.teacher_a, "Thông báo mới chưa đọc")
    _note(world.officer_school_a, "Thông báo của cán bộ thi đua")
    client.force_login(world.teacher_a)

    html = client.get(reverse("notifications:inbox")).content.decode()

    assert html.index("Thông báo mới chưa đọc") < html.index("Thông báo cũ đã đọc")
    assert "Thông báo của cán bộ thi đua" not in html


def test_not_even_an_admin_sees_another_users_notifications(client, world):
    note = _note(world.teacher_a, "Riêng của giáo viên")
    client.force_login(world.admin)

    assert "Riêng của giáo viên" not in client.get(reverse("notifications:inbox")).content.decode()
    assert client.get(reverse("notifications:open", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client, world):
    note = _note(world.teacher_a, "Xem hồ sơ", url="/people/me/")
    client.force_login(world.teacher_a)

    response = client.get(reverse("notifications:open", args=[note.pk]))

    assert response.status_code == 302 and response["Location"] == "/people/me/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_mark_all_read_and_the_header_count(client, world):
    for i in range(3):
        _note(world.teacher_a, f"Thông báo {i}")
    other = _note(world.officer_school_a, "Không phải của tôi")
    client.force_login(world.teacher_a)
    assert 'class="tag" title="3 thông báo chưa đọc">3</span>' in client.get(reverse("home")).content.decode()

    response = client.post(reverse("notifications:mark_read"), {"all": "1"})

    assert response.status_code == 302
    assert Notification.objects.filter(recipient=world.teacher_a, read_at__isnull=True).count() == 0
    other.refresh_from_db()
    assert other.read_at is None
    assert "thông báo chưa đọc" not in client.get(reverse("home")).content.decode()


def test_marking_someone_elses_id_read_changes_nothing(client, world):
    other = _note(world.officer_school_a, "Không phải của tôi")
    client.force_login(world.teacher_a)

    client.post(reverse("notifications:mark_read"), {"ids": [other.pk], "next": "https://evil.example/"})

    other.refresh_from_db()
    assert other.read_at is None


def test_mark_read_returns_only_to_a_page_of_this_site(client, world):
    client.force_login(world.teacher_a)
    assert client.post(reverse("notifications:mark_read"), {"all": "1", "next": "//evil.example/"})["Location"] == "/notifications/"
    assert (
        client.post(reverse("notifications:mark_read"), {"all": "1", "next": "/notifications/?page=2"})["Location"]
        == "/notifications/?page=2"
    )


def test_the_preference_form_turns_email_off(client, world):
    client.force_login(world.teacher_a)

    response = client.post(reverse("notifications:preferences"), {})

    assert response.status_code == 302
    assert services.email_enabled_for(world.teacher_a) is False
    assert 'name="email_enabled"' in client.get(reverse("notifications:inbox")).content.decode()


@pytest.mark.parametrize("count", [2, 60])
def test_the_inbox_takes_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    for i in range(count):
        _note(world.teacher_a, f"Thông báo {i}")
    client.force_login(world.teacher_a)
    client.get(reverse("notifications:inbox"))
    # session, user (with the unread count), scope, preference, page count, page rows
    with django_assert_num_queries(6):
        assert client.get(reverse("notifications:inbox")).status_code == 200


def test_the_header_count_adds_no_query(client, world, django_assert_num_queries):
    """The unread count comes with the user row: the home page's count is as before (accounts/tests/test_home)."""
    _note(world.council_a, "Một thông báo")
    client.force_login(world.council_a)
    client.get(reverse("home"))
    with django_assert_num_queries(7):
        html = client.get(reverse("home")).content.decode()
    assert "1 thông báo chưa đọc" in html
