"""Import pages: the list of batches, the upload form, the status page (progress polled with HTMX, then
the row-by-row report page by page and the commit button), the commit and the template downloads.

A poll reads the batch row only and answers the progress fragment; once the batch is finished it asks
the browser to reload, and the full page reads one page of the report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRefresh

from thidua.accounts.permissions import access_unit
from thidua.accounts.scope import scope_for
from thidua.core.errors import DomainError
from thidua.core.errors import PermissionDenied as DomainPermissionDenied
from thidua.core.forms import run_service

from . import blank, selectors, services
from .forms import ImportUploadForm
from .models import ImportBatch, ImportKind
from .permissions import access_import

PAGE_SIZE = 25
REPORT_PAGE_SIZE = 200  # report rows per page (errors and ambiguous rows come first)
FINISHED = {ImportBatch.Status.VALIDATED, ImportBatch.Status.INVALID, ImportBatch.Status.COMMITTED, ImportBatch.Status.FAILED}


@login_required
def batch_list(request):
    scope = scope_for(request.user)
    if not scope.sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem các lần nhập dữ liệu."))
    page = Paginator(selectors.batches_visible(actor=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "imports/list.html", {"page": page, "can_import": scope.writes_units, "kinds": ImportKind.choices})


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    if not scope_for(request.user).writes_units:
        raise PermissionDenied(_("Bạn không có quyền nhập dữ liệu."))
    form = ImportUploadForm(request.POST or None, request.FILES or None, actor=request.user, initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = access_unit(request.user, data["unit"].pk, write=True)
        batch = run_service(form, lambda: services.import_create(actor=request.user, kind=data["kind"], unit=unit, upload=data["file"]))
        if batch:
            messages.success(request, _("Đã tải tệp lên; hệ thống đang kiểm tra từng dòng."))
            return redirect("imports:detail", pk=batch.pk)
    return render(request, "imports/new.html", {"form": form, "kinds": ImportKind.choices})


def _context(request, batch: ImportBatch) -> dict:
    return {
        "batch": batch,
        "finished": batch.status in FINISHED,
        "summary": batch.summary or {},
        "can_commit": batch.status == ImportBatch.Status.VALIDATED and scope_for(request.user).can_write_unit(batch.unit),
    }


@login_required
def detail(request, pk: int):
    batch = access_import(request.user, pk)
    context = _context(request, batch)
    if request.htmx:
        if context["finished"]:
            return HttpResponseClientRefresh()  # the full page shows the report
        return render(request, "imports/detail.html#progress", context)
    context |= {
        "history": batch.transitions.select_related("actor"),
        "initial_label": ImportBatch.workflow.label(ImportBatch.workflow.initial),
    }
    if context["finished"]:
        page = Paginator(batch.rows.order_by("position"), REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
        context |= {"page": page, "rows": [r.data for r in page]}
    return render(request, "imports/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def commit(request, pk: int):
    batch = access_import(request.user, pk, write=True)
    if request.method == "GET":
        return render(request, "imports/commit.html", _context(request, batch))
    resolutions = {}
    for key, value in request.POST.items():
        row = key.removeprefix("resolve_")
        if key.startswith("resolve_") and row.isdigit() and value.isdigit():
            resolutions[int(row)] = int(value)
    try:
        services.import_commit_request(actor=request.user, batch=batch, resolutions=resolutions)
    except DomainPermissionDenied as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đang ghi dữ liệu; trang sẽ cập nhật khi xong."))
    return redirect("imports:detail", pk=batch.pk)


@login_required
def template_download(request, kind: str):
    if kind not in ImportKind.values:
        raise Http404(_("Không có mẫu này."))
    response = HttpResponse(blank.template_bytes(kind), content_type=blank.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{blank.filename(kind)}"'
    return response
