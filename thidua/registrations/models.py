"""Registrations (đăng ký thi đua): what a staff member or a collective aims for in a movement's school year.

A registration names its movement and year, its subject (a person XOR a unit: a collective), the unit it is
filed under (``unit_of_record``: the school a person works in, or the collective itself), the titles and forms
aimed for (``RegistrationTarget``, catalogue entries of the right subject) and the commitments (``Commitment``,
chosen from the unit's list, ``CommitmentOption``, or written freely). Who typed it is kept (``entered_by``):
an officer registering on a teacher's behalf is recorded as such.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.workflow import TransitionRecord

from . import states

LIVE_Q = ~models.Q(status=states.RegistrationStatus.WITHDRAWN)


class Registration(models.Model):
    Status = states.RegistrationStatus
    workflow = states.REGISTRATION

    movement = models.ForeignKey(
        "movements.Movement", verbose_name=_("phong trào thi đua"), on_delete=models.PROTECT, related_name="registrations"
    )
    school_year = models.ForeignKey("years.SchoolYear", verbose_name=_("năm học"), on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT, related_name="registrations"
    )
    unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT, related_name="collective_registrations"
    )
    unit_of_record = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="registrations")
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    late = models.BooleanField(_("đăng ký muộn"), default=False)
    late_reason = models.CharField(_("lý do đăng ký muộn"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf = models.BooleanField(_("cán bộ đăng ký thay"), default=False)
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người duyệt"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("thời điểm duyệt"), null=True, blank=True)
    return_reason = models.CharField(_("lý do trả lại"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit_of_record__path", "id"]
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(person__isnull=False, unit__isnull=True) | models.Q(person__isnull=True, unit__isnull=False)),
                name="registration_person_xor_unit",
            ),
            models.UniqueConstraint(
                fields=["movement", "person"], condition=LIVE_Q & models.Q(person__isnull=False), name="registration_once_per_person"
            ),
            models.UniqueConstraint(
                fields=["movement", "unit"], condition=LIVE_Q & models.Q(unit__isnull=False), name="registration_once_per_unit"
            ),
        ]
        indexes = [
            models.Index(fields=["unit_of_record", "movement", "id"], name="registration_unit_idx"),
            models.Index(fields=["person", "school_year"], name="registration_person_year_idx"),
        ]

    def __str__(self) -> str:
        subject = self.person.full_name if self.person_id else self.unit.name
        return f"{subject} – {self.school_year.code}"

    @property
    def is_collective(self) -> bool:
        return self.unit_id is not None

    @property
    def subject_name(self) -> str:
        return self.unit.name if self.unit_id else self.person.full_name


class RegistrationTransition(TransitionRecord):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("bước thay đổi trạng thái đăng ký thi đua")
        verbose_name_plural = _("lịch sử đăng ký thi đua")


class RegistrationTarget(models.Model):
    """A title or form aimed for: the catalogue entry in force when registered (its code is stable across regimes)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="targets")
    kind = models.ForeignKey("awards.AwardKind", verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT, related_name="+")
    kind_code = models.CharField(_("mã"), max_length=32)

    class Meta:
        ordering = ["registration", "id"]
        verbose_name = _("danh hiệu đăng ký")
        verbose_name_plural = _("danh hiệu đăng ký")
        constraints = [models.UniqueConstraint(fields=["registration", "kind_code"], name="registration_target_once")]
        indexes = [models.Index(fields=["kind_code", "registration"], name="registration_target_code_idx")]

    def __str__(self) -> str:
        return self.kind.name


class CommitmentOption(models.Model):
    """One line of a unit's commitment list for a school year (cam kết chất lượng the unit proposes)."""

    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="commitment_options")
    school_year = models.ForeignKey("years.SchoolYear", verbose_name=_("năm học"), on_delete=models.PROTECT, related_name="+")
    text = models.CharField(_("nội dung cam kết"), max_length=500)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    retired_at = models.DateTimeField(
        _("ngừng dùng từ"), null=True, blank=True, help_text=_("Không còn đưa vào mẫu đăng ký; các đăng ký đã chọn vẫn giữ cam kết này.")
    )

    class Meta:
        ordering = ["unit", "school_year", "order", "id"]
        verbose_name = _("cam kết của đơn vị")
        verbose_name_plural = _("danh sách cam kết của đơn vị")
        constraints = [models.UniqueConstraint(fields=["unit", "school_year", "text"], name="commitment_option_once")]

    def __str__(self) -> str:
        return self.text


class Commitment(models.Model):
    """A commitment of a registration (cam kết chất lượng): a line of the unit's list or free text."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="commitments")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    option = models.ForeignKey(CommitmentOption, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.CharField(_("nội dung cam kết"), max_length=500)
    indicator = models.CharField(_("chỉ tiêu"), max_length=200, blank=True)
    target_value = models.CharField(_("mức phấn đấu"), max_length=100, blank=True)

    class Meta:
        ordering = ["registration", "order", "id"]
        verbose_name = _("cam kết")
        verbose_name_plural = _("cam kết")

    def __str__(self) -> str:
        return self.text


class RegistrationListSent(models.Model):
    """A unit's consolidated list of approved registrations in a movement, sent to the level above (bản đăng ký thi
    đua gửi cấp trên): the paper form's data as sent (``snapshot``), who sent it and when. Sending again replaces it
    (the audit log keeps each sending)."""

    movement = models.ForeignKey("movements.Movement", verbose_name=_("phong trào thi đua"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị gửi"), on_delete=models.PROTECT, related_name="registration_lists_sent")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("thời điểm gửi"))
    count = models.PositiveIntegerField(_("số đăng ký"))
    snapshot = models.JSONField(_("nội dung bản đăng ký"))

    class Meta:
        ordering = ["movement", "unit__path"]
        verbose_name = _("bản đăng ký thi đua gửi cấp trên")
        verbose_name_plural = _("bản đăng ký thi đua gửi cấp trên")
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="registration_list_sent_once")]

    def __str__(self) -> str:
        return f"{self.unit_id} – {self.movement_id}"
