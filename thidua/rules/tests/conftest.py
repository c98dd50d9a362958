"""A school with ten years of records, written through the services (for the database-path tests)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from tests.factories import make_person
from thidua.awards import services as award_services
from thidua.awards.services import AwardSpec
from thidua.people import services as people_services
from thidua.rules import services as rules_services
from thidua.years.models import SchoolYear

D = dt.date


def school_year(code: str) -> SchoolYear:
    return SchoolYear.objects.get(code=code)


@dataclass
class History:
    hoa: object  # chain of LĐTT/CSTĐCS, initiatives of unit and province scope
    duc: object  # disciplined in 2024-2025; qualities confirmed not met for 2022-2023
    lan: object  # maternity leave, LĐTT every year; qualities confirmed for 2024-2025
    binh: object  # new recruit, short tenure


@pytest.fixture
def history(world) -> History:
    officer, dept_officer, school = world.officer_school_a, world.officer_dept, world.school_a
    hoa, duc = world.person_a, world.colleague_a
    lan = make_person(name="Phạm Thị Lan", unit=school, national_id="001188000003")
    binh = make_person(name="Hoàng Văn Bình", unit=school, gender="male", start=D(2024, 9, 1), staff_type="staff", position="Nhân viên")

    def rate(person, ratings: dict[str, str]):
        for code, rating in ratings.items():
            people_services.rating_set(actor=officer, person=person, school_year=school_year(code), rating=rating)

    rate(hoa, {f"{y}-{y + 1}": "excellent" for y in range(2017, 2025)})
    rate(duc, {"2021-2022": "good", "2022-2023": "excellent", "2023-2024": "good", "2024-2025": "excellent"})
    rate(lan, {f"{y}-{y + 1}": "excellent" if y % 2 else "good" for y in range(2019, 2025)})
    rate(binh, {"2024-2025": "excellent"})
    for y in range(2017, 2024):
        code = f"{y}-{y + 1}"
        specs = [AwardSpec("LDTT", person=hoa, school_year=school_year(code)), AwardSpec("LDTT", person=lan, school_year=school_year(code))]
        if y >= 2021:
            specs.append(AwardSpec("LDTT", person=duc, school_year=school_year(code)))
        award_services.decision_create(
            actor=dept_officer,
            issuer=world.dept,
            number=f"{y - 2000}/QĐ-SGD",
            decision_date=D(y + 1, 5, 25),
            award_type="annual",
            awards=specs,
            school_year=school_year(code),
        )
    for y in (2020, 2021, 2022):
        code = f"{y}-{y + 1}"
        award_services.decision_create(
            actor=dept_officer,
            issuer=world.dept,
            number=f"{y - 1990}/QĐ-SGD-CS",
            decision_date=D(y + 1, 7, 10),
            award_type="annual",
            awards=[AwardSpec("CSTDCS", person=hoa, school_year=school_year(code))],
            school_year=school_year(code),
        )
    award_services.decision_create(
        actor=dept_officer,
        issuer=world.dept,
        number="7/QĐ-SGD",
        decision_date=D(2024, 3, 8),
        award_type="ad_hoc",
        awards=[AwardSpec("GK", person=duc)],
        title="Khen thưởng đột xuất",
    )
    for y, scope, authors in ((2022, "province", [hoa]), (2023, "unit", [hoa, duc]), (2024, "province", [hoa]), (2024, "unit", [lan])):
        award_services.initiative_record_create(
            actor=officer if scope == "unit" else dept_officer,
            unit=school if scope == "unit" else world.dept,
            title=f"Sáng kiến {y} {scope}",
            school_year=school_year(f"{y}-{y + 1}"),
            scope=scope,
            authors=authors,
            decision_date=D(y + 1, 5, 1),
        )
    people_services.discipline_add(actor=officer, person=duc, form="reprimand", start_date=D(2024, 11, 1), end_date=D(2025, 10, 31))
    people_services.leave_add(actor=officer, person=lan, kind="maternity", start_date=D(2024, 2, 1), end_date=D(2024, 7, 31))
    # What the school's council confirmed: Lan's qualities in 2024-2025, and Đức's not in 2022-2023.
    basis = "Biên bản họp Hội đồng TĐKT trường"
    rules_services.confirmations_set(
        actor=officer, person=lan, school_year=school_year("2024-2025"), values={"ldtt_qualities": True}, basis=basis
    )
    rules_services.confirmations_set(
        actor=officer, person=duc, school_year=school_year("2022-2023"), values={"ldtt_qualities": False}, basis=basis
    )
    return History(hoa=hoa, duc=duc, lan=lan, binh=binh)


@pytest.fixture
def voted(world, history) -> History:
    """``history`` plus the council's ballots of 2024-2025 (Hoà's CSTĐCS passed with a written vote, Lan's failed)
    and years away: Hoà's military service before she joined the school, Đức's study leave."""
    officer = world.officer_school_a
    year = school_year("2024-2025")
    basis = "Biên bản kiểm phiếu số 06/BB-HĐTĐKT"
    for person, present, written in ((history.hoa, 11, 1), (history.lan, 11, 0)):
        rules_services.ballot_tally_set(
            actor=officer,
            person=person,
            school_year=year,
            code="CSTDCS",
            total_members=15,
            in_favour=present,
            in_favour_written=written,
            session_date=D(2025, 5, 28),
            basis=basis,
        )
    people_services.leave_add(actor=officer, person=history.hoa, kind="military_service", start_date=D(1990, 9, 1), end_date=D(1992, 8, 31))
    people_services.leave_add(actor=officer, person=history.duc, kind="sent_to_study", start_date=D(2012, 9, 1), end_date=D(2014, 8, 31))
    return history
