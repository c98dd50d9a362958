"""The organisation tree: units, their kinds, and the history of where each unit stood.

The tree is a materialised path. ``OrgUnit.path`` is the unit's *current* position (fixed-width base-36
segments of primary keys from the root), so "everything under X" is one indexed prefix query on both
databases. ``UnitPlacement`` keeps every position a unit has held with validity dates, so the tree of
any past day is a query too. Restructured units are never deleted: a closed or merged unit keeps its
rows, records its successor, and (for merges) hangs under its successor, so whatever belonged to it
stays inside the successor's subtree.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

SEGMENT = 6  # characters per path segment
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def path_segment(pk: int) -> str:
    """Fixed-width base-36 encoding of a primary key: paths compare and prefix-match as strings."""
    out = ""
    n = pk
    while n:
        n, r = divmod(n, 36)
        out = _DIGITS[r] + out
    if len(out) > SEGMENT:
        raise ValueError("unit id too large for a path segment")
    return out.rjust(SEGMENT, "0")


class UnitKind(models.Model):
    """A configurable kind of unit (ministry, department, district office, commune, school, team…)."""

    MINISTRY = "ministry"
    DEPARTMENT = "department"
    DISTRICT_OFFICE = "district_office"
    COMMUNE = "commune"
    SCHOOL = "school"
    TEAM = "team"
    OTHER = "other"
    PROVINCE = "province"

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=100)
    rank = models.PositiveSmallIntegerField(_("cấp"), help_text=_("0 là cấp cao nhất"))
    is_school = models.BooleanField(_("là cơ sở giáo dục"), default=False)
    legal_entity = models.BooleanField(
        _("có tư cách pháp nhân"),
        default=False,
        help_text=_("Thủ trưởng đơn vị có tư cách pháp nhân quyết định danh hiệu cơ sở và Giấy khen"),
    )

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = _("loại đơn vị")
        verbose_name_plural = _("loại đơn vị")

    def __str__(self) -> str:
        return self.name


class EducationLevel(models.TextChoices):
    PRESCHOOL = "preschool", _("Mầm non")
    PRIMARY = "primary", _("Tiểu học")
    LOWER_SECONDARY = "lower_secondary", _("Trung học cơ sở")
    UPPER_SECONDARY = "upper_secondary", _("Trung học phổ thông")
    MULTI_LEVEL = "multi_level", _("Liên cấp")
    CONTINUING = "continuing", _("Giáo dục thường xuyên")
    COLLEGE = "college", _("Cao đẳng")
    UNIVERSITY = "university", _("Đại học")


class OrgUnitQuerySet(models.QuerySet):
    def active(self) -> OrgUnitQuerySet:
        return self.filter(valid_to__isnull=True)


class OrgUnit(models.Model):
    code = models.CharField(_("mã đơn vị"), max_length=32, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.ForeignKey(UnitKind, verbose_name=_("loại"), on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, editable=False, unique=True)
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    # Education levels as a space-separated list of EducationLevel codes ("primary lower_secondary"):
    # a handful of fixed codes, filtered with ``education_levels__contains``.
    education_levels = models.CharField(_("cấp học"), max_length=120, blank=True)
    remote_area = models.BooleanField(_("vùng sâu, vùng xa, vùng khó khăn"), default=False)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", verbose_name=_("đơn vị kế thừa"), null=True, blank=True, on_delete=models.PROTECT, related_name="predecessors"
    )

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        indexes = [
            # varchar_pattern_ops lets PostgreSQL use the index for LIKE 'prefix%' under any collation;
            # other databases ignore the operator class.
            models.Index(fields=["path"], name="orgunit_path_prefix_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["parent", "name"], name="orgunit_parent_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.valid_to is None

    @property
    def level_codes(self) -> list[str]:
        return self.education_levels.split()

    @property
    def level_labels(self) -> list[str]:
        labels = dict(EducationLevel.choices)
        return [str(labels.get(code, code)) for code in self.level_codes]

    def ancestor_paths(self) -> list[str]:
        return [self.path[: i + SEGMENT] for i in range(0, len(self.path), SEGMENT)]


class UnitPlacement(models.Model):
    """Where a unit stood in the tree during a period (``valid_to`` inclusive, open when null)."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="placements")
    parent = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    path = models.CharField(max_length=255)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["unit", "valid_from"]
        indexes = [
            models.Index(fields=["path"], name="placement_path_prefix_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["unit", "valid_from"], name="placement_unit_from_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["unit"], condition=models.Q(valid_to__isnull=True), name="one_open_placement_per_unit"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="placement_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} @ {self.path} [{self.valid_from}..{self.valid_to or ''}]"


class Restructuring(models.Model):
    """One restructuring operation (merge, split, move, close), kept for history and audit."""

    class Kind(models.TextChoices):
        CREATE = "create", _("Thành lập")
        MERGE = "merge", _("Sáp nhập")
        SPLIT = "split", _("Chia tách")
        MOVE = "move", _("Chuyển đơn vị quản lý")
        CLOSE = "close", _("Giải thể")
        RENAME = "rename", _("Đổi tên")

    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    effective_date = models.DateField(_("ngày hiệu lực"))
    decision_ref = models.CharField(_("căn cứ (số quyết định)"), max_length=120, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-effective_date", "-id"]
        verbose_name = _("sắp xếp đơn vị")
        verbose_name_plural = _("sắp xếp đơn vị")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_date:%d/%m/%Y}"


class RestructuringUnit(models.Model):
    class Role(models.TextChoices):
        SOURCE = "source", _("Đơn vị cũ")
        TARGET = "target", _("Đơn vị mới/kế thừa")
        MOVED = "moved", _("Đơn vị được chuyển")

    restructuring = models.ForeignKey(Restructuring, on_delete=models.PROTECT, related_name="units")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="restructurings")
    role = models.CharField(max_length=8, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["restructuring", "unit", "role"], name="restructuring_unit_once")]

    def __str__(self) -> str:
        return f"{self.restructuring}: {self.unit} ({self.get_role_display()})"


