"""The calendar's data: holidays set, deleted and confirmed by system admins only (audited), and its page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from thidua.audit.models import AuditEvent
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.years import holidays_vn, services
from thidua.years.models import Holiday

D = dt.date.fromisoformat


@pytest.fixture
def holidays(world):
    holidays_vn.load(Holiday)


def test_an_admin_adds_a_day_off_and_it_is_audited(world, holidays):
    holiday = services.holiday_set(actor=world.admin, date=D("2026-12-31"), kind="day_off", name="Nghỉ  bù", basis="TB 01/2026")

    assert (holiday.name, holiday.status) == ("Nghỉ bù", "proposed")
    event = AuditEvent.objects.get(verb="holiday.set")
    assert event.actor == world.admin and event.after["date"] == "2026-12-31"


def test_a_second_day_on_the_same_date_is_a_409(world, holidays):
    with pytest.raises(Conflict) as err:
        services.holiday_set(actor=world.admin, date=D("2026-09-02"), kind="holiday", name="Quốc khánh")

    assert err.value.code == "holiday_exists" and err.value.status == 409
    assert "02/09/2026" in err.value.message


def test_a_working_day_cannot_be_made_a_swapped_working_day(world, holidays):
    with pytest.raises(DomainError) as err:
        services.holiday_set(actor=world.admin, date=D("2026-12-30"), kind="working_day", name="Làm bù")  # a Wednesday
    assert err.value.code == "not_a_day_off"

    saturday = services.holiday_set(actor=world.admin, date=D("2026-12-26"), kind="working_day", name="Làm bù")
    assert saturday.kind == "working_day"


@pytest.mark.parametrize("persona", ["officer_dept", "officer_school_a", "teacher_a"])
def test_only_a_system_admin_changes_the_calendar(world, holidays, persona):
    actor = getattr(world, persona)
    holiday = Holiday.objects.get(date=D("2026-09-02"))
    for call in (
        lambda: services.holiday_set(actor=actor, date=D("2026-12-31"), kind="day_off", name="Nghỉ"),
        lambda: services.holiday_delete(actor=actor, holiday=holiday),
        lambda: services.holiday_confirm(actor=actor, year=2027),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert not AuditEvent.objects.filter(verb__startswith="holiday.").exists()


def test_confirming_a_year_confirms_its_proposed_days_and_lifts_the_flag(world, holidays):
    from thidua.years.calendar import unconfirmed_warning

    assert "2027" in unconfirmed_warning(D("2027-01-01"), D("2027-12-31"))

    count = services.holiday_confirm(actor=world.admin, year=2027, basis="Thông báo 123/TB-BNV")

    assert count == Holiday.objects.filter(date__year=2027).count() > 0
    assert set(Holiday.objects.filter(date__year=2027).values_list("status", "basis")) == {("confirmed", "Thông báo 123/TB-BNV")}
    assert unconfirmed_warning(D("2027-01-01"), D("2027-12-31")) == ""
    assert AuditEvent.objects.filter(verb="holiday.confirmed").count() == count
    assert services.holiday_confirm(actor=world.admin, year=2027) == 0


def test_a_year_without_days_cannot_be_confirmed(world, holidays):
    with pytest.raises(DomainError) as err:
        services.holiday_confirm(actor=world.admin, year=2035)
    assert err.value.code == "no_holidays"


def test_delete_is_audited(world, holidays):
    holiday = Holiday.objects.get(date=D("2026-11-24"))

    services.holiday_delete(actor=world.admin, holiday=holiday)

    assert not Holiday.objects.filter(date=D("2026-11-24")).exists()
    assert AuditEvent.objects.get(verb="holiday.deleted").before["name"] == holiday.name


# -- the page ---------------------------------------------------------------------------------------------
def test_the_page_lists_the_years_days_and_adds_working_days_across_tet(client, world, holidays):
    client.force_login(world.teacher_a)

    html = client.get(reverse("years:calendar"), {"year": "2026", "start": "13/02/2026", "days": "1"}).content.decode()

    assert "Tết Nguyên đán" in html and "17/02/2026" in html
    assert "1 ngày làm việc sau ngày 13/02/2026 là" in html and "ngày 23/02/2026" in html
    assert "chưa được xác nhận" not in html


def test_the_page_flags_a_year_whose_days_are_unconfirmed(client, world, holidays):
    client.force_login(world.officer_school_a)

    html = client.get(reverse("years:calendar"), {"year": "2027"}).content.decode()

    assert "Lịch nghỉ năm 2027 chưa được xác nhận" in html
    assert reverse("years:holiday_new") not in html  # not an admin


def test_a_year_that_cannot_be_read_is_reported(client, world, holidays):
    client.force_login(world.officer_school_a)

    html = client.get(reverse("years:calendar"), {"year": "năm ngoái"}).content.decode()

    assert "Không đọc được năm “năm ngoái”" in html


def test_the_admin_adds_a_day_from_the_page_and_a_duplicate_is_told(client, world, holidays):
    client.force_login(world.admin)
    data = {"date": "31/12/2026", "kind": "day_off", "name": "Nghỉ cuối năm", "basis": ""}

    assert client.post(reverse("years:holiday_new"), data)["Location"] == "/calendar/?year=2026"
    html = client.post(reverse("years:holiday_new"), data).content.decode()

    assert "Ngày 31/12/2026 đã có trong lịch (Nghỉ cuối năm)." in html
    assert Holiday.objects.filter(date=D("2026-12-31")).count() == 1


def test_non_admins_get_403_on_the_admin_pages(client, world, personas, holidays):
    holiday = Holiday.objects.get(date=D("2026-11-24"))
    urls = [reverse("years:holiday_new"), reverse("years:holiday_confirm"), reverse("years:holiday_delete", args=[holiday.pk])]
    for persona, user in personas.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        expected = 302 if user is None else 200 if persona == "admin" else 403
        for url in urls:
            assert client.get(url).status_code == expected, (persona, url)
    client.force_login(world.admin)
    assert client.post(reverse("years:holiday_delete", args=[holiday.pk]))["Location"] == "/calendar/?year=2026"
