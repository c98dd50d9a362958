"""Import use cases: upload (checks the file, stores the batch, starts the dry run), the dry run itself,
the commit request and the commit. Each is audited; the commit writes everything or nothing.

The commit never trusts what it read earlier: the stored file must hash as the dry run read it, and the
rows are matched again against the data *inside* the commit's transaction, after a lock that serialises
commits touching the same unit subtree (``_lock_units``), so two workers committing the same staff file
create each person once: the second finds the first's people and reports them as already present.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.core.jobs import enqueue_on_commit
from thidua.core.vietnamese import clean_text
from thidua.core.workflow import transition
from thidua.org.models import OrgUnit

from . import cells, reader
from .importers import IMPORTERS, Importer
from .models import ImportBatch, ImportKind, ImportRow
from .states import BatchAction as Action

log = logging.getLogger(__name__)

PROGRESS_EVERY = 1000  # rows between progress updates
LOCK_CLASS = 7_301  # first key of the PostgreSQL advisory locks taken by import commits
# Columns naming units outside the batch's subtree that a commit writes under (decisions of an issuer).
LOCKED_COLUMNS = {ImportKind.AWARDS: "issuer_code", ImportKind.INITIATIVES: "recognising_unit"}
_ORDER = {"error": 0, "ambiguous": 1, "create": 2, "exists": 3}
Status = ImportBatch.Status
# The background tasks, named (tasks import services, never the reverse).
VALIDATE_TASK = "thidua.imports.tasks.validate_import"
COMMIT_TASK = "thidua.imports.tasks.commit_import"


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
        kind=kind,
        unit=unit,
        original_name=name,
        sha256=_sha256(upload),
        created_by=actor,
        summary={"sheet": layout.sheet, "header_row": layout.header_row},
    )
    batch.file.save(name if name.lower().endswith(".xlsx") else f"{name}.xlsx", upload, save=False)
    batch.save()
    audit.record(
        actor=actor,
        verb="import.created",
        target=batch,
        unit=unit,
        after={"kind": kind, "file": name, "sha256": batch.sha256, "sheet": layout.sheet},
    )
    enqueue_on_commit(VALIDATE_TASK, batch.pk)
    return batch


def _progress(batch_id: int, value: int) -> None:
    ImportBatch.objects.filter(pk=batch_id).update(progress=max(0, min(100, value)))


def _file_changed() -> DomainError:
    return DomainError(
        _("Tệp đã lưu không còn giống tệp đã kiểm tra (mã băm SHA-256 khác); chưa có gì được ghi. Hãy tải tệp lên lại."),
        code="file_changed",
        field="file",
    )


def _stored_file(batch: ImportBatch) -> tuple[ContentFile, str]:
    """The stored file, read once: what is hashed is exactly what is parsed."""
    with batch.file.open("rb") as handle:
        content = handle.read()
    return ContentFile(content, name=batch.file.name), hashlib.sha256(content).hexdigest()


def _read(batch: ImportBatch, content: ContentFile) -> tuple[reader.Layout, list[tuple[int, dict]]]:
    reader.check_upload(content)
    workbook = reader.load_workbook(content)
    try:
        layout = reader.find_layout(workbook, batch.kind)
        rows = list(reader.data_rows(workbook, layout))
    finally:
        workbook.close()
    return layout, rows


def _check(batch: ImportBatch, actor, layout, rows, *, resolutions: dict | None, progress: Callable[[int], None]) -> Importer:
    """Load what the rows are matched against (the people of the subtree, in one statement) and check
    every row (no writes but progress)."""
    importer = IMPORTERS[batch.kind](batch=batch, actor=actor, scope=scope_for(actor), resolutions=resolutions)
    importer.load()
    if hasattr(importer, "prepare"):
        importer.prepare(rows)
    importer.layout = layout
    total = max(len(rows), 1)
    for i, (number, values) in enumerate(rows, start=1):
        importer.check(number, values)
        if i % PROGRESS_EVERY == 0:
            progress(20 + 80 * i // total)
    importer.finish()
    return importer


def _save_report(batch_id: int, importer: Importer) -> None:
    """Replace the batch's report rows (errors first, then ambiguous, create, exists; by row)."""
    ImportRow.objects.filter(batch_id=batch_id).delete()
    ordered = sorted(importer.results, key=lambda r: (_ORDER[r.status], r.row))
    ImportRow.objects.bulk_create(
        [ImportRow(batch_id=batch_id, position=i, row=r.row, status=r.status, data=r.as_dict()) for i, r in enumerate(ordered)],
        batch_size=2000,
    )


