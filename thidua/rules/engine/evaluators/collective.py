"""Criteria of collectives: their rating, their members' titles, ratings and discipline, cluster leadership."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from .. import criteria as k
from ..facts import DISCIPLINE_RANK, RATING_RANK
from ..outcomes import CriterionResult, Status, _
from ..wording import percent
from .context import Ctx, result
from .labels import FORM_LABEL, RATING_LABEL, title_label
from .standing import rating_at_least

if TYPE_CHECKING:
    from ..criteria import Criterion


def collective_rating(c: Criterion, p: k.CollectiveRating, ctx: Ctx) -> CriterionResult:
    return rating_at_least(c, k.RatingAtLeast(min=p.min), ctx)


def _members(c: Criterion, ctx: Ctx):
    members = ctx.facts.members
    if members is None:
        return None, result(c, Status.UNKNOWN, _("Thiếu danh sách thành viên."), _("danh sách thành viên"))
    if not members:
        return None, result(c, Status.NOT_MET, _("Tập thể không có thành viên."))
    return members, None


def member_share(c: Criterion, p: k.MemberShare, ctx: Ctx) -> CriterionResult:
    members, early = _members(c, ctx)
    if early:
        return early
    total = len(members)
    holders = [m for m in members if m.titles & set(p.titles)]
    share = Fraction(len(holders), total)
    ok = share > p.ratio if p.op == ">" else share >= p.ratio
    needed = (p.ratio * total).__floor__() + 1 if p.op == ">" else -((-p.ratio * total).__floor__())
    proposed = sum(1 for m in holders if not (m.titles - m.proposed) & set(p.titles))
    note = _(" (%d người tính theo kết quả xét cùng đợt)") % proposed if proposed else ""
    reason = (
        _("%d/%d thành viên đạt LĐTT (%s), yêu cầu %s %s.")
        % (len(holders), total, percent(share), "trên" if p.op == ">" else "ít nhất", percent(p.ratio))
        + note
    )
    return result(c, Status.MET if ok else Status.NOT_MET, reason, _("thêm %d thành viên đạt LĐTT") % (needed - len(holders)))


def all_members_at_least(c: Criterion, p: k.AllMembersAtLeast, ctx: Ctx) -> CriterionResult:
    members, early = _members(c, ctx)
    if early:
        return early
    below = [m.id for m in members if m.rating is not None and RATING_RANK[m.rating] < RATING_RANK[p.min]]
    missing = [m.id for m in members if m.rating is None]
    if below:
        return result(c, Status.NOT_MET, _("Thành viên chưa %s: %s.") % (RATING_LABEL[p.min], ", ".join(below)))
    if missing:
        return result(c, Status.UNKNOWN, _("Thiếu xếp loại của: %s.") % ", ".join(missing), _("xếp loại của %d thành viên") % len(missing))
    return result(c, Status.MET, _("Tất cả %d thành viên %s trở lên.") % (len(members), RATING_LABEL[p.min]))


def no_member_discipline(c: Criterion, p: k.NoMemberDiscipline, ctx: Ctx) -> CriterionResult:
    members, early = _members(c, ctx)
    if early:
        return early
    hits = [m.id for m in members if any(DISCIPLINE_RANK[f] >= DISCIPLINE_RANK[p.min_form] for f in m.disciplines)]
    if hits:
        return result(c, Status.NOT_MET, _("Thành viên bị kỷ luật từ %s trở lên: %s.") % (FORM_LABEL[p.min_form], ", ".join(hits)))
    return result(c, Status.MET, _("Không có thành viên bị kỷ luật từ %s trở lên.") % FORM_LABEL[p.min_form])


def has_member_with(c: Criterion, p: k.HasMemberWith, ctx: Ctx) -> CriterionResult:
    members, early = _members(c, ctx)
    if early:
        return early
    hits = [m.id for m in members if m.titles & set(p.titles)]
    if hits:
        return result(c, Status.MET, _("Có %d thành viên đạt: %s.") % (len(hits), ", ".join(hits)), evidence=hits)
    return result(
        c, Status.NOT_MET, _("Không có thành viên đạt %s.") % title_label(p.titles[0]), _("1 thành viên đạt %s") % title_label(p.titles[0])
    )


def leads_cluster(c: Criterion, p: k.LeadsCluster, ctx: Ctx) -> CriterionResult:
    f = ctx.facts
    values = [f.cluster_leader] + ([f.movement_leader] if p.or_movement else [])
    if any(values):
        return result(c, Status.MET, _("Dẫn đầu cụm, khối thi đua.") if f.cluster_leader else _("Dẫn đầu phong trào chuyên đề ≥ 5 năm."))
    if all(v is False for v in values):
        return result(c, Status.NOT_MET, _("Không dẫn đầu cụm, khối thi đua."))
    return result(c, Status.UNKNOWN, _("Chưa có kết quả xếp hạng cụm, khối thi đua."), _("kết quả xếp hạng cụm, khối"))


def collective_run(c: Criterion, p: k.CollectiveRun, ctx: Ctx) -> CriterionResult:
    run, yr = 0, ctx.year
    while True:
        r = ctx.facts.rating(yr)
        ok = (p.rating and r is not None and RATING_RANK[r] >= RATING_RANK[p.rating]) or (p.title and ctx.facts.holds(p.title, yr))
        if not ok:
            break
        run, yr = run + 1, yr - 1
    what = RATING_LABEL[p.rating] if p.rating else title_label(p.title or "")
    if run >= p.years:
        return result(c, Status.MET, _("%d năm liên tục %s.") % (run, what))
    return result(
        c, Status.NOT_MET, _("Mới có %d/%d năm liên tục %s.") % (run, p.years, what), _("còn %d năm liên tục %s") % (p.years - run, what)
    )
