"""The council's ballot tallies in the database: entered through an audited, scoped service (page and API),
read by the database path; and the years away (study, military service) recorded as leave."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError
from django.urls import reverse

from tests.factories import make_person
from thidua.api.tests.conftest import ApiClient
from thidua.audit.models import AuditEvent
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.people import services as people_services
from thidua.rules import selectors
from thidua.rules.engine.facts import BallotFact, LeaveFact
from thidua.rules.models import BallotTally
from thidua.rules.services import ballot_tally_set, ballot_tally_withdraw

from .conftest import school_year

D = dt.date
DAY = D(2025, 7, 15)
BASIS = "Biên bản kiểm phiếu số 06/BB-HĐTĐKT ngày 28/5/2025"
SESSION = D(2025, 5, 28)


def tally(world, person, *, actor=None, code="CSTDCS", total=15, present=12, written=0, session=SESSION, basis=BASIS, year="2024-2025"):
    return ballot_tally_set(
        actor=actor or world.officer_school_a,
        person=person,
        school_year=school_year(year),
        code=code,
        total_members=total,
        in_favour=present,
        in_favour_written=written,
        session_date=session,
        basis=basis,
    )


def outcome(person, code="CSTDCS", day=DAY) -> dict:
    return selectors.evaluate_person_ids(person_ids=[person.pk], day=day, year=2024, codes=(code,)).persons[0].outcomes[0].as_dict()


def vote(o: dict) -> dict:
    return next(c for c in o["criteria"] if c["key"] == "council_vote")


def test_a_tally_decides_the_vote_and_is_audited(world, history):
    hoa = history.hoa
    assert vote(outcome(hoa))["status"] == "unknown"

    row = tally(world, hoa, present=11, written=1)

    assert vote(outcome(hoa))["status"] == "met"
    assert (row.unit, row.entered_by, row.total_members, row.in_favour, row.in_favour_written) == (
        world.school_a,
        world.officer_school_a,
        15,
        11,
        1,
    )
    event = AuditEvent.objects.filter(verb="eligibility.ballot_recorded").latest("id")
    assert event.person_id == hoa.pk and event.before is None and event.after["in_favour_written"] == 1

    tally(world, hoa, present=11, written=0)  # corrected from the minutes
    assert vote(outcome(hoa))["status"] == "not_met" and outcome(hoa)["verdict"] == "not_eligible"
    assert AuditEvent.objects.filter(verb="eligibility.ballot_recorded").latest("id").before["in_favour_written"] == 1

    ballot_tally_withdraw(actor=world.officer_school_a, person=hoa, school_year=school_year("2024-2025"), code="CSTDCS")
    assert vote(outcome(hoa))["status"] == "unknown" and not BallotTally.objects.exists()
    assert AuditEvent.objects.filter(verb="eligibility.ballot_withdrawn", person_id=hoa.pk).count() == 1


def test_the_same_tally_again_changes_nothing(world, history):
    tally(world, history.hoa)
    events = AuditEvent.objects.count()

    tally(world, history.hoa)

    assert AuditEvent.objects.count() == events


def test_a_tally_counts_for_its_school_year_and_title_only(world, history):
    tally(world, history.hoa, year="2023-2024", session=D(2024, 5, 28))
    tally(world, history.hoa, code="CSTDTQ", present=14)  # 93,33 % ≥ 90 %

    assert vote(outcome(history.hoa))["status"] == "unknown"
    assert vote(outcome(history.hoa, "CSTDTQ"))["status"] == "met"


def test_a_session_after_the_consideration_date_is_not_known_yet(world, history):
    tally(world, history.hoa, session=D(2025, 6, 20))

    assert vote(outcome(history.hoa, day=D(2025, 6, 15)))["status"] == "unknown"
    assert vote(outcome(history.hoa, day=D(2025, 6, 20)))["status"] == "met"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"present": 14, "written": 2}, "votes_exceed_members"),
        ({"total": 0}, "no_members"),
        ({"present": -1}, "negative_votes"),
        ({"code": "LDTT"}, "no_vote_for_title"),
        ({"code": "CO_BO_TINH"}, "no_vote_for_title"),  # a collective title: not a person's ballot
        ({"session": D(2024, 8, 31)}, "session_before_year"),
        ({"session": D(2099, 1, 1)}, "session_in_future"),
        ({"basis": "  "}, "basis_required"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_changes_nothing(world, history, changes, code):
    events = AuditEvent.objects.count()

    with pytest.raises(DomainError) as error:
        tally(world, history.hoa, **changes)

    assert error.value.code == code and str(error.value)
    assert AuditEvent.objects.count() == events and not BallotTally.objects.exists()


def test_a_year_the_person_did_not_work_is_refused(world, history):
    with pytest.raises(DomainError) as error:
        tally(world, history.binh, year="2023-2024", session=D(2024, 5, 28))
    assert error.value.code == "not_employed_in_year"


@pytest.mark.parametrize("who", ["officer_school_b", "council_a", "teacher_a"])
def test_only_writers_of_the_persons_unit_enter_a_tally(world, history, who):
    with pytest.raises(PermissionDenied):
        tally(world, world.person_a, actor=getattr(world, who))
    with pytest.raises(PermissionDenied):
        ballot_tally_withdraw(actor=getattr(world, who), person=world.person_a, school_year=school_year("2024-2025"), code="CSTDCS")
    assert not BallotTally.objects.exists()


def test_withdrawing_a_tally_never_entered_is_refused(world, history):
    with pytest.raises(DomainError) as error:
        ballot_tally_withdraw(actor=world.officer_school_a, person=history.hoa, school_year=school_year("2024-2025"), code="CSTDCS")
    assert error.value.code == "no_ballot"


def test_a_concurrent_first_tally_is_a_conflict_not_a_crash(world, history, monkeypatch):
    def raced(self, *args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint one_ballot_per_title_and_year")

    monkeypatch.setattr(BallotTally, "save", raced)
    with pytest.raises(Conflict):
        tally(world, history.hoa)
    assert not AuditEvent.objects.filter(verb="eligibility.ballot_recorded").exists()


def test_the_database_enforces_the_counts(world, history):
    row = tally(world, history.hoa)
    with pytest.raises(IntegrityError):
        BallotTally.objects.filter(pk=row.pk).update(in_favour=15, in_favour_written=1)


# -- the database path ------------------------------------------------------------------------------------------
def test_person_facts_read_ballots_and_years_away_in_a_fixed_number_of_queries(world, history, django_assert_num_queries):
    tally(world, history.hoa, present=11, written=1)
    people_services.leave_add(
        actor=world.officer_school_a, person=history.lan, kind="military_service", start_date=D(1998, 9, 1), end_date=D(2000, 8, 31)
    )
    ids = [history.hoa.pk, history.lan.pk, history.duc.pk, history.binh.pk]

    # ten queries: the nine fact reads and the approved registrations (the registration criterion)
    with django_assert_num_queries(10):
        facts = selectors.person_facts(ids, day=DAY, year=2024)
    with django_assert_num_queries(10):
        selectors.person_facts(ids[:1], day=DAY, year=2024)

    by_id = {f.id: f for f in facts}
    assert by_id[str(history.hoa.pk)].ballots == (BallotFact("CSTDCS", 2024, 15, 11, 1, D(2025, 5, 28)),)
    assert by_id[str(history.duc.pk)].ballots == ()
    assert LeaveFact("military_service", D(1998, 9, 1), D(2000, 8, 31)) in by_id[str(history.lan.pk)].leaves


@pytest.mark.parametrize(
    ("kind", "expected"),
    [(None, "not_eligible"), ("military_service", "eligible"), ("sent_to_study", "eligible"), ("training", "not_eligible")],
)
def test_the_knc_counts_years_away_recorded_as_leave(world, kind, expected):
    # In the sector from 01/09/2006 (18 full years on 15/07/2025); away for study or the army before that.
    teacher = make_person(name="Vũ Văn Quân", unit=world.school_a, gender="male", start=D(2006, 9, 1))
    if kind:
        people_services.leave_add(
            actor=world.officer_school_a, person=teacher, kind=kind, start_date=D(2004, 9, 1), end_date=D(2006, 8, 31)
        )

    result = selectors.evaluate_person_ids(person_ids=[teacher.pk], day=DAY, year=2024, codes=("KNC_GD",))

    assert result.persons[0].outcomes[0].verdict == expected


# -- the page --------------------------------------------------------------------------------------------------
def _url(person, year: int = 2024) -> str:
    return reverse("rules:ballot", kwargs={"pk": person.pk}) + f"?year={year}"


def _form(**changes) -> dict:
    return {
        "code": "CSTDCS",
        "total_members": "15",
        "in_favour": "12",
        "in_favour_written": "0",
        "session_date": "28/05/2025",
        "basis": BASIS,
    } | changes


def test_the_page_records_a_tally_and_shows_it(client, world, history):
    client.force_login(world.officer_school_a)

    page = client.get(_url(history.hoa)).content.decode()
    response = client.post(_url(history.hoa), _form(in_favour="11", in_favour_written="1"))

    assert "Tổng số thành viên Hội đồng" in page and "CSTĐCS" in page
    assert response.status_code == 302 and response["Location"] == reverse("people:detail", kwargs={"pk": history.hoa.pk})
    assert BallotTally.objects.get(person=history.hoa).in_favour_written == 1
    assert "12/15 thành viên đồng ý (1 bằng văn bản), họp ngày 28/05/2025" in client.get(_url(history.hoa)).content.decode()


def test_the_page_refuses_bad_counts_with_a_message_and_saves_nothing(client, world, history):
    client.force_login(world.officer_school_a)

    response = client.post(_url(history.hoa), _form(in_favour="15", in_favour_written="1"))
    missing = client.post(_url(history.hoa), _form(total_members=""))

    assert response.status_code == 200 and "nhiều hơn tổng số thành viên Hội đồng" in response.content.decode()
    assert missing.status_code == 200 and "Nhập trường này." in missing.content.decode()
    assert not BallotTally.objects.exists()


def test_the_page_withdraws_a_tally(client, world, history):
    tally(world, history.hoa)
    client.force_login(world.officer_school_a)

    response = client.post(_url(history.hoa), {"code": "CSTDCS", "withdraw": "on"})

    assert response.status_code == 302 and not BallotTally.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"), [("officer_school_a", 200), ("officer_dept", 200), ("officer_school_b", 404), ("teacher_a", 403), ("council_a", 403)]
)
def test_the_page_is_for_writers_of_the_person(client, world, history, who, status):
    client.force_login(getattr(world, who))

    assert client.get(_url(world.person_a)).status_code == status
    assert client.post(_url(world.person_a), _form()).status_code in (status, 302 if status == 200 else status)


@pytest.mark.parametrize(("who", "shown"), [("officer_school_a", True), ("council_a", False)])
def test_the_ballot_link_is_offered_to_writers_where_the_vote_is_open(client, world, history, who, shown):
    client.force_login(getattr(world, who))

    reasons = client.get(
        reverse("rules:reasons", kwargs={"pk": world.school_a.pk}), {"year": 2024, "person": history.hoa.pk, "title": "CSTDCS"}
    )

    assert (reverse("rules:ballot", kwargs={"pk": history.hoa.pk}) in reasons.content.decode()) is shown


# -- the API ---------------------------------------------------------------------------------------------------
def _body(**changes) -> dict:
    return {"total_members": 15, "in_favour": 11, "in_favour_written": 1, "session_date": "2025-05-28", "basis": BASIS} | changes


def test_the_api_lists_sets_and_withdraws_tallies(world, history):
    api, path = ApiClient(world.officer_school_a), f"/api/v1/people/{history.hoa.pk}/ballots/2024-2025"

    saved = api.put(f"{path}/CSTDCS", _body())
    listed = api.get(path)
    refused = api.put(f"{path}/CSTDCS", _body(in_favour=15))
    unknown = api.put(f"{path}/LDTT", _body())
    withdrawn = api.delete(f"{path}/CSTDCS")

    assert saved.status_code == 200, saved.content
    assert {k: saved.json()[k] for k in ("code", "total_members", "in_favour", "in_favour_written", "threshold", "entered_by")} == {
        "code": "CSTDCS",
        "total_members": 15,
        "in_favour": 11,
        "in_favour_written": 1,
        "threshold": "4/5",
        "entered_by": "officer_school_a",
    }
    assert listed.status_code == 200 and [b["code"] for b in listed.json()] == ["CSTDCS"]
    assert refused.status_code == 400 and refused.json()["code"] == "votes_exceed_members"
    assert unknown.status_code == 400 and unknown.json()["code"] == "no_vote_for_title"
    assert withdrawn.status_code == 204 and not BallotTally.objects.exists()


@pytest.mark.parametrize(
    ("who", "read", "write"), [("officer_school_b", 404, 404), ("teacher_a", 200, 403), ("council_a", 200, 403), ("officer_dept", 200, 200)]
)
def test_the_api_checks_who_reads_and_writes(world, history, who, read, write):
    api, path = ApiClient(getattr(world, who)), f"/api/v1/people/{world.person_a.pk}/ballots/2024-2025"

    assert api.get(path).status_code == read
    assert api.put(f"{path}/CSTDCS", _body()).status_code == write
    assert BallotTally.objects.exists() is (write == 200)
