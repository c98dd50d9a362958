"""People: one record per person across their whole career, with what the emulation rules read.

Employment rows say where a person worked and when (``end_date`` inclusive, open when null); they never
overlap. Annual ratings are per school year. Discipline and leave carry periods because the rules care
about the year they fall in.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class StaffType(models.TextChoices):
    MANAGER = "manager", _("Cán bộ quản lý")
    TEACHER = "teacher", _("Giáo viên")
    STAFF = "staff", _("Nhân viên")
    WORKER = "worker", _("Người lao động")


class Rating(models.TextChoices):
    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành nhiệm vụ")


class DisciplineForm(models.TextChoices):
    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    SALARY_DOWNGRADE = "salary_downgrade", _("Hạ bậc lương")
    DEMOTION = "demotion", _("Giáng chức")
    REMOVAL = "removal", _("Cách chức")
    DISMISSAL = "dismissal", _("Buộc thôi việc")


class LeaveKind(models.TextChoices):
    MATERNITY = "maternity", _("Nghỉ thai sản")
    TRAINING = "training", _("Đi học, bồi dưỡng dài hạn")
    SICK = "sick", _("Nghỉ ốm dài ngày")
    OTHER = "other", _("Nghỉ khác")
    # Away from the sector, then back: counted as time in the sector (TT 29/2023 Điều 8.1.a, Kỷ niệm chương).
    SENT_TO_STUDY = "sent_to_study", _("Được cử đi học, sau đó trở về ngành")
    MILITARY_SERVICE = "military_service", _("Thực hiện nghĩa vụ quân sự, sau đó trở về ngành")


class Person(models.Model):
    full_name = models.CharField(_("họ và tên"), max_length=120)
    name_folded = models.CharField(max_length=120, editable=False, db_index=True)
    sort_key = models.CharField(max_length=400, editable=False, db_index=True)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    ethnicity = models.CharField(_("dân tộc"), max_length=40, default="Kinh")
    national_id = models.CharField(_("số định danh cá nhân"), max_length=12, null=True, blank=True, unique=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    # Denormalised from the open employment row by the employment services; drives lists and the
    # national-ID visibility rule.
    current_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("đơn vị hiện tại"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    current_position = models.CharField(_("chức vụ hiện tại"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        indexes = [models.Index(fields=["current_unit", "sort_key"], name="person_unit_sort_idx")]

    def __str__(self) -> str:
        return self.full_name


class Employment(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="employments")
    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="employments")
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    staff_type = models.CharField(_("loại cán bộ"), max_length=16, choices=StaffType.choices)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["person", "start_date"]
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        indexes = [
            models.Index(fields=["unit", "person"], name="employment_unit_person_idx"),
            models.Index(fields=["person", "start_date"], name="employment_person_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="employment_ends_after_start",
            ),
            models.UniqueConstraint(fields=["person"], condition=models.Q(end_date__isnull=True), name="one_open_employment"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.unit} ({self.start_date:%d/%m/%Y}–{(self.end_date and f'{self.end_date:%d/%m/%Y}') or ''})"


class AnnualRating(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="ratings")
    school_year = models.ForeignKey("years.SchoolYear", verbose_name=_("năm học"), on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(_("xếp loại"), max_length=16, choices=Rating.choices)
    unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("đơn vị đánh giá"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["person", "school_year__start_date"]
        verbose_name = _("xếp loại hằng năm")
        verbose_name_plural = _("xếp loại hằng năm")
        constraints = [models.UniqueConstraint(fields=["person", "school_year"], name="one_rating_per_year")]

    def __str__(self) -> str:
        return f"{self.person} {self.school_year}: {self.get_rating_display()}"


class Discipline(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Đang xem xét kỷ luật")
        IN_EFFECT = "in_effect", _("Đã có quyết định")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="disciplines")
    form = models.CharField(_("hình thức"), max_length=20, choices=DisciplineForm.choices)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.IN_EFFECT)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    reason = models.CharField(_("lý do"), max_length=255, blank=True)

    class Meta:
        ordering = ["person", "start_date"]
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="discipline_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_form_display()} ({self.start_date:%d/%m/%Y})"


class Leave(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="leaves")
    kind = models.CharField(_("loại"), max_length=16, choices=LeaveKind.choices)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["person", "start_date"]
        verbose_name = _("thời gian nghỉ")
        verbose_name_plural = _("thời gian nghỉ")
        constraints = [models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="leave_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} ({self.start_date:%d/%m/%Y}–{self.end_date:%d/%m/%Y})"
