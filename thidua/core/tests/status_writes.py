"""A database-level check for tests: every UPDATE of a workflow's status column comes from ``transition()``.

``with status_writes_outside_transition() as offenders:`` watches the SQL the block runs; ``offenders``
lists each UPDATE that sets the status column of a model with a ``workflow`` without
``core.workflow.transition`` on the Python stack (a stray ``.update(status=…)`` or ``save()``).
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.db import connection

from thidua.core.workflow import Workflow


def _status_columns() -> dict[str, str]:
    return {
        m._meta.db_table: m._meta.get_field(m.workflow.field).column
        for m in apps.get_models()
        if isinstance(getattr(m, "workflow", None), Workflow)
    }


def _in_transition() -> bool:
    return any(f.name == "transition" and f.filename.endswith("core/workflow.py") for f in traceback.extract_stack())


@contextmanager
def status_writes_outside_transition() -> Iterator[list[str]]:
    patterns = [re.compile(rf'^\s*UPDATE\s+"{table}"\s+SET\s+(.*?)\s+WHERE', re.I | re.S) for table in _status_columns()]
    columns = list(_status_columns().values())
    offenders: list[str] = []

    def guard(execute, sql, params, many, context):
        for pattern, column in zip(patterns, columns, strict=True):
            match = pattern.match(sql)
            if match and f'"{column}" =' in match.group(1) and not _in_transition():
                offenders.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(guard):
        yield offenders
