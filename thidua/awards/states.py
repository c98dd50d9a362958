"""The life of an award decision: recorded in force; revoked with a reason (DOMAIN §8.6), for good.

    in_force ─revoke→ revoked

Corrections are amendments (``DecisionAmendment``), not states: an amended decision stays in force.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.core.workflow import Transition, Workflow


class DecisionStatus(models.TextChoices):
    IN_FORCE = "in_force", _("Có hiệu lực")
    REVOKED = "revoked", _("Đã hủy bỏ")


class DecisionAction:
    REVOKE = "revoke"


WRITERS = frozenset({Role.OFFICER, Role.HEAD, Role.SYSTEM_ADMIN})  # of the issuing unit (or above it)

DECISION = Workflow(
    name="decision",
    field="status",
    states=DecisionStatus,
    initial=DecisionStatus.IN_FORCE,
    final={DecisionStatus.REVOKED},
    unit="issuer",
    history="awards.DecisionTransition",
    transitions=(
        Transition(
            DecisionAction.REVOKE, DecisionStatus.IN_FORCE, DecisionStatus.REVOKED, WRITERS, _("hủy bỏ quyết định"), "decision.revoked"
        ),
    ),
)
