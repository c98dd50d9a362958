"""The demo data set, built entirely through the services with the ``admin`` actor (so audit rows exist).

Story: three departments of Nam Định, Hà Nam and the old Ninh Bình province run schools through district
offices until 30 June 2025. On 1 July 2025 communes take over the preschool, primary and lower-secondary
schools, the district offices close and the three departments merge into the new "Sở Giáo dục và Đào tạo
Ninh Bình". Schools A ("Trường THCS Yên Tiến") and B ("Trường Tiểu học Yên Tiến") are siblings under
"UBND xã Yên Tiến". A department of Hải Phòng and a university under the ministry stand outside it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import Role, User
from thidua.accounts.services import role_assign
from thidua.org.models import OrgUnit
from thidua.org.services import UnitSpec, unit_close, unit_create, unit_merge, unit_move
from thidua.people.models import AnnualRating, Person
from thidua.people.services import discipline_add, leave_add, person_create, person_transfer, rating_set
from thidua.rules.services import confirmations_set_for_people
from thidua.years.models import SchoolYear

from . import names
from .accounts import DEMO_PASSWORD, ROLES_FROM, ensure_admin
from .inbox import seed_inbox
from .scoring import seed_demo_scoring

DAY = dt.date(2025, 7, 1)
MERGE_DECISION = "Nghị quyết số 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh"
DISTRICT_DECISION = "Nghị quyết số 1656/NQ-UBTVQH15 về sắp xếp đơn vị hành chính cấp xã tỉnh Nam Định"
RATINGS = ["excellent"] * 3 + ["good"] * 12 + ["completed"] * 4 + ["not_completed"]

# Named staff of school A (teacher_a's person first); the rest of every school gets generated names.
SCHOOL_A_NAMED = [
    ("Nguyễn Thị Hoà", "female", "Giáo viên", "teacher", dt.date(1985, 5, 12), dt.date(2008, 9, 1)),
    ("Trần Văn Đức", "male", "Giáo viên", "teacher", dt.date(1982, 3, 20), dt.date(2005, 9, 1)),
    ("Phạm Ngọc Ánh", "female", "Giáo viên", "teacher", dt.date(1990, 11, 2), dt.date(2013, 9, 1)),
    ("Lê Thị Thu Hương", "female", "Giáo viên", "teacher", dt.date(1988, 7, 9), dt.date(2011, 9, 1)),  # moves to B
]


@dataclass
class DemoSummary:
    units: int
    people: int


class _Demo:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.admin = ensure_admin()
        self.national_serial = 0

    def unit(self, parent: OrgUnit | None, code: str, name: str, kind: str, since: dt.date, levels: tuple[str, ...] = ()) -> OrgUnit:
        return unit_create(actor=self.admin, parent=parent, code=code, name=name, kind=kind, valid_from=since, education_levels=levels)

    def school(self, parent: OrgUnit, code: str, name: str, level: str, since: dt.date, teams: int = 2) -> OrgUnit:
        school = self.unit(parent, code, name, "school", since, (level,))
        for i, title in enumerate(names.TEAMS_BY_LEVEL[level][:teams], start=1):
            self.unit(school, f"{code}-T{i}", title, "team", since)
        return school

    def person(
        self,
        unit: OrgUnit,
        start: dt.date,
        *,
        name: str | None = None,
        gender: str | None = None,
        position: str = "Giáo viên",
        staff_type: str = "teacher",
        born: dt.date | None = None,
    ) -> Person:
        rng = self.rng
        gender = gender or ("female" if rng.random() < 0.7 else "male")
        name = name or names.person_name(rng, gender)
        born = born or dt.date(rng.randint(1968, 1998), rng.randint(1, 12), rng.randint(1, 28))
        start = max(start, dt.date(born.year + 22, 9, 1))
        self.national_serial += 1
        century = 0 if born.year < 2000 else 2
        national_id = f"036{century + (gender == 'female')}{born.year % 100:02d}{self.national_serial:06d}"
        return person_create(
            actor=self.admin,
            full_name=name,
            gender=gender,
            unit=unit,
            staff_type=staff_type,
            start_date=start,
            position=position,
            date_of_birth=born,
            ethnicity="Kinh",
            national_id=national_id,
        )

    def staff(self, unit: OrgUnit, count: int, earliest: dt.date, *, with_head: bool = True) -> list[Person]:
        """A head, a deputy and teachers/support staff with start dates spread over the years."""
        out = []
        for i in range(0 if with_head else 1, count):
            if i == 0:
                position, staff_type = "Hiệu trưởng", "manager"
            elif i == 1:
                position, staff_type = "Phó Hiệu trưởng", "manager"
            elif i == count - 1:
                position, staff_type = "Kế toán", "staff"
            else:
                position, staff_type = "Giáo viên", "teacher"
            start = dt.date(self.rng.randint(max(earliest.year + 1, 1995), 2024), 9, self.rng.randint(1, 15))
            out.append(self.person(unit, start, position=position, staff_type=staff_type))
        return out

    def office(self, unit: OrgUnit, count: int, earliest: dt.date) -> list[Person]:
        return [
            self.person(unit, dt.date(self.rng.randint(earliest.year + 1, 2020), 8, 15), position="Chuyên viên", staff_type="staff")
            for _ in range(count)
        ]


@transaction.atomic
def seed_demo(*, seed: int = 2025) -> DemoSummary:
    d = _Demo(seed)
    admin, rng = d.admin, d.rng
    founded = dt.date(1990, 3, 31)
    ministry = d.unit(None, "BGDDT", "Bộ Giáo dục và Đào tạo", "ministry", founded)
    nam_dinh = d.unit(ministry, "SGD-NAMDINH", "Sở Giáo dục và Đào tạo Nam Định", "department", dt.date(1997, 1, 1))
    ha_nam = d.unit(ministry, "SGD-HANAM", "Sở Giáo dục và Đào tạo Hà Nam", "department", dt.date(1997, 1, 1))
    ninh_binh_old = d.unit(ministry, "SGD-NINHBINH-1992", "Sở Giáo dục và Đào tạo Ninh Bình", "department", dt.date(1992, 4, 1))
    hai_phong = d.unit(ministry, "SGD-HAIPHONG", "Sở Giáo dục và Đào tạo Hải Phòng", "department", founded)
    y_yen = d.unit(nam_dinh, "PGD-YYEN", "Phòng Giáo dục và Đào tạo huyện Ý Yên", "district_office", dt.date(1997, 1, 1))
    kim_bang = d.unit(ha_nam, "PGD-KIMBANG", "Phòng Giáo dục và Đào tạo huyện Kim Bảng", "district_office", dt.date(1997, 1, 1))

    since = dt.date(1997, 1, 1)
    school_a = d.school(y_yen, "THCS-YENTIEN", "Trường THCS Yên Tiến", "lower_secondary", since, teams=3)
    school_b = d.school(y_yen, "TH-YENTIEN", "Trường Tiểu học Yên Tiến", "primary", since, teams=3)
    preschool = d.school(y_yen, "MN-YENTIEN", "Trường Mầm non Yên Tiến", "preschool", since)
    ba_sao_th = d.school(kim_bang, "TH-BASAO", "Trường Tiểu học Ba Sao", "primary", since)
    ba_sao_thcs = d.school(kim_bang, "THCS-BASAO", "Trường THCS Ba Sao", "lower_secondary", since)
    my_tho = d.school(nam_dinh, "THPT-MYTHO", "Trường THPT Mỹ Tho", "upper_secondary", since)
    gdtx = d.school(nam_dinh, "GDTX-YYEN", "Trung tâm GDNN-GDTX huyện Ý Yên", "continuing", since)
    cdsp = d.school(nam_dinh, "CDSP-NAMDINH", "Trường Cao đẳng Sư phạm Nam Định", "college", since)
    kim_bang_a = d.school(ha_nam, "THPT-KIMBANGA", "Trường THPT Kim Bảng A", "upper_secondary", since)
    luong_van_tuy = d.school(ninh_binh_old, "THPT-LVTUY", "Trường THPT chuyên Lương Văn Tụy", "upper_secondary", dt.date(1992, 4, 1))
    lien_cap = d.school(ninh_binh_old, "LC-NGOISAO", "Trường Phổ thông liên cấp Ngôi Sao Ninh Bình", "multi_level", dt.date(2010, 8, 1))
    le_chan = d.school(hai_phong, "THPT-LECHAN", "Trường THPT Lê Chân", "upper_secondary", founded)
    dhsp = d.school(ministry, "DHSP-HANOI", "Trường Đại học Sư phạm Hà Nội", "university", founded, teams=3)

    # People. School A: named staff first (teacher_a's person is Nguyễn Thị Hoà), then generated colleagues.
    head_a_person = d.person(school_a, dt.date(2002, 9, 1), position="Hiệu trưởng", staff_type="manager", gender="male")
    named = [
        d.person(school_a, start, name=name, gender=gender, position=position, staff_type=staff_type, born=born)
        for name, gender, position, staff_type, born, start in SCHOOL_A_NAMED
    ]
    hoa, _duc, anh, huong = named
    school_a_people = [head_a_person, *named, *d.staff(school_a, 16, since, with_head=False)]
    school_b_people = d.staff(school_b, 18, since)
    others = [
        *d.staff(preschool, 6, since),
        *d.staff(ba_sao_th, 6, since),
        *d.staff(ba_sao_thcs, 6, since),
        *d.staff(my_tho, 8, since),
        *d.staff(gdtx, 4, since),
        *d.staff(cdsp, 6, since),
        *d.staff(kim_bang_a, 6, since),
        *d.staff(luong_van_tuy, 6, dt.date(1992, 4, 1)),
        *d.staff(lien_cap, 5, dt.date(2010, 8, 1)),
        *d.staff(le_chan, 5, founded),
        *d.staff(dhsp, 6, founded),
    ]
    offices = [
        *d.office(nam_dinh, 4, since),
        *d.office(ha_nam, 3, since),
        *d.office(ninh_binh_old, 3, since),
        *d.office(hai_phong, 2, since),
    ]
    district_staff = [*d.office(y_yen, 3, since), *d.office(kim_bang, 2, since)]

    # Movements between schools: Lê Thị Thu Hương from A to B, and two more within the provinces.
    person_transfer(actor=admin, person=huong, to_unit=school_b, effective_date=dt.date(2021, 8, 16))
    for people, to_unit, day in [(school_b_people[2:], ba_sao_th, dt.date(2019, 8, 15)), (others[12:18], my_tho, dt.date(2020, 8, 10))]:
        mover = next(p for p in people if p.employments.get().start_date < day)
        person_transfer(actor=admin, person=mover, to_unit=to_unit, effective_date=day)

    # 1 July 2025: communes take over district schools, district offices close, departments merge.
    yen_tien = d.unit(nam_dinh, "XA-YENTIEN", "UBND xã Yên Tiến", "commune", DAY)
    tam_chuc = d.unit(ha_nam, "XA-TAMCHUC", "UBND xã Tam Chúc", "commune", DAY)
    for school, commune in [
        (school_a, yen_tien),
        (school_b, yen_tien),
        (preschool, yen_tien),
        (ba_sao_th, tam_chuc),
        (ba_sao_thcs, tam_chuc),
    ]:
        unit_move(
            actor=admin,
            unit=school,
            new_parent=commune,
            effective_date=DAY,
            decision_ref=DISTRICT_DECISION,
            note="Chuyển trường về UBND cấp xã quản lý",
        )
    for person in district_staff:
        commune = yen_tien if person.current_unit_id == y_yen.pk else tam_chuc
        person_transfer(actor=admin, person=person, to_unit=commune, effective_date=DAY, position="Chuyên viên Phòng Văn hóa - Xã hội")
    for office in (y_yen, kim_bang):
        unit_close(actor=admin, unit=office, effective_date=DAY, decision_ref=DISTRICT_DECISION, note="Kết thúc hoạt động cấp huyện")
    ninh_binh = unit_merge(
        actor=admin,
        sources=[ninh_binh_old, nam_dinh, ha_nam],
        effective_date=DAY,
        new_target=UnitSpec(code="SGD-NINHBINH", name="Sở Giáo dục và Đào tạo Ninh Bình", kind="department", address="Tỉnh Ninh Bình"),
        new_target_parent=ministry,
        decision_ref=MERGE_DECISION,
        note="Hợp nhất Sở GD&ĐT Ninh Bình, Nam Định và Hà Nam",
    )
    # A teacher hired after the restructuring (in the commune-managed school A).
    school_a.refresh_from_db()
    school_a_people.append(d.person(school_a, dt.date(2025, 8, 20), name="Đỗ Minh Khôi", gender="male", born=dt.date(2002, 4, 4)))

    # Ten school years of ratings, by the unit each person worked in that year (the service finds it).
    years = list(SchoolYear.objects.filter(start_date__year__gte=2016, start_date__year__lte=2025).order_by("start_date"))
    everyone = [*school_a_people, *school_b_people, *others, *offices, *district_staff]
    for person in everyone:
        periods = list(person.employments.values_list("start_date", "end_date"))
        for year in years:
            if not any(s <= year.end_date and (e is None or e >= year.start_date) for s, e in periods):
                continue
            rating = "excellent" if person.pk == hoa.pk and year.start_date.year >= 2019 else rng.choice(RATINGS)
            rating_set(actor=admin, person=person, school_year=year, rating=rating)
    _demo_awards(admin, years, district=y_yen, commune=yen_tien, department=nam_dinh, schools=[school_a, school_b, preschool], star=hoa)
    _demo_higher_awards(admin, years, ministry=ministry, university=dhsp, department=nam_dinh, upper_school=my_tho)
    # Discipline and leave.
    discipline_add(
        actor=admin,
        person=school_a_people[8],
        form="reprimand",
        start_date=dt.date(2019, 3, 1),
        end_date=dt.date(2020, 2, 28),
        decision_number="25/QĐ-THCSYT",
        decision_date=dt.date(2019, 2, 25),
        reason="Vi phạm quy chế chuyên môn",
    )
    discipline_add(
        actor=admin,
        person=others[15],
        form="warning",
        start_date=dt.date(2023, 10, 2),
        end_date=dt.date(2024, 10, 1),
        decision_number="112/QĐ-THCSBS",
        decision_date=dt.date(2023, 9, 28),
        reason="Vi phạm quy định về dạy thêm",
    )
    discipline_add(
        actor=admin,
        person=school_b_people[7],
        form="reprimand",
        status="pending",
        start_date=dt.date(2026, 3, 1),
        reason="Đang xem xét kỷ luật",
    )
    leave_add(
        actor=admin, person=anh, kind="maternity", start_date=dt.date(2021, 1, 10), end_date=dt.date(2021, 7, 9), note="Sinh con thứ hai"
    )
    leave_add(
        actor=admin,
        person=school_b_people[3],
        kind="training",
        start_date=dt.date(2022, 9, 1),
        end_date=dt.date(2023, 6, 30),
        note="Học thạc sĩ Quản lý giáo dục",
    )
    leave_add(actor=admin, person=others[2], kind="sick", start_date=dt.date(2024, 2, 1), end_date=dt.date(2024, 5, 31))
    # What school A's council confirmed for 2025-2026: the qualities of LĐTT for those rated good or better.
    last = years[-1]
    rated = {r.person_id: r.rating for r in AnnualRating.objects.filter(school_year=last, person__in=school_a_people)}
    confirmations_set_for_people(
        actor=admin,
        people=[p for p in school_a_people if rated.get(p.pk) in ("excellent", "good")],
        school_year=last,
        fact="ldtt_qualities",
        value=True,
        basis="Biên bản họp Hội đồng Thi đua – Khen thưởng Trường THCS Yên Tiến số 05/BB-HĐTĐKT ngày 20/5/2026",
    )

    # Clusters: last year's published round of the district's schools, this year's round of the department.
    seed_demo_scoring(
        admin,
        district=y_yen,
        department=ninh_binh,
        last_members=[school_a, school_b, preschool],
        members=[school_a, ba_sao_thcs, school_b, ba_sao_th],
    )

    # Accounts.
    def account(username: str, first: str, last: str, person: Person | None = None) -> User:
        user = User(username=username, first_name=first, last_name=last, person=person)
        user.set_password(DEMO_PASSWORD)
        user.save()
        return user

    council_people = school_a_people[6:13]  # generated staff of school A: the council's seven members
    grants = [
        (account("officer_dept", "Cán bộ thi đua", "Sở GD&ĐT Ninh Bình"), Role.OFFICER, ninh_binh),
        (account("officer_school_a", "Cán bộ thi đua", "THCS Yên Tiến"), Role.OFFICER, school_a),
        (account("officer_school_b", "Cán bộ thi đua", "Tiểu học Yên Tiến"), Role.OFFICER, school_b),
        (account("head_a", "Hiệu trưởng", "THCS Yên Tiến", head_a_person), Role.HEAD, school_a),
        (account("council_a", "Thành viên Hội đồng", "THCS Yên Tiến", council_people[0]), Role.COUNCIL_MEMBER, school_a),
        *[
            (account(f"council_a{i}", "Thành viên Hội đồng", "THCS Yên Tiến", council_people[i - 1]), Role.COUNCIL_MEMBER, school_a)
            for i in range(2, 8)
        ],
        (account("teacher_a", "Hoà", "Nguyễn Thị", hoa), Role.STAFF, school_a),
    ]
    for user, role, unit in grants:
        role_assign(actor=admin, user=user, role=role, unit=unit, valid_from=ROLES_FROM)
    seed_inbox(actor=admin, school_a=school_a, department=ninh_binh)
    from .movements import seed_demo_movements

    movements = seed_demo_movements(department=ninh_binh, school_a=school_a, officer_dept=grants[0][0], officer_school_a=grants[1][0])
    from .registrations import seed_demo_registrations

    seed_demo_registrations(movement=movements["regular"], school_a=school_a, officer_school_a=grants[1][0], head_a=grants[3][0],
                            skip=(hoa, head_a_person))  # fmt: skip
    from .nominations import seed_demo_nominations

    seed_demo_nominations(school_a=school_a, officer_school_a=grants[1][0], teacher_a=grants[5][0])
    from .councils import seed_demo_councils

    council_users = [u for u, _role, _unit in grants if u.username.startswith("council_a")]
    seed_demo_councils(admin=admin, officer=grants[1][0], school_a=school_a, users=council_users, anh=anh, duc=_duc)
    from .dossiers import seed_demo_dossiers

    seed_demo_dossiers(school_a=school_a, officer_school_a=grants[1][0], officer_dept=grants[0][0])
    from .initiatives import seed_demo_initiatives

    seed_demo_initiatives(school_a=school_a, officer=grants[1][0], head=grants[3][0], members=council_users[:3], teacher=grants[-1][0],
                          colleague=_duc, author=school_a_people[14])  # fmt: skip
    return DemoSummary(units=OrgUnit.objects.count(), people=Person.objects.count())


def _demo_awards(admin, years, *, district, commune, department, schools, star) -> None:
    """Ten years of year-end decisions for the district schools: LĐTT for staff rated good or better,
    CSTĐCS for those rated excellent with an initiative, TTLĐTT for the schools; issued by the district
    office until the 2025 restructuring and by the commune after it; one provincial Bằng khen."""
    from thidua.awards.services import AwardSpec, decision_create, initiative_record_create

    for unit in (district, commune, department, *schools):
        unit.refresh_from_db()  # paths changed with the 2025 restructuring
    for year in years:
        decided = dt.date(year.end_date.year, 7, 15)
        if decided > timezone.localdate():
            continue  # the year's decision is not signed yet: no decision dated in the future
        issuer = district if decided < DAY else commune
        ratings = (
            AnnualRating.objects.filter(
                school_year=year, unit__in=schools, rating__in=["excellent", "good"], person__employments__start_date__lte=decided
            )
            .select_related("person", "unit")
            .distinct()
        )
        specs = [AwardSpec(kind_code="LDTT", person=r.person, school_year=year) for r in ratings]
        for r in ratings:
            if r.rating == "excellent" and (r.person.pk == star.pk or r.person.pk % 4 == 0):
                initiative_record_create(
                    actor=admin,
                    unit=r.unit,
                    title=f"Sáng kiến đổi mới phương pháp dạy học năm học {year.code}",
                    school_year=year,
                    scope="unit",
                    authors=[r.person],
                    decision_number=f"{year.start_date.year % 100:02d}/QĐ-HĐSK",
                    decision_date=dt.date(year.end_date.year, 5, 20),
                )
                specs.append(AwardSpec(kind_code="CSTDCS", person=r.person, school_year=year))
        specs += [
            AwardSpec(kind_code="TTLDTT", unit=school, school_year=year) for school in schools if school.valid_from <= year.start_date
        ]
        # The Chủ tịch UBND huyện (then xã) decides: a QĐ-UBND either way; the district's is filed under the Phòng.
        decision_create(
            actor=admin,
            issuer=issuer,
            number=f"{100 + year.start_date.year % 100}/QĐ-UBND",
            decision_date=decided,
            award_type="annual",
            awards=specs,
            school_year=year,
            period_start=year.start_date,
            period_end=min(year.end_date, decided),
            signer_name="Trần Văn Bình" if issuer is district else "Nguyễn Văn Hùng",
            signer_title="Chủ tịch UBND huyện Ý Yên (quyết định ghi nhận tại Phòng GD&ĐT)"
            if issuer is district
            else "Chủ tịch UBND xã Yên Tiến",
            title=f"Khen thưởng năm học {year.code}",
        )
    # The provincial chairman's Bằng khen: a decision of the UBND tỉnh (hence QĐ-UBND), filed under the Sở,
    # which stands for the province in the sector's tree (docs/architecture.md "Who may grant what").
    bk_year = next(y for y in years if y.start_date.year == 2021)
    decision_create(
        actor=admin,
        issuer=department,
        number="1234/QĐ-UBND",
        decision_date=dt.date(2022, 8, 15),
        award_type="annual",
        awards=[AwardSpec(kind_code="BK_BO_TINH", person=star, school_year=bk_year)],
        school_year=bk_year,
        period_start=dt.date(2020, 9, 1),
        period_end=dt.date(2022, 5, 31),
        signer_name="Đặng Văn Thành",
        signer_title="Chủ tịch UBND tỉnh Nam Định (quyết định ghi nhận tại Sở GD&ĐT)",
        title="Tặng Bằng khen của Chủ tịch UBND tỉnh Nam Định",
    )


def _demo_higher_awards(admin, years, *, ministry, university, department, upper_school) -> None:
    """Decisions whose issuer is not a school's: the Minister's Bằng khen for the university under the
    Ministry (QĐ-BGDĐT, filed under the Ministry) and the Giám đốc Sở's Giấy khen for an upper-secondary
    school of the Sở (QĐ-SGDĐT). Each is dated after the year's ratings (July–August of the year's end)."""
    from thidua.awards.services import AwardSpec, decision_create

    for unit in (ministry, university, department, upper_school):
        unit.refresh_from_db()
    year = next(y for y in years if y.start_date.year == 2023)
    best = list(
        AnnualRating.objects.filter(school_year=year, unit=university, rating__in=["excellent", "good"])
        .select_related("person")
        .order_by("rating", "person_id")[:1]
    )
    if best:
        decision_create(
            actor=admin,
            issuer=ministry,
            number="2468/QĐ-BGDĐT",
            decision_date=dt.date(2024, 8, 20),
            award_type="annual",
            awards=[AwardSpec(kind_code="BK_BO_TINH", person=r.person, school_year=year) for r in best],
            school_year=year,
            period_start=dt.date(2022, 9, 1),
            period_end=dt.date(2024, 5, 31),
            signer_name="Vũ Quang Minh",
            signer_title="Bộ trưởng Bộ Giáo dục và Đào tạo",
            title="Tặng Bằng khen của Bộ trưởng Bộ Giáo dục và Đào tạo",
        )
    rated = (
        AnnualRating.objects.filter(school_year=year, unit=upper_school, rating__in=["excellent", "good"])
        .select_related("person")
        .order_by("rating", "person_id")[:3]
    )
    specs = [AwardSpec(kind_code="GK", person=r.person, school_year=year) for r in rated]
    if specs:
        decision_create(
            actor=admin,
            issuer=department,
            number="815/QĐ-SGDĐT",
            decision_date=dt.date(2024, 7, 25),
            award_type="annual",
            awards=specs,
            school_year=year,
            period_start=year.start_date,
            period_end=dt.date(2024, 5, 31),
            signer_name="Hoàng Thị Lan",
            signer_title="Giám đốc Sở Giáo dục và Đào tạo Nam Định",
            title=f"Tặng Giấy khen của Giám đốc Sở năm học {year.code}",
        )
