import datetime as dt

import pytest

from thidua.core.errors import DomainError
from thidua.org import selectors, services
from thidua.org.models import OrgUnit
from thidua.people.models import Employment
from thidua.people.selectors import people_list


def test_merge_keeps_every_persons_history_under_the_successor(world):
    day = dt.date(2025, 7, 1)
    target = services.unit_merge(
        actor=world.admin,
        sources=[world.school_a, world.school_b],
        new_target=services.UnitSpec(code="TLC-YT", name="Trường Liên cấp Yên Tiến", kind="school", education_levels=["multi_level"]),
        new_target_parent=world.commune,
        effective_date=day,
    )
    world.school_a.refresh_from_db()
    assert world.school_a.valid_to == dt.date(2025, 6, 30)
    assert world.school_a.successor == target
    # Everyone who ever worked in A or B is listed under the successor, with both periods.
    names = set(people_list(actor=world.admin, unit=target).values_list("full_name", flat=True))
    assert {"Nguyễn Thị Hoà", "Trần Văn Đức", "Lê Thị Bích"} <= names
    rows = Employment.objects.filter(person=world.person_a).order_by("start_date")
    assert [(r.unit.code, r.end_date) for r in rows] == [("THCS-YT", dt.date(2025, 6, 30)), ("TLC-YT", None)]
    # The team of school A continues under the new school.
    world.team_a.refresh_from_db()
    assert world.team_a.parent == target


def test_tree_of_a_past_day_is_shown_as_it_was(world):
    services.unit_merge(
        actor=world.admin,
        sources=[world.school_a, world.school_b],
        new_target=services.UnitSpec(code="TLC-YT", name="Trường Liên cấp Yên Tiến", kind="school"),
        new_target_parent=world.commune,
        effective_date=dt.date(2025, 7, 1),
    )
    before = {r["unit"].code: r for r in selectors.unit_tree_on(actor=world.admin, day=dt.date(2025, 3, 1))}
    after = {r["unit"].code: r for r in selectors.unit_tree_on(actor=world.admin, day=dt.date(2025, 9, 1))}
    assert "THCS-YT" in before and "TLC-YT" not in before
    assert before["THCS-YT-TN"]["parent_id"] == world.school_a.pk
    assert "THCS-YT" not in after and "TLC-YT" in after
    assert after["THCS-YT-TN"]["parent_id"] == OrgUnit.objects.get(code="TLC-YT").pk


def test_merge_into_own_descendant_is_refused_and_changes_nothing(world):
    with pytest.raises(DomainError) as err:
        services.unit_merge(actor=world.admin, sources=[world.school_a], target=world.team_a, effective_date=dt.date(2025, 7, 1))
    assert err.value.code == "merge_into_descendant"
    world.school_a.refresh_from_db()
    assert world.school_a.valid_to is None


def test_moving_a_subtree_gives_no_new_placement_to_a_unit_closed_before(world):
    services.unit_close(actor=world.admin, unit=world.team_a, effective_date=dt.date(2024, 9, 1))
    services.unit_move(actor=world.admin, unit=world.school_a, new_parent=world.dept, effective_date=dt.date(2025, 9, 1))
    world.team_a.refresh_from_db()
    assert world.team_a.path.startswith(OrgUnit.objects.get(pk=world.school_a.pk).path)  # still inside the subtree
    assert not world.team_a.placements.filter(valid_to__isnull=True).exists()
    assert world.team_a.placements.count() == 1


def test_closing_on_the_day_of_the_last_move_is_a_clear_error(world):
    team = OrgUnit.objects.get(pk=world.team_a.pk)
    services.unit_move(actor=world.admin, unit=team, new_parent=world.school_b, effective_date=dt.date(2025, 9, 1))
    with pytest.raises(DomainError) as err:
        services.unit_close(actor=world.admin, unit=team, effective_date=dt.date(2025, 9, 1))
    assert err.value.code == "effective_date_before_last_change"
