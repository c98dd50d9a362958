"""The life of a movement and of each targeted unit's response.

Movement (phong trào thi đua; Luật 2022 Điều 16–18):

    draft ─launch→ launched ─begin_review→ reviewing ─close→ closed
    draft, launched ─cancel→ cancelled

Response of a targeted unit (kế hoạch hưởng ứng), one per responding unit, opened at launch:

    pending ─submit→ submitted ─acknowledge→ acknowledged
                               ─return→ returned ─submit→ submitted

The tables check roles on the object's unit (``Scope.roles_on``: a role on a unit reaches its subtree). A
response's unit is the responding unit, which lies inside the launcher's subtree, so the launcher's officers
hold roles on it too; the services add the checks the tables cannot state: only the launcher's level
acknowledges or returns a response (never the responding unit itself).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.core.workflow import Transition, Workflow


class MovementStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    LAUNCHED = "launched", _("Đã phát động")
    REVIEWING = "reviewing", _("Đang tổng kết")
    CLOSED = "closed", _("Đã kết thúc")
    CANCELLED = "cancelled", _("Đã hủy")


class MovementAction:
    LAUNCH = "launch"
    BEGIN_REVIEW = "begin_review"
    CLOSE = "close"
    CANCEL = "cancel"


class ResponseStatus(models.TextChoices):
    PENDING = "pending", _("Chờ hưởng ứng")
    SUBMITTED = "submitted", _("Đã gửi kế hoạch")
    ACKNOWLEDGED = "acknowledged", _("Đã ghi nhận")
    RETURNED = "returned", _("Trả lại để bổ sung")


class ResponseAction:
    SUBMIT = "submit"
    ACKNOWLEDGE = "acknowledge"
    RETURN = "return"


WRITERS = frozenset({Role.OFFICER, Role.HEAD, Role.SYSTEM_ADMIN})
M, MA = MovementStatus, MovementAction
R, RA = ResponseStatus, ResponseAction

MOVEMENT = Workflow(
    name="movement",
    field="status",
    states=MovementStatus,
    initial=M.DRAFT,
    final={M.CLOSED, M.CANCELLED},
    unit="launcher",
    history="movements.MovementTransition",
    transitions=(
        Transition(MA.LAUNCH, M.DRAFT, M.LAUNCHED, WRITERS, _("phát động phong trào"), "movement.launched"),
        Transition(MA.BEGIN_REVIEW, M.LAUNCHED, M.REVIEWING, WRITERS, _("bắt đầu tổng kết phong trào"), "movement.review_started"),
        Transition(MA.CLOSE, M.REVIEWING, M.CLOSED, WRITERS, _("kết thúc phong trào"), "movement.closed"),
        Transition(MA.CANCEL, {M.DRAFT, M.LAUNCHED}, M.CANCELLED, WRITERS, _("hủy phong trào"), "movement.cancelled"),
    ),
)

RESPONSE = Workflow(
    name="response",
    field="status",
    states=ResponseStatus,
    initial=R.PENDING,
    final={R.ACKNOWLEDGED},
    unit="unit",
    history="movements.ResponseTransition",
    transitions=(
        Transition(RA.SUBMIT, {R.PENDING, R.RETURNED}, R.SUBMITTED, WRITERS, _("gửi kế hoạch hưởng ứng"), "movement_response.submitted"),
        Transition(
            RA.ACKNOWLEDGE, R.SUBMITTED, R.ACKNOWLEDGED, WRITERS, _("ghi nhận kế hoạch hưởng ứng"), "movement_response.acknowledged"
        ),
        Transition(RA.RETURN, R.SUBMITTED, R.RETURNED, WRITERS, _("trả lại kế hoạch hưởng ứng"), "movement_response.returned"),
    ),
)

OPEN = frozenset({M.LAUNCHED, M.REVIEWING})  # a movement units respond to and report on
AWAITING = frozenset({R.PENDING, R.RETURNED})  # a response the unit still owes
