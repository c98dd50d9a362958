"""Background tasks of imports (``manage.py db_worker`` runs them; tests use the immediate backend)."""

from __future__ import annotations

from django_tasks import task


@task()
def validate_import(batch_id: int) -> None:
    """The dry run of an uploaded batch, with progress."""
    from .services import import_validate

    import_validate(batch_id=batch_id)


@task()
def commit_import(batch_id: int, actor_id: int) -> None:
    """Write a checked batch, all or nothing, as the officer who asked for it."""
    from thidua.accounts.models import User

    from .services import import_commit

    import_commit(batch_id=batch_id, actor=User.objects.get(pk=actor_id))
