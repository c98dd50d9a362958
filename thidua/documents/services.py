"""Writes of the documents app: keeping a generated file (audited)."""

from __future__ import annotations

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import DomainError, PermissionDenied
from thidua.org.models import OrgUnit

from .models import DocumentKind, FileFormat, GeneratedDocument

MAGIC = {FileFormat.PDF: b"%PDF-", FileFormat.DOCX: b"PK\x03\x04", FileFormat.ZIP: b"PK\x03\x04"}
MAX_BYTES = 50 * 1024 * 1024


@transaction.atomic
def document_keep(*, actor, kind: str, fmt: str, owner: Model, unit: OrgUnit, content: bytes) -> GeneratedDocument:
    """Store ``content`` (a rendered PDF or DOCX of ``owner``) with its SHA-256, once.

    The file is named by its hash; keeping the same bytes for the same owner and kind again returns the row
    already kept and writes nothing. The actor needs write scope on ``unit``."""
    if not scope_for(actor).can_write_unit(unit):
        raise PermissionDenied(_("Bạn không có quyền lưu văn bản của “%(name)s”.") % {"name": unit.name}, code="forbidden")
    if kind not in DocumentKind.values:
        raise DomainError(_("Loại văn bản không hợp lệ."), code="unknown_kind", field="kind")
    if fmt not in FileFormat.values:
        raise DomainError(_("Định dạng tệp không hợp lệ."), code="unknown_format", field="fmt")
    if not content or not content.startswith(MAGIC[fmt]):
        raise DomainError(_("Nội dung không phải tệp %(fmt)s.") % {"fmt": fmt.upper()}, code="not_" + fmt, field="content")
    if len(content) > MAX_BYTES:
        raise DomainError(_("Tệp quá lớn."), code="file_too_large", field="content")
    digest = hashlib.sha256(content).hexdigest()
    owner_type = ContentType.objects.get_for_model(owner)
    key = {"owner_type": owner_type, "owner_id": owner.pk, "kind": kind, "fmt": fmt, "sha256": digest}
    existing = GeneratedDocument.objects.filter(**key).first()
    if existing is not None:
        return existing
    document = GeneratedDocument(**key, unit=unit, size=len(content), created_by=actor if getattr(actor, "pk", None) else None)
    name = document.file.field.generate_filename(document, f"{digest[:2]}/{digest}.{fmt}")
    if document.file.storage.exists(name):  # content-addressed: the same bytes are already there
        document.file.name = name
    else:
        document.file.save(name.removeprefix("documents/"), ContentFile(content), save=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:  # kept by a concurrent request a moment ago: the same bytes, the same row
        return GeneratedDocument.objects.get(**key)
    audit.record(
        actor=actor,
        verb="document.kept",
        target=document,
        unit=unit,
        after={
            "kind": kind,
            "fmt": fmt,
            "sha256": digest,
            "size": len(content),
            "owner": f"{owner_type.app_label}.{owner_type.model}:{owner.pk}",
        },
    )
    return document
