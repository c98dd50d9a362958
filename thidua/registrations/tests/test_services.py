from __future__ import annotations

import datetime as dt

import pytest

from thidua.audit.models import AuditEvent
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.notifications.models import Notification
from thidua.registrations import services
from thidua.registrations.models import Registration

from .factories import CLOSES, movement, register


def test_a_teacher_registers_themself_and_the_head_is_told(world):
    reg = register(world, codes=("CSTDCS", "LDTT"), commitments=("Dạy tốt", "Học sinh đạt 100% lên lớp"))
    assert reg.status == "submitted" and not reg.on_behalf and reg.unit_of_record == world.school_a and not reg.late
    assert sorted(reg.targets.values_list("kind_code", flat=True)) == ["CSTDCS", "LDTT"]
    assert list(reg.commitments.values_list("text", flat=True)) == ["Dạy tốt", "Học sinh đạt 100% lên lớp"]
    assert AuditEvent.objects.filter(verb="registration.created", target_id=str(reg.pk)).exists()
    assert Notification.objects.filter(recipient=world.head_a, kind="registration_to_approve").exists()
    assert not Notification.objects.filter(recipient=world.teacher_a).exists()


def test_an_officer_registers_on_behalf_and_it_is_recorded(world):
    reg = register(world, actor=world.officer_school_a, person=world.colleague_a)
    assert reg.on_behalf and reg.entered_by == world.officer_school_a


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"codes": ("TTLDTT",)}, "wrong_subject"),
        ({"codes": ()}, "no_target"),
        ({"codes": ("KHONGCO",)}, "unknown_award_kind"),
        ({"on": dt.date(2025, 11, 1)}, "window_closed"),
        ({"on": dt.date(2025, 9, 1)}, "window_closed"),
        ({"commitments": ("a\x00b",)}, "invalid_text"),
    ],
)
def test_bad_registrations_are_refused_and_nothing_is_saved(world, kwargs, code):
    movement(world)
    with pytest.raises(DomainError) as exc:
        register(world, **kwargs)
    assert exc.value.code == code
    assert not Registration.objects.exists()


def test_a_late_registration_needs_an_officer_and_a_reason(world):
    movement(world)
    late = CLOSES + dt.timedelta(days=3)
    with pytest.raises(DomainError) as exc:
        register(world, actor=world.officer_school_a, person=world.colleague_a, on=late)
    assert exc.value.code == "late_needs_reason"
    reg = register(world, actor=world.officer_school_a, person=world.colleague_a, on=late, late_reason="Mới chuyển công tác về trường")
    assert reg.late and reg.late_reason == "Mới chuyển công tác về trường"


def test_a_second_registration_for_the_same_movement_or_title_and_year_is_refused(world):
    register(world)
    with pytest.raises(Conflict) as exc:
        register(world, codes=("CSTDCS",))
    assert exc.value.code == "duplicate_registration"
    from thidua.years.models import SchoolYear

    other = movement(world, name="Phong trào chuyển đổi số", kind="thematic", field="digital", period_start=dt.date(2025, 9, 5),
                     period_end=dt.date(2026, 5, 31), school_year=SchoolYear.objects.get(code="2025-2026"))  # fmt: skip
    with pytest.raises(Conflict) as exc:
        register(world, mov=other)
    assert exc.value.code == "duplicate_title"
    assert Registration.objects.count() == 1


def test_a_teacher_cannot_register_a_colleague(world):
    with pytest.raises(PermissionDenied):
        register(world, actor=world.teacher_a, person=world.colleague_a)


def test_the_head_approves_and_the_teacher_is_told(world):
    reg = register(world)
    reg = services.registration_approve(actor=world.head_a, registration=reg)
    assert reg.status == "approved" and reg.approved_by == world.head_a and reg.approved_at
    assert Notification.objects.filter(recipient=world.teacher_a, kind="registration_approved").exists()


def test_the_registrant_never_approves_their_own(world):
    from tests.factories import grant

    grant(world.teacher_a, "head", world.school_a)
    world.teacher_a._thidua_scope = None
    reg = register(world)
    with pytest.raises(PermissionDenied) as exc:
        services.registration_approve(actor=world.teacher_a, registration=reg)
    assert exc.value.code == "own_registration"


