"""The round's papers: a page listing them (each in Word and PDF, per nominee for the báo cáo thành tích), the
files rendered on demand (nothing written), the bundle started in the background and its progress page (an
HTMX poll reading three columns), and the kept files of a finished bundle."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.core.views import service_form_page
from thidua.documents import registry, round_papers
from thidua.documents.views import file_response
from thidua.nominations.permissions import access_line, access_round

from . import bundle as bundles
from .models import PaperBundle

ROUND_KINDS = {"submission": "to-trinh", "nominee_list": "danh-sach-trich-ngang"}
FORMATS = ("docx", "pdf")


def _fmt(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404(_("Không có định dạng này."))
    return fmt


def round_paper_data(actor, pk: int, kind: str):
    round_ = access_round(actor, pk)
    if kind == "submission":
        return round_, round_papers.submission_data(round_)
    if kind == "nominee_list":
        return round_, round_papers.nominee_list_data(round_)
    raise Http404(_("Không có văn bản này."))


@login_required
def round_paper(request, pk: int, kind: str, fmt: str):
    round_, data = round_paper_data(request.user, pk, kind)
    fmt = _fmt(fmt)
    return file_response(registry.render(kind, data, fmt), fmt, f"{ROUND_KINDS[kind]}-{round_.pk}")


@login_required
def line_report(request, pk: int, fmt: str):
    line = access_line(request.user, pk)
    fmt = _fmt(fmt)
    return file_response(
        registry.render("achievement_report", round_papers.achievement_report_data(line), fmt), fmt, f"bao-cao-thanh-tich-{line.pk}"
    )


@login_required
def papers_page(request, pk: int):
    round_ = access_round(request.user, pk)
    lines = round_papers.printed_lines(round_)
    for line in lines:
        line.title_label = round_papers.line_title(line)
    can_write = scope_for(request.user).can_write_unit(round_.unit)
    context = {
        "round": round_,
        "lines": lines,
        "can_write": can_write,
        "bundles": list(PaperBundle.objects.filter(round=round_)[:5]) if can_write else [],
    }
    return render(request, "disclosures/papers.html", context)


@login_required
def bundle_start(request, pk: int):
    """A confirmation (GET) and the request (POST): the bundle is built in the background, its page shows progress."""
    round_ = access_round(request.user, pk, write=True)
    return service_form_page(
        request, forms.Form(request.POST if request.method == "POST" else None),
        lambda _d: bundles.bundle_request(actor=request.user, round_=round_),
        title=_("Lập bộ hồ sơ: %(name)s") % {"name": round_.name}, success=_("Đang lập bộ hồ sơ; trang này cho biết tiến độ."),
        next_url=lambda b: reverse("disclosures:bundle", kwargs={"pk": b.pk}), submit=_("Lập bộ hồ sơ"),
        back=(round_.name, reverse("disclosures:papers", kwargs={"pk": round_.pk})),
        intro=_("Tờ trình, danh sách trích ngang và báo cáo thành tích của từng người, trong một tệp nén Word và một tệp PDF."),
    )  # fmt: skip


def _bundle(actor, pk: int) -> PaperBundle:
    """A bundle is read like its round (the unit's officers, heads, council members and those above)."""
    bundle = get_object_or_404(PaperBundle.objects.select_related("round", "round__unit", "zip_document", "pdf_document"), pk=pk)
    access_round(actor, bundle.round_id)
    return bundle


@login_required
def bundle_detail(request, pk: int):
    bundle = _bundle(request.user, pk)
    template = "disclosures/_bundle_progress.html" if request.headers.get("HX-Request") else "disclosures/bundle.html"
    return render(request, template, {"bundle": bundle, "round": bundle.round})


@login_required
def bundle_file(request, pk: int, fmt: str):
    bundle = _bundle(request.user, pk)
    kept = {"zip": bundle.zip_document, "pdf": bundle.pdf_document}.get(fmt)
    if kept is None:
        raise Http404(_("Bộ hồ sơ chưa lập xong."))
    response = HttpResponse(kept.file.read(), content_type="application/zip" if fmt == "zip" else "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ho-so-{bundle.round_id}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-SHA256"] = kept.sha256
    return response


def bundle_url(bundle: PaperBundle) -> str:
    return reverse("disclosures:bundle", kwargs={"pk": bundle.pk})
