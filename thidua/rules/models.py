"""What the engine cannot know from the records: an officer's confirmation of a qualitative criterion.

The rules ask some facts that only people can judge ("gương mẫu chấp hành…", "tiêu biểu xuất sắc…",
``criteria.Confirmed``). They are never assumed: until an officer records a confirmation here, with its basis
(the minutes of the council meeting, the unit's assessment), the criterion reads "cần xác nhận". The engine
modules stay free of Django; ``selectors.person_facts`` reads these rows into ``PersonFacts.confirmed``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Confirmation(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="confirmations")
    school_year = models.ForeignKey("years.SchoolYear", verbose_name=_("năm học"), on_delete=models.PROTECT, related_name="+")
    fact = models.CharField(_("tiêu chí"), max_length=64)  # a ``Confirmed.fact`` of the rule book
    value = models.BooleanField(_("đạt"))
    basis = models.CharField(_("căn cứ xác nhận"), max_length=255)
    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người xác nhận"), on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(_("thời điểm xác nhận"))

    class Meta:
        ordering = ["person", "school_year__start_date", "fact"]
        verbose_name = _("xác nhận tiêu chí")
        verbose_name_plural = _("xác nhận tiêu chí")
        constraints = [models.UniqueConstraint(fields=["person", "school_year", "fact"], name="one_confirmation_per_fact")]

    def __str__(self) -> str:
        return f"{self.person} {self.school_year} {self.fact}: {'đạt' if self.value else 'không đạt'}"
