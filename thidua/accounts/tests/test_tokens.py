"""API tokens: a user lists and revokes their own; a system admin, anyone's. Pages and API, audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.accounts import selectors, services
from thidua.accounts.models import ApiToken
from thidua.api.tests.conftest import ApiClient
from thidua.audit.models import AuditEvent
from thidua.core.errors import PermissionDenied


def _issue(user, n: int = 1) -> list[ApiToken]:
    for _ in range(n):
        services.api_token_issue(user=user)
    return list(ApiToken.objects.filter(user=user).order_by("pk"))


def _bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


# -- selector and service -------------------------------------------------------------------------------


def test_a_user_sees_only_their_own_live_tokens(world):
    own = _issue(world.officer_school_a, 2)
    _issue(world.officer_school_b)
    ApiToken.objects.filter(pk=own[0].pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    assert list(selectors.api_tokens(actor=world.officer_school_a)) == [own[1]]
    assert not selectors.api_tokens(actor=world.officer_school_a, user_id=world.officer_school_b.pk).exists()


def test_an_admin_sees_everyones_tokens_and_can_narrow_to_one_user(world):
    a = _issue(world.officer_school_a)
    b = _issue(world.officer_school_b)

    assert set(selectors.api_tokens(actor=world.admin)) == {*a, *b}
    assert list(selectors.api_tokens(actor=world.admin, user_id=world.officer_school_b.pk)) == b


def test_revoking_a_token_stops_it_at_once_and_is_audited(world):
    key = services.api_token_issue(user=world.officer_school_a)
    token = ApiToken.objects.get()

    services.api_token_revoke(actor=world.officer_school_a, token=token)

    assert services.api_token_user(key) is None
    event = AuditEvent.objects.get(verb="api_token.revoked")
    assert event.actor == world.officer_school_a and event.target_id == str(token.pk)
    assert event.before["user"] == world.officer_school_a.pk and "key_hash" not in event.before


def test_someone_elses_token_cannot_be_revoked_by_a_non_admin(world):
    token = _issue(world.officer_school_a)[0]

    with pytest.raises(PermissionDenied):
        services.api_token_revoke(actor=world.officer_dept, token=token)
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert not AuditEvent.objects.filter(verb="api_token.revoked").exists()


# -- API --------------------------------------------------------------------------------------------------


def test_api_lists_own_tokens_and_marks_the_current_one(world):
    client = ApiClient(world.officer_school_a)
    _issue(world.officer_school_a)  # a second one
    _issue(world.officer_school_b)

    body = client.get("/auth/tokens/").json()

    assert body["count"] == 2
    assert {t["user"]["username"] for t in body["items"]} == {"officer_school_a"}
    assert [t["current"] for t in body["items"]].count(True) == 1


def test_api_admin_lists_anyones_tokens(world):
    _issue(world.officer_school_b)
    client = ApiClient(world.admin)

    body = client.get("/auth/tokens/", {"user": world.officer_school_b.pk}).json()

    assert body["count"] == 1 and body["items"][0]["user"]["username"] == "officer_school_b"
    assert ApiClient(world.admin).get("/auth/tokens/").json()["count"] == 3  # b's and the two admin clients'


def test_api_revoking_the_current_token_logs_the_client_out(world):
    key = services.api_token_issue(user=world.officer_school_a)
    from django.test import Client

    client = Client(headers=_bearer(key))
    token = ApiToken.objects.get()

    response = client.delete(f"/api/v1/auth/tokens/{token.pk}")

    assert response.status_code == 204
    assert client.get("/api/v1/units/").status_code == 401
    assert AuditEvent.objects.filter(verb="api_token.revoked", actor=world.officer_school_a).count() == 1


def test_api_someone_elses_token_is_404_and_keeps_working(world):
    key = services.api_token_issue(user=world.officer_school_a)
    token = ApiToken.objects.get()

    response = ApiClient(world.officer_dept).delete(f"/auth/tokens/{token.pk}")

    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert services.api_token_user(key) == world.officer_school_a


def test_api_admin_revokes_anyones_token(world):
    token = _issue(world.officer_school_a)[0]

    assert ApiClient(world.admin).delete(f"/auth/tokens/{token.pk}").status_code == 204
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert AuditEvent.objects.get(verb="api_token.revoked").actor == world.admin


def test_api_revoking_twice_answers_404(world):
    client = ApiClient(world.officer_school_a)
    token = _issue(world.officer_school_b)[0]
    admin = ApiClient(world.admin)
    assert admin.delete(f"/auth/tokens/{token.pk}").status_code == 204

    assert admin.delete(f"/auth/tokens/{token.pk}").status_code == 404
    assert client.get("/auth/tokens/").status_code == 200


# -- pages --------------------------------------------------------------------------------------------------


def test_page_lists_own_tokens(client, world):
    _issue(world.officer_school_a, 2)
    _issue(world.officer_school_b)
    client.force_login(world.officer_school_a)

    response = client.get(reverse("accounts:tokens"))

    assert response.status_code == 200
    assert len(response.context["tokens"]) == 2
    assert "officer_school_b" not in response.content.decode()


def test_page_shows_an_admin_everyones_tokens(client, world):
    _issue(world.officer_school_b)
    client.force_login(world.admin)

    body = client.get(reverse("accounts:tokens")).content.decode()

    assert "officer_school_b" in body


def test_page_revokes_own_token(client, world):
    token = _issue(world.officer_school_a)[0]
    client.force_login(world.officer_school_a)

    response = client.post(reverse("accounts:token_revoke", kwargs={"pk": token.pk}))

    assert response.status_code == 302 and response["Location"] == reverse("accounts:tokens")
    assert not ApiToken.objects.exists()
    event = AuditEvent.objects.get(verb="api_token.revoked")
    assert event.actor == world.officer_school_a and event.request_id


def test_page_answers_404_for_someone_elses_token(client, world):
    token = _issue(world.officer_school_a)[0]
    client.force_login(world.officer_school_b)

    assert client.post(reverse("accounts:token_revoke", kwargs={"pk": token.pk})).status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_page_revoke_needs_login_and_post(client, world):
    token = _issue(world.officer_school_a)[0]
    url = reverse("accounts:token_revoke", kwargs={"pk": token.pk})

    assert client.post(url)["Location"].startswith(reverse("accounts:login"))
    client.force_login(world.officer_school_a)
    assert client.get(url).status_code == 405
    assert ApiToken.objects.filter(pk=token.pk).exists()
