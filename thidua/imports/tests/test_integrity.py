"""Imports never lose or duplicate rows (issue 9, item 1): the rows really in the sheet, whatever its
declared size; no XML entities; lengths checked in the dry run; the file the dry run read is the file
committed; one load of the people inside the commit's lock; two workers, one set of people."""

from __future__ import annotations

import contextlib
import io
import re
import threading
import zipfile

import pytest
from django.db import connection

from tests.factories import make_person
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError
from thidua.imports import reader, services
from thidua.imports.models import ImportBatch
from thidua.people.models import Employment, Person

from .conftest import report_rows, upload, xlsx
from .test_services import AWARD_HEADER, STAFF_HEADER, award_row

Status = ImportBatch.Status


def staff_row(name: str, *, dob: str = "03/04/1990", unit: str = "THCS-YT", start: str = "01/09/2015") -> list:
    return [name, dob, "Nữ", None, None, unit, "Giáo viên", "Giáo viên", start, None]


def rewrite_sheet(content: bytes, change) -> bytes:
    """The same workbook with the first worksheet's XML passed through ``change(bytes) -> bytes``."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(info, data)
    return out.getvalue()


def declare(content: bytes, ref: str) -> bytes:
    """The same workbook with the sheet's ``<dimension ref>`` replaced (what other tools write wrongly)."""
    return rewrite_sheet(content, lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="%s"/>' % ref.encode(), xml))


# -- the declared dimension is never trusted -----------------------------------------------------------------
def test_rows_below_a_smaller_declared_dimension_are_all_read(world, run_import):
    content = declare(xlsx(STAFF_HEADER, [staff_row(f"Đỗ Thị {c}") for c in "ABC"]), "A1:J2")

    batch = run_import(world.officer_school_a, world.school_a, "staff", content, commit=True)

    assert batch.status == Status.COMMITTED, (batch.error, report_rows(batch))
    assert batch.total_rows == 3 and Person.objects.filter(full_name__startswith="Đỗ Thị").count() == 3


def test_a_larger_declared_dimension_adds_and_drops_nothing(world, run_import):
    content = declare(xlsx(STAFF_HEADER, [staff_row(f"Đỗ Thị {c}") for c in "ABC"]), "A1:J503")

    batch = run_import(world.officer_school_a, world.school_a, "staff", content, commit=True)

    assert batch.status == Status.COMMITTED, (batch.error, report_rows(batch))
    assert batch.total_rows == 3 and [r["row"] for r in report_rows(batch)] == [2, 3, 4]
    assert Person.objects.filter(full_name__startswith="Đỗ Thị").count() == 3


def test_columns_right_of_a_narrower_declared_dimension_are_read(world, run_import):
    content = declare(xlsx(STAFF_HEADER, [staff_row("Đỗ Thị A")]), "A1:B503")

    batch = run_import(world.officer_school_a, world.school_a, "staff", content, commit=True)

    assert batch.status == Status.COMMITTED, (batch.error, report_rows(batch))
    assert Employment.objects.get(person__full_name="Đỗ Thị A").start_date.year == 2015


def _rows_file(n: int) -> bytes:
    """A staff sheet of ``n`` data rows (one filled cell each) that declares ``A1:J2``, written as raw XML."""
    template = xlsx(STAFF_HEADER, [staff_row("x")])
    rows = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>Người số {i}</t></is></c></row>' for i in range(2, n + 2))

    def change(xml: bytes) -> bytes:
        head, rest = xml.split(b"<sheetData>")
        header = rest.split(b"</row>")[0] + b"</row>"
        return head + b"<sheetData>" + header + rows.encode() + b"</sheetData>" + rest.split(b"</sheetData>")[1]

    return declare(rewrite_sheet(template, change), "A1:J2")


def test_a_hundred_thousand_and_one_rows_declaring_two_are_over_the_limit(world, run_import):
    batch = run_import(world.officer_school_a, world.school_a, "staff", _rows_file(reader.MAX_ROWS + 1))

    assert batch.status == Status.INVALID
    assert "100000 dòng" in batch.error and Person.objects.filter(full_name__startswith="Người số").count() == 0


# -- XML entities ---------------------------------------------------------------------------------------------
LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [<!ENTITY a "hahahahahahahahahaha">'
    + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), b"&%s;" % bytes([97 + i]) * 10) for i in range(8))
    + b"]>"
)


def _with_doctype(xml: bytes, doctype: bytes = LAUGHS) -> bytes:
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    return doctype + body.replace(b"<t>", b"<t>&i;", 1)


