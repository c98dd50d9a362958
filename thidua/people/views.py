"""People pages: the searchable list, the person page and the forms that change a record."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from thidua.accounts.permissions import access_person, access_unit
from thidua.accounts.scope import scope_for
from thidua.core.errors import DomainError
from thidua.core.views import service_form_page
from thidua.exports.sheets import people_xlsx

from . import selectors, services
from .forms import DisciplineAddForm, EmploymentForm, LeaveForm, PersonCreateForm, PersonFieldsForm, RatingForm, TransferForm
from .list_html import people_rows

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
    if request.GET.get("format") == "xlsx":
        return people_xlsx(selectors.people_list(actor=request.user, query=query, unit=unit))
    # Pages follow a cursor (the last person shown) and nothing counts the whole list (decision 0008).
    after = request.GET.get("after", "")[:500]
    try:
        page = selectors.people_page(actor=request.user, query=query, unit=unit, after=after, limit=PAGE_SIZE)
    except DomainError:  # a cursor edited by hand: start again from the top
        after = ""
        page = selectors.people_page(actor=request.user, query=query, unit=unit, limit=PAGE_SIZE)
    context = {
        "page": page,
        "query": query,
        "unit": unit,
        "after": after,
        # Built once, not per row ({% url %} in a loop is the slow part of a list page).
        "rows_html": people_rows(page.people, reverse("people:detail", kwargs={"pk": 0}).removesuffix("0/")),
        "can_create": unit is not None and scope.can_write_unit(unit),
    }
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
        # A teacher reads their own record but not their unit's page: the unit is then plain text.
        "unit_readable": record.current_unit is not None and scope.can_read_unit(record.current_unit),
        "eligibility": _eligibility(person, employments),
    }
    if context["eligibility"] is not None:  # the registration criterion beside it (shown, not required: DOMAIN §8.1)
        from thidua.registrations.selectors import registration_panel

        context["registration"] = registration_panel(person=person, school_year_code=context["eligibility"].school_year)
    return render(request, "people/detail.html", context)


def _eligibility(person, employments):
    """What the person qualifies for today and what is missing for the next title up: an ``Evaluation`` of this
    one person (kept per data version, ``rules.person_answer``: one query when nothing changed), or None."""
    from thidua.rules.person_answer import evaluation

    answer = evaluation(person=person, unit_ids=[e.unit_id for e in employments])
    return answer if answer.persons else None


def _to_person(person):
    return lambda _result: reverse("people:detail", kwargs={"pk": person.pk})


@login_required
@require_http_methods(["GET", "POST"])
def create(request, unit_pk: int):
    unit = access_unit(request.user, unit_pk, write=True)
    return service_form_page(
        request,
        PersonCreateForm(request.POST or None),
        lambda data: services.person_create(actor=request.user, unit=unit, **data),
        title=_("Thêm cán bộ vào %(unit)s") % {"unit": unit.name},
        success=_("Đã thêm cán bộ."),
        next_url=lambda person: reverse("people:detail", kwargs={"pk": person.pk}),
        unit=unit,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    person = access_person(request.user, pk, write=True)
    initial = {f: getattr(person, f) for f in PersonFieldsForm.base_fields}
    return service_form_page(
        request,
        PersonFieldsForm(request.POST or None, initial=initial),
        lambda data: services.person_update(actor=request.user, person=person, **data),
        title=_("Sửa hồ sơ: %(name)s") % {"name": person.full_name},
        success=_("Đã lưu hồ sơ."),
        next_url=_to_person(person),
        person=person,
    )


@login_required
@require_http_methods(["GET", "POST"])
def employment_add(request, pk: int):
    person = access_person(request.user, pk, write=True)

    def save(data):
        unit = access_unit(request.user, data.pop("unit").pk, write=True)
        return services.employment_add(actor=request.user, person=person, unit=unit, **data)

    return service_form_page(
        request,
        EmploymentForm(request.POST or None, actor=request.user),
        save,
        title=_("Thêm quá trình công tác: %(name)s") % {"name": person.full_name},
        success=_("Đã thêm quá trình công tác."),
        next_url=_to_person(person),
        person=person,
    )


@login_required
@require_http_methods(["GET", "POST"])
def transfer(request, pk: int):
    person = access_person(request.user, pk, write=True)

    def save(data):
        to_unit = access_unit(request.user, data["to_unit"].pk, write=True)
        return services.person_transfer(
            actor=request.user, person=person, to_unit=to_unit, effective_date=data["effective_date"], position=data["position"] or None
        )

    return service_form_page(
        request,
        TransferForm(request.POST or None, actor=request.user),
        save,
        title=_("Chuyển công tác: %(name)s") % {"name": person.full_name},
        success=_("Đã chuyển công tác."),
        next_url=_to_person(person),
        person=person,
    )


# Record pages that take the form's data as the service's keyword arguments.
_RECORD_PAGES = {
    "rating": (RatingForm, services.rating_set, gettext_lazy("Xếp loại hằng năm: %(name)s"), gettext_lazy("Đã lưu xếp loại.")),
    "discipline": (DisciplineAddForm, services.discipline_add, gettext_lazy("Kỷ luật: %(name)s"), gettext_lazy("Đã ghi nhận kỷ luật.")),
    "leave": (LeaveForm, services.leave_add, gettext_lazy("Thời gian nghỉ: %(name)s"), gettext_lazy("Đã ghi nhận thời gian nghỉ.")),
}


def _record_page(request, pk: int, kind: str):
    person = access_person(request.user, pk, write=True)
    form_class, service, title, success = _RECORD_PAGES[kind]
    return service_form_page(
        request,
        form_class(request.POST or None),
        lambda data: service(actor=request.user, person=person, **data),
        title=str(title) % {"name": person.full_name},
        success=str(success),
        next_url=_to_person(person),
        person=person,
    )


@login_required
@require_http_methods(["GET", "POST"])
def rating_add(request, pk: int):
    return _record_page(request, pk, "rating")


@login_required
@require_http_methods(["GET", "POST"])
def discipline_add(request, pk: int):
    return _record_page(request, pk, "discipline")


@login_required
@require_http_methods(["GET", "POST"])
def leave_add(request, pk: int):
    return _record_page(request, pk, "leave")
