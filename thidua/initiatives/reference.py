"""The default criteria sheet (the data migration's rows), put back by tests that flush the tables."""

from __future__ import annotations


def ensure_criteria(Criterion=None) -> None:
    from importlib import import_module

    if Criterion is None:
        from .models import Criterion
    rows = import_module("thidua.initiatives.migrations.0002_criteria_and_trigram").CRITERIA
    for code, name, points, order in rows:
        Criterion.objects.get_or_create(code=code, defaults={"name": name, "max_points": points, "order": order})
