from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")
    OFFICER = "officer", _("Cán bộ thi đua – khen thưởng")
    HEAD = "head", _("Thủ trưởng đơn vị")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng TĐKT")
    STAFF = "staff", _("Cá nhân (tự phục vụ)")


# Roles that see the unit's subtree; ``staff`` sees only the holder's own record.
UNIT_READ_ROLES = {Role.OFFICER, Role.HEAD, Role.COUNCIL_MEMBER}
# Roles that may change people and units in the subtree.
UNIT_WRITE_ROLES = {Role.OFFICER, Role.HEAD}


class User(AbstractUser):
    """A login. ``person`` links the account to the person's career record (staff self-service)."""

    person = models.OneToOneField(
        "people.Person", verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT, related_name="user"
    )
    failed_logins = models.PositiveSmallIntegerField(_("số lần đăng nhập sai"), default=0)
    locked_until = models.DateTimeField(_("khóa đến"), null=True, blank=True)
    totp_secret = models.CharField(max_length=64, blank=True)
    totp_enabled = models.BooleanField(_("bật xác thực hai bước"), default=False)
    totp_failures = models.PositiveSmallIntegerField(_("số lần nhập sai mã xác thực"), default=0)
    # The time step (30 s) of the last accepted code: a code is accepted once, never an older one after it.
    totp_last_step = models.BigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    @property
    def display_name(self) -> str:
        """The person's full name, else the account's own name (first and last name), else the login: the header's
        name and the actor of every history row. The session's user row carries the person's name
        (``backends.LockoutModelBackend.get_user``), so a page pays no query for it."""
        if "person_name" in self.__dict__:
            return self.__dict__["person_name"] or self.get_full_name().strip() or self.get_username()
        name = self.person.full_name if self.person_id else ""
        return name or self.get_full_name().strip() or self.get_username()

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()


class RoleAssignment(models.Model):
    """Person (through their account) × unit × role. A role on a unit reaches its whole subtree."""

    user = models.ForeignKey(User, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="role_assignments")
    unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="role_assignments"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    valid_from = models.DateField(_("từ ngày"), default=timezone.localdate)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="role_assignment_once"),
            models.CheckConstraint(condition=models.Q(role="system_admin") | models.Q(unit__isnull=False), name="unit_role_needs_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit or '*'}"


class ApiToken(models.Model):
    """Bearer token for the REST API; only a SHA-256 hash of the key is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("khóa truy cập API")
        verbose_name_plural = _("khóa truy cập API")

    def __str__(self) -> str:
        return f"{self.user} (…{self.key_hash[:6]})"
