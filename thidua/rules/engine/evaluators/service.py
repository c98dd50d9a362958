"""Time served: months since recruitment in the school year, years in the sector, years of teaching."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import TYPE_CHECKING

from .. import criteria as k
from ..facts import year_bounds, year_label
from ..outcomes import CriterionResult, Status, _
from ..wording import coefficient, years_months
from .context import Ctx, add_months, full_years, result
from .labels import AWAY_LABEL, HARDSHIP_AREA, LEAVE_LABEL

if TYPE_CHECKING:
    from ..criteria import Criterion
    from ..facts import PersonFacts


def service_terms(f: PersonFacts, p: k.MinService, year: int, day: dt.date) -> tuple:
    """What ``min_service`` reads, reduced to what its answer says (the answer is a function of this alone).

    Time worked runs from the actual recruitment date (never moved to 1 September) to the consideration date,
    or to the end of the school year when that comes first; leave of ``p.counted_leave`` (and training shorter
    than ``p.training_counts_below_months``) counts as time worked, other leave is deducted. Forms:
    ``("unknown",)``; ``("not_yet",)`` recruited after the school year; ``("after_day", start, until)``;
    ``("served", until, counted)`` the months were reached before the school year began (nothing about the
    year can change that); ``("new", start, until, lost days, counted, done)`` with ``done`` the day the
    months are reached."""
    if f.service_start is None:
        return ("unknown",)
    lo, hi = year_bounds(year)
    until = min(day, hi)
    start = f.service_start
    if start > hi:
        return ("not_yet",)
    if start > until:
        return ("after_day", start, until)
    lost, counted, counted_in_year = 0, set(), set()
    for leave in f.leaves:
        a, b = max(leave.start, start), min(leave.end, until)
        if a > b:
            continue
        short_training = (
            leave.kind == "training"
            and p.training_counts_below_months is not None
            and add_months(leave.start, p.training_counts_below_months) > leave.end
        )
        if leave.kind in p.counted_leave or short_training:
            counted.add(leave.kind)
            if b >= lo:
                counted_in_year.add(leave.kind)
        else:
            lost += (b - a).days + 1
    done = add_months(start, p.months) - dt.timedelta(days=1) + dt.timedelta(days=lost)
    if done < lo:
        return ("served", until, tuple(sorted(counted_in_year)))
    return ("new", start, until, lost, tuple(sorted(counted)), done)


def _counted_note(counted: tuple[str, ...]) -> str:
    if not counted:
        return ""
    return _(" Thời gian %s được tính là thời gian công tác.") % ", ".join(LEAVE_LABEL[kind] for kind in counted)


def min_service(c: Criterion, p: k.MinService, ctx: Ctx) -> CriterionResult:
    terms = ctx.derived(service_terms, p, ctx.year, ctx.day)
    form = terms[0]
    if form == "unknown":
        return result(c, Status.UNKNOWN, _("Thiếu ngày tuyển dụng."), _("ngày tuyển dụng"))
    if form == "not_yet":
        return result(c, Status.NOT_MET, _("Chưa công tác trong năm học %s.") % year_label(ctx.year))
    if form == "after_day":
        _form, start, until = terms
        return result(c, Status.NOT_MET, _("Tuyển dụng ngày %s, sau ngày xét %s.") % (f"{start:%d/%m/%Y}", f"{until:%d/%m/%Y}"))
    if form == "served":
        _form, until, counted = terms
        return result(
            c, Status.MET, _("Đã công tác đủ %d tháng trước năm học %s.") % (p.months, year_label(ctx.year)) + _counted_note(counted)
        )
    _form, start, until, lost, counted, done = terms
    span = _("Công tác từ ngày tuyển dụng %s đến %s") % (f"{start:%d/%m/%Y}", f"{until:%d/%m/%Y}")
    lost_note = _(", trừ %d ngày nghỉ không được tính") % lost if lost else ""
    if done <= until:
        return result(c, Status.MET, _("%s%s: đủ %d tháng.") % (span, lost_note, p.months) + _counted_note(counted))
    when = (_(" Đủ %d tháng vào ngày %s.") % (p.months, f"{done:%d/%m/%Y}")) if done <= year_bounds(ctx.year)[1] else ""
    return result(
        c, Status.NOT_MET, _("%s%s: chưa đủ %d tháng (người mới tuyển dụng).") % (span, lost_note, p.months) + when + _counted_note(counted)
    )


def _away_days(f: PersonFacts, kinds: tuple[str, ...], until: dt.date) -> int:
    """Days of the periods away of ``kinds`` up to ``until``, each day once (periods may overlap)."""
    spans = sorted((x.start, min(x.end, until)) for x in f.leaves if x.kind in kinds and x.start <= until)
    days, reached = 0, None
    for start, end in spans:
        if reached is not None and start <= reached:
            start = reached + dt.timedelta(days=1)
        if end >= start:
            days += (end - start).days + 1
            reached = end
    return days


def _discipline_days(f: PersonFacts, until: dt.date) -> int:
    days = 0
    for d in f.disciplines:
        if d.status == "in_effect" and d.start is not None and d.start <= until:
            days += (min(d.end or until, until) - d.start).days + 1
    return days


def sector_terms(f: PersonFacts, p: k.SectorYears, day: dt.date) -> tuple:
    """What ``sector_years`` reads, reduced to what its answer says: ``("no_gender",)``, ``("unknown",)`` or
    ``("years", required, have, days of discipline deducted, days away added, kinds away, area unknown)``."""
    required = p.years
    if p.by_gender:
        table = dict(p.by_gender)
        if f.gender not in table:
            return ("no_gender",)
        required = table[f.gender]
    if p.hardship_years is not None and f.in_hardship_area_now and (f.hardship_years or 0) >= p.hardship_min_years:
        required = p.hardship_years
    lost = _discipline_days(f, day) if p.exclude_discipline else 0
    away = 0
    if f.sector_years is not None:
        if p.counted_away and f.leaves:  # time worked, stated: the periods away are added
            away = _away_days(f, p.counted_away, day)
        have = Fraction(f.sector_years) - Fraction(lost, 365) + Fraction(away, 365)
    elif f.sector_start is not None:
        if p.counted_away and f.leaves:  # counted from the first day: only the periods away before it are added
            away = _away_days(f, p.counted_away, min(day, f.sector_start - dt.timedelta(days=1)))
        have = Fraction(full_years(f.sector_start + dt.timedelta(days=lost) - dt.timedelta(days=away), day))
    else:
        return ("unknown",)
    kinds = tuple(kind for kind in p.counted_away if any(x.kind == kind for x in f.leaves)) if away else ()
    return ("years", required, have, lost, away, kinds, f.in_hardship_area_now is None)


def sector_years(c: Criterion, p: k.SectorYears, ctx: Ctx) -> CriterionResult:
    terms = ctx.derived(sector_terms, p, ctx.day)
    if terms[0] == "no_gender":
        return result(c, Status.UNKNOWN, _("Thiếu giới tính (số năm yêu cầu khác nhau theo giới tính)."), _("giới tính"))
    if terms[0] == "unknown":
        return result(c, Status.UNKNOWN, _("Thiếu thời gian công tác trong ngành."), _("ngày vào ngành hoặc số năm công tác trong ngành"))
    _form, required, have, lost, away, kinds, area_unknown = terms
    hardship_note = ""
    if p.hardship_years is not None and required == p.hardship_years:
        hardship_note = _(" Đang công tác từ %d năm trở lên ở %s: yêu cầu %d năm.") % (
            p.hardship_min_years,
            HARDSHIP_AREA,
            p.hardship_years,
        )
    elif p.hardship_years is not None and area_unknown:
        hardship_note = _(" Chưa rõ có đang công tác ở %s (được giảm còn %d năm).") % (HARDSHIP_AREA, p.hardship_years)
    lost_note = _(" Đã trừ %d ngày bị kỷ luật.") % lost if lost else ""
    if away:
        lost_note += _(" Đã tính %s %s rồi trở về ngành.") % (
            years_months(Fraction(away, 365)),
            " và ".join(AWAY_LABEL[x] for x in kinds),
        )
    shown = years_months(have)
    if have >= required:
        return result(c, Status.MET, _("%s trong ngành, yêu cầu %d năm.") % (shown, required) + lost_note + hardship_note)
    if p.hardship_years is not None and area_unknown and have >= p.hardship_years:
        return result(c, Status.UNKNOWN, _("%s trong ngành.") % shown + hardship_note, _("xác nhận công tác ở %s") % HARDSHIP_AREA)
    return result(
        c,
        Status.NOT_MET,
        _("%s trong ngành, yêu cầu %d năm.") % (shown, required) + lost_note + hardship_note,
        _("còn %s công tác trong ngành") % years_months(required - have, up=True),
    )


def teaching_tenure(c: Criterion, p: k.TeachingTenure, ctx: Ctx) -> CriterionResult:
    f = ctx.facts
    if f.staff_type is None:
        return result(c, Status.UNKNOWN, _("Thiếu loại cán bộ (giáo viên hay cán bộ quản lý)."), _("loại cán bộ"))
    if f.staff_type in ("staff", "worker"):
        return result(c, Status.NOT_MET, _("Không thuộc đối tượng nhà giáo, cán bộ quản lý, nghiên cứu giáo dục (Luật 2022 Điều 64.1)."))
    if f.teaching_years is None:
        return result(c, Status.UNKNOWN, _("Thiếu số năm trực tiếp giảng dạy."), _("số năm trực tiếp giảng dạy"))
    extra = (p.multiplier - 1) * Fraction(f.hardship_teaching_years or 0)
    teaching = Fraction(f.teaching_years) + extra
    hard = _(" Thời gian ở biên giới, hải đảo, %s tính hệ số %s.") % (HARDSHIP_AREA, coefficient(p.multiplier))
    if f.staff_type == "teacher":
        ok = teaching >= p.teaching
        return result(
            c,
            Status.MET if ok else Status.NOT_MET,
            _("%s giảng dạy, yêu cầu %d năm.") % (years_months(teaching), p.teaching) + hard,
            _("còn %s giảng dạy") % years_months(p.teaching - teaching, up=True),
        )
    if f.sector_years is None:
        return result(c, Status.UNKNOWN, _("Thiếu số năm công tác trong ngành."), _("số năm công tác trong ngành"))
    sector = Fraction(f.sector_years) + (p.multiplier - 1) * Fraction(f.hardship_years or 0)
    ok = sector >= p.sector and teaching >= p.manager_teaching
    return result(
        c,
        Status.MET if ok else Status.NOT_MET,
        _("%s trong ngành (yêu cầu %d năm), %s giảng dạy (yêu cầu %d năm).")
        % (years_months(sector), p.sector, years_months(teaching), p.manager_teaching)
        + hard,
    )
