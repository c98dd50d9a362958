"""Accounts, role assignments, API tokens and the second factor."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import hmac
import secrets

import pyotp
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit import recorder as audit
from thidua.core.errors import Conflict, DomainError, PermissionDenied

from . import lockout
from .models import ApiToken, Role, RoleAssignment, User
from .scope import scope_for


@transaction.atomic
def role_assign(*, actor, user: User, role: str, unit=None, valid_from: dt.date | None = None) -> RoleAssignment:
    """Give ``user`` a role on ``unit``. Officers may grant roles inside their own subtree only."""
    scope = scope_for(actor)
    if role not in Role.values:
        raise DomainError(_("Vai trò không hợp lệ."), code="invalid_role", field="role")
    if role == Role.SYSTEM_ADMIN or unit is None:
        if not scope.is_admin:
            raise PermissionDenied(_("Chỉ quản trị hệ thống được cấp quyền quản trị."), code="forbidden")
    elif not scope.can_write_unit(unit):
        raise PermissionDenied(_("Bạn không có quyền phân quyền tại đơn vị này."), code="forbidden")
    day = valid_from or timezone.localdate()
    assignment, created = RoleAssignment.objects.select_for_update().get_or_create(
        user=user, unit=unit, role=role, defaults={"valid_from": day}
    )
    if created:
        audit.record(actor=actor, verb="role.assigned", target=assignment, unit=unit, after=audit.snapshot(assignment))
    elif assignment.valid_to is not None or assignment.valid_from > day:
        # One row per (user, unit, role): granting an expired or not-yet-valid role again reopens that row.
        before = audit.snapshot(assignment)
        assignment.valid_from, assignment.valid_to = min(assignment.valid_from, day) if assignment.valid_to is None else day, None
        assignment.save(update_fields=["valid_from", "valid_to"])
        audit.record(actor=actor, verb="role.assigned", target=assignment, unit=unit, before=before, after=audit.snapshot(assignment))
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    scope = scope_for(actor)
    if not (scope.is_admin or (assignment.unit and scope.can_write_unit(assignment.unit))):
        raise PermissionDenied(_("Bạn không có quyền thu hồi vai trò này."), code="forbidden")
    audit.record(actor=actor, verb="role.revoked", target=assignment, unit=assignment.unit, before=audit.snapshot(assignment))
    assignment.delete()


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_issue(*, user: User) -> str:
    """Create a bearer token; the plain key is returned once and only its hash is stored."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, key_hash=_hash(key), expires_at=timezone.now() + dt.timedelta(days=settings.THIDUA_API_TOKEN_DAYS)
    )
    audit.record(actor=user, verb="api_token.issued", target=token, unit=None)
    return key


def api_token_lookup(key: str) -> ApiToken | None:
    """The live token with this key (not expired, its user active), its use recorded at most every 5 minutes."""
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key), expires_at__gt=timezone.now()).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def api_token_user(key: str) -> User | None:
    token = api_token_lookup(key)
    return token.user if token is not None else None


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    """Revoke a token at once (the row goes; the audit log keeps when, by whom, whose). Own tokens, or an admin."""
    token = ApiToken.objects.select_for_update().select_related("user").filter(pk=token.pk).first()
    if token is None:
        raise Conflict(_("Khóa truy cập này vừa bị thu hồi."), code="already_revoked")
    if token.user_id != actor.pk and not scope_for(actor).is_admin:
        raise PermissionDenied(_("Bạn chỉ được thu hồi khóa truy cập của mình."), code="forbidden")
    audit.record(actor=actor, verb="api_token.revoked", target=token, unit=None, before=audit.snapshot(token))
    token.delete()


@transaction.atomic
def totp_begin(*, user: User) -> str:
    """Start enrolment: store a fresh secret (not yet enabled) and return the provisioning URI."""
    user.totp_secret = pyotp.random_base32()
    user.save(update_fields=["totp_secret"])
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.username, issuer_name="thidua")


class TotpCheck(enum.Enum):
    OK = "ok"
    WRONG = "wrong"  # wrong, or already used
    LOCKED = "locked"  # too many wrong codes (or passwords): nothing was checked


def _totp_step(secret: str, code: str | None) -> int | None:
    """The time step (t-1, t or t+1) whose code is ``code``, or None."""
    code = (code or "").strip()
    if not secret or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(timezone.now())
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def totp_check(*, user: User, code: str | None) -> TotpCheck:
    """Check a second-factor code: counted before it is checked (lock-out), and each code is accepted once.

    A code is refused when its time step is not later than the last accepted one, so a code seen by
    someone else (over a shoulder, in a log) cannot be replayed, not even in parallel.
    """
    if not lockout.claim_attempt(user.pk, lockout.TOTP):
        return TotpCheck.LOCKED
    step = _totp_step(user.totp_secret, code)
    if step is None:
        return TotpCheck.WRONG
    fresh = Q(totp_last_step__isnull=True) | Q(totp_last_step__lt=step)
    if not User.objects.filter(fresh, pk=user.pk).update(totp_last_step=step):
        return TotpCheck.WRONG
    user.totp_last_step = step
    lockout.release(user.pk, lockout.TOTP)
    return TotpCheck.OK


class AccountLocked(DomainError):
    status = 401


def totp_require(*, user: User, code: str | None, field: str = "code") -> None:
    """``totp_check`` as a service step: a Vietnamese ``DomainError`` unless the code is accepted."""
    result = totp_check(user=user, code=code)
    if result is TotpCheck.LOCKED:
        raise AccountLocked(_("Tài khoản tạm khóa do nhập sai nhiều lần. Vui lòng thử lại sau."), code="account_locked", field=field)
    if result is TotpCheck.WRONG:
        raise DomainError(_("Mã xác thực không đúng hoặc đã được dùng."), code="invalid_totp", field=field)


def totp_enable(*, user: User, code: str) -> None:
    # Not one transaction: a wrong code must stay counted although the enrolment is refused.
    totp_require(user=user, code=code)
    with transaction.atomic():
        user.totp_enabled = True
        user.save(update_fields=["totp_enabled"])
        audit.record(actor=user, verb="totp.enabled", target=user, unit=None)
