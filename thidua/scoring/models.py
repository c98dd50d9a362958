"""Cluster scoring: versioned criteria sheets, rounds per cluster and year, every layer of every score kept,
publications that never change (a correction is a new publication), and covenants.

Insert-only tables (``ScoreEntry``, ``Publication``, ``PublishedResult``) are refused UPDATE and DELETE by a
PostgreSQL trigger (migration 0002); the services never change them either.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.workflow import TransitionRecord

from . import compute, states

USER = settings.AUTH_USER_MODEL
POINTS = {"max_digits": 8, "decimal_places": 2}


class ScoreSheet(models.Model):
    """A criteria sheet (*bảng tiêu chí, thang điểm*) of an organiser; a published version never changes."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        PUBLISHED = "published", _("Đã ban hành")

    organiser = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("tên bảng tiêu chí"), max_length=255)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    bonus_cap = models.DecimalField(_("điểm thưởng tối đa"), null=True, blank=True, **POINTS)
    penalty_cap = models.DecimalField(_("điểm trừ tối đa"), null=True, blank=True, **POINTS)
    decimals = models.PositiveSmallIntegerField(_("số chữ số thập phân"), default=2)
    gate_cap = models.CharField(_("xếp loại cao nhất khi không đạt điều kiện"), max_length=60, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    supersedes = models.ForeignKey("self", verbose_name=_("thay thế"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organiser", "name", "-version"]
        verbose_name = _("bảng tiêu chí chấm điểm")
        verbose_name_plural = _("bảng tiêu chí chấm điểm")
        constraints = [models.UniqueConstraint(fields=["organiser", "name", "version"], name="sheet_version_once")]

    def __str__(self) -> str:
        return f"{self.name} ({_('phiên bản')} {self.version})"


class SheetCriterion(models.Model):
    class Kind(models.TextChoices):
        SCORE = compute.SCORE, _("Điểm")
        BONUS = compute.BONUS, _("Điểm thưởng")
        PENALTY = compute.PENALTY, _("Điểm trừ")
        GATE = compute.GATE, _("Điều kiện")
        INFO = compute.INFO, _("Thông tin")

    class Evidence(models.TextChoices):
        NONE = "none", _("Không cần")
        OPTIONAL = "optional", _("Không bắt buộc")
        REQUIRED = "required", _("Bắt buộc")

    class AutoSource(models.TextChoices):
        NONE = "", _("Không")
        LDTT_SHARE = "ldtt_share", _("Tỉ lệ cán bộ đạt Lao động tiên tiến năm học trước")

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.PROTECT, related_name="criteria")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    code = models.CharField(_("mục"), max_length=20)
    text = models.TextField(_("nội dung tiêu chí"))
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices, default=Kind.SCORE)
    max_points = models.DecimalField(_("điểm tối đa"), default=0, **POINTS)
    min_points = models.DecimalField(_("điểm tối thiểu"), default=0, **POINTS)
    step = models.DecimalField(_("bước điểm"), null=True, blank=True, **POINTS)
    evidence = models.CharField(_("minh chứng"), max_length=8, choices=Evidence.choices, default=Evidence.NONE)
    auto_source = models.CharField(_("tính tự động từ dữ liệu"), max_length=20, choices=AutoSource.choices, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sheet", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "code"], name="criterion_code_once_per_sheet"),
            models.CheckConstraint(condition=models.Q(min_points__lte=models.F("max_points")), name="criterion_min_below_max"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:60]}"


class SheetBand(models.Model):
    """A rating band of the sheet (*xếp loại*): reached from ``minimum`` points."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.PROTECT, related_name="bands")
    label = models.CharField(_("xếp loại"), max_length=60)
    minimum = models.DecimalField(_("từ điểm"), **POINTS)

    class Meta:
        ordering = ["sheet", "-minimum"]
        constraints = [models.UniqueConstraint(fields=["sheet", "label"], name="band_label_once_per_sheet")]

    def __str__(self) -> str:
        return self.label


class ScoringRound(models.Model):
    """One cluster's scoring for one school year against a pinned, published sheet."""

    Status = states.RoundStatus
    workflow = states.ROUND

    cluster = models.ForeignKey("org.Cluster", verbose_name=_("cụm, khối"), on_delete=models.PROTECT, related_name="rounds")
    school_year = models.ForeignKey("years.SchoolYear", verbose_name=_("năm học"), on_delete=models.PROTECT, related_name="+")
    sheet = models.ForeignKey(ScoreSheet, verbose_name=_("bảng tiêu chí"), on_delete=models.PROTECT, related_name="rounds")
    tiers = models.JSONField(_("các lớp chấm"), default=list)  # compute.TIERS, lowest first
    peer_trim = models.BooleanField(_("bỏ điểm cao nhất và thấp nhất khi có từ 5 đơn vị chấm chéo"), default=False)
    opens = models.DateField(_("ngày mở"))
    self_due = models.DateField(_("hạn tự chấm"))
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-school_year__start_date", "cluster__name"]
        verbose_name = _("đợt chấm điểm")
        verbose_name_plural = _("đợt chấm điểm")
        constraints = [models.UniqueConstraint(fields=["cluster", "school_year", "sheet"], name="round_once_per_cluster_year_sheet")]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.school_year}"

    @property
    def organiser(self):
        return self.cluster.organiser


class RoundTransition(TransitionRecord):
    scoring_round = models.ForeignKey(ScoringRound, on_delete=models.PROTECT, related_name="transitions")


