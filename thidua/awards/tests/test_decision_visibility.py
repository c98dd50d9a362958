"""Issue 8 item 7: a unit sees every decision that awards someone of its units — the commune's decision
about school A's teachers is in school A's list and opens for its officer — with the other recipients
counted only; writing stays with the issuer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories_awards import tiny_pdf
from thidua.api.tests.conftest import ApiClient
from thidua.awards import selectors, services
from thidua.awards.services import AwardSpec

DAY = dt.date(2026, 5, 20)


def _commune_decision(world, number, people):
    return services.decision_create(
        actor=world.officer_dept,
        issuer=world.commune,
        number=number,
        decision_date=DAY,
        award_type="annual",
        awards=[AwardSpec("LDTT", person=p) for p in people],
        scan=SimpleUploadedFile("qd.pdf", tiny_pdf(), content_type="application/pdf"),
    )


@pytest.fixture
def about_a(world):
    """The commune's LĐTT for two teachers of school A."""
    return _commune_decision(world, "40/QĐ-UBND", [world.person_a, world.colleague_a])


@pytest.fixture
def about_a_and_b(world):
    """The commune's LĐTT for a teacher of A, a teacher of B and a teacher of A again (three lines)."""
    return _commune_decision(world, "41/QĐ-UBND", [world.person_a, world.person_b, world.colleague_a])


def _url(name, decision):
    return reverse(f"awards:{name}", kwargs={"pk": decision.pk})


def test_the_communes_decision_about_a_teacher_of_a_is_in_school_as_list(client, world, about_a):
    client.force_login(world.officer_school_a)

    body = client.get(reverse("awards:decisions")).content.decode()

    assert "40/QĐ-UBND" in body and "UBND xã Yên Tiến" in body


def test_school_as_officer_opens_it_and_downloads_the_signed_scan(client, world, about_a):
    client.force_login(world.officer_school_a)

    body = client.get(_url("decision_detail", about_a)).content.decode()
    scan = client.get(_url("decision_scan", about_a))

    assert "Nguyễn Thị Hoà" in body and "Trần Văn Đức" in body and "ngoài phạm vi của bạn" not in body
    assert scan.status_code == 200 and scan["Content-Type"] == "application/pdf"


def test_writing_the_decision_stays_with_the_issuers_scope(client, world, about_a):
    client.force_login(world.officer_school_a)
    award = about_a.awards.first()

    assert client.get(_url("decision_amend", about_a)).status_code == 403
    assert client.post(_url("decision_revoke", about_a), {"reason": "x"}).status_code == 403
    assert client.post(reverse("awards:award_revoke", kwargs={"pk": award.pk}), {"reason": "x"}).status_code == 403
    assert "Hủy bỏ quyết định" not in client.get(_url("decision_detail", about_a)).content.decode()


def test_a_sibling_schools_officer_gets_404_for_a_decision_about_a_only(client, world, about_a):
    client.force_login(world.officer_school_b)

    assert client.get(_url("decision_detail", about_a)).status_code == 404
    assert client.get(_url("decision_scan", about_a)).status_code == 404
    assert "40/QĐ-UBND" not in client.get(reverse("awards:decisions")).content.decode()
    assert ApiClient(world.officer_school_b).get(f"/decisions/{about_a.pk}").status_code == 404


def test_a_sibling_school_sees_a_decision_that_also_awards_its_staff_with_only_its_own_lines(client, world, about_a_and_b):
    client.force_login(world.officer_school_b)

    body = client.get(_url("decision_detail", about_a_and_b)).content.decode()
    listing = client.get(reverse("awards:decisions")).content.decode()

    assert "Lê Thị Bích" in body and "Nguyễn Thị Hoà" not in body and "Trần Văn Đức" not in body
    assert "và 2 người, tập thể ở đơn vị khác" in body
    assert "41/QĐ-UBND" in listing and "1 / 3" in listing


