"""Movement pages: the scoped list (with "chờ hưởng ứng"), a new movement, its page (plan, targets, timeline,
response and report trackers, history), the steps of its workflow, a unit's response and reports, the award
list, and the attached files (served only after the access check; MEDIA is never published)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.scope import scope_for
from thidua.core.forms import run_service
from thidua.core.views import service_form_page as _service_form_page

from . import selectors, services, states
from .deadlines import calendar, unconfirmed_warning
from .forms import (
    ConfirmForm,
    LaunchForm,
    MovementEditForm,
    MovementFilterForm,
    MovementForm,
    ReasonForm,
    ReportForm,
    ResponseForm,
    TargetMode,
)
from .models import MilestoneKind, Movement
from .permissions import access_movement, access_report, access_response

PAGE_SIZE = 25
FILE_TYPES = {
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}


def service_form_page(request, form, save, *, multipart: bool = False, **kwargs):
    """``core.views.service_form_page``; with ``multipart`` the form uploads files (its own template)."""
    if not multipart:
        return _service_form_page(request, form, save, **kwargs)
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: save(form.cleaned_data))
        if result:
            messages.success(request, kwargs["success"])
            return redirect(kwargs["next_url"](result))
    context = {"form": form, "title": kwargs["title"], "unit": kwargs.get("unit"), "submit": kwargs.get("submit") or _("Lưu")}
    return render(request, "movements/form_page.html", context)


def _posted(request):
    """The POST data of a POST (even an empty one: a confirmation with no note is still a submission)."""
    return request.POST if request.method == "POST" else None


def _require_unit_reader(request) -> None:
    if not scope_for(request.user).sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem mục này."))


def _to_movement(pk: int):
    return lambda _result: reverse("movements:detail", kwargs={"pk": pk})


@login_required
def movement_list(request):
    _require_unit_reader(request)
    form = MovementFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        d = form.cleaned_data
        filters = {"school_year": d["school_year"], "kind": d["kind"], "status": d["status"], "query": d["q"]}
    page = Paginator(selectors.movement_list(actor=request.user, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "awaiting": list(selectors.responses_awaiting(actor=request.user)[:50]),
        "can_create": scope_for(request.user).writes_units,
        "today": timezone.localdate(),
    }
    return render(request, "movements/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def movement_create(request):
    if not scope_for(request.user).writes_units:
        raise PermissionDenied(_("Bạn không có quyền phát động phong trào."))
    form = MovementForm(_posted(request), request.FILES or None, actor=request.user)

    def save(d):
        launcher = d["launcher"]
        targets = _targets(d, launcher)
        return services.movement_create(
            actor=request.user, launcher=launcher, kind=d["kind"], name=d["name"], school_year=d["school_year"],
            period_start=d["period_start"], period_end=d["period_end"], parent=d["parent"], field=d["field"], slogan=d["slogan"],
            goals=d["goals"], content=d["content"], criteria=d["criteria"], subjects=d["subjects"],
            registration_opens=d["registration_opens"], registration_closes=d["registration_closes"],
            phase_review_on=d["phase_review_on"], final_review_on=d["final_review_on"], response_days=d["response_days"],
            report_days=d["report_days"], planned_awards=d["planned_awards"], targets=targets, plan_document=d["plan_document"],
        )  # fmt: skip

    return service_form_page(
        request, form, save, title=_("Soạn phong trào thi đua"), success=_("Đã lưu dự thảo phong trào."),
        next_url=lambda m: reverse("movements:detail", kwargs={"pk": m.pk}), submit=_("Lưu dự thảo"), multipart=True,
    )  # fmt: skip


def _targets(d, launcher):
    if d["target_mode"] == TargetMode.UNITS:
        return [services.TargetSpec(u, include_subtree=False) for u in d["target_units"]]
    return [services.TargetSpec(launcher, include_subtree=True)]


@login_required
@require_http_methods(["GET", "POST"])
def movement_edit(request, pk: int):
    """The creation form, filled in, while the movement is a draft; the service refuses a launched one."""
    movement = access_movement(request.user, pk, write=True)
    if movement.status != states.MovementStatus.DRAFT:
        messages.error(request, _("Phong trào đã phát động, không sửa được nữa."))
        return redirect("movements:detail", pk=movement.pk)
    form = MovementEditForm(_posted(request), request.FILES or None, actor=request.user, movement=movement)

    def save(d):
        changes = {name: d[name] for name in MovementEditForm.CHANGES}
        return services.movement_update(
            actor=request.user, movement=movement, changes=changes, planned_awards=d["planned_awards"],
            targets=_targets(d, movement.launcher), plan_document=d["plan_document"],
        )  # fmt: skip

    return service_form_page(
        request, form, save, title=_("Sửa dự thảo phong trào: %(name)s") % {"name": movement.name}, unit=movement.launcher,
        success=_("Đã lưu dự thảo phong trào."), next_url=_to_movement(movement.pk), submit=_("Lưu dự thảo"), multipart=True,
    )  # fmt: skip


@login_required
def movement_detail(request, pk: int):
    movement = access_movement(request.user, pk)
    scope = scope_for(request.user)
    roles = scope.roles_on(movement.launcher)
    can_write = scope.can_write_unit(movement.launcher)
    status, cal = request.GET.get("status", ""), calendar()  # one calendar for the days late and the warning
    page = selectors.response_page(actor=request.user, movement=movement, status=status, after=request.GET.get("after", ""), cal=cal)
    open_ = movement.status in states.OPEN
    for row in page.rows:
        row.can_answer = scope.can_write_unit(row.response.unit)
        row.can_review = can_write
        row.open = open_
    status_query = urlencode({"status": status}) if status in states.ResponseStatus.values else ""
    context = {
        "movement": movement,
        "can_write": can_write,
        "actions": [t.action for t in Movement.workflow.allowed_actions(movement.status, roles)] if can_write else [],
        "targets": list(movement.targets.select_related("unit")),
        "planned": list(movement.planned_awards.all()),
        "tracker": page,
        "responses": page.rows,
        "status_counts": [(value, label, page.counts.get(value, 0)) for value, label in states.ResponseStatus.choices],
        "status": status if status_query else "",
        "status_query": status_query,
        "reports": selectors.report_page(actor=request.user, movement=movement, page=page, cal=cal),
        "children": list(selectors.movements_visible(actor=request.user).filter(parent=movement)),
        "award_count": selectors.movement_awards(actor=request.user, movement=movement).count(),
        "history": movement.transitions.select_related("actor"),
        "initial_label": Movement.workflow.label(Movement.workflow.initial),
        "calendar_warning": unconfirmed_warning(movement.period_start, movement.final_review_on or movement.period_end, cal),
    }
    return render(request, "movements/detail.html", context)


def _step(request, pk: int, *, form, call, title: str, success: str, submit: str):
    movement = access_movement(request.user, pk, write=True)
    return service_form_page(
        request, form, lambda d: call(movement, d), title=title % {"name": movement.name}, success=success,
        next_url=_to_movement(movement.pk), unit=movement.launcher, submit=submit,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def movement_launch(request, pk: int):
    return _step(
        request, pk, form=LaunchForm(_posted(request)),
        call=lambda m, d: services.movement_launch(actor=request.user, movement=m, launched_on=d["launched_on"], note=d["note"]),
        title=_("Phát động phong trào: %(name)s"), success=_("Đã phát động phong trào."), submit=_("Phát động"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def movement_review(request, pk: int):
    return _step(
        request, pk, form=ConfirmForm(_posted(request)),
        call=lambda m, d: services.movement_begin_review(actor=request.user, movement=m, note=d["note"]),
        title=_("Bắt đầu tổng kết phong trào: %(name)s"), success=_("Phong trào chuyển sang tổng kết."), submit=_("Bắt đầu tổng kết"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def movement_close(request, pk: int):
    return _step(
        request, pk, form=ConfirmForm(_posted(request)),
        call=lambda m, d: services.movement_close(actor=request.user, movement=m, note=d["note"]),
        title=_("Kết thúc phong trào: %(name)s"), success=_("Đã kết thúc phong trào."), submit=_("Kết thúc phong trào"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def movement_cancel(request, pk: int):
    return _step(
        request, pk, form=ReasonForm(_posted(request)),
        call=lambda m, d: services.movement_cancel(actor=request.user, movement=m, reason=d["reason"]),
        title=_("Hủy phong trào: %(name)s"), success=_("Đã hủy phong trào."), submit=_("Hủy phong trào"),
    )  # fmt: skip


@login_required
def movement_awards(request, pk: int):
    """Danh sách khen thưởng: the award lines of the movement's decisions the actor may see."""
    movement = access_movement(request.user, pk)
    awards = Paginator(selectors.movement_awards(actor=request.user, movement=movement), 50).get_page(request.GET.get("page"))
    return render(request, "movements/awards.html", {"movement": movement, "page": awards})


