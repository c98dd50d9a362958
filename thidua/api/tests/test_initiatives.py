"""``/api/v1/initiatives/``: the usual path over the API, and each refusal a 4xx with a Vietnamese message, nothing saved."""

from __future__ import annotations

import pytest

from thidua.awards.models import InitiativeRecord
from thidua.initiatives.models import Initiative, Score
from thidua.initiatives.tests import factories as f

from .conftest import ApiClient

pytestmark = pytest.mark.django_db


def _body(world, **changes):
    body = {"school_year": "2025-2026", "title": f.TITLE, "field": "Hóa học", "summary": f.SUMMARY, "solution": f.SOLUTION,
            "applied_from": "2025-09-05", "authors": [{"person": world.person_a.pk, "share": "70"}, {"person": world.colleague_a.pk,
            "share": "30"}], "submit": True}  # fmt: skip
    body.update(changes)
    return body


def test_teacher_submits_with_a_colleague_and_the_council_scores_and_the_head_recognises(world):
    from tests.factories import make_person

    f.council(world)
    other = make_person(name="Vũ Thị Lan", unit=world.school_a)
    body = _body(world, authors=[{"person": world.person_a.pk, "share": "70"}, {"person": other.pk, "share": "30"}])
    response = ApiClient(world.teacher_a).post("/initiatives/", body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "submitted" and [a["share"] for a in data["authors"]] == ["70.00", "30.00"]
    pk = data["id"]
    assert ApiClient(world.officer_school_a).post(f"/initiatives/{pk}/review", {}).status_code == 200
    member = ApiClient(f.member_user(world))
    out = member.post(f"/initiatives/{pk}/scores", {"points": {**f.POINTS, "novelty": 40}})
    assert out.status_code == 400 and out.json()["code"] == "score_out_of_range" and not Score.objects.exists(), out.content
    assert member.post(f"/initiatives/{pk}/scores", {"points": f.POINTS}).status_code == 201
    assert member.post(f"/initiatives/{pk}/scores", {"points": f.POINTS}).status_code == 409
    body = {"scope": "province", "body": world.school_a.pk, "decision_number": "25/QĐ", "decision_date": "2026-05-20"}
    head = ApiClient(world.head_a)
    out = head.post(f"/initiatives/{pk}/recognise", body)
    assert out.status_code == 400 and out.json()["code"] == "scope_above_body" and not InitiativeRecord.objects.exists()
    out = head.post(f"/initiatives/{pk}/recognise", {**body, "scope": "unit"})
    assert out.status_code == 200, out.content
    assert out.json()["recognitions"][0]["record_id"] == InitiativeRecord.objects.get().pk
    assert ApiClient(world.teacher_a).get(f"/initiatives/{pk}").json()["scope"] == "unit"


def test_a_council_member_never_scores_their_own_initiative(world):
    initiative = f.in_review(world, authors=[(world.person_a, 50), (world.colleague_a, 50)], actor=world.officer_school_a)
    out = ApiClient(f.member_user(world)).post(f"/initiatives/{initiative.pk}/scores", {"points": f.POINTS})
    assert out.status_code == 403 and out.json()["code"] == "own_initiative" and not Score.objects.exists()


@pytest.mark.parametrize(
    ("authors", "code"),
    [([], "authors_required"), ([("a", "60"), ("c", "30")], "shares_not_100"), ([("a", "100"), ("a", "0")], "duplicate_author")],
)
def test_bad_authors_are_400_and_nothing_saved(world, authors, code):
    people = {"a": world.person_a, "c": world.colleague_a}
    body = _body(world, authors=[{"person": people[k].pk, "share": s} for k, s in authors])
    response = ApiClient(world.teacher_a).post("/initiatives/", body)
    assert response.status_code == 400, response.content
    assert response.json()["code"] == code and response.json()["message"]
    assert not Initiative.objects.exists()


def test_school_b_never_finds_school_as_initiative_and_the_similar_list_is_scoped(world):
    initiative = f.in_review(world)
    assert ApiClient(world.officer_school_b).get(f"/initiatives/{initiative.pk}").status_code == 404
    assert ApiClient(world.officer_school_b).get(f"/initiatives/{initiative.pk}/similar").status_code == 404
    assert ApiClient(world.officer_school_b).get("/initiatives/").json()["items"] == []
    assert ApiClient(world.officer_school_a).get(f"/initiatives/{initiative.pk}/similar").json() == []
