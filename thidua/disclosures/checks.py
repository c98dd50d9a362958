"""What stops a decision on nomination lines, as far as disclosure goes (Luật TĐKT 2022 Điều 84 khoản 5).

``blocker_messages`` is pure over plain values; ``decision_blockers(lines)`` loads those values for the lines
(two queries, whatever their number) and returns the Vietnamese messages, empty when the decision may go on.
The dossier decision calls it before deciding; the coordinator wires it.

A line is blocked while a disclosure showing it is still running (today ≤ its last day), or while an objection
naming it has no answer. A line never disclosed blocks only when ``require_disclosure`` is set (the law wants
the disclosure; whether every decision path enforces it is the dossier's choice).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class LineDisclosure:
    name: str  # "Nguyễn Thị Hoà – Lao động tiên tiến"
    last_day: dt.date | None  # the latest last day of the disclosures showing the line; None if never disclosed
    unanswered: int  # objections naming the line without an answer


def _day(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def blocker_messages(facts: list[LineDisclosure], *, today: dt.date, require_disclosure: bool = False) -> list[str]:
    out: list[str] = []
    for f in facts:
        if f.last_day is None:
            if require_disclosure:
                out.append(_("%(line)s: chưa được công khai trước khi quyết định.") % {"line": f.name})
        elif today <= f.last_day:
            out.append(_("%(line)s: đang trong thời gian công khai (đến hết ngày %(day)s).") % {"line": f.name, "day": _day(f.last_day)})
        if f.unanswered:
            out.append(_("%(line)s: còn %(n)s ý kiến phản ánh chưa được trả lời.") % {"line": f.name, "n": f.unanswered})
    return out


def decision_blockers(lines, *, today: dt.date | None = None, require_disclosure: bool = False) -> list[str]:
    """Vietnamese messages for the lines (NominationLine rows or ids) that may not be decided yet."""
    from django.db.models import Count, Max, Q

    from thidua.nominations.models import NominationLine

    from .models import DisclosedLine, RemarkKind

    ids = [getattr(line, "pk", line) for line in lines]
    if not ids:
        return []
    rows = (
        DisclosedLine.objects.filter(line_id__in=ids)
        .values("line_id")
        .annotate(
            last_day=Max("disclosure__ends_on"),
            unanswered=Count("remarks", filter=Q(remarks__kind=RemarkKind.OBJECTION, remarks__answered_at__isnull=True)),
        )
    )
    found = {r["line_id"]: r for r in rows}
    named = NominationLine.objects.filter(pk__in=ids).select_related("person", "unit").order_by("person__sort_key", "unit__name", "id")
    facts = [
        LineDisclosure(
            name=str(line),
            last_day=found.get(line.pk, {}).get("last_day"),
            unanswered=found.get(line.pk, {}).get("unanswered", 0),
        )
        for line in named
    ]
    return blocker_messages(facts, today=today or timezone.localdate(), require_disclosure=require_disclosure)


def blockers_for_decision(lines) -> list[str]:
    """The dossier decision's check (registered in ``nominations.blockers``): a line still being disclosed or with an
    objection unanswered blocks it; a line never disclosed blocks it only when ``THIDUA_DISCLOSURE_REQUIRED`` is set
    (the strict reading of Luật TĐKT 2022 Điều 84 khoản 5; decision 0019)."""
    from django.conf import settings

    return decision_blockers(lines, require_disclosure=getattr(settings, "THIDUA_DISCLOSURE_REQUIRED", False))
