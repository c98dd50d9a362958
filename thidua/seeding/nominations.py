"""The demo's review round: school A's 2025-2026 year-end round, built from the engine's suggestions.

The officer of school A opens the round and ticks every row the engine finds eligible; one teacher rated below
"hoàn thành tốt" is added by hand with a reason and a justification, so the warning shows; teacher_a (Nguyễn Thị
Hoà) comments on her own line.
"""

from __future__ import annotations

from thidua.nominations import basis, selectors, services
from thidua.nominations.models import ReviewRound
from thidua.people.models import AnnualRating, Person
from thidua.years.models import SchoolYear


def seed_demo_nominations(*, school_a, officer_school_a, teacher_a) -> ReviewRound:
    year = SchoolYear.objects.get(code="2025-2026")
    round_ = services.round_create(actor=officer_school_a, unit=school_a, school_year=year, kind="year_end",
                                   name="Bình xét thi đua, khen thưởng cuối năm học 2025-2026")  # fmt: skip
    round_ = services.round_open(actor=officer_school_a, round_=round_, note="Theo Kế hoạch số 20/KH-THCSYT")
    evaluation = basis.evaluate_round_unit(school_a, year)
    rows = selectors.suggestions(round_=round_, evaluation=evaluation)
    keys = [r.key for r in rows if r.verdict == "eligible" and not r.taken and not r.awarded]
    hoa = teacher_a.person
    own = f"p{hoa.pk}:LDTT"
    if own not in keys and any(r.key == own and not r.awarded for r in rows):
        keys.append(own)
    if keys:
        services.lines_from_suggestions(actor=officer_school_a, round_=round_, keys=keys, evaluation=evaluation)
    weak = (
        AnnualRating.objects.filter(school_year=year, rating="completed", person__current_unit=school_a)
        .exclude(person=hoa)
        .select_related("person")
        .first()
    )
    if weak is not None:
        services.line_add(
            actor=officer_school_a, round_=round_, person=weak.person, kind_code="LDTT",
            reason="Có thành tích bồi dưỡng học sinh giỏi cấp tỉnh", justification="Xếp loại hoàn thành nhiệm vụ do nghỉ ốm dài ngày; "
            "Hội đồng đề nghị xem xét thành tích đột xuất",
        )  # fmt: skip
    line = round_.lines.filter(person=hoa).first()
    if line is None:
        line = services.line_add(actor=officer_school_a, round_=round_, person=Person.objects.get(pk=hoa.pk), kind_code="GK",
                                 reason="Thành tích bồi dưỡng học sinh giỏi")  # fmt: skip
    services.line_comment(actor=teacher_a, line=line, text="Em xin bổ sung minh chứng sáng kiến “Dạy học STEM lớp 8”.")
    return round_
