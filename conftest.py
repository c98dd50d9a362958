"""Personas shared by every test: a small tree with two sibling schools and one user per role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.conf import settings

from tests.factories import UserFactory, grant, make_person, make_unit


def _fast_postgresql_flush() -> None:
    """Empty the tables with DELETE rather than TRUNCATE after a transactional test on PostgreSQL.

    Django's flush truncates every table, which PostgreSQL does by swapping each table's files: 0.7 s for
    our 70-odd nearly empty tables against 0.07 s for DELETE. Row triggers are switched off for the
    statement's transaction (``session_replication_role = replica``: the insert-only triggers of the
    scoring app would refuse the DELETE, and the foreign-key checks are not needed when everything goes).
    Content types and permissions are kept, so the ``post_migrate`` that follows finds them in place. A
    flush that resets sequences still truncates.
    """
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush
    kept = {"django_content_type", "auth_permission"}

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        deletes = [f"DELETE FROM {self.quote_name(table)};" for table in tables if table not in kept]
        return ["SET LOCAL session_replication_role = replica;", *deletes]

    DatabaseOperations.sql_flush = sql_flush


if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
    _fast_postgresql_flush()


def pytest_collection_modifyitems(config, items):
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Argon2 is the production hasher (tested in accounts); a fast one keeps persona set-up cheap.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Uploaded files (decision scans, import files) go to a per-test folder.
    settings.MEDIA_ROOT = tmp_path / "media"
    # The cache outlives a test's rolled-back database (the person pages' eligibility answers, rules/person_answer.py).
    from django.core.cache import cache

    cache.clear()


@dataclass
class World:
    ministry: object
    dept: object
    district: object
    commune: object
    school_a: object
    school_b: object
    team_a: object
    other_dept: object
    school_c: object
    admin: object
    officer_dept: object
    officer_school_a: object
    officer_school_b: object
    head_a: object
    council_a: object
    teacher_a: object
    person_a: object  # the teacher behind teacher_a
    colleague_a: object  # another teacher of school A
    person_b: object  # a teacher of school B
    person_c: object  # a teacher in another department


@pytest.fixture
def world(db) -> World:
    # Transactional tests flush the tables, data-migration rows included: put the reference rows back.
    from thidua.org.models import UnitKind
    from thidua.org.reference import ensure_kinds
    from thidua.years.models import SchoolYear
    from thidua.years.reference import ensure_school_years

    ensure_kinds(UnitKind)
    ensure_school_years(SchoolYear)
    from thidua.awards import catalogue
    from thidua.awards.models import AwardKind, BaseSalary, LegalRegime

    catalogue.load(LegalRegime, AwardKind, BaseSalary)
    ministry = make_unit(code="BGDDT", name="Bộ Giáo dục và Đào tạo", kind="ministry", valid_from=dt.date(2000, 1, 1))
    dept = make_unit(
        code="SGD-NB", name="Sở Giáo dục và Đào tạo Ninh Bình", kind="department", parent=ministry, valid_from=dt.date(2000, 1, 1)
    )
    district = make_unit(code="PGD-YY", name="Phòng GD&ĐT huyện Ý Yên", kind="district_office", parent=dept, valid_from=dt.date(2000, 1, 1))
    commune = make_unit(code="XA-YT", name="UBND xã Yên Tiến", kind="commune", parent=dept, valid_from=dt.date(2025, 7, 1))
    school_a = make_unit(code="THCS-YT", name="Trường THCS Yên Tiến", kind="school", parent=commune, levels="lower_secondary")
    school_b = make_unit(code="TH-YT", name="Trường Tiểu học Yên Tiến", kind="school", parent=commune, levels="primary")
    team_a = make_unit(code="THCS-YT-TN", name="Tổ Khoa học tự nhiên", kind="team", parent=school_a)
    other_dept = make_unit(
        code="SGD-HP", name="Sở Giáo dục và Đào tạo Hải Phòng", kind="department", parent=ministry, valid_from=dt.date(2000, 1, 1)
    )
    school_c = make_unit(code="THPT-LC", name="Trường THPT Lê Chân", kind="school", parent=other_dept, levels="upper_secondary")

    person_a = make_person(name="Nguyễn Thị Hoà", unit=school_a, national_id="001185000001")
    colleague_a = make_person(name="Trần Văn Đức", unit=school_a, gender="male")
    person_b = make_person(name="Lê Thị Bích", unit=school_b, national_id="001185000002")
    person_c = make_person(name="Phạm Văn Cường", unit=school_c, gender="male")

    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    grant(admin, "system_admin", None)
    officer_dept = UserFactory(username="officer_dept")
    grant(officer_dept, "officer", dept)
    officer_school_a = UserFactory(username="officer_school_a")
    grant(officer_school_a, "officer", school_a)
    officer_school_b = UserFactory(username="officer_school_b")
    grant(officer_school_b, "officer", school_b)
    head_a = UserFactory(username="head_a")
    grant(head_a, "head", school_a)
    council_a = UserFactory(username="council_a")
    grant(council_a, "council_member", school_a)
    teacher_a = UserFactory(username="teacher_a", person=person_a)
    grant(teacher_a, "staff", school_a)
    return World(**{k: v for k, v in locals().items() if k in World.__dataclass_fields__})


@pytest.fixture
def personas(world):
    """Name -> user (None for anonymous), for access tests."""
    return {
        "anonymous": None,
        "admin": world.admin,
        "officer_dept": world.officer_dept,
        "officer_school_a": world.officer_school_a,
        "officer_school_b": world.officer_school_b,
        "head_a": world.head_a,
        "council_a": world.council_a,
        "teacher_a": world.teacher_a,
    }
