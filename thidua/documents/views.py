"""Generated papers served on demand: render from the rows, write nothing (keeping a copy is a service)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from . import registry, selectors


def file_response(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=registry.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _decision(request, pk: int, fmt: str) -> HttpResponse:
    decision, data = selectors.decision_document(actor=request.user, decision_id=pk)
    return file_response(registry.render("decision", data, fmt), fmt, f"quyet-dinh-{decision.pk}")


@login_required
def decision_docx(request, pk: int):
    return _decision(request, pk, "docx")


@login_required
def decision_pdf(request, pk: int):
    return _decision(request, pk, "pdf")


@login_required
def session_document(request, pk: int, kind: str, fmt: str):
    """The council's papers of a session (phiếu bầu, biên bản họp, biên bản kiểm phiếu): readers of the council."""
    from . import council_selectors

    session, data = council_selectors.session_document(actor=request.user, session_id=pk, kind=kind)
    return file_response(registry.render(kind, data, fmt), fmt, f"{council_selectors.NAMES[kind]}-{session.pk}")
