"""Background tasks of the eligibility pages (``manage.py db_worker`` runs them; tests use the immediate backend).

The page starts ``refresh_snapshot`` by name (``snapshots.REFRESH_TASK``) for a unit too big to evaluate while
the officer waits; the task loads the unit by id and recomputes its table, reporting progress on the snapshot.
"""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from .snapshots import refresh


@task()
def refresh_snapshot(unit_id: int, year: int, day: str) -> None:
    """Evaluate a unit's staff for a school year on ``day`` (ISO) and keep the table."""
    refresh(unit_id, year, dt.date.fromisoformat(day))
