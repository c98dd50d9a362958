"""Initiatives (sáng kiến): the work, its authors and shares, the unit's initiative council and its score rows,
the recognitions (each one writes the ledger's ``awards.InitiativeRecord`` and links to it) and the rulings on
near-duplicates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import InitiativeScope
from thidua.core.workflow import TransitionRecord

from . import states

OPEN_Q = models.Q(status__in=sorted(states.OPEN))


class Initiative(models.Model):
    Status = states.InitiativeStatus
    workflow = states.INITIATIVE

    title = models.CharField(_("tên sáng kiến"), max_length=500)
    title_folded = models.CharField(max_length=500, editable=False)
    search_key = models.TextField(editable=False, default="")  # folded title + summary + solution (similarity)
    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị áp dụng"), on_delete=models.PROTECT, related_name="initiative_works")
    school_year = models.ForeignKey("years.SchoolYear", verbose_name=_("năm học"), on_delete=models.PROTECT, related_name="+")
    field = models.CharField(_("lĩnh vực"), max_length=200)
    summary = models.TextField(_("tóm tắt"), max_length=5000)
    problem = models.TextField(_("thực trạng, vấn đề cần giải quyết"), max_length=10000, blank=True)
    solution = models.TextField(_("nội dung giải pháp"), max_length=20000)
    results = models.TextField(_("kết quả áp dụng"), max_length=10000, blank=True)
    applied_at = models.CharField(_("nơi áp dụng"), max_length=500, blank=True)
    applied_from = models.DateField(_("áp dụng từ ngày"), null=True, blank=True)
    attachment = models.FileField(_("tệp đính kèm"), upload_to="initiatives/%Y/", blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    scope = models.CharField(_("phạm vi đã công nhận"), max_length=10, choices=InitiativeScope.choices, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-school_year__start_date", "-id"]
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        constraints = [
            models.UniqueConstraint(fields=["unit", "school_year", "title_folded"], condition=OPEN_Q, name="initiative_open_once"),
        ]
        indexes = [models.Index(fields=["unit", "school_year", "id"], name="initiative_unit_year_idx")]

    def __str__(self) -> str:
        return self.title


class InitiativeTransition(TransitionRecord):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("bước thay đổi trạng thái sáng kiến")
        verbose_name_plural = _("lịch sử sáng kiến")


class InitiativeAuthor(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey("people.Person", verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="initiative_authorships")
    share = models.DecimalField(_("tỷ lệ đóng góp (%)"), max_digits=5, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)

    class Meta:
        ordering = ["initiative", "order", "id"]
        verbose_name = _("tác giả sáng kiến")
        verbose_name_plural = _("tác giả sáng kiến")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="initiative_author_once"),
            models.CheckConstraint(condition=models.Q(share__gt=0, share__lte=100), name="initiative_author_share_range"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.share} %)"


class Criterion(models.Model):
    """A line of the initiative criteria sheet (data: novelty within the unit, application, benefit, replicability)."""

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tiêu chí"), max_length=200)
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("tiêu chí chấm sáng kiến")
        verbose_name_plural = _("tiêu chí chấm sáng kiến")

    def __str__(self) -> str:
        return self.name


class InitiativeCouncil(models.Model):
    """The unit's initiative council (Hội đồng sáng kiến) of one school year: its members are people."""

    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="initiative_councils")
    school_year = models.ForeignKey("years.SchoolYear", verbose_name=_("năm học"), on_delete=models.PROTECT, related_name="+")
    decision_number = models.CharField(_("số quyết định thành lập"), max_length=64, blank=True)
    blind = models.BooleanField(_("chấm ẩn danh (ẩn tên tác giả đến khi có kết quả)"), default=False)
    pass_mark = models.DecimalField(_("điểm đạt"), max_digits=5, decimal_places=2, default=50)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-school_year__start_date", "unit__name"]
        verbose_name = _("Hội đồng sáng kiến")
        verbose_name_plural = _("Hội đồng sáng kiến")
        constraints = [models.UniqueConstraint(fields=["unit", "school_year"], name="initiative_council_once")]

    def __str__(self) -> str:
        return f"{self.unit} {self.school_year}"


class CouncilSeat(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chủ tịch")
        SECRETARY = "secretary", _("Thư ký")
        MEMBER = "member", _("Thành viên")

    council = models.ForeignKey(InitiativeCouncil, on_delete=models.CASCADE, related_name="seats")
    person = models.ForeignKey("people.Person", verbose_name=_("thành viên"), on_delete=models.PROTECT, related_name="initiative_seats")
    role = models.CharField(_("chức danh"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["council", "id"]
        verbose_name = _("thành viên Hội đồng sáng kiến")
        verbose_name_plural = _("thành viên Hội đồng sáng kiến")
        constraints = [models.UniqueConstraint(fields=["council", "person"], name="initiative_seat_once")]

    def __str__(self) -> str:
        return str(self.person)


class Score(models.Model):
    """One member's points for one criterion of one initiative: written once, kept (insert-only)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="scores")
    seat = models.ForeignKey(CouncilSeat, on_delete=models.PROTECT, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2)
    comment = models.CharField(_("nhận xét"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "seat", "criterion__order"]
        verbose_name = _("điểm chấm sáng kiến")
        verbose_name_plural = _("điểm chấm sáng kiến")
        constraints = [models.UniqueConstraint(fields=["initiative", "seat", "criterion"], name="initiative_score_once")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"


class Recognition(models.Model):
    """A recognition at one scope, by a decision of the recognising body; ``record`` is the ledger's row it wrote."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="recognitions")
    scope = models.CharField(_("phạm vi"), max_length=10, choices=InitiativeScope.choices)
    body = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị công nhận"), on_delete=models.PROTECT, related_name="+")
    record = models.OneToOneField("awards.InitiativeRecord", on_delete=models.PROTECT, related_name="recognition")
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=64)
    decision_date = models.DateField(_("ngày công nhận"))
    mean_score = models.DecimalField(_("điểm trung bình"), max_digits=6, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "decision_date", "id"]
        verbose_name = _("công nhận sáng kiến")
        verbose_name_plural = _("công nhận sáng kiến")
        constraints = [models.UniqueConstraint(fields=["initiative", "scope"], name="initiative_recognised_once_per_scope")]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} – {self.decision_number}"


class Ruling(models.Model):
    """The recorded ruling on a very close earlier initiative (never an automatic rejection)."""

    class Disposition(models.TextChoices):
        NOT_DUPLICATE = "not_duplicate", _("Không trùng lặp")
        RESUBMITTED = "same_work_resubmitted", _("Cùng sáng kiến, nộp lại")
        POSSIBLE_COPY = "possible_copy", _("Có dấu hiệu sao chép")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="rulings")
    candidate = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    score = models.DecimalField(_("độ tương tự"), max_digits=4, decimal_places=3)
    disposition = models.CharField(_("kết luận"), max_length=24, choices=Disposition.choices)
    note = models.CharField(_("ghi chú"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "-score"]
        verbose_name = _("kết luận về sáng kiến tương tự")
        verbose_name_plural = _("kết luận về sáng kiến tương tự")
        constraints = [models.UniqueConstraint(fields=["initiative", "candidate"], name="initiative_ruling_once")]

    def __str__(self) -> str:
        return self.get_disposition_display()
