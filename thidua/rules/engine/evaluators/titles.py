"""Titles held and met: standards of a lower title, prior awards, chains and counts of titles, one-time titles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import criteria as k
from ..facts import year_label
from ..outcomes import CriterionResult, Status, _
from .context import Ctx, result, same_round_status
from .labels import title_label
from .windows import NO_LIMIT, window_start

if TYPE_CHECKING:
    from ..criteria import Criterion


def meets_standard(c: Criterion, p: k.MeetsStandard, ctx: Ctx) -> CriterionResult:
    outcome = ctx.outcome(p.code)
    status = same_round_status(outcome)
    reason = _("Đạt tiêu chuẩn %s.") % title_label(p.code) if status is Status.MET else _("Chưa đạt tiêu chuẩn %s.") % title_label(p.code)
    missing = "; ".join(outcome.missing())
    return result(c, status, reason, missing, children=outcome.criteria)


def prior_award(c: Criterion, p: k.PriorAward, ctx: Ctx) -> CriterionResult:
    w = p.window
    latest_ok = ctx.year - w.min_years
    found = [a for a in ctx.merit(w.after_prereq) if a.span()[1] <= latest_ok]
    names = "/".join(title_label(x) for x in w.after_prereq)
    if found:
        a = max(found, key=lambda a: a.span()[1])
        return result(
            c,
            Status.MET,
            _("Có %s năm học %s (loại công trạng).") % (title_label(a.code), year_label(a.span()[1])),
            evidence=[a.decision_number or f"{a.code}:{year_label(a.year)}"],
        )
    later = [a for a in ctx.merit(w.after_prereq) if a.span()[1] > latest_ok]
    other = [a for a in ctx.facts.awards if a.code in w.after_prereq and not a.is_merit]
    reason = _("Chưa có %s kết thúc thời gian lập thành tích trước năm học %s.") % (names, year_label(latest_ok + 1))
    if later:
        reason += _(" %s năm học %s chưa đủ %d năm sau đó.") % (names, year_label(later[-1].span()[1]), w.min_years)
    if other:
        reason += _(" Khen thưởng đột xuất, chuyên đề không được dùng làm căn cứ (NĐ 152/2025 Điều 4.3).")
    return result(c, Status.NOT_MET, reason)


def title_run(ctx: Ctx, code: str, start: int, same_cycle: bool) -> tuple[int, Status, str]:
    """Unbroken run of ``code`` ending with the evaluated year: (length, status of the evaluated year, why it stopped)."""
    run, yr, head, broke = 0, ctx.year, Status.MET, ""
    while yr >= start:
        status, _how = ctx.title_status(code, yr, same_cycle)
        if status is Status.NOT_MET:
            broke = _("năm học %s không có %s") % (year_label(yr), title_label(code))
            break
        if yr == ctx.year:
            head = status
        run, yr = run + 1, yr - 1
    return run, head, broke


def title_chain(c: Criterion, p: k.TitleChain, ctx: Ctx) -> CriterionResult:
    start, why = window_start(ctx, p.window)
    start = ctx.year - NO_LIMIT if start is None else start
    run, head, broke = title_run(ctx, p.code, start, p.same_cycle)
    tail = (_(" Chuỗi dừng: %s.") % broke if broke else "") + ((" " + "; ".join(why) + ".") if why else "")
    if run >= p.years:
        status = Status.MET if head is Status.MET else Status.UNKNOWN
        reason = _("%d năm liên tục %s đến năm học %s.") % (run, title_label(p.code), year_label(ctx.year))
        if head is Status.UNKNOWN:
            reason += _(" Năm học %s chưa xác định được %s.") % (year_label(ctx.year), title_label(p.code))
        return result(c, status, reason + tail, _("xác định %s năm học %s") % (title_label(p.code), year_label(ctx.year)))
    return result(
        c,
        Status.NOT_MET,
        _("Mới có %d/%d năm liên tục %s.") % (run, p.years, title_label(p.code)) + tail,
        _("còn %d năm liên tục %s") % (p.years - run, title_label(p.code)),
    )


def first_award_year(f) -> int | None:
    return min((a.year for a in f.awards), default=None)


def title_count(c: Criterion, p: k.TitleCount, ctx: Ctx) -> CriterionResult:
    start, _why = window_start(ctx, p.window)
    if start is None:
        return result(c, Status.NOT_MET, _("Chưa có khen thưởng làm mốc tính thời gian."), _("khen thưởng làm mốc trước đó"))
    met, unknown = [], []
    first = min(ctx.year, ctx.derived(first_award_year) or ctx.year)
    for yr in range(max(start, first), ctx.year + 1):
        status, _how = ctx.title_status(p.code, yr, p.same_cycle)
        (met if status is Status.MET else unknown if status is Status.UNKNOWN else []).append(yr)
    years = ", ".join(map(year_label, met)) or "không có"
    if len(met) >= p.n:
        return result(
            c, Status.MET, _("%d lần %s: %s.") % (len(met), title_label(p.code), years), evidence=[f"{p.code}:{year_label(y)}" for y in met]
        )
    if len(met) + len(unknown) >= p.n:
        return result(
            c, Status.UNKNOWN, _("%d lần %s (%s); năm học %s chưa xác định.") % (len(met), title_label(p.code), years, year_label(ctx.year))
        )
    return result(
        c,
        Status.NOT_MET,
        _("Có %d/%d lần %s trong thời gian xét (%s).") % (len(met), p.n, title_label(p.code), years),
        _("%d lần %s") % (p.n - len(met), title_label(p.code)),
    )


def award_chain(c: Criterion, p: k.AwardChain, ctx: Ctx) -> CriterionResult:
    reset = max((last + 1 for _c, _y, _first, last in ctx.merit_spans((ctx.rule.code,)) if last < ctx.year), default=ctx.year - NO_LIMIT)
    spans = sorted({(first, last) for _c, _y, first, last in ctx.merit_spans((p.code,), p.default_span) if last <= ctx.year})
    head = Status.MET
    if not any(last == ctx.year for _first, last in spans):
        status, _how = ctx.title_status(p.code, ctx.year, True)
        if status is not Status.NOT_MET:
            spans.append((ctx.year - p.default_span + 1, ctx.year))
            head = status
    spans = [s for s in spans if s[0] >= reset]
    if not spans or spans[-1][1] < ctx.year - p.max_lag:
        return result(
            c, Status.NOT_MET, _("Chưa có %s gần đây.") % title_label(p.code), _("%d lần liên tục %s") % (p.n, title_label(p.code))
        )
    chain = [spans[-1]]
    for s in reversed(spans[:-1]):
        if s[1] + 1 == chain[-1][0]:
            chain.append(s)
        elif s[1] < chain[-1][0] - 1:
            break
    text = ", ".join(f"{year_label(a)}–{year_label(b)}" for a, b in reversed(chain))
    if len(chain) >= p.n:
        status = Status.MET if head is Status.MET or len(chain) > p.n else Status.UNKNOWN
        return result(c, status, _("%d lần liên tục %s (%s).") % (len(chain), title_label(p.code), text))
    return result(
        c,
        Status.NOT_MET,
        _("Mới có %d/%d lần liên tục %s (%s).") % (len(chain), p.n, title_label(p.code), text),
        _("thêm %d lần liên tục %s") % (p.n - len(chain), title_label(p.code)),
    )


def not_held(c: Criterion, p: k.NotHeld, ctx: Ctx) -> CriterionResult:
    held = ctx.derived(first_known_award, (p.code,), ctx.day)
    if held:
        return result(
            c, Status.NOT_MET, _("Đã được tặng %s năm học %s.") % (title_label(p.code), year_label(held[1])), _("chỉ tặng một lần")
        )
    return result(c, Status.MET, _("Chưa được tặng."))


def has_award(c: Criterion, p: k.HasAward, ctx: Ctx) -> CriterionResult:
    held = ctx.derived(first_known_award, p.codes, ctx.day)
    if held:
        return result(c, Status.MET, _("Đã có %s (năm học %s).") % (title_label(held[0]), year_label(held[1])))
    return result(c, Status.NOT_MET, _("Chưa có %s.") % " hoặc ".join(map(title_label, p.codes)))


def first_known_award(f, codes: tuple[str, ...], day) -> tuple[str, int] | None:
    """(code, school year) of the first award of ``codes`` held (not revoked) and decided by ``day``."""
    for a in f.awards:
        if a.code in codes and not a.revoked and (a.decision_date is None or a.decision_date <= day):
            return a.code, a.year
    return None
