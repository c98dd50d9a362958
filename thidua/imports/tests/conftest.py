"""Helpers for import tests: xlsx files built with openpyxl in memory, and running the background tasks."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from thidua.imports import services
from thidua.imports.models import ImportBatch


def xlsx(header: list[str], rows: list[list], *, above: list[list] | None = None, sheet: str = "Dữ liệu") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in above or []:
        ws.append(row)
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(content: bytes, name: str = "du-lieu.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def report_rows(batch: ImportBatch) -> list[dict]:
    """The batch's row-by-row report, in report order (errors first)."""
    return [r.data for r in batch.rows.order_by("position")]


@pytest.fixture
def run_import(django_capture_on_commit_callbacks):
    """Upload and dry-run a file (the task runs at once); ``commit=True`` also commits it."""

    def run(actor, unit, kind: str, content: bytes, *, commit: bool = False, resolutions=None) -> ImportBatch:
        with django_capture_on_commit_callbacks(execute=True):
            batch = services.import_create(actor=actor, kind=kind, unit=unit, upload=upload(content))
        batch.refresh_from_db()
        if commit and batch.status == ImportBatch.Status.VALIDATED:
            with django_capture_on_commit_callbacks(execute=True):
                services.import_commit_request(actor=actor, batch=batch, resolutions=resolutions)
            batch.refresh_from_db()
        return batch

    return run
