"""The life of a review round (đợt bình xét) and of each nomination line in it.

Round:

    draft ─open→ open ─close→ closed
    draft, open ─cancel→ cancelled

Line (design note nominations.md §2; the dossier's checks — accepted, returned, forwarded — are marks of the
line in its dossier, ``dossiers.DossierLine``; the line itself ends decided or refused by the granting unit):

    proposed ─put_on_agenda→ on_agenda ─tally→ passed | passed_lower | failed
    proposed, on_agenda ─withdraw→ withdrawn
    passed, passed_lower ─decide→ decided       (an award of the granting unit's decision)
    passed, passed_lower ─refuse→ refused       (the granting unit's reason, seen by the unit)

A line is created ``proposed`` by a service (there is no "propose" transition: creation writes its own
history row). The tally is taken by the council app through ``services.lines_tallied`` (the chair, who holds
write scope on the unit, or the background worker).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.core.workflow import SYSTEM, Transition, Workflow


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    OPEN = "open", _("Đang bình xét")
    CLOSED = "closed", _("Đã kết thúc bình xét")
    CANCELLED = "cancelled", _("Đã hủy")


class RoundAction:
    OPEN = "open"
    CLOSE = "close"
    CANCEL = "cancel"


class LineState(models.TextChoices):
    PROPOSED = "proposed", _("Đã đề xuất")
    ON_AGENDA = "on_agenda", _("Đưa ra Hội đồng")
    PASSED = "passed", _("Hội đồng thông qua")
    PASSED_LOWER = "passed_lower", _("Thông qua ở mức thấp hơn")
    FAILED = "failed", _("Không đủ phiếu")
    WITHDRAWN = "withdrawn", _("Đã rút khỏi danh sách")
    DECIDED = "decided", _("Đã có quyết định khen thưởng")
    REFUSED = "refused", _("Cấp có thẩm quyền không khen thưởng")


class LineAction:
    PUT_ON_AGENDA = "put_on_agenda"
    ADOPT = "adopt"
    ADOPT_LOWER = "adopt_lower"
    FAIL = "fail"
    WITHDRAW = "withdraw"
    DECIDE = "decide"
    REFUSE = "refuse"


WRITERS = frozenset({Role.OFFICER, Role.HEAD, Role.SYSTEM_ADMIN})
COUNCIL = WRITERS | {Role.COUNCIL_MEMBER}
TALLY = WRITERS | {SYSTEM}
R, RA = RoundStatus, RoundAction
L, LA = LineState, LineAction

ROUND = Workflow(
    name="review_round",
    field="status",
    states=RoundStatus,
    initial=R.DRAFT,
    final={R.CLOSED, R.CANCELLED},
    unit="unit",
    history="nominations.RoundTransition",
    transitions=(
        Transition(RA.OPEN, R.DRAFT, R.OPEN, WRITERS, _("mở đợt bình xét"), "review_round.opened"),
        Transition(RA.CLOSE, R.OPEN, R.CLOSED, WRITERS, _("kết thúc đợt bình xét"), "review_round.closed"),
        Transition(RA.CANCEL, {R.DRAFT, R.OPEN}, R.CANCELLED, WRITERS, _("hủy đợt bình xét"), "review_round.cancelled"),
    ),
)

LINE = Workflow(
    name="nomination_line",
    field="state",
    states=LineState,
    initial=L.PROPOSED,
    final={L.FAILED, L.WITHDRAWN, L.DECIDED, L.REFUSED},
    unit="owner_unit",
    history="nominations.LineTransition",
    transitions=(
        Transition(LA.PUT_ON_AGENDA, L.PROPOSED, L.ON_AGENDA, COUNCIL, _("đưa đề nghị ra Hội đồng"), "nomination_line.on_agenda"),
        Transition(LA.ADOPT, L.ON_AGENDA, L.PASSED, TALLY, _("ghi kết quả thông qua"), "nomination_line.passed"),
        Transition(
            LA.ADOPT_LOWER, L.ON_AGENDA, L.PASSED_LOWER, TALLY, _("ghi kết quả thông qua ở mức thấp hơn"), "nomination_line.passed_lower"
        ),
        Transition(LA.FAIL, L.ON_AGENDA, L.FAILED, TALLY, _("ghi kết quả không đủ phiếu"), "nomination_line.failed"),
        Transition(
            LA.WITHDRAW, {L.PROPOSED, L.ON_AGENDA}, L.WITHDRAWN, WRITERS, _("rút đề nghị khỏi danh sách"), "nomination_line.withdrawn"
        ),
        # Taken by the granting unit's officers (an ancestor of the round's unit: its roles reach the round's unit);
        # the dossier's service checks write scope on the granting unit itself.
        Transition(LA.DECIDE, {L.PASSED, L.PASSED_LOWER}, L.DECIDED, WRITERS, _("ghi quyết định khen thưởng"), "nomination_line.decided"),
        Transition(LA.REFUSE, {L.PASSED, L.PASSED_LOWER}, L.REFUSED, WRITERS, _("ghi không khen thưởng"), "nomination_line.refused"),
    ),
)

EDITABLE = frozenset({R.DRAFT, R.OPEN})  # a round whose lines may still be added or withdrawn
OPEN_LINES = frozenset({L.PROPOSED, L.ON_AGENDA})  # a line still in play (one per subject, title and year)
PASSED = frozenset({L.PASSED, L.PASSED_LOWER})  # lines a dossier may carry up
TALLY_ACTIONS = {"passed": LA.ADOPT, "passed_lower": LA.ADOPT_LOWER, "failed": LA.FAIL}