# -- responses and reports -----------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def response_submit(request, pk: int):
    response = access_response(request.user, pk, write=True)
    form = ResponseForm(_posted(request), request.FILES or None, response=response)
    return service_form_page(
        request, form,
        lambda d: services.response_submit(actor=request.user, response=response, text=d["text"], attachment=d["attachment"],
                                           child_movement=d["child_movement"], on=d["on"]),
        title=_("Kế hoạch hưởng ứng của %(unit)s: %(name)s") % {"unit": response.unit.name, "name": response.movement.name},
        success=_("Đã gửi kế hoạch hưởng ứng."), next_url=_to_movement(response.movement_id), unit=response.unit,
        submit=_("Gửi kế hoạch"), multipart=True,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def response_acknowledge(request, pk: int):
    response = access_response(request.user, pk, review=True)
    return service_form_page(
        request, ConfirmForm(_posted(request)),
        lambda d: services.response_acknowledge(actor=request.user, response=response, note=d["note"]),
        title=_("Ghi nhận kế hoạch hưởng ứng của %(unit)s") % {"unit": response.unit.name}, success=_("Đã ghi nhận kế hoạch."),
        next_url=_to_movement(response.movement_id), unit=response.movement.launcher, submit=_("Ghi nhận"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def response_return(request, pk: int):
    response = access_response(request.user, pk, review=True)
    return service_form_page(
        request, ReasonForm(_posted(request)),
        lambda d: services.response_return(actor=request.user, response=response, reason=d["reason"]),
        title=_("Trả lại kế hoạch hưởng ứng của %(unit)s") % {"unit": response.unit.name}, success=_("Đã trả lại kế hoạch."),
        next_url=_to_movement(response.movement_id), unit=response.movement.launcher, submit=_("Trả lại"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def report_submit(request, pk: int):
    response = access_response(request.user, pk, write=True)
    labels = dict(MilestoneKind.choices)
    kinds = [(m.kind, f"{labels[m.kind]} ({m.held_on:%d/%m/%Y})") for m in response.movement.milestones.order_by("held_on")]
    form = ReportForm(_posted(request), request.FILES or None, kinds=kinds or list(MilestoneKind.choices))
    return service_form_page(
        request, form,
        lambda d: services.report_submit(actor=request.user, response=response, kind=d["kind"], text=d["text"], figures=form.figures(),
                                         attachment=d["attachment"], on=d["on"]),
        title=_("Báo cáo sơ kết, tổng kết của %(unit)s: %(name)s") % {"unit": response.unit.name, "name": response.movement.name},
        success=_("Đã gửi báo cáo."), next_url=_to_movement(response.movement_id), unit=response.unit, submit=_("Gửi báo cáo"),
        multipart=True,
    )  # fmt: skip


# -- files ---------------------------------------------------------------------------------------------
def _file(field, kind: str, name: str):
    if not field:
        raise Http404(_("Không có tệp đính kèm."))
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404(_("Không tìm thấy tệp.")) from None
    content_type, extension = FILE_TYPES.get(kind, ("application/octet-stream", "bin"))
    response = FileResponse(handle, content_type=content_type, as_attachment=True, filename=f"{name}.{extension}")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def movement_document(request, pk: int):
    movement = access_movement(request.user, pk)
    return _file(movement.plan_document, movement.plan_document_type, f"ke-hoach-phong-trao-{movement.pk}")


@login_required
def response_attachment(request, pk: int):
    response = access_response(request.user, pk)
    return _file(response.attachment, response.attachment_type, f"ke-hoach-huong-ung-{response.pk}")


@login_required
def report_attachment(request, pk: int):
    report = access_report(request.user, pk)
    return _file(report.attachment, report.attachment_type, f"bao-cao-{report.pk}")
