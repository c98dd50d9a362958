"""Pages of the organisation tree: browser, unit page, tree of a past day, restructuring forms."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.permissions import access_unit
from thidua.accounts.scope import scope_for
from thidua.core.forms import run_service

from . import selectors, services
from .forms import CloseForm, MergeForm, MoveForm, UnitCreateForm, UnitFieldsForm


def _require_unit_reader(request) -> None:
    if not scope_for(request.user).sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem danh sách đơn vị."))


def _parse_day(value: str | None) -> dt.date | None:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value or "", fmt).date()
        except ValueError:
            continue
    return None


@login_required
def tree(request):
    _require_unit_reader(request)
    day = _parse_day(request.GET.get("on"))
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


@login_required
def detail(request, pk: int):
    unit = access_unit(request.user, pk)
    scope = scope_for(request.user)
    context = {
        "unit": unit,
        "ancestors": list(selectors.units_visible(actor=request.user).filter(path__in=unit.ancestor_paths()[:-1]).order_by("path")),
        "children": selectors.unit_children(actor=request.user, unit=unit, include_closed=True),
        "history": selectors.unit_history(unit=unit),
        "can_write": scope.can_write_unit(unit),
    }
    return render(request, "org/detail.html", context)


def _form_page(request, form, *, title, unit=None, submit=None):
    context = {"form": form, "title": title, "unit": unit, "submit": submit or _("Lưu")}
    return render(request, "form_page.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    unit = access_unit(request.user, pk, write=True)
    initial = {"name": unit.name, "education_levels": unit.level_codes, "remote_area": unit.remote_area, "address": unit.address}
    form = UnitFieldsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_service(form, lambda: services.unit_update(actor=request.user, unit=unit, **form.cleaned_data))
        if done:
            messages.success(request, _("Đã lưu thông tin đơn vị."))
            return redirect("org:detail", pk=unit.pk)
    return _form_page(request, form, title=_("Sửa thông tin: %(name)s") % {"name": unit.name}, unit=unit)


@login_required
@require_http_methods(["GET", "POST"])
def create_child(request, pk: int):
    parent = access_unit(request.user, pk, write=True)
    form = UnitCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = run_service(
            form,
            lambda: services.unit_create(
                actor=request.user,
                parent=parent,
                code=data["code"],
                name=data["name"],
                kind=data["kind"].code,
                valid_from=data["valid_from"],
                education_levels=data["education_levels"],
                remote_area=data["remote_area"],
                address=data["address"],
            ),
        )
        if unit:
            messages.success(request, _("Đã thêm đơn vị %(name)s.") % {"name": unit.name})
            return redirect("org:detail", pk=unit.pk)
    return _form_page(request, form, title=_("Thêm đơn vị trực thuộc %(name)s") % {"name": parent.name}, unit=parent)


@login_required
@require_http_methods(["GET", "POST"])
def move(request, pk: int):
    unit = access_unit(request.user, pk, write=True)
    form = MoveForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_parent = access_unit(request.user, data["new_parent"].pk, write=True)
        done = run_service(
            form,
            lambda: services.unit_move(
                actor=request.user,
                unit=unit,
                new_parent=new_parent,
                effective_date=data["effective_date"],
                decision_ref=data["decision_ref"],
                note=data["note"],
            ),
        )
        if done:
            messages.success(request, _("Đã chuyển đơn vị."))
            return redirect("org:detail", pk=unit.pk)
    return _form_page(request, form, title=_("Chuyển đơn vị quản lý: %(name)s") % {"name": unit.name}, unit=unit)


@login_required
@require_http_methods(["GET", "POST"])
def merge(request, pk: int):
    """Merge other units into this one (the target)."""
    target = access_unit(request.user, pk, write=True)
    form = MergeForm(request.POST or None, initial={"target": target.code}, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sources = [access_unit(request.user, s.pk, write=True) for s in data["sources"]]
        chosen = access_unit(request.user, data["target"].pk, write=True)
        done = run_service(
            form,
            lambda: services.unit_merge(
                actor=request.user,
                sources=sources,
                target=chosen,
                effective_date=data["effective_date"],
                decision_ref=data["decision_ref"],
                note=data["note"],
            ),
        )
        if done:
            messages.success(request, _("Đã sáp nhập đơn vị."))
            return redirect("org:detail", pk=done.pk)
    return _form_page(request, form, title=_("Sáp nhập vào %(name)s") % {"name": target.name}, unit=target)


@login_required
@require_http_methods(["GET", "POST"])
def close(request, pk: int):
    unit = access_unit(request.user, pk, write=True)
    form = CloseForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_service(
            form,
            lambda: services.unit_close(
                actor=request.user, unit=unit, effective_date=data["effective_date"], decision_ref=data["decision_ref"], note=data["note"]
            ),
        )
        if done:
            messages.success(request, _("Đã giải thể đơn vị."))
            return redirect("org:detail", pk=unit.pk)
    return _form_page(request, form, title=_("Giải thể: %(name)s") % {"name": unit.name}, unit=unit, submit=_("Giải thể"))
