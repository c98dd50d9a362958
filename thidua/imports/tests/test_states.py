"""Import batches change state only through ``transition()``: the history of each run, the roles, lost races.

Also: the services start the tasks by name and never import them (tasks import services).
"""

from __future__ import annotations

import ast
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils.module_loading import import_string
from django_tasks.base import Task

from tests.test_access import import_batch_of_school_a
from thidua.audit import recorder
from thidua.audit.models import AuditEvent
from thidua.core.errors import Conflict, PermissionDenied
from thidua.core.tests.status_writes import status_writes_outside_transition
from thidua.core.workflow import transition
from thidua.imports import services
from thidua.imports.models import ImportBatch, ImportBatchTransition
from thidua.imports.states import BatchAction

from .conftest import xlsx
from .test_integrity import staff_row
from .test_services import STAFF_HEADER

Status = ImportBatch.Status
ROOT = Path(__file__).resolve().parents[3]


def _steps(batch: ImportBatch) -> list[tuple[str, str, str, str | None]]:
    return [(t.from_state, t.to_state, t.action, t.actor.username if t.actor else None) for t in batch.transitions.select_related("actor")]


# -- history ------------------------------------------------------------------------------------------------
def test_an_import_from_upload_to_commit_leaves_its_history(world, run_import):
    with status_writes_outside_transition() as offenders:
        batch = run_import(world.officer_school_a, world.school_a, "staff", xlsx(STAFF_HEADER, [staff_row("Đỗ Thị A")]), commit=True)

    officer = world.officer_school_a.username
    assert batch.status == Status.COMMITTED
    assert _steps(batch) == [
        ("pending", "validating", "validate", None),
        ("validating", "validated", "accept", None),
        ("validated", "committing", "request_commit", officer),
        ("committing", "committed", "commit", officer),
    ]
    verbs = list(
        AuditEvent.objects.filter(target_id=str(batch.pk), target_type="imports.importbatch").order_by("id").values_list("verb", flat=True)
    )
    assert verbs == ["import.created", "import.validation_started", "import.validated", "import.commit_requested", "import.committed"]
    assert offenders == []


def test_a_file_with_errors_is_rejected_with_a_note(world, run_import):
    with status_writes_outside_transition() as offenders:
        batch = run_import(world.officer_school_a, world.school_a, "staff", xlsx(STAFF_HEADER, [staff_row("Đỗ Thị A", dob="31/02/1990")]))

    assert batch.status == Status.INVALID
    last = batch.transitions.last()
    assert (last.from_state, last.to_state, last.action, last.note) == ("validating", "invalid", "reject", "Có 1 dòng lỗi.")
    assert (last.from_label, last.to_label, last.action_label) == ("Đang kiểm tra", "Có lỗi, không thể ghi", "Từ chối tệp")
    assert offenders == []


def test_a_commit_that_fails_unexpectedly_is_recorded_by_the_worker(world, run_import, monkeypatch, django_capture_on_commit_callbacks):
    batch = run_import(world.officer_school_a, world.school_a, "staff", xlsx(STAFF_HEADER, [staff_row("Đỗ Thị A")]))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_lock_units", broken)
    with status_writes_outside_transition() as offenders, django_capture_on_commit_callbacks(execute=True):
        services.import_commit_request(actor=world.officer_school_a, batch=batch)
    batch.refresh_from_db()

    assert batch.status == Status.FAILED
    assert _steps(batch)[-2:] == [
        ("validated", "committing", "request_commit", world.officer_school_a.username),
        ("committing", "failed", "fail", None),
    ]
    assert batch.transitions.last().note == batch.error == "Lỗi không mong đợi khi ghi; chưa có gì được ghi."
    assert offenders == []


def test_a_commit_refused_by_a_recoverable_error_goes_back_to_validated(world, run_import, monkeypatch, django_capture_on_commit_callbacks):
    batch = run_import(world.officer_school_a, world.school_a, "staff", xlsx(STAFF_HEADER, [staff_row("Đỗ Thị A")]))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.import_commit_request(actor=world.officer_school_a, batch=batch)
    assert len(callbacks) == 1

    with status_writes_outside_transition() as offenders:  # the officer lost the role before the worker ran
        result = services.import_commit(batch_id=batch.pk, actor=world.officer_school_b)

    assert result.status == Status.VALIDATED and "không có quyền" in result.error
    assert _steps(result)[-1] == ("committing", "validated", "retry", None)
    assert offenders == []


