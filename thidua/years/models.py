from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class SchoolYear(models.Model):
    """A school year such as 2022-2023; education counts achievements by school year."""

    code = models.CharField(_("mã năm học"), max_length=9, unique=True)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))
    is_current = models.BooleanField(_("năm học hiện tại"), default=False)

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("năm học")
        verbose_name_plural = _("năm học")
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=models.Q(is_current=True), name="one_current_school_year"),
            models.CheckConstraint(condition=models.Q(end_date__gt=models.F("start_date")), name="school_year_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.code

    @staticmethod
    def code_for(start_year: int) -> str:
        return f"{start_year}-{start_year + 1}"

    @staticmethod
    def default_bounds(start_year: int) -> tuple[dt.date, dt.date]:
        """A school year runs from 1 September to 31 August for emulation purposes."""
        return dt.date(start_year, 9, 1), dt.date(start_year + 1, 8, 31)

    def contains(self, day: dt.date) -> bool:
        return self.start_date <= day <= self.end_date


class Holiday(models.Model):
    """A day that breaks the working week: a public holiday, a day off in lieu, or a Saturday worked instead.

    Holidays move every year (lunar dates, the yearly notice's bridging days), so they are data; the counting
    is ``years.workdays``. ``proposed`` rows (a year whose notice is not out) count as entered, but a deadline
    reaching their year is flagged until an admin confirms them."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("ngày lễ, tết")
        DAY_OFF = "day_off", _("ngày nghỉ bù, nghỉ hoán đổi")
        WORKING_DAY = "working_day", _("ngày làm bù")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("dự kiến")
        CONFIRMED = "confirmed", _("đã xác nhận")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại ngày"), max_length=12, choices=Kind.choices, default=Kind.HOLIDAY)
    name = models.CharField(_("tên"), max_length=200)
    basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PROPOSED)

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày nghỉ lễ")
        verbose_name_plural = _("ngày nghỉ lễ")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class WorkWeek(models.Model):
    """The working weekdays from a date on, for every unit or for one kind of unit (default Monday–Friday)."""

    unit_kind = models.ForeignKey(
        "org.UnitKind", verbose_name=_("loại đơn vị"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    valid_from = models.DateField(_("áp dụng từ ngày"))
    working_weekdays = models.CharField(
        _("các ngày làm việc trong tuần"), max_length=7, default="12345", help_text=_("Thứ Hai = 1 … Chủ nhật = 7")
    )

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("tuần làm việc")
        verbose_name_plural = _("tuần làm việc")
        constraints = [
            models.UniqueConstraint(fields=["unit_kind", "valid_from"], name="one_work_week_per_kind_and_day"),
            models.UniqueConstraint(
                fields=["valid_from"], condition=models.Q(unit_kind__isnull=True), name="one_default_work_week_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.valid_from:%d/%m/%Y} {self.working_weekdays}"
