"""Reads of councils that depend on who asks (``accounts.scope``): readers of the council's unit (its officers,
head and council members, the levels above) and the council's own members, whoever their roles."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from thidua.accounts.scope import Scope, scope_for
from thidua.rules.engine.evaluators import title_label

from .labels import option_label
from .models import BallotItem, BallotReceipt, Council, Recusal, Session, Tally


def visible_q(scope: Scope, prefix: str = "") -> Q:
    if scope.is_admin:
        return Q()
    q = scope.units_q(f"{prefix}unit__")
    if scope.person_id:
        q |= Q(**{f"{prefix}members__person_id": scope.person_id})
    return q


def council_list(*, actor, school_year=None) -> QuerySet[Council]:
    qs = Council.objects.filter(visible_q(scope_for(actor))).distinct().select_related("unit", "school_year")
    if school_year is not None:
        qs = qs.filter(school_year=school_year)
    return qs.order_by("-school_year__start_date", "unit__name", "id")


def session_items(session: Session) -> list[BallotItem]:
    """The agenda with what may be shown: receipts counted ("7/9 đã bỏ phiếu"), results only once tallied."""
    items = list(session.items.select_related("person", "subject_unit").order_by("position"))
    voted: dict[int, int] = {}
    for item_id in BallotReceipt.objects.filter(item__session=session).values_list("item_id", flat=True):
        voted[item_id] = voted.get(item_id, 0) + 1
    tallies = {t.item_id: t for t in Tally.objects.filter(item__session=session)}
    for item in items:
        item.voted = voted.get(item.pk, 0)
        item.result = tallies.get(item.pk)
        item.title = title_label(item.kind_code)
        item.granted_title = title_label(item.result.granted_code) if item.result and item.result.granted_code else ""
        item.count_rows = [(option_label(item, o), n) for o, n in item.result.counts.items()] if item.result else []
    return items


def next_item_for(session: Session, member) -> BallotItem | None:
    """The first open item the member has neither voted on nor been recused from: the vote page shows one at a time."""
    done = set(BallotReceipt.objects.filter(item__session=session, member=member).values_list("item_id", flat=True))
    done |= set(Recusal.objects.filter(item__session=session, member=member).values_list("item_id", flat=True))
    return (
        session.items.filter(status=BallotItem.Status.OPEN)
        .exclude(pk__in=done)
        .select_related("person", "subject_unit")
        .order_by("position")
        .first()
    )
