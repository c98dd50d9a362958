"""The catalogue of titles and forms, award decisions, and the records the achievement ledger reads.

Catalogue entries are data (seeded by migration 0002 from ``catalogue.py``) per legal regime, with the
citation and the DOMAIN status tag, so users see what is confirmed. A used entry is never edited in
place: a correction is a new version (``supersedes``). Decisions are corrected only by a recorded
amendment or revoked with a reason (DOMAIN §8.6), never silently edited.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.workflow import TransitionRecord
from thidua.rules.engine.facts import MERIT_TYPES as ENGINE_MERIT_TYPES

from . import authority, states


class SourceStatus(models.TextChoices):
    CONFIRMED = "confirmed", "✅"
    PARTIAL = "partial", "⚠️"
    UNCONFIRMED = "unconfirmed", "❓"


class LegalRegime(models.Model):
    """A rule set in force for a period (DOMAIN §1, §14.1): the old law, the 2022 law with NĐ 98, then NĐ 152."""

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    citation = models.CharField(_("căn cứ"), max_length=255)

    class Meta:
        ordering = ["effective_from"]
        verbose_name = _("chế độ pháp lý")
        verbose_name_plural = _("chế độ pháp lý")

    def __str__(self) -> str:
        return self.name

    def covers(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


class Subject(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")


class Category(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class Level(models.TextChoices):
    UNIT = "unit", _("Cơ sở")
    PROVINCE_MINISTRY = "province_ministry", _("Bộ, ngành, tỉnh")
    NATIONAL = "national", _("Toàn quốc, Nhà nước")


class AwardKind(models.Model):
    """One title or form under one regime (one version of it)."""

    code = models.SlugField(_("mã"), max_length=32, help_text=_("Ổn định giữa các chế độ, ví dụ LDTT, CSTDCS"))
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    regime = models.ForeignKey(LegalRegime, verbose_name=_("chế độ"), on_delete=models.PROTECT, related_name="kinds")
    name = models.CharField(_("tên"), max_length=200)
    abbreviation = models.CharField(_("viết tắt"), max_length=32, blank=True)
    aliases = models.JSONField(_("tên gọi khác"), default=list, blank=True, help_text=_("Dùng khi nhập Excel"))
    subject = models.CharField(_("đối tượng"), max_length=12, choices=Subject.choices)
    category = models.CharField(_("loại"), max_length=8, choices=Category.choices)
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices)
    rank = models.PositiveSmallIntegerField(_("thứ bậc"), help_text=_("Cao hơn là mức khen cao hơn"))
    citation = models.CharField(_("căn cứ"), max_length=255)
    coefficient = models.DecimalField(_("hệ số tiền thưởng"), max_digits=5, decimal_places=2, null=True, blank=True)
    coefficient_citation = models.CharField(_("căn cứ tiền thưởng"), max_length=255, blank=True)
    status = models.CharField(_("mức xác nhận"), max_length=12, choices=SourceStatus.choices)
    status_note = models.CharField(_("ghi chú xác nhận"), max_length=500, blank=True)
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    supersedes = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by")
    is_current = models.BooleanField(_("phiên bản hiện hành"), default=True)

    class Meta:
        ordering = ["regime__effective_from", "subject", "rank"]
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh mục danh hiệu, hình thức khen thưởng")
        constraints = [
            models.UniqueConstraint(fields=["code", "regime", "version"], name="award_kind_version_once"),
            models.UniqueConstraint(fields=["code", "regime"], condition=models.Q(is_current=True), name="one_current_award_kind"),
        ]

    def __str__(self) -> str:
        return self.name

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def grants(self) -> list[authority.Grant]:
        """Who may decide this entry during its validity (the one table in ``authority.py``)."""
        return authority.grants_for(self.code, start=self.valid_from, end=self.valid_to)

    @property
    def authority(self) -> str:
        return authority.describe(self.code, start=self.valid_from, end=self.valid_to)


class BaseSalary(models.Model):
    """Mức lương cơ sở with its effective date (DOMAIN §1 row 17)."""

    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng)"))
    effective_from = models.DateField(_("áp dụng từ"), unique=True)
    citation = models.CharField(_("căn cứ"), max_length=200)
    status = models.CharField(_("mức xác nhận"), max_length=12, choices=SourceStatus.choices)

    class Meta:
        ordering = ["effective_from"]
        verbose_name = _("lương cơ sở")
        verbose_name_plural = _("lương cơ sở")

    def __str__(self) -> str:
        return f"{self.amount:,} ({self.effective_from:%d/%m/%Y})".replace(",", ".")


class AwardType(models.TextChoices):
    """Loại hình khen thưởng (Luật 2022 Điều 8)."""

    ANNUAL = "annual", _("Thường xuyên (công trạng)")
    CAMPAIGN = "campaign", _("Phong trào thi đua theo đợt")
    THEMATIC = "thematic", _("Chuyên đề")
    AD_HOC = "ad_hoc", _("Đột xuất")
    CAREER = "career", _("Quá trình cống hiến")
    SENIORITY = "seniority", _("Theo niên hạn")


# Types whose results may feed merit chains (NĐ 152/2025 Điều 4 khoản 3 excludes ad-hoc and thematic): the
# engine's set, the one its chains read.
MERIT_TYPES = frozenset(AwardType(t) for t in ENGINE_MERIT_TYPES)


class Decision(models.Model):
    Status = states.DecisionStatus
    workflow = states.DECISION  # the status changes only through ``core.workflow.transition``

    number = models.CharField(_("số quyết định"), max_length=64)
    decision_date = models.DateField(_("ngày quyết định"))
    issuer = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="decisions")
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    award_type = models.CharField(_("loại hình khen thưởng"), max_length=12, choices=AwardType.choices)
    period_start = models.DateField(_("thời gian lập thành tích từ"), null=True, blank=True)
    period_end = models.DateField(_("thời gian lập thành tích đến"), null=True, blank=True)
    school_year = models.ForeignKey(
        "years.SchoolYear", verbose_name=_("năm học"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    regime = models.ForeignKey(LegalRegime, verbose_name=_("chế độ áp dụng"), on_delete=models.PROTECT, related_name="decisions")
    title = models.CharField(_("trích yếu"), max_length=255, blank=True)
    scan = models.FileField(_("bản quét quyết định đã ký"), upload_to="decisions/%Y/", blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.IN_FORCE)
    revoked_reason = models.CharField(_("lý do hủy bỏ"), max_length=500, blank=True)
    revoked_at = models.DateTimeField(_("thời điểm hủy bỏ"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    import_batch = models.ForeignKey("imports.ImportBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The movement whose results it rewards (phong trào thi đua): its award list is one click from the movement.
    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("phong trào thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )

    class Meta:
        ordering = ["-decision_date", "-id"]
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "number", "decision_date"], name="decision_number_once_per_issuer"),
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="decision_period_range",
            ),
        ]
        indexes = [models.Index(fields=["number"], name="decision_number_idx")]

    def __str__(self) -> str:
        return f"{self.number} ({self.decision_date:%d/%m/%Y})"


class DecisionTransition(TransitionRecord):
    """One step of a decision's life (``states.DECISION``): shown on the decision's page."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("bước thay đổi trạng thái quyết định")
        verbose_name_plural = _("lịch sử trạng thái quyết định")


