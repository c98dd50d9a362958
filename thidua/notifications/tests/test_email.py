"""E-mail goes from the task queue, after the commit, by preference, with a link and no national ID."""

from __future__ import annotations

import pytest

from thidua.notifications import services
from thidua.notifications.mail import compose, mask_numbers
from thidua.notifications.models import Kind, Notification
from thidua.notifications.sending import emails_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def addressed(world):
    for user in (world.officer_school_a, world.head_a):
        user.email = f"{user.username}@thcs-yentien.edu.vn"
        user.save(update_fields=["email"])
    return world


def _launch(world):
    return services.notify_unit(
        world.school_a,
        kind=Kind.MOVEMENT_LAUNCHED,
        title="Sở phát động phong trào thi đua năm học 2025-2026",
        body="Đơn vị gửi kế hoạch hưởng ứng trước ngày 15/10.",
        url="/movements/7/",
    )


def test_each_recipient_with_an_address_gets_one_email_after_the_commit(
    addressed, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.THIDUA_SITE_URL = "https://thidua.example.gov.vn"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _launch(addressed)
    assert mailoutbox == []  # nothing before the commit

    for callback in callbacks:
        callback()

    assert sorted(m.to[0] for m in mailoutbox) == ["head_a@thcs-yentien.edu.vn", "officer_school_a@thcs-yentien.edu.vn"]
    message = mailoutbox[0]
    assert "Sở phát động phong trào thi đua năm học 2025-2026" in message.subject
    assert "https://thidua.example.gov.vn/movements/7/" in message.body
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2


def test_no_email_when_the_user_turned_it_off(addressed, mailoutbox, django_capture_on_commit_callbacks):
    services.preference_set(addressed.head_a, email_enabled=False)

    with django_capture_on_commit_callbacks(execute=True):
        _launch(addressed)

    assert [m.to for m in mailoutbox] == [["officer_school_a@thcs-yentien.edu.vn"]]
    assert Notification.objects.count() == 2  # the inbox still has both


def test_a_preference_turned_off_before_the_task_runs_still_stops_the_email(addressed, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _launch(addressed)
    services.preference_set(addressed.officer_school_a, email_enabled=False)
    services.preference_set(addressed.head_a, email_enabled=False)

    for callback in callbacks:
        callback()

    assert mailoutbox == []


def test_no_email_without_an_address(world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _launch(world)

    assert mailoutbox == []
    assert Notification.objects.count() == 2


def test_a_notification_is_emailed_once_however_often_the_task_runs(addressed, mailoutbox):
    rows = _launch(addressed)

    assert emails_send([n.pk for n in rows]) == 2
    assert emails_send([n.pk for n in rows]) == 0
    assert len(mailoutbox) == 2


def test_a_refused_message_is_released_for_a_retry(addressed, mailoutbox, monkeypatch):
    rows = _launch(addressed)

    def refuse(self, fail_silently=False):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(OSError):
        emails_send([rows[0].pk])
    rows[0].refresh_from_db()
    assert rows[0].emailed_at is None


def test_an_email_never_carries_a_national_id(world):
    note = Notification(
        recipient=world.officer_school_a, kind=Kind.GENERAL, title="Hồ sơ Nguyễn Thị Hoà, CCCD 001185000001", url="/people/1/"
    )
    note.body = "Số định danh 001 185 000 001; quyết định 15/QĐ-THCSYT ngày 25/05/2026."

    message = compose(note)

    assert "001185000001" not in message.subject + message.body and "001 185 000 001" not in message.body
    assert "15/QĐ-THCSYT ngày 25/05/2026" in message.body


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("CCCD 001185000001", "CCCD •••"),
        ("ĐT 0912.345.678", "ĐT •••"),
        ("năm học 2025-2026", "năm học 2025-2026"),
        ("12345678", "12345678"),
    ],
)
def test_mask_numbers(text, masked):
    assert mask_numbers(text) == masked
