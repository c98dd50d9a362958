"""document_keep: the bytes kept once with their SHA-256, audited; refusals save nothing."""

from __future__ import annotations

import hashlib

import pytest

from tests.test_access import decision_of_school_a
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError, PermissionDenied
from thidua.documents.models import GeneratedDocument
from thidua.documents.services import document_keep

PDF = b"%PDF-1.7\n% a generated paper\n%%EOF\n"


def _decision(world):
    from thidua.awards.models import Decision

    return Decision.objects.filter(number="15/QĐ-THCSYT").first() or decision_of_school_a(world)


def _keep(world, actor, content=PDF, fmt="pdf", kind="decision"):
    decision = _decision(world)
    return document_keep(actor=actor, kind=kind, fmt=fmt, owner=decision, unit=decision.issuer, content=content)


def test_keeping_stores_the_bytes_with_their_sha256_and_audits(world):
    document = _keep(world, world.officer_school_a)

    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.size == len(PDF)
    assert document.file.read() == PDF
    assert document.owner.number == "15/QĐ-THCSYT"
    event = AuditEvent.objects.get(verb="document.kept")
    assert event.after["sha256"] == document.sha256 and event.unit == world.school_a


def test_keeping_the_same_bytes_again_returns_the_kept_row(world):
    first = _keep(world, world.officer_school_a)
    again = _keep(world, world.officer_school_a)

    assert again.pk == first.pk
    assert AuditEvent.objects.filter(verb="document.kept").count() == 1


def test_other_bytes_are_a_new_row(world):
    _keep(world, world.officer_school_a)
    _keep(world, world.officer_school_a, content=PDF + b"\n")

    assert GeneratedDocument.objects.count() == 2


@pytest.mark.parametrize(
    ("content", "fmt", "kind", "code"),
    [
        (b"<html>", "pdf", "decision", "not_pdf"),
        (PDF, "docx", "decision", "not_docx"),
        (b"", "pdf", "decision", "not_pdf"),
        (PDF, "odt", "decision", "unknown_format"),
        (PDF, "pdf", "letter", "unknown_kind"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(world, content, fmt, kind, code):
    with pytest.raises(DomainError) as caught:
        _keep(world, world.officer_school_a, content=content, fmt=fmt, kind=kind)

    assert caught.value.code == code
    assert not GeneratedDocument.objects.exists()
    assert not AuditEvent.objects.filter(verb="document.kept").exists()


@pytest.mark.parametrize("persona", ["council_a", "officer_school_b", "teacher_a"])
def test_an_actor_without_write_scope_keeps_nothing(world, persona):
    with pytest.raises(PermissionDenied):
        _keep(world, getattr(world, persona))

    assert not GeneratedDocument.objects.exists()


def test_the_file_is_named_by_its_hash(world):
    document = _keep(world, world.officer_school_a)

    assert document.file.name == f"documents/{document.sha256[:2]}/{document.sha256}.pdf"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_requests_keeping_the_same_bytes_make_one_row(world, monkeypatch):
    import threading
    import time

    from django.db import connection

    from thidua.audit import recorder

    decision = _decision(world)
    record = recorder.record

    def slow(**kwargs):  # the first keeper holds its insert open a while: the other waits on the unique index
        time.sleep(0.3)
        return record(**kwargs)

    monkeypatch.setattr(recorder, "record", slow)
    start = threading.Barrier(2)
    kept: list[int] = []

    def keep(actor):
        try:
            start.wait()
            kept.append(document_keep(actor=actor, kind="decision", fmt="pdf", owner=decision, unit=decision.issuer, content=PDF).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=keep, args=(a,)) for a in (world.officer_school_a, world.officer_dept)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert len(kept) == 2 and kept[0] == kept[1]
    assert GeneratedDocument.objects.count() == 1
    assert AuditEvent.objects.filter(verb="document.kept").count() == 1
