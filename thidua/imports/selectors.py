"""Reads of import batches, scoped to the actor's units."""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.accounts.scope import scope_for

from .models import ImportBatch


def batches_visible(*, actor) -> QuerySet[ImportBatch]:
    return (
        ImportBatch.objects.filter(scope_for(actor).units_q("unit__"))
        .select_related("unit", "created_by")
        .defer("report")
        .order_by("-created_at", "-id")
    )
