"""The synthetic bulk loader at a tiny size: rows must be as consistent as the services would leave them."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db import transaction

from thidua.accounts.models import User
from thidua.org.models import OrgUnit, UnitPlacement, path_segment
from thidua.people.models import AnnualRating, Employment, Person
from thidua.seeding.synthetic import seed_synthetic
from thidua.years.models import SchoolYear

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    call_command("seed", "--scale", "province", "--units", "24", "--people", "200", "--seed", "7", stdout=io.StringIO())


def test_tiny_province_has_about_the_requested_size(loaded):
    assert 15 <= OrgUnit.objects.count() <= 35
    assert 150 <= Person.objects.count() <= 260
    assert User.objects.filter(username__in=["admin", "officer_dept"]).count() == 2


def test_paths_and_depths_follow_parents(loaded):
    units = {u.pk: u for u in OrgUnit.objects.all()}
    for unit in units.values():
        expected = (units[unit.parent_id].path if unit.parent_id else "") + path_segment(unit.pk)
        assert unit.path == expected
        assert unit.depth == len(unit.path) // 6 - 1


def test_placements_nest_inside_their_parents_placements(loaded):
    by_unit = defaultdict(list)
    for p in UnitPlacement.objects.all():
        by_unit[p.unit_id].append(p)
    units = {u.pk: u for u in OrgUnit.objects.all()}
    for unit_id, rows in by_unit.items():
        rows.sort(key=lambda p: p.valid_from)
        assert sum(p.valid_to is None for p in rows) <= 1
        for before, after in itertools.pairwise(rows):
            assert before.valid_to == after.valid_from - dt.timedelta(days=1)
        if rows[-1].valid_to is None:
            assert rows[-1].path == units[unit_id].path
        for p in rows:
            assert p.path.endswith(path_segment(unit_id))
            if p.parent_id:
                end = p.valid_to or dt.date.max
                assert any(
                    q.path == p.path[:-6] and q.valid_from <= p.valid_from and (q.valid_to or dt.date.max) >= end
                    for q in by_unit[p.parent_id]
                ), p


def test_district_schools_moved_under_communes_on_1_july_2025(loaded):
    moved = UnitPlacement.objects.filter(valid_to=dt.date(2025, 6, 30), parent__kind__code="district_office", unit__kind__code="school")
    assert moved.exists()
    for old in moved:
        new = UnitPlacement.objects.get(unit_id=old.unit_id, valid_from=dt.date(2025, 7, 1))
        assert new.parent.kind.code == "commune"
    assert not OrgUnit.objects.filter(kind__code="district_office", valid_to__isnull=True).exists()
    merged = OrgUnit.objects.get(kind__code="department", valid_to=dt.date(2025, 6, 30))
    assert merged.successor.valid_to is None


def test_employment_never_overlaps_and_current_unit_matches(loaded):
    rows = defaultdict(list)
    for e in Employment.objects.all():
        rows[e.person_id].append(e)
    for person in Person.objects.all():
        history = sorted(rows[person.pk], key=lambda e: e.start_date)
        assert history
        for before, after in itertools.pairwise(history):
            assert before.end_date is not None and before.end_date < after.start_date
        open_rows = [e for e in history if e.end_date is None]
        assert len(open_rows) <= 1
        assert person.current_unit_id == (open_rows[0].unit_id if open_rows else None)
        unit = OrgUnit.objects.get(pk=history[-1].unit_id)
        assert history[0].start_date >= OrgUnit.objects.get(pk=history[0].unit_id).valid_from
        assert unit.valid_to is None or (history[-1].end_date and history[-1].end_date <= unit.valid_to)


def test_ratings_only_in_school_years_worked(loaded):
    years = {y.pk: y for y in SchoolYear.objects.all()}
    rows = defaultdict(list)
    for e in Employment.objects.all():
        rows[e.person_id].append(e)
    ratings = list(AnnualRating.objects.all())
    assert ratings
    for rating in ratings:
        year = years[rating.school_year_id]
        worked = [
            e for e in rows[rating.person_id] if e.start_date <= year.end_date and (e.end_date is None or e.end_date >= year.start_date)
        ]
        assert worked
        assert rating.unit_id in {e.unit_id for e in worked}
    assert {years[r.school_year_id].code for r in ratings} <= {f"{y}-{y + 1}" for y in range(2016, 2026)}


def test_same_seed_gives_the_same_people():
    def load() -> list[tuple[str, dt.date | None]]:
        with transaction.atomic():
            seed_synthetic(scale="province", units=20, people=120, seed=3)
            people = list(Person.objects.order_by("id").values_list("full_name", "date_of_birth"))
            transaction.set_rollback(True)
        return people

    first = load()
    assert first and first == load()
