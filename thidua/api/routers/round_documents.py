"""The round's papers through the API: ``GET /api/v1/review-rounds/{id}/documents/{submission|nominee_list}.docx|.pdf``,
``GET /api/v1/nomination-lines/{id}/documents/achievement_report.docx|.pdf`` (rendered on demand, nothing written),
and the bundle: ``POST /api/v1/review-rounds/{id}/documents/bundle`` (202, built in the background) and
``GET /api/v1/paper-bundles/{id}`` (its progress and the SHA-256 of the kept files). Access as the pages."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router, Status

from thidua.disclosures import bundle as bundles
from thidua.disclosures.models import PaperBundle
from thidua.disclosures.paper_views import ROUND_KINDS, round_paper_data
from thidua.documents import registry, round_papers
from thidua.documents.views import file_response
from thidua.nominations.permissions import access_line, access_round

from ..errors import responses
from ..schemas_disclosures import BundleOut
from .documents import _binary

round_documents_router = Router(tags=["documents"])
line_documents_router = Router(tags=["documents"])
bundles_router = Router(tags=["documents"])
TITLES = {"submission": "Tờ trình đề nghị khen thưởng", "nominee_list": "Danh sách trích ngang", "achievement_report": "Báo cáo thành tích"}


def _round_paper(request, id: int, kind: str, fmt: str):
    round_, data = round_paper_data(request.auth, id, kind)
    return file_response(registry.render(kind, data, fmt), fmt, f"{ROUND_KINDS[kind]}-{round_.pk}")


def _register(kind: str, fmt: str):
    label = "Word" if fmt == "docx" else "PDF"

    def view(request, id: int):
        return _round_paper(request, id, kind, fmt)

    view.__name__ = f"review_round_{kind}_{fmt}"
    round_documents_router.get(f"/{{id}}/documents/{kind}.{fmt}", response=responses({200: None}, 404, 422),
                               summary=f"{TITLES[kind]} ({label})", openapi_extra=_binary(fmt, f"{TITLES[kind]} theo thể thức Nghị định 30/2020/NĐ-CP."))(view)  # fmt: skip


for _kind in ("submission", "nominee_list"):
    for _fmt in ("docx", "pdf"):
        _register(_kind, _fmt)


def _line_report(request, id: int, fmt: str):
    line = access_line(request.auth, id)
    return file_response(
        registry.render("achievement_report", round_papers.achievement_report_data(line), fmt), fmt, f"bao-cao-thanh-tich-{line.pk}"
    )


@line_documents_router.get("/{id}/documents/achievement_report.docx", response=responses({200: None}, 404, 422),
                           summary="Báo cáo thành tích (Word)", openapi_extra=_binary("docx", "Báo cáo thành tích điền sẵn từ sổ theo dõi, để người được đề nghị hoàn thiện."))  # fmt: skip
def nomination_line_report_docx(request, id: int):
    return _line_report(request, id, "docx")


@line_documents_router.get("/{id}/documents/achievement_report.pdf", response=responses({200: None}, 404, 422),
                           summary="Báo cáo thành tích (PDF)", openapi_extra=_binary("pdf", "Báo cáo thành tích điền sẵn từ sổ theo dõi."))  # fmt: skip
def nomination_line_report_pdf(request, id: int):
    return _line_report(request, id, "pdf")


@round_documents_router.post("/{id}/documents/bundle", response=responses({202: BundleOut}, 400, 403, 404, 409, 422),
                             summary="Lập bộ hồ sơ (Word nén và một tệp PDF), chạy nền")  # fmt: skip
def review_round_bundle(request, id: int):
    round_ = access_round(request.auth, id, write=True)
    return Status(202, bundles.bundle_request(actor=request.auth, round_=round_))


@bundles_router.get("/{id}", response=responses({200: BundleOut}, 404, 422), summary="Tiến độ lập bộ hồ sơ")
def paper_bundle_detail(request, id: int):
    bundle = get_object_or_404(PaperBundle.objects.select_related("round", "round__unit", "zip_document", "pdf_document"), pk=id)
    access_round(request.auth, bundle.round_id)
    return bundle
