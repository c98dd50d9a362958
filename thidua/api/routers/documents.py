"""``/api/v1/decisions/{id}/documents/decision.docx|.pdf``: generated papers, rendered on demand.

The same selector as the HTML views (``documents.selectors``: 404 when the actor may not open the decision);
nothing is written.
"""

from __future__ import annotations

from ninja import Router

from thidua.documents import registry, selectors
from thidua.documents.views import file_response

from ..errors import responses

decision_documents_router = Router(tags=["documents"])


def _binary(fmt: str, what: str) -> dict:
    return {
        "responses": {
            "200": {"description": what, "content": {registry.CONTENT_TYPES[fmt]: {"schema": {"type": "string", "format": "binary"}}}}
        }
    }


def _render(request, id: int, fmt: str):
    decision, data = selectors.decision_document(actor=request.auth, decision_id=id)
    return file_response(registry.render("decision", data, fmt), fmt, f"quyet-dinh-{decision.pk}")


@decision_documents_router.get(
    "/{id}/documents/decision.docx",
    response=responses({200: None}, 404, 422),
    summary="Quyết định kèm danh sách (Word)",
    openapi_extra=_binary("docx", "Tệp .docx theo thể thức Nghị định 30/2020/NĐ-CP, sửa được."),
)
def decision_document_docx(request, id: int):
    return _render(request, id, "docx")


@decision_documents_router.get(
    "/{id}/documents/decision.pdf",
    response=responses({200: None}, 404, 422),
    summary="Quyết định kèm danh sách (PDF)",
    openapi_extra=_binary("pdf", "Tệp PDF khổ A4 theo thể thức Nghị định 30/2020/NĐ-CP."),
)
def decision_document_pdf(request, id: int):
    return _render(request, id, "pdf")
