"""Registration pages: a teacher's own page (register, follow, send again), a unit's list (filters, keyset pages,
bulk approve or return with a reason, Excel), an officer registering on someone's behalf, one registration with
its history and its approve / return steps. Each view: parse, ``access_*``, one service or selector, render."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.permissions import access_unit
from thidua.accounts.scope import scope_for
from thidua.awards.models import Subject
from thidua.core.forms import run_service
from thidua.core.views import service_form_page
from thidua.movements.selectors import movements_visible
from thidua.movements.states import OPEN
from thidua.org.models import OrgUnit
from thidua.people.models import Person

from . import exports, selectors, services, states
from .forms import AmendForm, BulkForm, ConfirmForm, EditForm, ListFilterForm, OptionForm, ReasonForm, RegistrationForm
from .permissions import access_registration


def _posted(request):
    return request.POST if request.method == "POST" else None


def _to_detail(result) -> str:
    return reverse("registrations:detail", kwargs={"pk": result.pk})


@login_required
@require_http_methods(["GET", "POST"])
def mine(request):
    """The teacher's own registrations and the movements open for registration at their school."""
    person = getattr(request.user, "person", None)
    if person is None:
        return render(request, "registrations/mine.html", {"person": None})
    registrations = selectors.person_registrations(actor=request.user, person=person)
    taken = {r.movement_id for r in registrations}
    movements = [m for m in selectors.open_movements(actor=request.user, unit=person.current_unit) if m.pk not in taken]
    options = [
        o for y in {services.year_of(m) for m in movements} for o in selectors.commitment_options(unit=person.current_unit, school_year=y)
    ]
    form = RegistrationForm(_posted(request), movements=movements, options=options) if movements else None
    if form is not None and request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.registration_create(
            actor=request.user, movement=d["movement"], person=person, kind_codes=[k.code for k in d["kinds"]],
            commitments=form.commitments()))  # fmt: skip
        if result:
            messages.success(request, _("Đã gửi đăng ký thi đua, chờ thủ trưởng đơn vị duyệt."))
            return redirect("registrations:mine")
    return render(request, "registrations/mine.html", {"person": person, "registrations": registrations, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def unit_list(request, pk: int):
    unit = access_unit(request.user, pk)
    scope = scope_for(request.user)
    if not scope.sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem mục này."))
    if request.method == "POST":
        unit = access_unit(request.user, pk, write=True)
        bulk = BulkForm(request.POST)
        if bulk.is_valid():
            d = bulk.cleaned_data
            if d["action"] == "approve":
                done = run_service(bulk, lambda: services.registrations_approve(actor=request.user, ids=d["ids"]))
                text = _("Đã duyệt %(n)d đăng ký thi đua.")
            else:
                done = run_service(bulk, lambda: services.registrations_return(actor=request.user, ids=d["ids"], reason=d["reason"]))
                text = _("Đã trả lại %(n)d đăng ký thi đua.")
            if done:
                messages.success(request, text % {"n": len(done)})
                return redirect(request.get_full_path())
        for error in [e for errors in bulk.errors.values() for e in errors]:
            messages.error(request, error)
    movements = selectors.reaching(unit, open_only=False).select_related("launcher").order_by("-period_start", "name")
    filters = ListFilterForm(request.GET or None, movements=movements)
    movement = status = None
    if filters.is_valid():
        movement, status = filters.cleaned_data["movement"], filters.cleaned_data["status"]
    after = request.GET.get("after")
    page = selectors.registration_list(actor=request.user, unit=unit, movement=movement, status=status or "",
                                       after=int(after) if after and after.isdigit() else None)  # fmt: skip
    query = request.GET.copy()
    query.pop("after", None)
    context = {
        "unit": unit,
        "page": page,
        "filters": filters,
        "query": query.urlencode(),
        "can_write": scope.can_write_unit(unit),
        "movement": movement,
    }
    return render(request, "registrations/unit_list.html", context)


@login_required
def unit_export(request, pk: int):
    unit = access_unit(request.user, pk)
    if not scope_for(request.user).sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem mục này."))
    movement = None
    raw = request.GET.get("movement", "")
    if raw.isdigit():
        movement = movements_visible(actor=request.user).filter(pk=int(raw)).first()
    status = request.GET.get("status", "")
    status = status if status in states.RegistrationStatus.values else ""
    return exports.registrations_xlsx(selectors.all_rows(actor=request.user, unit=unit, movement=movement, status=status), unit=unit)


@login_required
@require_GET
def unit_document(request, pk: int, fmt: str):
    """The paper form (bản đăng ký thi đua, NĐ 30/2020 layout) of the unit's approved registrations in one movement."""
    from thidua.documents import registry
    from thidua.documents.views import file_response

    unit = access_unit(request.user, pk)
    if not scope_for(request.user).sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem mục này."))
    raw = request.GET.get("movement", "")
    movement = movements_visible(actor=request.user).filter(pk=int(raw)).first() if raw.isdigit() else None
    data = selectors.registration_list_document(actor=request.user, unit=unit, movement=movement)
    return file_response(registry.render("registration_list", data, fmt), fmt, f"dang-ky-thi-dua-{unit.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def register_for(request, pk: int):
    """An officer registers a person of the unit (on their behalf) or a collective (the unit, one of its teams)."""
    unit = access_unit(request.user, pk, write=True)
    movements = list(selectors.reaching(unit).select_related("launcher", "school_year").order_by("-period_start", "name"))
    people = Person.objects.filter(current_unit__path__startswith=unit.path).order_by("sort_key", "id")
    units = [unit, *OrgUnit.objects.filter(parent=unit).order_by("name")]
    options = [o for y in {services.year_of(m) for m in movements} for o in selectors.commitment_options(unit=unit, school_year=y)]
    form = RegistrationForm(_posted(request), movements=movements, options=options, people=people, units=units, officer=True)

    def save(d):
        return services.registration_create(
            actor=request.user, movement=d["movement"], person=d.get("person"), unit=d.get("unit") if not d.get("person") else None,
            kind_codes=[k.code for k in d["kinds"]], commitments=form.commitments(), late_reason=d.get("late_reason") or "",
        )  # fmt: skip

    return service_form_page(request, form, save, title=_("Đăng ký thi đua thay cho cá nhân, tập thể của %(unit)s") % {"unit": unit.name},
                             success=_("Đã ghi đăng ký thi đua."), next_url=_to_detail, unit=unit, submit=_("Gửi đăng ký"))  # fmt: skip


@login_required
def detail(request, pk: int):
    registration = access_registration(request.user, pk)
    scope = scope_for(request.user)
    can_decide = registration.status == states.RegistrationStatus.SUBMITTED
    if can_decide:
        try:
            services.check_approver(request.user, registration)
        except Exception:
            can_decide = False
    own = registration.person_id is not None and registration.person_id == scope.person_id
    can_edit = registration.status in (states.RegistrationStatus.DRAFT, states.RegistrationStatus.RETURNED) and (
        own or scope.can_write_unit(registration.unit_of_record)
    )
    can_amend = (
        registration.status == states.RegistrationStatus.APPROVED
        and registration.movement.status in OPEN
        and (own or scope.can_write_unit(registration.unit_of_record))
    )
    context = {
        "registration": registration,
        "can_amend": can_amend,
        "targets": list(registration.targets.select_related("kind")),
        "commitments": list(registration.commitments.all()),
        "history": list(registration.transitions.select_related("actor", "actor__person")),
        "can_decide": can_decide,
        "can_edit": can_edit,
    }
    return render(request, "registrations/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def approve(request, pk: int):
    registration = access_registration(request.user, pk, approve=True)
    return service_form_page(
        request, ConfirmForm(_posted(request)),
        lambda d: services.registration_approve(actor=request.user, registration=registration, note=d["note"]),
        title=_("Duyệt đăng ký thi đua của %(name)s") % {"name": registration.subject_name}, success=_("Đã duyệt đăng ký thi đua."),
        next_url=_to_detail, unit=registration.unit_of_record, submit=_("Duyệt"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def return_(request, pk: int):
    registration = access_registration(request.user, pk, approve=True)
    return service_form_page(
        request, ReasonForm(_posted(request)),
        lambda d: services.registration_return(actor=request.user, registration=registration, reason=d["reason"]),
        title=_("Trả lại đăng ký thi đua của %(name)s") % {"name": registration.subject_name}, success=_("Đã trả lại đăng ký thi đua."),
        next_url=_to_detail, unit=registration.unit_of_record, submit=_("Trả lại"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    """Change a draft or returned registration and send it again."""
    registration = access_registration(request.user, pk, write=True)
    subject = Subject.COLLECTIVE if registration.is_collective else Subject.INDIVIDUAL
    initial = {"kinds": [t.kind_id for t in registration.targets.all()], "free": "\n".join(c.text for c in registration.commitments.all())}
    form = EditForm(_posted(request), subject=subject, initial=initial)
    return service_form_page(
        request, form,
        lambda d: services.registration_submit(actor=request.user, registration=registration, kind_codes=[k.code for k in d["kinds"]],
                                               commitments=form.commitments()),
        title=_("Sửa và gửi lại đăng ký thi đua của %(name)s") % {"name": registration.subject_name},
        success=_("Đã gửi lại đăng ký thi đua."), next_url=_to_detail, unit=registration.unit_of_record, submit=_("Gửi lại"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def amend(request, pk: int):
    """Change an approved registration's titles or commitments with a reason; it goes back for approval."""
    registration = access_registration(request.user, pk, write=True)
    subject = Subject.COLLECTIVE if registration.is_collective else Subject.INDIVIDUAL
    initial = {"kinds": [t.kind_id for t in registration.targets.all()], "free": "\n".join(c.text for c in registration.commitments.all())}
    form = AmendForm(_posted(request), subject=subject, initial=initial)
    return service_form_page(
        request, form,
        lambda d: services.registration_amend(actor=request.user, registration=registration, reason=d["reason"],
                                              kind_codes=[k.code for k in d["kinds"]], commitments=form.commitments()),
        title=_("Sửa đăng ký thi đua đã duyệt của %(name)s") % {"name": registration.subject_name},
        success=_("Đã sửa đăng ký thi đua; đăng ký chờ duyệt lại."), next_url=_to_detail, unit=registration.unit_of_record,
        submit=_("Gửi duyệt lại"),
        intro=_("Đăng ký đã được duyệt. Sau khi sửa, đăng ký trở lại chờ thủ trưởng duyệt; bản đã duyệt vẫn được lưu trong lịch sử."),
    )  # fmt: skip


def _year(request):
    from thidua.years.models import SchoolYear

    code = request.GET.get("year", "")
    year = SchoolYear.objects.filter(code=code).first() if code else SchoolYear.objects.filter(is_current=True).first()
    if year is None:
        year = SchoolYear.objects.order_by("-start_date").first()
    return year


@login_required
@require_http_methods(["GET", "POST"])
def commitments(request, pk: int):
    """The unit's commitment list of a school year: its officers add lines and take them off (a line a registration
    chose is retired, never deleted); the registration forms offer the lines in use."""
    from thidua.years.models import SchoolYear

    unit = access_unit(request.user, pk)
    scope = scope_for(request.user)
    if not scope.sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem mục này."))
    year = _year(request)
    form = None
    if scope.can_write_unit(unit):
        form = OptionForm(_posted(request))
        if request.method == "POST" and form.is_valid():
            done = run_service(form, lambda: services.commitment_option_add(actor=request.user, unit=unit, school_year=year,
                                                                            text=form.cleaned_data["text"]))  # fmt: skip
            if done:
                messages.success(request, _("Đã thêm cam kết vào danh sách."))
                return redirect(request.get_full_path())
    elif request.method == "POST":
        raise PermissionDenied(_("Bạn không có quyền sửa danh sách cam kết của đơn vị này."))
    context = {
        "unit": unit,
        "year": year,
        "years": SchoolYear.objects.order_by("-start_date")[:6],
        "options": selectors.commitment_list(unit=unit, school_year=year) if year else [],
        "form": form,
    }
    return render(request, "registrations/commitments.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def commitment_retire(request, pk: int):
    from .models import CommitmentOption

    option = CommitmentOption.objects.select_related("unit", "school_year").filter(pk=pk).first()
    if option is None:
        raise Http404(_("Không tìm thấy cam kết."))
    access_unit(request.user, option.unit_id, write=True)
    back = reverse("registrations:commitments", kwargs={"pk": option.unit_id}) + f"?year={option.school_year.code}"
    return service_form_page(
        request, forms.Form(_posted(request)),
        lambda _d: services.commitment_option_retire(actor=request.user, option=option) or True,
        title=_("Bỏ cam kết khỏi danh sách"), success=_("Đã bỏ cam kết khỏi danh sách của đơn vị."), next_url=lambda _r: back,
        submit=_("Bỏ khỏi danh sách"), back=(option.unit.name, back),
        intro=_("Bỏ “%(text)s” khỏi danh sách cam kết năm học %(year)s? Mẫu đăng ký sẽ không còn gợi ý cam kết này; "
                "các đăng ký đã chọn vẫn giữ nguyên.") % {"text": option.text, "year": option.school_year.code},
    )  # fmt: skip
