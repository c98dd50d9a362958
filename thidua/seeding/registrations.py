"""Registrations of the data sets: the demo's through the services, the benchmarks' in bulk.

Demo: school A's commitment list for 2025-2026 and its staff's registrations in the Sở's regular movement,
entered by the school's officer during the window: some approved by the principal, some waiting, one returned
with a reason, and the first team's collective registration approved by the principal. teacher_a (Nguyễn Thị Hoà)
and the principal are not registered: the acceptance test registers teacher_a.

Province and nation: every person employed in a unit reached by a regular movement of the current year registers
for LĐTT (every fifth for CSTĐCS too), approved; bulk rows, no audit (the data sets' rule).
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.utils import timezone

from thidua.awards.models import AwardKind
from thidua.movements.models import Movement, MovementKind
from thidua.org.models import OrgUnit
from thidua.people.models import Person

COMMITMENTS = (
    "Hoàn thành xuất sắc nhiệm vụ năm học",
    "Có ít nhất 2 tiết dạy tốt mỗi học kỳ",
    "Có sáng kiến được Hội đồng cấp trường công nhận",
    "Không có học sinh bỏ học",
)
DAY = dt.date(2025, 9, 25)  # inside the demo movement's window


def seed_demo_registrations(*, movement: Movement, school_a: OrgUnit, officer_school_a, head_a, skip: tuple[Person, ...]) -> int:
    from thidua.registrations import services

    year = movement.school_year
    options = [services.commitment_option_add(actor=officer_school_a, unit=school_a, school_year=year, text=t) for t in COMMITMENTS]
    people = list(Person.objects.filter(current_unit=school_a).exclude(pk__in=[p.pk for p in skip]).order_by("sort_key", "id")[:10])
    made = []
    for i, person in enumerate(people):
        codes = ["CSTDCS", "LDTT"] if i % 3 == 0 else ["LDTT"]
        picked = [services.CommitmentSpec(option=options[0]), services.CommitmentSpec(option=options[1 + i % 3])]
        made.append(services.registration_create(actor=officer_school_a, movement=movement, person=person, kind_codes=codes,
                                                 commitments=picked, on=DAY))  # fmt: skip
    services.registrations_approve(actor=head_a, ids=[r.pk for r in made[:6]])
    services.registration_return(actor=head_a, registration=made[6], reason="Cam kết cần nêu chỉ tiêu cụ thể của lớp chủ nhiệm")
    team = OrgUnit.objects.filter(parent=school_a, kind__code="team").order_by("code").first()
    if team is not None:
        collective = services.registration_create(
            actor=officer_school_a, movement=movement, unit=team, kind_codes=["TTLDTT"], on=DAY,
            commitments=[services.CommitmentSpec(text="100% giáo viên của tổ đạt Lao động tiên tiến")],
        )  # fmt: skip
        services.registration_approve(actor=head_a, registration=collective)
        made.append(collective)
    return len(made)


def seed_bulk_registrations(*, log=lambda s: None) -> int:
    """Every current staff member of a unit under a department's regular movement registers (bulk rows, approved)."""
    from thidua.registrations.models import Registration, RegistrationTarget

    rows = 0
    now = timezone.now()
    with transaction.atomic():
        for movement in Movement.objects.filter(kind=MovementKind.REGULAR, school_year__isnull=False, status="launched").select_related(
            "launcher", "school_year"
        ):
            day = movement.school_year.start_date + dt.timedelta(days=20)
            kinds = {k.code: k for k in AwardKind.objects.filter(code__in=["LDTT", "CSTDCS"], is_current=True, valid_from__lte=day)}
            if len(kinds) < 2:
                continue
            people = Person.objects.filter(current_unit__path__startswith=movement.launcher.path).values_list(
                "pk", "current_unit_id", "current_position"
            )
            regs = Registration.objects.bulk_create(
                (Registration(movement=movement, school_year=movement.school_year, person_id=pk, unit_of_record_id=unit, position=position or "",
                              status="approved", submitted_at=now, approved_at=now) for pk, unit, position in people.iterator(chunk_size=5000)),
                batch_size=5000,
            )  # fmt: skip
            targets = [RegistrationTarget(registration=r, kind=kinds["LDTT"], kind_code="LDTT") for r in regs]
            targets += [RegistrationTarget(registration=r, kind=kinds["CSTDCS"], kind_code="CSTDCS") for r in regs[::5]]
            RegistrationTarget.objects.bulk_create(targets, batch_size=5000)
            rows += len(regs)
    if connection.vendor == "postgresql":  # fresh statistics, as the data set's other tables get
        with connection.cursor() as cursor:
            for table in (Registration._meta.db_table, RegistrationTarget._meta.db_table):
                cursor.execute(f"ANALYZE {table}")
    log(f"Đăng ký thi đua: {rows} cá nhân.")
    return rows
