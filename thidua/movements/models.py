"""Emulation movements (phong trào thi đua): the plan a level launches, whom it targets, the responses of the
units below and their sơ kết / tổng kết reports.

Registration, covenants, clusters and scoring (design notes §3–§7) hang off ``Movement`` later: a
registration names its movement, a cluster target is a ``MovementTarget`` with a cluster.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.workflow import TransitionRecord

from . import states


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên")
    CAMPAIGN = "campaign", _("Theo đợt")
    THEMATIC = "thematic", _("Chuyên đề")


class ThematicField(models.TextChoices):
    """The fields of the sector's thematic movements (seed 004 names them)."""

    PRESCHOOL = "preschool", _("Giáo dục mầm non")
    PRIMARY = "primary", _("Giáo dục tiểu học")
    DIGITAL = "digital", _("Ứng dụng công nghệ thông tin, chuyển đổi số")
    GREEN = "green", _("Xây dựng trường học Xanh – Sạch – Đẹp – An toàn")
    TEACHING = "teaching", _("Đổi mới phương pháp dạy học, kiểm tra đánh giá")
    OTHER = "other", _("Lĩnh vực khác")


class Subjects(models.TextChoices):
    BOTH = "both", _("Cá nhân và tập thể")
    INDIVIDUALS = "individuals", _("Cá nhân")
    COLLECTIVES = "collectives", _("Tập thể")


class MilestoneKind(models.TextChoices):
    PHASE_REVIEW = "phase_review", _("Sơ kết")
    FINAL_REVIEW = "final_review", _("Tổng kết")


