"""The demo data set: loaded once per module through the services, each test rolls back its own changes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from thidua.accounts.models import User
from thidua.accounts.scope import scope_for
from thidua.audit.models import AuditEvent
from thidua.org.models import OrgUnit, UnitPlacement
from thidua.people.models import AnnualRating, Discipline, Employment, Leave, Person
from thidua.people.selectors import people_list
from thidua.seeding.demo import seed_demo

DEMO_USERS = ["admin", "officer_dept", "officer_school_a", "officer_school_b", "head_a", "council_a", "teacher_a"]
MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """Seed once for the module inside a transaction that is rolled back afterwards."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=MD5), transaction.atomic():
        seed_demo()
        yield
        transaction.set_rollback(True)


def unit(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


def user(username: str) -> User:
    return User.objects.get(username=username)


@pytest.mark.django_db
def test_seed_if_empty_leaves_a_seeded_database_alone():
    before = (OrgUnit.objects.count(), Person.objects.count(), AuditEvent.objects.count())
    out = io.StringIO()
    call_command("seed", "--scale", "demo", "--if-empty", stdout=out)
    assert "bỏ qua" in out.getvalue()
    assert (OrgUnit.objects.count(), Person.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.django_db
@pytest.mark.parametrize("username", DEMO_USERS)
def test_demo_account_logs_in_with_the_demo_password(username):
    assert authenticate(username=username, password="demo12345") == user(username)


@pytest.mark.django_db
def test_department_of_ninh_binh_is_formed_by_merging_three_departments():
    ninh_binh = unit("SGD-NINHBINH")
    assert ninh_binh.name == "Sở Giáo dục và Đào tạo Ninh Bình"
    assert ninh_binh.valid_from == dt.date(2025, 7, 1)
    sources = OrgUnit.objects.filter(successor=ninh_binh)
    assert {u.code for u in sources} == {"SGD-NAMDINH", "SGD-HANAM", "SGD-NINHBINH-1992"}
    assert {u.valid_to for u in sources} == {dt.date(2025, 6, 30)}


@pytest.mark.django_db
def test_schools_a_and_b_are_siblings_under_a_commune_with_teams_and_staff():
    school_a, school_b = unit("THCS-YENTIEN"), unit("TH-YENTIEN")
    assert school_a.parent_id == school_b.parent_id
    assert school_a.parent.kind.code == "commune"
    for school in (school_a, school_b):
        assert school.children.filter(kind__code="team").count() >= 2
        assert 15 <= Person.objects.filter(current_unit=school).count() <= 25


@pytest.mark.django_db
def test_district_school_moved_to_the_commune_on_1_july_2025():
    school_a = unit("THCS-YENTIEN")
    placements = list(UnitPlacement.objects.filter(unit=school_a).order_by("valid_from"))
    assert [(p.parent.code, p.valid_to) for p in placements] == [("PGD-YYEN", dt.date(2025, 6, 30)), ("XA-YENTIEN", None)]
    assert placements[1].valid_from == dt.date(2025, 7, 1)
    assert placements[1].path == school_a.path
    district = unit("PGD-YYEN")
    assert district.kind.code == "district_office"
    assert district.valid_to == dt.date(2025, 6, 30)
    assert not Employment.objects.filter(unit=district, end_date__isnull=True).exists()


@pytest.mark.django_db
def test_officer_of_school_b_does_not_reach_school_a():
    scope = scope_for(user("officer_school_b"))
    assert scope.can_read_unit(unit("TH-YENTIEN"))
    assert not scope.can_read_unit(unit("THCS-YENTIEN"))
    assert scope_for(user("officer_dept")).can_write_unit(unit("THCS-YENTIEN"))


@pytest.mark.django_db
def test_teacher_a_is_findable_without_diacritics():
    teacher = user("teacher_a")
    assert teacher.person.full_name == "Nguyễn Thị Hoà"
    assert teacher.person.current_unit == unit("THCS-YENTIEN")
    found = people_list(actor=user("officer_school_a"), query="nguyen thi hoa")
    assert teacher.person in found


@pytest.mark.django_db
def test_a_teacher_moved_from_school_a_to_school_b():
    rows = Employment.objects.filter(unit__code__in=["THCS-YENTIEN", "TH-YENTIEN"]).order_by("person_id", "start_date")
    by_person: dict[int, list[Employment]] = {}
    for row in rows.select_related("unit"):
        by_person.setdefault(row.person_id, []).append(row)
    moved = [
        history
        for history in by_person.values()
        if len(history) == 2 and history[0].unit.code == "THCS-YENTIEN" and history[1].unit.code == "TH-YENTIEN"
    ]
    assert moved
    first, second = moved[0]
    assert first.end_date + dt.timedelta(days=1) == second.start_date


@pytest.mark.django_db
def test_ten_years_of_ratings_discipline_leave_and_audit_exist():
    hoa = user("teacher_a").person
    years = list(AnnualRating.objects.filter(person=hoa).values_list("school_year__code", flat=True))
    assert years == [f"{y}-{y + 1}" for y in range(2016, 2026)]
    assert Discipline.objects.exists()
    assert set(Leave.objects.values_list("kind", flat=True)) >= {"maternity", "training"}
    assert AuditEvent.objects.filter(verb="unit.merged").count() == 3
    assert AuditEvent.objects.filter(verb="rating.set").count() == AnnualRating.objects.count()


@pytest.mark.django_db
def test_each_decision_is_numbered_and_signed_as_its_authority_issues_it():
    from thidua.awards.models import Award, Decision

    for d in Decision.objects.select_related("issuer__kind"):
        kind = d.issuer.kind.code
        if kind == "ministry":
            assert d.number.endswith("/QĐ-BGDĐT") and d.signer_title.startswith("Bộ trưởng"), d.number
        elif kind == "department":
            chairman = d.signer_title.startswith("Chủ tịch UBND tỉnh")
            assert d.number.endswith("/QĐ-UBND" if chairman else "/QĐ-SGDĐT"), d.number
            if chairman:
                assert "ghi nhận tại Sở GD&ĐT" in d.signer_title
        elif kind in ("district_office", "commune"):
            assert d.number.endswith("/QĐ-UBND") and d.signer_title.startswith("Chủ tịch UBND"), d.number
        assert d.signer_name, d.number
    bk = Award.objects.filter(kind__code="BK_BO_TINH").select_related("decision__issuer__kind")
    assert {(a.decision.issuer.kind.code, a.decision.signer_title.split(" (")[0]) for a in bk} == {
        ("ministry", "Bộ trưởng Bộ Giáo dục và Đào tạo"),
        ("department", "Chủ tịch UBND tỉnh Nam Định"),
    }
    assert Award.objects.filter(kind__code="GK", decision__number__endswith="QĐ-SGDĐT").exists()


@pytest.mark.django_db
def test_decisions_come_after_the_period_they_reward_and_never_in_the_future():
    from django.utils import timezone

    from thidua.awards.models import Decision

    for d in Decision.objects.select_related("school_year"):
        assert d.decision_date <= timezone.localdate(), d.number
        assert d.period_end is None or d.period_end <= d.decision_date, d.number
        if d.school_year:
            assert d.school_year.start_date < d.decision_date, d.number


@pytest.mark.django_db
def test_last_years_published_round_is_dated_inside_its_own_school_year():
    from django.utils import timezone

    from thidua.scoring.models import Publication

    publication = Publication.objects.select_related("scoring_round__school_year").get(scoring_round__school_year__code="2024-2025")
    scoring_round, year = publication.scoring_round, publication.scoring_round.school_year
    inside = [timezone.localtime(publication.published_at).date(), timezone.localtime(scoring_round.created_at).date()]
    inside += [publication.decision_date, *(timezone.localtime(t.at).date() for t in scoring_round.transitions.all())]
    for submission in scoring_round.submissions.all():
        inside += [timezone.localtime(t.at).date() for t in submission.transitions.all()]
    assert all(year.start_date <= day <= year.end_date for day in inside), (year.code, inside)


@pytest.mark.django_db
def test_every_demo_persona_with_a_unit_role_has_something_in_the_inbox_that_opens(client):
    from thidua.notifications.models import Deadline, Notification

    for username in ["officer_dept", "officer_school_a", "head_a", "teacher_a"]:
        notes = list(Notification.objects.filter(recipient__username=username))
        assert notes and any(n.read_at is None for n in notes), username
        client.force_login(user(username))
        for note in notes:
            target = client.get(f"/notifications/{note.pk}/open/")["Location"]
            assert client.get(target, follow=True).status_code == 200, (username, target)
    # School A owes the sơ kết report, its plan for the thematic movement and its answer to the returned dossier; it
    # answered the regular movement.
    owed = Deadline.objects.filter(unit__code="THCS-YENTIEN", closed_at__isnull=True)
    assert owed.count() == 3 and owed.filter(kind="movement_response").count() == 1 and owed.filter(kind="dossier_answer").count() == 1
    assert Deadline.objects.filter(unit__code="THCS-YENTIEN", kind="movement_response", closed_at__isnull=False).count() == 1


@pytest.mark.django_db
def test_school_as_dossier_went_up_and_came_back_with_one_returned_line():
    from thidua.dossiers.models import Dossier
    from thidua.dossiers.selectors import queue

    dossier = Dossier.objects.get(sender__code="THCS-YENTIEN")
    assert dossier.status == "returned" and dossier.receiver == unit("THCS-YENTIEN").parent
    returned = dossier.lines.filter(mark="returned")
    assert returned.count() == 1 and returned.get().reason and returned.get().return_field == "minutes"
    assert [t.action for t in dossier.transitions.all()] == ["submit", "receive", "check", "return"]
    assert not queue(actor=user("officer_school_b")).exists()
