"""The eligibility table is evaluated once per data version (issue 12): a reload reads the snapshot, and every
kind of write the engine reads makes the next page a fresh evaluation; a big unit is evaluated in the background
while the page shows the last table with its age."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse

from thidua.awards import services as award_services
from thidua.awards.models import AwardKind
from thidua.awards.services import AwardSpec
from thidua.org import services as org_services
from thidua.people import services as people_services
from thidua.rules import selectors, snapshots
from thidua.rules import services as rules_services
from thidua.rules.models import EligibilitySnapshot
from thidua.years import services as year_services
from thidua.years.models import SchoolYear

pytestmark = pytest.mark.django_db
YEAR = 2024
D = dt.date


def _url(unit, **params) -> str:
    return reverse("rules:unit", kwargs={"pk": unit.pk}) + "?" + "&".join(f"{k}={v}" for k, v in {"year": YEAR, **params}.items())


def _sy() -> SchoolYear:
    return SchoolYear.objects.get(code="2024-2025")


def _version(unit) -> str:
    return snapshots.data_version(unit, YEAR, selectors.day_for(YEAR), snapshots.outside_units(unit, YEAR))


def _page(client, unit) -> dict[tuple[str, str], str]:
    rows = client.get(_url(unit)).context["rows"]
    return {(r.id, c.code): str(c.badge) for r in rows for c in r.outcomes}


def _fresh(unit) -> dict[tuple[str, str], str]:
    evaluation = selectors.evaluate_document_facts(selectors.unit_document(unit=unit, year=YEAR, day=selectors.day_for(YEAR)))
    return {(p.id, a.code): str(a.badge) for p in evaluation.persons for a in evaluation.assessed(p).outcomes}


@pytest.fixture
def evaluations(monkeypatch):
    """Counts the evaluations of a unit document."""
    calls = []
    real = selectors.evaluate_document_facts

    def counting(doc):
        calls.append(doc)
        return real(doc)

    monkeypatch.setattr(selectors, "evaluate_document_facts", counting)
    return calls


def test_a_reload_reads_the_snapshot_instead_of_evaluating_again(client, world, history, evaluations):
    client.force_login(world.officer_school_a)

    first = _page(client, world.school_a)
    second = _page(client, world.school_a)

    assert first == second and len(evaluations) == 1
    assert EligibilitySnapshot.objects.filter(unit=world.school_a, year=YEAR).count() == 1


def _rating(world, history):
    people_services.rating_set(actor=world.officer_school_a, person=history.hoa, school_year=_sy(), rating="not_completed")


def _rating_deleted(world, history):
    people_services.rating_delete(actor=world.officer_school_a, rating=history.binh.ratings.get(school_year=_sy()))


def _discipline(world, history):
    people_services.discipline_add(actor=world.officer_school_a, person=history.lan, form="reprimand", start_date=D(2025, 1, 10))


def _leave(world, history):
    people_services.leave_add(
        actor=world.officer_school_a, person=history.lan, kind="sick", start_date=D(2024, 10, 1), end_date=D(2025, 3, 1)
    )


def _hired(world, history):
    person = people_services.person_create(
        actor=world.officer_school_a,
        full_name="Đỗ Văn Mới",
        gender="male",
        unit=world.school_a,
        staff_type="teacher",
        start_date=D(2024, 9, 5),
    )
    assert person.pk


def _employment(world, history):
    people_services.employment_update(actor=world.admin, employment=history.binh.employments.get(), start_date=D(2023, 9, 1))


def _person(world, history):
    people_services.person_update(actor=world.officer_school_a, person=history.lan, full_name="Phạm Thị Lan Anh")


def _decision_from_above(world, history):
    award_services.decision_create(
        actor=world.officer_dept, issuer=world.dept, number="99/QĐ-SGD", decision_date=D(2025, 5, 20), award_type="annual",
        awards=[AwardSpec("LDTT", person=history.duc, school_year=_sy())], school_year=_sy(),
    )  # fmt: skip


def _decision_revoked(world, history):
    decision = history.hoa.awards.filter(kind__code="CSTDCS").first().decision
    award_services.decision_revoke(actor=world.officer_dept, decision=decision, reason="Hồ sơ sai")


def _award_revoked(world, history):
    award = history.hoa.awards.filter(kind__code="LDTT").order_by("-decision__decision_date").first()
    award_services.award_revoke(actor=world.officer_dept, award=award, reason="Hồ sơ sai")


def _initiative(world, history):
    award_services.initiative_record_create(
        actor=world.officer_school_a, unit=world.school_a, title="Dạy học theo dự án", school_year=_sy(), scope="unit",
        authors=[history.lan], decision_number="5/QĐ-THCS", decision_date=D(2025, 4, 2),
    )  # fmt: skip


def _confirmation(world, history):
    fact = next(iter(rules_services.FACTS))
    rules_services.confirmations_set(
        actor=world.officer_school_a, person=history.hoa, school_year=_sy(), values={fact: True}, basis="Biên bản 1"
    )


def _ballot(world, history):
    code = rules_services.VOTE_TITLES[0]
    rules_services.ballot_tally_set(
        actor=world.officer_school_a, person=history.hoa, school_year=_sy(), code=code, total_members=10, in_favour=9,
        in_favour_written=0, session_date=D(2025, 5, 20), basis="Biên bản 2",
    )  # fmt: skip


def _unit_updated(world, history):
    org_services.unit_update(actor=world.admin, unit=world.school_a, remote_area=True)


def _restructured(world, history):
    org_services.unit_move(actor=world.admin, unit=world.school_b, new_parent=world.school_a, effective_date=D(2025, 3, 1))


def _catalogue(world, history):
    award_services.award_kind_revise(
        actor=world.admin, kind=AwardKind.objects.filter(code="LDTT", is_current=True).first(), name="Lao động tiên tiến (sửa)"
    )


def _school_year(world, history):
    year_services.school_year_create(actor=world.admin, start_year=2040)


WRITES = [
    _rating, _rating_deleted, _discipline, _leave, _hired, _employment, _person, _decision_from_above, _decision_revoked,
    _award_revoked, _initiative, _confirmation, _ballot, _unit_updated, _restructured, _catalogue, _school_year,
]  # fmt: skip


@pytest.mark.parametrize("write", WRITES, ids=[w.__name__.strip("_") for w in WRITES])
def test_every_kind_of_write_the_engine_reads_refreshes_the_table(client, world, history, write):
    client.force_login(world.admin)
    _page(client, world.school_a)
    before = _version(world.school_a)

    write(world, history)

    assert _version(world.school_a) != before
    assert _page(client, world.school_a) == _fresh(world.school_a)


@pytest.mark.parametrize("write", [_rating, _discipline])
def test_a_write_changes_what_the_cached_page_shows(client, world, history, write):
    client.force_login(world.officer_school_a)
    before = _page(client, world.school_a)

    write(world, history)

    after = _page(client, world.school_a)
    assert after != before and after == _fresh(world.school_a)


def test_a_decision_of_another_school_about_someone_who_moved_there_refreshes_the_old_school(client, world, history):
    people_services.person_transfer(actor=world.admin, person=history.lan, to_unit=world.school_b, effective_date=D(2025, 3, 1))
    client.force_login(world.admin)
    _page(client, world.school_a)
    before = _version(world.school_a)

    award_services.decision_create(
        actor=world.officer_school_b, issuer=world.school_b, number="3/QĐ-TH", decision_date=D(2025, 4, 1), award_type="ad_hoc",
        awards=[AwardSpec("GK", person=history.lan)], title="Khen thưởng đột xuất",
    )  # fmt: skip

    assert _version(world.school_a) != before
    assert _page(client, world.school_a) == _fresh(world.school_a)


def test_a_write_in_another_department_leaves_the_snapshot_alone(client, world, history, evaluations):
    client.force_login(world.officer_school_a)
    _page(client, world.school_a)
    before = _version(world.school_a)

    people_services.rating_set(actor=world.admin, person=world.person_c, school_year=_sy(), rating="excellent")

    assert _version(world.school_a) == before
    _page(client, world.school_a)
    assert len(evaluations) == 1


def test_another_day_is_another_version(world, history):
    outside = snapshots.outside_units(world.school_a, YEAR)
    assert snapshots.data_version(world.school_a, YEAR, D(2025, 5, 1), outside) != snapshots.data_version(
        world.school_a, YEAR, D(2025, 5, 2), outside
    )


@override_settings(THIDUA_ELIGIBILITY_INLINE_MAX=0, TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_a_big_unit_shows_the_last_table_and_its_age_while_it_is_evaluated_again(client, world, history):
    client.force_login(world.officer_school_a)
    snapshots.compute(world.school_a, YEAR, selectors.day_for(YEAR))
    _rating(world, history)

    page = client.get(_url(world.school_a))

    html = page.content.decode()
    assert page.context["view"].table is not None and not page.context["view"].fresh
    assert "Đang hiển thị kết quả tính lúc" in html and 'hx-trigger="every 2s"' in html and "Đang tính lại" in html
    assert page.context["rows"]  # the last table, not an empty page
    poll = client.get(_url(world.school_a), headers={"HX-Request": "true", "HX-Target": "elig-status"})
    assert poll.status_code == 200 and "HX-Refresh" not in poll.headers

    snapshots.refresh(world.school_a.pk, YEAR, selectors.day_for(YEAR))  # what the worker does

    poll = client.get(_url(world.school_a), headers={"HX-Request": "true", "HX-Target": "elig-status"})
    assert poll.headers.get("HX-Refresh") == "true"
    assert _page(client, world.school_a) == _fresh(world.school_a)


@override_settings(THIDUA_ELIGIBILITY_INLINE_MAX=0, TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_a_big_unit_without_any_table_yet_says_it_is_being_evaluated(client, world, history):
    client.force_login(world.officer_school_a)

    html = client.get(_url(world.school_a)).content.decode()

    assert "hệ thống đang xét" in html and "Chưa có kết quả." in html
    row = EligibilitySnapshot.objects.get(unit=world.school_a, year=YEAR)
    assert row.running_version and row.payload is None and row.total == 4


@override_settings(THIDUA_ELIGIBILITY_INLINE_MAX=0)
def test_the_background_task_computes_the_table_with_the_immediate_backend(client, world, history, django_capture_on_commit_callbacks):
    client.force_login(world.officer_school_a)

    with django_capture_on_commit_callbacks(execute=True) as started:
        client.get(_url(world.school_a))  # the task runs once the page's transaction commits

    page = client.get(_url(world.school_a))
    assert len(started) == 1 and page.context["view"].fresh and page.context["rows"]
    row = EligibilitySnapshot.objects.get(unit=world.school_a, year=YEAR)
    assert not row.running_version and row.done == row.total == 4


def test_many_unit_checks_are_shown_for_the_team_chosen(client, world, history, monkeypatch):
    from thidua.rules import views

    monkeypatch.setattr(views, "CHECKS_SHOWN", 0)
    client.force_login(world.officer_dept)

    page = client.get(_url(world.dept))
    team = client.get(_url(world.dept, team=world.school_a.code))

    assert page.context["checks_hidden"] and "chọn một tổ, đơn vị ở bộ lọc để xem" in page.content.decode()
    assert [name for _entry, name in team.context["unit_checks"]] == ["Trường THCS Yên Tiến"]


def test_the_whole_read_reads_the_rows_of_every_person(world, history):
    from thidua.people.models import AnnualRating, Person

    rows = selectors.fact_rows_of_everyone(day=D(2025, 6, 15), year=YEAR)

    assert len(rows["people"]) == Person.objects.count()
    assert len(rows["ratings"]) == AnnualRating.objects.filter(school_year__start_date__lte=D(2025, 6, 15)).count() > 0
    ids = [p.pk for p in Person.objects.all()]
    batched = selectors.person_facts(ids, day=D(2025, 6, 15), year=YEAR)
    assert len(rows["awards"]) >= sum(len(p.awards) for p in batched) > 0


def test_a_payload_not_sealed_by_this_installation_is_never_unpickled(client, world, history, evaluations, monkeypatch):
    """A snapshot row written or changed outside this code (a pickle planted in the database) is ignored and the
    table computed again: a write to the database must not become code run by the application."""
    import pickle
    import zlib

    client.force_login(world.officer_school_a)
    expected = _page(client, world.school_a)
    row = EligibilitySnapshot.objects.get(unit=world.school_a, year=YEAR)
    planted = bytes(row.payload)[:32] + zlib.compress(pickle.dumps({"planted": True}))
    EligibilitySnapshot.objects.filter(pk=row.pk).update(payload=planted)
    loads, real_loads = [], pickle.loads
    monkeypatch.setattr(snapshots.pickle, "loads", lambda data: loads.append(data) or real_loads(data))

    assert _page(client, world.school_a) == expected
    assert len(evaluations) == 2  # computed again
    assert all(b"planted" not in data for data in loads)
