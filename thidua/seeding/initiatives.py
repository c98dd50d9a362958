"""School A's initiatives of 2025-2026 in the demo, through the services.

The school's initiative council (Hội đồng sáng kiến, three members: ``council_a``, ``council_a2``, ``council_a3``)
scored and the principal recognised at the unit's scope one initiative of a colleague (written to the ledger as an
``InitiativeRecord``); teacher_a's initiative with a co-author (70 % / 30 %) is before the council, scored by
``council_a2`` only, so ``council_a`` still has it to score on the phone page.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from thidua.initiatives import services
from thidua.initiatives.reference import ensure_criteria
from thidua.years.models import SchoolYear

RECOGNISED = {
    "title": "Ứng dụng bản đồ tư duy trong dạy học Lịch sử lớp 9",
    "field": "Lịch sử",
    "summary": "Học sinh lập bản đồ tư duy cho mỗi bài học, trình bày theo nhóm và tự đánh giá bằng phiếu tiêu chí.",
    "problem": "Học sinh ghi nhớ sự kiện rời rạc, ngại phát biểu trong giờ Lịch sử.",
    "solution": "Giáo viên hướng dẫn vẽ bản đồ tư duy trên giấy A3, mỗi nhóm trình bày năm phút; lớp góp ý theo phiếu tiêu chí.",
    "results": "Tỷ lệ học sinh đạt điểm khá, giỏi môn Lịch sử tăng từ 45 % lên 68 %.",
    "applied_at": "Các lớp 9 của trường",
    "applied_from": dt.date(2025, 9, 8),
}
UNDER_REVIEW = {
    "title": "Tổ chức thí nghiệm theo nhóm nhỏ giúp học sinh lớp 8 học tốt môn Hóa học",
    "field": "Hóa học",
    "summary": "Học sinh làm thí nghiệm theo nhóm bốn em, ghi nhật ký thí nghiệm và trình bày kết quả trước lớp.",
    "problem": "Phòng thí nghiệm ít dụng cụ, học sinh chỉ xem giáo viên làm mẫu.",
    "solution": "Mỗi nhóm nhận một bộ dụng cụ và phiếu hướng dẫn; học sinh dự đoán, làm thí nghiệm, ghi nhật ký; giáo viên đánh giá bằng bảng tiêu chí.",
    "results": "Học sinh khá, giỏi môn Hóa tăng từ 40 % lên 62 % sau một học kỳ.",
    "applied_at": "Các lớp 8A, 8B, 8C",
    "applied_from": dt.date(2025, 9, 15),
}
POINTS = {"novelty": 24, "application": 26, "benefit": 20, "replicability": 12}


def seed_demo_initiatives(*, school_a, officer, head, members: list, teacher, colleague, author) -> None:
    """``members``: three accounts linked to people of school A (the council); ``teacher``: teacher_a's account."""
    ensure_criteria()
    year = SchoolYear.objects.get(code="2025-2026")
    services.council_create(actor=officer, unit=school_a, school_year=year, decision_number="06/QĐ-THCSYT",
                            members=[(members[1].person, "chair"), (members[0].person, "secretary"), (members[2].person, "member")])  # fmt: skip
    done = services.initiative_create(actor=officer, unit=school_a, school_year=year, authors=[(author, Decimal(100))], submit=True,
                                      **RECOGNISED)  # fmt: skip
    services.initiative_put_to_council(actor=officer, initiative=done)
    for user in members:
        services.score_submit(actor=user, initiative=done, points=POINTS)
    services.initiative_recognise(actor=head, initiative=done, scope="unit", body=school_a, decision_number="28/QĐ-THCSYT",
                                  decision_date=dt.date(2026, 5, 25))  # fmt: skip
    waiting = services.initiative_create(actor=teacher, school_year=year, authors=[(teacher.person, Decimal(70)), (colleague, Decimal(30))],
                                         submit=True, **UNDER_REVIEW)  # fmt: skip
    services.initiative_put_to_council(actor=officer, initiative=waiting)
    services.score_submit(actor=members[1], initiative=waiting, points=POINTS)
