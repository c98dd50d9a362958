"""Disclosure through the services: the period in working days, who reads, comments and objections, answers,
and what blocks the decision."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from tests.factories_disclosures import disclosure_of_school_a, objection_of_teacher_a
from tests.factories_nominations import line_of_teacher_a
from thidua.audit.models import AuditEvent
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.disclosures import checks, selectors, services
from thidua.disclosures.models import Disclosure, Remark
from thidua.disclosures.permissions import access_disclosure
from thidua.years import calendar

pytestmark = pytest.mark.django_db


def test_publish_copies_name_unit_and_title_and_runs_for_working_days(world, settings):
    settings.THIDUA_DISCLOSURE_DAYS = 7
    line = line_of_teacher_a(world)
    d = services.disclosure_publish(actor=world.officer_school_a, round_=line.round)
    today = timezone.localdate()
    assert d.days == 7 and d.starts_on == today and d.ends_on == calendar.add_working_days(today, 7)
    assert d.token is None and not d.public
    entry = d.entries.get()
    assert (entry.name, entry.unit_name, entry.title, entry.line_id) == (
        "Nguyễn Thị Hoà",
        "Trường THCS Yên Tiến",
        "Lao động tiên tiến",
        line.pk,
    )
    event = AuditEvent.objects.get(verb="disclosure.published")
    assert event.actor == world.officer_school_a and event.after["lines"] == 1 and event.after["days"] == 7


def test_the_officer_picks_the_number_of_days_within_bounds(world):
    line = line_of_teacher_a(world)
    for bad in (0, 61):
        with pytest.raises(DomainError) as e:
            services.disclosure_publish(actor=world.officer_school_a, round_=line.round, days=bad)
        assert e.value.code == "bad_days" and "ngày làm việc" in e.value.message
    assert not Disclosure.objects.exists()


def test_a_sibling_schools_officer_may_not_publish_or_read(world):
    line = line_of_teacher_a(world)
    with pytest.raises(PermissionDenied):
        services.disclosure_publish(actor=world.officer_school_b, round_=line.round)
    d = disclosure_of_school_a(world)
    with pytest.raises(Http404):
        access_disclosure(world.officer_school_b, d.pk)
    assert not selectors.disclosure_list(actor=world.officer_school_b).exists()
    with pytest.raises(PermissionDenied):
        services.remark_add(actor=world.officer_school_b, disclosure=d, kind="comment", text="Xem được không?")
    assert not Remark.objects.exists()


def test_staff_of_the_unit_read_the_list_and_object(world):
    d = disclosure_of_school_a(world)
    assert access_disclosure(world.teacher_a, d.pk) == d
    assert list(selectors.disclosure_list(actor=world.teacher_a)) == [d]
    assert list(selectors.disclosure_list(actor=world.officer_dept)) == [d]  # the level above reads it too
    remark = objection_of_teacher_a(world)
    assert remark.unanswered and AuditEvent.objects.filter(verb="disclosure.objected", actor=world.teacher_a).exists()


def test_an_objection_names_a_line_and_has_text(world):
    d = disclosure_of_school_a(world)
    with pytest.raises(DomainError) as e:
        services.remark_add(actor=world.teacher_a, disclosure=d, kind="objection", text="Không đồng ý")
    assert e.value.code == "line_required"
    with pytest.raises(DomainError) as e:
        services.remark_add(actor=world.teacher_a, disclosure=d, kind="comment", text="   ")
    assert e.value.code == "text_required"
    services.remark_add(actor=world.teacher_a, disclosure=d, kind="comment", text="Danh sách hợp lý")
    assert Remark.objects.get().entry is None


def test_no_remark_after_the_period(world):
    d = disclosure_of_school_a(world)
    Disclosure.objects.filter(pk=d.pk).update(ends_on=timezone.localdate() - dt.timedelta(days=1))
    d.refresh_from_db()
    with pytest.raises(DomainError) as e:
        services.remark_add(actor=world.teacher_a, disclosure=d, kind="comment", text="Muộn")
    assert e.value.code == "disclosure_ended"


def test_the_officer_answers_once_and_an_answer_is_required(world):
    remark = objection_of_teacher_a(world)
    with pytest.raises(PermissionDenied):
        services.objection_answer(actor=world.teacher_a, remark=remark, answer="Tự trả lời")
    with pytest.raises(DomainError) as e:
        services.objection_answer(actor=world.officer_school_a, remark=remark, answer="")
    assert e.value.code == "answer_required"
    answered = services.objection_answer(actor=world.officer_school_a, remark=remark, answer="Đã kiểm tra lại minh chứng")
    assert answered.answered_by == world.officer_school_a and answered.answered_at
    with pytest.raises(Conflict) as e:
        services.objection_answer(actor=world.head_a, remark=remark, answer="Lần hai")
    assert e.value.code == "already_answered"
    assert AuditEvent.objects.filter(verb="disclosure.objection_answered").count() == 1


def test_remarks_are_seen_by_their_author_and_the_units_writers(world):
    remark = objection_of_teacher_a(world)
    d = remark.disclosure
    services.remark_add(actor=world.council_a, disclosure=d, kind="comment", text="Ý kiến của hội đồng")
    assert [r.text for r in selectors.remarks_for(actor=world.teacher_a, disclosure=d)] == [remark.text]
    assert len(selectors.remarks_for(actor=world.officer_school_a, disclosure=d)) == 2


def test_decision_blockers_while_disclosed_and_until_objections_are_answered(world):
    line = line_of_teacher_a(world)
    assert checks.decision_blockers([line]) == []
    assert checks.decision_blockers([line], require_disclosure=True) == [
        "Nguyễn Thị Hoà – Lao động tiên tiến: chưa được công khai trước khi quyết định."
    ]
    remark = objection_of_teacher_a(world)
    d = remark.disclosure
    messages = checks.decision_blockers([line])
    assert len(messages) == 2
    assert "đang trong thời gian công khai (đến hết ngày" in messages[0] and "còn 1 ý kiến phản ánh chưa được trả lời" in messages[1]
    after = d.ends_on + dt.timedelta(days=1)
    assert checks.decision_blockers([line.pk], today=after) == [
        "Nguyễn Thị Hoà – Lao động tiên tiến: còn 1 ý kiến phản ánh chưa được trả lời."
    ]
    services.objection_answer(actor=world.officer_school_a, remark=remark, answer="Đã xác minh")
    assert checks.decision_blockers([line], today=after) == []


def test_blocker_messages_is_pure():
    day = dt.date(2026, 6, 1)
    facts = [checks.LineDisclosure("A – LĐTT", dt.date(2026, 6, 1), 0), checks.LineDisclosure("B – GK", dt.date(2026, 5, 30), 2)]
    assert checks.blocker_messages(facts, today=day) == [
        "A – LĐTT: đang trong thời gian công khai (đến hết ngày 01/06/2026).",
        "B – GK: còn 2 ý kiến phản ánh chưa được trả lời.",
    ]
