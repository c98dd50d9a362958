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
