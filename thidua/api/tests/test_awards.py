from __future__ import annotations

import datetime as dt

import pytest

from tests.factories_awards import make_decision
from thidua.audit.models import AuditEvent
from thidua.awards.models import Award, AwardKind, Decision

from .conftest import ApiClient


def _state() -> tuple[int, int, int]:
    return Decision.objects.count(), Award.objects.count(), AuditEvent.objects.exclude(verb="api_token.issued").count()


def _body(world, **overrides) -> dict:
    body = {
        "number": "15/QĐ-UBND",
        "decision_date": "2026-08-15",
        "issuer": world.commune.pk,
        "award_type": "annual",
        "school_year": "2025-2026",
        "signer_name": "Nguyễn Văn Chủ",
        "awards": [{"kind": "LDTT", "person": world.person_a.pk}, {"kind": "TTLDTT", "unit": world.team_a.pk}],
    }
    return {**body, **overrides}


@pytest.fixture
def decisions(world):
    """A Giấy khen of school A's principal (2024-2025) and one of school B's."""
    return {
        "a": make_decision(issuer=world.school_a, number="05/QĐ-THCS", awards=[("GK", world.person_a), ("GK", world.colleague_a)]),
        "b": make_decision(issuer=world.school_b, number="07/QĐ-TH", awards=[("GK", world.person_b)], award_type="thematic"),
    }


# -- catalogue and base salaries --------------------------------------------------------------------------
def test_any_logged_in_user_reads_the_catalogue_with_citations_and_tags(world):
    body = ApiClient(world.teacher_a).get("/catalogue/", {"regime": "law2022_nd152"}).json()

    ldtt = next(k for k in body if k["code"] == "LDTT")
    assert (ldtt["coefficient"], ldtt["status"], ldtt["status_tag"]) == ("0.30", "confirmed", "✅")
    assert ldtt["citation"] and ldtt["regime"]["code"] == "law2022_nd152"
    assert ldtt["granting_kinds"] == ["ministry", "department", "commune", "school"]
    assert {g["issuer_kind"] for g in ldtt["grants"]} == {"*legal_entity", "ministry", "department", "commune"}
    assert "tư cách pháp nhân" in ldtt["authority"]
    assert {k["regime"]["code"] for k in body} == {"law2022_nd152"}


def test_the_catalogue_keeps_the_ministers_and_the_provinces_bang_khen_apart(world):
    body = ApiClient(world.teacher_a).get("/catalogue/", {"regime": "law2022_nd152"}).json()

    bk = next(k for k in body if k["code"] == "BK_BO_TINH")
    by_issuer = {g["issuer_kind"]: g for g in bk["grants"]}
    assert by_issuer["ministry"]["authority"] == "Bộ trưởng Bộ GD&ĐT" and by_issuer["province"]["authority"] == "Chủ tịch UBND tỉnh"
    assert by_issuer["department"]["authority"].startswith("Chủ tịch UBND tỉnh") and "school" not in bk["granting_kinds"]


@pytest.mark.parametrize(
    ("params", "expected"), [({"subject": "collective"}, {"collective"}), ({"category": "title"}, {"individual", "collective"})]
)
def test_the_catalogue_filters_by_subject_and_category(world, params, expected):
    body = ApiClient(world.teacher_a).get("/catalogue/", {"regime": "law2013", **params}).json()

    assert {k["subject"] for k in body} == expected
    if "category" in params:
        assert {k["category"] for k in body} == {"title"}


def test_the_catalogue_filters_by_the_day_in_force(world):
    body = ApiClient(world.teacher_a).get("/catalogue/", {"on": "2024-03-01"}).json()

    assert {k["regime"]["code"] for k in body} == {"law2022_nd98"}


def test_an_unknown_regime_is_refused_with_a_code(world):
    response = ApiClient(world.teacher_a).get("/catalogue/", {"regime": "law1990"})

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == ("unknown_regime", "regime")


def test_a_catalogue_entry_is_read_by_id_and_an_unknown_one_is_404(world):
    kind = AwardKind.objects.get(code="CSTDCS", regime__code="law2013")
    client = ApiClient(world.teacher_a)

    assert client.get(f"/catalogue/{kind.pk}").json()["name"] == "Chiến sĩ thi đua cơ sở"
    assert client.get("/catalogue/999999").status_code == 404


