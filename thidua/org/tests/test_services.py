"""Org services: creating units and restructuring the tree (move, merge, split, close)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import UserFactory, grant, make_person, make_unit
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError, PermissionDenied
from thidua.org import selectors, services
from thidua.org.models import OrgUnit, Restructuring, UnitPlacement
from thidua.people.models import Employment, Person
from thidua.people.selectors import people_list

DAY = dt.date(2025, 9, 1)
EVE = dt.date(2025, 8, 31)


def _state() -> tuple:
    """Everything a refused restructuring must leave untouched."""
    return (
        list(OrgUnit.objects.order_by("pk").values_list("pk", "parent_id", "path", "valid_to", "successor_id")),
        list(UnitPlacement.objects.order_by("pk").values_list("pk", "path", "valid_from", "valid_to")),
        list(Employment.objects.order_by("pk").values_list("pk", "unit_id", "start_date", "end_date")),
        Restructuring.objects.count(),
        AuditEvent.objects.count(),
    )


# -- create ---------------------------------------------------------------------------------------------


def test_create_stores_clean_name_upper_code_path_placement_and_audit(world):
    unit = services.unit_create(
        actor=world.officer_school_a,
        parent=world.school_a,
        code=" thcs-yt-xh ",
        name="Tổ  Khoa học\u0300 xã hội",
        kind="team",
        valid_from=DAY,
    )
    assert unit.code == "THCS-YT-XH"
    assert unit.path.startswith(world.school_a.path) and len(unit.path) == len(world.school_a.path) + 6
    assert unit.depth == world.school_a.depth + 1
    assert list(unit.placements.values_list("path", "valid_from", "valid_to")) == [(unit.path, DAY, None)]
    event = AuditEvent.objects.get(verb="unit.created")
    assert (event.actor, event.target_id, event.unit_path) == (world.officer_school_a, str(unit.pk), unit.path)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"code": "thcs-yt"}, "duplicate_unit_code"),
        ({"kind": "galaxy"}, "unknown_unit_kind"),
        ({"education_levels": ["primary", "kindergarten"]}, "invalid_education_level"),
        ({"kind": "department"}, "invalid_parent_kind"),
        ({"code": "  "}, "required"),
        ({"name": " "}, "required"),
        ({"valid_from": dt.date(2020, 1, 1)}, "unit_inactive"),  # the commune starts on 1/7/2025
    ],
)
def test_create_refuses_invalid_input_and_writes_nothing(world, fields, code):
    before = _state()
    args = {"code": "TH-NEW", "name": "Trường mới", "kind": "school", "valid_from": DAY, **fields}
    with pytest.raises(DomainError) as err:
        services.unit_create(actor=world.admin, parent=world.commune, **args)
    assert err.value.code == code
    assert _state() == before


def test_top_level_unit_is_for_admins_only(world):
    with pytest.raises(PermissionDenied):
        services.unit_create(actor=world.officer_dept, parent=None, code="BO2", name="Bộ khác", kind="ministry", valid_from=DAY)


# -- permission -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "operation",
    [
        lambda w: services.unit_create(actor=w.officer_school_b, parent=w.school_a, code="X", name="Tổ X", kind="team", valid_from=DAY),
        lambda w: services.unit_update(actor=w.officer_school_b, unit=w.school_a, name="Đổi tên"),
        lambda w: services.unit_move(actor=w.officer_school_b, unit=w.team_a, new_parent=w.school_b, effective_date=DAY),
        lambda w: services.unit_merge(actor=w.officer_school_b, sources=[w.school_a], target=w.school_b, effective_date=DAY),
        lambda w: services.unit_merge(actor=w.officer_school_b, sources=[w.school_b], target=w.school_a, effective_date=DAY),
        lambda w: services.unit_split(
            actor=w.officer_school_b,
            source=w.school_a,
            effective_date=DAY,
            parts=[services.UnitSpec(code="P1", name="P1", kind="school"), services.UnitSpec(code="P2", name="P2", kind="school")],
        ),
        lambda w: services.unit_close(actor=w.officer_school_b, unit=w.team_a, effective_date=DAY),
        lambda w: services.unit_close(actor=w.council_a, unit=w.team_a, effective_date=DAY),
    ],
    ids=["create", "update", "move", "merge-source", "merge-target", "split", "close", "council-close"],
)
def test_officer_of_another_school_cannot_restructure_school_a_and_nothing_changes(world, operation):
    before = _state()
    with pytest.raises(PermissionDenied):
        operation(world)
    assert _state() == before


# -- move -----------------------------------------------------------------------------------------------


def test_move_rewrites_the_paths_of_the_whole_subtree(world):
    services.unit_move(actor=world.officer_dept, unit=world.school_a, new_parent=world.district, effective_date=DAY)
    school, team = OrgUnit.objects.get(pk=world.school_a.pk), OrgUnit.objects.get(pk=world.team_a.pk)
    assert school.parent == world.district
    assert school.path.startswith(world.district.path) and school.depth == world.district.depth + 1
    assert team.path == school.path + team.path[-6:] and team.depth == school.depth + 1
    assert not OrgUnit.objects.filter(path__startswith=world.commune.path, pk__in=[school.pk, team.pk]).exists()


def test_move_keeps_the_placement_history_of_the_subtree(world):
    old_school_path, old_team_path = world.school_a.path, world.team_a.path
    services.unit_move(actor=world.officer_dept, unit=world.school_a, new_parent=world.district, effective_date=DAY)
    school = OrgUnit.objects.get(pk=world.school_a.pk)
    rows = list(UnitPlacement.objects.filter(unit=world.school_a).order_by("valid_from").values_list("parent_id", "path", "valid_to"))
    assert rows == [(world.commune.pk, old_school_path, EVE), (world.district.pk, school.path, None)]
    team_rows = list(UnitPlacement.objects.filter(unit=world.team_a).order_by("valid_from").values_list("parent_id", "path", "valid_to"))
    assert team_rows == [(world.school_a.pk, old_team_path, EVE), (world.school_a.pk, school.path + old_team_path[-6:], None)]
    assert AuditEvent.objects.filter(verb="unit.moved", target_id=str(school.pk)).count() == 1


def test_move_into_own_descendant_is_refused_and_changes_nothing(world):
    before = _state()
    with pytest.raises(DomainError) as err:
        services.unit_move(actor=world.admin, unit=world.commune, new_parent=world.school_a, effective_date=DAY)
    assert err.value.code == "move_into_descendant"
    assert _state() == before


def test_move_under_a_unit_of_a_lower_kind_is_refused(world):
    before = _state()
    with pytest.raises(DomainError) as err:
        services.unit_move(actor=world.admin, unit=world.school_b, new_parent=world.team_a, effective_date=DAY)
    assert err.value.code == "invalid_parent_kind"
    assert _state() == before


def test_second_move_on_the_same_day_corrects_the_first_without_a_zero_length_placement(world):
    old_path = world.school_a.path
    services.unit_move(actor=world.admin, unit=world.school_a, new_parent=world.district, effective_date=DAY)
    services.unit_move(actor=world.admin, unit=world.school_a, new_parent=world.other_dept, effective_date=DAY)
    school = OrgUnit.objects.get(pk=world.school_a.pk)
    rows = list(UnitPlacement.objects.filter(unit=school).order_by("valid_from").values_list("parent_id", "path", "valid_from", "valid_to"))
    assert rows == [(world.commune.pk, old_path, dt.date(2015, 1, 1), EVE), (world.other_dept.pk, school.path, DAY, None)]
    assert school.path.startswith(world.other_dept.path)


def test_move_dated_before_the_last_change_is_refused(world):
    services.unit_move(actor=world.admin, unit=world.school_a, new_parent=world.district, effective_date=DAY)
    with pytest.raises(DomainError) as err:
        services.unit_move(actor=world.admin, unit=world.school_a, new_parent=world.commune, effective_date=DAY - dt.timedelta(days=30))
    assert err.value.code == "effective_date_before_last_change"


# -- merge ----------------------------------------------------------------------------------------------


def _merge_a_into_b(world, actor=None):
    return services.unit_merge(actor=actor or world.admin, sources=[world.school_a], target=world.school_b, effective_date=DAY)


def test_merge_into_an_existing_unit_closes_the_source_with_its_successor(world):
    _merge_a_into_b(world)
    source = OrgUnit.objects.get(pk=world.school_a.pk)
    assert (source.valid_to, source.successor_id, source.parent_id) == (EVE, world.school_b.pk, world.school_b.pk)
    assert source.path.startswith(world.school_b.path)
    assert AuditEvent.objects.filter(verb="unit.merged", target_id=str(source.pk)).count() == 1


def test_merge_continues_each_persons_employment_through_the_people_service_with_an_audit_row(world):
    staff = set(Employment.objects.filter(unit=world.school_a, end_date__isnull=True).values_list("person_id", flat=True))
    _merge_a_into_b(world)
    events = AuditEvent.objects.filter(verb="employment.continued")
    assert {e.person_id for e in events} == staff and len(events) == len(staff)
    for event in events:
        row = Employment.objects.get(pk=event.target_id)
        assert (row.unit_id, row.start_date, event.unit_id) == (world.school_b.pk, DAY, world.school_b.pk)
        assert Employment.objects.get(pk=event.after["previous"]).end_date == EVE
        assert event.after["restructuring"] == Restructuring.objects.get().pk


def test_merge_moves_child_units_into_the_target(world):
    _merge_a_into_b(world)
    team = OrgUnit.objects.get(pk=world.team_a.pk)
    assert team.parent_id == world.school_b.pk and team.path.startswith(world.school_b.path)
    assert team.valid_to is None


def test_merge_splits_staff_employment_at_the_effective_date(world):
    _merge_a_into_b(world)
    for person in (world.person_a, world.colleague_a):
        rows = list(Employment.objects.filter(person=person).order_by("start_date").values_list("unit_id", "start_date", "end_date"))
        assert rows == [(world.school_a.pk, dt.date(2016, 9, 1), EVE), (world.school_b.pk, DAY, None)]
        assert Person.objects.get(pk=person.pk).current_unit_id == world.school_b.pk


def test_merge_splits_employment_that_ends_after_the_effective_date(world):
    temp = make_person(name="Vũ Thị Mai", unit=world.school_a, end=dt.date(2026, 5, 31))
    _merge_a_into_b(world)
    rows = list(Employment.objects.filter(person=temp).order_by("start_date").values_list("unit_id", "end_date"))
    assert rows == [(world.school_a.pk, EVE), (world.school_b.pk, dt.date(2026, 5, 31))]


def test_merge_leaves_employment_that_ended_earlier_alone(world):
    gone = make_person(name="Vũ Văn Nam", unit=world.school_a, end=dt.date(2020, 5, 31))
    _merge_a_into_b(world)
    assert list(Employment.objects.filter(person=gone).values_list("unit_id", "end_date")) == [(world.school_a.pk, dt.date(2020, 5, 31))]


def test_officer_of_the_successor_sees_the_sources_former_staff(world):
    gone = make_person(name="Vũ Văn Nam", unit=world.school_a, end=dt.date(2020, 5, 31))
    assert not people_list(actor=world.officer_school_b).filter(pk=gone.pk).exists()
    _merge_a_into_b(world)
    officer = UserFactory(username="officer_b_after")
    grant(officer, "officer", world.school_b)
    visible = set(people_list(actor=officer).values_list("pk", flat=True))
    assert {world.person_a.pk, world.colleague_a.pk, gone.pk} <= visible


def test_merge_into_a_new_unit_creates_it_and_moves_everyone(world):
    target = services.unit_merge(
        actor=world.officer_dept,
        sources=[world.school_a, world.school_b],
        effective_date=DAY,
        new_target_parent=world.commune,
        new_target=services.UnitSpec(code="TLC-YT", name="Trường Liên cấp Yên Tiến", kind="school", education_levels=["primary"]),
    )
    assert (target.parent_id, target.valid_from, target.education_levels) == (world.commune.pk, DAY, "primary")
    assert set(Person.objects.filter(current_unit=target).values_list("pk", flat=True)) == {
        world.person_a.pk,
        world.colleague_a.pk,
        world.person_b.pk,
    }
    assert set(OrgUnit.objects.filter(successor=target).values_list("pk", flat=True)) == {world.school_a.pk, world.school_b.pk}
    assert AuditEvent.objects.filter(verb="unit.merged").count() == 2


def test_merge_into_own_descendant_through_a_new_unit_is_refused_and_changes_nothing(world):
    before = _state()
    with pytest.raises(DomainError) as err:
        services.unit_merge(
            actor=world.admin,
            sources=[world.commune],
            effective_date=DAY,
            new_target_parent=world.school_a,
            new_target=services.UnitSpec(code="T", name="Tổ", kind="team"),
        )
    assert err.value.code == "merge_into_descendant"
    assert _state() == before


def test_merge_into_own_descendant_leaves_the_tree_and_staff_untouched(world):
    before = _state()
    with pytest.raises(DomainError):
        services.unit_merge(actor=world.admin, sources=[world.school_a], target=world.team_a, effective_date=DAY)
    assert _state() == before


def test_merge_with_staff_starting_on_the_effective_date_is_refused_and_changes_nothing(world):
    make_person(name="Hồ Văn Mới", unit=world.school_a, start=DAY)
    before = _state()
    with pytest.raises(DomainError) as err:
        _merge_a_into_b(world)
    assert err.value.code == "employment_after_effective_date"
    assert _state() == before


# -- split ----------------------------------------------------------------------------------------------


def test_split_distributes_people_and_children_and_closes_the_source(world):
    team_b = make_unit(code="THCS-YT-XH", name="Tổ Xã hội", kind="team", parent=world.school_a)
    first, second = services.unit_split(
        actor=world.officer_dept,
        source=world.school_a,
        effective_date=DAY,
        parts=[
            services.UnitSpec(code="THCS-YT1", name="Trường THCS Yên Tiến 1", kind="school"),
            services.UnitSpec(
                code="THCS-YT2", name="Trường THCS Yên Tiến 2", kind="school", people=[world.colleague_a.pk], children=[team_b.pk]
            ),
        ],
    )
    assert first.parent_id == second.parent_id == world.commune.pk
    assert Person.objects.get(pk=world.person_a.pk).current_unit_id == first.pk
    assert Person.objects.get(pk=world.colleague_a.pk).current_unit_id == second.pk
    assert OrgUnit.objects.get(pk=world.team_a.pk).parent_id == first.pk
    assert OrgUnit.objects.get(pk=team_b.pk).parent_id == second.pk
    source = OrgUnit.objects.get(pk=world.school_a.pk)
    assert (source.valid_to, source.successor_id, source.parent_id) == (EVE, first.pk, world.commune.pk)
    assert Employment.objects.get(person=world.colleague_a, unit=world.school_a).end_date == EVE
    assert AuditEvent.objects.filter(verb="unit.split", target_id=str(source.pk)).count() == 1


def test_split_with_a_child_of_another_unit_is_refused_and_changes_nothing(world):
    before = _state()
    with pytest.raises(DomainError) as err:
        services.unit_split(
            actor=world.admin,
            source=world.school_a,
            effective_date=DAY,
            parts=[
                services.UnitSpec(code="P1", name="P1", kind="school"),
                services.UnitSpec(code="P2", name="P2", kind="school", children=[world.school_b.pk]),
            ],
        )
    assert err.value.code == "invalid_child"
    assert _state() == before


def test_split_naming_someone_who_does_not_work_in_the_source_is_refused_and_changes_nothing(world):
    before = _state()
    with pytest.raises(DomainError) as err:
        services.unit_split(
            actor=world.admin,
            source=world.school_a,
            effective_date=DAY,
            parts=[
                services.UnitSpec(code="P1", name="P1", kind="school"),
                services.UnitSpec(code="P2", name="P2", kind="school", people=[world.person_b.pk]),
            ],
        )
    assert err.value.code == "invalid_person"
    assert _state() == before


def test_split_needs_two_parts(world):
    with pytest.raises(DomainError) as err:
        services.unit_split(actor=world.admin, source=world.school_a, effective_date=DAY, parts=[services.UnitSpec("P1", "P1", "school")])
    assert err.value.code == "split_needs_two_parts"


# -- close ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit_name", "code"),
    [("school_a", "unit_has_children"), ("team_a", "unit_has_staff"), ("school_c", "unit_has_staff")],
)
def test_close_is_refused_while_staff_or_active_children_remain(world, unit_name, code):
    make_person(name="Đinh Văn Tổ", unit=world.team_a)
    before = _state()
    with pytest.raises(DomainError) as err:
        services.unit_close(actor=world.admin, unit=getattr(world, unit_name), effective_date=DAY)
    assert err.value.code == code
    assert _state() == before


def test_close_is_refused_while_employment_runs_past_the_closing_date(world):
    make_person(name="Đinh Văn Tổ", unit=world.team_a, end=dt.date(2026, 5, 31))
    with pytest.raises(DomainError) as err:
        services.unit_close(actor=world.admin, unit=world.team_a, effective_date=DAY)
    assert err.value.code == "unit_has_staff"


def test_close_ends_the_unit_and_its_placement_the_day_before(world):
    make_person(name="Đinh Văn Cũ", unit=world.team_a, end=dt.date(2024, 5, 31))
    services.unit_close(actor=world.officer_school_a, unit=world.team_a, effective_date=DAY)
    team = OrgUnit.objects.get(pk=world.team_a.pk)
    assert team.valid_to == EVE
    assert list(team.placements.values_list("valid_to", flat=True)) == [EVE]
    assert AuditEvent.objects.filter(verb="unit.closed", actor=world.officer_school_a).count() == 1


# -- the tree of a past day -----------------------------------------------------------------------------


def test_tree_before_and_after_a_move_shows_the_parent_of_each_day(world):
    services.unit_move(actor=world.admin, unit=world.school_a, new_parent=world.district, effective_date=DAY)
    before = {r["unit"].code: r for r in selectors.unit_tree_on(actor=world.admin, day=EVE)}
    after = {r["unit"].code: r for r in selectors.unit_tree_on(actor=world.admin, day=DAY)}
    assert before["THCS-YT"]["parent_id"] == world.commune.pk
    assert after["THCS-YT"]["parent_id"] == world.district.pk
    assert after["THCS-YT-TN"]["depth"] == after["THCS-YT"]["depth"] + 1


def test_tree_of_a_day_before_a_unit_existed_leaves_it_out(world):
    codes = {r["unit"].code for r in selectors.unit_tree_on(actor=world.admin, day=dt.date(2024, 1, 1))}
    assert "XA-YT" not in codes and "PGD-YY" in codes


def test_tree_is_scoped_to_the_actor(world):
    codes = {r["unit"].code for r in selectors.unit_tree_on(actor=world.officer_school_b, day=DAY)}
    assert codes == {"TH-YT"}


@pytest.mark.parametrize("day", [dt.date.min, dt.date(1900, 1, 1), dt.date.max])
@pytest.mark.parametrize(
    "call",
    [
        lambda w, d: services.unit_split(
            actor=w.officer_dept,
            source=w.school_a,
            effective_date=d,
            parts=[services.UnitSpec(code="P1", name="Phần 1", kind="school"), services.UnitSpec(code="P2", name="Phần 2", kind="school")],
        ),
        lambda w, d: services.unit_merge(actor=w.officer_dept, sources=[w.school_b], target=w.school_a, effective_date=d),
        lambda w, d: services.unit_move(actor=w.officer_dept, unit=w.team_a, new_parent=w.school_b, effective_date=d),
        lambda w, d: services.unit_close(actor=w.officer_dept, unit=w.team_a, effective_date=d),
    ],
    ids=["split", "merge", "move", "close"],
)
def test_a_restructuring_dated_outside_what_records_can_hold_is_refused_and_changes_nothing(world, call, day):
    before = _state()

    with pytest.raises(DomainError) as err:
        call(world, day)

    assert err.value.code == "date_out_of_range"
    assert _state() == before
