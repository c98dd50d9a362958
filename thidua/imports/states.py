"""The life of an import batch: uploaded, checked by the worker (the dry run), then written on request.

    pending ─validate→ validating ─accept→ validated ─request_commit→ committing ─commit→ committed
                                  ─reject→ invalid                               ─retry→ validated
                                  ─fail→ failed                                  ─reject→ invalid
                                                                                 ─fail→ failed

The worker (``SYSTEM``) runs the dry run and reports how a commit ended; a person with write access to
the batch's unit asks for the commit, and the commit itself is written in that person's name.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.core.workflow import SYSTEM, Transition, Workflow


class BatchStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ kiểm tra")
    VALIDATING = "validating", _("Đang kiểm tra")
    VALIDATED = "validated", _("Đã kiểm tra, chờ ghi")
    INVALID = "invalid", _("Có lỗi, không thể ghi")
    COMMITTING = "committing", _("Đang ghi dữ liệu")
    COMMITTED = "committed", _("Đã ghi dữ liệu")
    FAILED = "failed", _("Thất bại")


class BatchAction:
    VALIDATE = "validate"
    ACCEPT = "accept"
    REJECT = "reject"
    FAIL = "fail"
    REQUEST_COMMIT = "request_commit"
    COMMIT = "commit"
    RETRY = "retry"


S, A = BatchStatus, BatchAction
WRITERS = frozenset({Role.OFFICER, Role.HEAD, Role.SYSTEM_ADMIN})
WORKER = frozenset({SYSTEM})

BATCH = Workflow(
    name="import",
    field="status",
    states=BatchStatus,
    initial=S.PENDING,
    final={S.COMMITTED, S.INVALID, S.FAILED},
    unit="unit",
    history="imports.ImportBatchTransition",
    transitions=(
        # A dry run interrupted (the worker stopped) starts again from "validating".
        Transition(A.VALIDATE, {S.PENDING, S.VALIDATING}, S.VALIDATING, WORKER, _("bắt đầu kiểm tra"), "import.validation_started"),
        Transition(A.ACCEPT, S.VALIDATING, S.VALIDATED, WORKER, _("kiểm tra xong"), "import.validated"),
        Transition(A.REJECT, {S.VALIDATING, S.COMMITTING}, S.INVALID, WORKER, _("từ chối tệp"), "import.rejected"),
        Transition(A.FAIL, {S.VALIDATING, S.COMMITTING}, S.FAILED, WORKER, _("ghi nhận lỗi hệ thống"), "import.failed"),
        Transition(A.REQUEST_COMMIT, S.VALIDATED, S.COMMITTING, WRITERS, _("yêu cầu ghi dữ liệu"), "import.commit_requested"),
        Transition(A.COMMIT, S.COMMITTING, S.COMMITTED, WRITERS, _("ghi dữ liệu"), "import.committed"),
        # The commit met a concurrent change (or a refusal it can recover from): the batch may be committed again.
        Transition(A.RETRY, S.COMMITTING, S.VALIDATED, WORKER, _("trả lại để ghi lại"), "import.commit_retry"),
    ),
)