def test_the_status_page_shows_the_history_in_vietnamese(client, world, run_import):
    batch = run_import(world.officer_school_a, world.school_a, "staff", xlsx(STAFF_HEADER, [staff_row("Đỗ Thị A")]))
    client.force_login(world.officer_school_a)

    page = client.get(reverse("imports:detail", kwargs={"pk": batch.pk})).content.decode()

    assert "Lịch sử trạng thái" in page and "Tải tệp lên" in page and "Kiểm tra xong" in page
    assert "Đang kiểm tra → Đã kiểm tra, chờ ghi" in page and "Hệ thống" in page


# -- who may take a step -----------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["council_a", "teacher_a", "officer_school_b"])
def test_only_writers_of_the_unit_may_ask_for_the_commit(world, who):
    batch = import_batch_of_school_a(world)

    with pytest.raises(PermissionDenied) as exc:
        transition(batch, action=BatchAction.REQUEST_COMMIT, actor=getattr(world, who))

    assert exc.value.status == 403 and "yêu cầu ghi dữ liệu" in exc.value.message
    assert ImportBatch.objects.get(pk=batch.pk).status == Status.VALIDATED and not ImportBatchTransition.objects.exists()


def test_a_person_cannot_take_the_workers_steps_nor_the_worker_a_persons(world):
    batch = import_batch_of_school_a(world, status=Status.VALIDATING)
    with pytest.raises(PermissionDenied):
        transition(batch, action=BatchAction.ACCEPT, actor=world.admin)

    validated = import_batch_of_school_a(world)
    with pytest.raises(PermissionDenied):
        transition(validated, action=BatchAction.REQUEST_COMMIT, actor=None)


# -- conflicts ------------------------------------------------------------------------------------------------
def test_a_step_the_table_does_not_allow_is_a_conflict_in_vietnamese(world):
    batch = import_batch_of_school_a(world, status=Status.COMMITTED)

    with pytest.raises(Conflict) as exc:
        transition(batch, action=BatchAction.REQUEST_COMMIT, actor=world.officer_school_a)

    assert (exc.value.status, exc.value.code) == (409, "import_committed")
    assert exc.value.message == "Không thể yêu cầu ghi dữ liệu: lần nhập dữ liệu đang ở trạng thái “Đã ghi dữ liệu”."


def test_a_stale_copy_is_a_conflict_even_when_the_step_is_allowed(world):
    batch = import_batch_of_school_a(world, status=Status.PENDING)
    stale = ImportBatch.objects.get(pk=batch.pk)
    transition(batch, action=BatchAction.VALIDATE, actor=None)

    with pytest.raises(Conflict) as exc:
        transition(stale, action=BatchAction.VALIDATE, actor=None)  # allowed from "validating" too, but not what it read

    assert exc.value.code == "state_changed" and "“Đang chờ kiểm tra” sang “Đang kiểm tra”" in exc.value.message
    assert ImportBatchTransition.objects.count() == 1


