"""Small pure functions, one per criterion kind: ``(criterion, params, ctx) -> CriterionResult``.

``EVALUATORS`` maps each params class to its function; the engine looks the function up by the class of
``criterion.params``, so adding a kind of criterion is one dataclass and one function.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

from . import criteria as k
from .facts import (
    DISCIPLINE_RANK,
    RATING_RANK,
    SCOPE_RANK,
    AwardHeld,
    BallotFact,
    CollectiveFacts,
    Initiative,
    PersonFacts,
    ballot_for,
    year_bounds,
    year_label,
    year_of,
)
from .outcomes import CriterionResult, Outcome, Status, _, any_of
from .sharing.tracing import Traced, unwrap
from .wording import coefficient, number, percent

if TYPE_CHECKING:
    from .criteria import Criterion, Policy, Rule
    from .facade import Engine

RATING_LABEL = {
    "excellent": "hoàn thành xuất sắc nhiệm vụ",
    "good": "hoàn thành tốt nhiệm vụ",
    "completed": "hoàn thành nhiệm vụ",
    "not_completed": "không hoàn thành nhiệm vụ",
}
FORM_LABEL = {
    "reprimand": "khiển trách",
    "warning": "cảnh cáo",
    "salary_downgrade": "hạ bậc lương",
    "demotion": "giáng chức",
    "removal": "cách chức",
    "dismissal": "buộc thôi việc",
}
LEAVE_LABEL = {
    "maternity": "nghỉ thai sản",
    "training": "đi học, bồi dưỡng ngắn hạn",
    "sick": "nghỉ ốm",
    "other": "nghỉ khác",
}
SCOPE_LABEL = {"unit": "cấp cơ sở", "province": "cấp tỉnh", "national": "cấp toàn quốc"}
TITLE_LABEL = {
    "LDTT": "LĐTT",
    "CSTDCS": "CSTĐCS",
    "CSTD_BO_TINH": "CSTĐ cấp tỉnh",
    "CSTDTQ": "CSTĐTQ",
    "BK_BO_TINH": "Bằng khen cấp Bộ/tỉnh",
    "BK_TTG": "Bằng khen Thủ tướng",
    "HCLD3": "HCLĐ hạng Ba",
    "NGUT": "Nhà giáo Ưu tú",
    "NGND": "Nhà giáo Nhân dân",
    "KNC_GD": "Kỷ niệm chương",
    "GK": "Giấy khen",
    "TTLDXS": "TTLĐXS",
    "TTLDTT": "TTLĐTT",
    "CO_BO_TINH": "Cờ thi đua cấp Bộ/tỉnh",
    "CO_CP": "Cờ thi đua của Chính phủ",
    "BK_BO_TINH_TT": "Bằng khen cấp Bộ/tỉnh (tập thể)",
}
HARDSHIP_AREA = "vùng có điều kiện kinh tế – xã hội đặc biệt khó khăn"
NO_LIMIT = 100  # years back a window may reach when nothing bounds it


def title_label(code: str) -> str:
    return TITLE_LABEL.get(code, code)


@dataclass(slots=True)
class Ctx:
    facts: PersonFacts | CollectiveFacts
    year: int
    day: dt.date
    rule: Rule
    engine: Engine
    policy: Policy
    notes: list[str] = field(default_factory=list)

    def known(self, award: AwardHeld) -> bool:
        """Awards decided after the evaluation date are not yet history."""
        return award.decision_date is None or award.decision_date <= self.day

    def ask(self, qid: tuple, fn: Callable[[PersonFacts | CollectiveFacts], Any]) -> Any:
        """``fn(facts)``, a question to the facts named ``qid``. A rule being traced (``tracing``) notes the
        question and its answer, not the raw reads behind it: people whose awards differ only in what ``fn``
        does not return then share the outcome."""
        facts = self.facts
        if type(facts) is Traced:
            answer = fn(facts._real)
            facts.note(qid, lambda ctx: fn(ctx.facts), answer)
            return answer
        return fn(facts)

    def merit_spans(self, codes, default_span: int = 1) -> tuple[tuple[str, int, int, int], ...]:
        """(code, school year, first and last year of the achievement period) of the merit awards of
        ``codes`` known on the day, in the order of the facts."""
        day = self.day

        def spans(f) -> tuple:
            if not f.awards:
                return ()
            return tuple(
                (a.code, a.year, *a.span(default_span))
                for a in f.awards
                if a.code in codes and a.is_merit and (a.decision_date is None or a.decision_date <= day)
            )

        return self.ask(("merit_spans", codes, default_span, day), spans)

    def merit(self, codes) -> list[AwardHeld]:
        if not self.facts.awards:  # most people, most of the time: skip the filtering
            return []
        day = self.day
        return [a for a in self.facts.awards if a.code in codes and a.is_merit and (a.decision_date is None or a.decision_date <= day)]

    def title_status(self, code: str, year: int, same_cycle: bool) -> tuple[Status, str]:
        """Held that year (merit only), or, for the evaluated year, meets the standard in this round."""
        if any(held_year == year for _code, held_year, _first, _last in self.merit_spans((code,))):
            return Status.MET, _("đã được tặng")
        if same_cycle and year == self.year and isinstance(self.facts, PersonFacts):
            outcome = self.engine.evaluate(self.facts, code, year=year, day=self.day)
            return same_round_status(outcome), _("đang xét cùng đợt")
        return Status.NOT_MET, ""


def same_round_status(outcome: Outcome) -> Status:
    """Whether a title considered in the same round counts toward another (a chain, a standard, a collective's
    members): its outcome's verdict, except that a council vote not held yet does not stop it. The council
    votes on people who meet the standard; a vote that failed does stop it (the outcome is not eligible)."""
    verdict = outcome.verdict.value
    if verdict == "eligible":
        return Status.MET
    if verdict != "undetermined":
        return Status.NOT_MET
    if any(r.key == k.VOTE_KEY for r in outcome.criteria) and all(r.status is Status.MET or r.key == k.VOTE_KEY for r in outcome.criteria):
        return Status.MET
    return Status.UNKNOWN


def _res(c: Criterion, status: Status, reason: str, missing: str = "", evidence=(), children=()) -> CriterionResult:
    return CriterionResult(
        key=c.key, label=c.label, status=status, reason=reason, citation=c.cite, tag=c.tag,
        missing="" if status is Status.MET else (missing or c.missing), evidence=tuple(evidence), children=tuple(children),
    )  # fmt: skip


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return dt.date(year, month, min(day.day, last))


def full_years(start: dt.date, end: dt.date) -> int:
    """Complete years from ``start`` to ``end`` (anniversaries reached)."""
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return max(years, 0)


# -- windows ----------------------------------------------------------------------------------------------
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
    if w.discipline_resets and isinstance(ctx.facts, PersonFacts):
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
    if w.run_rating and isinstance(ctx.facts, PersonFacts):
        yr = y
        while yr >= start and (r := ctx.facts.rating(yr)) is not None and RATING_RANK[r] >= RATING_RANK[w.run_rating]:
            yr -= 1
        start = max(start, yr + 1)
    if w.span:
        start = max(start, y - w.span + 1)
    return start, why


# -- individual evaluators ----------------------------------------------------------------------------------
def rating_at_least(c: Criterion, p: k.RatingAtLeast, ctx: Ctx) -> CriterionResult:
    rating = ctx.facts.rating(ctx.year)
    if rating is None:
        return _res(
            c, Status.UNKNOWN, _("Chưa có xếp loại năm học %s.") % year_label(ctx.year), _("xếp loại năm học %s") % year_label(ctx.year)
        )
    ok = RATING_RANK[rating] >= RATING_RANK[p.min]
    return _res(c, Status.MET if ok else Status.NOT_MET, _("Năm học %s xếp loại %s.") % (year_label(ctx.year), RATING_LABEL[rating]))


def confirmed(c: Criterion, p: k.Confirmed, ctx: Ctx) -> CriterionResult:
    value = ctx.facts.confirmed.get(p.fact)
    if value is None:
        return _res(c, Status.UNKNOWN, _("Cần cán bộ xác nhận."), _("xác nhận: %s") % c.label)
    if value:
        return _res(c, Status.MET, _("Đã được xác nhận."))
    return _res(c, Status.NOT_MET, _("Được xác nhận là không đạt."))


def no_discipline(c: Criterion, p: k.NoDiscipline, ctx: Ctx) -> CriterionResult:
    hits = [d for d in ctx.facts.disciplines_in(ctx.year) if DISCIPLINE_RANK[d.form] >= DISCIPLINE_RANK[p.min_form]]
    if hits:
        forms = ", ".join(FORM_LABEL[d.form] for d in hits)
        return _res(
            c, Status.NOT_MET, _("Bị kỷ luật %s trong năm học %s.") % (forms, year_label(ctx.year)), _("không thể khắc phục trong năm này")
        )
    return _res(c, Status.MET, _("Không có kỷ luật từ %s trở lên trong năm học %s.") % (FORM_LABEL[p.min_form], year_label(ctx.year)))


def no_pending(c: Criterion, p: k.NoPending, ctx: Ctx) -> CriterionResult:
    f = ctx.facts
    pending = [d for d in f.disciplines if d.status == "pending" and (d.end is None or d.end >= ctx.day)]
    if pending or f.pending_investigation:
        return _res(c, Status.NOT_MET, _("Đang bị xem xét kỷ luật hoặc điều tra, thanh tra: chưa khen thưởng, đề nghị."))
    return _res(c, Status.MET, _("Không có hồ sơ kỷ luật đang xem xét, điều tra."))


def _service_terms(p: k.MinService, f: PersonFacts, year: int, day: dt.date) -> tuple:
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
    terms = _service_terms(p, ctx.facts, ctx.year, ctx.day)
    form = terms[0]
    if form == "unknown":
        return _res(c, Status.UNKNOWN, _("Thiếu ngày tuyển dụng."), _("ngày tuyển dụng"))
    if form == "not_yet":
        return _res(c, Status.NOT_MET, _("Chưa công tác trong năm học %s.") % year_label(ctx.year))
    if form == "after_day":
        _form, start, until = terms
        return _res(c, Status.NOT_MET, _("Tuyển dụng ngày %s, sau ngày xét %s.") % (f"{start:%d/%m/%Y}", f"{until:%d/%m/%Y}"))
    if form == "served":
        _form, until, counted = terms
        return _res(
            c, Status.MET, _("Đã công tác đủ %d tháng trước năm học %s.") % (p.months, year_label(ctx.year)) + _counted_note(counted)
        )
    _form, start, until, lost, counted, done = terms
    span = _("Công tác từ ngày tuyển dụng %s đến %s") % (f"{start:%d/%m/%Y}", f"{until:%d/%m/%Y}")
    lost_note = _(", trừ %d ngày nghỉ không được tính") % lost if lost else ""
    if done <= until:
        return _res(c, Status.MET, _("%s%s: đủ %d tháng.") % (span, lost_note, p.months) + _counted_note(counted))
    when = (_(" Đủ %d tháng vào ngày %s.") % (p.months, f"{done:%d/%m/%Y}")) if done <= year_bounds(ctx.year)[1] else ""
    return _res(c, Status.NOT_MET, _("%s%s: chưa đủ %d tháng (người mới tuyển dụng).") % (span, lost_note, p.months) + when
                + _counted_note(counted))  # fmt: skip


def meets_standard(c: Criterion, p: k.MeetsStandard, ctx: Ctx) -> CriterionResult:
    outcome = ctx.engine.evaluate(ctx.facts, p.code, year=ctx.year, day=ctx.day)
    status = same_round_status(outcome)
    reason = _("Đạt tiêu chuẩn %s.") % title_label(p.code) if status is Status.MET else _("Chưa đạt tiêu chuẩn %s.") % title_label(p.code)
    missing = "; ".join(outcome.missing())
    return _res(c, status, reason, missing, children=outcome.criteria)


def _category_of(ctx: Ctx, code: str) -> str:
    rule = ctx.engine.book.on(code, ctx.day) or next((r for r in ctx.engine.book.rules if r.code == code), None)
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
        return _res(c, Status.NOT_MET, _("Chưa có khen thưởng làm mốc tính thời gian."), _("khen thưởng làm mốc trước đó"))
    usable, skipped = _pick_initiatives(ctx, start, p.min_scope, p.kinds, p.extra_to_titles)
    period = year_label(ctx.year) if start == ctx.year else _("%s–%s") % (year_label(start), year_label(ctx.year))
    if start < ctx.year - NO_LIMIT + 1:
        period = _("đến năm học %s") % year_label(ctx.year)
    detail = (_(" Không tính: %s.") % "; ".join(skipped)) if skipped else ""
    detail += (" " + "; ".join(why) + ".") if why else ""
    if len(usable) >= p.n:
        chosen = usable[: p.n]
        return _res(c, Status.MET, _("Có %d sáng kiến/đề tài %s trở lên (%s): %s.") % (len(usable), SCOPE_LABEL[p.min_scope], period,
                    ", ".join(i.id for i in chosen)) + detail, evidence=[i.id for i in chosen])  # fmt: skip
    lacking = p.n - len(usable)
    return _res(c, Status.NOT_MET, _("Có %d/%d sáng kiến/đề tài %s dùng được (%s).") % (len(usable), p.n, SCOPE_LABEL[p.min_scope], period) + detail,
                _("%d sáng kiến %s") % (lacking, SCOPE_LABEL[p.min_scope]))  # fmt: skip


def prior_award(c: Criterion, p: k.PriorAward, ctx: Ctx) -> CriterionResult:
    w = p.window
    latest_ok = ctx.year - w.min_years
    found = [a for a in ctx.merit(w.after_prereq) if a.span()[1] <= latest_ok]
    names = "/".join(title_label(x) for x in w.after_prereq)
    if found:
        a = max(found, key=lambda a: a.span()[1])
        return _res(c, Status.MET, _("Có %s năm học %s (loại công trạng).") % (title_label(a.code), year_label(a.span()[1])),
                    evidence=[a.decision_number or f"{a.code}:{year_label(a.year)}"])  # fmt: skip
    later = [a for a in ctx.merit(w.after_prereq) if a.span()[1] > latest_ok]
    other = [a for a in ctx.facts.awards if a.code in w.after_prereq and not a.is_merit]
    reason = _("Chưa có %s kết thúc thời gian lập thành tích trước năm học %s.") % (names, year_label(latest_ok + 1))
    if later:
        reason += _(" %s năm học %s chưa đủ %d năm sau đó.") % (names, year_label(later[-1].span()[1]), w.min_years)
    if other:
        reason += _(" Khen thưởng đột xuất, chuyên đề không được dùng làm căn cứ (NĐ 152/2025 Điều 4.3).")
    return _res(c, Status.NOT_MET, reason)


@lru_cache(maxsize=256)
def _without_run(w: k.Window) -> k.Window:
    return replace(w, run_rating=None)


def rating_run(c: Criterion, p: k.RatingRun, ctx: Ctx) -> CriterionResult:
    # The run is what this criterion measures, so the window must not already be cut to it.
    start, why = window_start(ctx, _without_run(p.window))
    if start is None:
        return _res(c, Status.NOT_MET, _("Chưa có khen thưởng làm mốc tính thời gian."), _("khen thưởng làm mốc trước đó"))
    if ctx.facts.rating(ctx.year) is None:
        return _res(
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
        return _res(
            c, Status.MET, _("%d năm liên tục %s trở lên đến năm học %s.") % (run, RATING_LABEL[p.min], year_label(ctx.year)) + tail
        )
    return _res(c, Status.NOT_MET, _("Mới có %d/%d năm liên tục %s trở lên.") % (run, p.years, RATING_LABEL[p.min]) + tail,
                _("còn %d năm liên tục %s") % (p.years - run, RATING_LABEL[p.min]))  # fmt: skip


def rating_count(c: Criterion, p: k.RatingCount, ctx: Ctx) -> CriterionResult:
    start, _why = window_start(ctx, p.window)
    if start is None:
        return _res(c, Status.NOT_MET, _("Chưa có khen thưởng làm mốc tính thời gian."), _("khen thưởng làm mốc trước đó"))
    years = [yr for yr in range(start, ctx.year + 1) if (r := ctx.facts.rating(yr)) is not None and RATING_RANK[r] >= RATING_RANK[p.min]]
    if len(years) >= p.n:
        return _res(c, Status.MET, _("%d năm %s: %s.") % (len(years), RATING_LABEL[p.min], ", ".join(map(year_label, years))))
    return _res(c, Status.NOT_MET, _("Có %d/%d năm %s trong thời gian xét.") % (len(years), p.n, RATING_LABEL[p.min]),
                _("%d năm %s") % (p.n - len(years), RATING_LABEL[p.min]))  # fmt: skip


def _chain(ctx: Ctx, code: str, start: int, same_cycle: bool) -> tuple[int, Status, str]:
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
    run, head, broke = _chain(ctx, p.code, start, p.same_cycle)
    tail = (_(" Chuỗi dừng: %s.") % broke if broke else "") + ((" " + "; ".join(why) + ".") if why else "")
    if run >= p.years:
        status = Status.MET if head is Status.MET else Status.UNKNOWN
        reason = _("%d năm liên tục %s đến năm học %s.") % (run, title_label(p.code), year_label(ctx.year))
        if head is Status.UNKNOWN:
            reason += _(" Năm học %s chưa xác định được %s.") % (year_label(ctx.year), title_label(p.code))
        return _res(c, status, reason + tail, _("xác định %s năm học %s") % (title_label(p.code), year_label(ctx.year)))
    return _res(c, Status.NOT_MET, _("Mới có %d/%d năm liên tục %s.") % (run, p.years, title_label(p.code)) + tail,
                _("còn %d năm liên tục %s") % (p.years - run, title_label(p.code)))  # fmt: skip


def _first_award_year(f) -> int | None:
    return min((a.year for a in f.awards), default=None)


def title_count(c: Criterion, p: k.TitleCount, ctx: Ctx) -> CriterionResult:
    start, _why = window_start(ctx, p.window)
    if start is None:
        return _res(c, Status.NOT_MET, _("Chưa có khen thưởng làm mốc tính thời gian."), _("khen thưởng làm mốc trước đó"))
    met, unknown = [], []
    first = min(ctx.year, ctx.ask(("first_award_year",), _first_award_year) or ctx.year)
    for yr in range(max(start, first), ctx.year + 1):
        status, _how = ctx.title_status(p.code, yr, p.same_cycle)
        (met if status is Status.MET else unknown if status is Status.UNKNOWN else []).append(yr)
    years = ", ".join(map(year_label, met)) or "không có"
    if len(met) >= p.n:
        return _res(
            c, Status.MET, _("%d lần %s: %s.") % (len(met), title_label(p.code), years), evidence=[f"{p.code}:{year_label(y)}" for y in met]
        )
    if len(met) + len(unknown) >= p.n:
        return _res(
            c, Status.UNKNOWN, _("%d lần %s (%s); năm học %s chưa xác định.") % (len(met), title_label(p.code), years, year_label(ctx.year))
        )
    return _res(c, Status.NOT_MET, _("Có %d/%d lần %s trong thời gian xét (%s).") % (len(met), p.n, title_label(p.code), years),
                _("%d lần %s") % (p.n - len(met), title_label(p.code)))  # fmt: skip


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
        return _res(c, Status.NOT_MET, _("Chưa có %s gần đây.") % title_label(p.code), _("%d lần liên tục %s") % (p.n, title_label(p.code)))
    chain = [spans[-1]]
    for s in reversed(spans[:-1]):
        if s[1] + 1 == chain[-1][0]:
            chain.append(s)
        elif s[1] < chain[-1][0] - 1:
            break
    text = ", ".join(f"{year_label(a)}–{year_label(b)}" for a, b in reversed(chain))
    if len(chain) >= p.n:
        status = Status.MET if head is Status.MET or len(chain) > p.n else Status.UNKNOWN
        return _res(c, status, _("%d lần liên tục %s (%s).") % (len(chain), title_label(p.code), text))
    return _res(c, Status.NOT_MET, _("Mới có %d/%d lần liên tục %s (%s).") % (len(chain), p.n, title_label(p.code), text),
                _("thêm %d lần liên tục %s") % (p.n - len(chain), title_label(p.code)))  # fmt: skip


def chain_with_initiatives(c: Criterion, p: k.ChainWithInitiatives, ctx: Ctx) -> CriterionResult:
    start, _why = window_start(ctx, p.window)
    start = ctx.year - NO_LIMIT if start is None else start
    paths = []
    if p.title:
        run, head, _broke = _chain(ctx, p.title, start, True)
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
        return _res(c, Status.NOT_MET, _("Chưa đủ chuỗi %d năm (%s).") % (p.years, what), _("còn %d năm liên tục") % (p.years - longest))
    ok, head, text, usable, skipped = best
    detail = (_(" Không tính: %s.") % "; ".join(skipped)) if skipped else ""
    if ok:
        status = Status.MET if head is Status.MET else Status.UNKNOWN
        return _res(c, status, _("%s, có %d sáng kiến %s: %s.") % (text, len(usable), SCOPE_LABEL[p.min_scope], ", ".join(i.id for i in usable[: p.n]))
                    + detail, evidence=[i.id for i in usable[: p.n]])  # fmt: skip
    return _res(c, Status.NOT_MET, _("%s nhưng chỉ có %d/%d sáng kiến %s dùng được.") % (text, len(usable), p.n, SCOPE_LABEL[p.min_scope]) + detail,
                _("%d sáng kiến %s (ngoài sáng kiến đã dùng cho %s)") % (p.n - len(usable), SCOPE_LABEL[p.min_scope], title_label(p.title or "")))  # fmt: skip


def not_held(c: Criterion, p: k.NotHeld, ctx: Ctx) -> CriterionResult:
    held = [a for a in ctx.facts.awards if a.code == p.code and not a.revoked and ctx.known(a)]
    if held:
        return _res(
            c, Status.NOT_MET, _("Đã được tặng %s năm học %s.") % (title_label(p.code), year_label(held[0].year)), _("chỉ tặng một lần")
        )
    return _res(c, Status.MET, _("Chưa được tặng."))


def has_award(c: Criterion, p: k.HasAward, ctx: Ctx) -> CriterionResult:
    held = [a for a in ctx.facts.awards if a.code in p.codes and not a.revoked and ctx.known(a)]
    if held:
        return _res(c, Status.MET, _("Đã có %s (năm học %s).") % (title_label(held[0].code), year_label(held[0].year)))
    return _res(c, Status.NOT_MET, _("Chưa có %s.") % " hoặc ".join(map(title_label, p.codes)))


AWAY_LABEL = {"sent_to_study": "được cử đi học", "military_service": "thực hiện nghĩa vụ quân sự"}


def years_text(value: Fraction) -> str:
    """Years with one decimal, rounded down, decimal comma: 1,9."""
    tenths = (value * 10).__floor__()
    return f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths // 10},{tenths % 10}"


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


def sector_years(c: Criterion, p: k.SectorYears, ctx: Ctx) -> CriterionResult:
    f = ctx.facts
    required = p.years
    if p.by_gender:
        table = dict(p.by_gender)
        if f.gender not in table:
            return _res(c, Status.UNKNOWN, _("Thiếu giới tính (số năm yêu cầu khác nhau theo giới tính)."), _("giới tính"))
        required = table[f.gender]
    if p.hardship_years is not None and f.in_hardship_area_now and (f.hardship_years or 0) >= p.hardship_min_years:
        required = p.hardship_years
    lost = _discipline_days(f, ctx.day) if p.exclude_discipline else 0
    away = 0
    if f.sector_years is not None:
        if p.counted_away and f.leaves:  # time worked, stated: the periods away are added
            away = _away_days(f, p.counted_away, ctx.day)
        have = Fraction(f.sector_years) - Fraction(lost, 365) + Fraction(away, 365)
    elif f.sector_start is not None:
        if p.counted_away and f.leaves:  # counted from the first day: only the periods away before it are added
            away = _away_days(f, p.counted_away, min(ctx.day, f.sector_start - dt.timedelta(days=1)))
        have = Fraction(full_years(f.sector_start + dt.timedelta(days=lost) - dt.timedelta(days=away), ctx.day))
    else:
        return _res(c, Status.UNKNOWN, _("Thiếu thời gian công tác trong ngành."), _("ngày vào ngành hoặc số năm công tác trong ngành"))
    hardship_note = ""
    if p.hardship_years is not None and required == p.hardship_years:
        hardship_note = _(" Đang công tác từ %d năm trở lên ở %s: yêu cầu %d năm.") % (
            p.hardship_min_years,
            HARDSHIP_AREA,
            p.hardship_years,
        )
    elif p.hardship_years is not None and f.in_hardship_area_now is None:
        hardship_note = _(" Chưa rõ có đang công tác ở %s (được giảm còn %d năm).") % (HARDSHIP_AREA, p.hardship_years)
    lost_note = _(" Đã trừ %d ngày bị kỷ luật.") % lost if lost else ""
    if away:
        kinds = [AWAY_LABEL[kind] for kind in p.counted_away if any(x.kind == kind for x in f.leaves)]
        lost_note += _(" Đã tính %s năm %s rồi trở về ngành.") % (years_text(Fraction(away, 365)), " và ".join(kinds))
    shown = number(have, 1)
    if have >= required:
        return _res(c, Status.MET, _("%s năm trong ngành, yêu cầu %d năm.") % (shown, required) + lost_note + hardship_note)
    if p.hardship_years is not None and f.in_hardship_area_now is None and have >= p.hardship_years:
        return _res(c, Status.UNKNOWN, _("%s năm trong ngành.") % shown + hardship_note, _("xác nhận công tác ở %s") % HARDSHIP_AREA)
    return _res(c, Status.NOT_MET, _("%s năm trong ngành, yêu cầu %d năm.") % (shown, required) + lost_note + hardship_note,
                _("còn %s năm công tác trong ngành") % number(required - have, 1))  # fmt: skip


def teaching_tenure(c: Criterion, p: k.TeachingTenure, ctx: Ctx) -> CriterionResult:
    f = ctx.facts
    if f.staff_type is None:
        return _res(c, Status.UNKNOWN, _("Thiếu loại cán bộ (giáo viên hay cán bộ quản lý)."), _("loại cán bộ"))
    if f.staff_type in ("staff", "worker"):
        return _res(c, Status.NOT_MET, _("Không thuộc đối tượng nhà giáo, cán bộ quản lý, nghiên cứu giáo dục (Luật 2022 Điều 64.1)."))
    if f.teaching_years is None:
        return _res(c, Status.UNKNOWN, _("Thiếu số năm trực tiếp giảng dạy."), _("số năm trực tiếp giảng dạy"))
    extra = (p.multiplier - 1) * Fraction(f.hardship_teaching_years or 0)
    teaching = Fraction(f.teaching_years) + extra
    hard = _(" Thời gian ở biên giới, hải đảo, %s tính hệ số %s.") % (HARDSHIP_AREA, coefficient(p.multiplier))
    if f.staff_type == "teacher":
        ok = teaching >= p.teaching
        return _res(c, Status.MET if ok else Status.NOT_MET, _("%s năm giảng dạy, yêu cầu %d.") % (number(teaching), p.teaching) + hard,
                    _("còn %s năm giảng dạy") % number(p.teaching - teaching))  # fmt: skip
    if f.sector_years is None:
        return _res(c, Status.UNKNOWN, _("Thiếu số năm công tác trong ngành."), _("số năm công tác trong ngành"))
    sector = Fraction(f.sector_years) + (p.multiplier - 1) * Fraction(f.hardship_years or 0)
    ok = sector >= p.sector and teaching >= p.manager_teaching
    return _res(c, Status.MET if ok else Status.NOT_MET, _("%s năm trong ngành (yêu cầu %d), %s năm giảng dạy (yêu cầu %d).")
                % (number(sector), p.sector, number(teaching), p.manager_teaching) + hard)  # fmt: skip


def vote_percent(value: Fraction) -> str:
    """A share as a percentage the way Vietnamese texts write it: at most two decimals, rounded down (a share
    just under a threshold never reads as reaching it), decimal comma: 80, 73,33."""
    hundredths = (value * 10000).__floor__()
    whole, part = divmod(hundredths, 100)
    return f"{whole}" if part == 0 else f"{whole},{part:02d}".rstrip("0")


def _needed(threshold: Fraction, total: int) -> int:
    return -((-threshold * total).__floor__())  # the fewest votes reaching the threshold


def council_vote(c: Criterion, p: k.CouncilVote, ctx: Ctx) -> CriterionResult:
    b = ballot_for(ctx.facts.ballots, ctx.rule.code, ctx.year, ctx.day) if ctx.facts.ballots else None
    return _vote_result(c, p, b)


def _vote_result(c: Criterion, p: k.CouncilVote, b: BallotFact | None) -> CriterionResult:
    required = vote_percent(p.threshold)
    if b is None:
        return _res(c, Status.UNKNOWN, _("Chưa bỏ phiếu: chưa có kết quả bỏ phiếu kín của Hội đồng Thi đua – Khen thưởng (cần từ %s%% "
                                         "tổng số thành viên Hội đồng đồng ý).") % required,
                    _("kết quả bỏ phiếu kín của Hội đồng Thi đua – Khen thưởng"))  # fmt: skip
    votes = b.in_favour + b.in_favour_written
    share = Fraction(votes, b.total_members)
    how = (
        _(" (%d tại phiên họp, %d thành viên vắng mặt đồng ý bằng văn bản)") % (b.in_favour, b.in_favour_written)
        if b.in_favour_written
        else ""
    )
    when = _(" ngày %s") % f"{b.session_date:%d/%m/%Y}" if b.session_date else ""
    text = _("Bỏ phiếu kín%s: %d/%d thành viên Hội đồng đồng ý%s, đạt %s%% tổng số thành viên; yêu cầu từ %s%% trở lên.") % (
        when, votes, b.total_members, how, vote_percent(share), required)  # fmt: skip
    if share >= p.threshold:
        return _res(c, Status.MET, text)
    needed = _needed(p.threshold, b.total_members)
    return _res(c, Status.NOT_MET, text, _("cần ít nhất %d/%d thành viên Hội đồng đồng ý") % (needed, b.total_members))


def not_modelled(c: Criterion, p: k.NotModelled, ctx: Ctx) -> CriterionResult:
    return _res(c, Status.UNKNOWN, p.statement, _("hội đồng đánh giá theo văn bản"))


# -- collective evaluators ----------------------------------------------------------------------------------
def collective_rating(c: Criterion, p: k.CollectiveRating, ctx: Ctx) -> CriterionResult:
    return rating_at_least(c, k.RatingAtLeast(p.min), ctx)


def _members(c: Criterion, ctx: Ctx):
    members = ctx.facts.members
    if members is None:
        return None, _res(c, Status.UNKNOWN, _("Thiếu danh sách thành viên."), _("danh sách thành viên"))
    if not members:
        return None, _res(c, Status.NOT_MET, _("Tập thể không có thành viên."))
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
    reason = _("%d/%d thành viên đạt LĐTT (%s), yêu cầu %s %s.") % (len(holders), total, percent(share), "trên" if p.op == ">" else "ít nhất",
                                                                   percent(p.ratio)) + note  # fmt: skip
    return _res(c, Status.MET if ok else Status.NOT_MET, reason, _("thêm %d thành viên đạt LĐTT") % (needed - len(holders)))


def all_members_at_least(c: Criterion, p: k.AllMembersAtLeast, ctx: Ctx) -> CriterionResult:
    members, early = _members(c, ctx)
    if early:
        return early
    below = [m.id for m in members if m.rating is not None and RATING_RANK[m.rating] < RATING_RANK[p.min]]
    missing = [m.id for m in members if m.rating is None]
    if below:
        return _res(c, Status.NOT_MET, _("Thành viên chưa %s: %s.") % (RATING_LABEL[p.min], ", ".join(below)))
    if missing:
        return _res(c, Status.UNKNOWN, _("Thiếu xếp loại của: %s.") % ", ".join(missing), _("xếp loại của %d thành viên") % len(missing))
    return _res(c, Status.MET, _("Tất cả %d thành viên %s trở lên.") % (len(members), RATING_LABEL[p.min]))


def no_member_discipline(c: Criterion, p: k.NoMemberDiscipline, ctx: Ctx) -> CriterionResult:
    members, early = _members(c, ctx)
    if early:
        return early
    hits = [m.id for m in members if any(DISCIPLINE_RANK[f] >= DISCIPLINE_RANK[p.min_form] for f in m.disciplines)]
    if hits:
        return _res(c, Status.NOT_MET, _("Thành viên bị kỷ luật từ %s trở lên: %s.") % (FORM_LABEL[p.min_form], ", ".join(hits)))
    return _res(c, Status.MET, _("Không có thành viên bị kỷ luật từ %s trở lên.") % FORM_LABEL[p.min_form])


def has_member_with(c: Criterion, p: k.HasMemberWith, ctx: Ctx) -> CriterionResult:
    members, early = _members(c, ctx)
    if early:
        return early
    hits = [m.id for m in members if m.titles & set(p.titles)]
    if hits:
        return _res(c, Status.MET, _("Có %d thành viên đạt: %s.") % (len(hits), ", ".join(hits)), evidence=hits)
    return _res(
        c, Status.NOT_MET, _("Không có thành viên đạt %s.") % title_label(p.titles[0]), _("1 thành viên đạt %s") % title_label(p.titles[0])
    )


def leads_cluster(c: Criterion, p: k.LeadsCluster, ctx: Ctx) -> CriterionResult:
    f = ctx.facts
    values = [f.cluster_leader] + ([f.movement_leader] if p.or_movement else [])
    if any(values):
        return _res(c, Status.MET, _("Dẫn đầu cụm, khối thi đua.") if f.cluster_leader else _("Dẫn đầu phong trào chuyên đề ≥ 5 năm."))
    if all(v is False for v in values):
        return _res(c, Status.NOT_MET, _("Không dẫn đầu cụm, khối thi đua."))
    return _res(c, Status.UNKNOWN, _("Chưa có kết quả xếp hạng cụm, khối thi đua."), _("kết quả xếp hạng cụm, khối"))


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
        return _res(c, Status.MET, _("%d năm liên tục %s.") % (run, what))
    return _res(
        c, Status.NOT_MET, _("Mới có %d/%d năm liên tục %s.") % (run, p.years, what), _("còn %d năm liên tục %s") % (p.years - run, what)
    )


def _shared_by_children(c: Criterion, children, ctx: Ctx, build: Callable[[], CriterionResult]) -> CriterionResult:
    """A result made only of its children: shared when every child is itself a shared result (their ``id``
    then stays valid as long as the engine, and the same children give the same result)."""
    engine = ctx.engine
    if not isinstance(ctx.facts, PersonFacts) or not all(id(ch) in engine.shared_ids for ch in children):
        return build()
    full = (id(c), *map(id, children))
    result = engine.shared.get(full)
    if result is None:
        result = engine.share(full, build())
    return result


def any_of_options(c: Criterion, p: k.AnyOf, ctx: Ctx) -> CriterionResult:
    children = [evaluate_criterion(o, ctx) for o in p.options]
    return _shared_by_children(c, children, ctx, lambda: _any_of_result(c, children))


def _any_of_result(c: Criterion, children: list[CriterionResult]) -> CriterionResult:
    status = any_of([ch.status for ch in children])
    met = [ch for ch in children if ch.status is Status.MET]
    if met:
        return _res(c, status, _("Đạt: %s.") % met[0].label, evidence=met[0].evidence, children=children)
    missing = " hoặc ".join(ch.missing or ch.label for ch in children)
    reason = _("Chưa đạt trường hợp nào.") if status is Status.NOT_MET else _("Chưa xác định được: cần thêm dữ kiện.")
    return _res(c, status, reason, c.missing or missing, children=children)


EVALUATORS: dict[type, Callable] = {
    k.RatingAtLeast: rating_at_least,
    k.Confirmed: confirmed,
    k.NoDiscipline: no_discipline,
    k.NoPending: no_pending,
    k.MinService: min_service,
    k.MeetsStandard: meets_standard,
    k.InitiativeCount: initiative_count,
    k.PriorAward: prior_award,
    k.RatingRun: rating_run,
    k.RatingCount: rating_count,
    k.TitleChain: title_chain,
    k.TitleCount: title_count,
    k.AwardChain: award_chain,
    k.ChainWithInitiatives: chain_with_initiatives,
    k.NotHeld: not_held,
    k.HasAward: has_award,
    k.SectorYears: sector_years,
    k.TeachingTenure: teaching_tenure,
    k.NotModelled: not_modelled,
    k.CouncilVote: council_vote,
    k.CollectiveRating: collective_rating,
    k.MemberShare: member_share,
    k.AllMembersAtLeast: all_members_at_least,
    k.NoMemberDiscipline: no_member_discipline,
    k.HasMemberWith: has_member_with,
    k.LeadsCluster: leads_cluster,
    k.CollectiveRun: collective_run,
    k.AnyOf: any_of_options,
}


# Criteria whose result depends on a few facts only: the key of those facts (``None``: do not share). People
# with the same key get the same (immutable) ``CriterionResult`` object, built once per engine. Each key
# holds everything the evaluator reads besides the criterion itself.
def _pending_key(c: Criterion, p, ctx: Ctx) -> tuple:
    f, day = ctx.facts, ctx.day
    return (bool(f.pending_investigation) or any(d.status == "pending" and (d.end is None or d.end >= day) for d in f.disciplines),)


def _initiative_key(c: Criterion, p, ctx: Ctx) -> tuple | None:
    if ctx.facts.initiatives:
        return None
    start, why = window_start(ctx, p.window)  # the period and notes of the reason
    return (ctx.year, start, tuple(why))


def _service_key(c: Criterion, p, ctx: Ctx) -> tuple:
    return (ctx.year, *_service_terms(p, ctx.facts, ctx.year, ctx.day))


def _tenure_key(c: Criterion, p, ctx: Ctx) -> tuple:
    f = ctx.facts  # the facts ``teaching_tenure`` reads: a teacher's sector years do not count
    if f.staff_type == "teacher":
        return (f.staff_type, f.teaching_years, f.hardship_teaching_years)
    return (f.staff_type, f.teaching_years, f.hardship_teaching_years, f.sector_years, f.hardship_years)


def _sector_key(c: Criterion, p, ctx: Ctx) -> tuple | None:
    # Without disciplines no day is lost, so ``sector_years`` reads these facts and the whole years in the sector.
    f = ctx.facts
    if f.disciplines or (p.counted_away and any(x.kind in p.counted_away for x in f.leaves)):
        return None
    years = None if f.sector_years is not None or f.sector_start is None else full_years(f.sector_start, ctx.day)
    # The years served in hard areas matter only for those serving there now, and only against the minimum.
    hardship = (f.hardship_years or 0) >= p.hardship_min_years if p.hardship_years is not None and f.in_hardship_area_now else None
    return (f.gender, f.in_hardship_area_now, hardship, f.sector_years, f.sector_start is None, years)


def _held_key(c: Criterion, p, ctx: Ctx) -> tuple:
    # ``not_held`` and ``has_award`` read only the first such award held (its code and year), if any.
    codes = p.codes if isinstance(p, k.HasAward) else (p.code,)
    held = next((a for a in ctx.facts.awards if a.code in codes and not a.revoked and ctx.known(a)), None)
    return (held.code, held.year) if held else (None,)


def _vote_key(c: Criterion, p, ctx: Ctx) -> tuple:
    # The result is the ballot's numbers and date (its title and year are the criterion's rule and ``ctx.year``).
    b = ballot_for(ctx.facts.ballots, ctx.rule.code, ctx.year, ctx.day) if ctx.facts.ballots else None
    return (b.total_members, b.in_favour, b.in_favour_written, b.session_date) if b else (None,)


SHARED_KEYS: dict[type, Callable[[Criterion, object, Ctx], tuple | None]] = {
    k.CouncilVote: _vote_key,
    k.InitiativeCount: _initiative_key,
    k.Confirmed: lambda c, p, ctx: (ctx.facts.confirmed.get(p.fact),),
    k.RatingAtLeast: lambda c, p, ctx: (ctx.year, ctx.facts.rating(ctx.year)),
    k.NoPending: _pending_key,
    k.NoDiscipline: lambda c, p, ctx: None if ctx.facts.disciplines else (ctx.year,),
    k.MinService: _service_key,
    k.NotHeld: _held_key,
    k.HasAward: _held_key,
    k.TeachingTenure: _tenure_key,
    k.SectorYears: _sector_key,
}


def evaluate_criterion(c: Criterion, ctx: Ctx) -> CriterionResult:
    params = c.params
    kind = type(params)
    keyfn = SHARED_KEYS.get(kind)
    if keyfn is None or not isinstance(ctx.facts, PersonFacts):
        return EVALUATORS[kind](c, params, ctx)
    facts, tracer = unwrap(ctx.facts)
    if tracer is None:
        key = keyfn(c, params, ctx)
    else:  # the key is the question (``tracing``): the raw reads behind it are not
        ctx.facts = facts
        try:
            key = keyfn(c, params, ctx)
        finally:
            ctx.facts = tracer
        if id(c) not in tracer.keyed:  # not among the keys asked at once for the rule (``keyed_criteria``)
            tracer.note(("key", kind, params, ctx.year, ctx.day), _key_ask(c, keyfn, ctx), key)
    if key is None:
        return EVALUATORS[kind](c, params, ctx)
    key = (id(c), *key)
    result = ctx.engine.shared.get(key)
    if result is None:
        ctx.facts = facts  # the result is a function of the key alone
        try:
            result = ctx.engine.share(key, EVALUATORS[kind](c, params, ctx))
        finally:
            ctx.facts = tracer or facts
    return result


def keyed_criteria(rule: Rule) -> tuple[tuple[Criterion, Callable], ...]:
    """The criteria of ``rule`` whose results are shared by key (``SHARED_KEYS``), options of ``AnyOf``
    included, in order: every evaluation of the rule computes each of their keys."""
    out: list[tuple[Criterion, Callable]] = []

    def collect(criteria) -> None:
        for c in criteria:
            keyfn = SHARED_KEYS.get(type(c.params))
            if keyfn is not None:
                out.append((c, keyfn))
            if isinstance(c.params, k.AnyOf):
                collect(c.params.options)

    collect(rule.criteria)
    return tuple(out)


def keys_ask(keyed: tuple[tuple[Criterion, Callable], ...]) -> Callable[[Ctx], tuple]:
    """One question for all the keys of a rule's keyed criteria (``tracing``): a tree then asks one question
    where it would ask one per criterion."""
    pairs = tuple((c, c.params, keyfn) for c, keyfn in keyed)

    def ask(ctx: Ctx) -> tuple:
        return tuple([keyfn(c, params, ctx) for c, params, keyfn in pairs])

    return ask


def _key_ask(c: Criterion, keyfn, ctx: Ctx):
    """How to ask a person's facts for this criterion's shared key (a question of ``tracing``, asked in the
    context of the criterion's own rule, year and day)."""
    asks = ctx.engine.key_asks
    ask = asks.get(id(c))
    if ask is None:
        ask = asks[id(c)] = partial(keyfn, c, c.params)
    return ask
