"""``/api/v1/dossiers/``: school A sends its dossier to the commune, the commune returns a line, the school
answers, the commune forwards the Sở's line and decides its own; the Sở sees what was sent to it; school B sees
nothing of school A's dossiers."""

from __future__ import annotations

from tests.factories import UserFactory, grant
from tests.factories_dossiers import bk_line_of_colleague_a, passed_line
from tests.factories_nominations import line_of_teacher_a, round_of_school_a
from thidua.awards.models import Award

from .conftest import ApiClient


def test_the_dossier_up_the_chain_through_the_api(world):
    commune_officer = UserFactory(username="officer_commune")
    grant(commune_officer, "officer", world.commune)
    passed_line(world, line_of_teacher_a(world))
    passed_line(world, bk_line_of_colleague_a(world))
    school, commune, dept = ApiClient(world.officer_school_a), ApiClient(commune_officer), ApiClient(world.officer_dept)
    round_id = round_of_school_a(world).pk

    refused = school.post("/dossiers/", {"round": round_id, "receiver": world.dept.pk})
    assert refused.status_code == 400 and refused.json()["code"] == "unknown_receiver"
    made = school.post("/dossiers/", {"round": round_id, "receiver": world.commune.pk})
    assert made.status_code == 201, made.content
    did = made.json()["id"]
    assert school.post(f"/dossiers/{did}/submit", {}).json()["status"] == "submitted"
    assert [d["id"] for d in commune.get("/dossiers/queue").json()] == [did]
    assert commune.post(f"/dossiers/{did}/recall", {}).status_code == 403
    assert commune.post(f"/dossiers/{did}/receive", {}).json()["status"] == "received"
    assert commune.post(f"/dossiers/{did}/check", {}).json()["status"] == "checking"
    lines = {d["line"]["kind_code"]: d for d in commune.get(f"/dossiers/{did}").json()["lines"]}
    assert lines["LDTT"]["current_verdict"] and lines["LDTT"]["granting"]["id"] == world.commune.pk
    ldtt, bk = lines["LDTT"]["id"], lines["BK_BO_TINH"]["id"]

    bad = commune.post(f"/dossiers/{did}/lines/{ldtt}/check", {"verdict": "return", "reason": "Thiếu biên bản", "return_field": ""})
    assert bad.status_code == 400 and bad.json()["code"] == "field_required"
    ok = commune.post(f"/dossiers/{did}/lines/{ldtt}/check", {"verdict": "return", "reason": "Thiếu biên bản", "return_field": "minutes"})
    assert ok.json()["mark"] == "returned"
    assert commune.post(f"/dossiers/{did}/return", {"note": "Bổ sung biên bản"}).json()["status"] == "returned"
    assert school.post(f"/dossiers/{did}/lines/{ldtt}/answer", {"answer": "Đã bổ sung biên bản họp"}).status_code == 200
    assert school.post(f"/dossiers/{did}/resubmit", {}).json()["status"] == "submitted"
    commune.post(f"/dossiers/{did}/receive", {})
    commune.post(f"/dossiers/{did}/check", {})
    for lid in (ldtt, bk):
        assert commune.post(f"/dossiers/{did}/lines/{lid}/check", {"verdict": "accept"}).json()["mark"] == "accepted"
    assert commune.post(f"/dossiers/{did}/forward", {}).json()["status"] == "checking"
    decided = commune.post(f"/dossiers/{did}/decide", {"number": "31/QĐ-UBND", "decision_date": "2026-06-30"})
    assert decided.status_code == 200, decided.content
    assert decided.json()["status"] == "decided" and decided.json()["decision"]
    assert Award.objects.filter(decision_id=decided.json()["decision"], person=world.person_a).exists()
    again = commune.post(f"/dossiers/{did}/decide", {"number": "32/QĐ-UBND", "decision_date": "2026-06-30"})
    assert again.status_code == 409

    upper = list(dept.get("/dossiers/queue").json())
    assert [d["receiver"]["id"] for d in upper] == [world.dept.pk] and upper[0]["forwarded_from"] == did
    b = ApiClient(world.officer_school_b)
    assert b.get("/dossiers/").json() == {"items": [], "count": 0}
    assert b.get(f"/dossiers/{did}").status_code == 404
    assert b.post(f"/dossiers/{did}/submit", {}).status_code == 404
