"""Accounts for loaded data sets: the system administrator and a department officer."""

from __future__ import annotations

import datetime as dt

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.org.models import OrgUnit

DEMO_PASSWORD = "demo12345"  # noqa: S105 - documented demo password, never used in production data
ROLES_FROM = dt.date(2015, 1, 1)


def ensure_admin() -> User:
    """The ``admin`` superuser with the system_admin role (created if missing, left alone otherwise)."""
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User(username="admin", is_staff=True, is_superuser=True, first_name="Quản trị", last_name="hệ thống")
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    RoleAssignment.objects.get_or_create(user=admin, unit=None, role=Role.SYSTEM_ADMIN, defaults={"valid_from": ROLES_FROM})
    return admin


def ensure_bench_accounts() -> None:
    """After a bulk load: ``admin`` and ``officer_dept`` (officer of the first active department)."""
    ensure_admin()
    dept = OrgUnit.objects.filter(kind__code="department", valid_to__isnull=True).order_by("id").first()
    if dept is None or User.objects.filter(username="officer_dept").exists():
        return
    officer = User(username="officer_dept", first_name="Cán bộ", last_name="thi đua sở")
    officer.set_password(DEMO_PASSWORD)
    officer.save()
    RoleAssignment.objects.create(user=officer, unit=dept, role=Role.OFFICER, valid_from=ROLES_FROM)
