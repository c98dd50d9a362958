"""Pages of the organisation tree: browser, unit page, tree of a past day, restructuring forms."""

from __future__ import annotations

import datetime as dt
import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.permissions import access_unit
from thidua.accounts.scope import scope_for
from thidua.core.views import service_form_page
from thidua.people.selectors import staff_in_year
from thidua.years.models import SchoolYear

from . import selectors, services
from .forms import CloseForm, MergeForm, MoveForm, UnitCreateForm, UnitFieldsForm


def _require_unit_reader(request) -> None:
    if not scope_for(request.user).sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem danh sách đơn vị."))


def _parse_day(value: str | None) -> dt.date | None:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.date(*time.strptime(value or "", fmt)[:3])
        except ValueError:
            continue
    return None


@login_required
def tree(request):
    _require_unit_reader(request)
    typed_day = request.GET.get("on", "").strip()
    day = _parse_day(typed_day)
    if typed_day and day is None and not request.htmx:
        # Said, not ignored: the page would otherwise show today's tree as if it were that day's.
        messages.error(request, _("Ngày không hợp lệ: %(value)s (dd/mm/yyyy)") % {"value": typed_day[:40]})
    query = request.GET.get("q", "").strip()
    context = {"day": day, "query": query}
    if day:
        context["rows"] = selectors.unit_tree_on(actor=request.user, day=day)
    elif query:
        context["results"] = list(selectors.unit_search(actor=request.user, query=query)[:100])
    else:
        roots = list(selectors.unit_roots(actor=request.user))
        context["roots"] = roots
    if request.htmx and query:
        return render(request, "org/tree.html#results", context)
    return render(request, "org/tree.html", context)


@login_required
def children(request, pk: int):
    unit = access_unit(request.user, pk)
    rows = selectors.unit_children(actor=request.user, unit=unit, include_closed=request.GET.get("closed") == "1")
    return render(request, "org/tree.html#children", {"children": rows, "parent": unit})


def _school_year(request) -> tuple[SchoolYear | None, list[SchoolYear]]:
    """The school year chosen with ``?year=`` (its code or start year) among the years that have begun; by
    default the current one. An unknown year is said, not silently replaced."""
    years = list(SchoolYear.objects.filter(start_date__lte=timezone.localdate()).order_by("-start_date"))
    wanted = request.GET.get("year", "").strip()
    chosen = next((y for y in years if wanted in (y.code, str(y.start_date.year))), None) if wanted else None
    if wanted and chosen is None:
        messages.error(request, _("Không có năm học %(value)s; đang hiển thị năm học hiện tại.") % {"value": wanted[:20]})
    if chosen is None:
        chosen = next((y for y in years if y.is_current), years[0] if years else None)
    return chosen, years


@login_required
def detail(request, pk: int):
    unit = access_unit(request.user, pk)
    scope = scope_for(request.user)
    year, years = _school_year(request)
    context = {
        "unit": unit,
        "year": year,
        "years": years,
        "staff": staff_in_year(actor=request.user, unit=unit, year=year) if year else None,
        "ancestors": list(selectors.units_visible(actor=request.user).filter(path__in=unit.ancestor_paths()[:-1]).order_by("path")),
        "children": selectors.unit_children(actor=request.user, unit=unit, include_closed=True),
        "history": selectors.unit_history(unit=unit),
        "can_write": scope.can_write_unit(unit),
    }
    return render(request, "org/detail.html", context)


def _to_unit(result) -> str:
    return reverse("org:detail", kwargs={"pk": result.pk})


def _restructuring(data: dict) -> dict:
    return {"effective_date": data["effective_date"], "decision_ref": data["decision_ref"], "note": data["note"]}


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    unit = access_unit(request.user, pk, write=True)
    initial = {"name": unit.name, "education_levels": unit.level_codes, "remote_area": unit.remote_area, "address": unit.address}
    return service_form_page(
        request,
        UnitFieldsForm(request.POST or None, initial=initial),
        lambda data: services.unit_update(actor=request.user, unit=unit, **data),
        title=_("Sửa thông tin: %(name)s") % {"name": unit.name},
        success=_("Đã lưu thông tin đơn vị."),
        next_url=_to_unit,
        unit=unit,
    )


@login_required
@require_http_methods(["GET", "POST"])
def create_child(request, pk: int):
    parent = access_unit(request.user, pk, write=True)

    def save(data):
        kind = data.pop("kind").code
        return services.unit_create(actor=request.user, parent=parent, kind=kind, **data)

    return service_form_page(
        request,
        UnitCreateForm(request.POST or None),
        save,
        title=_("Thêm đơn vị trực thuộc %(name)s") % {"name": parent.name},
        success=_("Đã thêm đơn vị."),
        next_url=_to_unit,
        unit=parent,
    )


@login_required
@require_http_methods(["GET", "POST"])
def move(request, pk: int):
    unit = access_unit(request.user, pk, write=True)

    def save(data):
        new_parent = access_unit(request.user, data["new_parent"].pk, write=True)
        return services.unit_move(actor=request.user, unit=unit, new_parent=new_parent, **_restructuring(data))

    return service_form_page(
        request,
        MoveForm(request.POST or None, actor=request.user),
        save,
        title=_("Chuyển đơn vị quản lý: %(name)s") % {"name": unit.name},
        success=_("Đã chuyển đơn vị."),
        next_url=_to_unit,
        unit=unit,
    )


@login_required
@require_http_methods(["GET", "POST"])
def merge(request, pk: int):
    """Merge other units into this one (or into another target the actor may change)."""
    target = access_unit(request.user, pk, write=True)

    def save(data):
        sources = [access_unit(request.user, s.pk, write=True) for s in data["sources"]]
        chosen = access_unit(request.user, data["target"].pk, write=True)
        return services.unit_merge(actor=request.user, sources=sources, target=chosen, **_restructuring(data))

    return service_form_page(
        request,
        MergeForm(request.POST or None, initial={"target": target.code}, actor=request.user),
        save,
        title=_("Sáp nhập vào %(name)s") % {"name": target.name},
        success=_("Đã sáp nhập đơn vị."),
        next_url=_to_unit,
        unit=target,
    )


@login_required
@require_http_methods(["GET", "POST"])
def close(request, pk: int):
    unit = access_unit(request.user, pk, write=True)
    return service_form_page(
        request,
        CloseForm(request.POST or None, actor=request.user),
        lambda data: services.unit_close(actor=request.user, unit=unit, **_restructuring(data)),
        title=_("Giải thể: %(name)s") % {"name": unit.name},
        success=_("Đã giải thể đơn vị."),
        next_url=_to_unit,
        unit=unit,
        submit=_("Giải thể"),
    )
