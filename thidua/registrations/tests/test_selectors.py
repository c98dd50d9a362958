from __future__ import annotations

from tests.factories import make_person
from thidua.registrations import selectors, services

from .factories import register


def test_the_list_pages_by_keyset_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    for i in range(7):
        register(world, actor=world.officer_school_a, person=make_person(name=f"Giáo viên {i}", unit=world.school_a), codes=("LDTT", "CSTDCS"),
                 commitments=("Dạy tốt", "Học tốt"))  # fmt: skip
    world.officer_dept.__dict__.pop("_thidua_scope", None)
    with django_assert_num_queries(4):  # the actor's roles, the rows, their targets, their commitments
        page = selectors.registration_list(actor=world.officer_dept, unit=world.dept, limit=5)
        assert [len(r.targets.all()) for r in page.rows] == [2] * 5 and page.next_after == page.rows[-1].pk
    with django_assert_num_queries(3):
        rest = selectors.registration_list(actor=world.officer_dept, unit=world.dept, after=page.next_after, limit=5)
    assert len(rest.rows) == 2 and rest.next_after is None


def test_registered_codes_are_the_approved_ones_of_the_year(world):
    a = register(world, codes=("CSTDCS",))
    register(world, actor=world.officer_school_a, person=world.colleague_a)
    services.registration_approve(actor=world.head_a, registration=a)
    assert selectors.registered_codes(person_ids=[world.person_a.pk, world.colleague_a.pk], school_year=a.school_year) == {
        world.person_a.pk: frozenset({"CSTDCS"})
    }
