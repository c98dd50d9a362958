"""The dossier up the chain: the usual path, returns, forwarding, the decision into the ledger, and refusals."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils import timezone

from tests.factories import UserFactory, grant
from tests.factories_dossiers import bk_line_of_colleague_a, dossier_of_school_a, passed_line
from tests.factories_nominations import line_of_teacher_a, round_of_school_a
from thidua.audit.models import AuditEvent
from thidua.awards.models import Award
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.dossiers import deadlines, selectors, services
from thidua.dossiers.models import Dossier, DossierLine
from thidua.notifications.models import Deadline
from thidua.years import calendar

pytestmark = pytest.mark.django_db
DENIED = (PermissionDenied, DjangoPermissionDenied)


@pytest.fixture
def officer_commune(world):
    user = UserFactory(username="officer_commune")
    grant(user, "officer", world.commune)
    return user


def _checking(world, officer):
    dossier = dossier_of_school_a(world, submitted=True)
    services.dossier_receive(actor=officer, dossier=dossier)
    services.dossier_check(actor=officer, dossier=dossier)
    return dossier


def _lines(dossier):
    ldtt = dossier.lines.get(line__kind_code="LDTT")
    bk = dossier.lines.get(line__kind_code="BK_BO_TINH")
    return ldtt, bk


def test_the_dossier_groups_passed_lines_by_route(world):
    ldtt, bk = passed_line(world, line_of_teacher_a(world)), passed_line(world, bk_line_of_colleague_a(world))
    found = services.receivers_for(round_of_school_a(world))
    assert set(found) == {world.commune.pk}  # both go through the commune
    assert {line.pk for line in found[world.commune.pk]} == {ldtt.pk, bk.pk}
    dossier = services.dossier_create(actor=world.officer_school_a, round_=round_of_school_a(world), receiver=world.commune)
    granting = dict(dossier.lines.values_list("line__kind_code", "granting_id"))
    assert granting == {"LDTT": world.commune.pk, "BK_BO_TINH": world.dept.pk}
    assert dossier.status == "draft" and dossier.sender == world.school_a


def test_a_line_to_a_unit_without_authority_is_refused(world):
    ldtt = passed_line(world, line_of_teacher_a(world))
    with pytest.raises(DomainError) as e:
        services.dossier_create(actor=world.officer_school_a, round_=round_of_school_a(world), receiver=world.dept, lines=[ldtt])
    assert e.value.code == "no_authority"
    with pytest.raises(DomainError) as e:
        services.dossier_create(actor=world.officer_school_a, round_=round_of_school_a(world), receiver=world.school_b, lines=[ldtt])
    assert e.value.code == "no_authority"
    assert not Dossier.objects.exists()


def test_a_line_not_passed_is_refused(world):
    line = line_of_teacher_a(world)  # proposed, not voted
    with pytest.raises(DomainError) as e:
        services.dossier_create(actor=world.officer_school_a, round_=round_of_school_a(world), receiver=world.commune, lines=[line])
    assert e.value.code == "line_not_passed"


def test_the_usual_path_into_the_ledger(world, officer_commune):
    dossier = dossier_of_school_a(world)
    services.dossier_submit(actor=world.officer_school_a, dossier=dossier)
    today = timezone.localdate()
    receive = Deadline.objects.get(kind="dossier_receive", closed_at__isnull=True)
    assert receive.unit == world.commune and receive.due_on == calendar.add_working_days(today, deadlines.days("receive"))
    assert list(selectors.queue(actor=officer_commune)) == [dossier]
    assert list(selectors.queue(actor=world.officer_school_a)) == []

    services.dossier_receive(actor=officer_commune, dossier=dossier)
    assert dossier.due_on == calendar.add_working_days(today, 20)
    assert Deadline.objects.get(kind="dossier_check", closed_at__isnull=True).unit == world.commune
    assert not Deadline.objects.filter(kind="dossier_receive", closed_at__isnull=True).exists()
    services.dossier_check(actor=officer_commune, dossier=dossier)
    ldtt, bk = _lines(dossier)
    services.line_accept(actor=officer_commune, dline=ldtt)
    services.line_accept(actor=officer_commune, dline=bk)
    with pytest.raises(DomainError) as e:  # the Bằng khen is the Sở's: forwarded first
        services.dossier_decide(actor=officer_commune, dossier=dossier, number="12/QĐ-UBND", decision_date=today)
    assert e.value.code == "forward_first"

    upper = services.dossier_forward(actor=officer_commune, dossier=dossier)
    dossier.refresh_from_db()
    assert dossier.status == "checking"  # its own line still to decide
    assert upper.receiver == world.dept and upper.sender == world.commune and upper.forwarded_from == dossier
    assert upper.status == "submitted" and list(upper.lines.values_list("line__kind_code", flat=True)) == ["BK_BO_TINH"]
    assert list(selectors.queue(actor=world.officer_dept)) == [upper]  # the Sở's queue

    services.dossier_decide(actor=officer_commune, dossier=dossier, number="12/QĐ-UBND", decision_date=today, signer_name="Trần Văn An")
    dossier.refresh_from_db()
    assert dossier.status == "decided" and dossier.decision.issuer == world.commune
    award = Award.objects.get(decision=dossier.decision)
    assert award.person == world.person_a and award.kind.code == "LDTT" and award.cash_amount  # cash computed as today
    ldtt.line.refresh_from_db()
    assert ldtt.line.state == "decided"
    assert dict(dossier.lines.values_list("line__kind_code", "mark")) == {"LDTT": "decided", "BK_BO_TINH": "forwarded"}
    assert [t.action for t in dossier.transitions.all()] == ["submit", "receive", "check", "decide"]
    assert AuditEvent.objects.filter(verb="dossier.decided").count() == 1
    assert AuditEvent.objects.filter(verb="decision.created").count() == 1
    assert not Deadline.objects.filter(object_id=dossier.pk, kind="dossier_check", closed_at__isnull=True).exists()


def test_a_dossier_with_only_higher_lines_ends_forwarded(world, officer_commune):
    bk = passed_line(world, bk_line_of_colleague_a(world))
    dossier = services.dossier_create(actor=world.officer_school_a, round_=round_of_school_a(world), receiver=world.commune, lines=[bk])
    services.dossier_submit(actor=world.officer_school_a, dossier=dossier)
    services.dossier_receive(actor=officer_commune, dossier=dossier)
    services.dossier_check(actor=officer_commune, dossier=dossier)
    services.line_accept(actor=officer_commune, dline=dossier.lines.get())
    upper = services.dossier_forward(actor=officer_commune, dossier=dossier)
    dossier.refresh_from_db()
    assert dossier.status == "forwarded" and upper.status == "submitted"
    services.dossier_receive(actor=world.officer_dept, dossier=upper)
    services.dossier_check(actor=world.officer_dept, dossier=upper)
    services.line_accept(actor=world.officer_dept, dline=upper.lines.get())
    services.dossier_decide(actor=world.officer_dept, dossier=upper, number="88/QĐ-SGDĐT", decision_date=timezone.localdate())
    upper.refresh_from_db()
    assert upper.status == "decided" and upper.decision.issuer == world.dept
    bk.refresh_from_db()
    assert bk.state == "decided"


def test_a_return_names_lines_and_fields_and_the_sender_answers(world, officer_commune):
    dossier = _checking(world, officer_commune)
    ldtt, _bk = _lines(dossier)
    with pytest.raises(DomainError) as e:
        services.dossier_return(actor=officer_commune, dossier=dossier)
    assert e.value.code == "nothing_returned"
    with pytest.raises(DomainError) as e:
        services.line_return(actor=officer_commune, dline=ldtt, reason="", field="report")
    assert e.value.code == "reason_required"
    services.line_return(actor=officer_commune, dline=ldtt, reason="Thiếu xác nhận hoàn thành nhiệm vụ", field="report")
    services.dossier_return(actor=officer_commune, dossier=dossier, note="Bổ sung báo cáo thành tích")
    assert dossier.status == "returned"
    answer = Deadline.objects.get(kind="dossier_answer", closed_at__isnull=True)
    assert answer.unit == world.school_a
    with pytest.raises(DomainError) as e:
        services.dossier_resubmit(actor=world.officer_school_a, dossier=dossier)
    assert e.value.code == "answer_required"
    ldtt.refresh_from_db()
    services.line_answer(actor=world.officer_school_a, dline=ldtt, answer="Đã bổ sung báo cáo có xác nhận")
    services.dossier_resubmit(actor=world.officer_school_a, dossier=dossier)
    ldtt.refresh_from_db()
    assert dossier.status == "submitted" and ldtt.mark == "pending" and ldtt.answer
    assert not Deadline.objects.filter(kind="dossier_answer", closed_at__isnull=True).exists()
    event = AuditEvent.objects.get(verb="dossier.returned")
    assert "Báo cáo thành tích" in event.after["lines"][0]


def test_refused_lines_get_a_reason_the_unit_sees(world, officer_commune):
    dossier = _checking(world, officer_commune)
    ldtt, bk = _lines(dossier)
    services.line_accept(actor=officer_commune, dline=ldtt)
    with pytest.raises(DomainError):
        services.line_refuse(actor=officer_commune, dline=bk, reason=" ")
    services.line_refuse(actor=officer_commune, dline=bk, reason="Chưa đủ hai năm liền đạt CSTĐCS")
    services.dossier_decide(actor=officer_commune, dossier=dossier, number="13/QĐ-UBND", decision_date=timezone.localdate())
    bk.refresh_from_db()
    bk.line.refresh_from_db()
    assert bk.line.state == "refused" and bk.mark == "refused" and bk.reason == "Chưa đủ hai năm liền đạt CSTĐCS"
    assert bk.line.transitions.last().note == "Chưa đủ hai năm liền đạt CSTĐCS"


def test_recall_only_before_it_is_received(world, officer_commune):
    dossier = dossier_of_school_a(world, submitted=True)
    services.dossier_recall(actor=world.officer_school_a, dossier=dossier)
    assert dossier.status == "draft"
    assert not Deadline.objects.filter(kind="dossier_receive", closed_at__isnull=True).exists()
    services.dossier_submit(actor=world.officer_school_a, dossier=dossier)
    services.dossier_receive(actor=officer_commune, dossier=dossier)
    stale = Dossier.objects.get(pk=dossier.pk)
    with pytest.raises(Conflict):
        services.dossier_recall(actor=world.officer_school_a, dossier=stale)


def test_each_side_takes_only_its_own_steps(world, officer_commune):
    dossier = dossier_of_school_a(world)
    with pytest.raises(DENIED):
        services.dossier_submit(actor=world.officer_school_b, dossier=dossier)
    with pytest.raises(DENIED):
        services.dossier_submit(actor=world.council_a, dossier=dossier)
    services.dossier_submit(actor=world.officer_school_a, dossier=dossier)
    with pytest.raises(DENIED):
        services.dossier_receive(actor=world.officer_school_a, dossier=dossier)  # the sender does not receive its own dossier
    with pytest.raises(DENIED):
        services.dossier_recall(actor=officer_commune, dossier=dossier)
    with pytest.raises(DENIED):
        services.dossier_create(actor=world.officer_school_b, round_=round_of_school_a(world), receiver=world.commune)
    assert [t.action for t in dossier.transitions.all()] == ["submit"]


def test_decide_waits_for_every_line_and_for_the_blockers(world, officer_commune, monkeypatch):
    dossier = _checking(world, officer_commune)
    ldtt, bk = _lines(dossier)
    services.line_accept(actor=officer_commune, dline=ldtt)
    with pytest.raises(DomainError) as e:
        services.dossier_decide(actor=officer_commune, dossier=dossier, number="1/QĐ", decision_date=timezone.localdate())
    assert e.value.code == "lines_unchecked"
    services.line_refuse(actor=officer_commune, dline=bk, reason="Không thuộc đối tượng")
    from thidua.nominations import blockers

    monkeypatch.setattr(blockers, "decision_blockers", lambda lines: ["Còn ý kiến phản ánh chưa được trả lời."])
    with pytest.raises(DomainError) as e:
        services.dossier_decide(actor=officer_commune, dossier=dossier, number="1/QĐ", decision_date=timezone.localdate())
    assert e.value.code == "decision_blocked" and "phản ánh" in e.value.message
    assert not Award.objects.exists() and dossier.status == "checking"


def test_the_overdue_list_and_the_queue_put_late_first(world, officer_commune):
    dossier = dossier_of_school_a(world, submitted=True)
    Dossier.objects.filter(pk=dossier.pk).update(due_on=timezone.localdate() - dt.timedelta(days=3))
    assert list(selectors.overdue(actor=officer_commune)) == [dossier]
    assert list(selectors.overdue(actor=world.officer_school_b)) == []
    assert list(selectors.dossiers_visible(actor=world.officer_school_b)) == []
    assert list(selectors.dossiers_visible(actor=world.officer_dept)) == [dossier]


def test_a_line_goes_to_each_level_once(world):
    dossier_of_school_a(world)
    with pytest.raises(DomainError) as e:
        services.dossier_create(actor=world.officer_school_a, round_=round_of_school_a(world), receiver=world.commune,
                                lines=[DossierLine.objects.first().line])  # fmt: skip
    assert e.value.code == "already_in_dossier"


def test_the_daily_reminder_job_reminds_the_receiver_and_escalates_an_overdue_dossier(world, officer_commune):
    from thidua.notifications.models import Notification
    from thidua.notifications.reminders import reminders_send

    dossier = dossier_of_school_a(world, submitted=True)
    deadline = Deadline.objects.get(kind="dossier_receive", closed_at__isnull=True)
    late = calendar.add_working_days(deadline.due_on, 4)
    reminders_send(today=late)
    notes = Notification.objects.filter(url=f"/dossiers/{dossier.pk}/")
    assert notes.filter(recipient=officer_commune).exists()  # the receiving unit's officer
    assert notes.filter(recipient=world.officer_dept).exists()  # escalated to the level above the commune
    assert not notes.filter(recipient=world.officer_school_b).exists()


def test_an_unanswered_objection_in_the_disclosure_blocks_the_decision_until_it_is_answered(world, officer_commune, settings):
    """The disclosure app's check is registered in the decision's hook: while teacher_a's line is being disclosed or
    her objection has no answer the commune cannot decide; once answered and the period is over it can."""
    from tests.factories_disclosures import objection_of_teacher_a
    from thidua.disclosures import services as disclosures
    from thidua.disclosures.models import Disclosure

    objection = objection_of_teacher_a(world)
    dossier = _checking(world, officer_commune)
    ldtt, bk = _lines(dossier)
    services.line_accept(actor=officer_commune, dline=ldtt)
    services.line_refuse(actor=officer_commune, dline=bk, reason="Không thuộc đối tượng")
    decide = {"actor": officer_commune, "dossier": dossier, "number": "1/QĐ", "decision_date": timezone.localdate()}
    with pytest.raises(DomainError) as e:
        services.dossier_decide(**decide)
    assert e.value.code == "decision_blocked"
    assert "đang trong thời gian công khai" in e.value.message and "1 ý kiến phản ánh chưa được trả lời" in e.value.message
    Disclosure.objects.filter(pk=objection.disclosure_id).update(ends_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(DomainError) as e:
        services.dossier_decide(**decide)
    assert "phản ánh chưa được trả lời" in e.value.message and "thời gian công khai" not in e.value.message
    assert not Award.objects.exists()
    disclosures.objection_answer(actor=world.officer_school_a, remark=objection, answer="Đã kiểm tra, hồ sơ đúng.")
    settings.THIDUA_DISCLOSURE_REQUIRED = True  # the Bằng khen line was never disclosed, but it is refused: no matter
    services.dossier_decide(**decide)
    assert Award.objects.filter(person=world.person_a).count() == 1
