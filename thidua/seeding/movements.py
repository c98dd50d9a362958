"""Movements of the data sets: the demo's story through the services, the benchmarks' in bulk.

Demo: the new Sở GD&ĐT Ninh Bình launches its regular movement of 2025-2026 and a thematic one (Xanh –
Sạch – Đẹp – An toàn) to its whole subtree; school A answers the regular one with its plan and sends its
sơ kết report; the thematic one still waits for school A's answer ("Phong trào chờ hưởng ứng").

Province and nation: one regular movement of the current school year per active department, launched to
its subtree, with one pending response per unit with legal personality below it (bulk rows, no audit).
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction

from thidua.awards.models import AwardKind
from thidua.movements import services
from thidua.movements.deadlines import add_working_days
from thidua.movements.models import Movement, MovementKind, MovementResponse, MovementTarget
from thidua.org.models import OrgUnit
from thidua.years.models import SchoolYear

PLANNED = ("LDTT", "CSTDCS", "TTLDTT", "GK", "GK_TT", "BK_BO_TINH", "TTLDXS")


def _plan_pdf() -> ContentFile:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return ContentFile(out.getvalue(), name="ke-hoach-phat-dong.pdf")


def seed_demo_movements(*, department: OrgUnit, school_a: OrgUnit, officer_dept, officer_school_a) -> dict[str, Movement]:
    year = SchoolYear.objects.get(code="2025-2026")
    kinds = list(AwardKind.objects.filter(code__in=PLANNED, is_current=True, regime__effective_to__isnull=True))
    subtree = [services.TargetSpec(department, include_subtree=True)]
    regular = services.movement_create(
        actor=officer_dept, launcher=department, kind=MovementKind.REGULAR, school_year=year,
        name="Phong trào thi đua “Đổi mới, sáng tạo trong dạy và học” năm học 2025-2026",
        slogan="Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo",
        goals="Phát huy tinh thần đoàn kết, sáng tạo của cán bộ, nhà giáo và người lao động toàn ngành.\n"
              "Gắn thi đua với thực hiện nhiệm vụ năm học 2025-2026.",
        content="1. Thi đua đổi mới phương pháp dạy học, kiểm tra đánh giá.\n2. Thi đua ứng dụng công nghệ thông tin, chuyển đổi số.\n"
                "3. Thi đua xây dựng trường học an toàn, thân thiện.",
        criteria="Hoàn thành xuất sắc nhiệm vụ năm học; có sáng kiến được công nhận; không có cán bộ vi phạm kỷ luật.",
        registration_opens=dt.date(2025, 9, 15), registration_closes=dt.date(2025, 10, 15),
        phase_review_on=dt.date(2026, 1, 20), final_review_on=dt.date(2026, 5, 28), planned_awards=kinds, targets=subtree,
        plan_document=_plan_pdf(),
    )  # fmt: skip
    services.movement_launch(actor=officer_dept, movement=regular, launched_on=dt.date(2025, 9, 10), note="Kế hoạch số 1520/KH-SGDĐT")
    thematic = services.movement_create(
        actor=officer_dept, launcher=department, kind=MovementKind.THEMATIC, field="green",
        name="Phong trào thi đua “Xây dựng trường học Xanh – Sạch – Đẹp – An toàn”",
        period_start=dt.date(2025, 10, 1), period_end=dt.date(2026, 5, 31),
        content="Trồng và chăm sóc cây xanh; phân loại rác tại nguồn; giữ gìn vệ sinh trường lớp.",
        phase_review_on=dt.date(2026, 1, 15), final_review_on=dt.date(2026, 5, 29), targets=subtree,
        planned_awards=[k for k in kinds if k.code in ("GK", "GK_TT")],
    )  # fmt: skip
    services.movement_launch(actor=officer_dept, movement=thematic, launched_on=dt.date(2025, 10, 1))
    response = regular.responses.get(unit=school_a)
    services.response_submit(
        actor=officer_school_a, response=response, on=dt.date(2025, 9, 22),
        text="Kế hoạch số 15/KH-THCSYT ngày 22/9/2025 hưởng ứng phong trào thi đua năm học 2025-2026: 100% cán bộ, giáo viên "
             "đăng ký thi đua; mỗi tổ chuyên môn có ít nhất một sáng kiến; tổ chức sơ kết học kỳ I vào tuần 19.",
    )  # fmt: skip
    services.report_submit(
        actor=officer_school_a, response=response, kind="phase_review", on=dt.date(2026, 1, 22),
        text="Sơ kết học kỳ I: nhà trường hoàn thành các chỉ tiêu đề ra; 2 sáng kiến được Hội đồng cấp trường công nhận.",
        figures=[("Cán bộ, giáo viên đăng ký thi đua", "21/21"), ("Sáng kiến được công nhận", "2"), ("Học sinh giỏi cấp tỉnh", "6")],
    )  # fmt: skip
    return {"regular": regular, "thematic": thematic}


def seed_bulk_movements(*, log=lambda s: None) -> int:
    """One regular movement of the current school year per active department, launched to its subtree (bulk)."""
    year = SchoolYear.objects.filter(is_current=True).first() or SchoolYear.objects.order_by("-start_date").first()
    if year is None:
        return 0
    launched_on = year.start_date + dt.timedelta(days=9)
    due = add_working_days(launched_on, 10)
    departments = list(OrgUnit.objects.active().filter(kind__code="department").order_by("path"))
    with transaction.atomic():
        movements = Movement.objects.bulk_create(
            Movement(
                launcher=d,
                kind=MovementKind.REGULAR,
                school_year=year,
                period_start=year.start_date,
                period_end=year.end_date,
                name=f"Phong trào thi đua năm học {year.code} của {d.name}",
                status=Movement.Status.LAUNCHED,
                launched_on=launched_on,
                granting_unit=d,
            )
            for d in departments
        )
        MovementTarget.objects.bulk_create(MovementTarget(movement=m, unit=m.launcher, include_subtree=True) for m in movements)
        responses = 0
        for m in movements:
            below = OrgUnit.objects.active().filter(path__startswith=m.launcher.path, kind__legal_entity=True).exclude(pk=m.launcher_id)
            rows = [MovementResponse(movement=m, unit_id=pk, due_on=due) for pk in below.values_list("pk", flat=True)]
            MovementResponse.objects.bulk_create(rows, batch_size=5000)
            responses += len(rows)
    log(f"Phong trào: {len(movements)} phong trào thường xuyên, {responses} đơn vị chờ hưởng ứng.")
    return len(movements)
