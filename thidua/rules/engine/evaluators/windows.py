"""Which school years a chain or count may use (``criteria.Window``): from the last reset to the evaluated year."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from .. import criteria as k
from ..facts import RATING_RANK, year_label, year_of
from ..outcomes import _
from .context import Ctx
from .labels import title_label

NO_LIMIT = 100  # years back a window may reach when nothing bounds it


def window_start(ctx: Ctx, w: k.Window) -> tuple[int | None, list[str]]:
    """First school year a chain or count may use; ``None`` when the prerequisite award is missing."""
    y, why = ctx.year, []
    start = y - NO_LIMIT
    for code, _year, _first, last in ctx.merit_spans(w.reset_by):
        if last < y and last + 1 > start:
            start = last + 1
            why.append(
                _("tính từ năm học %s, sau thời gian lập thành tích của %s năm %s")
                % (year_label(last + 1), title_label(code), year_label(last))
            )
    if w.discipline_resets and ctx.individual:
        for d in ctx.facts.disciplines:
            if d.status == "in_effect" and d.end is not None and d.end <= ctx.day and year_of(d.end) < y and year_of(d.end) + 1 > start:
                start = year_of(d.end) + 1
                why.append(_("tính từ năm học %s, sau khi hết thời hạn kỷ luật (NĐ 152/2025 Điều 4.4)") % year_label(start))
    if w.after_prereq:
        ends = [last for _code, _year, _first, last in ctx.merit_spans(w.after_prereq) if last <= y - w.min_years]
        if not ends:
            return None, why
        if max(ends) + 1 > start:
            start = max(ends) + 1
    if w.run_rating and ctx.individual:
        yr = y
        while yr >= start and (r := ctx.facts.rating(yr)) is not None and RATING_RANK[r] >= RATING_RANK[w.run_rating]:
            yr -= 1
        start = max(start, yr + 1)
    if w.span:
        start = max(start, y - w.span + 1)
    return start, why


@lru_cache(maxsize=256)
def without_run(w: k.Window) -> k.Window:
    """The window not cut to the run of good ratings (for the criterion that measures that run)."""
    return replace(w, run_rating=None)
