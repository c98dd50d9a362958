"""``people_page``: the pages of ``people_list`` without counting it, whichever way the page is found."""

from __future__ import annotations

import pytest

from tests.factories import make_person
from thidua.accounts.scope import scope_for
from thidua.core.errors import DomainError
from thidua.people import selectors
from thidua.people.selectors import people_list, people_page

NAMES = [
    "Nguyễn Thị Hoà",
    "Nguyễn Văn An",
    "Trần Thị Hoa",
    "Lê Văn Khoa",
    "Phạm Thị Hoài",
    "Nguyễn Hữu Bình",
    "Đỗ Thị Thoa",
    "Vũ Văn Hoàng",
    "Nguyễn Thị Thu Hương",
    "Hoàng Văn Đức",
]


@pytest.fixture
def crowd(world):
    for i in range(36):
        make_person(name=f"{NAMES[i % len(NAMES)]} {'ABCDEF'[i % 6]}", unit=world.school_a if i % 3 else world.school_b)
    return world


def _walk(actor, query: str, limit: int, unit=None) -> tuple[list[int], list[int | None]]:
    seen, counts, after = [], [], ""
    for _ in range(100):
        page = people_page(actor=actor, query=query, unit=unit, after=after, limit=limit)
        seen += [p.pk for p in page.people]
        counts.append(page.count)
        assert len(page.people) <= limit
        if not page.more:
            assert page.next is None
            return seen, counts
        after = page.next
    raise AssertionError("the pages never ended")


@pytest.mark.parametrize("persona", ["admin", "officer_dept", "officer_school_a", "officer_school_b", "teacher_a"])
def test_following_the_pages_gives_the_whole_list_in_order(crowd, personas, monkeypatch, persona):
    actor = personas[persona]
    for query in ["", "nguyen", "hoa", "thi hoa", "HOÀI", "duc", "khoa b", "nobody", "%", "h_a", "\\"]:
        expected = list(people_list(actor=actor, query=query).values_list("pk", flat=True))
        for walk in [(1,), (1, 3), (3, 1000), (1000,)]:  # the page found in a walk, or by sorting all the matches
            monkeypatch.setattr(selectors, "WALKS", walk)
            for limit in [1, 4, 25]:
                seen, counts = _walk(actor, query, limit)
                assert seen == expected, (query, walk, limit)
                # The count is stated only when the first page is the whole list, and then it is right.
                assert counts[0] == (len(expected) if len(expected) <= limit else None)
                assert all(c is None for c in counts[1:])


@pytest.mark.parametrize("walk", [(2,), (2, 5), (1000,)])
def test_pages_of_a_unit_follow_the_unit_filter(crowd, monkeypatch, walk):
    monkeypatch.setattr(selectors, "WALKS", walk)
    expected = list(people_list(actor=crowd.officer_dept, query="thi", unit=crowd.school_b).values_list("pk", flat=True))
    assert _walk(crowd.officer_dept, "thi", 3, unit=crowd.school_b)[0] == expected


@pytest.mark.parametrize("walk_offset", [0, 2000])  # deep offsets skip the walk
def test_an_offset_skips_rows_like_a_slice(crowd, monkeypatch, walk_offset):
    monkeypatch.setattr(selectors, "WALK_OFFSET", walk_offset)
    expected = list(people_list(actor=crowd.officer_dept, query="nguyen").values_list("pk", flat=True))
    page = people_page(actor=crowd.officer_dept, query="nguyen", offset=5, limit=4)
    assert [p.pk for p in page.people] == expected[5:9]


def test_a_malformed_cursor_is_refused_with_its_code(world):
    for bad in ["abc", "abc.0", "ABC.1", "abc.1;", "a" * 401 + ".1"]:
        with pytest.raises(DomainError) as refused:
            people_page(actor=world.admin, after=bad)
        assert refused.value.code == "bad_cursor"


def test_the_search_stays_inside_the_scope(crowd):
    page = people_page(actor=crowd.officer_school_b, query="hoa")
    assert page.people and all(p.current_unit_id == crowd.school_b.pk for p in page.people)


# -- queries: by the way the page is found, not by the number of rows -----------------------------------
def _grow(world, n: int) -> None:
    for i in range(n):
        make_person(name=f"Nguyễn Văn Nam {i}", unit=world.school_a)


@pytest.mark.parametrize(
    ("query", "walk", "queries"),
    [
        ("", (1000,), 1),  # no name: one query
        ("nguyen", (5,), 2),  # a common name: the page is among the next people (the walk, then the rows)
        ("nguyen", (1000,), 2),  # fewer matches than a page, and the scope ends within the walk
        ("hoa", (5,), 2),  # no match among the next people (the scope check is skipped): all the matches sorted
        ("hoa", (5, 6), 3),  # one query per walk
    ],
)
def test_a_page_takes_the_same_queries_for_more_rows(world, monkeypatch, django_assert_num_queries, query, walk, queries):
    monkeypatch.setattr(selectors, "WALKS", walk)
    limit = 3 if walk[0] == 5 else 200
    for actor in (world.admin, world.officer_dept):
        scope_for(actor)  # the scope is read once per request, before the page
    for _ in range(2):
        _grow(world, 20)
        for actor in (world.admin, world.officer_dept):
            with django_assert_num_queries(queries):
                people_page(actor=actor, query=query, limit=limit)