def test_base_salaries_are_listed_by_date(world):
    body = ApiClient(world.teacher_a).get("/base-salaries/").json()

    assert [(b["amount"], b["effective_from"]) for b in body][-3:] == [
        (1_800_000, "2023-07-01"),
        (2_340_000, "2024-07-01"),
        (2_530_000, "2026-07-01"),
    ]


# -- decisions: create ------------------------------------------------------------------------------------
def test_an_officer_records_a_decision_with_its_cash_amounts(world):
    response = ApiClient(world.officer_dept).post("/decisions/", _body(world))

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["number"], body["regime"], body["school_year"], body["status"]) == ("15/QĐ-UBND", "law2022_nd152", "2025-2026", "in_force")
    assert [(a["kind"]["code"], a["cash_amount"]) for a in body["awards"]] == [("LDTT", 760_000), ("TTLDTT", 2_030_000)]
    assert body["awards"][0]["recipient_unit"]["id"] == world.school_a.pk
    assert AuditEvent.objects.filter(verb="decision.created").count() == 1


def _refused(world, actor, body, status, code, field):
    before = _state()

    response = ApiClient(actor).post("/decisions/", body)

    assert response.status_code == status, response.content
    assert (response.json()["code"], response.json()["field"]) == (code, field)
    assert response.json()["message"]
    assert _state() == before


@pytest.mark.parametrize(
    ("change", "status", "code", "field"),
    [
        (lambda w: {"awards": [{"kind": "TTLDTT", "person": w.person_a.pk}]}, 400, "collective_kind_for_person", "awards[0]"),
        (lambda w: {"awards": [{"kind": "LDTT", "unit": w.team_a.pk}]}, 400, "individual_kind_for_unit", "awards[0]"),
        (lambda w: {"awards": [{"kind": "LDTT", "person": w.person_a.pk, "cash_amount": 759_000}]}, 400, "cash_mismatch", "awards[0]"),
        (lambda w: {"awards": [{"kind": "LDTT", "person": w.person_a.pk}] * 2}, 400, "duplicate_award", "awards[1]"),
        (lambda w: {"awards": [{"kind": "XYZ", "person": w.person_a.pk}]}, 400, "unknown_award_kind", "awards[0]"),
        (lambda w: {"awards": []}, 400, "required", "awards"),
        (lambda w: {"period_start": "2026-09-01"}, 400, "decision_before_period", "decision_date"),
        (lambda w: {"awards": [{"kind": "LDTT", "person": w.person_c.pk}]}, 400, "unknown_person", "awards[0].person"),
        (lambda w: {"awards": [{"kind": "TTLDTT", "unit": w.school_c.pk}]}, 400, "unknown_unit", "awards[0].unit"),
        (
            lambda w: {"awards": [{"kind": "LDTT", "person": w.person_a.pk, "school_year": "1999"}]},
            400,
            "unknown_school_year",
            "awards[0].school_year",
        ),
        (lambda w: {"issuer": w.school_c.pk}, 400, "unknown_unit", "issuer"),
        (lambda w: {"issuer": w.team_a.pk}, 400, "no_authority", "awards[0]"),
        (
            lambda w: {"issuer": w.school_a.pk, "awards": [{"kind": "BK_BO_TINH", "person": w.person_a.pk}]},
            400,
            "no_authority",
            "awards[0]",
        ),
        (lambda w: {"award_type": "bonus"}, 422, "validation_error", "award_type"),
        (lambda w: {"decision_date": "15/08/2026"}, 422, "validation_error", "decision_date"),
        (lambda w: {"extra": 1}, 422, "validation_error", "extra"),
    ],
)
def test_a_refused_decision_answers_a_code_and_saves_nothing(world, change, status, code, field):
    _refused(world, world.officer_dept, _body(world, **change(world)), status, code, field)


def test_a_duplicate_decision_number_is_refused(world):
    client = ApiClient(world.officer_dept)
    assert client.post("/decisions/", _body(world)).status_code == 201

    _refused(world, world.officer_dept, _body(world), 400, "duplicate_decision", "number")


def test_a_council_member_cannot_record_a_decision(world):
    _refused(
        world,
        world.council_a,
        _body(world, issuer=world.school_a.pk, awards=[{"kind": "GK", "person": world.person_a.pk}]),
        403,
        "forbidden",
        None,
    )


def test_an_unreadable_body_is_400(world):
    response = ApiClient(world.officer_dept).post("/decisions/", "{not json")

    assert response.status_code == 400 and response.json()["code"] == "bad_request"


