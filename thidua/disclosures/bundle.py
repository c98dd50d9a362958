"""The round's paper bundle: tờ trình + danh sách trích ngang + every báo cáo thành tích, as one zip of DOCX files
and one PDF, built by a background task (``tasks.build_paper_bundle``) with progress, kept with its SHA-256
through ``documents.services.document_keep``.

``bundle_request`` (the officer's click) writes the bundle row and its audit row and starts the task after the
commit; ``bundle_build`` (the task) renders each paper, counting progress as it goes (one UPDATE per step,
outside any transaction so the page's poll sees it), then keeps both files and marks the bundle finished in
one transaction. The PDF is laid out once for the whole bundle (one WeasyPrint pass over the papers' bodies):
WeasyPrint's cost is per pass as much as per page.
"""

from __future__ import annotations

import importlib
import io
import logging
import zipfile

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import DomainError, PermissionDenied
from thidua.core.jobs import enqueue_on_commit
from thidua.documents import registry, round_papers
from thidua.documents.services import document_keep
from thidua.nominations.models import ReviewRound

from .models import PaperBundle

BUILD_TASK = "thidua.disclosures.tasks.build_paper_bundle"
# Loaded when a bundle is built: the document modules load WeasyPrint, which no web process needs at start.
MODULES = ("submission", "nominee_list", "achievement_report")
_log = logging.getLogger("thidua.disclosures")


@transaction.atomic
def bundle_request(*, actor, round_: ReviewRound) -> PaperBundle:
    if not scope_for(actor).can_write_unit(round_.unit):
        raise PermissionDenied(_("Bạn không có quyền lập bộ hồ sơ của đợt bình xét này."), code="forbidden")
    lines = round_papers.printed_lines(round_)
    if not lines:
        raise DomainError(_("Đợt bình xét chưa có đề nghị nào để lập hồ sơ."), code="nothing_to_print")
    bundle = PaperBundle.objects.create(round=round_, total=len(lines) + 4, created_by=actor)
    audit.record(
        actor=actor, verb="paper_bundle.requested", target=bundle, unit=round_.unit, after={"round": round_.pk, "lines": len(lines)}
    )
    enqueue_on_commit(BUILD_TASK, bundle.pk)
    return bundle


def _step(bundle_id: int, done: int) -> None:
    PaperBundle.objects.filter(pk=bundle_id).update(done=done)


def bundle_pdf(parts) -> bytes:
    """One PDF of every part, each starting on a new page (one layout pass)."""
    modules = {kind: importlib.import_module(f"thidua.documents.{kind}") for kind in MODULES}
    bodies = [render_to_string(modules[kind].BODY_HTML, modules[kind].context(data)) for kind, _stem, data in parts]
    html = (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Hồ sơ</title>'
        "<style>section.paper + section.paper { page-break-before: always; }</style></head><body>"
        + "".join(f'<section class="paper">{body}</section>' for body in bodies)
        + "</body></html>"
    )
    from thidua.documents import pdf as pdf_engine

    return pdf_engine.html_to_pdf(html)


def bundle_zip(files: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # fixed: the same papers give the same SHA-256
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content)
    return out.getvalue()


def bundle_build(*, bundle_id: int) -> PaperBundle:
    bundle = PaperBundle.objects.select_related("round", "round__unit", "round__school_year", "round__movement", "created_by").get(
        pk=bundle_id
    )
    if bundle.finished_at:
        return bundle
    PaperBundle.objects.filter(pk=bundle_id).update(started_at=timezone.now(), done=0, failure="")
    try:
        parts = round_papers.bundle_parts(bundle.round)
        total = len(parts) + 2
        PaperBundle.objects.filter(pk=bundle_id).update(total=total)
        files = []
        for i, (kind, stem, data) in enumerate(parts, start=1):
            files.append((f"{stem}.docx", registry.render(kind, data, "docx")))
            _step(bundle_id, i)
        archive = bundle_zip(files)
        content = bundle_pdf(parts)
        _step(bundle_id, len(parts) + 1)
        return _finish(bundle, archive, content, total)
    except Exception as exc:  # the page must say it failed; the log keeps the reason
        _log.exception("paper bundle %s failed", bundle_id)
        PaperBundle.objects.filter(pk=bundle_id).update(failure=_("Không lập được bộ hồ sơ: %(error)s") % {"error": str(exc)[:300]})
        raise


@transaction.atomic
def _finish(bundle: PaperBundle, archive: bytes, content: bytes, total: int) -> PaperBundle:
    from pypdf import PdfReader

    actor, round_ = bundle.created_by, bundle.round
    kept_zip = document_keep(actor=actor, kind="paper_bundle", fmt="zip", owner=round_, unit=round_.unit, content=archive)
    kept_pdf = document_keep(actor=actor, kind="paper_bundle", fmt="pdf", owner=round_, unit=round_.unit, content=content)
    pages = len(PdfReader(io.BytesIO(content)).pages)
    locked = PaperBundle.objects.select_for_update().get(pk=bundle.pk)
    locked.zip_document, locked.pdf_document, locked.pages = kept_zip, kept_pdf, pages
    locked.done, locked.total, locked.finished_at = total, total, timezone.now()
    locked.save(update_fields=["zip_document", "pdf_document", "pages", "done", "total", "finished_at"])
    audit.record(actor=actor, verb="paper_bundle.built", target=locked, unit=round_.unit,
                 after={"pages": pages, "zip_sha256": kept_zip.sha256, "pdf_sha256": kept_pdf.sha256})  # fmt: skip
    return locked
