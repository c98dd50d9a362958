"""Lock-out counters that hold under parallel requests.

An attempt is counted *before* the secret is checked, by one conditional ``UPDATE`` that only succeeds
while the counter is below the limit and the account is not locked (PostgreSQL re-checks the condition
on the locked row, SQLite serialises writers). So inside one lock period at most
``THIDUA_LOCKOUT_ATTEMPTS`` passwords, and as many TOTP codes, are ever checked, however many requests
arrive at once. The attempt that reaches the limit sets ``locked_until`` in the same statement; a right
secret releases the claim (resets its counter). When ``locked_until`` has passed, both counters start
again from zero.

Passwords and TOTP codes have separate counters: a right password must not reset the count of guessed
second factors, or knowing the password would give unlimited TOTP guesses.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from thidua.audit import recorder as audit

from .models import User

PASSWORD = "failed_logins"  # noqa: S105 - a field name
TOTP = "totp_failures"
_COUNTERS = (PASSWORD, TOTP)


def _limit() -> int:
    return max(1, settings.THIDUA_LOCKOUT_ATTEMPTS)


def claim_attempt(user_id: int, counter: str) -> bool:
    """Count one attempt of ``counter`` for the user; ``False`` means locked: do not check the secret."""
    assert counter in _COUNTERS
    limit = _limit()
    now = timezone.now()
    with transaction.atomic():
        # A lock whose time has passed (or a counter left at the limit without a lock, e.g. after the limit
        # was lowered) starts a new period.
        stale = Q(locked_until__lte=now) | Q(locked_until__isnull=True) & (Q(failed_logins__gte=limit) | Q(totp_failures__gte=limit))
        User.objects.filter(stale, pk=user_id).update(failed_logins=0, totp_failures=0, locked_until=None)
        until = now + dt.timedelta(minutes=settings.THIDUA_LOCKOUT_MINUTES)
        claimed = User.objects.filter(pk=user_id, locked_until__isnull=True, **{f"{counter}__lt": limit}).update(
            **{counter: F(counter) + 1},
            locked_until=Case(When(**{f"{counter}__gte": limit - 1}, then=Value(until)), default=Value(None)),
        )
        if claimed:
            # This attempt reached the limit (the row stays locked by our UPDATE until commit): record the lock.
            user = User.objects.filter(pk=user_id, locked_until=until).first()
            if user is not None:
                audit.record(actor=None, verb="account.locked", target=user, unit=None, after={"counter": counter, "until": until})
    return claimed == 1


def release(user_id: int, counter: str) -> None:
    """The secret was right: forget this counter's attempts (and the lock the last attempt may have set)."""
    assert counter in _COUNTERS
    other = TOTP if counter == PASSWORD else PASSWORD
    User.objects.filter(pk=user_id).update(
        **{counter: 0},
        # Keep a lock that the other counter has earned meanwhile.
        locked_until=Case(When(**{f"{other}__gte": _limit()}, then=F("locked_until")), default=Value(None)),
    )