@pytest.mark.parametrize(
    "doctype",
    [LAUGHS, b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY i SYSTEM "file:///etc/passwd">]>'],
    ids=["billion-laughs", "external-entity"],
)
def test_an_xml_entity_declaration_in_the_sheet_is_refused_at_upload(world, doctype):
    content = rewrite_sheet(xlsx(STAFF_HEADER, [staff_row("Đỗ Thị A")]), lambda xml: _with_doctype(xml, doctype))

    with pytest.raises(DomainError) as exc:
        services.import_create(actor=world.officer_school_a, kind="staff", unit=world.school_a, upload=upload(content))

    assert exc.value.code == "xml_entities" and "thực thể XML" in exc.value.message
    assert ImportBatch.objects.count() == 0


def test_a_doctype_in_any_part_is_refused_even_under_another_name(world):
    source = zipfile.ZipFile(io.BytesIO(xlsx(STAFF_HEADER, [staff_row("Đỗ Thị A")])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("xl/media/evil.bin", b"\xef\xbb\xbf  <!-- x --><!DOCTYPE r [<!ENTITY a 'b'>]><r/>")

    with pytest.raises(DomainError) as exc:
        services.import_create(actor=world.officer_school_a, kind="staff", unit=world.school_a, upload=upload(out.getvalue()))

    assert exc.value.code == "xml_entities"


def test_an_entity_bomb_through_the_api_is_a_vietnamese_400(world):
    from django.test import Client

    from thidua.accounts.services import api_token_issue

    content = rewrite_sheet(xlsx(STAFF_HEADER, [staff_row("Đỗ Thị A")]), _with_doctype)
    client = Client(headers={"Authorization": f"Bearer {api_token_issue(user=world.officer_school_a)}"})

    response = client.post("/api/v1/imports/", {"kind": "staff", "unit": world.school_a.pk, "file": io.BytesIO(content)})

    assert response.status_code == 400 and response.json()["code"] == "xml_entities"
    assert ImportBatch.objects.count() == 0


# -- lengths --------------------------------------------------------------------------------------------------
def test_a_name_longer_than_the_field_is_an_error_of_the_dry_run_with_row_and_column(world, run_import):
    rows = [staff_row("Đỗ Thị A"), staff_row("Nguyễn " * 714 + "AB")]

    batch = run_import(world.officer_school_a, world.school_a, "staff", xlsx(STAFF_HEADER, rows))

    assert batch.status == Status.INVALID
    bad = report_rows(batch)[0]
    assert bad["row"] == 3 and bad["errors"][0]["message"] == "Dòng 3, cột “Họ và tên”: dài 5000 ký tự, tối đa 120 ký tự"
    with pytest.raises(DomainError, match="1 dòng lỗi"):
        services.import_commit_request(actor=world.officer_school_a, batch=batch)
    assert not Person.objects.filter(full_name="Đỗ Thị A").exists()


def test_a_decision_number_longer_than_the_field_is_an_error_of_the_dry_run(world, run_import):
    batch = run_import(world.officer_dept, world.school_a, "awards", xlsx(AWARD_HEADER, [award_row(number="1" * 65 + "/QĐ")]))

    assert batch.status == Status.INVALID
    assert report_rows(batch)[0]["errors"][0]["message"] == "Dòng 2, cột “Số quyết định”: dài 68 ký tự, tối đa 64 ký tự"


# -- the committed file is the checked file ---------------------------------------------------------------------
def test_the_dry_run_records_the_hash_it_read(world, run_import):
    batch = run_import(world.officer_school_a, world.school_a, "staff", xlsx(STAFF_HEADER, [staff_row("Đỗ Thị A")]))

    assert batch.status == Status.VALIDATED and batch.checked_sha256 == batch.sha256 and len(batch.sha256) == 64


def test_a_stored_file_changed_after_the_dry_run_is_not_committed(world, run_import, django_capture_on_commit_callbacks):
    batch = run_import(world.officer_school_a, world.school_a, "staff", xlsx(STAFF_HEADER, [staff_row("Đỗ Thị A")]))
    with open(batch.file.path, "wb") as stored:  # someone with access to the media folder swaps the file
        stored.write(xlsx(STAFF_HEADER, [staff_row("Đỗ Thị A"), staff_row("Kẻ Lạ Mặt")]))

    with django_capture_on_commit_callbacks(execute=True):
        services.import_commit_request(actor=world.officer_school_a, batch=batch)
    batch.refresh_from_db()

    assert batch.status == Status.INVALID and "SHA-256" in batch.error
    assert not Person.objects.filter(full_name__in=["Đỗ Thị A", "Kẻ Lạ Mặt"]).exists()
    assert not AuditEvent.objects.filter(verb="import.committed").exists()


def test_a_stored_file_changed_before_the_dry_run_is_refused(world):
    batch = services.import_create(
        actor=world.officer_school_a, kind="staff", unit=world.school_a, upload=upload(xlsx(STAFF_HEADER, [staff_row("Đỗ Thị A")]))
    )
    with open(batch.file.path, "wb") as stored:
        stored.write(xlsx(STAFF_HEADER, [staff_row("Kẻ Lạ Mặt")]))

    batch = services.import_validate(batch_id=batch.pk)

    assert batch.status == Status.INVALID and "SHA-256" in batch.error and batch.rows.count() == 0


# -- the people are loaded once -------------------------------------------------------------------------------
def test_a_person_created_in_the_subtree_while_the_commit_loads_does_not_break_it(world, run_import, django_capture_on_commit_callbacks):
    batch = run_import(world.officer_school_a, world.school_a, "staff", xlsx(STAFF_HEADER, [staff_row("Đỗ Thị A")]))
    seen = []

    def newcomer_between_reads(execute, sql, params, many, context):
        # The second read of employment rows during the commit: someone adds a teacher just before it.
        if sql.lstrip().upper().startswith("SELECT") and '"people_employment"' in sql:
            seen.append(sql)
            if len(seen) == 2:
                make_person(name="Người Mới Đến", unit=world.school_a)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(newcomer_between_reads), django_capture_on_commit_callbacks(execute=True):
        services.import_commit_request(actor=world.officer_school_a, batch=batch)
    batch.refresh_from_db()

    assert batch.status == Status.COMMITTED, batch.error
    assert Person.objects.filter(full_name="Đỗ Thị A").count() == 1


def test_the_people_of_the_subtree_are_loaded_in_one_statement(world, django_assert_num_queries):
    from thidua.accounts.scope import scope_for
    from thidua.imports.importers import StaffImporter

    make_person(name="Đỗ Thị B", unit=world.team_a)
    batch = ImportBatch(kind="staff", unit=world.school_a, created_by=world.officer_school_a)
    importer = StaffImporter(batch=batch, actor=world.officer_school_a, scope=scope_for(world.officer_school_a))

    with django_assert_num_queries(1):
        importer._load_people()

    assert {p.full_name for p in importer.people.values()} == {"Nguyễn Thị Hoà", "Trần Văn Đức", "Đỗ Thị B"}
    assert all(p.employments for p in importer.people.values())


# -- two workers ------------------------------------------------------------------------------------------------
def _validated(world, content: bytes) -> ImportBatch:
    batch = services.import_create(actor=world.officer_school_a, kind="staff", unit=world.school_a, upload=upload(content))
    return services.import_validate(batch_id=batch.pk)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_committing_the_same_staff_file_create_each_person_once(world, settings, monkeypatch):
    from thidua.imports.importers import StaffImporter

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    content = xlsx(STAFF_HEADER, [staff_row(f"Đỗ Thị {c}", dob=f"0{i + 1}/04/1990") for i, c in enumerate("ABCDE")])
    batches = [_validated(world, content) for _ in range(2)]
    for batch in batches:
        assert batch.status == Status.VALIDATED and batch.summary["create"] == 5
        services.import_commit_request(actor=world.officer_school_a, batch=batch)

    # Both workers meet before writing, unless the first one holds the lock (then the wait times out).
    meet = threading.Barrier(2, timeout=3)
    write = StaffImporter.write

    def write_when_both_arrive(self):
        with contextlib.suppress(threading.BrokenBarrierError):
            meet.wait()
        return write(self)

    monkeypatch.setattr(StaffImporter, "write", write_when_both_arrive)
    results: dict[int, str] = {}

    def commit(batch_id: int) -> None:
        try:
            results[batch_id] = services.import_commit(batch_id=batch_id, actor=world.officer_school_a).status
        finally:
            connection.close()

    workers = [threading.Thread(target=commit, args=(b.pk,)) for b in batches]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)

    assert set(results.values()) == {Status.COMMITTED}, [(b.pk, ImportBatch.objects.get(pk=b.pk).error) for b in batches]
    for c in "ABCDE":
        assert Person.objects.filter(full_name=f"Đỗ Thị {c}").count() == 1
    second = max((ImportBatch.objects.get(pk=b.pk) for b in batches), key=lambda b: b.committed_at)
    assert second.summary["exists"] == 5 and second.summary["written"] == {"people": 0, "employments": 0}
