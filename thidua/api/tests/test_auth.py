from __future__ import annotations

import datetime as dt

import pyotp
import pytest
from django.utils import timezone

from thidua.accounts.models import ApiToken, User
from thidua.audit.models import AuditEvent

from .conftest import ApiClient

TOKEN = "/auth/token"
PASSWORD = "demo12345"  # the factories' password


def _login(username: str, password: str | None = None, **extra):
    return ApiClient().post(TOKEN, {"username": username, "password": password or PASSWORD, **extra})


def test_token_is_issued_for_the_right_password_and_opens_the_api(world):
    response = _login("officer_school_a")

    assert response.status_code == 200
    token = response.json()["token"]
    assert ApiToken.objects.filter(user=world.officer_school_a).count() == 1
    assert AuditEvent.objects.filter(verb="api_token.issued", actor=world.officer_school_a).exists()
    listing = ApiClient().client.get("/api/v1/units/", headers={"Authorization": f"Bearer {token}"})
    assert listing.status_code == 200


def test_wrong_password_answers_401_with_a_code(world):
    response = _login("officer_school_a", "wrong-password")

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"
    assert not ApiToken.objects.exists()


def test_unknown_user_answers_the_same_401(world):
    response = _login("nobody", "whatever1")

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"


def test_account_locks_after_the_configured_number_of_failures(world, settings):
    settings.THIDUA_LOCKOUT_ATTEMPTS = 5
    for _ in range(5):
        assert _login("head_a", "wrong-password").status_code == 401

    response = _login("head_a")  # the right password no longer helps

    assert response.status_code == 401
    assert response.json()["code"] == "account_locked"
    assert User.objects.get(username="head_a").is_locked
    assert not ApiToken.objects.exists()


def test_four_failures_do_not_lock(world, settings):
    settings.THIDUA_LOCKOUT_ATTEMPTS = 5
    for _ in range(4):
        _login("head_a", "wrong-password")

    assert _login("head_a").status_code == 200


def _enable_totp(user: User) -> pyotp.TOTP:
    user.totp_secret = pyotp.random_base32()
    user.totp_enabled = True
    user.save(update_fields=["totp_secret", "totp_enabled"])
    return pyotp.TOTP(user.totp_secret)


def test_user_with_totp_must_send_the_code(world):
    _enable_totp(world.officer_dept)

    response = _login("officer_dept")

    assert response.status_code == 401
    assert response.json() == {"code": "totp_required", "message": response.json()["message"], "field": "totp"}


def test_wrong_totp_is_refused_and_counts_as_a_failure(world):
    _enable_totp(world.officer_dept)

    response = _login("officer_dept", totp="000000" if pyotp.TOTP(world.officer_dept.totp_secret).now() != "000000" else "111111")

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_totp"
    assert User.objects.get(pk=world.officer_dept.pk).totp_failures == 1


def test_wrong_totp_codes_lock_the_account_however_often_the_password_is_right(world, settings):
    settings.THIDUA_LOCKOUT_ATTEMPTS = 3
    totp = _enable_totp(world.officer_dept)
    wrong = f"{(int(totp.now()) + 500000) % 1000000:06d}"
    for _ in range(3):
        assert _login("officer_dept", totp=wrong).json()["code"] == "invalid_totp"

    response = _login("officer_dept", totp=totp.now())

    assert response.status_code == 401
    assert response.json()["code"] == "account_locked"
    assert not ApiToken.objects.exists()


def test_a_totp_code_gets_one_token_only(world):
    totp = _enable_totp(world.officer_dept)
    code = totp.now()
    assert _login("officer_dept", totp=code).status_code == 200

    response = _login("officer_dept", totp=code)

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_totp"
    assert ApiToken.objects.count() == 1


def test_right_totp_gets_a_token(world):
    totp = _enable_totp(world.officer_dept)

    response = _login("officer_dept", totp=totp.now())

    assert response.status_code == 200
    assert response.json()["token"]


def test_admin_without_totp_gets_no_token_when_admin_2fa_is_required(world, settings):
    settings.THIDUA_ADMIN_2FA = True

    response = _login("admin")

    assert response.status_code == 403
    assert response.json()["code"] == "totp_enrolment_required"
    assert not ApiToken.objects.exists()


def test_admin_with_totp_gets_a_token_when_admin_2fa_is_required(world, settings):
    settings.THIDUA_ADMIN_2FA = True
    totp = _enable_totp(world.admin)

    assert _login("admin", totp=totp.now()).status_code == 200


def test_admin_without_totp_gets_a_token_when_the_policy_is_off(world, settings):
    settings.THIDUA_ADMIN_2FA = False

    assert _login("admin").status_code == 200


@pytest.mark.parametrize("header", ["Bearer not-a-token", "Token abc", "Bearer ", "Basic b2ZmaWNlcjpwdw=="])
def test_bad_authorization_header_answers_401(world, header):
    response = ApiClient().client.get("/api/v1/units/", headers={"Authorization": header})

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Bearer"


def test_expired_token_answers_401(world):
    client = ApiClient(world.officer_school_a)
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    assert client.get("/units/").status_code == 401


def test_token_of_a_deactivated_user_answers_401(world):
    client = ApiClient(world.officer_school_a)
    User.objects.filter(pk=world.officer_school_a.pk).update(is_active=False)

    assert client.get("/units/").status_code == 401


def test_session_login_does_not_open_the_api(world, client):
    client.force_login(world.admin)

    assert client.get("/api/v1/units/").status_code == 401


def test_token_request_with_malformed_json_answers_400(world):
    response = ApiClient().post(TOKEN, "{not json")

    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_token_request_without_password_answers_422_with_the_field(world):
    response = ApiClient().post(TOKEN, {"username": "head_a"})

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["field"] == "password"
    assert body["errors"][0]["message"] == "Trường này là bắt buộc."