class Award(models.Model):
    """One recipient of one title or form in a decision: what the ledger shows."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="awards")
    kind = models.ForeignKey(AwardKind, verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT, related_name="awards")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="awards")
    unit = models.ForeignKey("org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="collective_awards")
    # Where the person worked when the award was made: scopes the ledger book of that unit.
    recipient_unit = models.ForeignKey("org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    school_year = models.ForeignKey(
        "years.SchoolYear", verbose_name=_("năm học"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    coefficient = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    base_salary = models.PositiveIntegerField(null=True, blank=True)
    cash_amount = models.PositiveIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    revoked = models.BooleanField(_("đã thu hồi"), default=False)
    revoked_reason = models.CharField(_("lý do thu hồi"), max_length=500, blank=True)

    class Meta:
        ordering = ["decision", "id"]
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(person__isnull=False) & models.Q(unit__isnull=True))
                | (models.Q(person__isnull=True) & models.Q(unit__isnull=False)),
                name="award_one_recipient",
            ),
            models.UniqueConstraint(
                fields=["decision", "kind", "person"], condition=models.Q(person__isnull=False), name="award_person_once_per_decision"
            ),
            models.UniqueConstraint(
                fields=["decision", "kind", "unit"], condition=models.Q(unit__isnull=False), name="award_unit_once_per_decision"
            ),
        ]
        indexes = [
            models.Index(fields=["person", "school_year"], name="award_person_year_idx"),
            models.Index(fields=["recipient_unit", "school_year"], name="award_recipient_unit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} – {self.person or self.unit}"

    @property
    def recipient(self):
        return self.person or self.unit


class DecisionAmendment(models.Model):
    """A recorded correction of a decision (its own number and date), with what changed."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="amendments")
    number = models.CharField(_("số quyết định sửa đổi"), max_length=64)
    amendment_date = models.DateField(_("ngày sửa đổi"))
    reason = models.CharField(_("lý do"), max_length=500)
    changes = models.JSONField(_("nội dung sửa đổi"), default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["decision", "amendment_date", "id"]
        verbose_name = _("sửa đổi quyết định")
        verbose_name_plural = _("sửa đổi quyết định")

    def __str__(self) -> str:
        return f"{self.number} ({self.amendment_date:%d/%m/%Y})"


class InitiativeScope(models.TextChoices):
    UNIT = "unit", _("Cơ sở")
    PROVINCE = "province", _("Bộ, ngành, tỉnh")
    NATIONAL = "national", _("Toàn quốc")


class InitiativeRecord(models.Model):
    """A recognised initiative, as the ledger needs it (the full workflow comes with the initiatives issue)."""

    title = models.CharField(_("tên sáng kiến"), max_length=500)
    school_year = models.ForeignKey("years.SchoolYear", verbose_name=_("năm học"), on_delete=models.PROTECT, related_name="+")
    scope = models.CharField(_("phạm vi ảnh hưởng"), max_length=10, choices=InitiativeScope.choices)
    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị công nhận"), on_delete=models.PROTECT, related_name="initiatives")
    authors = models.ManyToManyField("people.Person", verbose_name=_("tác giả"), related_name="initiatives")
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày công nhận"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    import_batch = models.ForeignKey("imports.ImportBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-school_year__start_date", "title"]
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")

    def __str__(self) -> str:
        return self.title
