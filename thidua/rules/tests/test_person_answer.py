"""The person page's eligibility panel is kept per data version: read again with one query while nothing about
the person changed, evaluated afresh after any audited change of their facts or of the catalogue."""

from __future__ import annotations

import datetime as dt

from thidua.people.services import rating_set
from thidua.rules import person_answer
from thidua.rules.selectors import evaluate_person
from thidua.rules.versions import GLOBAL, bump
from thidua.years.models import SchoolYear

DAY = dt.date(2025, 6, 15)


def _units(person) -> list[int]:
    return list(person.employments.values_list("unit_id", flat=True))


def test_an_unchanged_person_is_read_back_with_one_query(world, django_assert_num_queries):
    units = _units(world.person_a)
    first = person_answer.evaluation(person=world.person_a, unit_ids=units, day=DAY)
    with django_assert_num_queries(1):
        again = person_answer.evaluation(person=world.person_a, unit_ids=units, day=DAY)
    assert again == first == evaluate_person(person=world.person_a, day=DAY)


def test_an_audited_change_of_the_persons_facts_gives_the_fresh_answer(world):
    units = _units(world.person_a)
    person_answer.evaluation(person=world.person_a, unit_ids=units, day=DAY)
    before = person_answer.version(world.person_a.pk, units, DAY)
    for year in SchoolYear.objects.filter(start_date__lt=DAY).order_by("-start_date")[:2]:
        rating_set(actor=world.admin, person=world.person_a, school_year=year, rating="excellent")
    assert person_answer.version(world.person_a.pk, units, DAY) != before
    fresh = evaluate_person(person=world.person_a, day=DAY)
    assert person_answer.evaluation(person=world.person_a, unit_ids=units, day=DAY) == fresh


def test_a_catalogue_change_and_another_day_are_other_versions(world):
    units = _units(world.person_a)
    before = person_answer.version(world.person_a.pk, units, DAY)
    assert person_answer.version(world.person_a.pk, units, DAY + dt.timedelta(days=1)) != before
    bump({GLOBAL})
    assert person_answer.version(world.person_a.pk, units, DAY) != before


def test_another_persons_change_keeps_the_version(world):
    units = _units(world.person_a)
    before = person_answer.version(world.person_a.pk, units, DAY)
    year = SchoolYear.objects.filter(start_date__lt=DAY).order_by("-start_date").first()
    rating_set(actor=world.admin, person=world.person_c, school_year=year, rating="excellent")  # another department
    assert person_answer.version(world.person_a.pk, units, DAY) == before
