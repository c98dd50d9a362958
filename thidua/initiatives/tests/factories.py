"""Initiatives for tests, made through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

TITLE = "Một số biện pháp giúp học sinh lớp 8 học tốt môn Hóa học qua thí nghiệm thực hành"
SUMMARY = "Tổ chức cho học sinh làm thí nghiệm theo nhóm nhỏ, ghi nhật ký thí nghiệm và thuyết trình kết quả trước lớp."
SOLUTION = (
    "Giáo viên chia lớp thành các nhóm bốn em, mỗi nhóm nhận một bộ dụng cụ và phiếu hướng dẫn; học sinh dự đoán kết quả, "
    "làm thí nghiệm, ghi nhật ký và trình bày trước lớp; giáo viên đánh giá bằng bảng tiêu chí."
)
PARAPHRASE = {
    "title": "Một số giải pháp giúp học sinh lớp 8 học tốt môn Hoá học thông qua thí nghiệm thực hành",
    "summary": "Tổ chức cho học sinh làm thí nghiệm theo nhóm nhỏ, viết nhật ký thí nghiệm và trình bày kết quả trước lớp.",
    "solution": SOLUTION.replace("bốn em", "4 học sinh"),
}
POINTS = {"novelty": 25, "application": 25, "benefit": 20, "replicability": 10}  # 80 / 100


def year(code="2025-2026"):
    from thidua.years.models import SchoolYear

    return SchoolYear.objects.get(code=code)


def member_user(world):
    """colleague_a's account: a council member of school A (the walk's council_a has no person)."""
    from tests.factories import UserFactory, grant
    from thidua.accounts.models import RoleAssignment

    user = UserFactory(username="member_a", person=world.colleague_a)
    if not RoleAssignment.objects.filter(user=user).exists():
        grant(user, "staff", world.school_a)
        grant(user, "council_member", world.school_a)
    return user


def council(world, *, blind=False, school_year=None):
    from thidua.initiatives import services
    from thidua.initiatives.models import InitiativeCouncil
    from thidua.initiatives.reference import ensure_criteria

    ensure_criteria()
    school_year = school_year or year()
    member_user(world)
    existing = InitiativeCouncil.objects.filter(unit=world.school_a, school_year=school_year).first()
    if existing is not None:
        return existing
    return services.council_create(actor=world.officer_school_a, unit=world.school_a, school_year=school_year, blind=blind,
                                   members=[(world.colleague_a, "chair")], decision_number="12/QĐ-THCSYT")  # fmt: skip


def draft(world, *, actor=None, authors=None, school_year=None, submit=False, unit=None, on=dt.date(2026, 3, 2), **fields):
    from thidua.initiatives import services
    from thidua.initiatives.reference import ensure_criteria

    ensure_criteria()
    values = {"title": TITLE, "field": "Hóa học", "summary": SUMMARY, "solution": SOLUTION, "applied_at": "Các lớp 8 của trường",
              "applied_from": dt.date(2025, 9, 5), "results": "Tỷ lệ học sinh khá giỏi môn Hóa tăng từ 40 % lên 62 %."}  # fmt: skip
    values.update(fields)
    return services.initiative_create(
        actor=actor or world.teacher_a, school_year=school_year or year(),
        authors=[(world.person_a, Decimal(100))] if authors is None else authors, unit=unit or (None if actor in (None, world.teacher_a) else world.school_a),
        submit=submit, on=on, **values,
    )  # fmt: skip


def in_review(world, **kwargs):
    from thidua.initiatives import services

    council(world)
    initiative = draft(world, submit=True, **kwargs)
    return services.initiative_put_to_council(actor=world.officer_school_a, initiative=initiative)


def scored(world, **kwargs):
    from thidua.initiatives import services

    initiative = in_review(world, **kwargs)
    services.score_submit(actor=member_user(world), initiative=initiative, points=POINTS)
    return initiative


def recognised(world, **kwargs):
    from thidua.initiatives import services

    initiative = scored(world, **kwargs)
    services.initiative_recognise(actor=world.head_a, initiative=initiative, scope="unit", body=world.school_a,
                                  decision_number="25/QĐ-THCSYT", decision_date=dt.date(2026, 5, 20), on=dt.date(2026, 5, 25))  # fmt: skip
    initiative.refresh_from_db()
    return initiative
