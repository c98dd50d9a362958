"""Accounts, role assignments, API tokens and the second factor."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import pyotp
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit import recorder as audit
from thidua.core.errors import DomainError, PermissionDenied

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


def api_token_user(key: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key), expires_at__gt=timezone.now()).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def totp_begin(*, user: User) -> str:
    """Start enrolment: store a fresh secret (not yet enabled) and return the provisioning URI."""
    user.totp_secret = pyotp.random_base32()
    user.save(update_fields=["totp_secret"])
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.username, issuer_name="thidua")


def totp_verify(user: User, code: str) -> bool:
    return bool(user.totp_secret) and pyotp.TOTP(user.totp_secret).verify((code or "").strip(), valid_window=1)


@transaction.atomic
def totp_enable(*, user: User, code: str) -> None:
    if not totp_verify(user, code):
        raise DomainError(_("Mã xác thực không đúng."), code="invalid_totp", field="code")
    user.totp_enabled = True
    user.save(update_fields=["totp_enabled"])
    audit.record(actor=user, verb="totp.enabled", target=user, unit=None)
