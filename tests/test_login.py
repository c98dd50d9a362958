"""Login pages: lock-out message and the TOTP second factor."""

from __future__ import annotations

import pyotp
from django.urls import reverse


def _login(client, username, password="demo12345"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_demo_password_logs_in_and_lands_on_the_dashboard(client, world):
    response = _login(client, "officer_school_a")
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Xin chào, officer_school_a" in client.get("/").content.decode()


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, world, settings):
    settings.THIDUA_LOCKOUT_ATTEMPTS = 3
    for _ in range(3):
        assert "không đúng" in _login(client, "officer_school_a", "sai").content.decode()
    body = _login(client, "officer_school_a").content.decode()
    assert "tạm khóa" in body


def test_admin_must_enrol_a_second_factor_when_required(client, world, settings):
    settings.THIDUA_ADMIN_2FA = True
    _login(client, "admin")
    response = client.get(reverse("people:list"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:totp")
    client.get(reverse("accounts:totp"))
    world.admin.refresh_from_db()
    code = pyotp.TOTP(world.admin.totp_secret).now()
    assert client.post(reverse("accounts:totp"), {"code": code}).status_code == 302
    assert client.get(reverse("people:list")).status_code == 200
    world.admin.refresh_from_db()
    assert world.admin.totp_enabled


def test_wrong_totp_code_is_refused_with_a_vietnamese_message(client, world, settings):
    settings.THIDUA_ADMIN_2FA = True
    _login(client, "admin")
    client.get(reverse("accounts:totp"))
    body = client.post(reverse("accounts:totp"), {"code": "000000"}).content.decode()
    assert "Mã xác thực không đúng" in body
    assert client.get(reverse("people:list")).status_code == 302


def _enrolled_officer(client, world):
    user = world.officer_school_a
    user.totp_secret = pyotp.random_base32()
    user.totp_enabled = True
    user.save(update_fields=["totp_secret", "totp_enabled"])
    _login(client, "officer_school_a")
    return pyotp.TOTP(user.totp_secret)


def test_guessing_the_totp_step_locks_the_account_and_ends_the_session(client, world, settings):
    settings.THIDUA_LOCKOUT_ATTEMPTS = 3
    totp = _enrolled_officer(client, world)
    wrong = f"{(int(totp.now()) + 500000) % 1000000:06d}"
    for _ in range(2):
        assert "Mã xác thực không đúng" in client.post(reverse("accounts:totp"), {"code": wrong}).content.decode()
    response = client.post(reverse("accounts:totp"), {"code": wrong})
    assert response.status_code == 200  # the third wrong code is still answered as wrong; it set the lock
    response = client.post(reverse("accounts:totp"), {"code": totp.now()})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert "tạm khóa" in client.get(reverse("accounts:login")).content.decode()
    assert client.get(reverse("people:list")).status_code == 302
    assert "tạm khóa" in _login(client, "officer_school_a").content.decode()


def test_a_totp_code_opens_one_session_only(client, world):
    totp = _enrolled_officer(client, world)
    code = totp.now()
    assert client.post(reverse("accounts:totp"), {"code": code}).status_code == 302
    other = type(client)()
    _login(other, "officer_school_a")
    assert "đã được dùng" in other.post(reverse("accounts:totp"), {"code": code}).content.decode()
    assert other.get(reverse("people:list")).status_code == 302


def test_officers_are_not_asked_for_a_second_factor_unless_enrolled(client, world, settings):
    settings.THIDUA_ADMIN_2FA = True
    _login(client, "officer_school_a")
    assert client.get(reverse("people:list")).status_code == 200


def test_interface_is_vietnamese_even_for_an_english_browser(client, world):
    client.force_login(world.officer_school_a)
    body = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert 'lang="vi"' in body and "Đăng xuất" in body


def test_language_switch_to_english_sticks(client, world):
    client.force_login(world.officer_school_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert 'lang="en"' in body and "Log out" in body
