"""The year's standing of a person: the rating and runs or counts of ratings, confirmations, discipline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import criteria as k
from ..facts import DISCIPLINE_RANK, RATING_RANK, year_label
from ..outcomes import CriterionResult, Status, _
from .context import Ctx, result
from .labels import FORM_LABEL, RATING_LABEL
from .windows import window_start, without_run

if TYPE_CHECKING:
    from ..criteria import Criterion


def rating_at_least(c: Criterion, p: k.RatingAtLeast, ctx: Ctx) -> CriterionResult:
    rating = ctx.facts.rating(ctx.year)
    if rating is None:
        return result(
            c, Status.UNKNOWN, _("Chưa có xếp loại năm học %s.") % year_label(ctx.year), _("xếp loại năm học %s") % year_label(ctx.year)
        )
    ok = RATING_RANK[rating] >= RATING_RANK[p.min]
    return result(c, Status.MET if ok else Status.NOT_MET, _("Năm học %s xếp loại %s.") % (year_label(ctx.year), RATING_LABEL[rating]))


def confirmed(c: Criterion, p: k.Confirmed, ctx: Ctx) -> CriterionResult:
    value = ctx.derived(confirmation, p.fact)
    if value is None:
        return result(c, Status.UNKNOWN, _("Cần cán bộ xác nhận."), _("xác nhận: %s") % c.label)
    if value:
        return result(c, Status.MET, _("Đã được xác nhận."))
    return result(c, Status.NOT_MET, _("Được xác nhận là không đạt."))


def confirmation(f, fact: str) -> bool | None:
    return f.confirmed.get(fact)


def no_discipline(c: Criterion, p: k.NoDiscipline, ctx: Ctx) -> CriterionResult:
    hits = [d for d in ctx.facts.disciplines_in(ctx.year) if DISCIPLINE_RANK[d.form] >= DISCIPLINE_RANK[p.min_form]]
    if hits:
        forms = ", ".join(FORM_LABEL[d.form] for d in hits)
        return result(
            c, Status.NOT_MET, _("Bị kỷ luật %s trong năm học %s.") % (forms, year_label(ctx.year)), _("không thể khắc phục trong năm này")
        )
    return result(c, Status.MET, _("Không có kỷ luật từ %s trở lên trong năm học %s.") % (FORM_LABEL[p.min_form], year_label(ctx.year)))


def no_pending(c: Criterion, p: k.NoPending, ctx: Ctx) -> CriterionResult:
    if ctx.derived(pending_case, ctx.day):
        return result(c, Status.NOT_MET, _("Đang bị xem xét kỷ luật hoặc điều tra, thanh tra: chưa khen thưởng, đề nghị."))
    return result(c, Status.MET, _("Không có hồ sơ kỷ luật đang xem xét, điều tra."))


def pending_case(f, day) -> bool:
    """A discipline case still being considered, or an investigation (what ``no_pending`` reads)."""
    return bool(f.pending_investigation) or any(d.status == "pending" and (d.end is None or d.end >= day) for d in f.disciplines)


def rating_run(c: Criterion, p: k.RatingRun, ctx: Ctx) -> CriterionResult:
    # The run is what this criterion measures, so the window must not already be cut to it.
    start, why = window_start(ctx, without_run(p.window))
    if start is None:
        return result(c, Status.NOT_MET, _("Chưa có khen thưởng làm mốc tính thời gian."), _("khen thưởng làm mốc trước đó"))
    if ctx.facts.rating(ctx.year) is None:
        return result(
            c, Status.UNKNOWN, _("Chưa có xếp loại năm học %s.") % year_label(ctx.year), _("xếp loại năm học %s") % year_label(ctx.year)
        )
    run, yr, broke = 0, ctx.year, ""
    while yr >= start:
        r = ctx.facts.rating(yr)
        if r is None:
            broke = _("thiếu xếp loại năm học %s") % year_label(yr)
            break
        if RATING_RANK[r] < RATING_RANK[p.min]:
            broke = _("năm học %s xếp loại %s") % (year_label(yr), RATING_LABEL[r])
            break
        run, yr = run + 1, yr - 1
    tail = (_(" Chuỗi dừng: %s.") % broke if broke else "") + ((" " + "; ".join(why) + ".") if why else "")
    if run >= p.years:
        return result(
            c, Status.MET, _("%d năm liên tục %s trở lên đến năm học %s.") % (run, RATING_LABEL[p.min], year_label(ctx.year)) + tail
        )
    return result(
        c,
        Status.NOT_MET,
        _("Mới có %d/%d năm liên tục %s trở lên.") % (run, p.years, RATING_LABEL[p.min]) + tail,
        _("còn %d năm liên tục %s") % (p.years - run, RATING_LABEL[p.min]),
    )


def rating_count(c: Criterion, p: k.RatingCount, ctx: Ctx) -> CriterionResult:
    start, _why = window_start(ctx, p.window)
    if start is None:
        return result(c, Status.NOT_MET, _("Chưa có khen thưởng làm mốc tính thời gian."), _("khen thưởng làm mốc trước đó"))
    years = [yr for yr in range(start, ctx.year + 1) if (r := ctx.facts.rating(yr)) is not None and RATING_RANK[r] >= RATING_RANK[p.min]]
    if len(years) >= p.n:
        return result(c, Status.MET, _("%d năm %s: %s.") % (len(years), RATING_LABEL[p.min], ", ".join(map(year_label, years))))
    return result(
        c,
        Status.NOT_MET,
        _("Có %d/%d năm %s trong thời gian xét.") % (len(years), p.n, RATING_LABEL[p.min]),
        _("%d năm %s") % (p.n - len(years), RATING_LABEL[p.min]),
    )
