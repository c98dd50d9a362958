"""Tasks import the bundle's service, never the reverse; the task it starts by name exists."""

from __future__ import annotations

import ast
from pathlib import Path

from django.utils.module_loading import import_string
from django_tasks.base import Task

from thidua.disclosures import bundle

APP = Path(__file__).resolve().parent.parent


def test_nothing_but_the_tasks_module_imports_tasks():
    for path in APP.glob("*.py"):
        if path.name == "tasks.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not {m for m in modules if m.endswith("tasks")}, path.name


def test_the_bundle_task_named_by_the_service_exists():
    assert isinstance(import_string(bundle.BUILD_TASK), Task)
