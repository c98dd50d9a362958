"""The life of a dossier (hồ sơ đề nghị khen thưởng) sent up the chain (issue 14 item 4, design nominations.md §4).

    draft ─submit→ submitted ─receive→ received ─check→ checking ─decide→ decided
    submitted ─recall→ draft                      (the sender, before the receiver opens it)
    received, checking ─return→ returned ─resubmit→ submitted   (reasons naming lines and fields; a new receipt
                                                                 restarts the period)
    checking ─forward→ forwarded                   (every accepted line goes on to the level above, in a new
                                                    dossier there linked to this one)

The sender's steps (submit, recall, resubmit) need write scope on the sending unit, the receiver's (receive,
check, return, forward, decide) write scope on the receiving unit: the table's roles are checked on the
sending unit (the workflow's unit, which the receiver's roles reach as its ancestor) and the services check
the side. Each line's check in the dossier is its mark (``LineMark``), changed by the services with an audit
row; it is not a workflow of its own.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.core.workflow import Transition, Workflow


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Đang lập")
    SUBMITTED = "submitted", _("Đã gửi, chờ tiếp nhận")
    RECEIVED = "received", _("Đã tiếp nhận")
    CHECKING = "checking", _("Đang thẩm định")
    RETURNED = "returned", _("Trả lại để bổ sung")
    FORWARDED = "forwarded", _("Đã chuyển lên cấp trên")
    DECIDED = "decided", _("Đã quyết định")


class DossierAction:
    SUBMIT = "submit"
    RECALL = "recall"
    RECEIVE = "receive"
    CHECK = "check"
    RETURN = "return"
    RESUBMIT = "resubmit"
    FORWARD = "forward"
    DECIDE = "decide"


class LineMark(models.TextChoices):
    PENDING = "pending", _("Chờ thẩm định")
    ACCEPTED = "accepted", _("Đồng ý")
    RETURNED = "returned", _("Yêu cầu bổ sung")
    REFUSED = "refused", _("Không đồng ý")
    FORWARDED = "forwarded", _("Chuyển lên cấp trên")
    DECIDED = "decided", _("Đã khen thưởng")


class ReturnField(models.TextChoices):
    """What a return names on a line (the sender knows what to fix)."""

    BASIS = "basis", _("Căn cứ, kết quả đối chiếu tiêu chuẩn")
    JUSTIFICATION = "justification", _("Giải trình tiêu chí chưa đạt")
    REPORT = "report", _("Báo cáo thành tích")
    MINUTES = "minutes", _("Biên bản họp, kết quả kiểm phiếu")
    EVIDENCE = "evidence", _("Minh chứng, sáng kiến")
    TITLE = "title", _("Danh hiệu, hình thức đề nghị")
    OTHER = "other", _("Nội dung khác")


WRITERS = frozenset({Role.OFFICER, Role.HEAD, Role.SYSTEM_ADMIN})
S, A = DossierStatus, DossierAction

SENDER_ACTIONS = frozenset({A.SUBMIT, A.RECALL, A.RESUBMIT})
RECEIVER_ACTIONS = frozenset({A.RECEIVE, A.CHECK, A.RETURN, A.FORWARD, A.DECIDE})

DOSSIER = Workflow(
    name="dossier",
    field="status",
    states=DossierStatus,
    initial=S.DRAFT,
    final={S.FORWARDED, S.DECIDED},
    unit="sender",
    history="dossiers.DossierTransition",
    transitions=(
        Transition(A.SUBMIT, S.DRAFT, S.SUBMITTED, WRITERS, _("gửi hồ sơ"), "dossier.submitted"),
        Transition(A.RECALL, S.SUBMITTED, S.DRAFT, WRITERS, _("rút lại hồ sơ"), "dossier.recalled"),
        Transition(A.RECEIVE, S.SUBMITTED, S.RECEIVED, WRITERS, _("tiếp nhận hồ sơ"), "dossier.received"),
        Transition(A.CHECK, S.RECEIVED, S.CHECKING, WRITERS, _("bắt đầu thẩm định hồ sơ"), "dossier.checking"),
        Transition(A.RETURN, {S.RECEIVED, S.CHECKING}, S.RETURNED, WRITERS, _("trả lại hồ sơ"), "dossier.returned"),
        Transition(A.RESUBMIT, S.RETURNED, S.SUBMITTED, WRITERS, _("gửi lại hồ sơ"), "dossier.resubmitted"),
        Transition(A.FORWARD, S.CHECKING, S.FORWARDED, WRITERS, _("chuyển hồ sơ lên cấp trên"), "dossier.forwarded"),
        Transition(A.DECIDE, S.CHECKING, S.DECIDED, WRITERS, _("quyết định khen thưởng"), "dossier.decided"),
    ),
)

OPEN = frozenset({S.DRAFT, S.SUBMITTED, S.RECEIVED, S.CHECKING, S.RETURNED})
WITH_RECEIVER = frozenset({S.SUBMITTED, S.RECEIVED, S.CHECKING})  # the receiver's queue
