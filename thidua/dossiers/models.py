"""Dossiers (hồ sơ đề nghị khen thưởng): a round's passed lines sent to a receiving unit up the chain.

``Dossier`` is one round × sending unit × receiving unit (a forwarded dossier is sent by the level below, and
names the dossier it came from). ``DossierLine`` is a nomination line in a dossier with its mark (the receiver's
check), the return's reason and field, the sender's answer, and the route (who grants it) as resolved when it was
put in.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.workflow import TransitionRecord

from . import states


class Dossier(models.Model):
    Status = states.DossierStatus
    workflow = states.DOSSIER

    round = models.ForeignKey("nominations.ReviewRound", verbose_name=_("đợt bình xét"), on_delete=models.PROTECT, related_name="dossiers")
    sender = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị gửi"), on_delete=models.PROTECT, related_name="dossiers_sent")
    receiver = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị nhận"), on_delete=models.PROTECT, related_name="dossiers_received")
    forwarded_from = models.ForeignKey(
        "self", verbose_name=_("chuyển từ hồ sơ"), null=True, blank=True, on_delete=models.PROTECT, related_name="forwarded_to"
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    received_on = models.DateField(_("ngày tiếp nhận"), null=True, blank=True)
    due_on = models.DateField(_("hạn xử lý"), null=True, blank=True)
    return_note = models.TextField(_("nội dung trả lại"), blank=True)
    decision = models.ForeignKey(
        "awards.Decision", verbose_name=_("quyết định"), null=True, blank=True, on_delete=models.PROTECT, related_name="dossiers"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        indexes = [models.Index(fields=["receiver", "status"], name="dossier_receiver_status_idx")]

    def __str__(self) -> str:
        return f"{self.round.name} – {self.receiver.name}"

    @property
    def unit(self):
        return self.sender

    @property
    def status_label(self) -> str:
        return self.workflow.label(self.status)


class DossierTransition(TransitionRecord):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("bước xử lý hồ sơ")
        verbose_name_plural = _("quá trình xử lý hồ sơ")


class DossierLine(models.Model):
    Mark = states.LineMark

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="lines")
    line = models.ForeignKey(
        "nominations.NominationLine", verbose_name=_("đề nghị"), on_delete=models.PROTECT, related_name="dossier_lines"
    )
    receiver = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị nhận"), on_delete=models.PROTECT, related_name="+")
    granting = models.ForeignKey("org.OrgUnit", verbose_name=_("cấp khen thưởng"), null=True, on_delete=models.PROTECT, related_name="+")
    route = models.JSONField(_("tuyến trình"), default=dict)
    mark = models.CharField(_("kết quả thẩm định"), max_length=10, choices=Mark.choices, default=Mark.PENDING)
    return_field = models.CharField(_("nội dung cần bổ sung"), max_length=16, choices=states.ReturnField.choices, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    answer = models.TextField(_("trả lời của đơn vị"), blank=True)

    class Meta:
        ordering = ["dossier", "id"]
        verbose_name = _("đề nghị trong hồ sơ")
        verbose_name_plural = _("đề nghị trong hồ sơ")
        constraints = [
            # A line goes to each level once (a forwarded line is a new row in the dossier above).
            models.UniqueConstraint(fields=["line", "receiver"], name="dossier_line_once_per_level"),
        ]

    def __str__(self) -> str:
        return str(self.line)

    @property
    def granted_code(self) -> str:
        return self.line.granted_code or self.line.kind_code

    @property
    def mark_label(self) -> str:
        return self.Mark(self.mark).label

    @property
    def return_field_label(self) -> str:
        return states.ReturnField(self.return_field).label if self.return_field else ""

    @property
    def beyond(self) -> bool:
        """Granted above the dossier's receiver: the receiver forwards it."""
        return self.granting_id is not None and self.granting_id != self.receiver_id
