"""``/api/v1/notifications/``: the caller's own inbox only."""

from __future__ import annotations

import pytest

from thidua.notifications import services
from thidua.notifications.models import Kind

pytestmark = pytest.mark.django_db


def _note(user, title):
    return services.notify(user, kind=Kind.GENERAL, title=title, url="/units/", unit=None)


def test_the_list_holds_the_callers_notifications_only_unread_first(world, api_as):
    read = _note(world.teacher_a, "Đã đọc")
    services.mark_read(world.teacher_a, [read.pk])
    _note(world.teacher_a, "Chưa đọc")
    _note(world.officer_school_a, "Của người khác")

    body = api_as(world.teacher_a).get("/notifications/").json()

    assert [n["title"] for n in body["items"]] == ["Chưa đọc", "Đã đọc"]
    assert body["count"] == 2 and body["unread"] == 1
    assert body["items"][0]["url"] == "/units/" and body["items"][0]["read_at"] is None


def test_an_admin_does_not_read_other_inboxes(world, api_as):
    _note(world.teacher_a, "Riêng tư")

    body = api_as(world.admin).get("/notifications/").json()

    assert body == {"items": [], "count": 0, "unread": 0}


def test_unread_count_and_marking_read(world, api_as):
    mine = [_note(world.teacher_a, f"Thông báo {i}") for i in range(3)]
    theirs = _note(world.officer_school_a, "Của người khác")
    client = api_as(world.teacher_a)
    assert client.get("/notifications/unread-count").json() == {"unread": 3}

    assert client.post(f"/notifications/{mine[0].pk}/read").json() == {"marked": 1}
    assert client.post("/notifications/read", {"ids": [mine[1].pk, theirs.pk]}).json() == {"marked": 1}
    assert client.post("/notifications/read", {"all": True}).json() == {"marked": 1}

    assert client.get("/notifications/unread-count").json() == {"unread": 0}
    assert api_as(world.officer_school_a).get("/notifications/unread-count").json() == {"unread": 1}


def test_marking_nothing_is_a_400_and_anothers_id_a_404(world, api_as):
    theirs = _note(world.officer_school_a, "Của người khác")
    client = api_as(world.teacher_a)

    response = client.post("/notifications/read", {})
    assert response.status_code == 400 and response.json()["code"] == "nothing_to_mark"
    response = client.post(f"/notifications/{theirs.pk}/read")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_the_email_preference(world, api_as):
    client = api_as(world.teacher_a)
    assert client.get("/notifications/preferences").json() == {"email_enabled": True, "has_email": False}

    response = client.put("/notifications/preferences", {"email_enabled": False})

    assert response.json() == {"email_enabled": False, "has_email": False}
    assert services.email_enabled_for(world.teacher_a) is False
    assert client.put("/notifications/preferences", {"email_enabled": False, "sms": True}).status_code == 422
