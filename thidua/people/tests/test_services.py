"""People services: every write is validated, permission-checked and leaves exactly its audit rows."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.utils import timezone

from tests.factories import make_person
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError, PermissionDenied
from thidua.people import services
from thidua.people.models import AnnualRating, Discipline, Employment, Leave, Person
from thidua.years.models import SchoolYear

DAY = dt.date(2025, 9, 1)


def _new_person(world, **overrides) -> Person:
    args = {
        "actor": world.officer_school_a,
        "full_name": "Hoàng Văn Nam",
        "gender": "male",
        "unit": world.school_a,
        "staff_type": "teacher",
        "start_date": dt.date(2020, 9, 1),
        "date_of_birth": dt.date(1990, 1, 2),
        "national_id": "001090000123",
        **overrides,
    }
    return services.person_create(**args)


def _events(**filters) -> list[tuple]:
    return list(AuditEvent.objects.filter(**filters).order_by("id").values_list("verb", "actor_id", "target_type", "target_id"))


# -- person_create --------------------------------------------------------------------------------------


def test_person_create_stores_nfc_name_with_search_and_sort_keys(world):
    person = _new_person(world, full_name=unicodedata.normalize("NFD", "  Hoàng   Văn Nam "))
    assert person.full_name == unicodedata.normalize("NFC", "Hoàng Văn Nam")
    assert person.name_folded == "hoang van nam"
    assert person.sort_key
    assert person.current_unit == world.school_a


def test_person_create_opens_the_first_employment(world):
    person = _new_person(world, position="Tổ trưởng")
    rows = list(person.employments.values_list("unit_id", "start_date", "end_date", "position"))
    assert rows == [(world.school_a.pk, dt.date(2020, 9, 1), None, "Tổ trưởng")]
    assert person.current_position == "Tổ trưởng"


def test_person_create_leaves_a_person_and_an_employment_audit_row(world):
    person = _new_person(world)
    employment = person.employments.get()
    assert _events() == [
        ("person.created", world.officer_school_a.pk, "people.person", str(person.pk)),
        ("employment.added", world.officer_school_a.pk, "people.employment", str(employment.pk)),
    ]
    created = AuditEvent.objects.get(verb="person.created")
    assert created.before is None
    assert created.after["full_name"] == "Hoàng Văn Nam" and created.after["national_id"] == "001090000123"
    assert (created.person_id, created.unit_id) == (person.pk, world.school_a.pk)


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"national_id": "001185000001"}, "duplicate_national_id"),  # person_a's
        ({"national_id": "12345"}, "invalid_national_id"),
        ({"national_id": "00109000012x"}, "invalid_national_id"),
        ({"national_id": "٠٠١٠٩٠٠٠٠١٢٣"}, "invalid_national_id"),  # Arabic-Indic digits are digits to \d
        ({"national_id": "００１０９００００１２３"}, "invalid_national_id"),  # fullwidth digits
        ({"date_of_birth": timezone.localdate() + dt.timedelta(days=1)}, "invalid_date"),
        ({"date_of_birth": dt.date(1899, 12, 31)}, "invalid_date"),
        ({"full_name": "   "}, "required"),
        ({"gender": "other"}, "invalid_choice"),
        ({"staff_type": "boss"}, "invalid_choice"),
        ({"start_date": dt.date(2010, 1, 1)}, "unit_inactive"),  # before school A existed
    ],
)
def test_person_create_refuses_invalid_input_and_leaves_nothing(world, overrides, code):
    people, audit = Person.objects.count(), AuditEvent.objects.count()
    with pytest.raises(DomainError) as err:
        _new_person(world, **overrides)
    assert err.value.code == code
    assert (Person.objects.count(), AuditEvent.objects.count()) == (people, audit)


def test_national_id_may_be_typed_with_spaces(world):
    assert _new_person(world, national_id=" 001 090 000 123 ").national_id == "001090000123"


def test_person_create_in_another_school_is_forbidden(world):
    with pytest.raises(PermissionDenied):
        _new_person(world, actor=world.officer_school_b)
    assert AuditEvent.objects.count() == 0


# -- person_update --------------------------------------------------------------------------------------


def test_person_update_records_only_the_changed_fields(world):
    services.person_update(actor=world.head_a, person=world.person_a, full_name="Nguyễn Thị Hòa Bình", email="hoa@example.vn")
    event = AuditEvent.objects.get()
    assert (event.verb, event.actor_id, event.target_id) == ("person.updated", world.head_a.pk, str(world.person_a.pk))
    assert event.before == {
        "full_name": "Nguyễn Thị Hoà",
        "name_folded": "nguyen thi hoa",
        "sort_key": event.before["sort_key"],
        "email": "",
    }
    assert event.after["full_name"] == "Nguyễn Thị Hòa Bình" and event.after["email"] == "hoa@example.vn"


def test_person_update_refuses_a_national_id_already_taken(world):
    with pytest.raises(DomainError) as err:
        services.person_update(actor=world.admin, person=world.person_a, national_id="001185000002")
    assert err.value.code == "duplicate_national_id"
    assert AuditEvent.objects.count() == 0


# -- employment -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        (dt.date(2020, 1, 1), dt.date(2021, 1, 1), "employment_overlap"),  # inside the open row
        (dt.date(2015, 1, 1), dt.date(2016, 9, 1), "employment_overlap"),  # touches its first day
        (dt.date(2015, 1, 1), None, "employment_overlap"),
        (dt.date(2015, 6, 1), dt.date(2015, 5, 1), "end_before_start"),
    ],
)
def test_employment_add_refuses_overlap_and_end_before_start(world, start, end, code):
    with pytest.raises(DomainError) as err:
        services.employment_add(
            actor=world.officer_school_a, person=world.person_a, unit=world.school_a, staff_type="teacher", start_date=start, end_date=end
        )
    assert err.value.code == code
    assert world.person_a.employments.count() == 1
    assert AuditEvent.objects.count() == 0


def test_employment_add_of_an_earlier_period_keeps_the_current_unit(world):
    row = services.employment_add(
        actor=world.officer_school_a,
        person=world.person_a,
        unit=world.school_a,
        staff_type="teacher",
        start_date=dt.date(2015, 1, 1),
        end_date=dt.date(2016, 8, 31),
    )
    assert Person.objects.get(pk=world.person_a.pk).current_unit == world.school_a
    assert _events() == [("employment.added", world.officer_school_a.pk, "people.employment", str(row.pk))]


def test_officer_of_another_school_cannot_add_employment_to_a_person_they_do_not_manage(world):
    with pytest.raises(PermissionDenied):
        services.employment_add(
            actor=world.officer_school_b,
            person=world.person_a,
            unit=world.school_b,
            staff_type="teacher",
            start_date=dt.date(2015, 1, 1),
            end_date=dt.date(2015, 12, 31),
        )
    assert world.person_a.employments.count() == 1


def test_employment_update_without_an_end_date_keeps_a_closed_period_closed(world):
    row = services.employment_add(
        actor=world.admin,
        person=world.person_b,
        unit=world.school_a,
        staff_type="teacher",
        start_date=dt.date(2015, 1, 1),
        end_date=dt.date(2016, 8, 31),
    )
    services.employment_update(actor=world.admin, employment=row, position="Tổ phó")
    row.refresh_from_db()
    assert (row.position, row.end_date) == ("Tổ phó", dt.date(2016, 8, 31))


def test_employment_update_with_end_date_none_reopens_the_last_period(world):
    row = Employment.objects.get(person=world.person_c)
    services.employment_update(actor=world.admin, employment=row, end_date=dt.date(2024, 8, 31))
    assert Person.objects.get(pk=world.person_c.pk).current_unit is None
    services.employment_update(actor=world.admin, employment=row, end_date=None)
    assert Person.objects.get(pk=world.person_c.pk).current_unit == world.school_c


def test_employment_in_a_merged_unit_cannot_be_reopened(world):
    from thidua.org.services import unit_merge

    retired = make_person(name="Vũ Văn Hưu", unit=world.school_a, end=dt.date(2020, 5, 31))
    unit_merge(actor=world.admin, sources=[world.school_a], target=world.school_b, effective_date=DAY)
    closed = Employment.objects.get(person=retired)
    with pytest.raises(DomainError) as err:
        services.employment_update(actor=world.admin, employment=closed, end_date=None)
    assert err.value.code == "unit_inactive"
    closed.refresh_from_db()
    assert closed.end_date == dt.date(2020, 5, 31)


# -- transfer -------------------------------------------------------------------------------------------


def test_transfer_ends_the_previous_employment_the_day_before_and_updates_the_current_unit(world):
    person = world.person_a
    services.person_transfer(actor=world.officer_dept, person=person, to_unit=world.school_b, effective_date=DAY)
    rows = list(person.employments.order_by("start_date").values_list("unit_id", "start_date", "end_date", "position"))
    assert rows == [
        (world.school_a.pk, dt.date(2016, 9, 1), dt.date(2025, 8, 31), "Giáo viên"),
        (world.school_b.pk, DAY, None, "Giáo viên"),
    ]
    assert person.current_unit == world.school_b
    assert Person.objects.get(pk=person.pk).current_unit == world.school_b
    assert [e[0] for e in _events()] == ["employment.updated", "employment.added"]
    ended = AuditEvent.objects.get(verb="employment.updated")
    assert (ended.before, ended.after) == ({"end_date": None}, {"end_date": "2025-08-31"})


@pytest.mark.parametrize(
    ("actor", "unit", "day", "code"),
    [
        ("officer_school_a", "school_b", DAY, "forbidden"),  # cannot write the destination
        ("officer_school_b", "school_b", DAY, "forbidden"),  # cannot write the person
        ("officer_dept", "school_a", DAY, "same_unit"),
        ("officer_dept", "school_b", dt.date(2016, 9, 1), "end_before_start"),
    ],
)
def test_transfer_is_refused_and_leaves_nothing(world, actor, unit, day, code):
    with pytest.raises(DomainError) as err:
        services.person_transfer(actor=getattr(world, actor), person=world.person_a, to_unit=getattr(world, unit), effective_date=day)
    assert err.value.code == code
    assert world.person_a.employments.count() == 1
    assert AuditEvent.objects.count() == 0


# -- ratings --------------------------------------------------------------------------------------------


def test_rating_for_a_school_year_the_person_did_not_work_is_refused(world):
    with pytest.raises(DomainError) as err:
        services.rating_set(
            actor=world.officer_school_a, person=world.person_a, school_year=SchoolYear.objects.get(code="2014-2015"), rating="good"
        )
    assert err.value.code == "not_employed_in_year"
    assert not AnnualRating.objects.exists() and not AuditEvent.objects.exists()


def test_rating_set_creates_then_corrects_the_one_rating_of_the_year(world):
    year = SchoolYear.objects.get(code="2023-2024")
    first = services.rating_set(actor=world.officer_school_a, person=world.person_a, school_year=year, rating="good")
    second = services.rating_set(actor=world.head_a, person=world.person_a, school_year=year, rating="excellent", note="  Sửa   lại ")
    assert first.pk == second.pk
    assert list(AnnualRating.objects.values_list("rating", "note", "unit_id")) == [("excellent", "Sửa lại", world.school_a.pk)]
    created, corrected = AuditEvent.objects.filter(verb="rating.set").order_by("id")
    assert (created.actor, created.before, created.after["rating"]) == (world.officer_school_a, None, "good")
    assert (corrected.actor, corrected.before["rating"], corrected.after["rating"]) == (world.head_a, "good", "excellent")


@pytest.mark.parametrize(("actor", "error"), [("council_a", PermissionDenied), ("officer_school_a", DomainError)])
def test_rating_set_is_refused_for_readers_and_for_unknown_ratings(world, actor, error):
    rating = "good" if actor == "council_a" else "superb"
    with pytest.raises(error):
        services.rating_set(
            actor=getattr(world, actor), person=world.person_a, school_year=SchoolYear.objects.get(code="2023-2024"), rating=rating
        )
    assert not AuditEvent.objects.exists()


# -- discipline and leave -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"form": "flogging"}, "invalid_choice"),
        ({"status": "rumoured"}, "invalid_choice"),
        ({"end_date": dt.date(2024, 1, 1)}, "end_before_start"),
        ({"decision_date": dt.date(2024, 3, 2)}, "decision_after_start"),
    ],
)
def test_discipline_add_refuses_invalid_input(world, fields, code):
    with pytest.raises(DomainError) as err:
        services.discipline_add(
            actor=world.officer_school_a, person=world.person_a, **{"form": "reprimand", "start_date": dt.date(2024, 3, 1), **fields}
        )
    assert err.value.code == code
    assert not Discipline.objects.exists() and not AuditEvent.objects.exists()


def test_discipline_add_and_delete_leave_their_audit_rows(world):
    row = services.discipline_add(
        actor=world.officer_school_a,
        person=world.person_a,
        form="warning",
        start_date=dt.date(2024, 3, 1),
        decision_date=dt.date(2024, 2, 20),
        decision_number=" 12/QĐ ",
    )
    pk = row.pk
    services.discipline_delete(actor=world.officer_school_a, discipline=row)
    assert _events() == [
        ("discipline.added", world.officer_school_a.pk, "people.discipline", str(pk)),
        ("discipline.deleted", world.officer_school_a.pk, "people.discipline", str(pk)),
    ]
    deleted = AuditEvent.objects.get(verb="discipline.deleted")
    assert deleted.before["decision_number"] == "12/QĐ" and deleted.after is None
    assert deleted.person_id == world.person_a.pk


@pytest.mark.parametrize(
    ("fields", "code"), [({"kind": "holiday"}, "invalid_choice"), ({"end_date": dt.date(2024, 1, 1)}, "end_before_start")]
)
def test_leave_add_refuses_invalid_input(world, fields, code):
    with pytest.raises(DomainError) as err:
        services.leave_add(
            actor=world.officer_school_a,
            person=world.person_a,
            **{"kind": "maternity", "start_date": dt.date(2024, 3, 1), "end_date": dt.date(2024, 9, 1), **fields},
        )
    assert err.value.code == code
    assert not Leave.objects.exists() and not AuditEvent.objects.exists()


def test_leave_add_leaves_one_audit_row(world):
    row = services.leave_add(
        actor=world.head_a, person=world.person_a, kind="maternity", start_date=dt.date(2024, 3, 1), end_date=dt.date(2024, 9, 1)
    )
    assert _events() == [("leave.added", world.head_a.pk, "people.leave", str(row.pk))]
    assert AuditEvent.objects.get().after["end_date"] == "2024-09-01"


def test_staff_cannot_change_their_own_record(world):
    with pytest.raises(PermissionDenied):
        services.leave_add(
            actor=world.teacher_a, person=world.person_a, kind="sick", start_date=dt.date(2024, 3, 1), end_date=dt.date(2024, 4, 1)
        )
