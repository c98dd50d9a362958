"""``/api/v1/clusters/`` and ``/api/v1/scoring-rounds/``: the layers, the refusals with their codes, publish."""

from __future__ import annotations

import pytest

from thidua.scoring.tests.factories import make_scoring, self_score

from .conftest import ApiClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def s(world):
    return make_scoring(world)


def test_a_score_above_the_maximum_is_400_and_nothing_is_saved(world, s):
    a = s.submission(world.school_a)
    response = ApiClient(world.officer_school_a).post(
        f"/scoring-rounds/submissions/{a.pk}/entries", {"tier": "self", "values": [{"criterion": "I.1", "points": "12"}]}
    )
    assert response.status_code == 400 and response.json()["code"] == "score_out_of_range"
    assert not a.entries.filter(criterion__code="I.1").exists()


def test_a_unit_scoring_itself_as_a_peer_is_403_self_scoring(world, s):
    a = s.submission(world.school_a)
    self_score(world.officer_school_a, a)
    response = ApiClient(world.officer_school_a).post(
        f"/scoring-rounds/submissions/{a.pk}/entries", {"tier": "peer", "values": [{"criterion": "I.1", "points": "5"}]}
    )
    assert response.status_code == 403 and response.json()["code"] == "self_scoring"


def test_publishing_with_a_submission_in_review_is_400_round_not_ready(world, s):
    self_score(world.officer_school_a, s.submission(world.school_a))
    response = ApiClient(world.officer_dept).post(f"/scoring-rounds/{s.round.pk}/publish", {})
    assert response.status_code == 400 and response.json()["code"] == "round_not_ready"


def test_the_walk_through_the_api_keeps_every_layer_and_publishes(world, s):
    a = s.submission(world.school_a)
    self_score(world.officer_school_a, a)
    peer = ApiClient(s.officer_d).post(
        f"/scoring-rounds/submissions/{a.pk}/entries", {"tier": "peer", "values": [{"criterion": "I.1", "points": "7"}]}
    )
    assert peer.status_code == 200, peer.content
    assert {(e["tier"], e["criterion"]) for e in peer.json()["entries"]} >= {("self", "I.1"), ("peer", "I.1")}
    # The peer reads the submission it scores, not the round's other members' submissions.
    d = s.submission(s.school_d)
    assert ApiClient(s.officer_e).get(f"/scoring-rounds/submissions/{d.pk}").status_code == 404
    officer = ApiClient(world.officer_dept)
    assert officer.post(f"/scoring-rounds/submissions/{a.pk}/approve").status_code == 200
    published = officer.post(f"/scoring-rounds/{s.round.pk}/publish", {"decision_number": "12/QĐ-UBND"})
    assert published.status_code == 200, published.content
    results = officer.get(f"/scoring-rounds/{s.round.pk}/results").json()
    assert results["current"]["results"][0]["leader"] and results["current"]["results"][0]["unit"]["id"] == world.school_a.pk
    again = officer.post(f"/scoring-rounds/{s.round.pk}/publish", {})
    assert again.status_code == 409 and again.json()["code"] == "already_published"
    correction = officer.post(f"/scoring-rounds/{s.round.pk}/correct", {"supersedes": results["current"]["id"], "reason": "Đính chính"})
    assert correction.status_code == 200 and correction.json()["supersedes"] == results["current"]["id"]
    cluster = ApiClient(world.officer_school_a).get(f"/clusters/{s.cluster.pk}", {"year": "2025-2026"}).json()
    assert [m["role"] for m in cluster["memberships"]] == ["leader", "deputy", "member"]
