"""The life of a scoring round and of each member's submission.

Round:       open ─publish→ published ─correct→ published ─close→ closed
Submission:  draft ─submit→ submitted ─review→ in_review ─approve→ ready
                            submitted, in_review ─return→ returned ─answer→ submitted
             submitted ─approve→ ready

A return names the criteria to revise (``RevisionRequest``); only those are editable until the unit answers.
Publishing needs no submission submitted, in review or returned; drafts are listed as "không nộp".
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.core.workflow import Transition, Workflow


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Đang chấm điểm")
    PUBLISHED = "published", _("Đã công bố kết quả")
    CLOSED = "closed", _("Đã kết thúc")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Đang tự chấm")
    SUBMITTED = "submitted", _("Đã nộp")
    IN_REVIEW = "in_review", _("Đang thẩm định")
    RETURNED = "returned", _("Trả lại để chấm lại")
    READY = "ready", _("Đã thẩm định xong")


WRITERS = frozenset({Role.OFFICER, Role.HEAD, Role.SYSTEM_ADMIN})
# Submissions still in the reviewers' hands: a round cannot be published while one is.
OPEN_SUBMISSIONS = (SubmissionStatus.SUBMITTED, SubmissionStatus.IN_REVIEW, SubmissionStatus.RETURNED)

ROUND = Workflow(
    name="scoring_round",
    field="status",
    states=RoundStatus,
    initial=RoundStatus.OPEN,
    final={RoundStatus.CLOSED},
    unit="organiser",
    history="scoring.RoundTransition",
    transitions=(
        Transition("publish", RoundStatus.OPEN, RoundStatus.PUBLISHED, WRITERS, _("công bố kết quả"), "scoring.published"),
        Transition("correct", RoundStatus.PUBLISHED, RoundStatus.PUBLISHED, WRITERS, _("đính chính kết quả"), "scoring.corrected"),
        Transition("close", RoundStatus.PUBLISHED, RoundStatus.CLOSED, WRITERS, _("kết thúc đợt chấm"), "scoring.round_closed"),
    ),
)

S = SubmissionStatus
SUBMISSION = Workflow(
    name="submission",
    field="status",
    states=SubmissionStatus,
    initial=S.DRAFT,
    final={S.READY},
    unit="unit",
    history="scoring.SubmissionTransition",
    transitions=(
        Transition("submit", S.DRAFT, S.SUBMITTED, WRITERS, _("nộp bảng tự chấm"), "scoring.submitted"),
        Transition("review", S.SUBMITTED, S.IN_REVIEW, WRITERS, _("bắt đầu thẩm định"), "scoring.review_started"),
        Transition("return", {S.SUBMITTED, S.IN_REVIEW}, S.RETURNED, WRITERS, _("trả lại để chấm lại"), "scoring.returned"),
        Transition("answer", S.RETURNED, S.SUBMITTED, WRITERS, _("nộp lại sau khi chấm lại"), "scoring.answered"),
        Transition("approve", {S.SUBMITTED, S.IN_REVIEW}, S.READY, WRITERS, _("duyệt kết quả thẩm định"), "scoring.approved"),
    ),
)

TIER_LABELS = {
    "self": _("Tự chấm"),
    "peer": _("Chấm chéo"),
    "leader": _("Cụm trưởng chấm"),
    "organiser": _("Đơn vị tổ chức thẩm định"),
    "council": _("Hội đồng thi đua"),
}
