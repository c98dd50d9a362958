"""The organiser's writes through the API: a cluster, its members and leader, a criteria sheet drafted and
issued, a round opened, peers assigned and one removed; the refusals with their codes, nothing saved."""

from __future__ import annotations

import pytest

from thidua.audit.models import AuditEvent
from thidua.org.models import Cluster, ClusterMembership
from thidua.scoring.models import PeerAssignment, ScoreSheet, ScoringRound
from thidua.scoring.tests.factories import make_scoring, self_score

from .conftest import ApiClient

pytestmark = pytest.mark.django_db
YEAR = "2025-2026"


def _sheet(api, world) -> int:
    sheet = api.post("/scoring-sheets/", {"organiser": world.commune.pk, "name": "Bảng tiêu chí cụm trường", "gate_cap": "Tốt"})
    assert sheet.status_code == 201, sheet.content
    pk = sheet.json()["id"]
    assert api.post(f"/scoring-sheets/{pk}/criteria", {"code": "I", "text": "Chuyên môn", "kind": "info"}).status_code == 200
    criterion = api.post(
        f"/scoring-sheets/{pk}/criteria", {"code": "I.1", "text": "Dạy học", "max_points": "10", "step": "0.5", "parent": "I"}
    )
    assert criterion.status_code == 200, criterion.content
    assert api.post(f"/scoring-sheets/{pk}/bands", {"label": "Tốt", "minimum": "5"}).status_code == 200
    issued = api.post(f"/scoring-sheets/{pk}/issue")
    assert issued.status_code == 200 and issued.json()["status"] == "published"
    assert [(c["code"], c["parent"]) for c in issued.json()["criteria"]] == [("I", None), ("I.1", "I")]
    return pk


def test_the_organiser_builds_a_cluster_and_opens_a_round_through_the_api(world, years):
    api = ApiClient(world.officer_dept)
    created = api.post("/clusters/", {"organiser": world.commune.pk, "name": "Cụm các trường xã Yên Tiến", "valid_from": "2025-07-01"})
    assert created.status_code == 201, created.content
    cluster = created.json()["id"]
    members = api.put(f"/clusters/{cluster}/members", {"school_year": YEAR, "units": [world.school_b.pk, world.school_a.pk]})
    assert members.status_code == 200, members.content
    assert [m["unit"]["id"] for m in members.json()["memberships"]] == [world.school_b.pk, world.school_a.pk]
    leader = api.post(f"/clusters/{cluster}/leader", {"school_year": YEAR, "leader": world.school_a.pk, "deputy": world.school_b.pk})
    assert leader.status_code == 200
    assert {m["unit"]["id"]: m["role"] for m in leader.json()["memberships"]} == {world.school_a.pk: "leader", world.school_b.pk: "deputy"}
    sheet = _sheet(api, world)

    opened = api.post("/scoring-rounds/", {"cluster": cluster, "school_year": YEAR, "sheet": sheet, "opens": "2026-05-04", "self_days": 10})

    assert opened.status_code == 201, opened.content
    body = opened.json()
    assert body["self_due"] == "2026-05-18" and len(body["submissions"]) == 2
    pairs = [{"scorer": world.school_a.pk, "scored": world.school_b.pk}, {"scorer": world.school_b.pk, "scored": world.school_a.pk}]
    assigned = api.post(f"/scoring-rounds/{body['id']}/peers", {"pairs": pairs})
    assert assigned.status_code == 200 and len(assigned.json()["items"]) == 2
    removed = api.post(f"/scoring-rounds/{body['id']}/peers/remove", pairs[0])
    assert removed.status_code == 200, removed.content
    assert [(p["scorer"]["id"], p["scored"]["id"]) for p in removed.json()["items"]] == [(world.school_b.pk, world.school_a.pk)]
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"cluster.created", "cluster.members_set", "cluster.leader_set", "scoring.sheet_created", "scoring.sheet_changed",
            "scoring.sheet_published", "scoring.round_opened", "scoring.peers_assigned", "scoring.peer_removed"} <= verbs  # fmt: skip


