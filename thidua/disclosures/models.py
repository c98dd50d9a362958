"""Public disclosure (công khai) of a review round's proposed lines, the staff's remarks on it, and the round's
paper bundle (tờ trình, danh sách trích ngang, báo cáo thành tích) built in the background.

Luật Thi đua, khen thưởng 2022 Điều 84 khoản 5: candidates are publicised before the decision. The duration is
not fixed by law (DOMAIN §8.4 ❓): ``settings.THIDUA_DISCLOSURE_DAYS`` working days by default, chosen per
disclosure by the officer. A disclosure copies, when published, the name, unit and title of each line it
shows (``DisclosedLine``): the public page reads only these three columns, never the person.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Disclosure(models.Model):
    round = models.ForeignKey(
        "nominations.ReviewRound", verbose_name=_("đợt bình xét"), on_delete=models.PROTECT, related_name="disclosures"
    )
    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị công khai"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tiêu đề"), max_length=300)
    note = models.TextField(_("ghi chú"), blank=True)
    starts_on = models.DateField(_("công khai từ ngày"))
    ends_on = models.DateField(_("công khai đến hết ngày"))
    days = models.PositiveSmallIntegerField(_("số ngày làm việc công khai"))
    public = models.BooleanField(_("công khai cả trên trang không cần đăng nhập"), default=False)
    token = models.CharField(max_length=48, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("đợt công khai")
        verbose_name_plural = _("đợt công khai")

    def __str__(self) -> str:
        return self.title

    def is_running(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.starts_on <= day <= self.ends_on


class DisclosedLine(models.Model):
    """One line as shown: name, unit and title copied when published (what the public page may print)."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="entries")
    line = models.ForeignKey("nominations.NominationLine", on_delete=models.PROTECT, related_name="disclosed")
    name = models.CharField(_("họ và tên, tên tập thể"), max_length=300)
    unit_name = models.CharField(_("đơn vị"), max_length=300, blank=True)
    title = models.CharField(_("danh hiệu, hình thức đề nghị"), max_length=300)

    class Meta:
        ordering = ["disclosure", "id"]
        constraints = [models.UniqueConstraint(fields=["disclosure", "line"], name="disclosed_line_once")]

    def __str__(self) -> str:
        return f"{self.name} – {self.title}"


class RemarkKind(models.TextChoices):
    COMMENT = "comment", _("Góp ý")
    OBJECTION = "objection", _("Phản ánh, kiến nghị")


class Remark(models.Model):
    """A comment or an objection of a reader; an objection names a line and is answered by the unit's officer."""

    Kind = RemarkKind

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="remarks")
    entry = models.ForeignKey(
        DisclosedLine, verbose_name=_("đề nghị"), null=True, blank=True, on_delete=models.CASCADE, related_name="remarks"
    )
    kind = models.CharField(_("loại ý kiến"), max_length=10, choices=RemarkKind.choices)
    text = models.TextField(_("nội dung"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)
    answer = models.TextField(_("trả lời"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người trả lời"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)

    class Meta:
        ordering = ["disclosure", "created_at", "id"]
        verbose_name = _("ý kiến về danh sách công khai")
        verbose_name_plural = _("ý kiến về danh sách công khai")
        constraints = [
            models.CheckConstraint(condition=~models.Q(kind="objection") | models.Q(entry__isnull=False), name="objection_names_a_line"),
        ]
        indexes = [models.Index(fields=["entry", "kind", "answered_at"], name="remark_open_objection_idx")]

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def unanswered(self) -> bool:
        return self.kind == RemarkKind.OBJECTION and self.answered_at is None


class PaperBundle(models.Model):
    """The round's papers as one DOCX zip and one PDF, built by a background task with progress.

    Progress is ``done`` of ``total`` steps (each paper, then the two files); the state is read from the
    timestamps (queued, running, finished, failed), not a workflow status: nobody moves it but the task."""

    round = models.ForeignKey("nominations.ReviewRound", on_delete=models.PROTECT, related_name="paper_bundles")
    total = models.PositiveIntegerField(_("số bước"), default=0)
    done = models.PositiveIntegerField(_("số bước đã xong"), default=0)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    failure = models.CharField(_("lỗi"), max_length=500, blank=True)
    pages = models.PositiveIntegerField(_("số trang"), null=True, blank=True)
    zip_document = models.ForeignKey("documents.GeneratedDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    pdf_document = models.ForeignKey("documents.GeneratedDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("bộ hồ sơ văn bản")
        verbose_name_plural = _("bộ hồ sơ văn bản")

    def __str__(self) -> str:
        return f"{self.round} ({self.done}/{self.total})"

    @property
    def state(self) -> str:
        if self.failure:
            return "failed"
        if self.finished_at:
            return "finished"
        return "running" if self.started_at else "queued"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0