class Movement(models.Model):
    Status = states.MovementStatus
    Kind = MovementKind
    workflow = states.MOVEMENT

    launcher = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị phát động"), on_delete=models.PROTECT, related_name="movements")
    parent = models.ForeignKey(
        "self", verbose_name=_("hưởng ứng phong trào"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    kind = models.CharField(_("loại phong trào"), max_length=10, choices=MovementKind.choices)
    field = models.CharField(_("lĩnh vực chuyên đề"), max_length=12, choices=ThematicField.choices, blank=True)
    name = models.CharField(_("tên phong trào"), max_length=300)
    slogan = models.CharField(_("khẩu hiệu"), max_length=300, blank=True)
    goals = models.TextField(_("mục đích, yêu cầu"), blank=True)
    content = models.TextField(_("nội dung thi đua"), blank=True)
    criteria = models.TextField(_("tiêu chí thi đua"), blank=True)
    subjects = models.CharField(_("đối tượng thi đua"), max_length=12, choices=Subjects.choices, default=Subjects.BOTH)
    school_year = models.ForeignKey(
        "years.SchoolYear", verbose_name=_("năm học"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(_("thời gian thi đua từ"))
    period_end = models.DateField(_("thời gian thi đua đến"))
    registration_opens = models.DateField(_("mở đăng ký thi đua"), null=True, blank=True)
    registration_closes = models.DateField(_("hạn đăng ký thi đua"), null=True, blank=True)
    phase_review_on = models.DateField(_("ngày sơ kết"), null=True, blank=True)
    final_review_on = models.DateField(_("ngày tổng kết"), null=True, blank=True)
    response_days = models.PositiveSmallIntegerField(_("thời hạn hưởng ứng (ngày làm việc)"), default=10)
    report_days = models.PositiveSmallIntegerField(_("thời hạn gửi báo cáo (ngày làm việc)"), default=5)
    planned_awards = models.ManyToManyField(
        "awards.AwardKind", verbose_name=_("hình thức khen thưởng dự kiến"), blank=True, related_name="movements"
    )
    # "Cấp nào phát động thì cấp đó khen thưởng" (DOMAIN §6.4): fixed from the launcher when saved.
    granting_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("cấp khen thưởng"), on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    granting_authority = models.CharField(_("thẩm quyền khen thưởng"), max_length=500, blank=True)
    plan_document = models.FileField(_("kế hoạch phát động (PDF, DOCX)"), upload_to="movements/%Y/", blank=True)
    plan_document_type = models.CharField(max_length=4, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    launched_on = models.DateField(_("ngày phát động"), null=True, blank=True)
    cancel_reason = models.CharField(_("lý do hủy"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-period_start", "name", "id"]
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        constraints = [
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")), name="movement_period_range"),
            # One regular movement per launcher and school year (a cancelled one does not count).
            models.UniqueConstraint(
                fields=["launcher", "school_year"],
                condition=models.Q(kind="regular") & ~models.Q(status="cancelled"),
                name="one_regular_movement_per_year",
            ),
        ]
        indexes = [models.Index(fields=["status", "launcher"], name="movement_status_launcher_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def phase(self) -> str:
        """What users read as the movement's stage, derived from its status and dates (never stored)."""
        from django.utils import timezone

        today = timezone.localdate()
        if self.status in (self.Status.DRAFT, self.Status.CANCELLED, self.Status.REVIEWING, self.Status.CLOSED):
            return self.get_status_display()
        if self.registration_opens and self.registration_closes and self.registration_opens <= today <= self.registration_closes:
            return str(_("Đang mở đăng ký thi đua"))
        if today < self.period_start:
            return str(_("Chưa bắt đầu"))
        if today > self.period_end:
            return str(_("Hết thời gian thi đua, chờ tổng kết"))
        return str(_("Đang thi đua"))

    def covers(self, day: dt.date) -> bool:
        return self.period_start <= day <= self.period_end


class MovementTransition(TransitionRecord):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("bước thay đổi trạng thái phong trào")
        verbose_name_plural = _("lịch sử trạng thái phong trào")


class MovementTarget(models.Model):
    """A unit the movement is launched to: that unit alone, or with its whole subtree.

    A cluster target (cụm, khối thi đua) comes with clusters: a nullable ``cluster`` key beside ``unit``.
    """

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    include_subtree = models.BooleanField(_("cả các đơn vị trực thuộc"), default=True)

    class Meta:
        ordering = ["movement", "unit__path"]
        verbose_name = _("đối tượng phát động")
        verbose_name_plural = _("đối tượng phát động")
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="movement_target_once")]

    def __str__(self) -> str:
        return self.unit.name


class MovementResponse(models.Model):
    """One targeted unit's answer to a launched movement: its own plan (text, attachment) or a child movement."""

    Status = states.ResponseStatus
    workflow = states.RESPONSE

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="responses")
    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị hưởng ứng"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.PENDING)
    due_on = models.DateField(_("hạn hưởng ứng"))
    text = models.TextField(_("nội dung kế hoạch hưởng ứng"), blank=True)
    attachment = models.FileField(_("kế hoạch hưởng ứng (PDF, DOCX)"), upload_to="movements/responses/%Y/", blank=True)
    attachment_type = models.CharField(max_length=4, blank=True)
    child_movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào phát động lại"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    return_reason = models.CharField(_("lý do trả lại"), max_length=500, blank=True)

    class Meta:
        ordering = ["movement", "unit__path"]
        verbose_name = _("kế hoạch hưởng ứng")
        verbose_name_plural = _("kế hoạch hưởng ứng")
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="movement_response_once")]
        indexes = [models.Index(fields=["unit", "status"], name="movement_response_unit_idx")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.movement}"

    @property
    def overdue(self) -> bool:
        from django.utils import timezone

        return self.status in states.AWAITING and self.due_on < timezone.localdate()


class ResponseTransition(TransitionRecord):
    response = models.ForeignKey(MovementResponse, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("bước thay đổi trạng thái kế hoạch hưởng ứng")
        verbose_name_plural = _("lịch sử kế hoạch hưởng ứng")


class Milestone(models.Model):
    """A sơ kết or tổng kết of a movement: every responding unit reports by ``due_on`` (working days)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("loại"), max_length=12, choices=MilestoneKind.choices)
    held_on = models.DateField(_("ngày sơ kết, tổng kết"))
    due_on = models.DateField(_("hạn gửi báo cáo"))

    class Meta:
        ordering = ["movement", "held_on"]
        verbose_name = _("mốc sơ kết, tổng kết")
        verbose_name_plural = _("mốc sơ kết, tổng kết")
        constraints = [models.UniqueConstraint(fields=["movement", "kind"], name="milestone_kind_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.movement}"


class MovementReport(models.Model):
    """One unit's sơ kết or tổng kết report: text, a few figures, an attachment."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("nội dung báo cáo"))
    figures = models.JSONField(_("số liệu"), default=list, blank=True)  # [[label, value], …]
    attachment = models.FileField(_("tệp báo cáo (PDF, DOCX)"), upload_to="movements/reports/%Y/", blank=True)
    attachment_type = models.CharField(max_length=4, blank=True)
    submitted_on = models.DateField(_("ngày gửi"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["milestone", "unit__path"]
        verbose_name = _("báo cáo sơ kết, tổng kết")
        verbose_name_plural = _("báo cáo sơ kết, tổng kết")
        constraints = [models.UniqueConstraint(fields=["milestone", "unit"], name="movement_report_once")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.milestone}"
