"""Amending an approved registration: a reason, back for approval, the approved version kept in the log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.api.tests.conftest import ApiClient
from thidua.audit.models import AuditEvent
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.notifications.models import Notification
from thidua.registrations import services

from .factories import DAY, register

pytestmark = pytest.mark.django_db


def _approved(world):
    reg = register(world, codes=("LDTT",), commitments=("Dạy tốt",))
    return services.registration_approve(actor=world.head_a, registration=reg)


def test_the_teacher_amends_an_approved_registration_and_it_goes_back_for_approval(world):
    reg = _approved(world)
    Notification.objects.all().delete()

    amended = services.registration_amend(
        actor=world.teacher_a, registration=reg, reason="Đăng ký thêm Chiến sĩ thi đua cơ sở", kind_codes=["LDTT", "CSTDCS"],
        commitments=[services.CommitmentSpec(text="Có sáng kiến cấp cơ sở")], on=DAY,
    )  # fmt: skip

    amended.refresh_from_db()
    assert amended.status == "submitted" and amended.approved_by is None and amended.approved_at is None
    assert sorted(amended.targets.values_list("kind_code", flat=True)) == ["CSTDCS", "LDTT"]
    assert list(amended.commitments.values_list("text", flat=True)) == ["Có sáng kiến cấp cơ sở"]
    step = amended.transitions.latest("id")
    assert (step.from_state, step.to_state, step.action, step.note) == (
        "approved",
        "submitted",
        "amend",
        "Đăng ký thêm Chiến sĩ thi đua cơ sở",
    )
    changed = AuditEvent.objects.get(verb="registration.changed", target_id=str(reg.pk))
    assert changed.before["commitments"] == ["Dạy tốt"] and changed.before["approved_by"] == world.head_a.pk
    assert AuditEvent.objects.filter(verb="registration.amended", target_id=str(reg.pk)).exists()
    assert Notification.objects.filter(recipient=world.head_a, kind="registration_to_approve").exists()
    again = services.registration_approve(actor=world.head_a, registration=amended)
    assert again.status == "approved"


def test_an_amendment_needs_a_reason_an_approved_registration_and_its_registrant(world):
    reg = register(world)
    with pytest.raises(Conflict) as exc:
        services.registration_amend(actor=world.teacher_a, registration=reg, reason="Đổi", kind_codes=["CSTDCS"], on=DAY)
    assert exc.value.code == "not_approved"
    reg = services.registration_approve(actor=world.head_a, registration=reg)
    with pytest.raises(DomainError) as exc:
        services.registration_amend(actor=world.teacher_a, registration=reg, reason="  ", kind_codes=["CSTDCS"], on=DAY)
    assert exc.value.code == "reason_required"
    with pytest.raises(PermissionDenied):
        services.registration_amend(actor=world.officer_school_b, registration=reg, reason="Đổi", kind_codes=["CSTDCS"], on=DAY)
    with pytest.raises(DomainError) as exc:
        services.registration_amend(actor=world.teacher_a, registration=reg, reason="Đổi", kind_codes=["TTLDTT"], on=DAY)
    assert exc.value.code == "wrong_subject"
    reg.refresh_from_db()
    assert reg.status == "approved" and list(reg.targets.values_list("kind_code", flat=True)) == ["LDTT"]
    assert not AuditEvent.objects.filter(verb__in=["registration.amended", "registration.changed"]).exists()


def test_the_page_offers_the_amendment_on_an_approved_registration_only(client, world):
    reg = register(world)
    detail = reverse("registrations:detail", kwargs={"pk": reg.pk})
    amend = reverse("registrations:amend", kwargs={"pk": reg.pk})
    client.force_login(world.teacher_a)
    assert amend not in client.get(detail).content.decode()
    services.registration_approve(actor=world.head_a, registration=reg)
    assert amend in client.get(detail).content.decode()

    response = client.post(amend, {"kinds": [reg.targets.get().kind_id], "free": "Dạy tốt\nCó chuyên đề cấp trường", "reason": ""})

    assert "Lý do sửa đăng ký đã duyệt" in response.content.decode() and response.status_code == 200
    reg.refresh_from_db()
    assert reg.status == "approved"
    response = client.post(amend, {"kinds": [reg.targets.get().kind_id], "free": "Dạy tốt\nCó chuyên đề cấp trường", "reason": "Bổ sung"})
    assert response.status_code == 302
    reg.refresh_from_db()
    assert reg.status == "submitted" and reg.commitments.count() == 2
    assert "Bổ sung" in client.get(detail).content.decode()


def test_the_api_amends_and_school_b_cannot(world):
    reg = _approved(world)
    refused = ApiClient(world.officer_school_b).post(f"/registrations/{reg.pk}/amend", {"reason": "Đổi", "targets": ["CSTDCS"]})
    assert refused.status_code == 404
    response = ApiClient(world.officer_school_a).post(f"/registrations/{reg.pk}/amend", {"reason": "Đổi danh hiệu", "targets": ["CSTDCS"]})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"
    twice = ApiClient(world.officer_school_a).post(f"/registrations/{reg.pk}/amend", {"reason": "Lần nữa"})
    assert twice.status_code == 409 and twice.json()["code"] == "not_approved"
