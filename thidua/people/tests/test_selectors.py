"""People selectors: diacritic-blind search, Vietnamese order, fixed query count."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from tests.factories import make_person
from thidua.accounts.models import User
from thidua.accounts.permissions import access_person
from thidua.people.models import Person
from thidua.people.selectors import people_list, person_record


@pytest.mark.parametrize(
    "query",
    ["hoa", "Hoà", "hòa", "HOA", unicodedata.normalize("NFD", "Hoà"), "nguyen hoa", "thi  HOA"],
)
def test_people_list_search_is_diacritic_blind(world, query):
    assert list(people_list(actor=world.admin, query=query).values_list("full_name", flat=True)) == ["Nguyễn Thị Hoà"]


def test_people_list_search_matches_d_with_stroke(world):
    assert list(people_list(actor=world.admin, query="duc").values_list("full_name", flat=True)) == ["Trần Văn Đức"]


def test_people_list_search_stays_inside_the_actors_scope(world):
    assert not people_list(actor=world.officer_school_b, query="hoa").exists()


def test_people_list_is_in_vietnamese_name_order(world):
    for name in ["Lê Văn An", "Nguyễn Văn Ăn", "Trần Thị Ánh", "Hồ Thị Dung", "Vũ Thị Đào"]:
        make_person(name=name, unit=world.school_b)
    names = list(people_list(actor=world.officer_school_b).values_list("full_name", flat=True))
    assert names == ["Lê Văn An", "Trần Thị Ánh", "Nguyễn Văn Ăn", "Lê Thị Bích", "Hồ Thị Dung", "Vũ Thị Đào"]


def test_people_list_filters_by_unit_subtree_past_or_current(world):
    make_person(name="Đinh Văn Cũ", unit=world.team_a, end=dt.date(2020, 1, 1))
    everyone = set(people_list(actor=world.admin, unit=world.school_a).values_list("full_name", flat=True))
    current = set(people_list(actor=world.admin, unit=world.school_a, current_only=True).values_list("full_name", flat=True))
    assert everyone == {"Nguyễn Thị Hoà", "Trần Văn Đức", "Đinh Văn Cũ"}
    assert current == {"Nguyễn Thị Hoà", "Trần Văn Đức"}


def _first_page_queries(world, django_assert_max_num_queries, n: int) -> int:
    for i in range(n):
        make_person(name=f"Giáo Viên Số {i}", unit=world.school_b)
    actor = User.objects.get(pk=world.officer_dept.pk)  # no cached scope, like a new request
    with django_assert_max_num_queries(50) as ctx:
        qs = people_list(actor=actor, query="so")
        total = qs.count()
        page = list(qs[:20])
        labels = [(p.full_name, p.current_unit.name) for p in page]
    assert total == n and len(labels) == min(n, 20)
    return len(ctx.captured_queries)


def test_people_list_first_page_and_count_take_a_fixed_number_of_queries(world, django_assert_max_num_queries, django_assert_num_queries):
    small = _first_page_queries(world, django_assert_max_num_queries, 5)
    # Same world, 45 more rows: still the same number of queries.
    for i in range(45):
        make_person(name=f"Giáo Viên Số {100 + i}", unit=world.school_a)
    actor = User.objects.get(pk=world.officer_dept.pk)
    with django_assert_num_queries(small):
        qs = people_list(actor=actor, query="so")
        assert qs.count() == 50
        page = list(qs[:20])
        assert len({p.current_unit.name for p in page}) >= 1
    assert small == 3  # the actor's roles, the count, the page


def test_person_record_loads_everything_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    bare = Person.objects.get(pk=world.person_a.pk)  # its unit not loaded: read again with it
    with django_assert_num_queries(5):
        assert person_record(person=bare).current_unit.kind.code == "school"
    loaded = access_person(world.officer_school_a, world.person_a.pk)  # as the page has it: filled in place
    with django_assert_num_queries(4):
        person = person_record(person=loaded)
        assert [e.unit.name for e in person.employments.all()] == ["Trường THCS Yên Tiến"]
        assert list(person.ratings.all()) == list(person.disciplines.all()) == list(person.leaves.all()) == []
