"""Walk every operation in the OpenAPI schema so that a new endpoint cannot skip authentication or the
access checks: anonymous callers get 401 everywhere but the token route, and the personas see exactly
the units and people their roles reach (404 for everything else, 403 for read-only access)."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client, override_settings

from tests.factories_awards import make_decision
from thidua.audit.models import AuditEvent
from thidua.awards.models import AwardKind, Decision
from thidua.scoring.models import Publication

from .conftest import ApiClient

PUBLIC = {("post", "/api/v1/auth/token")}
METHODS = {"get", "post", "put", "patch", "delete"}

DOSSIER_STEPS = ("submit", "recall", "resubmit", "receive", "check", "return", "forward")

# A valid body for every write operation on an object, so the walk reaches the access check
# (ninja validates the body first). A new write endpoint must add one here; the walk fails otherwise.
WRITE_BODIES = {
    ("patch", "/api/v1/units/{id}"): lambda w: {"address": "Thôn Đông"},
    ("post", "/api/v1/units/{id}/split"): lambda w: {
        "effective_date": "2025-09-01",
        "parts": [{"code": "P1", "name": "Phần 1", "kind": "school"}, {"code": "P2", "name": "Phần 2", "kind": "school"}],
    },
    ("post", "/api/v1/units/{id}/move"): lambda w: {"effective_date": "2025-09-01", "parent": w.dept.pk},
    ("post", "/api/v1/units/{id}/close"): lambda w: {"effective_date": "2025-09-01"},
    ("patch", "/api/v1/people/{id}"): lambda w: {"email": "gv@example.edu.vn"},
    ("post", "/api/v1/people/{id}/employments"): lambda w: {"unit": w.school_b.pk, "staff_type": "teacher", "start_date": "2010-01-01"},
    ("patch", "/api/v1/people/{id}/employments/{eid}"): lambda w: {"position": "Tổ trưởng"},
    ("post", "/api/v1/people/{id}/transfer"): lambda w: {"unit": w.school_b.pk, "effective_date": "2025-09-01"},
    ("put", "/api/v1/people/{id}/ratings/{school_year_code}"): lambda w: {"rating": "good"},
    ("delete", "/api/v1/people/{id}/ratings/{school_year_code}"): None,
    ("put", "/api/v1/people/{id}/confirmations/{school_year_code}"): lambda w: {"values": {"ldtt_qualities": True}, "basis": "Biên bản"},
    ("put", "/api/v1/people/{id}/ballots/{school_year_code}/{code}"): lambda w: {
        "total_members": 15,
        "in_favour": 12,
        "in_favour_written": 1,
        "session_date": "2025-05-20",
        "basis": "Biên bản kiểm phiếu",
    },
    ("delete", "/api/v1/people/{id}/ballots/{school_year_code}/{code}"): None,
    ("post", "/api/v1/people/{id}/disciplines"): lambda w: {"form": "reprimand", "start_date": "2024-01-01"},
    ("post", "/api/v1/people/{id}/leaves"): lambda w: {"kind": "sick", "start_date": "2024-01-01", "end_date": "2024-02-01"},
    ("post", "/api/v1/decisions/{id}/amendments"): lambda w: {
        "number": "02/QĐ-THCS",
        "amendment_date": "2025-09-01",
        "reason": "Sửa trích yếu",
        "header": {"title": "Khen thưởng năm học"},
    },
    ("post", "/api/v1/decisions/{id}/revoke"): lambda w: {"reason": "Khai man thành tích"},
    ("post", "/api/v1/awards/{id}/revoke"): lambda w: {"reason": "Khai man thành tích"},
    ("post", "/api/v1/imports/{id}/commit"): lambda w: {},
    ("delete", "/api/v1/auth/tokens/{id}"): None,
    ("post", "/api/v1/notifications/{id}/read"): lambda w: {},
    ("delete", "/api/v1/calendar/holidays/{id}"): None,
    ("patch", "/api/v1/movements/{id}"): lambda w: {"slogan": "Dạy tốt, học tốt"},
    ("post", "/api/v1/movements/{id}/launch"): lambda w: {"launched_on": "2025-09-08"},
    ("post", "/api/v1/movements/{id}/review"): lambda w: {},
    ("post", "/api/v1/movements/{id}/close"): lambda w: {},
    ("post", "/api/v1/movements/{id}/cancel"): lambda w: {"reason": "Sai đối tượng"},
    ("post", "/api/v1/movement-responses/{id}/submit"): lambda w: {"text": "Kế hoạch hưởng ứng"},
    ("post", "/api/v1/movement-responses/{id}/acknowledge"): lambda w: {},
    ("post", "/api/v1/movement-responses/{id}/return"): lambda w: {"reason": "Bổ sung chỉ tiêu"},
    ("post", "/api/v1/movement-responses/{id}/reports"): lambda w: {"kind": "phase_review", "text": "Sơ kết học kỳ I"},
    ("post", "/api/v1/scoring-rounds/{id}/publish"): lambda w: {"decision_number": "12/QĐ-UBND"},
    ("post", "/api/v1/scoring-rounds/{id}/correct"): lambda w: {"supersedes": Publication.objects.latest("pk").pk, "reason": "Sai sót"},
    ("post", "/api/v1/scoring-rounds/submissions/{id}/entries"): lambda w: {
        "tier": "organiser",
        "values": [{"criterion": "I.2", "points": "6", "reason": "Thiếu biên bản"}],
    },
    ("post", "/api/v1/scoring-rounds/submissions/{id}/submit"): lambda w: {},
    ("post", "/api/v1/scoring-rounds/submissions/{id}/return"): lambda w: {"criteria": ["I.1"], "reason": "Minh chứng chưa rõ"},
    ("post", "/api/v1/scoring-rounds/submissions/{id}/approve"): lambda w: {},
    ("post", "/api/v1/scoring-rounds/{id}/peers"): lambda w: {"pairs": [{"scorer": w.school_a.pk, "scored": w.school_b.pk}]},
    ("post", "/api/v1/scoring-rounds/{id}/peers/remove"): lambda w: {"scorer": w.school_a.pk, "scored": w.school_b.pk},
    ("put", "/api/v1/clusters/{id}/members"): lambda w: {"school_year": "2025-2026", "units": [w.school_a.pk]},
    ("post", "/api/v1/clusters/{id}/leader"): lambda w: {"school_year": "2025-2026", "leader": w.school_a.pk},
    ("post", "/api/v1/scoring-sheets/{id}/criteria"): lambda w: {"code": "VI", "text": "Công tác khác", "max_points": "5"},
    ("post", "/api/v1/scoring-sheets/{id}/bands"): lambda w: {"label": "Trung bình", "minimum": "5"},
    ("post", "/api/v1/scoring-sheets/{id}/issue"): lambda w: {},
    ("post", "/api/v1/review-rounds/{id}/open"): lambda w: {},
    ("post", "/api/v1/review-rounds/{id}/close"): lambda w: {},
    ("post", "/api/v1/review-rounds/{id}/cancel"): lambda w: {"reason": "Lập nhầm"},
    ("post", "/api/v1/review-rounds/{id}/lines"): lambda w: {"person": w.colleague_a.pk, "kind_code": "GK", "reason": "Bổ sung"},
    ("post", "/api/v1/review-rounds/{id}/lines/from-suggestions"): lambda w: {"picks": [f"p{w.colleague_a.pk}:LDTT"]},
    ("post", "/api/v1/review-rounds/{id}/lines/from-registrations"): lambda w: {},
    ("post", "/api/v1/review-rounds/{id}/agenda"): lambda w: {"session": 1},
    ("post", "/api/v1/nomination-lines/{id}/withdraw"): lambda w: {"reason": "Chuyển công tác"},
    ("post", "/api/v1/nomination-lines/{id}/comments"): lambda w: {"text": "Cần bổ sung minh chứng"},
    ("post", "/api/v1/councils/{id}/members"): lambda w: {"person": w.colleague_a.pk},
    ("post", "/api/v1/councils/{id}/activate"): lambda w: {},
    ("post", "/api/v1/councils/{id}/sessions"): lambda w: {"held_on": "2026-05-20"},
    ("post", "/api/v1/councils/sessions/{id}/attendance"): lambda w: {
        "member": _object(w, "hd_council").members.first().pk,
        "status": "present",
    },
    ("post", "/api/v1/councils/sessions/{id}/open"): lambda w: {},
    ("post", "/api/v1/councils/sessions/{id}/items"): lambda w: {"person": w.colleague_a.pk, "kind_code": "LDTT"},
    ("post", "/api/v1/councils/items/{id}/ballot"): lambda w: {"choice": "agree"},
    ("post", "/api/v1/councils/items/{id}/tally"): lambda w: {},
    ("post", "/api/v1/councils/written-votes/{id}/confirm"): lambda w: {},
    ("post", "/api/v1/registrations/{id}/submit"): lambda w: {},
    ("post", "/api/v1/registrations/{id}/approve"): lambda w: {},
    ("post", "/api/v1/registrations/{id}/return"): lambda w: {"reason": "Bổ sung cam kết"},
    ("post", "/api/v1/registrations/{id}/amend"): lambda w: {"reason": "Đổi danh hiệu", "targets": ["LDTT"]},
    ("post", "/api/v1/disclosures/{id}/remarks"): lambda w: {"kind": "comment", "text": "Danh sách hợp lý"},
    ("post", "/api/v1/disclosures/remarks/{id}/answer"): lambda w: {"answer": "Đã kiểm tra minh chứng"},
    ("post", "/api/v1/review-rounds/{id}/documents/bundle"): lambda w: {},
    **{
        ("post", f"/api/v1/dossiers/{{id}}/{step}"): lambda w: {}
        for step in ("submit", "recall", "resubmit", "receive", "check", "return", "forward")
    },
    ("post", "/api/v1/dossiers/{id}/decide"): lambda w: {"number": "9/QĐ-UBND", "decision_date": "2026-06-30"},
    ("post", "/api/v1/dossiers/{id}/lines/{line_id}/check"): lambda w: {"verdict": "accept"},
    ("post", "/api/v1/dossiers/{id}/lines/{line_id}/answer"): lambda w: {"answer": "Đã bổ sung"},
    ("post", "/api/v1/initiatives/{id}/submit"): lambda w: {},
    ("post", "/api/v1/initiatives/{id}/withdraw"): lambda w: {},
    ("post", "/api/v1/initiatives/{id}/review"): lambda w: {},
    ("post", "/api/v1/initiatives/{id}/scores"): lambda w: {
        "points": {"novelty": 20, "application": 20, "benefit": 20, "replicability": 10}
    },
    ("post", "/api/v1/initiatives/{id}/recognise"): lambda w: {
        "scope": "unit",
        "body": w.school_a.pk,
        "decision_number": "25/QĐ-THCSYT",
        "decision_date": "2026-05-20",
    },
    ("post", "/api/v1/initiatives/{id}/reject"): lambda w: {"reason": "Chưa áp dụng"},
    ("post", "/api/v1/initiatives/{id}/forward"): lambda w: {},
    ("post", "/api/v1/initiatives/{id}/decline"): lambda w: {"reason": "Chưa đạt"},
    ("put", "/api/v1/initiatives/{id}/similar/{candidate_id}"): lambda w: {"disposition": "not_duplicate"},
}


def _operations() -> list[tuple[str, str, dict]]:
    """The operations as published at /api/v1/openapi.json (fetched at collection: no database needed)."""
    with override_settings(ALLOWED_HOSTS=["testserver"]):  # collection runs before the test environment adds it
        response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    return [(method, path, op) for path, item in schema["paths"].items() for method, op in item.items() if method in METHODS]


OPERATIONS = _operations()
OBJECT_OPERATIONS = [(m, p) for m, p, _ in OPERATIONS if "{id}" in p]


# Award decisions (a Giấy khen of each school's principal) made on demand for the walk.
_DECISIONS = {"a": ("school_a", "person_a"), "b": ("school_b", "person_b"), "c": ("school_c", "person_c")}


def _object(world, name: str):
    """A world attribute, or ``decision_<a|b|c>`` / ``award_<a|b|c>`` / ``kind_ldtt`` created for the walk."""
    if hasattr(world, name):
        return getattr(world, name)
    if name.startswith("import_"):  # an import batch for that unit of the world
        from thidua.imports.models import ImportBatch

        unit = getattr(world, name.removeprefix("import_"))
        return ImportBatch.objects.filter(unit=unit).first() or ImportBatch.objects.create(
            kind="awards",
            unit=unit,
            file="imports/x.xlsx",
            original_name="x.xlsx",
            sha256="0" * 64,
            created_by=world.admin,
            status="validated",
            summary={"error": 0},
            report={"rows": []},
        )
    if name.startswith("token_"):  # a bearer token of that persona
        from thidua.accounts.models import ApiToken
        from thidua.accounts.services import api_token_issue

        user = getattr(world, name.removeprefix("token_"))
        api_token_issue(user=user)
        return ApiToken.objects.filter(user=user).latest("pk")
    if name.startswith("notification_"):  # a notification of that persona
        from thidua.notifications.services import notify

        return notify(getattr(world, name.removeprefix("notification_")), kind="general", title="Thông báo", url="/")
    if name == "holiday":
        from thidua.years.models import Holiday

        return Holiday.objects.get_or_create(date="2026-11-24", defaults={"name": "Ngày Văn hóa Việt Nam"})[0]
    if name in ("movement_commune", "response_a"):  # the commune's movement launched to school A, and A's response
        from tests.factories_movements import launched
        from thidua.movements.models import Movement

        movement = Movement.objects.filter(launcher=world.commune).first() or launched(world)
        return movement if name == "movement_commune" else movement.responses.get(unit=world.school_a)
    if name.startswith("scoring_"):  # school A's cluster, round, submission (tests/test_access.py)
        from tests.test_access import scoring_targets

        return scoring_targets(world)[name.removeprefix("scoring_")]
    if name in ("nomination_round", "nomination_line"):  # school A's open round, teacher_a's line in it
        from tests.factories_nominations import line_of_teacher_a, round_of_school_a

        return round_of_school_a(world) if name == "nomination_round" else line_of_teacher_a(world)
    if name.startswith("hd_"):  # school A's council, its open session, an item, a written vote (tests/test_access.py)
        from tests.test_access import council_targets

        kinds = {"hd_council": "council", "hd_session": "council_session", "hd_item": "ballot_item", "hd_written": "written_vote"}
        return council_targets(world)[kinds[name]]
    if name == "dossier_a":  # school A's dossier to the commune (tests/factories_dossiers.py)
        from tests.factories_dossiers import dossier_of_school_a

        return dossier_of_school_a(world)
    if name == "registration_a":  # teacher_a's submitted registration (tests/test_access.py)
        from tests.test_access import registration_of_teacher_a

        return registration_of_teacher_a(world)
    if name in ("disclosure_a", "remark_a", "bundle_a"):  # school A's disclosure, teacher_a's objection, the round's bundle
        from tests.test_access import bundle_of_school_a, disclosure_of_school_a, objection_of_teacher_a

        return {"disclosure_a": disclosure_of_school_a, "remark_a": objection_of_teacher_a, "bundle_a": bundle_of_school_a}[name](world)
    if name == "initiative_a":  # teacher_a's initiative before school A's council (tests/test_access.py)
        from tests.test_access import initiative_of_teacher_a

        return initiative_of_teacher_a(world)
    if name == "kind_ldtt":
        return AwardKind.objects.get(code="LDTT", regime__code="law2022_nd152", is_current=True)
    school, person = _DECISIONS[name[-1]]
    number = f"{name[-1]}/QĐ-GK"
    decision = Decision.objects.filter(number=number).first() or make_decision(
        issuer=getattr(world, school), number=number, awards=[("GK", getattr(world, person))]
    )
    return decision if name.startswith("decision_") else decision.awards.get()


def _fill(path: str, world, obj=None) -> str:
    """Put real ids into a path: ``obj`` (default: person A or school A), its first employment, a school year."""
    if obj is None:
        obj = world.person_a if path.startswith("/api/v1/people/") else world.school_a
    values = {"id": obj.pk, "school_year_code": "2024-2025", "kind": "staff", "code": "CSTDCS", "candidate_id": obj.pk}
    if "{eid}" in path:
        values["eid"] = obj.employments.values_list("pk", flat=True).first()
    if "{line_id}" in path:  # a line of the dossier
        values["line_id"] = obj.lines.values_list("pk", flat=True).first() if hasattr(obj, "lines") else 1
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), path)


def _call(client: Client, method: str, url: str, body=None):
    if method in {"get", "delete"}:
        return getattr(client, method)(url)
    return getattr(client, method)(url, data=json.dumps(body or {}), content_type="application/json")


def test_schema_lists_the_expected_operations():
    paths = {p for _, p, _ in OPERATIONS}
    assert {
        "/api/v1/units/",
        "/api/v1/units/{id}",
        "/api/v1/people/",
        "/api/v1/people/{id}",
        "/api/v1/school-years/",
        "/api/v1/eligibility/evaluate",
    } <= paths
    assert len(OPERATIONS) >= 24


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p, _ in OPERATIONS])
def test_anonymous_gets_401_everywhere_but_the_token_route(world, years, method, path):
    response = _call(Client(), method, _fill(path, world))

    if (method, path) in PUBLIC:
        assert response.status_code != 401 or response.json()["code"] != "not_authenticated"
    else:
        assert response.status_code == 401, response.content
        assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(("method", "path", "op"), OPERATIONS)
def test_every_operation_documents_its_error_statuses(method, path, op):
    documented = set(op["responses"])
    if (method, path) not in PUBLIC:
        assert "401" in documented
        assert op.get("security")
    if op.get("parameters") or op.get("requestBody"):
        assert "422" in documented
    if op.get("requestBody"):
        assert "400" in documented
    if "{" in path:
        assert "404" in documented
    if method != "get":
        assert "403" in documented
    for status, response in op["responses"].items():
        if int(status) >= 400:
            assert response["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")


def test_every_object_write_has_a_body_for_the_walk():
    writes = {(m, p) for m, p in OBJECT_OPERATIONS if m != "get"}
    assert writes == set(WRITE_BODIES), "add a valid body to WRITE_BODIES for the new endpoint"


# Who sees what: (persona, world attribute of the object, expected status) per kind of object.
PEOPLE_READS = [
    ("officer_school_b", "person_a", 404),
    ("officer_school_b", "colleague_a", 404),
    ("officer_school_b", "person_b", 200),
    ("officer_dept", "person_a", 200),
    ("officer_dept", "person_b", 200),
    ("officer_dept", "person_c", 404),
    ("teacher_a", "person_a", 200),
    ("teacher_a", "colleague_a", 404),
    ("teacher_a", "person_b", 404),
    ("council_a", "colleague_a", 200),
    ("admin", "person_c", 200),
]
UNIT_READS = [
    ("officer_school_b", "school_a", 404),
    ("officer_school_b", "team_a", 404),
    ("officer_school_b", "school_b", 200),
    ("officer_dept", "school_a", 200),
    ("officer_dept", "school_b", 200),
    ("officer_dept", "school_c", 404),
    ("officer_school_a", "team_a", 200),
    ("officer_school_a", "commune", 404),
    ("teacher_a", "school_a", 404),
    ("council_a", "school_a", 200),
]
GETS = [p for m, p in OBJECT_OPERATIONS if m == "get"]


DECISION_READS = [
    ("officer_school_b", "decision_a", 404),
    ("officer_school_b", "decision_b", 200),
    ("officer_dept", "decision_a", 200),
    ("officer_dept", "decision_b", 200),
    ("officer_dept", "decision_c", 404),
    ("officer_school_a", "decision_a", 200),
    ("council_a", "decision_a", 200),
    ("teacher_a", "decision_a", 404),
    ("admin", "decision_c", 200),
]
# A movement of the commune launched to school A alone: the commune's side and school A's readers see it.
MOVEMENT_READS = [
    ("officer_school_b", "movement_commune", 404),
    ("teacher_a", "movement_commune", 404),
    ("officer_school_a", "movement_commune", 200),
    ("council_a", "movement_commune", 200),
    ("officer_dept", "movement_commune", 200),
    ("admin", "movement_commune", 200),
]
# School A's cluster (organised by the commune): A's readers and those above the commune; not school B.
SCORING_READS = [("officer_school_b", 404), ("teacher_a", 404), ("officer_dept", 200), ("council_a", 200), ("officer_school_a", 200)]
# The catalogue is the same for every logged-in user.
CATALOGUE_READS = [(persona, "kind_ldtt", 200) for persona in ("teacher_a", "officer_school_b", "council_a", "admin")]
READ_CASES = {
    "/api/v1/people/": PEOPLE_READS,
    "/api/v1/units/": UNIT_READS,
    "/api/v1/decisions/": DECISION_READS,
    "/api/v1/catalogue/": CATALOGUE_READS,
    "/api/v1/imports/": [(persona, f"import_{unit}", status) for persona, unit, status in UNIT_READS],
    "/api/v1/movements/": MOVEMENT_READS,
    "/api/v1/movement-responses/": [(persona, "response_a", status) for persona, _obj, status in MOVEMENT_READS],
    "/api/v1/clusters/": [(p, "scoring_cluster", st) for p, st in SCORING_READS],
    "/api/v1/scoring-sheets/": [(p, "scoring_sheet", st) for p, st in SCORING_READS],
    "/api/v1/scoring-rounds/submissions/": [(p, "scoring_submission", st) for p, st in SCORING_READS],
    "/api/v1/scoring-rounds/": [(p, "scoring_round", st) for p, st in SCORING_READS],
    # School A's round: A's readers and those above it; not school B, not the teacher (she reads her own line).
    "/api/v1/review-rounds/": [(p, "nomination_round", st) for p, st in SCORING_READS],
    "/api/v1/nomination-lines/": [
        ("officer_school_b", "nomination_line", 404),
        ("teacher_a", "nomination_line", 200),
        ("council_a", "nomination_line", 200),
        ("officer_dept", "nomination_line", 200),
    ],
    "/api/v1/councils/sessions/": [(p, "hd_session", st) for p, st in SCORING_READS],
    "/api/v1/councils/": [(p, "hd_council", st) for p, st in SCORING_READS],
    # School A's dossier to the commune: A's readers and those above the commune (the Sở); never school B nor the teacher.
    "/api/v1/dossiers/": [
        ("officer_school_b", "dossier_a", 404),
        ("teacher_a", "dossier_a", 404),
        ("council_a", "dossier_a", 200),
        ("officer_school_a", "dossier_a", 200),
        ("officer_dept", "dossier_a", 200),
    ],
    # teacher_a's registration: school A's readers and teacher_a; never school B.
    "/api/v1/registrations/": [
        ("officer_school_b", "registration_a", 404),
        ("teacher_a", "registration_a", 200),
        ("council_a", "registration_a", 200),
        ("officer_dept", "registration_a", 200),
        ("officer_school_a", "registration_a", 200),
    ],
    # School A's disclosure: its staff (teacher_a) and readers, those above; never school B.
    "/api/v1/disclosures/": [
        ("officer_school_b", "disclosure_a", 404),
        ("teacher_a", "disclosure_a", 200),
        ("council_a", "disclosure_a", 200),
        ("officer_dept", "disclosure_a", 200),
    ],
    "/api/v1/paper-bundles/": [(p, "bundle_a", st) for p, st in SCORING_READS],
    # teacher_a's initiative: school A's readers and its author; never school B.
    "/api/v1/initiatives/": [
        ("officer_school_b", "initiative_a", 404),
        ("teacher_a", "initiative_a", 200),
        ("council_a", "initiative_a", 200),
        ("officer_dept", "initiative_a", 200),
    ],
}


def _cases(path: str, table: dict) -> list:
    return next((cases for prefix, cases in table.items() if path.startswith(prefix)), [])


def test_every_object_read_is_covered_by_the_walk():
    for path in GETS:
        assert path.startswith(tuple(READ_CASES)), f"add {path} to the access walk"


def _reads():
    for path in GETS:
        cases = _cases(path, READ_CASES)
        for persona, obj, status in cases:
            yield pytest.param(path, persona, obj, status, id=f"{path}-{persona}-{obj}")


@pytest.mark.parametrize(("path", "persona", "obj", "status"), list(_reads()))
def test_object_reads_follow_the_scope(world, personas, path, persona, obj, status):
    client = ApiClient(personas[persona])

    response = client.get(_fill(path, world, _object(world, obj)))

    assert response.status_code == status, response.content
    if status == 404:
        assert response.json()["code"] == "not_found"


# Writes on objects: invisible -> 404, visible but read-only -> 403, and nothing is written.
PEOPLE_WRITES = [("officer_school_b", "person_a", 404), ("teacher_a", "person_a", 403), ("council_a", "colleague_a", 403)]
UNIT_WRITES = [("officer_school_b", "school_a", 404), ("teacher_a", "school_a", 404), ("council_a", "school_a", 403)]
DECISION_WRITES = [("officer_school_b", "decision_a", 404), ("teacher_a", "decision_a", 404), ("council_a", "decision_a", 403)]
AWARD_WRITES = [("officer_school_b", "award_a", 404), ("teacher_a", "award_a", 404), ("council_a", "award_a", 403)]
WRITE_CASES = {
    "/api/v1/people/": PEOPLE_WRITES,
    "/api/v1/units/": UNIT_WRITES,
    "/api/v1/decisions/": DECISION_WRITES,
    "/api/v1/awards/": AWARD_WRITES,
    "/api/v1/imports/": [(persona, f"import_{unit}", status) for persona, unit, status in UNIT_WRITES],
    "/api/v1/scoring-rounds/submissions/": [("officer_school_b", "scoring_submission", 404), ("council_a", "scoring_submission", 403)],
    "/api/v1/scoring-rounds/": [
        ("officer_school_b", "scoring_round", 404),
        ("council_a", "scoring_round", 403),
        ("officer_school_a", "scoring_round", 403),
    ],
    # School A's cluster and its sheet (the commune's): A reads them as a member, only the commune changes them.
    "/api/v1/clusters/": [
        ("officer_school_b", "scoring_cluster", 404),
        ("officer_school_a", "scoring_cluster", 403),
        ("council_a", "scoring_cluster", 403),
    ],
    "/api/v1/scoring-sheets/": [
        ("officer_school_b", "scoring_sheet", 404),
        ("officer_school_a", "scoring_sheet", 403),
        ("council_a", "scoring_sheet", 403),
    ],
    "/api/v1/auth/tokens/": [(persona, "token_officer_school_a", 404) for persona in ("officer_school_b", "officer_dept", "teacher_a")],
    # School A's council: school B never finds it; a council member who is not on it reads it and changes nothing.
    "/api/v1/councils/items/": [("officer_school_b", "hd_item", 404), ("teacher_a", "hd_item", 404)],
    "/api/v1/councils/written-votes/": [("officer_school_b", "hd_written", 404), ("council_a", "hd_written", 403)],
    "/api/v1/councils/sessions/": [
        ("officer_school_b", "hd_session", 404),
        ("teacher_a", "hd_session", 404),
        ("council_a", "hd_session", 403),
    ],
    "/api/v1/councils/": [("officer_school_b", "hd_council", 404), ("teacher_a", "hd_council", 404), ("council_a", "hd_council", 403)],
    # The calendar is everyone's to read, the system admin's to change.
    "/api/v1/calendar/": [(p, "holiday", 403) for p in ("officer_school_b", "officer_dept", "teacher_a", "council_a")],
    # A notification is its recipient's alone, whoever asks.
    "/api/v1/notifications/": [
        (p, "notification_officer_school_a", 404) for p in ("officer_school_b", "officer_dept", "teacher_a", "admin")
    ],
    # School A reads the commune's movement but changes nothing of it; it answers for itself only.
    "/api/v1/movements/": [
        ("officer_school_b", "movement_commune", 404),
        ("teacher_a", "movement_commune", 404),
        ("officer_school_a", "movement_commune", 403),
        ("council_a", "movement_commune", 403),
    ],
    "/api/v1/movement-responses/": [
        ("officer_school_b", "response_a", 404),
        ("teacher_a", "response_a", 404),
        ("council_a", "response_a", 403),
    ],
    "/api/v1/review-rounds/": [
        ("officer_school_b", "nomination_round", 404),
        ("teacher_a", "nomination_round", 404),
        ("council_a", "nomination_round", 403),
    ],
    # teacher_a may comment on her own line but not withdraw it (the comment walk is in nominations/tests).
    "/api/v1/nomination-lines/": [("officer_school_b", "nomination_line", 404), ("council_a", "nomination_line", 403)],
    # School B never finds school A's dossier; A's council member reads it and takes no step.
    "/api/v1/dossiers/": [("officer_school_b", "dossier_a", 404), ("teacher_a", "dossier_a", 404), ("council_a", "dossier_a", 403)],
    # School B sees nothing of school A's registrations; A's council member reads them, decides none.
    "/api/v1/registrations/": [("officer_school_b", "registration_a", 404), ("council_a", "registration_a", 403)],
    # An objection is answered by school A's writers only: not its author (teacher_a), not the council.
    "/api/v1/disclosures/remarks/": [("officer_school_b", "remark_a", 404), ("teacher_a", "remark_a", 403), ("council_a", "remark_a", 403)],
    # Everyone who reads school A's disclosure comments on it; school B does not find it.
    "/api/v1/disclosures/": [("officer_school_b", "disclosure_a", 404)],
    # School B never finds school A's initiative; A's council member (no seat on its initiative council) changes nothing.
    "/api/v1/initiatives/": [("officer_school_b", "initiative_a", 404), ("council_a", "initiative_a", 403)],
}


def _writes():
    for (method, path), body in WRITE_BODIES.items():
        cases = _cases(path, WRITE_CASES)
        for persona, obj, status in cases:
            yield pytest.param(method, path, body, persona, obj, status, id=f"{method}-{path}-{persona}")


@pytest.mark.parametrize(("method", "path", "body", "persona", "obj", "status"), list(_writes()))
def test_object_writes_follow_the_scope(world, personas, years, method, path, body, persona, obj, status):
    client = ApiClient(personas[persona])
    target = _object(world, obj)
    before = AuditEvent.objects.exclude(verb="api_token.issued").count()
    url = _fill(path, world, target)

    response = _call(client.client, method, url, body(world) if body else None)

    assert response.status_code == status, response.content
    assert response.json()["code"] == {404: "not_found", 403: "forbidden"}[status]
    assert AuditEvent.objects.exclude(verb="api_token.issued").count() == before


def test_operation_ids_are_unique():
    ids = [op["operationId"] for _, _, op in OPERATIONS]

    assert len(ids) == len(set(ids)), "two endpoint functions share a name: rename one"
