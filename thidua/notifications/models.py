"""The inbox (``Notification``), e-mail preferences, deadlines and the record of reminders sent.

A ``Deadline`` is whatever has a due date a unit must meet (a movement response, a report, a scoring
submission …): the owning app opens and closes it through ``services.deadline_open`` / ``deadline_close``;
the daily reminder run (``reminders.py``) reads the open ones. ``ReminderSent`` makes each reminder go once
per deadline, recipient and rule, however often the run is repeated.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notification is about (the inbox shows the label, filters by the code)."""

    GENERAL = "general", _("Thông báo")
    MOVEMENT_LAUNCHED = "movement_launched", _("Phong trào thi đua được phát động")
    REGISTRATION_TO_APPROVE = "registration_to_approve", _("Đăng ký thi đua chờ duyệt")
    REGISTRATION_RETURNED = "registration_returned", _("Đăng ký thi đua bị trả lại")
    REGISTRATION_APPROVED = "registration_approved", _("Đăng ký thi đua được duyệt")
    SUBMISSION_RETURNED = "submission_returned", _("Bản tự chấm điểm bị trả lại")
    DEADLINE_REMINDER = "deadline_reminder", _("Nhắc hạn")
    DEADLINE_OVERDUE = "deadline_overdue", _("Quá hạn")
    DEADLINE_ESCALATED = "deadline_escalated", _("Đơn vị cấp dưới quá hạn")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("loại"), max_length=40, choices=Kind.choices, default=Kind.GENERAL)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, help_text=_("Một trang của hệ thống, ví dụ /movements/12/."))
    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    # Set by the e-mail task once the message has gone (a retried task sends nothing twice).
    emailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_inbox")]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """One row per user who changed the default (e-mail on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_enabled = models.BooleanField(_("nhận thông báo qua thư điện tử"), default=True)

    class Meta:
        verbose_name = _("tùy chọn thông báo")
        verbose_name_plural = _("tùy chọn thông báo")

    def __str__(self) -> str:
        return str(self.user)


class Deadline(models.Model):
    """Something a unit must do by ``due_on``: about a row of another app (``target``) or a plain ``label``."""

    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    label = models.CharField(_("nhãn"), max_length=200, blank=True)
    kind = models.CharField(_("loại hạn"), max_length=50)
    title = models.CharField(_("việc phải làm"), max_length=255)
    url = models.CharField(_("đường dẫn"), max_length=500)
    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị thực hiện"), on_delete=models.PROTECT, related_name="deadlines")
    # The organiser (launcher) whose officers hear of it once it is 3 working days overdue.
    escalate_to = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("đơn vị theo dõi"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("hạn"))
    opened_at = models.DateTimeField(_("mở lúc"), default=timezone.now)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("hạn")
        verbose_name_plural = _("hạn")
        indexes = [models.Index(fields=["closed_at", "due_on"], name="deadline_open_due")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "unit"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_deadline_per_target",
            ),
            models.UniqueConstraint(
                fields=["label", "kind", "unit"],
                condition=models.Q(closed_at__isnull=True, content_type__isnull=True),
                name="one_open_labelled_deadline",
            ),
            models.CheckConstraint(
                condition=models.Q(content_type__isnull=False, object_id__isnull=False) | ~models.Q(label=""),
                name="deadline_has_target_or_label",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%d/%m/%Y})"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Rule(models.TextChoices):
    """When a reminder goes (``reminders.rules_for``)."""

    BEFORE_5 = "before_5", _("Còn 5 ngày làm việc")
    BEFORE_2 = "before_2", _("Còn 2 ngày làm việc")
    DUE = "due", _("Đến hạn")
    OVERDUE = "overdue", _("Quá hạn")
    ESCALATED = "escalated", _("Báo đơn vị theo dõi")


class ReminderSent(models.Model):
    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(_("quy tắc"), max_length=20, choices=Rule.choices)
    day = models.DateField(_("ngày gửi"))
    notification = models.ForeignKey(Notification, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("nhắc hạn đã gửi")
        verbose_name_plural = _("nhắc hạn đã gửi")
        constraints = [models.UniqueConstraint(fields=["deadline", "recipient", "rule"], name="reminder_once")]

    def __str__(self) -> str:
        return f"{self.deadline_id} {self.recipient_id} {self.rule}"
