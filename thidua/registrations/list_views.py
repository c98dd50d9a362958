"""The registration list sent up: a unit's officer sends it (confirm page), the level above follows who has sent
and who has not, and anyone reading the sending unit opens the list as sent (Word, PDF)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.permissions import access_unit
from thidua.accounts.scope import scope_for
from thidua.core.views import service_form_page
from thidua.movements.models import Movement
from thidua.movements.selectors import movements_visible

from . import selectors, sending
from .forms import MovementChoice
from .models import RegistrationListSent


class SendForm(forms.Form):
    movement = MovementChoice(label=gettext_lazy("Phong trào thi đua"), queryset=None, empty_label=None)

    def __init__(self, *args, movements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = movements


@login_required
@require_http_methods(["GET", "POST"])
def send(request, pk: int):
    unit = access_unit(request.user, pk, write=True)
    movements = selectors.reaching(unit, open_only=False).select_related("launcher").order_by("-period_start", "name")
    initial = {"movement": request.GET.get("movement")} if request.GET.get("movement", "").isdigit() else None
    form = SendForm(request.POST if request.method == "POST" else None, movements=movements, initial=initial)
    back = reverse("registrations:unit_list", kwargs={"pk": unit.pk})
    return service_form_page(
        request, form, lambda d: sending.registration_list_send(actor=request.user, unit=unit, movement=d["movement"]),
        title=_("Gửi bản đăng ký thi đua của %(unit)s lên cấp trên") % {"unit": unit.name},
        success=_("Đã gửi bản đăng ký thi đua lên cấp trên."),
        next_url=lambda s: f"{back}?movement={s.movement_id}&status=approved", unit=unit, submit=_("Gửi lên cấp trên"),
        intro=_("Bản đăng ký gồm các đăng ký đã duyệt của đơn vị (và các tổ) trong phong trào đã chọn; gửi lại sẽ thay bản đã gửi."),
    )  # fmt: skip


@login_required
@require_GET
def tracker(request, pk: int):
    """Which units under this one the movement reached have sent their list, and which have not."""
    unit = access_unit(request.user, pk)
    if not scope_for(request.user).sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem mục này."))
    movements = list(
        movements_visible(actor=request.user)
        .filter(pk__in=Movement.objects.filter(responses__unit__path__startswith=unit.path).values("pk"))
        .select_related("launcher")
        .order_by("-period_start", "name")
    )
    raw = request.GET.get("movement", "")
    movement = next((m for m in movements if str(m.pk) == raw), movements[0] if movements else None)
    rows = sending.tracker(actor=request.user, unit=unit, movement=movement) if movement else []
    context = {"unit": unit, "movements": movements, "movement": movement, "rows": rows,
               "missing": sum(1 for r in rows if r.sent is None)}  # fmt: skip
    return render(request, "registrations/sent_lists.html", context)


@login_required
@require_GET
def sent_document(request, pk: int, fmt: str):
    from thidua.documents import registry
    from thidua.documents.views import file_response

    sent = RegistrationListSent.objects.filter(pk=pk).first()
    if sent is None:
        raise Http404(_("Không tìm thấy bản đăng ký thi đua đã gửi."))
    access_unit(request.user, sent.unit_id)
    if not scope_for(request.user).sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem mục này."))
    data = sending.document_data(sent)
    return file_response(registry.render("registration_list", data, fmt), fmt, f"dang-ky-thi-dua-da-gui-{sent.pk}")
