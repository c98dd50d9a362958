"""Approved registrations feed the round: the selector, "Thêm từ đăng ký thi đua" and ``rounds_build``."""

from __future__ import annotations

import pytest

from tests.factories_nominations import round_of_school_a, year
from thidua.core.errors import PermissionDenied
from thidua.nominations import services
from thidua.nominations.models import NominationLine
from thidua.registrations import selectors as registration_selectors
from thidua.registrations import services as registration_services
from thidua.registrations.tests.factories import register

pytestmark = pytest.mark.django_db


def approved(world, **kwargs):
    registration = register(world, **kwargs)
    return registration_services.registration_approve(actor=world.head_a, registration=registration)


def test_approved_pairs_reads_the_units_approved_registrations_in_one_query(world, django_assert_num_queries):
    approved(world, person=world.colleague_a, codes=("CSTDCS",))
    register(world)  # teacher_a's: submitted, not approved
    school_year = year()
    with django_assert_num_queries(1):
        pairs = registration_selectors.approved_pairs(world.school_a, school_year)
    assert pairs == [(world.colleague_a, "CSTDCS")]
    assert registration_selectors.approved_pairs(world.school_b, year()) == []


def test_registrations_become_lines_with_their_source(world):
    approved(world, person=world.colleague_a, codes=("CSTDCS",))
    round_ = round_of_school_a(world)

    lines, skipped = services.lines_from_approved_registrations(actor=world.officer_school_a, round_=round_)

    assert [(x.person, x.kind_code, x.source) for x in lines] == [(world.colleague_a, "CSTDCS", "registration")]
    assert skipped == 0 and "Đã đăng ký" in lines[0].reason
    again, skipped = services.lines_from_approved_registrations(actor=world.officer_school_a, round_=round_)
    assert again == [] and skipped == 1  # her line is open: no second line


def test_a_person_suggested_and_registered_gets_one_line(world):
    from tests.factories_nominations import line_of_teacher_a

    line = line_of_teacher_a(world)  # person_a's LĐTT from the engine's suggestions
    approved(world)  # and her approved registration for LĐTT
    lines, skipped = services.lines_from_approved_registrations(actor=world.admin, round_=line.round)
    assert lines == [] and skipped == 1
    assert NominationLine.objects.filter(person=world.person_a, kind_code="LDTT").count() == 1


def test_rounds_build_takes_registrations_first_and_suggestions_after(world):
    approved(world)  # person_a registered LĐTT; the engine suggests it too
    (round_,) = services.rounds_build(actor=world.admin, units=[world.school_a], school_year=year())
    mine = list(round_.lines.filter(person=world.person_a, kind_code="LDTT"))
    assert len(mine) == 1 and mine[0].source == "registration"


def test_the_sibling_school_cannot_feed_school_as_round(world):
    approved(world, person=world.colleague_a, codes=("CSTDCS",))
    with pytest.raises(PermissionDenied):
        services.lines_from_approved_registrations(actor=world.officer_school_b, round_=round_of_school_a(world))
    assert not NominationLine.objects.exists()
