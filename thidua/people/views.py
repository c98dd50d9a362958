"""People pages: the searchable list, the person page and the forms that change a record."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.permissions import access_person, access_unit
from thidua.accounts.scope import scope_for
from thidua.core.forms import run_service

from . import selectors, services
from .forms import DisciplineAddForm, EmploymentForm, LeaveForm, PersonCreateForm, PersonFieldsForm, RatingForm, TransferForm

PAGE_SIZE = 25


@login_required
def person_list(request):
    scope = scope_for(request.user)
    if not scope.sees_units:
        if request.user.person_id:
            return redirect("people:detail", pk=request.user.person_id)
        raise PermissionDenied(_("Bạn không có quyền xem danh sách cán bộ."))
    query = request.GET.get("q", "").strip()[:100]
    unit = None
    if request.GET.get("unit"):
        unit = access_unit(request.user, request.GET["unit"])
    people = selectors.people_list(actor=request.user, query=query, unit=unit)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "query": query, "unit": unit, "can_create": unit is not None and scope.can_write_unit(unit)}
    if request.htmx:
        return render(request, "people/list.html#results", context)
    return render(request, "people/list.html", context)


@login_required
def me(request):
    if not request.user.person_id:
        raise Http404(_("Tài khoản chưa gắn với hồ sơ cá nhân."))
    return redirect("people:detail", pk=request.user.person_id)


@login_required
def detail(request, pk: int):
    person = access_person(request.user, pk)
    scope = scope_for(request.user)
    record = selectors.person_record(person=person)
    employments = list(record.employments.all())
    context = {
        "person": record,
        "employments": employments,
        "ratings": list(record.ratings.all()),
        "disciplines": list(record.disciplines.all()),
        "leaves": list(record.leaves.all()),
        "can_write": scope.can_write_person(person),
        "show_national_id": scope.can_see_national_id(person),
    }
    return render(request, "people/detail.html", context)


def _form_page(request, form, *, title, person=None, unit=None):
    return render(request, "form_page.html", {"form": form, "title": title, "person": person, "unit": unit, "submit": _("Lưu")})


@login_required
@require_http_methods(["GET", "POST"])
def create(request, unit_pk: int):
    unit = access_unit(request.user, unit_pk, write=True)
    form = PersonCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = run_service(form, lambda: services.person_create(actor=request.user, unit=unit, **form.cleaned_data))
        if person:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": person.full_name})
            return redirect("people:detail", pk=person.pk)
    return _form_page(request, form, title=_("Thêm cán bộ vào %(unit)s") % {"unit": unit.name}, unit=unit)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    person = access_person(request.user, pk, write=True)
    initial = {f: getattr(person, f) for f in PersonFieldsForm.base_fields}
    form = PersonFieldsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_service(form, lambda: services.person_update(actor=request.user, person=person, **form.cleaned_data))
        if done:
            messages.success(request, _("Đã lưu hồ sơ."))
            return redirect("people:detail", pk=person.pk)
    return _form_page(request, form, title=_("Sửa hồ sơ: %(name)s") % {"name": person.full_name}, person=person)


@login_required
@require_http_methods(["GET", "POST"])
def employment_add(request, pk: int):
    person = access_person(request.user, pk, write=True)
    form = EmploymentForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["unit"] = access_unit(request.user, data["unit"].pk, write=True)
        done = run_service(form, lambda: services.employment_add(actor=request.user, person=person, **data))
        if done:
            messages.success(request, _("Đã thêm quá trình công tác."))
            return redirect("people:detail", pk=person.pk)
    return _form_page(request, form, title=_("Thêm quá trình công tác: %(name)s") % {"name": person.full_name}, person=person)


@login_required
@require_http_methods(["GET", "POST"])
def transfer(request, pk: int):
    person = access_person(request.user, pk, write=True)
    form = TransferForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        to_unit = access_unit(request.user, data["to_unit"].pk, write=True)
        done = run_service(
            form,
            lambda: services.person_transfer(
                actor=request.user, person=person, to_unit=to_unit, effective_date=data["effective_date"], position=data["position"] or None
            ),
        )
        if done:
            messages.success(request, _("Đã chuyển công tác."))
            return redirect("people:detail", pk=person.pk)
    return _form_page(request, form, title=_("Chuyển công tác: %(name)s") % {"name": person.full_name}, person=person)


@login_required
@require_http_methods(["GET", "POST"])
def rating_add(request, pk: int):
    person = access_person(request.user, pk, write=True)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(form, lambda: services.rating_set(actor=request.user, person=person, **form.cleaned_data))
        if done:
            messages.success(request, _("Đã lưu xếp loại."))
            return redirect("people:detail", pk=person.pk)
    return _form_page(request, form, title=_("Xếp loại hằng năm: %(name)s") % {"name": person.full_name}, person=person)


@login_required
@require_http_methods(["GET", "POST"])
def discipline_add(request, pk: int):
    person = access_person(request.user, pk, write=True)
    form = DisciplineAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(form, lambda: services.discipline_add(actor=request.user, person=person, **form.cleaned_data))
        if done:
            messages.success(request, _("Đã ghi nhận kỷ luật."))
            return redirect("people:detail", pk=person.pk)
    return _form_page(request, form, title=_("Kỷ luật: %(name)s") % {"name": person.full_name}, person=person)


@login_required
@require_http_methods(["GET", "POST"])
def leave_add(request, pk: int):
    person = access_person(request.user, pk, write=True)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(form, lambda: services.leave_add(actor=request.user, person=person, **form.cleaned_data))
        if done:
            messages.success(request, _("Đã ghi nhận thời gian nghỉ."))
            return redirect("people:detail", pk=person.pk)
    return _form_page(request, form, title=_("Thời gian nghỉ: %(name)s") % {"name": person.full_name}, person=person)