def _report(importer: Importer, **extra) -> dict:
    return {"sheet": importer.layout.sheet, "header_row": importer.layout.header_row, **extra}


def import_validate(*, batch_id: int) -> ImportBatch | None:
    """The dry run (run by the ``validate_import`` task): a row-by-row report, nothing written."""
    batch = ImportBatch.objects.select_related("unit", "created_by").filter(pk=batch_id).first()
    if batch is None or batch.status not in (Status.PENDING, Status.VALIDATING):
        return batch
    try:
        batch = transition(batch, action=Action.VALIDATE, actor=None, progress=0, error="")
    except Conflict:  # another worker took the batch meanwhile
        return ImportBatch.objects.get(pk=batch_id)
    fields: dict
    note = ""
    importer = None
    try:
        content, digest = _stored_file(batch)
        if digest != batch.sha256:
            raise _file_changed()
        layout, rows = _read(batch, content)
        _progress(batch_id, 20)
        importer = _check(batch, batch.created_by, layout, rows, resolutions=None, progress=lambda p: _progress(batch_id, p))
        summary = importer.summary()
        fields = {
            "report": _report(importer),
            "summary": {**batch.summary, **summary},
            "total_rows": summary["rows"],
            "checked_sha256": digest,
        }
        action = Action.ACCEPT if summary["error"] == 0 else Action.REJECT
        if summary["error"]:
            note = _("Có %(n)d dòng lỗi.") % {"n": summary["error"]}
    except DomainError as exc:
        importer, action, fields = None, Action.REJECT, {"error": exc.message}
    except Exception:
        log.exception("import %s: dry run failed", batch_id)
        importer, action, fields = None, Action.FAIL, {"error": _("Lỗi không mong đợi khi đọc tệp; đã ghi nhận để kiểm tra.")}
    try:
        with transaction.atomic():
            if importer is not None:
                _save_report(batch_id, importer)
            return transition(batch, action=action, actor=None, note=fields.get("error", note), progress=100, **fields)
    except Conflict:  # another worker settled the batch meanwhile: its report stands
        return ImportBatch.objects.get(pk=batch_id)


def ambiguous_rows(batch: ImportBatch) -> list[dict]:
    return [r.data for r in batch.rows.filter(status="ambiguous").order_by("position")]


def _commit_ended(batch: ImportBatch, action: str, error: str) -> ImportBatch:
    """The worker records how a commit that wrote nothing ended; a batch already settled is left as it is."""
    try:
        return transition(batch, action=action, actor=None, note=error, progress=100, error=error)
    except Conflict:
        return ImportBatch.objects.get(pk=batch.pk)


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
    batch = transition(
        batch,
        action=Action.REQUEST_COMMIT,
        actor=actor,
        report={**batch.report, "resolutions": chosen},
        progress=0,
        error="",
        audit_after={"resolutions": chosen},
    )
    enqueue_on_commit(COMMIT_TASK, batch.pk, actor.pk)
    return batch


