"""The ledger: a person's timeline across schools, who may open which decision, the unit's book."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_person, make_unit
from thidua.accounts.scope import scope_for
from thidua.awards import selectors, services
from thidua.awards.services import AwardSpec
from thidua.core.errors import PermissionDenied
from thidua.org import services as org_services
from thidua.people import services as people_services
from thidua.years.models import SchoolYear

D = dt.date


def year(code: str) -> SchoolYear:
    return SchoolYear.objects.get(code=code)


def decide(actor, issuer, number, day, specs, school_year=None):
    return services.decision_create(
        actor=actor,
        issuer=issuer,
        number=number,
        decision_date=day,
        award_type="annual",
        awards=specs,
        school_year=year(school_year) if school_year else None,
    )


@pytest.fixture
def moved(world):
    """Vũ Thị Mai taught at school A from 2016, moved to school B on 01/09/2023; a Giấy khen from each school."""
    mai = make_person(name="Vũ Thị Mai", unit=world.school_a, national_id="001190000009")
    people_services.rating_set(actor=world.officer_school_a, person=mai, school_year=year("2021-2022"), rating="excellent")
    decision_a = decide(world.officer_school_a, world.school_a, "12/QĐ-THCS", D(2022, 5, 25), [AwardSpec("GK", person=mai)], "2021-2022")
    people_services.person_transfer(actor=world.officer_dept, person=mai, to_unit=world.school_b, effective_date=D(2023, 9, 1))
    mai.refresh_from_db()
    people_services.rating_set(actor=world.officer_school_b, person=mai, school_year=year("2023-2024"), rating="good")
    decision_b = decide(world.officer_school_b, world.school_b, "30/QĐ-TH", D(2024, 5, 27), [AwardSpec("GK", person=mai)], "2023-2024")
    return mai, decision_a, decision_b


def _awards(entries):
    return [(e.obj.decision.number, e.extra["decision_visible"]) for e in entries if e.kind == "award"]


def test_timeline_of_a_teacher_who_moved_shows_both_schools(world, moved):
    mai, _a, _b = moved
    entries = selectors.person_timeline(actor=world.officer_school_b, person=mai)
    assert {e.unit for e in entries if e.kind == "employment"} == {world.school_a.name, world.school_b.name}
    assert sorted(n for n, _ in _awards(entries)) == ["12/QĐ-THCS", "30/QĐ-TH"]
    ratings = {e.school_year: e.label for e in entries if e.kind == "rating"}
    assert ratings == {"2021-2022": "Hoàn thành xuất sắc nhiệm vụ", "2023-2024": "Hoàn thành tốt nhiệm vụ"}


def test_officer_of_new_school_sees_old_award_but_not_its_decision(world, moved):
    mai, _a, _b = moved
    assert dict(_awards(selectors.person_timeline(actor=world.officer_school_b, person=mai))) == {"12/QĐ-THCS": False, "30/QĐ-TH": True}
    assert dict(_awards(selectors.person_timeline(actor=world.officer_school_a, person=mai))) == {"12/QĐ-THCS": True, "30/QĐ-TH": False}


def test_officer_of_new_school_gets_404_for_the_old_schools_decision_page(client, world, moved):
    mai, decision_a, decision_b = moved
    client.force_login(world.officer_school_b)
    page = client.get(reverse("awards:person_ledger", kwargs={"pk": mai.pk}))
    body = page.content.decode()
    assert page.status_code == 200 and "12/QĐ-THCS" in body and "30/QĐ-TH" in body
    assert reverse("awards:decision_detail", kwargs={"pk": decision_a.pk}) not in body
    assert reverse("awards:decision_detail", kwargs={"pk": decision_b.pk}) in body
    assert client.get(reverse("awards:decision_detail", kwargs={"pk": decision_a.pk})).status_code == 404
    assert client.get(reverse("awards:decision_scan", kwargs={"pk": decision_a.pk})).status_code == 404
    assert client.get(reverse("awards:decision_detail", kwargs={"pk": decision_b.pk})).status_code == 200


def test_officer_of_old_school_still_sees_the_teacher_and_its_decision(client, world, moved):
    mai, decision_a, _b = moved
    client.force_login(world.officer_school_a)
    assert client.get(reverse("awards:person_ledger", kwargs={"pk": mai.pk})).status_code == 200
    assert client.get(reverse("awards:decision_detail", kwargs={"pk": decision_a.pk})).status_code == 200


def test_the_teacher_sees_her_own_timeline_but_no_decision_page(client, world):
    decide(world.officer_school_a, world.school_a, "5/QĐ", D(2024, 5, 20), [AwardSpec("GK", person=world.person_a)], "2023-2024")
    client.force_login(world.teacher_a)
    body = client.get(reverse("awards:person_ledger", kwargs={"pk": world.person_a.pk})).content.decode()
    assert "Giấy khen" in body and "/awards/decisions/" not in body


# -- the book -----------------------------------------------------------------------------------------


def test_book_rows_follow_vietnamese_order_and_cells_hold_rating_titles_and_initiatives(world, moved):
    mai, _a, _b = moved
    an = make_person(name="Đặng Văn An", unit=world.school_a, gender="male", position="Tổ trưởng")
    people_services.rating_set(actor=world.officer_school_a, person=an, school_year=year("2022-2023"), rating="excellent")
    decide(
        world.officer_dept,
        world.dept,
        "88/QĐ-SGD",
        D(2023, 6, 15),
        [AwardSpec("CSTDCS", person=an), AwardSpec("LDTT", person=mai)],
        "2022-2023",
    )
    services.initiative_record_create(
        actor=world.officer_school_a,
        unit=world.school_a,
        title="Dạy học theo dự án",
        school_year=year("2022-2023"),
        scope="unit",
        authors=[an],
    )
    book = selectors.ledger_book(actor=world.officer_school_a, unit=world.school_a, start_year=2020, years=5)
    assert [y.code for y in book.years] == ["2020-2021", "2021-2022", "2022-2023", "2023-2024", "2024-2025"]
    # By given name in the Vietnamese alphabet: An, Đức, Hoà, Mai.
    assert [r.full_name for r in book.rows] == ["Đặng Văn An", "Trần Văn Đức", "Nguyễn Thị Hoà", "Vũ Thị Mai"]
    rows = {r.full_name: r for r in book.rows}
    assert rows["Đặng Văn An"].position == "Tổ trưởng"
    assert rows["Đặng Văn An"].by_year["2022-2023"] == {
        "rating": "Hoàn thành xuất sắc nhiệm vụ",
        "awards": ["CSTĐCS"],
        "initiatives": ["Dạy học theo dự án"],
        "in_unit": True,
    }
    mai_row = rows["Vũ Thị Mai"].by_year
    assert mai_row["2021-2022"]["rating"] == "Hoàn thành xuất sắc nhiệm vụ" and mai_row["2021-2022"]["awards"] == ["GK"]
    assert mai_row["2022-2023"]["awards"] == ["LĐTT"]
    # After her move the cells of school A's book stay empty; school B's book holds them.
    assert mai_row["2023-2024"] == {"rating": None, "awards": [], "initiatives": [], "in_unit": False}
    book_b = selectors.ledger_book(actor=world.officer_school_b, unit=world.school_b, start_year=2020, years=5)
    b_row = next(r for r in book_b.rows if r.person_id == mai.pk).by_year
    assert b_row["2023-2024"]["awards"] == ["GK"] and b_row["2023-2024"]["rating"] == "Hoàn thành tốt nhiệm vụ"
    assert b_row["2021-2022"]["in_unit"] is False


def test_book_leaves_out_revoked_awards_and_revoked_decisions(world):
    d1 = decide(world.officer_school_a, world.school_a, "1/QĐ", D(2024, 5, 20), [AwardSpec("GK", person=world.person_a)], "2023-2024")
    d2 = decide(world.officer_school_a, world.school_a, "2/QĐ", D(2024, 5, 21), [AwardSpec("GK", person=world.colleague_a)], "2023-2024")
    services.award_revoke(actor=world.officer_school_a, award=d1.awards.get(), reason="Sai sót")
    services.decision_revoke(actor=world.officer_school_a, decision=d2, reason="Hủy")
    book = selectors.ledger_book(actor=world.officer_school_a, unit=world.school_a, start_year=2023, years=5)
    assert all(not cell["awards"] for r in book.rows for cell in r.by_year.values())


def test_book_lists_collective_awards_of_the_unit_and_of_the_unit_merged_into_it(world):
    old = make_unit(code="THCS-CU", name="Trường THCS Yên Tiến cũ", kind="school", parent=world.commune, valid_from=D(2010, 1, 1))
    veteran = make_person(name="Hoàng Văn Bình", unit=old, gender="male", start=D(2010, 9, 1))
    decide(world.officer_dept, world.dept, "40/QĐ-SGD", D(2022, 6, 1), [AwardSpec("TTLDTT", unit=old)], "2021-2022")
    decide(world.officer_dept, world.dept, "41/QĐ-SGD", D(2023, 6, 1), [AwardSpec("TTLDTT", unit=world.school_a)], "2022-2023")
    org_services.unit_merge(actor=world.officer_dept, sources=[old], target=world.school_a, effective_date=D(2024, 9, 1))
    book = selectors.ledger_book(actor=world.officer_school_a, unit=world.school_a, start_year=2020, years=5)
    assert book.collective["2021-2022"] == ["TTLĐTT (Trường THCS Yên Tiến cũ)"]
    assert book.collective["2022-2023"] == ["TTLĐTT"]
    assert veteran.pk in {r.person_id for r in book.rows}  # the merged school's staff are in the successor's book
    timeline = selectors.unit_timeline(actor=world.officer_school_a, unit=world.school_a)
    assert [e.obj.decision.number for e in timeline] == ["41/QĐ-SGD", "40/QĐ-SGD"]


def test_ten_year_book_has_ten_columns(world):
    book = selectors.ledger_book(actor=world.officer_school_a, unit=world.school_a, start_year=2016, years=10)
    assert len(book.years) == 10 and book.years[-1].code == "2025-2026"


def test_book_of_a_unit_outside_scope_is_refused(world):
    with pytest.raises(PermissionDenied):
        selectors.ledger_book(actor=world.officer_school_b, unit=world.school_a, start_year=2020, years=5)


def _book_queries(world) -> int:
    scope_for(world.officer_school_a)  # the actor's scope is computed once per request and cached on the user
    with CaptureQueriesContext(connection) as ctx:
        selectors.ledger_book(actor=world.officer_school_a, unit=world.school_a, start_year=2020, years=5)
    return len(ctx.captured_queries)


def test_book_takes_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    few = _book_queries(world)
    for i in range(12):
        p = make_person(name=f"Giáo Viên Số {i}", unit=world.school_a)
        people_services.rating_set(actor=world.officer_school_a, person=p, school_year=year("2022-2023"), rating="good")
        decide(world.officer_school_a, world.school_a, f"{i}/QĐ", D(2023, 5, 20), [AwardSpec("GK", person=p)], "2022-2023")
    assert _book_queries(world) == few
    with django_assert_max_num_queries(8):
        selectors.ledger_book(actor=world.officer_school_a, unit=world.school_a, start_year=2020, years=5)


def test_person_timeline_takes_a_fixed_number_of_queries(world, moved, django_assert_max_num_queries):
    mai, _a, _b = moved
    with django_assert_max_num_queries(6):
        selectors.person_timeline(actor=world.officer_school_a, person=mai)