def test_history_and_audit_are_written_in_the_transaction_of_the_step(world, monkeypatch):
    batch = import_batch_of_school_a(world)

    def failing(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(recorder, "record", failing)
    with pytest.raises(RuntimeError):
        transition(batch, action=BatchAction.REQUEST_COMMIT, actor=world.officer_school_a, progress=0)

    assert ImportBatch.objects.get(pk=batch.pk).status == Status.VALIDATED and not ImportBatchTransition.objects.exists()


def test_a_step_rolled_back_with_its_service_leaves_no_history(world):
    batch = import_batch_of_school_a(world)

    with pytest.raises(ZeroDivisionError), transaction.atomic():
        transition(batch, action=BatchAction.REQUEST_COMMIT, actor=world.officer_school_a)
        assert ImportBatchTransition.objects.count() == 1 and AuditEvent.objects.filter(verb="import.commit_requested").count() == 1
        _ = 1 / 0

    assert ImportBatch.objects.get(pk=batch.pk).status == Status.VALIDATED
    assert not ImportBatchTransition.objects.exists() and not AuditEvent.objects.filter(verb="import.commit_requested").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_asking_at_once_one_wins_the_other_gets_a_conflict(world, monkeypatch):
    batch = import_batch_of_school_a(world)
    copies = [ImportBatch.objects.get(pk=batch.pk) for _ in range(2)]  # both read "validated"
    record = recorder.record

    def slow(**kwargs):  # the winner holds the row lock a while: the other waits on it, then reads the new state
        time.sleep(0.3)
        return record(**kwargs)

    monkeypatch.setattr(recorder, "record", slow)
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def ask(copy, actor):
        try:
            start.wait()
            with transaction.atomic():
                transition(copy, action=BatchAction.REQUEST_COMMIT, actor=actor)
            outcomes.append("ok")
        except Conflict as exc:
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=(c, a)) for c, a in zip(copies, [world.officer_school_a, world.head_a], strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    conflicts = [o for o in outcomes if isinstance(o, Conflict)]
    assert outcomes.count("ok") == 1 and len(conflicts) == 1, outcomes
    assert conflicts[0].code == "import_committing" and "thao tác khác" in conflicts[0].message
    assert ImportBatchTransition.objects.filter(batch=batch).count() == 1
    assert AuditEvent.objects.filter(verb="import.commit_requested").count() == 1


# -- no status written elsewhere --------------------------------------------------------------------------
def test_the_guard_catches_a_status_written_around_transition(world):
    batch = import_batch_of_school_a(world)

    with status_writes_outside_transition() as offenders:
        ImportBatch.objects.filter(pk=batch.pk).update(progress=50)  # progress is not a state: allowed
        ImportBatch.objects.filter(pk=batch.pk).update(status=Status.COMMITTED)

    assert len(offenders) == 1 and '"status"' in offenders[0]


def _status_writes(path: Path) -> list[str]:
    """``.update(status=…)``, ``update_fields=[…"status"…]`` and ``x.status = …Status.…`` in one source file (an
    import row's result also has a ``status``, set to plain strings: the database-level guard covers the rest)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update":
            found += [f"{path.name}:{node.lineno} update(status=)" for k in node.keywords if k.arg == "status"]
        if isinstance(node, ast.keyword) and node.arg == "update_fields":
            found += [
                f"{path.name}:{node.value.lineno} update_fields" for c in ast.walk(node.value) if getattr(c, "value", None) == "status"
            ]
        if (
            not isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign)
            or node.value is None
            or "Status" not in ast.unparse(node.value)
        ):
            continue
        for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
            for t in ast.walk(target):
                if isinstance(t, ast.Attribute) and t.attr == "status" and isinstance(t.ctx, ast.Store):
                    found.append(f"{path.name}:{t.lineno} .status =")
    return found


def test_no_code_outside_transition_writes_a_batch_or_decision_status():
    sources = [
        p
        for app in ("imports", "awards")
        for p in (ROOT / "thidua" / app).rglob("*.py")
        if "tests" not in p.parts and "migrations" not in p.parts
    ]
    assert len(sources) > 10
    assert [w for p in sources for w in _status_writes(p)] == []


def test_the_scan_finds_the_writes_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'B.objects.filter(pk=1).update(status="x")\nb.status, b.x = B.Status.X, 1\nb.save(update_fields=["status"])\nr.status = "error"\n',
        encoding="utf-8",
    )

    assert len(_status_writes(sample)) == 3


# -- tasks import services, never the reverse ----------------------------------------------------------------
def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
            names.update("." * node.level + (node.module + "." if node.module else "") + a.name for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_services_never_import_tasks_and_tasks_import_services():
    imported_by_services = _imported_modules(ROOT / "thidua/imports/services.py")
    assert not {n for n in imported_by_services if n.endswith("tasks") or ".tasks." in n or n == ".tasks"}, imported_by_services
    assert ".services" in _imported_modules(ROOT / "thidua/imports/tasks.py")


def test_the_tasks_services_start_by_name_exist():
    for name in (services.VALIDATE_TASK, services.COMMIT_TASK):
        assert isinstance(import_string(name), Task), name