def _lock_units(batch: ImportBatch, rows: list[tuple[int, dict]]) -> None:
    """Serialise commits whose unit subtrees overlap (PostgreSQL transaction-level advisory locks).

    Two subtrees overlap when one root is an ancestor of the other (or the same unit), so a commit takes
    its root exclusively and each ancestor shared: the same unit, or a unit and its ancestor, wait for
    each other, sibling schools do not. Units outside the subtree that the rows write under (a
    decision's issuer) are taken exclusively. Keys are taken in one order, so no two commits deadlock.
    SQLite needs none of this: its transactions begin IMMEDIATE, one writer at a time.
    """
    if connection.vendor != "postgresql":
        return
    root = batch.unit
    above = OrgUnit.objects.filter(path__in=root.ancestor_paths()).values_list("pk", flat=True)
    modes: dict[int, bool] = dict.fromkeys(above, False)
    modes[root.pk] = True
    column = LOCKED_COLUMNS.get(batch.kind)
    if column:
        codes = sorted({cells.text(values.get(column)).upper() for _, values in rows} - {""})
        for i in range(0, len(codes), 1000):
            named = OrgUnit.objects.annotate(upper_code=Upper("code")).filter(upper_code__in=codes[i : i + 1000])
            modes.update(dict.fromkeys(named.values_list("pk", flat=True), True))
    with connection.cursor() as cursor:
        for pk in sorted(modes):
            function = "pg_advisory_xact_lock" if modes[pk] else "pg_advisory_xact_lock_shared"
            cursor.execute(f"SELECT {function}(%s::int4, %s::int4)", [LOCK_CLASS, pk % 2_147_483_647])


def import_commit(*, batch_id: int, actor) -> ImportBatch | None:
    """Write a checked batch in one transaction (run by the ``commit_import`` task): the stored file
    must be the one the dry run read; inside the transaction the commit takes the subtree's lock, loads
    the people once and checks every row again against the data as it is now, then writes. Any error
    leaves the database as it was."""
    batch = ImportBatch.objects.select_related("unit", "created_by").filter(pk=batch_id).first()
    if batch is None or batch.status != Status.COMMITTING:
        return batch
    resolutions = (batch.report or {}).get("resolutions", {})
    try:
        content, digest = _stored_file(batch)
        if digest != (batch.checked_sha256 or None):
            raise _file_changed()
        layout, rows = _read(batch, content)  # outside the lock: the slow part, with its progress visible
        _progress(batch_id, 20)
        with transaction.atomic():
            locked = ImportBatch.objects.select_for_update().get(pk=batch_id)
            if locked.status != Status.COMMITTING:
                return locked
            _require_write(actor, batch.unit)
            _lock_units(batch, rows)
            importer = _check(batch, actor, layout, rows, resolutions=resolutions, progress=lambda p: None)
            summary = importer.summary()
            _save_report(batch_id, importer)
            checked = {
                "report": _report(importer, resolutions=resolutions),
                "summary": {**batch.summary, **summary},
                "total_rows": summary["rows"],
                "progress": 100,
            }
            if summary["error"] or summary["ambiguous"]:
                error = _("Dữ liệu đã thay đổi kể từ lần kiểm tra: có dòng lỗi hoặc trùng người. Chưa có gì được ghi.")
                return transition(locked, action=Action.REJECT, actor=None, note=error, error=error, **checked)
            written = importer.write()
            checked["summary"]["written"] = written
            return transition(
                locked,
                action=Action.COMMIT,
                actor=actor,
                committed_at=timezone.now(),
                **checked,
                audit_after={"kind": batch.kind, "rows": summary["rows"], "exists": summary["exists"], "written": written},
            )
    except DomainError as exc:
        if exc.field == "file":  # the stored file changed or no longer reads: committing again cannot help
            return _commit_ended(batch, Action.REJECT, exc.message)
        message = exc.message
    except IntegrityError:
        message = _("Dữ liệu vừa bị thay đổi đồng thời; chưa có gì được ghi. Hãy bấm ghi lại.")
    except Exception:
        log.exception("import %s: commit failed", batch_id)
        return _commit_ended(batch, Action.FAIL, _("Lỗi không mong đợi khi ghi; chưa có gì được ghi."))
    return _commit_ended(batch, Action.RETRY, message)
