"""What the engine cannot know from the records: an officer's confirmation of a qualitative criterion.

The rules ask some facts that only people can judge ("gương mẫu chấp hành…", "tiêu biểu xuất sắc…",
``criteria.Confirmed``). They are never assumed: until an officer records a confirmation here, with its basis
(the minutes of the council meeting, the unit's assessment), the criterion reads "cần xác nhận". The engine
modules stay free of Django; ``selectors.person_facts`` reads these rows into ``PersonFacts.confirmed``.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .engine.titles import BY_CODE as TITLES


@cache
def _fact_labels() -> dict[str, str]:
    from .engine.facade import DEFAULT_BOOK
    from .engine.rulesets import confirmation_facts

    labels: dict[str, str] = {}
    for subject in ("collective", "individual"):  # an individual label wins over a collective one
        labels.update({key: fact.label for key, fact in confirmation_facts(DEFAULT_BOOK, subject=subject).items()})
    return labels


def fact_label(key: str) -> str:
    """The criterion a confirmed fact answers, as the rule book words it (Vietnamese in every language)."""
    return _fact_labels().get(key, key)


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
        return f"{self.person} {self.school_year}: {fact_label(self.fact)} – {'đạt' if self.value else 'không đạt'}"


class BallotTally(models.Model):
    """The council's secret ballot on one title for one person and school year (NĐ 98/2023 Điều 30.7).

    The denominator is the council's whole membership; absent members who vote in writing count. Until the
    nominations work records ballots as part of a review round, officers enter the tally from the minutes
    (``services.ballot_tally_set``); ``selectors.person_facts`` reads it into ``PersonFacts.ballots``.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="ballot_tallies")
    school_year = models.ForeignKey("years.SchoolYear", verbose_name=_("năm học"), on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("danh hiệu"), max_length=32)  # a title whose rule asks for the vote (``rulesets.votes``)
    total_members = models.PositiveSmallIntegerField(_("tổng số thành viên Hội đồng"))
    in_favour = models.PositiveSmallIntegerField(_("số thành viên đồng ý tại phiên họp"))
    in_favour_written = models.PositiveSmallIntegerField(_("số thành viên vắng mặt đồng ý bằng văn bản"), default=0)
    session_date = models.DateField(_("ngày họp Hội đồng"))
    basis = models.CharField(_("căn cứ"), max_length=255)
    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("thời điểm nhập"))

    class Meta:
        ordering = ["person", "school_year__start_date", "code"]
        verbose_name = _("kết quả bỏ phiếu kín")
        verbose_name_plural = _("kết quả bỏ phiếu kín")
        constraints = [
            models.UniqueConstraint(fields=["person", "school_year", "code"], name="one_ballot_per_title_and_year"),
            models.CheckConstraint(condition=models.Q(total_members__gte=1), name="ballot_has_members"),
            models.CheckConstraint(
                condition=models.Q(in_favour__lte=models.F("total_members") - models.F("in_favour_written")),
                name="ballot_votes_within_members",
            ),
        ]

    def __str__(self) -> str:
        title = TITLES[self.code].name if self.code in TITLES else self.code
        return f"{self.person} {self.school_year} {title}: {self.in_favour + self.in_favour_written}/{self.total_members}"


class EligibilityVersion(models.Model):
    """How many audited changes touched a unit (``scope``: its id; 0 for changes that belong to no unit, such as
    the catalogue or the school years). Bumped in the transaction of the change (``versions.bump_for_event``,
    called by ``audit.recorder.record``), read by ``snapshots.data_version``: counters only grow, so a unit's
    eligibility is unchanged while the counters of every unit its facts come from are unchanged."""

    scope = models.BigIntegerField(primary_key=True)
    counter = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("phiên bản dữ liệu xét điều kiện")
        verbose_name_plural = _("phiên bản dữ liệu xét điều kiện")

    def __str__(self) -> str:
        return f"{self.scope}: {self.counter}"


class EligibilitySnapshot(models.Model):
    """The last eligibility table computed for a unit and school year (a cache, not a record: it is rebuilt from
    the facts whenever their data version changes; decision "eligibility snapshots by data version"). ``payload`` is what the page shows (names,
    units and one badge per title and person, the collectives and the unit checks); the refresh in progress,
    if any, is ``running_version`` with its progress."""

    unit = models.ForeignKey("org.OrgUnit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    day = models.DateField(null=True)  # the consideration date of ``payload``
    version = models.CharField(max_length=64, blank=True)  # the data version ``payload`` was computed from
    outside = models.JSONField(default=list)  # the units outside the subtree that version reads (``snapshots``)
    computed_at = models.DateTimeField(null=True)
    seconds = models.FloatField(default=0)  # how long the computation took
    people = models.PositiveIntegerField(default=0)
    payload = models.BinaryField(null=True)
    running_version = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(null=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("kết quả xét điều kiện đã tính")
        verbose_name_plural = _("kết quả xét điều kiện đã tính")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_eligibility_snapshot_per_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} {self.computed_at}"