def test_a_line_about_another_school_cannot_be_reached_by_id(client, world, about_a_and_b):
    client.force_login(world.officer_school_b)
    line_of_a = about_a_and_b.awards.get(person=world.person_a)

    assert client.post(reverse("awards:award_revoke", kwargs={"pk": line_of_a.pk}), {"reason": "x"}).status_code == 404


def test_the_issuing_side_sees_every_line(client, world, about_a_and_b):
    client.force_login(world.officer_dept)

    body = client.get(_url("decision_detail", about_a_and_b)).content.decode()

    assert all(name in body for name in ("Lê Thị Bích", "Nguyễn Thị Hoà", "Trần Văn Đức")) and "ở đơn vị khác" not in body


def test_the_teacher_still_opens_no_decision_page(client, world, about_a):
    client.force_login(world.teacher_a)

    assert client.get(_url("decision_detail", about_a)).status_code == 404
    assert client.get(_url("decision_scan", about_a)).status_code == 404


def test_the_teachers_timeline_links_the_decision_for_school_as_officer_only(client, world, about_a):
    ledger = reverse("awards:person_ledger", kwargs={"pk": world.person_a.pk})
    link = f'href="{_url("decision_detail", about_a)}"'

    client.force_login(world.officer_school_a)
    assert link in client.get(ledger).content.decode()
    client.force_login(world.teacher_a)
    body = client.get(ledger).content.decode()
    assert "40/QĐ-UBND" in body and link not in body


def test_the_api_lists_and_opens_it_with_the_other_recipients_counted(world, about_a_and_b):
    api = ApiClient(world.officer_school_b)

    items = api.get("/decisions/").json()["items"]
    detail = api.get(f"/decisions/{about_a_and_b.pk}").json()
    timeline = api.get(f"/people/{world.person_b.pk}/ledger").json()

    assert [(i["number"], i["own_count"], i["award_count"]) for i in items] == [("41/QĐ-UBND", 1, 3)]
    assert [a["person"]["full_name"] for a in detail["awards"]] == ["Lê Thị Bích"] and detail["other_awards"] == 2
    assert [e["decision"] for e in timeline if e["kind"] == "award"] == [about_a_and_b.pk]


def test_the_api_timeline_hides_the_decision_from_the_teacher(world, about_a):
    timeline = ApiClient(world.teacher_a).get(f"/people/{world.person_a.pk}/ledger").json()

    assert [e["decision"] for e in timeline if e["kind"] == "award"] == [None]


def test_a_decision_about_a_teacher_who_has_since_moved_stays_with_the_school_she_worked_in(client, world, about_a):
    """The rule reads where the person worked when awarded (``recipient_unit``), not where she works now."""
    from thidua.people import services as people_services

    people_services.person_transfer(
        actor=world.officer_dept, person=world.colleague_a, to_unit=world.school_b, effective_date=dt.date(2026, 9, 1)
    )
    client.force_login(world.officer_school_b)

    assert client.get(_url("decision_detail", about_a)).status_code == 404
    client.force_login(world.officer_school_a)
    assert client.get(_url("decision_detail", about_a)).status_code == 200


def test_decision_list_of_a_school_takes_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    for i in range(30):
        _commune_decision(world, f"{i}/QĐ-UBND", [world.person_a, world.person_b])
    client.force_login(world.officer_school_a)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("awards:decisions"))

    assert response.status_code == 200 and "29/QĐ-UBND" in response.content.decode() and "1 / 2" in response.content.decode()


def test_decisions_q_and_the_line_rule_agree(world, about_a, about_a_and_b):
    from thidua.accounts.scope import scope_for

    for user in (world.officer_school_a, world.officer_school_b, world.teacher_a, world.officer_dept, world.council_a):
        listed = set(selectors.decision_list(actor=user).values_list("pk", flat=True))
        scope = scope_for(user)
        by_lines = {
            d.pk
            for d in (about_a, about_a_and_b)
            if any(selectors.award_line_visible(scope, issuer=d.issuer, recipient_unit=a.recipient_unit) for a in d.awards.all())
        }
        assert listed == by_lines, user.username
