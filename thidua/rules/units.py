"""Unit-level rules: shares and caps over everyone of a unit in one school year (DOMAIN §4.2, §12).

When more people qualify than a cap allows, **the council decides** (secret ballot, NĐ 98 Điều 30.7). The
system only *proposes* an order and explains it, with these keys, best first:

1. the widest scope of an initiative of the year (toàn quốc > tỉnh > cơ sở);
2. the number of initiatives and accepted research topics of the year;
3. the rating of the year (HTXSNV first);
4. the number of HTXSNV ratings in the three previous school years;
5. the length of the unbroken CSTĐCS run before the year.

People equal on every key are flagged as tied: the council breaks the tie.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

from .facts import RATING_RANK, SCOPE_RANK, PersonFacts, year_label
from .outcomes import Citation, Outcome, _

OLD_CSTDCS_CAP = Fraction(15, 100)  # NĐ 91/2017 Điều 9 khoản 3 ✅
EXCELLENT_CAP = Fraction(20, 100)  # NĐ 233/2026 Điều 12 ⚠️ (NĐ 90/2020 ❓): HTXSNV ≤ 20% of those rated HTTNV or better


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


def unit_checks(persons: list[PersonFacts], outcomes: dict[str, dict[str, Outcome]], *, year: int, regime: str) -> list[dict]:
    """Per unit: the CSTĐCS cap (old regime) with a proposed order, and the HTXSNV share check."""
    by_unit: dict[str, list[PersonFacts]] = defaultdict(list)
    for p in persons:
        by_unit[p.unit].append(p)
    out = []
    for unit, people in sorted(by_unit.items()):
        entry: dict = {"unit": unit, "school_year": year_label(year), "checks": []}
        ldtt = [p for p in people if _has(outcomes, p, "LDTT", year)]
        cstdcs = [p for p in people if outcomes.get(p.id, {}).get("CSTDCS") and outcomes[p.id]["CSTDCS"].eligible]
        if regime == "law2013":
            cap = (OLD_CSTDCS_CAP * len(ldtt)).__floor__()
            check = {
                "key": "cstdcs_cap",
                "label": _("Số CSTĐCS không quá 15% số LĐTT của đơn vị"),
                "citation": Citation("Nghị định 91/2017/NĐ-CP", "9", "3").as_dict(),
                "tag": "confirmed",
                "ldtt_count": len(ldtt),
                "cap": cap,
                "eligible_count": len(cstdcs),
                "status": "met" if len(cstdcs) <= cap else "not_met",
                "reason": _("%d người đủ tiêu chuẩn CSTĐCS, tối đa %d (15%% của %d LĐTT).") % (len(cstdcs), cap, len(ldtt)),
            }
            if len(cstdcs) > cap:
                check["proposed_order"] = propose_order(cstdcs, year, cap)
                check["note"] = _(
                    "Hội đồng thi đua – khen thưởng quyết định bằng bỏ phiếu kín; thứ tự dưới đây chỉ là đề xuất có giải thích."
                )
            entry["checks"].append(check)
        good = [p for p in people if (r := p.rating(year)) is not None and RATING_RANK[r] >= RATING_RANK["good"]]
        excellent = [p for p in good if p.rating(year) == "excellent"]
        if good:
            share = Fraction(len(excellent), len(good))
            entry["checks"].append({
                "key": "excellent_share",
                "label": _("Tỷ lệ HTXSNV không quá 20% số người HTTNV trở lên (25% nếu đơn vị HTXS)"),
                "citation": Citation("Nghị định 233/2026/NĐ-CP", "12").as_dict(),
                "tag": "partial",
                "excellent_count": len(excellent),
                "good_or_better_count": len(good),
                "status": "met" if share <= EXCELLENT_CAP else "warning",
                "reason": _("%d/%d người HTXSNV. Vượt 20%% thì xếp loại cần xem lại (hoặc đơn vị được xếp HTXS: 25%%).") % (len(excellent), len(good))
                if share > EXCELLENT_CAP else _("%d/%d người HTXSNV.") % (len(excellent), len(good)),
            })  # fmt: skip
        out.append(entry)
    return out


def _has(outcomes, p: PersonFacts, code: str, year: int) -> bool:
    o = outcomes.get(p.id, {}).get(code)
    return bool(o and o.eligible) or p.holds(code, year)


def propose_order(people: list[PersonFacts], year: int, cap: int) -> list[dict]:
    keyed = sorted(((_order_key(p, year), p) for p in people), key=lambda kp: (tuple(-x for x in kp[0]), kp[1].id))
    out = []
    for i, (key, p) in enumerate(keyed):
        tied = [q.id for k2, q in keyed if k2 == key and q.id != p.id]
        out.append({
            "rank": i + 1,
            "person": p.id,
            "within_cap": i < cap,
            "keys": dict(zip(KEY_LABELS, key, strict=True)),
            "tied_with": tied,
        })  # fmt: skip
    # A tie across the cap line is what the council must settle: flag it explicitly.
    if 0 < cap < len(keyed) and keyed[cap - 1][0] == keyed[cap][0]:
        for row in out:
            if row["tied_with"] and _key_of(keyed, row["person"]) == keyed[cap][0]:
                row["tie_at_cap"] = True
    return out


def _key_of(keyed, pid):
    return next(k for k, p in keyed if p.id == pid)
