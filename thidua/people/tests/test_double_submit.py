"""A form sent twice (a double click, a retried request) is never a server error: the second copy is a
form error (HTML) or a 400/409 with the error shape (API), or — for a year's first rating — a correction
of the first. Sequentially on any database; with real concurrency on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import connection, transaction
from django.urls import reverse

from thidua.core.errors import Conflict, DomainError
from thidua.org import services as org_services
from thidua.org.models import OrgUnit
from thidua.people import services
from thidua.people.models import AnnualRating, Person
from thidua.years.models import SchoolYear

NEW_ID = "001190000077"


def _person_form(national_id=NEW_ID):
    return {
        "full_name": "Đỗ Minh Châu",
        "gender": "female",
        "ethnicity": "Kinh",
        "national_id": national_id,
        "staff_type": "teacher",
        "start_date": "01/09/2020",
    }


def _unit_form(code="THCS-YT-XH"):
    return {"code": code, "name": "Tổ Khoa học xã hội", "kind": "team", "valid_from": "01/09/2020"}


# -- sequential: the second copy of the form -------------------------------------------------------------
def test_person_form_sent_twice_is_one_person_and_a_form_error(client, world):
    client.force_login(world.officer_school_a)
    url = reverse("people:create", kwargs={"unit_pk": world.school_a.pk})
    assert client.post(url, _person_form()).status_code == 302
    second = client.post(url, _person_form())
    assert second.status_code == 200 and "đã có trong hệ thống" in second.content.decode()
    assert Person.objects.filter(national_id=NEW_ID).count() == 1


def test_unit_form_sent_twice_is_one_unit_and_a_form_error(client, world):
    client.force_login(world.officer_school_a)
    url = reverse("org:create_child", kwargs={"pk": world.school_a.pk})
    assert client.post(url, _unit_form()).status_code == 302
    second = client.post(url, _unit_form())
    assert second.status_code == 200 and "đã được dùng" in second.content.decode()
    assert OrgUnit.objects.filter(code="THCS-YT-XH").count() == 1


def test_rating_form_sent_twice_is_one_rating(client, world):
    client.force_login(world.officer_school_a)
    url = reverse("people:rating_add", kwargs={"pk": world.colleague_a.pk})
    assert client.post(url, {"school_year": "2024-2025", "rating": "good"}).status_code == 302
    assert client.post(url, {"school_year": "2024-2025", "rating": "excellent"}).status_code == 302
    assert AnnualRating.objects.get(person=world.colleague_a, school_year__code="2024-2025").rating == "excellent"


# -- the race the checks cannot see: the unique constraint answers, the service turns it into a refusal --
def test_national_id_taken_after_the_check_is_a_conflict(world, monkeypatch):
    monkeypatch.setattr(services, "_national_id", lambda value, **kw: value)  # as if the other person was not there yet
    with pytest.raises(Conflict) as refused:
        services.person_create(
            actor=world.officer_school_a,
            full_name="Đỗ Minh Châu",
            gender="female",
            unit=world.school_a,
            staff_type="teacher",
            start_date=dt.date(2020, 9, 1),
            national_id="001185000001",
        )
    assert refused.value.code == "duplicate_national_id" and refused.value.field == "national_id"
    assert Person.objects.filter(national_id="001185000001").count() == 1


def test_unit_code_taken_after_the_check_is_a_conflict(world, monkeypatch):
    monkeypatch.setattr(org_services, "_check_code_free", lambda code: None)
    with pytest.raises(Conflict) as refused:
        org_services.unit_create(
            actor=world.officer_school_a,
            parent=world.school_a,
            code=world.team_a.code,
            name="Tổ mới",
            kind="team",
            valid_from=dt.date(2020, 9, 1),
        )
    assert refused.value.code == "duplicate_unit_code" and refused.value.field == "code"
    assert OrgUnit.objects.filter(code=world.team_a.code).count() == 1


def test_first_rating_recorded_after_the_check_is_a_conflict(world, monkeypatch):
    year = SchoolYear.objects.get(code="2024-2025")
    services.rating_set(actor=world.officer_school_a, person=world.colleague_a, school_year=year, rating="good")
    monkeypatch.setattr(services, "_rating_of", lambda person, school_year: None)
    with pytest.raises(Conflict) as refused:
        services.rating_set(actor=world.officer_school_a, person=world.colleague_a, school_year=year, rating="excellent")
    assert refused.value.code == "rating_recorded_meanwhile"
    assert AnnualRating.objects.get(person=world.colleague_a, school_year=year).rating == "good"


def test_the_conflict_is_a_form_error_on_the_page(client, world, monkeypatch):
    monkeypatch.setattr(services, "_national_id", lambda value, **kw: value)
    client.force_login(world.officer_school_a)
    response = client.post(reverse("people:create", kwargs={"unit_pk": world.school_a.pk}), _person_form("001185000001"))
    assert response.status_code == 200 and "vừa được ghi cho một cá nhân khác" in response.content.decode()


def test_the_conflict_is_a_409_on_the_api(world, monkeypatch):
    from thidua.api.tests.conftest import ApiClient

    monkeypatch.setattr(org_services, "_check_code_free", lambda code: None)
    body = {"parent": world.school_a.pk, "code": world.team_a.code, "name": "Tổ mới", "kind": "team", "valid_from": "2020-09-01"}
    response = ApiClient(world.officer_school_a).post("/units/", body)
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_unit_code" and response.json()["field"] == "code"


# -- real concurrency (PostgreSQL): the first request holds its transaction open while the second runs ----
def _race(first, second):
    """Run ``first`` in a transaction kept open until ``second`` (another thread, another connection) has
    had time to reach the database; return what each returned or raised."""
    results: dict[str, object] = {}
    started = threading.Event()

    def run(name, call, hold):
        try:
            with transaction.atomic():
                results[name] = call()
                if hold:
                    started.wait(5)
                    time.sleep(0.5)  # the second request is now waiting on our row or lock
        except Exception as exc:  # the result under test
            results[name] = exc
        finally:
            connection.close()

    a = threading.Thread(target=run, args=("first", first, True))
    a.start()
    time.sleep(0.3)  # the first has written its row
    b = threading.Thread(target=lambda: (started.set(), run("second", second, False)))
    b.start()
    a.join(10)
    b.join(10)
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_creations_of_the_same_person_make_one_and_a_conflict(world):
    def create():
        return services.person_create(
            actor=world.officer_school_a,
            full_name="Đỗ Minh Châu",
            gender="female",
            unit=world.school_a,
            staff_type="teacher",
            start_date=dt.date(2020, 9, 1),
            national_id=NEW_ID,
        )

    results = _race(create, create)
    assert isinstance(results["first"], Person)
    assert isinstance(results["second"], DomainError) and results["second"].code == "duplicate_national_id"
    assert Person.objects.filter(national_id=NEW_ID).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_creations_of_the_same_unit_code_make_one_and_a_conflict(world):
    def create():
        return org_services.unit_create(
            actor=world.officer_school_a,
            parent=world.school_a,
            code="THCS-YT-XH",
            name="Tổ Xã hội",
            kind="team",
            valid_from=dt.date(2020, 9, 1),
        )

    results = _race(create, create)
    assert isinstance(results["first"], OrgUnit)
    assert isinstance(results["second"], DomainError) and results["second"].code == "duplicate_unit_code"
    assert OrgUnit.objects.filter(code="THCS-YT-XH").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_first_ratings_of_a_year_make_one_rating(world):
    year = SchoolYear.objects.get(code="2024-2025")

    def rate(value):
        return lambda: services.rating_set(actor=world.officer_school_a, person=world.colleague_a, school_year=year, rating=value)

    results = _race(rate("good"), rate("excellent"))
    assert isinstance(results["first"], AnnualRating) and isinstance(results["second"], AnnualRating), results
    assert AnnualRating.objects.get(person=world.colleague_a, school_year=year).rating == "excellent"
