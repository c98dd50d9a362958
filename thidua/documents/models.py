"""Generated documents kept as files (the copy of record once a dossier is submitted).

Rendering on demand (``registration_list.pdf(data)`` …) writes nothing; ``services.document_keep`` stores
the bytes with their SHA-256 when a workflow needs the exact paper it sent. Rows are insert-only.

The owner is a generic link (content type + id) rather than one foreign key per owner: the owners live in
apps that are still being written (registrations, dossiers, council sessions, decisions, movements), and a
document row must not make ``documents`` import each of them nor need a migration for every new owner.
The unit the paper belongs to is an explicit foreign key, because scoping and the audit log need it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    REGISTRATION_LIST = "registration_list", _("Bản đăng ký thi đua")
    DECISION = "decision", _("Quyết định khen thưởng kèm danh sách")
    SUBMISSION = "submission", _("Tờ trình đề nghị khen thưởng")
    NOMINEE_LIST = "nominee_list", _("Danh sách trích ngang")
    ACHIEVEMENT_REPORT = "achievement_report", _("Báo cáo thành tích")
    PAPER_BUNDLE = "paper_bundle", _("Bộ hồ sơ văn bản của đợt bình xét")


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    ZIP = "zip", "ZIP"


class GeneratedDocument(models.Model):
    kind = models.CharField(_("loại văn bản"), max_length=40, choices=DocumentKind.choices)
    fmt = models.CharField(_("định dạng"), max_length=8, choices=FileFormat.choices)
    owner_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    owner_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("owner_type", "owner_id")
    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("tệp"), upload_to="documents/", max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("văn bản đã lưu")
        verbose_name_plural = _("văn bản đã lưu")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["owner_type", "owner_id", "kind", "fmt", "sha256"], name="document_kept_once"),
        ]
        indexes = [models.Index(fields=["owner_type", "owner_id", "kind"], name="document_owner_idx")]

    def __str__(self) -> str:
        # No short hash: twelve hex digits read as words on the audit page; the full SHA-256 is on the row.
        return f"{self.get_kind_display()} ({self.fmt.upper()})"
