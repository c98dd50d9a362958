"""The lock-out holds under parallel requests: at most ``THIDUA_LOCKOUT_ATTEMPTS`` secrets are checked.

Each thread has its own database connection (real concurrency on PostgreSQL); the password and TOTP
checks are slowed down so that every request is in flight before the first one finishes.
"""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pyotp
import pytest
from django.db import connection
from django.test import Client

from tests.factories import UserFactory
from thidua.accounts import services
from thidua.accounts.backends import LockoutModelBackend
from thidua.accounts.models import User

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 30
LIMIT = 5


class Counter:
    def __init__(self):
        self.calls = 0
        self._lock = threading.Lock()

    def wrap(self, func):
        def counted(*args, **kwargs):
            with self._lock:
                self.calls += 1
            time.sleep(0.05)  # the hash takes time: let the other requests arrive meanwhile
            return func(*args, **kwargs)

        return counted


def _in_parallel(call) -> list:
    barrier = threading.Barrier(THREADS)

    def run(_):
        try:
            barrier.wait()
            return call()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(run, range(THREADS)))


@pytest.fixture
def limited(settings):
    settings.THIDUA_LOCKOUT_ATTEMPTS = LIMIT
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_thirty_parallel_wrong_passwords_check_at_most_the_limit(limited, monkeypatch):
    user = UserFactory(username="giaovien")
    counter = Counter()
    monkeypatch.setattr(User, "check_password", counter.wrap(User.check_password))

    results = _in_parallel(lambda: LockoutModelBackend().authenticate(None, username="giaovien", password="wrong"))

    assert results == [None] * THREADS
    assert counter.calls <= LIMIT
    user.refresh_from_db()
    assert user.is_locked


def test_thirty_parallel_token_requests_check_at_most_the_limit(limited, monkeypatch):
    UserFactory(username="giaovien")
    counter = Counter()
    monkeypatch.setattr(User, "check_password", counter.wrap(User.check_password))
    body = json.dumps({"username": "giaovien", "password": "wrong-password"})

    statuses = _in_parallel(lambda: Client().post("/api/v1/auth/token", body, content_type="application/json").status_code)

    assert statuses == [401] * THREADS
    assert counter.calls <= LIMIT
    assert User.objects.get(username="giaovien").is_locked


def test_thirty_parallel_totp_guesses_check_at_most_the_limit(limited, monkeypatch):
    user = UserFactory(username="giaovien")
    services.totp_begin(user=user)
    User.objects.filter(pk=user.pk).update(totp_enabled=True)
    code = pyotp.TOTP(user.totp_secret).now()
    wrong = f"{(int(code) + 500000) % 1000000:06d}"
    counter = Counter()
    monkeypatch.setattr(pyotp.TOTP, "generate_otp", counter.wrap(pyotp.TOTP.generate_otp))

    results = _in_parallel(lambda: services.totp_check(user=User.objects.get(pk=user.pk), code=wrong))

    assert services.TotpCheck.OK not in results
    # Each counted attempt compares the code with the three steps of the window (t-1, t, t+1).
    assert counter.calls <= LIMIT * 3
    assert User.objects.get(pk=user.pk).is_locked


def test_one_totp_code_sent_thirty_times_in_parallel_is_accepted_once(limited):
    user = UserFactory(username="giaovien")
    services.totp_begin(user=user)
    User.objects.filter(pk=user.pk).update(totp_enabled=True)
    code = pyotp.TOTP(user.totp_secret).now()

    results = _in_parallel(lambda: services.totp_check(user=User.objects.get(pk=user.pk), code=code))

    assert results.count(services.TotpCheck.OK) == 1