# -- decisions: read -------------------------------------------------------------------------------------
def test_decisions_are_scoped_to_the_issuers_the_actor_sees(world, decisions):
    assert ApiClient(world.officer_school_b).get("/decisions/").json()["count"] == 1
    assert ApiClient(world.officer_dept).get("/decisions/").json()["count"] == 2
    assert ApiClient(world.teacher_a).get("/decisions/").json()["count"] == 0


@pytest.mark.parametrize(
    ("params", "numbers"),
    [
        ({"number": "05/"}, ["05/QĐ-THCS"]),
        ({"award_type": "thematic"}, ["07/QĐ-TH"]),
        ({"school_year": "2024-2025", "limit": 1}, ["07/QĐ-TH"]),
        ({"school_year": "2023-2024"}, []),
    ],
)
def test_decisions_filter_and_page(world, decisions, params, numbers):
    body = ApiClient(world.officer_dept).get("/decisions/", params).json()

    assert [d["number"] for d in body["items"]] == numbers
    assert set(body) == {"items", "count"}


def test_decisions_filter_by_issuer(world, decisions):
    body = ApiClient(world.officer_dept).get("/decisions/", {"issuer": world.school_a.pk}).json()

    assert [(d["number"], d["award_count"]) for d in body["items"]] == [("05/QĐ-THCS", 2)]


def test_an_invisible_issuer_filter_is_refused(world, decisions):
    response = ApiClient(world.officer_school_b).get("/decisions/", {"issuer": world.school_a.pk})

    assert (response.status_code, response.json()["code"]) == (400, "unknown_unit")


def test_a_decision_of_a_sibling_school_is_404(world, decisions):
    client = ApiClient(world.officer_school_b)

    assert client.get(f"/decisions/{decisions['a'].pk}").status_code == 404
    assert client.get(f"/decisions/{decisions['b'].pk}").json()["awards"][0]["person"]["id"] == world.person_b.pk


# -- amendments and revocation ----------------------------------------------------------------------------
def test_an_amendment_removes_and_adds_awards_and_changes_the_header(world, decisions):
    decision = decisions["a"]
    wrong = decision.awards.get(person=world.colleague_a)
    body = {
        "number": "06/QĐ-THCS",
        "amendment_date": "2025-09-01",
        "reason": "Nhầm người",
        "remove_awards": [wrong.pk],
        "add_awards": [{"kind": "GK", "person": world.person_a.pk, "note": "trùng"}],
        "header": {"title": "Khen thưởng năm học"},
    }

    response = ApiClient(world.officer_school_a).post(f"/decisions/{decision.pk}/amendments", body)

    assert response.status_code == 400 and response.json()["code"] == "duplicate_award"
    assert not Award.objects.filter(revoked=True).exists()
    body["add_awards"] = [{"kind": "GK_TT", "unit": world.team_a.pk}]
    response = ApiClient(world.officer_school_a).post(f"/decisions/{decision.pk}/amendments", body)
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["title"] == "Khen thưởng năm học"
    assert [(a["kind"]["code"], a["revoked"]) for a in out["awards"]] == [("GK", False), ("GK", True), ("GK_TT", False)]
    assert out["amendments"][0]["number"] == "06/QĐ-THCS"


def test_an_amendment_cannot_remove_an_award_of_another_decision(world, decisions):
    other = decisions["b"].awards.get()
    body = {"number": "06", "amendment_date": "2025-09-01", "reason": "x", "remove_awards": [other.pk]}

    response = ApiClient(world.officer_dept).post(f"/decisions/{decisions['a'].pk}/amendments", body)

    assert (response.status_code, response.json()["code"], response.json()["field"]) == (400, "invalid_award", "remove_awards")


def test_a_revoked_decision_stops_counting_in_the_award_search(world, decisions):
    client = ApiClient(world.officer_school_a)

    response = client.post(f"/decisions/{decisions['a'].pk}/revoke", {"reason": "Khai man thành tích"})

    assert response.status_code == 200 and response.json()["status"] == "revoked"
    assert client.get("/awards/").json()["count"] == 0
    assert client.get("/awards/", {"include_revoked": True}).json()["count"] == 2


def test_revoking_without_a_reason_is_refused(world, decisions):
    response = ApiClient(world.officer_school_a).post(f"/decisions/{decisions['a'].pk}/revoke", {"reason": "  "})

    assert (response.status_code, response.json()["code"]) == (400, "required")
    assert Decision.objects.get(pk=decisions["a"].pk).status == "in_force"


