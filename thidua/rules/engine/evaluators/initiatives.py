"""Initiatives and research: which may serve once more, how many a title needs, chains with initiatives."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import criteria as k
from ..facts import RATING_RANK, SCOPE_RANK, Initiative, year_label
from ..outcomes import CriterionResult, Status, _
from .context import Ctx, result
from .labels import RATING_LABEL, SCOPE_LABEL, title_label
from .titles import title_run
from .windows import NO_LIMIT, window_start

if TYPE_CHECKING:
    from ..criteria import Criterion


def _category_of(ctx: Ctx, code: str) -> str:
    rule = ctx.book.on(code, ctx.day) or next((r for r in ctx.book.rules if r.code == code), None)
    return rule.category if rule else "title"


def initiative_usable(ctx: Ctx, init: Initiative, extra_to: tuple[str, ...] = ()) -> tuple[bool, str]:
    """One initiative serves as a criterion only once (CV 5007/BNV-TĐKT III.5.c; DOMAIN §3, §10)."""
    code, category = ctx.rule.code, ctx.rule.category
    for u in init.used_for:
        if u.code == code and u.year == ctx.year:
            continue  # the same award being looked at again
        where = f"{title_label(u.code)}" + (f" {year_label(u.year)}" if u.year is not None else "")
        if u.code in extra_to:
            return False, _("%s đã dùng cho %s") % (init.id, where)
        if u.code == code:
            return False, _("%s đã dùng cho %s") % (init.id, where)
        if _category_of(ctx, u.code) != category:
            return False, _("%s đã dùng cho %s (không dùng lại giữa danh hiệu và hình thức khen thưởng)") % (init.id, where)
        if not ctx.policy.initiative_reuse_across_titles:
            return False, _("%s đã dùng cho %s (chính sách đơn vị không cho dùng lại)") % (init.id, where)
    return True, ""


def _pick_initiatives(ctx: Ctx, first: int, min_scope: str, kinds, extra_to=()) -> tuple[list[Initiative], list[str]]:
    usable, skipped = [], []
    for init in sorted(ctx.facts.initiatives, key=lambda i: (-SCOPE_RANK[i.scope], i.year, i.id)):
        if not (first <= init.year <= ctx.year) or init.kind not in kinds:
            continue
        if init.recognised_on is not None and init.recognised_on > ctx.day:
            continue
        if SCOPE_RANK[init.scope] < SCOPE_RANK[min_scope]:
            skipped.append(_("%s chỉ có phạm vi %s") % (init.id, SCOPE_LABEL[init.scope]))
            continue
        ok, why = initiative_usable(ctx, init, extra_to)
        (usable.append(init) if ok else skipped.append(why))
    return usable, skipped


def initiative_count(c: Criterion, p: k.InitiativeCount, ctx: Ctx) -> CriterionResult:
    start, why = window_start(ctx, p.window)
    if start is None:
        return result(c, Status.NOT_MET, _("Chưa có khen thưởng làm mốc tính thời gian."), _("khen thưởng làm mốc trước đó"))
    usable, skipped = _pick_initiatives(ctx, start, p.min_scope, p.kinds, p.extra_to_titles)
    period = year_label(ctx.year) if start == ctx.year else _("%s–%s") % (year_label(start), year_label(ctx.year))
    if start < ctx.year - NO_LIMIT + 1:
        period = _("đến năm học %s") % year_label(ctx.year)
    detail = (_(" Không tính: %s.") % "; ".join(skipped)) if skipped else ""
    detail += (" " + "; ".join(why) + ".") if why else ""
    if len(usable) >= p.n:
        chosen = usable[: p.n]
        return result(
            c,
            Status.MET,
            _("Có %d sáng kiến/đề tài %s trở lên (%s): %s.")
            % (len(usable), SCOPE_LABEL[p.min_scope], period, ", ".join(i.id for i in chosen))
            + detail,
            evidence=[i.id for i in chosen],
        )
    lacking = p.n - len(usable)
    return result(
        c,
        Status.NOT_MET,
        _("Có %d/%d sáng kiến/đề tài %s dùng được (%s).") % (len(usable), p.n, SCOPE_LABEL[p.min_scope], period) + detail,
        _("%d sáng kiến %s") % (lacking, SCOPE_LABEL[p.min_scope]),
    )


def chain_with_initiatives(c: Criterion, p: k.ChainWithInitiatives, ctx: Ctx) -> CriterionResult:
    start, _why = window_start(ctx, p.window)
    start = ctx.year - NO_LIMIT if start is None else start
    paths = []
    if p.title:
        run, head, _broke = title_run(ctx, p.title, start, True)
        paths.append((run, head, _("%d năm liên tục %s") % (run, title_label(p.title))))
    run, yr = 0, ctx.year
    while yr >= start and (r := ctx.facts.rating(yr)) is not None and RATING_RANK[r] >= RATING_RANK[p.rating]:
        run, yr = run + 1, yr - 1
    paths.append((run, Status.MET, _("%d năm liên tục %s") % (run, RATING_LABEL[p.rating])))
    best = None
    for run, head, text in paths:
        if run < p.years:
            continue
        extra = (p.title,) if p.extra_to_title and p.title else ()
        usable, skipped = _pick_initiatives(ctx, ctx.year - run + 1, p.min_scope, ("initiative", "research"), extra)
        candidate = (len(usable) >= p.n, head, text, usable, skipped)
        if best is None or (candidate[0] and (not best[0] or head is Status.MET)):
            best = candidate
    if best is None:
        longest = max(r for r, _h, _t in paths)
        what = " hoặc ".join(t for _r, _h, t in paths)
        return result(c, Status.NOT_MET, _("Chưa đủ chuỗi %d năm (%s).") % (p.years, what), _("còn %d năm liên tục") % (p.years - longest))
    ok, head, text, usable, skipped = best
    detail = (_(" Không tính: %s.") % "; ".join(skipped)) if skipped else ""
    if ok:
        status = Status.MET if head is Status.MET else Status.UNKNOWN
        return result(
            c,
            status,
            _("%s, có %d sáng kiến %s: %s.") % (text, len(usable), SCOPE_LABEL[p.min_scope], ", ".join(i.id for i in usable[: p.n]))
            + detail,
            evidence=[i.id for i in usable[: p.n]],
        )
    return result(
        c,
        Status.NOT_MET,
        _("%s nhưng chỉ có %d/%d sáng kiến %s dùng được.") % (text, len(usable), p.n, SCOPE_LABEL[p.min_scope]) + detail,
        _("%d sáng kiến %s (ngoài sáng kiến đã dùng cho %s)") % (p.n - len(usable), SCOPE_LABEL[p.min_scope], title_label(p.title or "")),
    )
