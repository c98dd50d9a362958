"""Review rounds and lines through the services: sources, guards, the warning, comments, the tally."""

from __future__ import annotations

import pytest

from tests.factories import make_person
from tests.factories_nominations import line_of_teacher_a, round_of_school_a, year
from thidua.audit.models import AuditEvent
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.nominations import services
from thidua.nominations.models import NominationLine, ReviewRound
from thidua.people.models import AnnualRating
from thidua.rules.selectors import day_for

pytestmark = pytest.mark.django_db


def test_a_year_end_round_is_created_once_per_unit_and_year(world):
    round_of_school_a(world, open_=False)
    with pytest.raises(Conflict) as e:
        services.round_create(actor=world.officer_school_a, unit=world.school_a, school_year=year(), kind="year_end")
    assert e.value.code == "duplicate_round"
    semester = services.round_create(actor=world.officer_school_a, unit=world.school_a, school_year=year(), kind="semester")
    assert semester.status == "draft" and AuditEvent.objects.filter(verb="review_round.created").count() == 2


def test_officer_of_sibling_school_cannot_create_school_as_round(world):
    with pytest.raises(PermissionDenied):
        services.round_create(actor=world.officer_school_b, unit=world.school_a, school_year=year(), kind="year_end")
    assert not ReviewRound.objects.exists()


def test_a_team_has_no_round_of_its_own(world):
    with pytest.raises(DomainError) as e:
        services.round_create(actor=world.admin, unit=world.team_a, school_year=year(), kind="year_end")
    assert e.value.code == "unit_not_legal_entity"


def test_suggestions_become_lines_keeping_the_engines_basis(world):
    line = line_of_teacher_a(world)
    assert line.source == "suggestion" and line.state == "proposed"
    assert line.verdict in ("eligible", "undetermined")
    assert line.rule_version.startswith("LDTT@") and len(line.facts_sha256) == 64
    assert line.basis["code"] == "LDTT" and line.basis["criteria"] and line.evaluated_on == day_for(2025)
    assert not line.transitions.exists() and line.created_by == world.admin
    event = AuditEvent.objects.filter(verb="nomination_lines.proposed").get()
    assert event.after["count"] == 1 and event.actor == world.admin


def test_the_same_facts_give_the_same_hash(world):
    first = line_of_teacher_a(world)
    services.line_withdraw(actor=world.officer_school_a, line=first, reason="Đề nghị lại")
    again = line_of_teacher_a(world)
    assert again.pk != first.pk and again.facts_sha256 == first.facts_sha256


def test_a_second_open_line_for_the_same_subject_and_title_is_refused(world):
    line_of_teacher_a(world)
    round_ = round_of_school_a(world)
    with pytest.raises(Conflict) as e:
        services.line_add(actor=world.officer_school_a, round_=round_, person=world.person_a, kind_code="LDTT", reason="Bổ sung")
    assert e.value.code == "duplicate_line"
    other = services.round_create(actor=world.admin, unit=world.school_a, school_year=year(), kind="ad_hoc")
    with pytest.raises(Conflict):
        services.lines_from_suggestions(actor=world.admin, round_=other, keys=[f"p{world.person_a.pk}:LDTT"])
    assert NominationLine.objects.count() == 1


def test_a_person_outside_the_unit_that_year_is_refused(world):
    with pytest.raises(DomainError) as e:
        services.line_add(actor=world.admin, round_=round_of_school_a(world), person=world.person_b, kind_code="LDTT", reason="Bổ sung")
    assert e.value.code == "subject_outside_unit"


def test_a_title_for_collectives_is_refused_for_a_person(world):
    with pytest.raises(DomainError) as e:
        services.line_add(actor=world.admin, round_=round_of_school_a(world), person=world.person_a, kind_code="TTLDTT", reason="Bổ sung")
    assert e.value.code == "wrong_subject"


def test_a_line_by_hand_needs_a_reason(world):
    with pytest.raises(DomainError) as e:
        services.line_add(actor=world.admin, round_=round_of_school_a(world), person=world.colleague_a, kind_code="GK", reason="  ")
    assert e.value.code == "reason_required" and not NominationLine.objects.exists()


def test_a_line_against_a_failed_criterion_needs_a_justification_and_carries_the_warning(world):
    AnnualRating.objects.create(person=world.colleague_a, school_year=year(), rating="not_completed")
    round_ = round_of_school_a(world)
    with pytest.raises(DomainError) as e:
        services.line_add(actor=world.officer_school_a, round_=round_, person=world.colleague_a, kind_code="LDTT", reason="Có thành tích")
    assert e.value.code == "justification_required" and not NominationLine.objects.exists()
    line = services.line_add(
        actor=world.officer_school_a, round_=round_, person=world.colleague_a, kind_code="LDTT", reason="Có thành tích",
        justification="Hội đồng xét lại kết quả đánh giá",
    )  # fmt: skip
    assert line.against_failed and line.failed_criteria and line.source == "manual"
    assert AuditEvent.objects.filter(verb="nomination_line.added").exists()


