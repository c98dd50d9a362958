"""Excel imports of historic data: one batch per uploaded file, validated (dry run) then committed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.workflow import TransitionRecord

from . import states


class ImportKind(models.TextChoices):
    STAFF = "staff", _("Danh sách cán bộ")
    RATINGS = "ratings", _("Xếp loại hằng năm")
    AWARDS = "awards", _("Khen thưởng")
    INITIATIVES = "initiatives", _("Sáng kiến")


class ImportBatch(models.Model):
    Status = states.BatchStatus
    workflow = states.BATCH  # the status changes only through ``core.workflow.transition``

    kind = models.CharField(_("loại dữ liệu"), max_length=12, choices=ImportKind.choices)
    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="import_batches")
    file = models.FileField(_("tệp Excel"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    # The hash of the stored file as the dry run read it; the commit refuses a file that no longer matches.
    checked_sha256 = models.CharField(max_length=64, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    # Sheet, header row and the chosen resolutions; the row-by-row report itself is ``ImportRow``.
    report = models.JSONField(_("báo cáo"), default=dict, blank=True)
    summary = models.JSONField(_("tóm tắt"), default=dict, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("lần nhập dữ liệu")
        verbose_name_plural = _("các lần nhập dữ liệu")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.original_name}"


class ImportBatchTransition(TransitionRecord):
    """One step of a batch's life (``states.BATCH``): shown on the batch's page."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("bước xử lý lần nhập")
        verbose_name_plural = _("lịch sử xử lý lần nhập")


class ImportRow(models.Model):
    """One line of a batch's row-by-row report, kept apart from the batch so that polling the batch
    reads a few bytes and a page of the report reads one page (a 100,000-row report is megabytes)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField()  # order in the report: errors, ambiguous, create, exists; then by row
    row = models.PositiveIntegerField(_("dòng"))
    status = models.CharField(_("kết quả"), max_length=12)
    data = models.JSONField(default=dict)  # {row, status, text, errors: [{column, reason, message}], candidates}

    class Meta:
        ordering = ["batch", "position"]
        verbose_name = _("dòng báo cáo nhập")
        verbose_name_plural = _("các dòng báo cáo nhập")
        constraints = [models.UniqueConstraint(fields=["batch", "position"], name="import_row_position_once")]
        indexes = [models.Index(fields=["batch", "status", "position"], name="import_row_status_idx")]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.row} {self.status}"
