"""Review rounds (đợt bình xét) and their nomination lines (đề nghị): who is proposed for what, on which basis.

A line keeps its basis as the engine gave it when it was proposed: the outcome (verdict, criteria, reasons,
citations), the rule version, the consideration day and the SHA-256 of the facts document the engine read
(``rules.engine.serialize``), so what the council votes on can be checked later against what the engine saw.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.workflow import TransitionRecord
from thidua.rules.engine.titles import BY_CODE

from . import states


def kind_name(code: str) -> str:
    """The title's or form's name as officers write it (never the code)."""
    title = BY_CODE.get(code)
    return title.name if title else code


class RoundKind(models.TextChoices):
    YEAR_END = "year_end", _("Cuối năm học")
    SEMESTER = "semester", _("Học kỳ")
    PHASE_REVIEW = "phase_review", _("Sơ kết phong trào")
    FINAL_REVIEW = "final_review", _("Tổng kết phong trào")
    THEMATIC = "thematic", _("Chuyên đề")
    AD_HOC = "ad_hoc", _("Đột xuất")


MOVEMENT_KINDS = frozenset({RoundKind.PHASE_REVIEW, RoundKind.FINAL_REVIEW, RoundKind.THEMATIC})


class LineSource(models.TextChoices):
    SUGGESTION = "suggestion", _("Theo gợi ý của hệ thống")
    REGISTRATION = "registration", _("Theo đăng ký thi đua")
    MANUAL = "manual", _("Bổ sung trực tiếp")


class ReviewRound(models.Model):
    Status = states.RoundStatus
    Kind = RoundKind
    workflow = states.ROUND

    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị bình xét"), on_delete=models.PROTECT, related_name="review_rounds")
    school_year = models.ForeignKey("years.SchoolYear", verbose_name=_("năm học"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại đợt bình xét"), max_length=12, choices=RoundKind.choices)
    movement = models.ForeignKey(
        "movements.Movement", verbose_name=_("phong trào"), null=True, blank=True, on_delete=models.PROTECT, related_name="review_rounds"
    )
    name = models.CharField(_("tên đợt bình xét"), max_length=300)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    opened_on = models.DateField(_("ngày mở"), null=True, blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    cancel_reason = models.CharField(_("lý do hủy"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-school_year__start_date", "unit__path", "id"]
        verbose_name = _("đợt bình xét")
        verbose_name_plural = _("đợt bình xét")
        constraints = [
            # One year-end round per unit and school year (a cancelled one does not count).
            models.UniqueConstraint(
                fields=["unit", "school_year"],
                condition=models.Q(kind="year_end") & ~models.Q(status="cancelled"),
                name="one_year_end_round",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RoundTransition(TransitionRecord):
    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("bước thay đổi trạng thái đợt bình xét")
        verbose_name_plural = _("lịch sử đợt bình xét")


OPEN_STATES = sorted(str(s) for s in states.OPEN_LINES)  # sorted: a frozenset's order changes per process


class NominationLine(models.Model):
    """One proposal: a person or a collective × a title or form, with its basis."""

    State = states.LineState
    Source = LineSource
    workflow = states.LINE

    round = models.ForeignKey(ReviewRound, verbose_name=_("đợt bình xét"), on_delete=models.CASCADE, related_name="lines")
    school_year = models.ForeignKey("years.SchoolYear", verbose_name=_("năm học"), on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT, related_name="nominations"
    )
    unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT, related_name="nominations"
    )
    kind_code = models.CharField(_("danh hiệu, hình thức"), max_length=32)
    source = models.CharField(_("nguồn đề xuất"), max_length=12, choices=LineSource.choices)
    reason = models.TextField(_("lý do bổ sung"), blank=True)
    justification = models.TextField(_("giải trình tiêu chí chưa đạt"), blank=True)
    verdict = models.CharField(_("kết quả đối chiếu tiêu chuẩn"), max_length=16)
    basis = models.JSONField(_("căn cứ"), default=dict)
    rule_version = models.CharField(_("phiên bản quy tắc"), max_length=80, blank=True)
    facts_sha256 = models.CharField(_("mã băm dữ kiện"), max_length=64, blank=True)
    evaluated_on = models.DateField(_("ngày đối chiếu"))
    state = models.CharField(_("trạng thái"), max_length=14, choices=State.choices, default=State.PROPOSED)
    granted_code = models.CharField(_("danh hiệu được thông qua"), max_length=32, blank=True)
    withdraw_reason = models.TextField(_("lý do rút"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["round", "id"]
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(person__isnull=False) & models.Q(unit__isnull=True))
                | (models.Q(person__isnull=True) & models.Q(unit__isnull=False)),
                name="nomination_one_subject",
            ),
            # One open line per subject, title and school year over every round (design §1).
            models.UniqueConstraint(
                fields=["person", "kind_code", "school_year"],
                condition=models.Q(state__in=OPEN_STATES, person__isnull=False),
                name="one_open_line_per_person",
            ),
            models.UniqueConstraint(
                fields=["unit", "kind_code", "school_year"],
                condition=models.Q(state__in=OPEN_STATES, unit__isnull=False),
                name="one_open_line_per_collective",
            ),
        ]
        indexes = [models.Index(fields=["round", "state"], name="nomination_round_state_idx")]

    def __str__(self) -> str:
        return f"{self.subject_name} – {kind_name(self.kind_code)}"

    @property
    def owner_unit(self):
        """The unit whose roles the workflow checks: the round's."""
        return self.round.unit

    @property
    def subject_name(self) -> str:
        return self.person.full_name if self.person_id else self.unit.name

    @property
    def against_failed(self) -> bool:
        """Proposed although the engine found a criterion not met: the warning shown downstream."""
        return self.verdict == "not_eligible"

    @property
    def kind_label(self) -> str:
        return kind_name(self.kind_code)

    @property
    def granted_label(self) -> str:
        return kind_name(self.granted_code) if self.granted_code else ""

    @property
    def failed_criteria(self) -> list[dict]:
        return [c for c in self.basis.get("criteria", []) if c.get("status") == "not_met"]


class LineTransition(TransitionRecord):
    line = models.ForeignKey(NominationLine, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("bước thay đổi trạng thái đề nghị")
        verbose_name_plural = _("lịch sử đề nghị")


class LineComment(models.Model):
    """A comment on a line during the round: by the person proposed (on their own line) or by the unit's officers."""

    line = models.ForeignKey(NominationLine, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người góp ý"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("nội dung góp ý"))
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        ordering = ["line", "created_at", "id"]
        verbose_name = _("góp ý về đề nghị")
        verbose_name_plural = _("góp ý về đề nghị")

    def __str__(self) -> str:
        return f"{self.line} – {self.text[:40]}"