def test_a_suggestion_not_suggested_by_the_engine_is_refused(world):
    AnnualRating.objects.create(person=world.colleague_a, school_year=year(), rating="not_completed")
    with pytest.raises(DomainError) as e:
        services.lines_from_suggestions(actor=world.admin, round_=round_of_school_a(world), keys=[f"p{world.colleague_a.pk}:LDTT"])
    assert e.value.code == "not_suggested"


def test_withdrawing_needs_a_reason_and_frees_the_subject(world):
    line = line_of_teacher_a(world)
    with pytest.raises(DomainError):
        services.line_withdraw(actor=world.officer_school_a, line=line, reason="")
    services.line_withdraw(actor=world.officer_school_a, line=line, reason="Chuyển công tác")
    line.refresh_from_db()
    assert line.state == "withdrawn" and line.withdraw_reason == "Chuyển công tác"
    assert line_of_teacher_a(world).pk != line.pk  # a new proposal is allowed


def test_a_closed_round_takes_no_more_lines(world):
    round_ = round_of_school_a(world)
    services.round_close(actor=world.officer_school_a, round_=round_)
    with pytest.raises(Conflict) as e:
        services.line_add(actor=world.admin, round_=round_, person=world.person_a, kind_code="GK", reason="Bổ sung")
    assert e.value.code == "review_round_closed"


def test_the_teacher_comments_on_her_own_line_only_while_the_round_is_open(world):
    line = line_of_teacher_a(world)
    comment = services.line_comment(actor=world.teacher_a, line=line, text="Em xin bổ sung minh chứng sáng kiến.")
    assert comment.author == world.teacher_a
    other = services.line_add(actor=world.admin, round_=line.round, person=world.colleague_a, kind_code="GK", reason="Bổ sung")
    with pytest.raises(PermissionDenied):
        services.line_comment(actor=world.teacher_a, line=other, text="Góp ý")
    services.round_close(actor=world.admin, round_=line.round)
    with pytest.raises(Conflict):
        services.line_comment(actor=world.teacher_a, line=line, text="Góp ý muộn")


def test_the_council_tally_moves_lines_and_records_the_title_granted(world):
    line = line_of_teacher_a(world)
    cstdcs = services.line_add(actor=world.admin, round_=line.round, person=world.colleague_a, kind_code="CSTDCS", reason="Sáng kiến",
                               justification="Sáng kiến đang chờ công nhận")  # fmt: skip
    for item in (line, cstdcs):
        services.line_put_on_agenda(actor=world.head_a, line=item)
    with pytest.raises(DomainError):
        services.lines_tallied(actor=world.head_a, results=[services.TallyResult(cstdcs, "passed_lower", "GK")])
    done = services.lines_tallied(
        actor=world.head_a,
        results=[services.TallyResult(line, "passed"), services.TallyResult(cstdcs, "passed_lower", "LDTT", note="8/9 phiếu")],
    )
    assert [(x.state, x.granted_code) for x in done] == [("passed", "LDTT"), ("passed_lower", "LDTT")]
    with pytest.raises(Conflict):
        services.lines_tallied(actor=world.head_a, results=[services.TallyResult(line, "failed")])


def test_a_council_member_cannot_withdraw_a_line(world):
    line = line_of_teacher_a(world)
    with pytest.raises(PermissionDenied):
        services.line_withdraw(actor=world.council_a, line=line, reason="Không đồng ý")


def test_registrations_come_in_through_the_seam(world):
    lines = services.lines_from_registrations(actor=world.admin, round_=round_of_school_a(world), pairs=[(world.colleague_a, "CSTDCS")])
    assert lines[0].source == "registration" and "Đã đăng ký" in lines[0].reason


def test_cancelling_a_round_withdraws_its_proposals(world):
    line = line_of_teacher_a(world)
    services.round_cancel(actor=world.admin, round_=line.round, reason="Lập nhầm")
    line.refresh_from_db()
    assert line.state == "withdrawn" and line.round.status == "cancelled"


def test_rounds_build_fills_every_school_with_the_eligible(world):
    extra = make_person(name="Đỗ Văn Hùng", unit=world.school_b, gender="male")
    AnnualRating.objects.create(person=extra, school_year=year(), rating="excellent")
    rounds = services.rounds_build(actor=world.admin, units=[world.school_a, world.school_b], school_year=year())
    assert [r.unit for r in rounds] == [world.school_a, world.school_b]
    assert services.rounds_build(actor=world.admin, units=[world.school_a], school_year=year()) == []