class Submission(models.Model):
    """A member unit's scoring in a round: its self-scoring and every reviewer's and peer's layer."""

    Status = states.SubmissionStatus
    workflow = states.SUBMISSION

    scoring_round = models.ForeignKey(ScoringRound, on_delete=models.PROTECT, related_name="submissions")
    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    unit_name = models.CharField(max_length=255)  # as it was named when the round opened
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    late = models.BooleanField(_("nộp muộn"), default=False)

    class Meta:
        ordering = ["scoring_round", "unit_name"]
        verbose_name = _("bảng chấm điểm của đơn vị")
        verbose_name_plural = _("bảng chấm điểm của đơn vị")
        constraints = [models.UniqueConstraint(fields=["scoring_round", "unit"], name="submission_once_per_round")]

    def __str__(self) -> str:
        return self.unit_name


class SubmissionTransition(TransitionRecord):
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="transitions")


class ScoreEntry(models.Model):
    """One value given to one criterion on one layer; never changed: a new value is a new row superseding the
    previous one of the same layer (and scorer unit, for peers)."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="entries")
    criterion = models.ForeignKey(SheetCriterion, on_delete=models.PROTECT, related_name="+")
    tier = models.CharField(max_length=10)
    scorer_unit = models.ForeignKey("org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")  # None: computed
    points = models.DecimalField(**POINTS)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    supersedes = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["submission", "criterion", "id"]
        indexes = [models.Index(fields=["submission", "tier", "criterion"], name="entry_layer_idx")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.points} ({self.tier})"


class Evidence(models.Model):
    """A file supporting a criterion (*minh chứng*); never deleted."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="evidence")
    criterion = models.ForeignKey(SheetCriterion, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="scoring/%Y/")
    file_type = models.CharField(max_length=8)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("mô tả"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["criterion", "id"]

    def __str__(self) -> str:
        return self.original_name


class PeerAssignment(models.Model):
    """A member unit scoring another member's submission (*chấm chéo*); never itself."""

    scoring_round = models.ForeignKey(ScoringRound, on_delete=models.PROTECT, related_name="peer_assignments")
    scorer = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    scored = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scoring_round", "scorer", "scored"], name="peer_once"),
            models.CheckConstraint(condition=~models.Q(scorer=models.F("scored")), name="peer_never_self"),
        ]

    def __str__(self) -> str:
        return f"{self.scorer_id} → {self.scored_id}"


class RevisionRequest(models.Model):
    """A reviewer's return of a submission naming the criteria to revise; only those become editable."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="revisions")
    criteria = models.ManyToManyField(SheetCriterion, related_name="+")
    reason = models.TextField(_("lý do"))
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("giải trình"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submission", "-requested_at"]

    def __str__(self) -> str:
        return self.reason[:60]


class Publication(models.Model):
    """The published result of a round, frozen (snapshot + sha256); a correction is a new version."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("Công bố lần đầu")
        CORRECTION = "correction", _("Đính chính")

    scoring_round = models.ForeignKey(ScoringRound, on_delete=models.PROTECT, related_name="publications")
    version = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    supersedes = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by")
    reason = models.TextField(_("lý do đính chính"), blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    snapshot = models.JSONField()
    snapshot_sha256 = models.CharField(max_length=64)
    leader_tie = models.BooleanField(default=False)
    published_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["scoring_round", "-version"]
        verbose_name = _("công bố kết quả")
        verbose_name_plural = _("công bố kết quả")
        constraints = [models.UniqueConstraint(fields=["scoring_round", "version"], name="publication_version_once")]

    def __str__(self) -> str:
        return f"{self.scoring_round} — {_('lần')} {self.version}"

    def ranked_results(self):
        """Ranked units first, by rank; those that did not submit last."""
        return self.results.select_related("unit").order_by(models.F("rank").asc(nulls_last=True), "unit_name")

    @property
    def is_current(self) -> bool:
        return not Publication.objects.filter(supersedes=self).exists()


class PublishedResult(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="results")
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    unit_name = models.CharField(max_length=255)
    total = models.DecimalField(**POINTS)
    rank = models.PositiveSmallIntegerField(null=True)  # None: did not submit
    band = models.CharField(max_length=60, blank=True)
    gates_failed = models.JSONField(default=list)
    leader = models.BooleanField(default=False)

    class Meta:
        ordering = ["publication", "rank", "unit_name"]
        constraints = [models.UniqueConstraint(fields=["publication", "unit"], name="result_once_per_publication")]
        indexes = [models.Index(fields=["unit", "leader"], name="result_unit_leader_idx")]

    def __str__(self) -> str:
        return f"{self.unit_name}: {self.total}"


class Covenant(models.Model):
    """An emulation covenant (*giao ước thi đua*) of a cluster (or of a list of units) for a school year."""

    cluster = models.ForeignKey(
        "org.Cluster", verbose_name=_("cụm, khối"), null=True, blank=True, on_delete=models.PROTECT, related_name="covenants"
    )
    organiser = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="+")
    school_year = models.ForeignKey("years.SchoolYear", verbose_name=_("năm học"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tên giao ước"), max_length=255)
    text = models.TextField(_("nội dung giao ước"))
    signed_on = models.DateField(_("ngày ký"))
    scan = models.FileField(_("bản quét đã ký"), upload_to="covenants/%Y/", blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")

    def __str__(self) -> str:
        return self.title


class CovenantSignatory(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.PROTECT, related_name="signatories")
    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    head_name = models.CharField(_("thủ trưởng đơn vị"), max_length=255)

    class Meta:
        ordering = ["covenant", "id"]
        constraints = [models.UniqueConstraint(fields=["covenant", "unit"], name="covenant_signatory_once")]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.head_name}"
