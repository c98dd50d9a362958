"""Dossier pages: the receiving officer's queue (overdue first) and the sender's list, a new dossier from a round,
the dossier page (each line's basis beside the engine's outcome now, the ten-year ledger, the council's result,
the warning), its steps, a line's check and the sender's answer. Views parse, check access and call one service."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.scope import scope_for
from thidua.core.views import service_form_page
from thidua.nominations.permissions import access_round
from thidua.org.models import OrgUnit

from . import selectors, services, states
from .forms import AnswerForm, CheckForm, CreateForm, DecideForm, NoteForm
from .permissions import access_dossier, access_dossier_line, can_act

A = states.DossierAction


def _posted(request):
    return request.POST if request.method == "POST" else None


def _to(pk: int):
    return lambda _r: reverse("dossiers:detail", kwargs={"pk": pk})


@login_required
def queue(request):
    scope = scope_for(request.user)
    if not scope.sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem mục này."))
    today = timezone.localdate()
    incoming = list(selectors.queue(actor=request.user, today=today)[:200])
    for d in incoming:
        d.late = selectors.is_overdue(d, today)
    below = list(selectors.queue_below(actor=request.user, today=today)[:100])
    for d in below:
        d.late = selectors.is_overdue(d, today)
    sent = list(selectors.sent(actor=request.user)[:100])
    for d in sent:
        d.late = selectors.is_overdue(d, today)
    late = list(selectors.overdue(actor=request.user, today=today)[:100])
    rounds = list(selectors.rounds_to_send(actor=request.user)[:20])
    return render(request, "dossiers/queue.html", {"incoming": incoming, "below": below, "sent": sent, "overdue": late, "rounds": rounds})


@login_required
@require_http_methods(["GET", "POST"])
def create(request, pk: int):
    round_ = access_round(request.user, pk, write=True)
    found = services.receivers_for(round_)
    units = OrgUnit.objects.in_bulk(found.keys())
    receivers = [(units[i], len(lines)) for i, lines in found.items()]
    form = CreateForm(_posted(request), receivers=receivers)
    return service_form_page(
        request, form, lambda d: services.dossier_create(actor=request.user, round_=round_, receiver=units.get(d["receiver"])),
        title=_("Lập hồ sơ đề nghị khen thưởng: %(name)s") % {"name": round_.name}, success=_("Đã lập hồ sơ."),
        next_url=lambda d: reverse("dossiers:detail", kwargs={"pk": d.pk}), unit=round_.unit, submit=_("Lập hồ sơ"),
        intro=_("Hồ sơ gồm các đề nghị đã được Hội đồng thông qua và thuộc thẩm quyền cấp trên.") if receivers
        else _("Chưa có đề nghị nào được Hội đồng thông qua cần gửi cấp trên."),
    )  # fmt: skip


@login_required
def detail(request, pk: int):
    dossier = access_dossier(request.user, pk)
    scope = scope_for(request.user)
    is_sender, is_receiver = can_act(scope, dossier, "sender"), can_act(scope, dossier, "receiver")
    actions = [
        (t.action, str(t.label)) for t in states.DOSSIER.allowed_actions(dossier.status, scope.roles_on(dossier.sender))
        if (t.action in states.SENDER_ACTIONS and is_sender) or (t.action in states.RECEIVER_ACTIONS and is_receiver)
    ]  # fmt: skip
    context = {
        "dossier": dossier,
        "reviews": selectors.line_reviews(actor=request.user, dossier=dossier),
        "counts": selectors.counts(dossier=dossier),
        "late": selectors.is_overdue(dossier),
        "actions": actions,
        "can_check": is_receiver and dossier.status in services.CHECKABLE,
        "can_answer": is_sender and dossier.status == states.DossierStatus.RETURNED,
        "check_form": CheckForm(),
        "answer_form": AnswerForm(),
        "forwarded_to": list(dossier.forwarded_to.select_related("receiver")),
        "history": dossier.transitions.select_related("actor"),
        "initial_label": states.DOSSIER.label(states.DOSSIER.initial),
    }
    return render(request, "dossiers/detail.html", context)


def _step(request, pk: int, *, side: str, call, title: str, success: str, submit: str, form=None):
    dossier = access_dossier(request.user, pk, side=side)
    form = form or NoteForm(_posted(request))
    return service_form_page(
        request, form, lambda d: call(dossier, d), title=title % {"name": str(dossier)}, success=success, next_url=_to(dossier.pk),
        back=(str(dossier), reverse("dossiers:detail", kwargs={"pk": dossier.pk})), submit=submit,
    )  # fmt: skip


def _note_step(service, *, side: str, title: str, success: str, submit: str):
    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request, pk: int):
        return _step(request, pk, side=side, call=lambda d, data: service(actor=request.user, dossier=d, note=data["note"]),
                     title=title, success=success, submit=submit)  # fmt: skip

    return view


submit = _note_step(
    services.dossier_submit, side="sender", title=_("Gửi hồ sơ: %(name)s"), success=_("Đã gửi hồ sơ."), submit=_("Gửi hồ sơ")
)
recall = _note_step(services.dossier_recall, side="sender", title=_("Rút lại hồ sơ: %(name)s"), success=_("Đã rút lại hồ sơ."),
                    submit=_("Rút lại hồ sơ"))  # fmt: skip
resubmit = _note_step(services.dossier_resubmit, side="sender", title=_("Gửi lại hồ sơ: %(name)s"), success=_("Đã gửi lại hồ sơ."),
                      submit=_("Gửi lại hồ sơ"))  # fmt: skip
receive = _note_step(services.dossier_receive, side="receiver", title=_("Tiếp nhận hồ sơ: %(name)s"), success=_("Đã tiếp nhận hồ sơ."),
                     submit=_("Tiếp nhận hồ sơ"))  # fmt: skip
check = _note_step(services.dossier_check, side="receiver", title=_("Thẩm định hồ sơ: %(name)s"), success=_("Đã bắt đầu thẩm định."),
                   submit=_("Bắt đầu thẩm định"))  # fmt: skip
return_ = _note_step(services.dossier_return, side="receiver", title=_("Trả lại hồ sơ: %(name)s"), success=_("Đã trả lại hồ sơ."),
                     submit=_("Trả lại hồ sơ"))  # fmt: skip
forward = _note_step(services.dossier_forward, side="receiver", title=_("Chuyển hồ sơ lên cấp trên: %(name)s"),
                     success=_("Đã chuyển các đề nghị lên cấp trên."), submit=_("Chuyển lên cấp trên"))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def decide(request, pk: int):
    def call(dossier, d):
        return services.dossier_decide(actor=request.user, dossier=dossier, number=d["number"], decision_date=d["decision_date"],
                                       signer_name=d["signer_name"], signer_title=d["signer_title"])  # fmt: skip

    return _step(request, pk, side="receiver", call=call, title=_("Quyết định khen thưởng: %(name)s"), success=_("Đã ghi quyết định."),
                 submit=_("Ghi quyết định"), form=DecideForm(_posted(request)))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def line_check(request, pk: int):
    dline = access_dossier_line(request.user, pk, side="receiver")

    def call(d):
        if d["verdict"] == "accept":
            return services.line_accept(actor=request.user, dline=dline)
        if d["verdict"] == "return":
            return services.line_return(actor=request.user, dline=dline, reason=d["reason"], field=d["return_field"])
        return services.line_refuse(actor=request.user, dline=dline, reason=d["reason"])

    return service_form_page(
        request, CheckForm(_posted(request)), call, title=_("Thẩm định đề nghị: %(name)s") % {"name": str(dline.line)},
        success=_("Đã ghi kết quả thẩm định."), next_url=_to(dline.dossier_id),
        back=(str(dline.dossier), reverse("dossiers:detail", kwargs={"pk": dline.dossier_id})), submit=_("Ghi kết quả"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def line_answer(request, pk: int):
    dline = access_dossier_line(request.user, pk, side="sender")
    return service_form_page(
        request, AnswerForm(_posted(request)), lambda d: services.line_answer(actor=request.user, dline=dline, answer=d["answer"]),
        title=_("Trả lời yêu cầu bổ sung: %(name)s") % {"name": str(dline.line)}, success=_("Đã ghi trả lời."),
        next_url=_to(dline.dossier_id), back=(str(dline.dossier), reverse("dossiers:detail", kwargs={"pk": dline.dossier_id})),
        submit=_("Ghi trả lời"),
    )  # fmt: skip