def test_school_b_finds_nothing_of_school_as_cluster_and_school_a_changes_nothing(world, years):
    s = make_scoring(world)
    before = AuditEvent.objects.exclude(verb="api_token.issued").count()
    body = {"school_year": YEAR, "units": [world.school_a.pk]}
    assert ApiClient(world.officer_school_b).put(f"/clusters/{s.cluster.pk}/members", body).json()["code"] == "not_found"
    assert ApiClient(world.officer_school_a).put(f"/clusters/{s.cluster.pk}/members", body).status_code == 403
    opened = ApiClient(world.officer_school_b).post(
        "/scoring-rounds/", {"cluster": s.cluster.pk, "school_year": "2024-2025", "sheet": s.sheet.pk, "opens": "2024-09-09"}
    )
    assert opened.status_code == 400 and opened.json()["code"] == "unknown_cluster"
    mine = ApiClient(world.officer_school_a).post(
        "/clusters/", {"organiser": world.commune.pk, "name": "Cụm tự lập", "valid_from": "2025-07-01"}
    )
    assert mine.status_code == 400 and mine.json()["code"] == "unknown_unit"  # the commune is above school A's reach
    assert ClusterMembership.objects.filter(cluster=s.cluster).count() == 3 and Cluster.objects.count() == 1
    assert AuditEvent.objects.exclude(verb="api_token.issued").count() == before


def test_a_peer_who_has_scored_stays_assigned(world, years):
    s = make_scoring(world)
    a = s.submission(world.school_a)
    self_score(world.officer_school_a, a)
    scored = ApiClient(s.officer_d).post(
        f"/scoring-rounds/submissions/{a.pk}/entries", {"tier": "peer", "values": [{"criterion": "I.1", "points": "7"}]}
    )
    assert scored.status_code == 200, scored.content
    api = ApiClient(world.officer_dept)
    assert {p["scorer"]["id"]: p["scored_already"] for p in api.get(f"/scoring-rounds/{s.round.pk}/peers").json()["items"]
            if p["scored"]["id"] == world.school_a.pk} == {s.school_d.pk: True, s.school_e.pk: False}  # fmt: skip

    refused = api.post(f"/scoring-rounds/{s.round.pk}/peers/remove", {"scorer": s.school_d.pk, "scored": world.school_a.pk})

    assert refused.status_code == 409 and refused.json()["code"] == "peer_already_scored"
    assert PeerAssignment.objects.filter(scoring_round=s.round, scorer=s.school_d, scored=world.school_a).exists()
    unknown = api.post(f"/scoring-rounds/{s.round.pk}/peers/remove", {"scorer": world.school_b.pk, "scored": world.school_a.pk})
    assert unknown.status_code == 400 and unknown.json()["code"] == "unknown_assignment"
    itself = api.post(f"/scoring-rounds/{s.round.pk}/peers", {"pairs": [{"scorer": s.school_d.pk, "scored": s.school_d.pk}]})
    assert itself.status_code == 403 and itself.json()["code"] == "self_scoring"


def test_an_issued_sheet_is_frozen_and_bad_criteria_are_refused(world, years):
    api = ApiClient(world.officer_dept)
    s = make_scoring(world)
    frozen = api.post(f"/scoring-sheets/{s.sheet.pk}/criteria", {"code": "VI", "text": "Khác", "max_points": "5"})
    assert frozen.status_code == 409 and frozen.json()["code"] == "immutable"
    draft = api.post("/scoring-sheets/", {"organiser": world.commune.pk, "name": s.sheet.name}).json()
    assert draft["version"] == 2 and draft["supersedes"] == s.sheet.pk
    upside_down = api.post(f"/scoring-sheets/{draft['id']}/criteria", {"code": "I", "text": "x", "max_points": "1", "min_points": "3"})
    assert upside_down.status_code == 400 and upside_down.json()["code"] == "min_above_max"
    orphan = api.post(f"/scoring-sheets/{draft['id']}/criteria", {"code": "I.1", "text": "x", "max_points": "1", "parent": "Z"})
    assert orphan.status_code == 400 and orphan.json()["code"] == "unknown_parent"
    assert api.post(f"/scoring-sheets/{draft['id']}/issue").json()["code"] == "empty_sheet"
    not_issued = api.post(
        "/scoring-rounds/", {"cluster": s.cluster.pk, "school_year": "2024-2025", "sheet": draft["id"], "opens": "2024-09-09"}
    )
    assert not_issued.status_code == 400 and not_issued.json()["code"] == "sheet_not_published"
    assert ScoreSheet.objects.get(pk=draft["id"]).criteria.count() == 0 and ScoringRound.objects.count() == 1
    listed = ApiClient(world.officer_school_b).get("/scoring-sheets/").json()
    assert listed["count"] == 0
