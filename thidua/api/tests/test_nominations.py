"""``/api/v1/review-rounds/`` and ``/api/v1/nomination-lines/``: build a round from suggestions, add and remove
lines with a reason, open and close; bad input answers 4xx with its code and saves nothing."""

from __future__ import annotations

from tests.factories_nominations import line_of_teacher_a
from thidua.nominations.models import NominationLine, ReviewRound
from thidua.people.models import AnnualRating
from thidua.years.models import SchoolYear

from .conftest import ApiClient


def test_an_officer_builds_a_round_from_suggestions(world):
    api = ApiClient(world.officer_school_a)
    created = api.post("/review-rounds/", {"unit": world.school_a.pk, "school_year": "2025-2026", "kind": "year_end"})
    assert created.status_code == 201, created.content
    rid = created.json()["id"]
    assert api.post(f"/review-rounds/{rid}/open", {}).json()["status"] == "open"
    suggestions = api.get(f"/review-rounds/{rid}/suggestions").json()
    keys = [s["key"] for s in suggestions if s["code"] == "LDTT"]
    assert f"p{world.person_a.pk}:LDTT" in keys
    made = api.post(f"/review-rounds/{rid}/lines/from-suggestions", {"picks": keys})
    assert made.status_code == 201, made.content
    lines = api.get(f"/review-rounds/{rid}/lines").json()
    assert {line["source"] for line in lines} == {"suggestion"} and all(len(line["facts_sha256"]) == 64 for line in lines)
    assert api.get(f"/review-rounds/{rid}").json()["checks"] == []
    assert api.post(f"/review-rounds/{rid}/close", {}).json()["status"] == "closed"


def test_a_line_by_hand_against_a_failed_criterion_needs_a_justification(world):
    line = line_of_teacher_a(world)
    AnnualRating.objects.create(person=world.colleague_a, school_year=SchoolYear.objects.get(code="2025-2026"), rating="not_completed")
    api = ApiClient(world.officer_school_a)
    body = {"person": world.colleague_a.pk, "kind_code": "LĐTT", "reason": "Thành tích đột xuất"}
    refused = api.post(f"/review-rounds/{line.round_id}/lines", body)
    assert refused.status_code == 400 and refused.json()["code"] == "justification_required"
    added = api.post(f"/review-rounds/{line.round_id}/lines", {**body, "justification": "Hội đồng xét lại"})
    assert added.status_code == 201 and added.json()["against_failed"] is True


def test_bad_input_is_refused_with_its_code(world):
    line = line_of_teacher_a(world)
    api = ApiClient(world.officer_school_a)
    url = f"/review-rounds/{line.round_id}/lines"
    assert api.post(url, {"person": world.person_b.pk, "kind_code": "GK", "reason": "x"}).json()["code"] == "unknown_person"
    assert api.post(url, {"person": world.person_a.pk, "kind_code": "LDTT", "reason": "x"}).json()["code"] == "duplicate_line"
    assert api.post(url, {"person": world.person_a.pk, "kind_code": "KHONG_CO", "reason": "x"}).json()["code"] == "unknown_award_kind"
    assert api.post(url, {"kind_code": "GK", "reason": "x"}).json()["code"] == "subject_required"
    duplicate = api.post("/review-rounds/", {"unit": world.school_a.pk, "school_year": "2025-2026", "kind": "year_end"})
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "duplicate_round"
    assert NominationLine.objects.count() == 1 and ReviewRound.objects.count() == 1


def test_the_teacher_reads_and_comments_on_her_own_line_only(world):
    line = line_of_teacher_a(world)
    api = ApiClient(world.teacher_a)
    detail = api.get(f"/nomination-lines/{line.pk}")
    assert detail.status_code == 200 and detail.json()["route"]["granting"]["id"] == world.commune.pk
    assert api.post(f"/nomination-lines/{line.pk}/comments", {"text": "Em bổ sung minh chứng"}).status_code == 201
    assert api.get(f"/review-rounds/{line.round_id}").status_code == 404
    assert api.post(f"/nomination-lines/{line.pk}/withdraw", {"reason": "Không muốn"}).status_code == 403


def test_removing_a_line_needs_a_reason(world):
    line = line_of_teacher_a(world)
    api = ApiClient(world.officer_school_a)
    assert api.post(f"/nomination-lines/{line.pk}/withdraw", {"reason": ""}).json()["code"] == "reason_required"
    done = api.post(f"/nomination-lines/{line.pk}/withdraw", {"reason": "Chuyển công tác"})
    assert done.status_code == 200 and done.json()["state"] == "withdrawn"
