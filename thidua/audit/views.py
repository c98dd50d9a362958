from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from thidua.accounts.permissions import access_unit
from thidua.accounts.scope import scope_for
from thidua.exports.sheets import audit_xlsx

from .changes import describe_page
from .forms import AuditFilterForm
from .selectors import audit_log, log_page


@login_required
def log(request):
    if not scope_for(request.user).writes_units:
        raise PermissionDenied(_("Bạn không có quyền xem nhật ký."))
    form = AuditFilterForm(request.GET or None, actor=request.user)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        unit = access_unit(request.user, data["unit"].pk) if data["unit"] else None
        filters = {
            "person_id": data["person"].pk if data["person"] else None,
            "unit": unit,
            "verb": data["verb"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }
    events = audit_log(actor=request.user, **filters) if not form.errors else audit_log(actor=request.user).none()
    if request.GET.get("format") == "xlsx":
        return audit_xlsx(events)
    page = log_page(events, after=request.GET.get("after", ""))
    query = request.GET.copy()
    query.pop("after", None)
    context = {"form": form, "page": page, "rows": describe_page(page.events), "query": query.urlencode()}
    return render(request, "audit/log.html", context)