def test_a_return_needs_a_reason_then_the_teacher_resubmits(world):
    reg = register(world)
    with pytest.raises(DomainError) as exc:
        services.registration_return(actor=world.head_a, registration=reg, reason="  ")
    assert exc.value.code == "reason_required"
    reg = services.registration_return(actor=world.head_a, registration=reg, reason="Cam kết chưa cụ thể")
    assert reg.status == "returned" and reg.return_reason == "Cam kết chưa cụ thể"
    assert Notification.objects.filter(recipient=world.teacher_a, kind="registration_returned").exists()
    reg = services.registration_submit(actor=world.teacher_a, registration=reg, kind_codes=["LDTT"],
                                       commitments=[services.CommitmentSpec(text="Có 2 tiết dạy tốt mỗi học kỳ")], on=dt.date(2025, 9, 25))  # fmt: skip
    assert reg.status == "submitted" and list(reg.commitments.values_list("text", flat=True)) == ["Có 2 tiết dạy tốt mỗi học kỳ"]


def test_a_collective_is_approved_by_the_level_above_only(world):
    reg = register(world, unit=world.team_a, codes=("TTLDTT",), actor=world.officer_school_a)
    assert reg.unit_of_record == world.team_a
    reg = services.registration_approve(actor=world.head_a, registration=reg)  # the school is above the team
    assert reg.status == "approved"
    school = register(world, unit=world.school_a, codes=("TTLDTT",), actor=world.officer_school_a)
    with pytest.raises(PermissionDenied) as exc:
        services.registration_approve(actor=world.head_a, registration=school)
    assert exc.value.code == "level_above"
    services.registration_approve(actor=world.officer_dept, registration=school)


def test_a_person_cannot_hold_a_collective_registration_and_vice_versa(world):
    movement(world)
    with pytest.raises(DomainError) as exc:
        register(world, unit=world.team_a, codes=("LDTT",), actor=world.officer_school_a)
    assert exc.value.code == "wrong_subject"


def test_the_second_of_two_approvals_is_told(world):
    reg = register(world)
    stale = Registration.objects.get(pk=reg.pk)
    services.registration_approve(actor=world.head_a, registration=reg)
    with pytest.raises(Conflict):
        services.registration_approve(actor=world.officer_school_a, registration=stale)
    assert AuditEvent.objects.filter(verb="registration.approved").count() == 1


def test_bulk_approval_is_all_or_nothing(world):
    a = register(world)
    b = register(world, actor=world.officer_school_a, person=world.colleague_a)
    services.registration_approve(actor=world.head_a, registration=b)
    with pytest.raises(Conflict):
        services.registrations_approve(actor=world.head_a, ids=[a.pk, b.pk])
    assert Registration.objects.get(pk=a.pk).status == "submitted"
    rows = services.registrations_approve(actor=world.head_a, ids=[a.pk])
    assert [r.status for r in rows] == ["approved"]
    assert AuditEvent.objects.filter(verb="registration.approved").count() == 2
    assert Registration.objects.get(pk=a.pk).transitions.filter(action="approve").count() == 1


def test_bulk_return_by_an_officer_of_a_sibling_school_is_refused(world):
    a = register(world)
    with pytest.raises(PermissionDenied):
        services.registrations_return(actor=world.officer_school_b, ids=[a.pk], reason="Không rõ")
    rows = services.registrations_return(actor=world.officer_school_a, ids=[a.pk], reason="Bổ sung cam kết")
    assert rows[0].status == "returned" and Registration.objects.get(pk=a.pk).return_reason == "Bổ sung cam kết"


def test_the_document_lists_approved_individuals_then_collectives(world):
    from thidua.registrations.selectors import registration_list_document

    a = register(world, codes=("CSTDCS", "GK"), commitments=("Dạy tốt",))
    t = register(world, unit=world.team_a, codes=("TTLDTT",), actor=world.officer_school_a, commitments=())
    services.registrations_approve(actor=world.head_a, ids=[a.pk, t.pk])
    doc = registration_list_document(world.officer_school_a, world.school_a, a.movement)
    assert doc["issuer"] == "Trường THCS Yên Tiến" and doc["parent"] == "UBND xã Yên Tiến" and doc["school_year"] == "2025-2026"
    assert doc["place"] == "Yên Tiến"
    person = doc["individuals"][0]
    assert person["full_name"] == "Nguyễn Thị Hoà" and person["order"] == 1
    assert person["emulation_titles"] == ["Chiến sĩ thi đua cơ sở"] and person["commendations"] == ["Giấy khen"]
    assert person["commitments"] == ["Dạy tốt"]
    assert doc["collectives"][0]["name"] == "Tổ Khoa học tự nhiên"
    assert doc["collectives"][0]["emulation_titles"] == ["Tập thể lao động tiên tiến"]
