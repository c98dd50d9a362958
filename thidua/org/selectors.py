"""Reads of the organisation tree, scoped to the actor."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from thidua.accounts.scope import scope_for
from thidua.core.vietnamese import search_terms

from .models import OrgUnit, UnitPlacement


def units_visible(*, actor) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(scope_for(actor).units_q()).select_related("kind")


def unit_roots(*, actor) -> QuerySet[OrgUnit]:
    """The top of what the actor sees: their role units (or the tree root for admins)."""
    scope = scope_for(actor)
    if scope.is_admin:
        return OrgUnit.objects.filter(parent__isnull=True).select_related("kind")
    return OrgUnit.objects.filter(path__in=scope.read_paths).select_related("kind")


def unit_search(*, actor, query: str = "", kind: str = "", include_closed: bool = False, under: OrgUnit | None = None) -> QuerySet[OrgUnit]:
    qs = units_visible(actor=actor)
    if under is not None:
        qs = qs.filter(path__startswith=under.path)
    if not include_closed:
        qs = qs.filter(valid_to__isnull=True)
    if kind:
        qs = qs.filter(kind__code=kind)
    for term in search_terms(query):
        qs = qs.filter(Q(name_folded__contains=term) | Q(code__icontains=term))
    return qs.order_by("path")


def unit_children(*, actor, unit: OrgUnit, include_closed: bool = False) -> QuerySet[OrgUnit]:
    qs = units_visible(actor=actor).filter(parent=unit)
    if not include_closed:
        qs = qs.filter(valid_to__isnull=True)
    return qs.annotate(child_count=Count("children", filter=Q(children__valid_to__isnull=True))).order_by("kind__rank", "name")


def unit_tree_on(*, actor, day: dt.date, root: OrgUnit | None = None) -> list[dict]:
    """The tree as it stood on ``day``: units active that day, at the place they held that day.

    Returns rows ``{"unit": OrgUnit, "depth": int, "parent_id": int | None}`` in tree order. Scoping
    uses today's paths (a closed unit hangs under its successor), the placement gives the old shape.
    """
    scope = scope_for(actor)
    placements = (
        UnitPlacement.objects.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .filter(unit__valid_from__lte=day)
        .filter(Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gte=day))
        .filter(scope.units_q("unit__"))
        .select_related("unit", "unit__kind")
        .order_by("path")
    )
    if root is not None:
        root_path = placements.filter(unit=root).values_list("path", flat=True).first()
        if root_path is None:
            return []
        placements = placements.filter(path__startswith=root_path)
    rows = list(placements)
    base = min((len(p.path) for p in rows), default=0)
    seg = 6
    return [{"unit": p.unit, "depth": (len(p.path) - base) // seg, "parent_id": p.parent_id, "path": p.path} for p in rows]


def unit_history(*, unit: OrgUnit) -> dict:
    """Placements, restructurings, predecessors and successor of one unit (already access-checked)."""
    return {
        "placements": list(unit.placements.select_related("parent").order_by("valid_from")),
        "restructurings": list(unit.restructurings.select_related("restructuring").order_by("-restructuring__effective_date")),
        "predecessors": list(unit.predecessors.order_by("name")),
    }
