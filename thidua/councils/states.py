"""The life of a council, of its sessions and of each ballot item.

Council (Hội đồng TĐKT, one per unit and school year, DOMAIN §8.3):

    draft ─activate→ active ─dissolve→ dissolved

Session (phiên họp):

    scheduled ─open→ open ─close→ closed
    scheduled ─cancel→ cancelled

Ballot item (one subject and title on the agenda):

    open ─tally→ tallied
    open ─withdraw→ withdrawn

The tables check roles on the council's unit (officers, heads, admins: the principal chairs and holds ``head``);
the services add what a table cannot state: members cast as themselves, the secretary enters written votes,
the chair confirms them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.core.workflow import Transition, Workflow


class CouncilStatus(models.TextChoices):
    DRAFT = "draft", _("Đang lập")
    ACTIVE = "active", _("Đang hoạt động")
    DISSOLVED = "dissolved", _("Đã giải thể")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Đã lên lịch")
    OPEN = "open", _("Đang họp")
    CLOSED = "closed", _("Đã kết thúc")
    CANCELLED = "cancelled", _("Đã hủy")


class ItemStatus(models.TextChoices):
    OPEN = "open", _("Đang bỏ phiếu")
    TALLIED = "tallied", _("Đã kiểm phiếu")
    WITHDRAWN = "withdrawn", _("Đã rút")


WRITERS = frozenset({Role.OFFICER, Role.HEAD, Role.SYSTEM_ADMIN})
C, S, IS = CouncilStatus, SessionStatus, ItemStatus

COUNCIL = Workflow(
    name="council",
    field="status",
    states=CouncilStatus,
    initial=C.DRAFT,
    final={C.DISSOLVED},
    unit="unit",
    history="councils.CouncilTransition",
    transitions=(
        Transition("activate", C.DRAFT, C.ACTIVE, WRITERS, _("đưa Hội đồng vào hoạt động"), "council.activated"),
        Transition("dissolve", {C.DRAFT, C.ACTIVE}, C.DISSOLVED, WRITERS, _("giải thể Hội đồng"), "council.dissolved"),
    ),
)

SESSION = Workflow(
    name="session",
    field="status",
    states=SessionStatus,
    initial=S.SCHEDULED,
    final={S.CLOSED, S.CANCELLED},
    unit="unit",
    history="councils.SessionTransition",
    transitions=(
        Transition("open", S.SCHEDULED, S.OPEN, WRITERS, _("khai mạc phiên họp"), "council_session.opened"),
        Transition("close", S.OPEN, S.CLOSED, WRITERS, _("kết thúc phiên họp"), "council_session.closed"),
        Transition("cancel", S.SCHEDULED, S.CANCELLED, WRITERS, _("hủy phiên họp"), "council_session.cancelled"),
    ),
)

ITEM = Workflow(
    name="ballot_item",
    field="status",
    states=ItemStatus,
    initial=IS.OPEN,
    final={IS.TALLIED, IS.WITHDRAWN},
    unit="unit",
    history="councils.ItemTransition",
    transitions=(
        Transition("tally", IS.OPEN, IS.TALLIED, WRITERS, _("kiểm phiếu"), "ballot_item.tallied"),
        Transition("withdraw", IS.OPEN, IS.WITHDRAWN, WRITERS, _("rút nội dung khỏi chương trình"), "ballot_item.withdrawn"),
    ),
)
