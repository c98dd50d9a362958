"""The life of a registration (đăng ký thi đua; design note movements.md §3).

    draft ─submit→ submitted ─approve→ approved
                   submitted ─return→ returned ─submit→ submitted
    approved ─amend→ submitted   (titles or commitments changed with a reason: approved again; the log keeps both)
    draft, submitted, returned ─withdraw→ withdrawn

The table checks roles on the registration's ``unit_of_record`` (a role on a unit reaches its subtree); the
services add what the table cannot state: a staff member acts only on their own registration, the registrant
never approves it, and a collective registration is approved by the level above (write scope on the parent).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.core.workflow import Transition, Workflow


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Chưa gửi")
    SUBMITTED = "submitted", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Bị trả lại")
    WITHDRAWN = "withdrawn", _("Đã rút")


class RegistrationAction:
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    WITHDRAW = "withdraw"
    AMEND = "amend"


WRITERS = frozenset({Role.OFFICER, Role.HEAD, Role.SYSTEM_ADMIN})
REGISTRANTS = WRITERS | {Role.STAFF}
S, A = RegistrationStatus, RegistrationAction

REGISTRATION = Workflow(
    name="registration",
    field="status",
    states=RegistrationStatus,
    initial=S.DRAFT,
    final={S.WITHDRAWN},
    unit="unit_of_record",
    history="registrations.RegistrationTransition",
    transitions=(
        Transition(A.SUBMIT, {S.DRAFT, S.RETURNED}, S.SUBMITTED, REGISTRANTS, _("gửi đăng ký thi đua"), "registration.submitted"),
        Transition(A.APPROVE, S.SUBMITTED, S.APPROVED, WRITERS, _("duyệt đăng ký thi đua"), "registration.approved"),
        Transition(A.RETURN, S.SUBMITTED, S.RETURNED, WRITERS, _("trả lại đăng ký thi đua"), "registration.returned"),
        Transition(A.AMEND, S.APPROVED, S.SUBMITTED, REGISTRANTS, _("sửa đăng ký thi đua đã duyệt"), "registration.amended"),
        Transition(
            A.WITHDRAW, {S.DRAFT, S.SUBMITTED, S.RETURNED}, S.WITHDRAWN, REGISTRANTS, _("rút đăng ký thi đua"), "registration.withdrawn"
        ),
    ),
)

LIVE = frozenset({S.DRAFT, S.SUBMITTED, S.APPROVED, S.RETURNED})  # everything but withdrawn: counts for "once per title and year"
