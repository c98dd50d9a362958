"""The registration criterion from the database: approved registrations of the year as facts, read in one query per
batch; the person page's panel follows an approval without any cache being cleared; the policy from the settings."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from thidua.registrations import services as registrations
from thidua.registrations.tests.factories import current_movement, register
from thidua.rules import selectors
from thidua.rules.engine.facts import year_of
from thidua.rules.engine.rulesets import REGISTERED_KEY

pytestmark = pytest.mark.django_db


def _approved(world, person, codes=("CSTDCS",)):
    registration = register(world, actor=world.officer_school_a, person=person, codes=codes, mov=current_movement(world),
                            on=timezone.localdate())  # fmt: skip
    return registrations.registration_approve(actor=world.head_a, registration=registration)


def _reason(evaluation, code="LDTT"):
    outcome = evaluation.persons[0].outcome(code)
    return next(c.reason for c in outcome.criteria if c.key == REGISTERED_KEY)


def test_person_facts_hold_the_approved_titles_of_the_year_only(world, django_assert_num_queries):
    today = timezone.localdate()
    _approved(world, world.person_a)
    register(world, actor=world.officer_school_a, person=world.colleague_a, mov=current_movement(world), on=today)  # a draft
    with django_assert_num_queries(10):  # one query for everyone's registrations, whatever the number of people
        facts = selectors.person_facts([world.person_a.pk, world.colleague_a.pk], day=today)
    approved = {f.id: [(r.code, r.approved_on) for r in f.registered] for f in facts}
    assert approved == {str(world.person_a.pk): [("CSTDCS", today)], str(world.colleague_a.pk): []}
    # Another school year: nothing.
    assert selectors.person_facts([world.person_a.pk], day=today, year=year_of(today) - 1)[0].registered == ()


def test_the_unit_document_reads_the_collective_registrations_once(world):
    today = timezone.localdate()
    registration = register(world, actor=world.officer_school_a, unit=world.school_a, codes=("TTLDTT",), mov=current_movement(world),
                            on=today)  # fmt: skip
    registrations.registration_approve(actor=world.officer_dept, registration=registration)
    doc = selectors.unit_document(unit=world.school_a, year=year_of(today), day=today)
    assert [r.code for r in doc.collectives[0].registered] == ["TTLDTT"]
    evaluation = selectors.evaluate_document_facts(doc)
    outcome = evaluation.collectives[0].outcome("TTLDTT")
    reason = next(c.reason for c in outcome.criteria if c.key == REGISTERED_KEY)
    assert reason == f"Đã đăng ký thi đua: Tập thể lao động tiên tiến, duyệt ngày {today:%d/%m/%Y}."


def test_approving_shows_on_the_person_page_without_clearing_any_cache(client, world):
    client.force_login(world.officer_school_a)
    url = f"/people/{world.person_a.pk}/"
    before = client.get(url).content.decode()
    assert "Chưa đăng ký thi đua đầu năm học (không bắt buộc)." in before
    assert client.get(url).context["eligibility"] is not None  # the cached answer, read back
    _approved(world, world.person_a)
    after = client.get(url).content.decode()
    assert f"Đã đăng ký thi đua: Chiến sĩ thi đua cơ sở, duyệt ngày {timezone.localdate():%d/%m/%Y}." in after


def test_a_return_bumps_the_data_version_too(world):
    from thidua.rules.person_answer import version

    registration = register(world, actor=world.officer_school_a, person=world.person_a, mov=current_movement(world),
                            on=timezone.localdate())  # fmt: skip
    units = [world.school_a.pk]
    before = version(world.person_a.pk, units, timezone.localdate())
    registrations.registration_return(actor=world.head_a, registration=registration, reason="Bổ sung cam kết")
    assert version(world.person_a.pk, units, timezone.localdate()) != before


def test_a_required_registration_comes_from_the_settings(world):
    today = timezone.localdate()
    cache.clear()
    plain = selectors.evaluate_person(person=world.person_a, day=today)
    assert _reason(plain) == "Chưa đăng ký thi đua đầu năm học (không bắt buộc)."
    rule = [{"regime": "*", "unit": world.dept.code, "required": True}, {"regime": "*", "unit": "no-such-unit", "required": True}]
    with override_settings(THIDUA_REGISTRATION_REQUIRED=rule):
        required = selectors.evaluate_person(person=world.person_a, day=today)
        assert _reason(required) == "Chưa đăng ký thi đua đầu năm học (bắt buộc theo quy định của đơn vị)."
        assert required.persons[0].outcome("LDTT").verdict.value == "not_eligible"
        # The school excepted: the most specific unit wins.
        excepted = [*rule, {"regime": "*", "unit": world.school_a.code, "required": False}]
        with override_settings(THIDUA_REGISTRATION_REQUIRED=excepted):
            assert _reason(selectors.evaluate_person(person=world.person_a, day=today)).endswith("(không bắt buộc).")
        _approved(world, world.person_a, codes=("LDTT",))
        assert _reason(selectors.evaluate_person(person=world.person_a, day=today)).startswith("Đã đăng ký thi đua: Lao động tiên tiến")
