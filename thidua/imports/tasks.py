"""Background tasks of imports (``manage.py db_worker`` runs them; tests use the immediate backend).

Each task loads by id and calls one service. Tasks import services, never the reverse: the services
start these tasks by name (``services.VALIDATE_TASK``, ``services.COMMIT_TASK``) once their transaction
has committed (``core.jobs.enqueue_on_commit``).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from .services import import_commit, import_validate


@task()
def validate_import(batch_id: int) -> None:
    """The dry run of an uploaded batch, with progress."""
    import_validate(batch_id=batch_id)


@task()
def commit_import(batch_id: int, actor_id: int) -> None:
    """Write a checked batch, all or nothing, as the officer who asked for it."""
    import_commit(batch_id=batch_id, actor=get_user_model().objects.get(pk=actor_id))
