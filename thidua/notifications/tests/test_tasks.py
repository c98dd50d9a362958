"""Tasks import the app's modules, never the reverse; the task the services start by name exists."""

from __future__ import annotations

import ast
from pathlib import Path

from django.utils.module_loading import import_string
from django_tasks.base import Task

from thidua.notifications import services

APP = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_nothing_but_the_tasks_module_imports_tasks():
    for module in ("services.py", "reminders.py", "sending.py", "mail.py", "views.py"):
        assert not {n for n in _imports(APP / module) if n.endswith("tasks")}, module


def test_the_email_task_named_by_the_services_exists():
    assert isinstance(import_string(services.EMAIL_TASK), Task)
