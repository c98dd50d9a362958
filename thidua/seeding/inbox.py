"""The demo personas' inboxes: a few notifications each, and one open deadline of school A that the
daily reminder run (``manage.py send_reminders``) reminds its officer of. Every link opens for its reader."""

from __future__ import annotations

from django.utils import timezone

from thidua.accounts.models import User
from thidua.notifications import services
from thidua.notifications.models import Kind
from thidua.org.models import OrgUnit
from thidua.years.calendar import add_working_days

REPORT = "Báo cáo sơ kết học kỳ I năm học 2025-2026"


def seed_inbox(*, actor, school_a: OrgUnit, department: OrgUnit) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=["officer_dept", "officer_school_a", "head_a", "teacher_a"])}
    today = timezone.localdate()
    due = add_working_days(today, 4)
    services.deadline_open(
        obj=REPORT,
        unit=school_a,
        due_on=due,
        kind="report",
        title=f"Nộp {REPORT[0].lower()}{REPORT[1:]}",
        url=f"/units/{school_a.pk}/",
        escalate_to=department,
        actor=actor,
    )
    services.notify_unit(
        school_a,
        kind=Kind.DEADLINE_REMINDER,
        title=f"Còn 4 ngày làm việc: nộp {REPORT[0].lower()}{REPORT[1:]} (hạn {due:%d/%m/%Y})",
        body=f"Đơn vị thực hiện: {school_a.name}.",
        url=f"/units/{school_a.pk}/",
        roles=("officer",),
    )
    services.notify(
        users["officer_school_a"],
        kind=Kind.GENERAL,
        title="Cập nhật xếp loại viên chức năm học 2025-2026 trước khi bình xét",
        url=f"/eligibility/units/{school_a.pk}/",
        unit=school_a,
    )
    read = services.notify(
        users["head_a"],
        kind=Kind.GENERAL,
        title="Quyết định khen thưởng năm học 2024-2025 đã được ghi vào sổ theo dõi",
        url=f"/awards/units/{school_a.pk}/book/",
        unit=school_a,
    )
    services.mark_read(users["head_a"], [read.pk])
    services.notify(
        users["head_a"],
        kind=Kind.GENERAL,
        title="Hội đồng Thi đua – Khen thưởng họp bình xét cuối năm học",
        body="Chuẩn bị danh sách đề nghị và biên bản họp.",
        url=f"/eligibility/units/{school_a.pk}/",
        unit=school_a,
    )
    services.notify(
        users["teacher_a"],
        kind=Kind.GENERAL,
        title="Kết quả đánh giá, xếp loại năm học 2024-2025 đã được ghi vào hồ sơ của bạn",
        url="/people/me/",
        unit=school_a,
    )
    services.notify(
        users["officer_dept"],
        kind=Kind.GENERAL,
        title="Lịch nghỉ lễ năm 2027 chưa được xác nhận: các hạn tính sang năm 2027 là dự kiến",
        url="/calendar/?year=2027",
        unit=department,
    )
