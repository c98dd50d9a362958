"""The registration list sent up: school A sends its approved registrations to the level above; the level above
sees who sent and who has not; a list with registrations still waiting is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.audit.models import AuditEvent
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.registrations import sending, services
from thidua.registrations.models import RegistrationListSent

from .factories import movement, register

pytestmark = pytest.mark.django_db


def _approved(world, **kwargs):
    return services.registration_approve(actor=world.head_a, registration=register(world, **kwargs))


def test_school_a_sends_its_list_and_the_level_above_sees_who_has_not(client, world):
    reg = _approved(world, codes=("CSTDCS",), commitments=("Dạy tốt", "Có sáng kiến"))
    mov = reg.movement

    sent = sending.registration_list_send(actor=world.officer_school_a, unit=world.school_a, movement=mov)

    assert sent.count == 1 and sent.sent_by == world.officer_school_a
    assert sent.snapshot["individuals"][0]["full_name"] == "Nguyễn Thị Hoà"
    assert sent.snapshot["individuals"][0]["commitments"] == ["Dạy tốt", "Có sáng kiến"]
    assert AuditEvent.objects.filter(verb="registration_list.sent", target_id=str(sent.pk)).exists()
    rows = {r.unit.pk: r.sent for r in sending.tracker(actor=world.officer_dept, unit=world.dept, movement=mov)}
    assert rows[world.school_a.pk] == sent and rows[world.school_b.pk] is None
    client.force_login(world.officer_dept)
    body = client.get(reverse("registrations:lists_sent", kwargs={"pk": world.dept.pk}) + f"?movement={mov.pk}").content.decode()
    assert "Trường THCS Yên Tiến" in body and "đã gửi ngày" in body and "chưa gửi" in body
    document = client.get(reverse("registrations:sent_pdf", kwargs={"pk": sent.pk}))
    assert document.status_code == 200 and document["Content-Type"] == "application/pdf"
    client.force_login(world.officer_school_b)  # school B sees neither A's list nor A in its tracker
    assert client.get(reverse("registrations:sent_pdf", kwargs={"pk": sent.pk})).status_code == 404
    assert world.school_a.pk not in {r.unit.pk for r in sending.tracker(actor=world.officer_school_b, unit=world.commune, movement=mov)}


def test_sending_again_replaces_the_list_and_both_sendings_are_logged(world):
    reg = _approved(world)
    first = sending.registration_list_send(actor=world.officer_school_a, unit=world.school_a, movement=reg.movement)
    _approved(world, person=world.colleague_a, actor=world.officer_school_a)
    second = sending.registration_list_send(actor=world.officer_school_a, unit=world.school_a, movement=reg.movement)
    assert second.pk == first.pk and second.count == 2
    assert RegistrationListSent.objects.count() == 1
    assert AuditEvent.objects.filter(verb="registration_list.sent").count() == 2


def test_a_list_is_refused_with_registrations_waiting_none_approved_or_by_another_school(world):
    mov = movement(world)
    with pytest.raises(DomainError) as exc:
        sending.registration_list_send(actor=world.officer_school_a, unit=world.school_a, movement=mov)
    assert exc.value.code == "nothing_approved"
    register(world)
    with pytest.raises(Conflict) as exc:
        sending.registration_list_send(actor=world.officer_school_a, unit=world.school_a, movement=mov)
    assert exc.value.code == "registrations_pending"
    with pytest.raises(PermissionDenied):
        sending.registration_list_send(actor=world.officer_school_b, unit=world.school_a, movement=mov)
    assert not RegistrationListSent.objects.exists()
    assert not AuditEvent.objects.filter(verb="registration_list.sent").exists()


def test_the_send_page_shows_the_refusal_in_vietnamese(client, world):
    mov = movement(world)
    register(world)
    client.force_login(world.officer_school_a)
    url = reverse("registrations:list_send", kwargs={"pk": world.school_a.pk})
    body = client.post(url, {"movement": str(mov.pk)}).content.decode()
    assert "Còn 1 đăng ký thi đua chờ duyệt" in body
    assert not RegistrationListSent.objects.exists()