def test_one_award_is_revoked_with_its_reason(world, decisions):
    award = decisions["a"].awards.get(person=world.person_a)

    response = ApiClient(world.officer_school_a).post(f"/awards/{award.pk}/revoke", {"reason": "Hồ sơ giả"})

    assert response.status_code == 200, response.content
    assert (response.json()["revoked"], response.json()["revoked_reason"]) == (True, "Hồ sơ giả")
    assert AuditEvent.objects.filter(verb="award.revoked").count() == 1


# -- award search ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({}, ["Lê Thị Bích", "Nguyễn Thị Hoà", "Trần Văn Đức"]),
        ({"q": "nguyen thi hoa"}, ["Nguyễn Thị Hoà"]),
        ({"decision_number": "07/"}, ["Lê Thị Bích"]),
        ({"kind": "gk", "school_year": "2024-2025"}, ["Lê Thị Bích", "Nguyễn Thị Hoà", "Trần Văn Đức"]),
        ({"kind": "LDTT"}, []),
        ({"school_year": "2025-2026"}, []),
    ],
)
def test_awards_are_searched_by_name_number_kind_and_year(world, decisions, params, names):
    body = ApiClient(world.officer_dept).get("/awards/", params).json()

    assert sorted(a["person"]["full_name"] for a in body["items"]) == names


def test_awards_filter_by_person_and_unit(world, decisions):
    client = ApiClient(world.officer_dept)

    assert client.get("/awards/", {"person": world.person_b.pk}).json()["count"] == 1
    assert client.get("/awards/", {"unit": world.school_a.pk}).json()["count"] == 2


def test_a_teacher_finds_only_her_own_awards(world, decisions):
    body = ApiClient(world.teacher_a).get("/awards/").json()

    assert [a["person"]["id"] for a in body["items"]] == [world.person_a.pk]
    assert body["items"][0]["decision"]["number"] == "05/QĐ-THCS"


def test_searching_the_awards_of_an_invisible_person_is_refused(world, decisions):
    response = ApiClient(world.officer_school_b).get("/awards/", {"person": world.person_a.pk})

    assert (response.status_code, response.json()["code"]) == (400, "unknown_person")


# -- ledgers ---------------------------------------------------------------------------------------------
def test_a_teacher_reads_her_own_ledger_only(world, decisions):
    client = ApiClient(world.teacher_a)

    own = client.get(f"/people/{world.person_a.pk}/ledger")

    assert own.status_code == 200
    assert [(e["kind"], e["unit"]) for e in own.json()] == [("award", "Trường THCS Yên Tiến"), ("employment", "Trường THCS Yên Tiến")]
    assert client.get(f"/people/{world.colleague_a.pk}/ledger").status_code == 404


def test_the_ledger_of_a_teacher_who_moved_is_whole_for_the_new_school(world, decisions):
    from thidua.people import services as people_services

    people_services.person_transfer(
        actor=world.officer_dept, person=world.person_a, to_unit=world.school_b, effective_date=dt.date(2025, 9, 1)
    )

    entries = ApiClient(world.officer_school_b).get(f"/people/{world.person_a.pk}/ledger").json()

    assert {e["unit"] for e in entries} == {"Trường THCS Yên Tiến", "Trường Tiểu học Yên Tiến"}
    assert any(e["kind"] == "award" and e["unit"] == "Trường THCS Yên Tiến" for e in entries)


def test_the_unit_ledger_book_has_one_row_per_person_and_year(world, decisions):
    body = ApiClient(world.officer_school_a).get(f"/units/{world.school_a.pk}/ledger", {"start_year": "2022-2023", "years": 5}).json()

    assert body["years"] == ["2022-2023", "2023-2024", "2024-2025", "2025-2026", "2026-2027"]
    rows = {r["full_name"]: r for r in body["rows"]}
    assert set(rows) == {"Nguyễn Thị Hoà", "Trần Văn Đức"}
    assert rows["Nguyễn Thị Hoà"]["by_year"]["2024-2025"]["awards"]


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [({"years": 7}, 422, "validation_error"), ({"start_year": "2050-2051"}, 400, "unknown_school_year")],
)
def test_the_unit_ledger_refuses_bad_periods(world, params, status, code):
    response = ApiClient(world.officer_school_a).get(f"/units/{world.school_a.pk}/ledger", params)

    assert (response.status_code, response.json()["code"]) == (status, code)
