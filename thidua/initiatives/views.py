"""Initiative pages: the list (a teacher's own, a unit's for its readers), a new initiative, one initiative with its
authors (codes in blind mode), the similarity panel, the council's scores, recognitions and history; the steps
(submit, withdraw, put to council, recognise, refuse, forward, rule on a similar one); the member's phone-sized
scoring page; forming the unit's initiative council. Each view: parse, ``access_*``, one service or selector."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.permissions import access_unit
from thidua.accounts.scope import scope_for
from thidua.core.forms import run_service
from thidua.core.views import service_form_page
from thidua.org.models import OrgUnit

from . import selectors, services, states
from .forms import CouncilForm, InitiativeForm, NoteForm, ReasonForm, RecogniseForm, RulingForm, ScoreForm
from .models import Score
from .permissions import access_initiative

S = states.InitiativeStatus


def _posted(request):
    return request.POST if request.method == "POST" else None


def _to_detail(result) -> str:
    return reverse("initiatives:detail", kwargs={"pk": getattr(result, "initiative_id", None) or result.pk})


@login_required
def initiative_list(request):
    status = request.GET.get("status", "")
    status = status if status in S.values else ""
    after = request.GET.get("after", "")
    rows, next_after = selectors.initiative_list(actor=request.user, status=status, after=int(after) if after.isdigit() else None,
                                                 mine=request.GET.get("mine") == "1")  # fmt: skip
    person = getattr(request.user, "person", None)
    context = {"rows": rows, "next_after": next_after, "status": status, "statuses": S.choices, "can_submit": person is not None}
    return render(request, "initiatives/list.html", context)


def _new(request, unit: OrgUnit, me):
    form = InitiativeForm(_posted(request), request.FILES or None, unit=unit, me=me)

    def save(d):
        return services.initiative_create(
            actor=request.user, unit=unit, school_year=d["school_year"], title=d["title"], field=d["field"], summary=d["summary"],
            problem=d["problem"], solution=d["solution"], results=d["results"], applied_at=d["applied_at"],
            applied_from=d["applied_from"], attachment=d.get("attachment"), authors=form.authors(), submit=d["submit_now"],
        )  # fmt: skip

    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: save(form.cleaned_data))
        if result:
            messages.success(request, _("Đã gửi sáng kiến.") if result.status == S.SUBMITTED else _("Đã lưu bản nháp sáng kiến."))
            return redirect(_to_detail(result))
    return render(request, "initiatives/new.html", {"form": form, "unit": unit})


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    """A teacher submits an initiative of their school."""
    person = getattr(request.user, "person", None)
    unit = getattr(person, "current_unit", None)
    if unit is None:
        raise PermissionDenied(_("Tài khoản của bạn chưa gắn với hồ sơ cá nhân ở một đơn vị nên chưa gửi được sáng kiến."))
    return _new(request, unit, person)


@login_required
@require_http_methods(["GET", "POST"])
def new_for(request, pk: int):
    """An officer enters an initiative of the unit (outside co-authors included)."""
    return _new(request, access_unit(request.user, pk, write=True), None)


@login_required
def detail(request, pk: int):
    initiative = access_initiative(request.user, pk)
    scope = scope_for(request.user)
    writer = scope.can_write_unit(initiative.unit)
    own = bool(scope.person_id and initiative.authors.filter(person_id=scope.person_id).exists())
    seat = selectors.seat_of(request.user, initiative)
    hidden = selectors.authors_hidden(request.user, initiative)
    authors = list(initiative.authors.select_related("person"))
    show_similar = initiative.status != S.DRAFT and (writer or seat is not None or own or scope.is_admin)
    context = {
        "initiative": initiative,
        "authors": authors,
        "hidden": hidden,
        "similar": selectors.similar(actor=request.user, initiative=initiative) if show_similar else [],
        "show_similar": show_similar,
        "result": selectors.result(initiative),
        "council": selectors.council_of(initiative),
        "scored": seat is not None and Score.objects.filter(initiative=initiative, seat=seat).exists(),
        "seat": seat,
        "recognitions": list(initiative.recognitions.select_related("body")),
        "history": list(initiative.transitions.select_related("actor")),
        "can_write": writer or own,
        "writer": writer,
    }
    return render(request, "initiatives/detail.html", context)


def _step(request, pk, *, form_class, call, title, success, submit, write=False, decide=False):
    initiative = access_initiative(request.user, pk, write=write, decide=decide)
    return service_form_page(request, form_class(_posted(request)), lambda d: call(initiative, d), title=title % {"title": initiative.title},
                             success=success, next_url=_to_detail, unit=initiative.unit, submit=submit)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, pk: int):
    return _step(request, pk, form_class=NoteForm, write=True, title=_("Gửi đơn yêu cầu công nhận sáng kiến “%(title)s”"),
                 call=lambda i, d: services.initiative_submit(actor=request.user, initiative=i), success=_("Đã gửi sáng kiến."),
                 submit=_("Gửi"))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk: int):
    return _step(request, pk, form_class=NoteForm, write=True, title=_("Rút sáng kiến “%(title)s”"),
                 call=lambda i, d: services.initiative_withdraw(actor=request.user, initiative=i, reason=d["note"]),
                 success=_("Đã rút sáng kiến."), submit=_("Rút sáng kiến"))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk: int):
    return _step(request, pk, form_class=NoteForm, decide=True, title=_("Đưa sáng kiến “%(title)s” ra Hội đồng sáng kiến"),
                 call=lambda i, d: services.initiative_put_to_council(actor=request.user, initiative=i),
                 success=_("Đã đưa sáng kiến ra Hội đồng."), submit=_("Đưa ra Hội đồng"))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def reject(request, pk: int):
    return _step(request, pk, form_class=ReasonForm, decide=True, title=_("Không công nhận sáng kiến “%(title)s”"),
                 call=lambda i, d: services.initiative_reject(actor=request.user, initiative=i, reason=d["reason"]),
                 success=_("Đã ghi kết quả không công nhận."), submit=_("Không công nhận"))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def forward(request, pk: int):
    return _step(request, pk, form_class=NoteForm, decide=True, title=_("Đề nghị công nhận sáng kiến “%(title)s” ở phạm vi cao hơn"),
                 call=lambda i, d: services.initiative_forward(actor=request.user, initiative=i, note=d["note"]),
                 success=_("Đã đề nghị cấp trên công nhận."), submit=_("Đề nghị"))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def recognise(request, pk: int):
    initiative = access_initiative(request.user, pk, decide=True)
    scope = scope_for(request.user)
    chain = OrgUnit.objects.filter(path__in=initiative.unit.ancestor_paths()).select_related("kind")
    bodies = OrgUnit.objects.filter(pk__in=[u.pk for u in chain if scope.can_write_unit(u)])
    form = RecogniseForm(_posted(request), bodies=bodies.select_related("kind").order_by("-depth"),
                         initial={"scope": "unit" if initiative.status == S.IN_REVIEW else "province"})  # fmt: skip
    return service_form_page(
        request, form,
        lambda d: services.initiative_recognise(actor=request.user, initiative=initiative, scope=d["scope"], body=d["body"],
                                                decision_number=d["decision_number"], decision_date=d["decision_date"]),
        title=_("Công nhận sáng kiến “%(title)s”") % {"title": initiative.title}, success=_("Đã công nhận sáng kiến."),
        next_url=_to_detail, unit=initiative.unit, submit=_("Công nhận"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def ruling(request, pk: int):
    initiative = access_initiative(request.user, pk)
    if not (scope_for(request.user).can_write_unit(initiative.unit) or selectors.seat_of(request.user, initiative)):
        raise PermissionDenied(_("Chỉ Hội đồng sáng kiến hoặc cán bộ của đơn vị ghi kết luận về sáng kiến tương tự."))
    candidates = [s for s in selectors.similar(actor=request.user, initiative=initiative) if s.ruling is None]
    form = RulingForm(_posted(request), candidates=candidates, initial={"candidate": request.GET.get("candidate")})
    by_id = {s.candidate.pk: s.candidate for s in candidates}
    return service_form_page(
        request, form,
        lambda d: services.ruling_record(actor=request.user, initiative=initiative, candidate=by_id[d["candidate"]],
                                         disposition=d["disposition"], note=d["note"]),
        title=_("Kết luận về sáng kiến tương tự với “%(title)s”") % {"title": initiative.title}, success=_("Đã ghi kết luận."),
        next_url=_to_detail, unit=initiative.unit, submit=_("Ghi kết luận"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def score(request, pk: int):
    """The council member's scoring sheet, made for a phone: one criterion a row, the initiative's text above."""
    initiative = access_initiative(request.user, pk)
    seat = selectors.seat_of(request.user, initiative)
    form = ScoreForm(_posted(request)) if seat is not None else None
    if form is not None and request.method == "POST" and form.is_valid():
        done = run_service(form, lambda: services.score_submit(actor=request.user, initiative=initiative, points=form.points(),
                                                               comments=form.comments()))  # fmt: skip
        if done:
            messages.success(request, _("Đã ghi điểm chấm."))
            return redirect("initiatives:detail", pk=initiative.pk)
    mine = list(Score.objects.filter(initiative=initiative, seat=seat).select_related("criterion")) if seat else []
    context = {"initiative": initiative, "form": form, "seat": seat, "mine": mine, "hidden": selectors.authors_hidden(request.user, initiative),
               "open": initiative.status == S.IN_REVIEW}  # fmt: skip
    return render(request, "initiatives/score.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def council_new(request, pk: int):
    unit = access_unit(request.user, pk, write=True)
    form = CouncilForm(_posted(request), unit=unit)
    return service_form_page(
        request, form,
        lambda d: services.council_create(actor=request.user, unit=unit, school_year=d["school_year"], members=form.seats(), blind=d["blind"],
                                          decision_number=d["decision_number"], pass_mark=d["pass_mark"]),
        title=_("Lập Hội đồng sáng kiến của %(unit)s") % {"unit": unit.name}, success=_("Đã lập Hội đồng sáng kiến."),
        next_url=lambda c: reverse("initiatives:list"), unit=unit, submit=_("Lập Hội đồng"),
    )  # fmt: skip
