"""Import use cases: upload (checks the file, stores the batch, starts the dry run), the dry run itself,
the commit request and the commit. Each is audited; the commit writes everything or nothing."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import DomainError, PermissionDenied
from thidua.core.vietnamese import clean_text
from thidua.org.models import OrgUnit

from . import reader
from .importers import IMPORTERS, Importer
from .models import ImportBatch, ImportKind

log = logging.getLogger(__name__)

PROGRESS_EVERY = 1000  # rows between progress updates
_ORDER = {"error": 0, "ambiguous": 1, "create": 2, "exists": 3}
Status = ImportBatch.Status


def _require_write(actor, unit: OrgUnit) -> None:
    if not scope_for(actor).can_write_unit(unit):
        raise PermissionDenied(_("Bạn không có quyền nhập dữ liệu cho “%(name)s”.") % {"name": unit.name}, code="forbidden")


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def import_create(*, actor, kind: str, unit: OrgUnit, upload) -> ImportBatch:
    """Check the file (size, real xlsx, zip bomb, header row) and store the batch; the dry run follows
    as a background task. A refused file leaves nothing behind."""
    _require_write(actor, unit)
    if kind not in ImportKind.values:
        raise DomainError(_("Loại dữ liệu nhập không hợp lệ."), code="invalid_choice", field="kind")
    reader.check_upload(upload)
    workbook = reader.load_workbook(upload)
    try:
        layout = reader.find_layout(workbook, kind)
    finally:
        workbook.close()
    name = clean_text(getattr(upload, "name", "") or "import.xlsx").rsplit("/", 1)[-1][:200]
    batch = ImportBatch(
        kind=kind, unit=unit, original_name=name, sha256=_sha256(upload), created_by=actor,
        summary={"sheet": layout.sheet, "header_row": layout.header_row},
    )  # fmt: skip
    batch.file.save(name if name.lower().endswith(".xlsx") else f"{name}.xlsx", upload, save=False)
    batch.save()
    audit.record(
        actor=actor, verb="import.created", target=batch, unit=unit,
        after={"kind": kind, "file": name, "sha256": batch.sha256, "sheet": layout.sheet},
    )  # fmt: skip
    batch_id = batch.pk
    transaction.on_commit(lambda: _enqueue_validation(batch_id))
    return batch


def _enqueue_validation(batch_id: int) -> None:
    from .tasks import validate_import

    validate_import.enqueue(batch_id)


def _progress(batch_id: int, value: int) -> None:
    ImportBatch.objects.filter(pk=batch_id).update(progress=max(0, min(100, value)))


def _analyse(batch: ImportBatch, actor, *, resolutions: dict | None, progress: Callable[[int], None]) -> Importer:
    """Read the file and check every row (no writes but progress)."""
    with batch.file.open("rb") as handle:
        reader.check_upload(handle)
        workbook = reader.load_workbook(handle)
        try:
            layout = reader.find_layout(workbook, batch.kind)
            rows = list(reader.data_rows(workbook, layout))
        finally:
            workbook.close()
    progress(10)
    importer = IMPORTERS[batch.kind](batch=batch, actor=actor, scope=scope_for(actor), resolutions=resolutions)
    importer.load()
    if hasattr(importer, "prepare"):
        importer.prepare(rows)
    importer.layout = layout
    progress(20)
    total = max(len(rows), 1)
    for i, (number, values) in enumerate(rows, start=1):
        importer.check(number, values)
        if i % PROGRESS_EVERY == 0:
            progress(20 + 80 * i // total)
    importer.finish()
    return importer


def _report(importer: Importer) -> dict:
    rows = sorted(importer.results, key=lambda r: (_ORDER[r.status], r.row))
    return {"sheet": importer.layout.sheet, "header_row": importer.layout.header_row, "rows": [r.as_dict() for r in rows]}


def import_validate(*, batch_id: int) -> ImportBatch | None:
    """The dry run (run by the ``validate_import`` task): a row-by-row report, nothing written."""
    batch = ImportBatch.objects.select_related("unit", "created_by").filter(pk=batch_id).first()
    if batch is None or batch.status not in (Status.PENDING, Status.VALIDATING):
        return batch
    ImportBatch.objects.filter(pk=batch_id).update(status=Status.VALIDATING, progress=0, error="")
    fields: dict
    try:
        importer = _analyse(batch, batch.created_by, resolutions=None, progress=lambda p: _progress(batch_id, p))
        summary = importer.summary()
        fields = {
            "report": _report(importer),
            "summary": {**batch.summary, **summary},
            "total_rows": summary["rows"],
            "status": Status.VALIDATED if summary["error"] == 0 else Status.INVALID,
        }
    except DomainError as exc:
        fields = {"status": Status.INVALID, "error": exc.message}
    except Exception:
        log.exception("import %s: dry run failed", batch_id)
        fields = {"status": Status.FAILED, "error": _("Lỗi không mong đợi khi đọc tệp; đã ghi nhận để kiểm tra.")}
    ImportBatch.objects.filter(pk=batch_id).update(progress=100, **fields)
    batch.refresh_from_db()
    return batch


def ambiguous_rows(batch: ImportBatch) -> list[dict]:
    return [r for r in (batch.report or {}).get("rows", []) if r["status"] == "ambiguous"]


@transaction.atomic
def import_commit_request(*, actor, batch: ImportBatch, resolutions: dict[int, int] | None = None) -> ImportBatch:
    """Ask for the commit: refused while any row has an error or an unresolved ambiguity; the writing
    itself runs as the ``commit_import`` task (all or nothing)."""
    batch = ImportBatch.objects.select_for_update().select_related("unit").get(pk=batch.pk)
    _require_write(actor, batch.unit)
    if batch.status == Status.COMMITTED:
        raise DomainError(_("Lần nhập này đã được ghi."), code="already_committed")
    if batch.status in (Status.PENDING, Status.VALIDATING, Status.COMMITTING):
        raise DomainError(_("Tệp đang được xử lý; hãy đợi."), code="busy")
    errors = (batch.summary or {}).get("error", 0)
    if batch.status in (Status.INVALID, Status.FAILED) or errors:
        raise DomainError(
            _("Không thể ghi: tệp còn %(n)d dòng lỗi (hoặc không đọc được). Hãy sửa tệp và tải lên lại; chưa có gì được ghi.")
            % {"n": errors},
            code="has_errors",
        )
    chosen: dict[str, int] = {}
    unresolved = []
    for row in ambiguous_rows(batch):
        pick = (resolutions or {}).get(row["row"]) or (resolutions or {}).get(str(row["row"]))
        if pick is not None and int(pick) in {c["id"] for c in row.get("candidates", [])}:
            chosen[str(row["row"])] = int(pick)
        else:
            unresolved.append(str(row["row"]))
    if unresolved:
        raise DomainError(
            _("Còn %(n)d dòng trùng người chưa được chọn (dòng %(rows)s); chưa có gì được ghi.")
            % {"n": len(unresolved), "rows": ", ".join(unresolved[:20])},
            code="unresolved_ambiguity",
            field="resolutions",
        )
    batch.report = {**batch.report, "resolutions": chosen}
    batch.status, batch.progress, batch.error = Status.COMMITTING, 0, ""
    batch.save(update_fields=["report", "status", "progress", "error"])
    audit.record(actor=actor, verb="import.commit_requested", target=batch, unit=batch.unit, after={"resolutions": chosen})
    batch_id, actor_id = batch.pk, actor.pk
    transaction.on_commit(lambda: _enqueue_commit(batch_id, actor_id))
    return batch


def _enqueue_commit(batch_id: int, actor_id: int) -> None:
    from .tasks import commit_import

    commit_import.enqueue(batch_id, actor_id)


def import_commit(*, batch_id: int, actor) -> ImportBatch | None:
    """Check every row again against the data as it is now, then write all rows in one transaction
    (run by the ``commit_import`` task). Any error leaves the database as it was."""
    batch = ImportBatch.objects.select_related("unit", "created_by").filter(pk=batch_id).first()
    if batch is None or batch.status != Status.COMMITTING:
        return batch
    resolutions = (batch.report or {}).get("resolutions", {})
    try:
        # Checking happens outside the writing transaction so that its progress is visible.
        importer = _analyse(batch, actor, resolutions=resolutions, progress=lambda p: _progress(batch_id, p * 8 // 10))
        summary = importer.summary()
        if summary["error"] or summary["ambiguous"]:
            ImportBatch.objects.filter(pk=batch_id).update(
                status=Status.INVALID, progress=100, report={**_report(importer), "resolutions": resolutions},
                summary={**batch.summary, **summary},
                error=_("Dữ liệu đã thay đổi kể từ lần kiểm tra: có dòng lỗi hoặc trùng người. Chưa có gì được ghi."),
            )  # fmt: skip
            return ImportBatch.objects.get(pk=batch_id)
        with transaction.atomic():
            locked = ImportBatch.objects.select_for_update().get(pk=batch_id)
            if locked.status != Status.COMMITTING:
                return locked
            _require_write(actor, batch.unit)
            written = importer.write()
            locked.status, locked.progress, locked.committed_at = Status.COMMITTED, 100, timezone.now()
            locked.summary = {**batch.summary, **summary, "written": written}
            locked.report = {**_report(importer), "resolutions": resolutions}
            locked.total_rows = summary["rows"]
            locked.save(update_fields=["status", "progress", "committed_at", "summary", "report", "total_rows"])
            audit.record(
                actor=actor, verb="import.committed", target=locked, unit=batch.unit,
                after={"kind": batch.kind, "rows": summary["rows"], "exists": summary["exists"], "written": written},
            )  # fmt: skip
        return locked
    except DomainError as exc:
        message = exc.message
    except IntegrityError:
        message = _("Dữ liệu vừa bị thay đổi đồng thời; chưa có gì được ghi. Hãy bấm ghi lại.")
    except Exception:
        log.exception("import %s: commit failed", batch_id)
        ImportBatch.objects.filter(pk=batch_id).update(
            status=Status.FAILED, progress=100, error=_("Lỗi không mong đợi khi ghi; chưa có gì được ghi.")
        )
        return ImportBatch.objects.get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch_id).update(status=Status.VALIDATED, progress=100, error=message)
    return ImportBatch.objects.get(pk=batch_id)
