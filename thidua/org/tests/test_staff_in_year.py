"""A unit's staff in the year shown: who is there, who joined during the year, who moved away (and when)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tests.factories import make_person
from thidua.accounts.scope import scope_for
from thidua.people.selectors import staff_in_year
from thidua.people.services import person_transfer
from thidua.years.models import SchoolYear


def _year(start: int) -> SchoolYear:
    return SchoolYear.objects.get(start_date__year=start)


def test_someone_who_moved_away_during_the_year_is_not_in_the_headcount(world):
    year = _year(2023)
    person_transfer(actor=world.admin, person=world.colleague_a, to_unit=world.school_b, effective_date=dt.date(2024, 1, 15))
    staff = staff_in_year(actor=world.officer_school_a, unit=world.school_a, year=year)
    assert [p.full_name for p in staff.present] == ["Nguyễn Thị Hoà"]
    assert staff.headcount == 1
    assert [(p.full_name, p.since, p.left_on) for p in staff.moved_away] == [("Trần Văn Đức", dt.date(2016, 9, 1), dt.date(2024, 1, 14))]
    assert staff.moved_count == 1
    # The year before, they were both there.
    before = staff_in_year(actor=world.officer_school_a, unit=world.school_a, year=_year(2022))
    assert before.headcount == 2 and before.moved_away == []


def test_people_who_joined_during_the_year_are_marked(world):
    make_person(name="Đỗ Minh Khôi", unit=world.school_a, start=dt.date(2023, 10, 2))
    staff = staff_in_year(actor=world.officer_school_a, unit=world.school_a, year=_year(2023))
    assert {p.full_name: p.joined for p in staff.present} == {"Nguyễn Thị Hoà": False, "Trần Văn Đức": False, "Đỗ Minh Khôi": True}
    assert staff.joined_count == 1
    # Not yet employed in an earlier year.
    assert "Đỗ Minh Khôi" not in {
        p.full_name for p in staff_in_year(actor=world.officer_school_a, unit=world.school_a, year=_year(2022)).present
    }


def test_staff_list_is_scoped_to_the_actor(world):
    staff = staff_in_year(actor=world.officer_school_b, unit=world.school_a, year=_year(2023))
    assert staff.headcount == 0 and staff.present == []


def test_staff_in_year_takes_three_queries(world, django_assert_num_queries):
    for i in range(5):
        make_person(name=f"Giáo viên {i}", unit=world.school_a, start=dt.date(2023, 10, 2))
    year = _year(2023)
    scope_for(world.officer_school_a)  # the actor's scope is read once per request, before
    with django_assert_num_queries(3):
        staff_in_year(actor=world.officer_school_a, unit=world.school_a, year=year)


def test_unit_page_shows_the_year_chosen_and_who_moved_away(client, world):
    person_transfer(actor=world.admin, person=world.colleague_a, to_unit=world.school_b, effective_date=dt.date(2024, 1, 15))
    client.force_login(world.officer_school_a)
    html = client.get(reverse("org:detail", args=[world.school_a.pk]), {"year": "2023-2024"}).content.decode()
    assert "Cán bộ, giáo viên năm học 2023-2024" in html
    assert "1 người đang công tác tại ngày 31/08/2024" in html
    assert "Đã chuyển đi (1 người)" in html
    assert "14/01/2024" in html
    # Only the years that have begun are offered (no future year).
    select = html.split('id="staff-year"', 1)[1].split("</select>", 1)[0]
    assert select.count("<option") == SchoolYear.objects.filter(start_date__lte=timezone.localdate()).count()
    assert "2030-2031" not in select


def test_unit_page_says_when_the_year_does_not_exist(client, world):
    client.force_login(world.officer_school_a)
    html = client.get(reverse("org:detail", args=[world.school_a.pk]), {"year": "1850"}, follow=True).content.decode()
    assert "Không có năm học 1850" in html


def test_staff_list_shows_the_position_held_in_the_unit_that_year(world):
    person_transfer(
        actor=world.admin, person=world.colleague_a, to_unit=world.school_b, effective_date=dt.date(2024, 9, 1), position="Hiệu trưởng"
    )
    staff = staff_in_year(actor=world.officer_school_a, unit=world.school_a, year=_year(2023))
    assert {p.full_name: p.position_here for p in staff.present}["Trần Văn Đức"] == "Giáo viên"
