"""The life of an initiative (sáng kiến; design note initiatives-exemplars.md §1).

    draft ─submit→ submitted ─review→ in_review ─recognise→ recognised ─forward→ forwarded ─recognise→ recognised
                                       in_review ─reject→ not_recognised
                                                              forwarded ─decline→ recognised (stays at its scope)
    draft, submitted, in_review ─withdraw→ withdrawn

The table checks roles on the initiative's unit (a role on a unit reaches its subtree); the services add what the
table cannot state: only an author (or an officer of the unit) submits or withdraws, the recognising body may grant
the scope asked for, a very close earlier initiative has a ruling before recognition.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.core.workflow import Transition, Workflow


class InitiativeStatus(models.TextChoices):
    DRAFT = "draft", _("Chưa gửi")
    SUBMITTED = "submitted", _("Đã gửi")
    IN_REVIEW = "in_review", _("Hội đồng đang xét")
    RECOGNISED = "recognised", _("Đã công nhận")
    FORWARDED = "forwarded", _("Đề nghị công nhận cấp trên")
    NOT_RECOGNISED = "not_recognised", _("Không công nhận")
    WITHDRAWN = "withdrawn", _("Đã rút")


class InitiativeAction:
    SUBMIT = "submit"
    REVIEW = "review"
    RECOGNISE = "recognise"
    REJECT = "reject"
    FORWARD = "forward"
    DECLINE = "decline"
    WITHDRAW = "withdraw"


WRITERS = frozenset({Role.OFFICER, Role.HEAD, Role.SYSTEM_ADMIN})
AUTHORS = WRITERS | {Role.STAFF}
S, A = InitiativeStatus, InitiativeAction

INITIATIVE = Workflow(
    name="initiative",
    field="status",
    states=InitiativeStatus,
    initial=S.DRAFT,
    final={S.NOT_RECOGNISED, S.WITHDRAWN},
    unit="unit",
    history="initiatives.InitiativeTransition",
    transitions=(
        Transition(A.SUBMIT, S.DRAFT, S.SUBMITTED, AUTHORS, _("gửi đơn yêu cầu công nhận sáng kiến"), "initiative.submitted"),
        Transition(A.REVIEW, S.SUBMITTED, S.IN_REVIEW, WRITERS, _("đưa sáng kiến ra Hội đồng sáng kiến"), "initiative.put_to_council"),
        Transition(A.RECOGNISE, {S.IN_REVIEW, S.FORWARDED}, S.RECOGNISED, WRITERS, _("công nhận sáng kiến"), "initiative.recognised"),
        Transition(A.REJECT, S.IN_REVIEW, S.NOT_RECOGNISED, WRITERS, _("không công nhận sáng kiến"), "initiative.not_recognised"),
        Transition(
            A.FORWARD, S.RECOGNISED, S.FORWARDED, WRITERS, _("đề nghị công nhận sáng kiến ở phạm vi cao hơn"), "initiative.forwarded"
        ),
        Transition(A.DECLINE, S.FORWARDED, S.RECOGNISED, WRITERS, _("không công nhận ở phạm vi cao hơn"), "initiative.declined_higher"),
        Transition(A.WITHDRAW, {S.DRAFT, S.SUBMITTED, S.IN_REVIEW}, S.WITHDRAWN, AUTHORS, _("rút sáng kiến"), "initiative.withdrawn"),
    ),
)

OPEN = frozenset({S.DRAFT, S.SUBMITTED, S.IN_REVIEW})  # one open submission per (unit, title, year)
DECIDED = frozenset({S.RECOGNISED, S.FORWARDED, S.NOT_RECOGNISED})  # the council's result is known: blind mode ends
