"""Password login with lock-out, production hashing, TOTP and API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib

import pyotp
import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.utils import timezone

from tests.factories import UserFactory
from thidua.accounts import services
from thidua.accounts.backends import LockoutModelBackend
from thidua.accounts.models import ApiToken, User
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError

PASSWORD = "demo12345"


@pytest.fixture
def user(db):
    return UserFactory(username="giaovien")


def _login(password: str, username: str = "giaovien", request=None):
    return LockoutModelBackend().authenticate(request, username=username, password=password)


def _fail(times: int) -> None:
    for _ in range(times):
        assert _login("wrong") is None


def test_correct_password_logs_in_and_resets_the_failure_count(user):
    _fail(2)
    assert _login(PASSWORD) == user
    user.refresh_from_db()
    assert (user.failed_logins, user.locked_until) == (0, None)


def test_account_locks_after_the_configured_number_of_failures(user):
    _fail(settings.THIDUA_LOCKOUT_ATTEMPTS - 1)
    assert not User.objects.get(pk=user.pk).is_locked
    _fail(1)
    assert User.objects.get(pk=user.pk).is_locked


def test_correct_password_is_refused_while_locked_and_the_request_is_told(user):
    _fail(settings.THIDUA_LOCKOUT_ATTEMPTS)
    request = RequestFactory().post("/login/")
    assert _login(PASSWORD, request=request) is None
    assert request.thidua_locked is True


def test_account_unlocks_when_the_lock_time_has_passed(user):
    _fail(settings.THIDUA_LOCKOUT_ATTEMPTS)
    User.objects.filter(pk=user.pk).update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    assert _login(PASSWORD) == user
    assert User.objects.get(pk=user.pk).locked_until is None


def test_lock_out_goes_through_the_configured_backend(user):
    for _ in range(settings.THIDUA_LOCKOUT_ATTEMPTS):
        assert authenticate(username="giaovien", password="wrong") is None
    assert authenticate(username="giaovien", password=PASSWORD) is None


def test_unknown_user_is_refused_after_hashing_the_password(db, monkeypatch):
    hashed = []
    monkeypatch.setattr(User, "set_password", lambda self, raw: hashed.append(raw))
    assert _login("whatever", username="nobody") is None
    assert hashed == ["whatever"]


def test_inactive_user_cannot_log_in(user):
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert _login(PASSWORD) is None


def test_production_settings_hash_passwords_with_argon2_first():
    production = importlib.import_module("thidua.settings")
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


# -- TOTP -----------------------------------------------------------------------------------------------


def test_totp_enrolment_enables_the_second_factor_with_a_current_code(user):
    uri = services.totp_begin(user=user)
    assert uri.startswith("otpauth://totp/") and "issuer=thidua" in uri
    assert not user.totp_enabled
    services.totp_enable(user=user, code=pyotp.TOTP(user.totp_secret).now())
    user.refresh_from_db()
    assert user.totp_enabled
    event = AuditEvent.objects.get(verb="totp.enabled")
    assert user.totp_secret not in str(event.before) + str(event.after)


def test_totp_enrolment_refuses_a_wrong_code(user):
    services.totp_begin(user=user)
    code = pyotp.TOTP(user.totp_secret).now()
    wrong = f"{(int(code) + 500000) % 1000000:06d}"
    with pytest.raises(DomainError) as err:
        services.totp_enable(user=user, code=wrong)
    assert err.value.code == "invalid_totp"
    assert not User.objects.get(pk=user.pk).totp_enabled


def _enrolled(user) -> pyotp.TOTP:
    services.totp_begin(user=user)
    User.objects.filter(pk=user.pk).update(totp_enabled=True)
    user.refresh_from_db()
    return pyotp.TOTP(user.totp_secret)


def _wrong(totp: pyotp.TOTP) -> str:
    return f"{(int(totp.now()) + 500000) % 1000000:06d}"


def _check(user, code):
    return services.totp_check(user=User.objects.get(pk=user.pk), code=code)


@pytest.mark.parametrize("code", ["", None, "abc", "12 34 56"])
def test_totp_check_refuses_a_malformed_code(user, code):
    _enrolled(user)
    assert _check(user, code) is services.TotpCheck.WRONG


def test_totp_check_refuses_before_enrolment(user):
    assert _check(user, "123456") is services.TotpCheck.WRONG


def test_totp_check_accepts_surrounding_spaces(user):
    totp = _enrolled(user)
    assert _check(user, f" {totp.now()} ") is services.TotpCheck.OK


def test_totp_check_accepts_the_previous_step_for_clock_drift(user):
    totp = _enrolled(user)
    assert _check(user, totp.at(timezone.now() - dt.timedelta(seconds=30))) is services.TotpCheck.OK


def test_a_totp_code_is_accepted_once(user):
    totp = _enrolled(user)
    code = totp.now()
    assert _check(user, code) is services.TotpCheck.OK
    assert _check(user, code) is services.TotpCheck.WRONG


def test_an_older_totp_code_is_refused_after_a_newer_one(user):
    totp = _enrolled(user)
    assert _check(user, totp.at(timezone.now() + dt.timedelta(seconds=30))) is services.TotpCheck.OK
    assert _check(user, totp.now()) is services.TotpCheck.WRONG


def test_wrong_totp_codes_lock_the_account_at_the_limit(user):
    totp = _enrolled(user)
    for _ in range(settings.THIDUA_LOCKOUT_ATTEMPTS - 1):
        assert _check(user, _wrong(totp)) is services.TotpCheck.WRONG
    assert not User.objects.get(pk=user.pk).is_locked
    assert _check(user, _wrong(totp)) is services.TotpCheck.WRONG
    assert User.objects.get(pk=user.pk).is_locked
    # Locked: even the right code is not checked, and so is the password.
    assert _check(user, totp.now()) is services.TotpCheck.LOCKED
    assert _login(PASSWORD) is None
    assert AuditEvent.objects.filter(verb="account.locked", target_id=str(user.pk)).count() == 1


def test_a_right_password_does_not_reset_the_count_of_wrong_totp_codes(user):
    totp = _enrolled(user)
    for _ in range(settings.THIDUA_LOCKOUT_ATTEMPTS - 1):
        assert _login(PASSWORD) == user
        assert _check(user, _wrong(totp)) is services.TotpCheck.WRONG
    assert _check(user, _wrong(totp)) is services.TotpCheck.WRONG
    assert User.objects.get(pk=user.pk).is_locked


def test_a_right_totp_code_resets_its_count(user):
    totp = _enrolled(user)
    for _ in range(settings.THIDUA_LOCKOUT_ATTEMPTS - 1):
        _check(user, _wrong(totp))
    assert _check(user, totp.now()) is services.TotpCheck.OK
    assert User.objects.get(pk=user.pk).totp_failures == 0


def test_both_counts_start_again_when_the_lock_has_passed(user):
    totp = _enrolled(user)
    for _ in range(settings.THIDUA_LOCKOUT_ATTEMPTS):
        _check(user, _wrong(totp))
    User.objects.filter(pk=user.pk).update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    assert _check(user, totp.now()) is services.TotpCheck.OK
    fresh = User.objects.get(pk=user.pk)
    assert (fresh.failed_logins, fresh.totp_failures, fresh.locked_until) == (0, 0, None)


def test_a_counter_left_at_a_lowered_limit_does_not_lock_for_ever(user, settings):
    User.objects.filter(pk=user.pk).update(failed_logins=4)
    settings.THIDUA_LOCKOUT_ATTEMPTS = 3
    assert _login(PASSWORD) == user


# -- API tokens -----------------------------------------------------------------------------------------


def test_api_token_is_stored_only_as_a_hash(user):
    key = services.api_token_issue(user=user)
    token = ApiToken.objects.get()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in token.key_hash
    assert services.api_token_user(key) == user


def test_api_token_expires(user):
    key = services.api_token_issue(user=user)
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert services.api_token_user(key) is None


def test_api_token_lasts_the_configured_number_of_days(user):
    services.api_token_issue(user=user)
    lifetime = ApiToken.objects.get().expires_at - timezone.now()
    assert dt.timedelta(days=settings.THIDUA_API_TOKEN_DAYS) - lifetime < dt.timedelta(minutes=1)


@pytest.mark.parametrize("key", ["", "not-a-token"])
def test_unknown_api_token_gives_no_user(user, key):
    services.api_token_issue(user=user)
    assert services.api_token_user(key) is None


def test_api_token_of_an_inactive_user_gives_no_user(user):
    key = services.api_token_issue(user=user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert services.api_token_user(key) is None


def test_api_token_use_is_recorded(user):
    key = services.api_token_issue(user=user)
    services.api_token_user(key)
    assert ApiToken.objects.get().last_used_at is not None
