"""Unit-level rules: shares and caps over everyone of a unit in one school year (DOMAIN §4.2, §12).

A cap (``criteria.UnitCap``, e.g. CSTĐCS ≤ 15 % of the unit's LĐTT under NĐ 91/2017 Điều 9.3) is filled
first by the titles **already decided** for the unit that year; the candidates of this round share what is
left. The system *proposes* an order and explains it, with these keys, best first:

1. the widest scope of an initiative of the year (toàn quốc > tỉnh > cơ sở);
2. the number of initiatives and accepted research topics of the year;
3. the rating of the year (HTXSNV first);
4. the number of HTXSNV ratings in the three previous school years;
5. the length of the unbroken CSTĐCS run before the year.

Without the unit's context in the document (``facts.UnitFacts``: its LĐTT count and its decided CSTĐCS)
the check is advisory: the people of the document may not be the whole unit. With it, each candidate's
outcome gets the cap as a criterion: within the cap (met), beyond it ("vượt tỉ lệ", not met), tied with
others at the last place (unknown: the council decides by secret ballot, NĐ 98 Điều 30.7), or behind
people whose outcome is not determined yet (unknown until it is).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from fractions import Fraction

from .criteria import RatingShare, Rule, UnitCap
from .evaluators import title_label
from .facts import RATING_RANK, SCOPE_RANK, PersonFacts, UnitFacts, year_label
from .outcomes import TAG_SYMBOL, CriterionResult, Outcome, Status, Verdict, _, combine
from .wording import number, percent

ROUNDING_TEXT = {"floor": "làm tròn xuống", "half_up": "làm tròn đến số nguyên gần nhất", "ceil": "làm tròn lên"}
RATING_ABBR = {"excellent": "HTXSNV", "good": "HTTNV", "completed": "HTNV", "not_completed": "KHTNV"}
_VERDICT = {Status.MET: Verdict.ELIGIBLE, Status.NOT_MET: Verdict.NOT_ELIGIBLE}


def _order_key(p: PersonFacts, year: int) -> tuple:
    inits = [i for i in p.initiatives if i.year == year]
    best_scope = max((SCOPE_RANK[i.scope] for i in inits), default=-1)
    rating = RATING_RANK.get(p.rating(year) or "", -1)
    excellent_before = sum(1 for y in range(year - 3, year) if p.rating(y) == "excellent")
    run, y = 0, year - 1
    while p.holds("CSTDCS", y):
        run, y = run + 1, y - 1
    return (best_scope, len(inits), rating, excellent_before, run)


KEY_LABELS = (
    "phạm vi sáng kiến cao nhất",
    "số sáng kiến/đề tài",
    "xếp loại năm",
    "số năm HTXSNV 3 năm trước",
    "số năm CSTĐCS liên tục trước",
)


def _holds(p: PersonFacts, code: str, year: int, day: dt.date | None) -> bool:
    """A merit award of ``code`` for ``year`` decided by ``day``."""
    return any(
        a.code == code and a.is_merit and a.year == year and (day is None or a.decision_date is None or a.decision_date <= day)
        for a in p.awards
    )


def _who(p: PersonFacts) -> str:
    return p.name or p.id


@dataclass(frozen=True)
class Standing:
    """Where a candidate stands against a cap (with the unit's context)."""

    status: Status
    reason: str
    missing: str = ""


@dataclass
class CapCheck:
    """One capped title in one unit: who fills the cap and how each candidate stands."""

    unit: str
    rule: Rule
    cap: UnitCap
    context: UnitFacts | None
    of_count: int  # holders of ``cap.of`` counted (LĐTT)
    limit: int
    decided: list[PersonFacts]  # people of the document holding the title already
    decided_count: int
    eligible: list[PersonFacts]  # candidates found eligible in this round
    undetermined: list[PersonFacts]  # candidates whose outcome is not determined yet
    year: int
    standing: dict[str, Standing] = field(default_factory=dict)  # by person id, with the unit's context only

    @property
    def remaining(self) -> int:
        return max(self.limit - self.decided_count, 0)

    def rounding_text(self) -> str:
        cap, n = self.cap, self.of_count
        return _("%s × %d = %s, %s %s: văn bản không quy định cách làm tròn; đơn vị dưới %d %s không có suất %s nào") % (
            percent(cap.ratio),
            n,
            number(cap.ratio * n),
            ROUNDING_TEXT[cap.rounding],
            TAG_SYMBOL[cap.rounding_tag],
            cap.first_with_one(),
            title_label(cap.of),
            title_label(self.rule.code),
        )

    def summary(self) -> str:
        return _("Đơn vị có %d %s: tối đa %d %s (%s); đã quyết định %d, còn %d suất.") % (
            self.of_count,
            title_label(self.cap.of),
            self.limit,
            title_label(self.rule.code),
            self.rounding_text(),
            self.decided_count,
            self.remaining,
        )

    @property
    def tag(self) -> str:
        """The cap's tag, or the rounding's when rounding changed the number."""
        return self.cap.tag if (self.cap.ratio * self.of_count).denominator == 1 else self.cap.rounding_tag


def decide_caps(
    persons: list[PersonFacts],
    outcomes: dict[str, dict[str, Outcome]],
    *,
    year: int,
    rules: list[Rule],
    day: dt.date | None = None,
    units: dict[str, UnitFacts] | None = None,
) -> list[CapCheck]:
    """Every capped title of ``rules`` in every unit of ``persons``; with a unit's context, each candidate's standing."""
    if not rules:
        return []
    by_unit: dict[str, list[PersonFacts]] = defaultdict(list)
    for p in persons:
        by_unit[p.unit].append(p)
    units = units or {}
    out = []
    for unit, people in sorted(by_unit.items()):
        context = units.get(unit)
        for rule in rules:
            cap = rule.unit_cap
            assert cap is not None
            of_count = sum(1 for p in people if _eligible(outcomes, p, cap.of) or _holds(p, cap.of, year, day))
            decided = [p for p in people if _holds(p, rule.code, year, day)]
            held = {p.id for p in decided}
            rest = [p for p in people if p.id not in held]
            eligible = [p for p in rest if _eligible(outcomes, p, rule.code)]
            undetermined = [p for p in rest if _verdict(outcomes, p, rule.code) is Verdict.UNDETERMINED]
            decided_count = len(decided)
            if context is not None:
                of_count, decided_count = max(of_count, context.ldtt_count), max(decided_count, context.cstdcs_decided)
            check = CapCheck(unit, rule, cap, context, of_count, cap.limit(of_count), decided, decided_count, eligible, undetermined, year)
            if context is not None:
                check.standing = _standings(check)
            out.append(check)
    return out


def _eligible(outcomes, p: PersonFacts, code: str) -> bool:
    o = outcomes.get(p.id, {}).get(code)
    return bool(o and o.eligible)


def _verdict(outcomes, p: PersonFacts, code: str) -> Verdict | None:
    o = outcomes.get(p.id, {}).get(code)
    return o.verdict if o else None


def _standings(check: CapCheck) -> dict[str, Standing]:
    """Each candidate against what is left of the cap, by the proposed order. A candidate is within only if
    everyone who may rank before or level with them fits; beyond when those surely eligible before them
    already fill it; otherwise the council decides (a tie at the last place) or the others' facts do."""
    year, left, label = check.year, check.remaining, title_label(check.rule.code)
    sure = [(_order_key(p, year), p) for p in check.eligible]
    maybe = [(_order_key(p, year), p) for p in check.undetermined]
    everyone = sure + maybe
    over = _("vượt tỉ lệ %s") % percent(check.cap.ratio)
    open_ids = {p.id for p in check.undetermined}
    out = {}
    for key, p in everyone:
        before_sure = sum(1 for k2, _q in sure if k2 > key)
        before = sum(1 for k2, _q in everyone if k2 > key)
        level = [q for k2, q in everyone if k2 == key and q.id != p.id]
        place = (
            _(" Xếp thứ %d trong %d người được xét (%s).") % (before + 1, len(everyone), _("ngang với %d người") % len(level))
            if level
            else _(" Xếp thứ %d trong %d người được xét.") % (before + 1, len(everyone))
        )
        if before + len(level) + 1 <= left:
            out[p.id] = Standing(Status.MET, _("Trong tỉ lệ %s.") % percent(check.cap.ratio) + " " + check.summary() + place)
        elif before_sure >= left:
            out[p.id] = Standing(Status.NOT_MET, _("Không đủ điều kiện: %s.") % over + " " + check.summary() + place, over)
        elif before < left and level and not any(q.id in open_ids for q in [p, *level]) and before_sure == before:
            names = ", ".join(_who(q) for q in level)
            out[p.id] = Standing(
                Status.UNKNOWN,
                _("Cần hội đồng quyết định: ngang nhau với %s ở suất cuối của tỉ lệ %s.") % (names, percent(check.cap.ratio))
                + " "
                + check.summary()
                + place,
                _("hội đồng quyết định (ngang nhau ở suất %s cuối)") % label,
            )
        else:
            out[p.id] = Standing(
                Status.UNKNOWN,
                _("Chưa xác định được: còn %d suất, xếp sau hoặc ngang người chưa xác định đủ tiêu chuẩn.") % left
                + " "
                + check.summary()
                + place,
                _("kết quả xét của người xếp trên (suất %s theo tỉ lệ)") % label,
            )
    return out


def with_cap(outcome: Outcome, check: CapCheck, standing: Standing) -> Outcome:
    """``outcome`` with the cap as one more criterion, and the verdict that follows."""
    result = CriterionResult("unit_cap", check.cap.label, standing.status, standing.reason, check.cap.cite, check.tag, standing.missing)
    criteria = (*outcome.criteria, result)
    verdict = outcome.verdict
    if verdict is not Verdict.NOT_MODELLED:
        verdict = _VERDICT.get(combine([c.status for c in criteria]), Verdict.UNDETERMINED)
    return replace(outcome, criteria=criteria, verdict=verdict)


def capped_outcomes(checks: list[CapCheck], outcomes: dict[str, dict[str, Outcome]]) -> dict[str, dict[str, Outcome]]:
    """Person id → code → the outcome with its cap criterion (only where a unit's context decided it)."""
    out: dict[str, dict[str, Outcome]] = defaultdict(dict)
    for check in checks:
        for pid, standing in check.standing.items():
            out[pid][check.rule.code] = with_cap(outcomes[pid][check.rule.code], check, standing)
    return dict(out)


def unit_checks(
    persons: list[PersonFacts],
    outcomes: dict[str, dict[str, Outcome]],
    *,
    year: int,
    regime: str,
    day: dt.date | None = None,
    rules: list[Rule] | None = None,
    units: dict[str, UnitFacts] | None = None,
    caps: list[CapCheck] | None = None,
    shares: tuple[RatingShare, ...] | None = None,
) -> list[dict]:
    """Per unit: the caps of the rules of ``regime`` (``Rule.unit_cap``: CSTĐCS under the old regime) with a
    proposed order, and the rule book's shares of ratings (``RuleBook.unit_shares``: HTXSNV)."""
    if caps is None or shares is None:
        from .rulesets import DEFAULT_BOOK

        if caps is None:
            if rules is None:
                rules = [r for r in DEFAULT_BOOK.rules if r.unit_cap and r.regime == regime and (day is None or r.covers(day))]
            caps = decide_caps(persons, outcomes, year=year, rules=rules, day=day, units=units)
        shares = DEFAULT_BOOK.unit_shares if shares is None else shares
    by_unit: dict[str, list[PersonFacts]] = defaultdict(list)
    for p in persons:
        by_unit[p.unit].append(p)
    caps_of: dict[str, list[CapCheck]] = defaultdict(list)
    for check in caps:
        caps_of[check.unit].append(check)
    out = []
    for unit, people in sorted(by_unit.items()):
        entry: dict = {"unit": unit, "school_year": year_label(year), "checks": [_cap_entry(c) for c in caps_of[unit]]}
        entry["checks"].extend(c for share in shares if (c := _share_entry(share, people, year)) is not None)
        out.append(entry)
    return out


def _share_entry(share: RatingShare, people: list[PersonFacts], year: int) -> dict | None:
    """People rated ``share.rating`` against those rated ``share.of`` or better (``None`` without any)."""
    of = [p for p in people if (r := p.rating(year)) is not None and RATING_RANK[r] >= RATING_RANK[share.of]]
    rated = [p for p in of if p.rating(year) == share.rating]
    if not of:
        return None
    counts = _("%d/%d người %s.") % (len(rated), len(of), RATING_ABBR[share.rating])
    over = Fraction(len(rated), len(of)) > share.ratio
    return {
        "key": share.key,
        "label": share.label,
        "citation": share.cite.as_dict(),
        "tag": share.tag,
        f"{share.rating}_count": len(rated),
        f"{share.of}_or_better_count": len(of),
        "status": "warning" if over else "met",
        "reason": counts + " " + share.warning if over else counts,
    }


def _cap_entry(check: CapCheck) -> dict:
    label, of = title_label(check.rule.code), title_label(check.cap.of)
    over = check.decided_count + len(check.eligible) > check.limit
    entry = {
        "key": f"{check.rule.code.lower()}_cap",
        "label": _("Số %s không quá %s số %s của đơn vị") % (label, percent(check.cap.ratio), of),
        "citation": check.cap.cite.as_dict(),
        "tag": check.tag,
        "ldtt_count": check.of_count,
        "cap": check.limit,
        "rounding": {"rule": check.cap.rounding, "tag": check.cap.rounding_tag, "text": check.rounding_text()},
        "decided_count": check.decided_count,
        "eligible_count": len(check.eligible),
        "undetermined_count": len(check.undetermined),
        "unit_context": check.context is not None,
        "status": "not_met" if over else "met",
        "reason": _("%d người đủ tiêu chuẩn %s trong đợt này.") % (len(check.eligible), label) + " " + check.summary(),
    }
    candidates = check.eligible + (check.undetermined if check.context is not None else [])
    if over or (check.context is not None and len(candidates) > check.remaining):
        entry["proposed_order"] = propose_order(candidates, check.year, check.remaining, decided=check.decided, standing=check.standing)
        entry["note"] = _(
            "Chức danh đã quyết định được tính trước vào tỉ lệ. Hội đồng thi đua – khen thưởng quyết định bằng bỏ phiếu kín; "
            "thứ tự dưới đây chỉ là đề xuất có giải thích."
        )
    if check.context is None:
        entry["reason"] += " " + _("Chưa có số liệu của cả đơn vị (số LĐTT, số CSTĐCS đã quyết định): chỉ để tham khảo.")
    return entry


def propose_order(
    people: list[PersonFacts], year: int, cap: int, *, decided: list[PersonFacts] = (), standing: dict[str, Standing] | None = None
) -> list[dict]:
    """The decided holders first (never pushed out of the cap), then ``people`` best first; ``cap``: the places
    left for ``people``."""
    out = []
    for p in decided:
        out.append(
            {
                "rank": len(out) + 1,
                "person": p.id,
                "within_cap": True,
                "decided": True,
                "keys": dict(zip(KEY_LABELS, _order_key(p, year), strict=True)),
                "tied_with": [],
            }
        )
    keyed = sorted(((_order_key(p, year), p) for p in people), key=lambda kp: (tuple(-x for x in kp[0]), kp[1].id))
    rows = []
    for i, (key, p) in enumerate(keyed):
        tied = [q.id for k2, q in keyed if k2 == key and q.id != p.id]
        row = {
            "rank": len(out) + i + 1,
            "person": p.id,
            "within_cap": i < cap,
            "decided": False,
            "keys": dict(zip(KEY_LABELS, key, strict=True)),
            "tied_with": tied,
        }
        if standing and p.id in standing:
            row["standing"] = standing[p.id].status.value
        rows.append(row)
    # A tie across the cap line is what the council must settle: flag it explicitly.
    if 0 < cap < len(keyed) and keyed[cap - 1][0] == keyed[cap][0]:
        for row, (key, _p) in zip(rows, keyed, strict=True):
            if row["tied_with"] and key == keyed[cap][0]:
                row["tie_at_cap"] = True
    return out + rows
