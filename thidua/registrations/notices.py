"""What people hear of registrations: one to approve (the approvers of its unit), one approved or returned
(the registrant). Called by the services inside their transaction; stored text in the language of record."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.notifications import services as notifications
from thidua.notifications.models import Kind

from .models import Registration


def list_url(registration: Registration) -> str:
    unit = registration.unit_of_record if registration.person_id else (registration.unit.parent or registration.unit)
    return reverse("registrations:unit_list", kwargs={"pk": unit.pk}) + f"?movement={registration.movement_id}&status=submitted"


def to_approve(*, actor, registration: Registration) -> None:
    """The officers and heads of the approving unit: the school for a person, the level above for a collective."""
    approver_unit = registration.unit_of_record if registration.person_id else registration.unit.parent
    if approver_unit is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Đăng ký thi đua chờ duyệt: %(name)s") % {"name": registration.subject_name}
    notifications.notify_unit(approver_unit, kind=Kind.REGISTRATION_TO_APPROVE, title=title[:200], url=list_url(registration),
                              roles=(Role.OFFICER, Role.HEAD), actor=actor)  # fmt: skip


def decided(*, registrations: Sequence[Registration], approved: bool, reason: str = "") -> None:
    """The registrant (the person's account) of each individual registration: one insert for all."""
    people = [r.person_id for r in registrations if r.person_id]
    if not people:
        return
    users = list(User.objects.filter(person_id__in=people, is_active=True))
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Đăng ký thi đua của bạn đã được duyệt") if approved else _("Đăng ký thi đua của bạn bị trả lại")
        body = _("Lý do: %(reason)s") % {"reason": reason} if reason else ""
    notifications.notify_users(users, kind=Kind.REGISTRATION_APPROVED if approved else Kind.REGISTRATION_RETURNED, title=title,
                               body=body[:1000], url=reverse("registrations:mine"))  # fmt: skip
