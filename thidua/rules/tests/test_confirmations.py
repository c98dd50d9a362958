"""Officers' confirmations of qualitative criteria: recorded through an audited, scoped service, read by the
database path, never assumed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from thidua.api.tests.conftest import ApiClient
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError, PermissionDenied
from thidua.rules import selectors
from thidua.rules.models import Confirmation
from thidua.rules.services import confirmations_set, confirmations_set_for_people

from .conftest import school_year

DAY = dt.date(2025, 6, 15)
BASIS = "Biên bản họp Hội đồng TĐKT số 05/BB-THCS ngày 20/5/2025"


def ldtt(person, year: int = 2024) -> dict:
    result = selectors.evaluate_person_ids(person_ids=[person.pk], day=DAY, year=year, codes=("LDTT",))
    return result.persons[0].outcomes[0].as_dict()


def qualities(outcome: dict) -> dict:
    return next(c for c in outcome["criteria"] if c["key"] == "qualities")


def test_a_confirmation_decides_the_open_criterion_and_is_audited(world, history):
    hoa, year = history.hoa, school_year("2024-2025")
    assert ldtt(hoa)["verdict"] == "undetermined" and qualities(ldtt(hoa))["status"] == "unknown"

    confirmations_set(actor=world.officer_school_a, person=hoa, school_year=year, values={"ldtt_qualities": True}, basis=BASIS)

    assert ldtt(hoa)["verdict"] == "eligible" and qualities(ldtt(hoa))["status"] == "met"
    row = Confirmation.objects.get(person=hoa, school_year=year, fact="ldtt_qualities")
    assert (row.value, row.basis, row.unit, row.confirmed_by) == (True, BASIS, world.school_a, world.officer_school_a)
    event = AuditEvent.objects.filter(verb="eligibility.confirmed").latest("id")
    assert event.person_id == hoa.pk and event.after["value"] is True and event.before is None

    confirmations_set(actor=world.officer_school_a, person=hoa, school_year=year, values={"ldtt_qualities": False}, basis=BASIS)
    assert ldtt(hoa)["verdict"] == "not_eligible" and qualities(ldtt(hoa))["reason"] == "Được xác nhận là không đạt."
    assert AuditEvent.objects.filter(verb="eligibility.confirmed").latest("id").before["value"] is True

    confirmations_set(actor=world.officer_school_a, person=hoa, school_year=year, values={"ldtt_qualities": None})
    assert ldtt(hoa)["verdict"] == "undetermined"
    assert not Confirmation.objects.filter(person=hoa, school_year=year).exists()
    assert AuditEvent.objects.filter(verb="eligibility.confirmation_withdrawn", person_id=hoa.pk).count() == 1


def test_a_confirmation_counts_for_its_school_year_only(world, history):
    confirmations_set(
        actor=world.officer_school_a, person=history.hoa, school_year=school_year("2023-2024"), values={"ldtt_qualities": True}, basis=BASIS
    )

    assert ldtt(history.hoa, 2024)["verdict"] == "undetermined"
    assert qualities(ldtt(history.hoa, 2023))["status"] == "met"


def test_the_same_confirmation_again_changes_nothing(world, history):
    args = {"actor": world.officer_school_a, "person": history.hoa, "school_year": school_year("2024-2025"), "basis": BASIS}
    confirmations_set(**args, values={"ldtt_qualities": True})
    events = AuditEvent.objects.count()

    assert confirmations_set(**args, values={"ldtt_qualities": True}) == []
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    ("values", "basis", "code"),
    [
        ({"ldtt_qualities": True}, "  ", "basis_required"),
        ({"made_up_fact": True}, BASIS, "unknown_fact"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_changes_nothing(world, history, values, basis, code):
    events = AuditEvent.objects.count()

    with pytest.raises(DomainError) as error:
        confirmations_set(
            actor=world.officer_school_a, person=history.hoa, school_year=school_year("2024-2025"), values=values, basis=basis
        )

    assert error.value.code == code and str(error.value)
    assert AuditEvent.objects.count() == events and not Confirmation.objects.filter(person=history.hoa, fact__in=values).exists()


def test_a_year_the_person_did_not_work_is_refused(world, history):
    with pytest.raises(DomainError, match="không công tác") as error:
        confirmations_set(
            actor=world.officer_school_a,
            person=history.binh,
            school_year=school_year("2023-2024"),
            values={"ldtt_qualities": True},
            basis=BASIS,
        )
    assert error.value.code == "not_employed_in_year"


@pytest.mark.parametrize("who", ["officer_school_b", "council_a", "teacher_a"])
def test_only_writers_of_the_persons_unit_confirm(world, history, who):
    with pytest.raises(PermissionDenied):
        confirmations_set(
            actor=getattr(world, who),
            person=world.person_a,
            school_year=school_year("2024-2025"),
            values={"ldtt_qualities": True},
            basis=BASIS,
        )
    assert not Confirmation.objects.filter(person=world.person_a, school_year__code="2024-2025").exists()


def test_confirming_many_people_is_all_or_nothing(world, history):
    year = school_year("2024-2025")
    with pytest.raises(PermissionDenied):
        confirmations_set_for_people(
            actor=world.officer_school_a,
            people=[history.hoa, world.person_b],
            school_year=year,
            fact="ldtt_qualities",
            value=True,
            basis=BASIS,
        )
    assert not Confirmation.objects.filter(person=history.hoa, school_year=year).exists()

    changes = confirmations_set_for_people(
        actor=world.officer_dept, people=[history.hoa, world.person_b], school_year=year, fact="ldtt_qualities", value=True, basis=BASIS
    )

    assert [(c.person, c.after) for c in changes] == [(history.hoa, True), (world.person_b, True)]
    assert ldtt(history.hoa)["verdict"] == "eligible"


# -- pages -----------------------------------------------------------------------------------------------------
def _person_url(person, year: int = 2024) -> str:
    return reverse("rules:confirm", kwargs={"pk": person.pk}) + f"?year={year}"


def test_the_person_form_saves_what_changed_only(client, world, history):
    client.force_login(world.officer_school_a)
    url = _person_url(history.hoa)

    page = client.get(url).content.decode()
    response = client.post(url, {"fact_ldtt_qualities": "yes", "basis": BASIS})

    assert "Dùng cho: LĐTT" in page and "Chưa xác nhận" in page
    assert response.status_code == 302 and response["Location"] == reverse("people:detail", kwargs={"pk": history.hoa.pk})
    assert Confirmation.objects.get(person=history.hoa, fact="ldtt_qualities").value is True
    events = AuditEvent.objects.count()
    again = client.post(url, {"fact_ldtt_qualities": "yes", "basis": ""})  # unchanged: nothing to save, no basis needed
    assert again.status_code == 302 and AuditEvent.objects.count() == events
    assert "Đã xác nhận đạt – " + BASIS in client.get(url).content.decode()


def test_the_person_form_asks_for_the_basis_and_saves_nothing(client, world, history):
    client.force_login(world.officer_school_a)

    response = client.post(_person_url(history.hoa), {"fact_ldtt_qualities": "no", "basis": " "})

    assert response.status_code == 200 and "Nhập căn cứ xác nhận" in response.content.decode()
    assert not Confirmation.objects.filter(person=history.hoa).exists()


def test_the_unit_form_confirms_the_people_ticked(client, world, history):
    client.force_login(world.officer_school_a)
    url = reverse("rules:unit_confirm", kwargs={"pk": world.school_a.pk}) + "?year=2024"

    page = client.get(url).content.decode()
    response = client.post(url, {"fact": "ldtt_qualities", "value": "no", "basis": BASIS, "people": [history.hoa.pk, history.duc.pk]})

    assert history.hoa.full_name in page and history.lan.full_name in page
    assert response.status_code == 302
    rows = Confirmation.objects.filter(school_year__code="2024-2025", fact="ldtt_qualities", value=False)
    assert set(rows.values_list("person_id", flat=True)) == {history.hoa.pk, history.duc.pk}


def test_a_large_unit_is_asked_to_choose_a_smaller_one(client, world, history, monkeypatch):
    from thidua.rules import views

    monkeypatch.setattr(views, "MAX_BULK", 1)
    client.force_login(world.officer_school_a)

    page = client.get(reverse("rules:unit_confirm", kwargs={"pk": world.school_a.pk}) + "?year=2024").content.decode()

    assert "hãy chọn một trường" in page and history.hoa.full_name not in page


@pytest.mark.parametrize(("who", "shown"), [("officer_school_a", True), ("council_a", False)])
def test_the_confirm_links_are_offered_to_writers_only(client, world, history, who, shown):
    client.force_login(getattr(world, who))

    unit_page = client.get(reverse("rules:unit", kwargs={"pk": world.school_a.pk}) + "?year=2024").content.decode()
    reasons = client.get(
        reverse("rules:reasons", kwargs={"pk": world.school_a.pk}), {"year": 2024, "person": history.hoa.pk, "title": "LDTT"}
    )

    assert (reverse("rules:unit_confirm", kwargs={"pk": world.school_a.pk}) in unit_page) is shown
    assert (reverse("rules:confirm", kwargs={"pk": history.hoa.pk}) in reasons.content.decode()) is shown


# -- API -------------------------------------------------------------------------------------------------------
def test_the_api_lists_sets_and_withdraws_confirmations(world, history):
    api, path = ApiClient(world.officer_school_a), f"/api/v1/people/{history.hoa.pk}/confirmations/2024-2025"

    listed = api.get(path)
    saved = api.put(path, {"values": {"ldtt_qualities": True}, "basis": BASIS})
    refused = api.put(path, {"values": {"made_up": True}, "basis": BASIS})
    withdrawn = api.put(path, {"values": {"ldtt_qualities": None}})

    assert listed.status_code == 200 and {"fact": "ldtt_qualities", "value": None} in [
        {k: c[k] for k in ("fact", "value")} for c in listed.json()
    ]
    row = next(c for c in saved.json() if c["fact"] == "ldtt_qualities")
    assert (row["value"], row["basis"], row["confirmed_by"], row["titles"]) == (True, BASIS, "officer_school_a", ["LDTT"])
    assert refused.status_code == 400 and refused.json()["code"] == "unknown_fact"
    assert withdrawn.status_code == 200 and not Confirmation.objects.filter(person=history.hoa).exists()


def test_the_api_confirms_many_people_all_or_nothing(world, history):
    body = {
        "school_year": "2024-2025",
        "fact": "ldtt_qualities",
        "value": True,
        "basis": BASIS,
        "people": [history.hoa.pk, world.person_b.pk],
    }

    hidden = ApiClient(world.officer_school_a).post("/api/v1/eligibility/confirmations", body)
    read_only = ApiClient(world.council_a).post("/api/v1/eligibility/confirmations", body | {"people": [history.hoa.pk]})
    no_year = ApiClient(world.officer_dept).post("/api/v1/eligibility/confirmations", body | {"school_year": "1990-1991"})
    assert (hidden.status_code, read_only.status_code, no_year.status_code) == (404, 403, 404)
    assert not Confirmation.objects.filter(person=history.hoa, school_year__code="2024-2025").exists()

    done = ApiClient(world.officer_dept).post("/api/v1/eligibility/confirmations", body)

    assert done.status_code == 200 and done.json() == {"changed": 2}
    assert ldtt(history.hoa)["verdict"] == "eligible"


# -- found in review ---------------------------------------------------------------------------------------------
def test_setting_one_fact_leaves_the_others_as_recorded(client, world, history):
    year = school_year("2024-2025")
    confirmations_set(actor=world.officer_dept, person=history.hoa, school_year=year, values={"ldtt_qualities": True}, basis="BB 05 (Sở)")
    client.force_login(world.officer_school_a)

    # The form shows the recorded fact as "yes"; the officer sets another one with its own basis.
    client.post(_person_url(history.hoa), {"fact_ldtt_qualities": "yes", "fact_outstanding": "yes", "basis": "BB 07 (trường)"})

    rows = {c.fact: (c.basis, c.confirmed_by) for c in Confirmation.objects.filter(person=history.hoa, school_year=year)}
    assert rows == {"ldtt_qualities": ("BB 05 (Sở)", world.officer_dept), "outstanding": ("BB 07 (trường)", world.officer_school_a)}


def test_a_fact_left_out_of_the_post_is_not_withdrawn(client, world, history):
    year = school_year("2024-2025")
    confirmations_set(actor=world.officer_school_a, person=history.hoa, school_year=year, values={"ldtt_qualities": True}, basis=BASIS)
    client.force_login(world.officer_school_a)

    client.post(_person_url(history.hoa), {"fact_outstanding": "no", "basis": BASIS})

    assert Confirmation.objects.get(person=history.hoa, school_year=year, fact="ldtt_qualities").value is True


def test_the_unit_form_lists_only_people_the_officer_may_confirm(client, world, history):
    from thidua.people.services import person_transfer

    person_transfer(actor=world.officer_dept, person=history.duc, to_unit=world.school_b, effective_date=dt.date(2025, 1, 1))
    client.force_login(world.officer_school_a)
    url = reverse("rules:unit_confirm", kwargs={"pk": world.school_a.pk}) + "?year=2024"

    page = client.get(url).content.decode()
    response = client.post(url, {"fact": "ldtt_qualities", "value": "yes", "basis": BASIS, "people": [history.hoa.pk, history.duc.pk]})

    assert history.hoa.full_name in page and history.duc.full_name not in page
    assert response.status_code == 200 and "lựa chọn hợp lệ" in response.content.decode()  # not a choice: a form error, not a 403
    assert not Confirmation.objects.filter(school_year__code="2024-2025", person=history.hoa).exists()


def test_a_concurrent_first_confirmation_is_a_conflict_not_a_crash(world, history, monkeypatch):
    from thidua.core.errors import Conflict
    from thidua.rules import services

    year = school_year("2024-2025")
    confirmations_set(actor=world.officer_school_a, person=history.hoa, school_year=year, values={"ldtt_qualities": True}, basis=BASIS)
    monkeypatch.setattr(services, "_recorded", lambda person, school_year, facts: {})  # as if another officer saved it meanwhile

    with pytest.raises(Conflict):
        confirmations_set(actor=world.officer_dept, person=history.hoa, school_year=year, values={"ldtt_qualities": False}, basis=BASIS)
    assert Confirmation.objects.get(person=history.hoa, school_year=year, fact="ldtt_qualities").value is True
