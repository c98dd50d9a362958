"""Limit/offset pages answered as ``{"items": [...], "count": N}``."""

from __future__ import annotations

from django.db.models import QuerySet

from .schemas import PageParams


def page(qs: QuerySet, params: PageParams) -> dict:
    return {"items": list(qs[params.offset : params.offset + params.limit]), "count": qs.count()}
