"""Review-round pages: the scoped list, a teacher's own lines, a new round, its page (lines with their warnings,
round-wide checks, who grants each title, history), the engine's suggestions to tick, a line by hand, the round's
steps, a line's page (basis, progress, comments) and its withdrawal. Views parse, check access and call one
service or selector."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.permissions import access_unit
from thidua.accounts.scope import scope_for
from thidua.core.errors import DomainError
from thidua.core.forms import run_service
from thidua.core.views import service_form_page

from . import agenda, basis, routing, selectors, services, states
from .forms import AgendaForm, CommentForm, ConfirmForm, LineForm, PickForm, ReasonForm, RoundForm
from .models import NominationLine, ReviewRound, kind_name
from .permissions import access_line, access_round


def _posted(request):
    return request.POST if request.method == "POST" else None


def _to_round(pk: int):
    return lambda _result: reverse("nominations:round", kwargs={"pk": pk})


@login_required
def round_list(request):
    scope = scope_for(request.user)
    if not scope.sees_units:
        if scope.person_id:
            return redirect("nominations:mine")
        raise PermissionDenied(_("Bạn không có quyền xem mục này."))
    rounds = list(selectors.round_list(actor=request.user)[:200])
    writable = list(_writable_units(request.user))
    return render(request, "nominations/list.html", {"rounds": rounds, "writable": writable, "mine": scope.person_id is not None})


def _writable_units(actor):
    from thidua.org.models import OrgUnit

    scope = scope_for(actor)
    if scope.is_admin or not scope.write_paths:
        return []
    return list(OrgUnit.objects.filter(path__in=scope.write_paths, kind__legal_entity=True).order_by("path"))


@login_required
def my_lines(request):
    lines = list(selectors.my_lines(actor=request.user)[:100])
    return render(request, "nominations/mine.html", {"lines": lines})


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request, pk: int):
    unit = access_unit(request.user, pk, write=True)
    form = RoundForm(_posted(request), actor=request.user)

    def save(d):
        return services.round_create(
            actor=request.user, unit=unit, school_year=d["school_year"], kind=d["kind"], name=d["name"], movement=d["movement"]
        )

    return service_form_page(
        request, form, save, title=_("Lập đợt bình xét: %(unit)s") % {"unit": unit.name}, success=_("Đã lập đợt bình xét."),
        next_url=lambda r: reverse("nominations:round", kwargs={"pk": r.pk}), unit=unit, submit=_("Lập đợt bình xét"),
    )  # fmt: skip


def _routes(round_: ReviewRound, codes) -> list[tuple[str, routing.Route]]:
    """Who grants each title proposed, for the round's staff (the chain of the round's unit today)."""
    day = timezone.localdate()
    chain = routing.chain_on(round_.unit, day)
    launcher = routing.chain_unit(round_.movement.launcher) if round_.movement_id else None
    return [(kind_name(c), routing.resolve(kind_code=c, chain=chain, day=day, launcher=launcher)) for c in codes]


@login_required
def round_detail(request, pk: int):
    round_ = access_round(request.user, pk)
    scope = scope_for(request.user)
    can_write = scope.can_write_unit(round_.unit)
    lines = list(selectors.round_lines(round_=round_))
    open_lines = [line for line in lines if line.state in states.OPEN_LINES]
    codes = sorted({line.kind_code for line in open_lines if line.person_id})
    context = {
        "round": round_,
        "can_write": can_write,
        "editable": can_write and round_.status in states.EDITABLE,
        "actions": [t.action for t in ReviewRound.workflow.allowed_actions(round_.status, scope.roles_on(round_.unit))]
        if can_write
        else [],
        "lines": lines,
        "open_count": len(open_lines),
        "warnings": sum(1 for line in open_lines if line.against_failed),
        "checks": selectors.round_checks(round_=round_),
        "routes": _routes(round_, codes),
        "history": round_.transitions.select_related("actor"),
        "initial_label": ReviewRound.workflow.label(ReviewRound.workflow.initial),
    }
    return render(request, "nominations/round.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_suggestions(request, pk: int):
    """The engine's batch pass over the round's unit: the officer ticks the rows to propose."""
    round_ = access_round(request.user, pk, write=True)
    evaluation = basis.evaluate_round_unit(round_.unit, round_.school_year)
    rows = selectors.suggestions(round_=round_, evaluation=evaluation)
    form = PickForm(_posted(request), choices=[(r.key, r.key) for r in rows if not r.taken and not r.awarded])
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: services.lines_from_suggestions(
                actor=request.user, round_=round_, keys=form.cleaned_data["picks"], evaluation=evaluation
            ),
        )
        if done:
            messages.success(request, _("Đã lập %(n)d đề nghị theo gợi ý.") % {"n": len(done)})
            return redirect("nominations:round", pk=round_.pk)
    context = {"round": round_, "rows": rows, "form": form, "editable": round_.status in states.EDITABLE}
    return render(request, "nominations/suggestions.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def line_add(request, pk: int):
    round_ = access_round(request.user, pk, write=True)
    form = LineForm(_posted(request), actor=request.user, round_=round_)

    def save(d):
        return services.line_add(
            actor=request.user, round_=round_, person=d["person"], unit=d["unit"], kind_code=d["kind_code"], reason=d["reason"],
            justification=d["justification"],
        )  # fmt: skip

    return service_form_page(
        request, form, save, title=_("Bổ sung đề nghị: %(name)s") % {"name": round_.name}, success=_("Đã bổ sung đề nghị."),
        next_url=_to_round(round_.pk), unit=round_.unit, submit=_("Bổ sung đề nghị"),
    )  # fmt: skip


def _step(request, pk: int, *, form, call, title: str, success: str, submit: str):
    round_ = access_round(request.user, pk, write=True)
    return service_form_page(
        request, form, lambda d: call(round_, d), title=title % {"name": round_.name}, success=success,
        next_url=_to_round(round_.pk), unit=round_.unit, submit=submit,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def round_open(request, pk: int):
    return _step(
        request, pk, form=ConfirmForm(_posted(request)),
        call=lambda r, d: services.round_open(actor=request.user, round_=r, note=d["note"]),
        title=_("Mở đợt bình xét: %(name)s"), success=_("Đã mở đợt bình xét."), submit=_("Mở đợt bình xét"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def round_close(request, pk: int):
    return _step(
        request, pk, form=ConfirmForm(_posted(request)),
        call=lambda r, d: services.round_close(actor=request.user, round_=r, note=d["note"]),
        title=_("Kết thúc đợt bình xét: %(name)s"), success=_("Đã kết thúc đợt bình xét."), submit=_("Kết thúc đợt bình xét"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def round_cancel(request, pk: int):
    return _step(
        request, pk, form=ReasonForm(_posted(request)),
        call=lambda r, d: services.round_cancel(actor=request.user, round_=r, reason=d["reason"]),
        title=_("Hủy đợt bình xét: %(name)s"), success=_("Đã hủy đợt bình xét."), submit=_("Hủy đợt bình xét"),
    )  # fmt: skip


@login_required
def line_detail(request, pk: int):
    line = access_line(request.user, pk)
    scope = scope_for(request.user)
    own = line.person_id is not None and line.person_id == scope.person_id
    can_write = scope.can_write_unit(line.round.unit)
    context = {
        "line": line,
        "own": own,
        "can_read_round": scope.can_read_unit(line.round.unit),
        "can_withdraw": can_write and line.state in states.OPEN_LINES and line.round.status in states.EDITABLE,
        "can_comment": (own or can_write) and line.round.status == states.RoundStatus.OPEN,
        "comment_form": CommentForm(),
        "comments": line.comments.select_related("author"),
        "route": routing.route_for(
            kind_code=line.kind_code, day=timezone.localdate(), person=line.person, unit=line.unit, movement=line.round.movement
        ),
        "history": line.transitions.select_related("actor"),
        "initial_label": NominationLine.workflow.label(NominationLine.workflow.initial),
    }
    return render(request, "nominations/line.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def line_withdraw(request, pk: int):
    line = access_line(request.user, pk, write=True)
    return service_form_page(
        request, ReasonForm(_posted(request)), lambda d: services.line_withdraw(actor=request.user, line=line, reason=d["reason"]),
        title=_("Rút đề nghị: %(name)s") % {"name": str(line)}, success=_("Đã rút đề nghị."), next_url=_to_round(line.round_id),
        unit=line.round.unit, submit=_("Rút đề nghị"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def line_comment(request, pk: int):
    line = access_line(request.user, pk, comment=True)
    return service_form_page(
        request, CommentForm(_posted(request)), lambda d: services.line_comment(actor=request.user, line=line, text=d["text"]),
        title=_("Góp ý về đề nghị: %(name)s") % {"name": str(line)}, success=_("Đã gửi góp ý."),
        next_url=lambda _c: reverse("nominations:line", kwargs={"pk": line.pk}), submit=_("Gửi góp ý"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def round_agenda(request, pk: int):
    """Put the round's proposed lines (all, or those ticked) on the agenda of a session of the unit's council."""
    round_ = access_round(request.user, pk, write=True)
    proposed = list(
        round_.lines.filter(state=states.LineState.PROPOSED).select_related("person", "unit").order_by("person__sort_key", "id")
    )
    form = AgendaForm(_posted(request), sessions=agenda.sessions_for(round_), lines=proposed)

    def save(d):
        chosen = [line for line in proposed if str(line.pk) in set(d["lines"])] if d["lines"] else None
        return agenda.lines_to_agenda(actor=request.user, round_=round_, session=d["session"], lines=chosen, note=d["note"])

    intro = (
        "" if agenda.sessions_for(round_).exists() else _("Hội đồng của đơn vị chưa có phiên họp đang chờ: hãy lên lịch phiên họp trước.")
    )
    return service_form_page(
        request, form, save, title=_("Đưa đề nghị ra Hội đồng: %(name)s") % {"name": round_.name},
        success=_("Đã đưa đề nghị ra Hội đồng."), next_url=_to_round(round_.pk), unit=round_.unit,
        submit=_("Đưa ra Hội đồng"), intro=intro,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def round_registrations(request, pk: int):
    """ "Thêm từ đăng ký thi đua": the unit's approved registrations of the year become lines."""
    round_ = access_round(request.user, pk, write=True)
    pairs, skipped = services.proposable_registrations(round_)
    intro = _("%(n)d đăng ký thi đua đã duyệt sẽ được lập thành đề nghị; %(m)d đăng ký đã có đề nghị hoặc không còn lập được.") % {
        "n": len(pairs),
        "m": skipped,
    }

    def save(_d):
        lines, _skipped = services.lines_from_approved_registrations(actor=request.user, round_=round_)
        if not lines:
            raise DomainError(_("Không có đăng ký thi đua nào còn lập được đề nghị."), code="nothing_to_add")
        return lines

    return service_form_page(
        request, ConfirmForm(_posted(request)), save, title=_("Thêm từ đăng ký thi đua: %(name)s") % {"name": round_.name},
        success=_("Đã lập đề nghị từ đăng ký thi đua."), next_url=_to_round(round_.pk), unit=round_.unit,
        submit=_("Thêm từ đăng ký thi đua"), intro=intro,
    )  # fmt: skip
