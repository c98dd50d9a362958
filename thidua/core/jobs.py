"""Starting background tasks from services.

Tasks import services, never the reverse: a service names the task it starts by its dotted path, and the
task is enqueued once the service's transaction has committed (a rolled-back change starts nothing, and
the worker never reads a row that is not there yet). A test checks that every name resolves to a task.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.module_loading import import_string


def enqueue_on_commit(task: str, *args, **kwargs) -> None:
    """After the current transaction commits, enqueue the task at ``task`` ("thidua.imports.tasks.validate_import")."""
    transaction.on_commit(lambda: import_string(task).enqueue(*args, **kwargs))
