"""Round-wide checks of a review round's proposals (pure: plain values in, checks out).

The engine checks one person or collective against the facts recorded; a round proposes many at once, so two
rules are checked over the round as a whole, counting the lines still in play as if they passed:

* **Unit caps** (``Rule.unit_cap`` of the rule in force on the day): the old regime's CSTĐCS ≤ 15 % of the
  unit's LĐTT (NĐ 91/2017 Điều 9.3), the LĐTT being those proposed plus those already awarded that year.
* **Collective thresholds** (``MemberShare`` of the collective rule): a collective proposed for TTLĐTT or
  TTLĐXS needs its share of members with LĐTT (or higher) — proposed or held — at or above the threshold
  (≥ 70 % under the 2022 law, > 50 % before), and for TTLĐXS at least one CSTĐCS among them.

A failed check never refuses a line: it is shown on the round to everyone, and to the council.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from thidua.rules.engine.criteria import MemberShare
from thidua.rules.engine.rulesets import DEFAULT_BOOK
from thidua.rules.engine.titles import BY_CODE


@dataclass(frozen=True)
class LineFact:
    person: int | None
    unit: int | None
    code: str


@dataclass(frozen=True)
class Members:
    name: str
    people: tuple[int, ...]


@dataclass(frozen=True)
class RoundCheck:
    key: str
    label: str
    met: bool
    reason: str
    citation: str = ""
    tag: str = ""


def _name(code: str) -> str:
    title = BY_CODE.get(code)
    return title.abbreviation if title else code


def _pct(value: Fraction) -> str:
    return f"{float(value) * 100:.1f}".rstrip("0").rstrip(".").replace(".", ",") + " %"


def round_checks(
    *,
    day: dt.date,
    lines: Iterable[LineFact],
    held: Mapping[int, set[str]],
    collectives: Mapping[int, Members],
) -> list[RoundCheck]:
    """The caps and collective thresholds of the round's open lines; ``held``: titles already awarded that year per
    person; ``collectives``: the members of every collective proposed."""
    lines = list(lines)
    titles: dict[int, set[str]] = {pid: set(codes) for pid, codes in held.items()}
    for line in lines:
        if line.person is not None:
            titles.setdefault(line.person, set()).add(line.code)
    out: list[RoundCheck] = []
    for code in sorted({line.code for line in lines if line.person is not None}):
        rule = DEFAULT_BOOK.on(code, day)
        cap = rule.unit_cap if rule else None
        if cap is None:
            continue
        proposed = sum(1 for line in lines if line.person is not None and line.code == code)
        base = sum(1 for codes in titles.values() if cap.of in codes)
        limit = cap.limit(base)
        out.append(
            RoundCheck(
                key=f"cap:{code}",
                label=_("Tỷ lệ %(t)s trên số %(of)s") % {"t": _name(code), "of": _name(cap.of)},
                met=proposed <= limit,
                reason=_("%(n)d %(t)s đề nghị; tối đa %(limit)d (%(ratio)s của %(base)d %(of)s).")
                % {"n": proposed, "t": _name(code), "limit": limit, "ratio": _pct(cap.ratio), "base": base, "of": _name(cap.of)},
                citation=str(cap.cite),
                tag=cap.tag,
            )
        )
    for line in lines:
        if line.unit is None or line.unit not in collectives:
            continue
        rule = DEFAULT_BOOK.on(line.code, day)
        if rule is None:
            continue
        group = collectives[line.unit]
        total = len(group.people)
        for criterion in rule.criteria:
            params = criterion.params
            if isinstance(params, MemberShare):
                holders = sum(1 for p in group.people if titles.get(p, set()) & set(params.titles))
                share = Fraction(holders, total) if total else Fraction(0)
                met = total > 0 and (share >= params.ratio if params.op == ">=" else share > params.ratio)
                words = _("ít nhất") if params.op == ">=" else _("trên")
                out.append(
                    RoundCheck(
                        key=f"share:{line.unit}:{line.code}",
                        label=_("%(unit)s – %(t)s: tỷ lệ thành viên đạt Lao động tiên tiến") % {"unit": group.name, "t": _name(line.code)},
                        met=met,
                        reason=_("%(h)d/%(n)d thành viên (%(share)s), cần %(words)s %(ratio)s.")
                        % {"h": holders, "n": total, "share": _pct(share), "words": words, "ratio": _pct(params.ratio)},
                        citation=str(criterion.cite),
                        tag=criterion.tag,
                    )
                )
            elif criterion.key == "cstdcs":
                holders = sum(1 for p in group.people if "CSTDCS" in titles.get(p, set()))
                out.append(
                    RoundCheck(
                        key=f"cstdcs:{line.unit}:{line.code}",
                        label=_("%(unit)s – %(t)s: có cá nhân đạt Chiến sĩ thi đua cơ sở") % {"unit": group.name, "t": _name(line.code)},
                        met=holders > 0,
                        reason=_("%(h)d thành viên đạt hoặc được đề nghị Chiến sĩ thi đua cơ sở.") % {"h": holders},
                        citation=str(criterion.cite),
                        tag=criterion.tag,
                    )
                )
    return out
