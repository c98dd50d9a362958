"""Every list page runs the same, fixed number of queries whatever the number of rows (issue 12).

``_grow`` adds people, past and present employments, ratings, decisions with awards and import batches to
the units the pages show; each page is measured after one batch (more than a page of most lists) and after a
second one. Both counts must equal the number pinned here: a change that adds a query per row fails the
second measure, one that adds a query per page fails the pin (update it, saying why, if it is meant). (An
empty list can take fewer queries, a prefetch with nothing to fetch being skipped: hence two non-empty sizes.)
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tests.factories import make_person
from tests.factories_awards import make_decision
from tests.test_access import import_batch_of_school_a
from thidua.accounts.services import api_token_issue
from thidua.people.models import AnnualRating, Employment
from thidua.years.models import SchoolYear

ROWS = 30  # rows added per kind by _grow (more than one page of most lists)


def _grow(world, batch: int) -> None:
    years = list(SchoolYear.objects.order_by("start_date")[:3])
    people = []
    for i in range(batch * ROWS, (batch + 1) * ROWS):
        unit = world.school_a if i % 2 else world.school_b
        person = make_person(name=f"Nguyễn Văn Nam {i:02d}", unit=unit)
        # A past employment inside the same unit's subtree (team A is inside school A).
        before = world.team_a if unit == world.school_a else unit
        Employment.objects.create(
            person=person, unit=before, staff_type="teacher", start_date=dt.date(2012, 9, 1), end_date=dt.date(2016, 8, 31)
        )
        for year in years:
            AnnualRating.objects.create(person=person, school_year=year, rating="excellent", unit=unit)
        people.append(person)
    for year in years:  # the person page and the ledger grow too
        AnnualRating.objects.get_or_create(person=world.person_a, school_year=year, defaults={"rating": "good", "unit": world.school_a})
    for i in range(batch * ROWS, batch * ROWS + ROWS // 3):
        make_decision(
            issuer=world.school_a,
            number=f"{100 + i}/QĐ-THCS",
            awards=[("ldtt", p) for p in people[i % 10 :: 10]] + [("ldtt", world.person_a)],
        )
        import_batch_of_school_a(world, error=f"lần {i}")


# (name, persona, URL from the world, queries): the pinned counts include the session, the user and
# the scope (3 queries of every authenticated page). A name search takes two: the walk over the next people
# in order, then the page's rows or, when the walk held too few matches, all the matches sorted
# (thidua/people/tests/test_people_page.py).
PAGES = [
    ("people_list", "officer_dept", lambda w: "/people/", 4),
    ("people_search", "officer_dept", lambda w: "/people/?q=nguyen", 5),
    ("people_search_few", "officer_school_a", lambda w: "/people/?q=nam+0", 5),
    ("people_of_a_unit", "officer_dept", lambda w: f"/people/?unit={w.school_a.pk}", 5),
    # The eligibility panel read back by its data version (rules/person_answer.py: one query; _grow writes without
    # audit, so the warm answer stands; one more for the registration line): 20 when it is evaluated afresh (the ten
    # fact queries include the approved registrations read for the registration criterion).
    ("person_page", "officer_school_a", lambda w: f"/people/{w.person_a.pk}/", 11),  # + the registration line
    ("unit_tree", "officer_dept", lambda w: "/units/", 4),
    ("unit_children", "officer_dept", lambda w: f"/units/{w.commune.pk}/children/", 5),
    ("unit_page", "officer_dept", lambda w: f"/units/{w.school_a.pk}/", 13),
    # The book reads the collective awards of its lineage once for its foot and the timeline (was 14).
    ("ledger_book", "officer_school_a", lambda w: f"/awards/units/{w.school_a.pk}/book/", 12),
    ("person_ledger", "officer_school_a", lambda w: f"/awards/people/{w.person_a.pk}/", 10),
    ("decision_list", "officer_dept", lambda w: "/awards/decisions/", 7),
    ("award_search", "officer_dept", lambda w: "/awards/search/?q=nguyen", 7),
    ("import_list", "officer_school_a", lambda w: "/imports/", 5),
    ("api_people", "officer_dept", lambda w: "/api/v1/people/?q=nguyen&limit=10", 4),
]


def _queries(client: Client, url: str, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(200) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("name", "persona", "url", "pinned"), PAGES, ids=[p[0] for p in PAGES])
def test_a_list_page_takes_the_same_queries_with_more_rows(
    client, world, personas, django_assert_max_num_queries, name, persona, url, pinned
):
    user = personas[persona]
    client.force_login(user)
    path = url(world)
    if path.startswith("/api/"):
        client = Client(headers={"Authorization": f"Bearer {api_token_issue(user=user)}"})
    client.get(path)  # warm the session
    _grow(world, 0)
    small = _queries(client, path, django_assert_max_num_queries)
    _grow(world, 1)
    large = _queries(client, path, django_assert_max_num_queries)
    assert (small, large) == (pinned, pinned)


def _responding_units(world, movement, start: int, count: int) -> None:
    """``count`` more schools answering ``movement`` (pending, some submitted, some with a sơ kết report)."""
    from tests.factories import make_unit
    from thidua.movements.models import MovementReport, MovementResponse

    milestone = movement.milestones.get(kind="phase_review")
    for i in range(start, start + count):
        unit = make_unit(code=f"TH-LQ-{i:03d}", name=f"Trường Tiểu học Thử {i:03d}", kind="school", parent=world.commune)
        status = "submitted" if i % 3 == 0 else "pending"
        MovementResponse.objects.create(movement=movement, unit=unit, due_on=dt.date(2025, 9, 22), status=status,
                                        submitted_on=dt.date(2025, 9, 25) if status == "submitted" else None)  # fmt: skip
        if i % 4 == 0:
            MovementReport.objects.create(milestone=milestone, unit=unit, text="Sơ kết", submitted_on=dt.date(2026, 1, 20))


# The movement page: session, user, scope, the movement, the tracker's counts by status and its page (50 units,
# keyset), the calendar (2: working weeks, holidays; once for the days late and the holiday warning), targets,
# planned awards, the page's reports, the milestones, the not-reported counts, child movements, the award count,
# the history.
MOVEMENT_PAGE_QUERIES = 16


@pytest.mark.parametrize("query", ["", "?status=pending", "?status=submitted&after=0"])
def test_the_movement_page_takes_the_same_queries_with_more_responses(client, world, django_assert_max_num_queries, query):
    from tests.factories_movements import launched

    movement = launched(world)
    client.force_login(world.officer_dept)
    path = f"/movements/{movement.pk}/{query}"
    client.get(path)
    _responding_units(world, movement, 0, 10)
    small = _queries(client, path, django_assert_max_num_queries)
    _responding_units(world, movement, 10, 110)
    large = _queries(client, path, django_assert_max_num_queries)
    assert (small, large) == (MOVEMENT_PAGE_QUERIES, MOVEMENT_PAGE_QUERIES)


def _registrations_of_school_a(world, start: int, count: int) -> None:
    """``count`` more people of school A, each registered (with a commitment) in the Sở's movement, and as many
    more movements launched by the Sở (the movements list grows with them)."""
    from tests.factories_movements import launched
    from thidua.movements import services as movement_services
    from thidua.registrations.tests.factories import movement, register

    for i in range(start, start + count):
        person = make_person(name=f"Trần Thị Đăng Ký {i:03d}", unit=world.school_a)
        register(world, actor=world.officer_school_a, person=person, mov=movement(world))
        launched(world, launcher=world.dept, kind="campaign", name=f"Phong trào thử {i:03d}",
                 targets=[movement_services.TargetSpec(world.dept, include_subtree=True)])  # fmt: skip


# The movements list: session, user, scope, the school years of the filter, the count and the page of movements,
# the responses of the page's movements. A school's registrations: session, user, scope, the unit, the rows, their
# targets, their commitments, the movements of the filter (perf2, issue 12: both were not pinned yet).
WORKFLOW_LISTS = [
    ("movements", "officer_dept", lambda w: "/movements/", 7),
    ("registrations_school", "officer_school_a", lambda w: f"/units/{w.school_a.pk}/registrations/", 8),
]


@pytest.mark.parametrize(("name", "persona", "url", "pinned"), WORKFLOW_LISTS, ids=[p[0] for p in WORKFLOW_LISTS])
def test_a_workflow_list_takes_the_same_queries_with_more_rows(
    client, world, personas, django_assert_max_num_queries, name, persona, url, pinned
):
    client.force_login(personas[persona])
    path = url(world)
    client.get(path)  # warm the session
    _registrations_of_school_a(world, 0, 3)
    small = _queries(client, path, django_assert_max_num_queries)
    _registrations_of_school_a(world, 3, 55)  # past the first page of either list
    large = _queries(client, path, django_assert_max_num_queries)
    assert (small, large) == (pinned, pinned)