class Cluster(models.Model):
    """A cluster or bloc of comparable units (*cụm, khối thi đua*) run by an organiser unit's council.

    Membership is per school year (``ClusterMembership``), so restructuring a unit never rewrites a past
    year's cluster."""

    class Kind(models.TextChoices):
        CLUSTER = "cluster", _("Cụm thi đua")
        BLOC = "bloc", _("Khối thi đua")

    organiser = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="clusters_organised")
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices, default=Kind.CLUSTER)
    name = models.CharField(_("tên cụm, khối"), max_length=255)
    founding_document = models.CharField(_("quyết định thành lập"), max_length=255, blank=True)
    feeds_flag = models.BooleanField(
        _("đơn vị dẫn đầu được đề nghị Cờ thi đua"),
        default=True,
        help_text=_("Đơn vị dẫn đầu cụm, khối là “tập thể dẫn đầu” xét tặng Cờ thi đua"),
    )
    leaders_per_year = models.PositiveSmallIntegerField(_("số đơn vị dẫn đầu mỗi năm"), default=1)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        ordering = ["organiser__path", "name"]
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")
        constraints = [
            models.UniqueConstraint(fields=["organiser", "name"], name="cluster_name_once_per_organiser"),
            models.CheckConstraint(condition=models.Q(leaders_per_year__gte=1), name="cluster_at_least_one_leader"),
        ]

    def __str__(self) -> str:
        return self.name


class ClusterMembership(models.Model):
    """A unit in a cluster for one school year, with its role (leader, deputy, member)."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Cụm trưởng")
        DEPUTY = "deputy", _("Cụm phó")
        MEMBER = "member", _("Thành viên")

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="memberships")
    school_year = models.ForeignKey("years.SchoolYear", verbose_name=_("năm học"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="cluster_memberships")
    # The cluster's organiser, copied so the database can refuse a unit in two clusters of one organiser a year.
    organiser = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("vai trò"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    rotation_order = models.PositiveSmallIntegerField(_("thứ tự luân phiên"), default=0)
    # Set when the unit took the place of a member merged into it (copied from last year): the organiser checks it.
    replaces = models.ForeignKey(OrgUnit, verbose_name=_("thay cho"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["cluster", "school_year", "rotation_order", "unit__name"]
        verbose_name = _("thành viên cụm, khối")
        verbose_name_plural = _("thành viên cụm, khối")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "school_year", "unit"], name="cluster_member_once_a_year"),
            models.UniqueConstraint(fields=["organiser", "school_year", "unit"], name="cluster_member_once_per_organiser_a_year"),
            models.UniqueConstraint(fields=["cluster", "school_year"], condition=models.Q(role="leader"), name="cluster_one_leader_a_year"),
            models.UniqueConstraint(fields=["cluster", "school_year"], condition=models.Q(role="deputy"), name="cluster_one_deputy_a_year"),
        ]
        indexes = [models.Index(fields=["unit", "school_year"], name="membership_unit_year_idx")]

    def __str__(self) -> str:
        return f"{self.unit} ({self.cluster}, {self.school_year})"
