"""Award pages: the catalogue, decisions (list, detail, create, amend, revoke), the ledger (a person's
timeline, a unit's book), award search, and their Excel exports (``?format=xlsx`` on every list).

Each view: parse -> access_* -> one service or selector -> render. Decision scans are served only
through ``decision_scan`` after the access check; MEDIA is never published.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.permissions import access_person, access_unit
from thidua.accounts.scope import scope_for
from thidua.core.errors import DomainError
from thidua.core.errors import PermissionDenied as DomainPermissionDenied
from thidua.core.forms import DateField
from thidua.core.views import service_form_page
from thidua.exports import sheets
from thidua.org.selectors import unit_children, unit_roots
from thidua.people.selectors import people_list
from thidua.years.models import SchoolYear

from . import lookup, selectors, services
from .book_html import book_rows
from .forms import (
    AwardLineFormSet,
    AwardSearchForm,
    BookForm,
    CatalogueFilterForm,
    DecisionAmendForm,
    DecisionFilterForm,
    DecisionHeaderForm,
    InitiativeForm,
    ReasonForm,
    StaffPickForm,
    line_formset,
)
from .models import BaseSalary, Decision
from .money import cash_amount
from .permissions import access_award, access_decision
from .prefill import prefill_from_query
from .uploads import SIGNATURES

PAGE_SIZE = 25
SCAN_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}


def _wants_xlsx(request) -> bool:
    return request.GET.get("format") == "xlsx"


def _require_unit_reader(request) -> None:
    if not scope_for(request.user).sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem mục này."))


# -- catalogue -----------------------------------------------------------------------------------------


@login_required
def catalogue(request):
    """The catalogue of titles and forms per regime (public law: every signed-in user may read it)."""
    form = CatalogueFilterForm(request.GET or None)
    regime = form.cleaned_data["regime"] if form.is_valid() else None
    kinds = selectors.catalogue(regime=regime)
    if _wants_xlsx(request):
        return sheets.catalogue_xlsx(kinds)
    context = {"form": form, "kinds": list(kinds), "salaries": list(BaseSalary.objects.order_by("effective_from")), "regime": regime}
    return render(request, "awards/catalogue.html", context)


# -- decisions -----------------------------------------------------------------------------------------


@login_required
def decision_list(request):
    _require_unit_reader(request)
    form = DecisionFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        d = form.cleaned_data
        filters = {
            "number": d["number"],
            "issuer_query": d["issuer"],
            "school_year": d["school_year"],
            "award_type": d["award_type"],
            "status": d["status"],
        }
    decisions = selectors.decision_list(actor=request.user, **filters)
    if _wants_xlsx(request):
        return sheets.decisions_xlsx(decisions)
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    scope = scope_for(request.user)
    page.object_list = list(page.object_list)
    for d in page.object_list:  # decisions of another issuer about the actor's units: "own / all" lines
        d.issued_in_scope = scope.can_read_unit(d.issuer)
    issuers = list(unit_roots(actor=request.user)[:10]) if scope.writes_units else []
    issuers = [u for u in issuers if scope.can_write_unit(u)]
    return render(request, "awards/decision_list.html", {"form": form, "page": page, "issuers": issuers})


@login_required
def decision_detail(request, pk: int):
    decision = selectors.decision_record(decision=access_decision(request.user, pk), actor=request.user)
    scope = scope_for(request.user)
    context = {
        "decision": decision,
        "awards": decision.visible_awards,
        "other_award_count": decision.other_award_count,
        "amendments": list(decision.amendments.all()),
        "can_write": scope.can_write_unit(decision.issuer) and decision.status == Decision.Status.IN_FORCE,
        "history": decision.transitions.select_related("actor"),
        "initial_label": Decision.workflow.label(Decision.workflow.initial),
    }
    return render(request, "awards/decision_detail.html", context)


@login_required
def decision_scan(request, pk: int):
    decision = access_decision(request.user, pk)
    if not decision.scan:
        raise Http404(_("Quyết định chưa có bản quét."))
    try:
        handle = decision.scan.open("rb")
    except FileNotFoundError:
        raise Http404(_("Không tìm thấy tệp bản quét.")) from None
    head = handle.read(16)
    handle.seek(0)
    kind = next((k for k, prefixes in SIGNATURES.items() if any(head.startswith(p) for p in prefixes)), None)
    extension = {"pdf": "pdf", "png": "png", "jpeg": "jpg"}.get(kind, "bin")
    content_type = SCAN_TYPES.get(kind, "application/octet-stream")
    response = FileResponse(handle, content_type=content_type, as_attachment=kind is None, filename=f"quyet-dinh-{decision.pk}.{extension}")
    response["Cache-Control"] = "private, no-store"
    return response


def _specs(formset, day) -> tuple[list[services.AwardSpec], list[int]]:
    specs, rows = [], []
    for index, f in formset.filled():
        d = f.cleaned_data
        specs.append(
            services.AwardSpec(
                kind_code=d["kind_code"],
                person=d.get("person") or None,
                unit=d.get("unit") or None,
                school_year=d.get("school_year"),
                cash_amount=d.get("cash_amount"),
                note=d.get("note") or "",
            )
        )
        rows.append(index)
    return specs, rows


def _attach(form, formset, rows: list[int], exc: DomainError) -> None:
    """A refusal becomes an error on the header field, or on the award line it names."""
    field = exc.field or ""
    if field.startswith("awards[") and formset is not None:
        try:
            spec_index = int(field[len("awards[") : -1])
            formset.forms[rows[spec_index]].add_error(None, exc.message)
            return
        except (ValueError, IndexError):
            pass
    form.add_error(field if field in form.fields else None, exc.message)


def _run(form, formset, rows: list[int], call):
    """Run a service; a refusal is attached to the form (``_attach``) and the result is None."""
    try:
        return call()
    except DomainPermissionDenied as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        _attach(form, formset, rows, exc)
        return None


STAFF_LIMIT = 300  # people offered in "add many from the staff list" (a school's staff; a larger unit: pick by name)
SUB_UNITS = 40  # units below the shown one offered as buttons (a school's teams, a commune's schools)


def _line_cash(kind_text: str, day) -> int | None:
    """coefficient × base salary on ``day`` (``money.cash_amount``), or None when the title carries no cash."""
    kind = lookup.kind_on(kind_text, day) if kind_text and day else None
    base = selectors.base_salary_on(day) if kind is not None and kind.coefficient is not None else None
    return cash_amount(kind.coefficient, base.amount) if base is not None else None


def _show_cash(formset, day) -> None:
    for f in formset.forms:
        f.computed_cash = _line_cash(f["kind_code"].value() or "", day)


def _reopen(request, formset, staff_form):
    """ "Thêm dòng" / "Thêm các người đã chọn": the same page with the lines typed so far, plus the new ones."""
    lines = formset.raw_lines()
    extra = 1
    if "add_staff" in request.POST and staff_form is not None and staff_form.is_valid():
        kind = staff_form.cleaned_data["staff_kind"]
        have = {(row.get("kind_code"), str(row.get("person"))) for row in lines}
        for pk in staff_form.cleaned_data["staff"]:
            if (kind, pk) not in have:
                lines.append({"kind_code": kind, "person": pk})
        extra = 0 if lines else 1
    return line_formset(extra=extra)(initial=lines, prefix="lines", actor=request.user)


def _staff_of(actor):
    """The current staff of a unit's subtree (the "add many" list), at most ``STAFF_LIMIT``."""
    return lambda unit: list(people_list(actor=actor, unit=unit, current_only=True)[:STAFF_LIMIT])


REOPEN = ("add_line", "add_staff", "show_staff", "show_unit")  # buttons that re-show the form without saving


def _staff_form_after(request, issuer, staff_form, kinds):
    """The "add many" box after a re-show: the unit chosen stays; ticks are cleared once their people are added."""
    if "show_unit" in request.POST:  # a sub-unit's button: show its staff
        unit = staff_form.fields["staff_unit"].by_id(int(request.POST["show_unit"])) if request.POST["show_unit"].isdigit() else None
        return StaffPickForm(initial={"staff_unit": unit or staff_form.unit, "staff_kind": request.POST.get("staff_kind", "")},
                             actor=request.user, issuer=issuer, people_of=_staff_of(request.user), kinds=kinds)  # fmt: skip
    if "show_staff" in request.POST or ("add_staff" in request.POST and not staff_form.is_valid()):
        return staff_form  # bound: the unit's errors (or the matches to choose from) show next to it
    return StaffPickForm(
        initial={"staff_unit": staff_form.unit}, actor=request.user, issuer=issuer, people_of=_staff_of(request.user), kinds=kinds
    )


def _header_day(form):
    if form.is_bound and form.is_valid():
        return form.cleaned_data["decision_date"]
    raw = form["decision_date"].value()
    try:
        return DateField().clean(raw) if raw else None
    except ValidationError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request, pk: int):
    """Record a decision of ``issuer``: header, lines (people picked by name, or many at once from the staff
    list of the issuer or of any unit or team below it), then ``services.decision_create``.

    A GET may arrive with lines to fill in: ``?person=<pk>&person=<pk>…&award=<code>&year=<label>``, the
    contract of ``awards.prefill`` (people outside the actor's write scope are dropped with a message)."""
    issuer = access_unit(request.user, pk, write=True)
    post = request.method == "POST"
    formset = AwardLineFormSet(request.POST or None, prefix="lines", actor=request.user)
    kinds = formset._kinds
    staff_form = StaffPickForm(request.POST or None, actor=request.user, issuer=issuer, people_of=_staff_of(request.user), kinds=kinds)
    if post and any(name in request.POST for name in REOPEN):
        form = DecisionHeaderForm(initial=request.POST.dict(), actor=request.user)
        formset = _reopen(request, formset, staff_form)
        staff_form = _staff_form_after(request, issuer, staff_form, kinds)
    elif not post and request.GET:
        given = prefill_from_query(request.GET, actor=request.user, kinds=kinds)
        for note in given.notes:
            messages.warning(request, note)
        form = DecisionHeaderForm(initial=given.header, actor=request.user)
        formset = line_formset(extra=0 if given.lines else 5)(initial=given.lines, prefix="lines", actor=request.user)
        staff_form = StaffPickForm(initial={"staff_kind": given.kind_code}, actor=request.user, issuer=issuer,
                                   people_of=_staff_of(request.user), kinds=kinds)  # fmt: skip
    else:
        form = DecisionHeaderForm(request.POST or None, request.FILES or None, actor=request.user)
    if post and form.is_bound:
        header_ok, lines_ok = form.is_valid(), formset.is_valid()  # both, so every error shows at once
        day = _header_day(form)
        specs, rows = _specs(formset, day) if lines_ok else ([], [])
        if lines_ok and day is not None:
            d = form.cleaned_data if header_ok else {}
            for exc in services.award_lines_errors(
                issuer=issuer, decision_date=day, awards=specs, period_end=d.get("period_end"), school_year=d.get("school_year")
            ):
                _attach(form, formset, rows, exc)
        if header_ok and lines_ok and not any(f.errors for f in formset.forms):
            d = form.cleaned_data
            decision = _run(
                form,
                formset,
                rows,
                lambda: services.decision_create(
                    actor=request.user,
                    issuer=issuer,
                    number=d["number"],
                    decision_date=d["decision_date"],
                    award_type=d["award_type"],
                    awards=specs,
                    period_start=d["period_start"],
                    period_end=d["period_end"],
                    school_year=d["school_year"],
                    signer_name=d["signer_name"],
                    signer_title=d["signer_title"],
                    title=d["title"],
                    scan=d["scan"],
                    movement=d.get("movement"),
                ),
            )
            if decision:
                messages.success(request, _("Đã ghi quyết định."))
                return redirect("awards:decision_detail", pk=decision.pk)
    _show_cash(formset, _header_day(form) or timezone.localdate())
    shown = staff_form.unit
    context = {
        "form": form,
        "formset": formset,
        "staff_form": staff_form,
        "staff_unit": shown,
        "staff_units": list(unit_children(actor=request.user, unit=shown)[:SUB_UNITS]),
        "staff_limited": len(staff_form.people) >= STAFF_LIMIT,
        "unit": issuer,
        "title": _("Ghi quyết định khen thưởng của %(unit)s") % {"unit": issuer.name},
        "authority_day": timezone.localdate(),
        "decides": selectors.kinds_decided_by(issuer=issuer, day=timezone.localdate()),
    }
    return render(request, "awards/decision_form.html", context)


@login_required
def line_cash(request):
    """HTMX: the cash of one line as it is entered (the line's title and the header's decision date)."""
    kind = next((v for k, v in request.GET.items() if k.endswith("kind_code")), "")
    raw_day = next((v for k, v in request.GET.items() if k.endswith("decision_date")), "")
    try:
        day = DateField().clean(raw_day) if raw_day else timezone.localdate()
    except ValidationError:
        day = None
    return render(request, "awards/decision_form_cash.html", {"amount": _line_cash(kind, day), "kind": kind})


@login_required
@require_http_methods(["GET", "POST"])
def decision_amend(request, pk: int):
    decision = selectors.decision_record(decision=access_decision(request.user, pk, write=True), actor=request.user)
    form = DecisionAmendForm(request.POST or None, decision=decision)
    formset = AwardLineFormSet(request.POST or None, prefix="lines", actor=request.user)
    if request.method == "POST" and "add_line" in request.POST:  # "Thêm dòng": the same page, one line more
        form = DecisionAmendForm(initial=request.POST.dict(), decision=decision)
        formset = _reopen(request, formset, None)
    if form.is_bound and form.is_valid() and formset.is_valid():
        d = form.cleaned_data
        specs, rows = _specs(formset, decision.decision_date)
        amendment = _run(
            form,
            formset,
            rows,
            lambda: services.decision_amend(
                actor=request.user,
                decision=decision,
                number=d["number"],
                amendment_date=d["amendment_date"],
                reason=d["reason"],
                remove_awards=d["remove_awards"],
                add_awards=specs,
                header=form.header(),
            ),
        )
        if amendment:
            messages.success(request, _("Đã ghi sửa đổi quyết định."))
            return redirect("awards:decision_detail", pk=decision.pk)
    context = {
        "form": form,
        "formset": formset,
        "decision": decision,
        "unit": decision.issuer,
        "title": _("Sửa đổi quyết định số %(n)s") % {"n": decision.number},
    }
    _show_cash(formset, decision.decision_date)
    return render(request, "awards/decision_form.html", context)


def _to_decision(decision_pk: int):
    return lambda _result: reverse("awards:decision_detail", kwargs={"pk": decision_pk})


@login_required
@require_http_methods(["GET", "POST"])
def decision_revoke(request, pk: int):
    decision = access_decision(request.user, pk, write=True)
    return service_form_page(
        request,
        ReasonForm(request.POST or None),
        lambda data: services.decision_revoke(actor=request.user, decision=decision, reason=data["reason"]),
        title=_("Hủy bỏ quyết định số %(n)s") % {"n": decision.number},
        success=_("Đã hủy bỏ quyết định."),
        next_url=_to_decision(decision.pk),
        unit=decision.issuer,
        submit=_("Hủy bỏ quyết định"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def award_revoke(request, pk: int):
    award = access_award(request.user, pk, write=True)
    return service_form_page(
        request,
        ReasonForm(request.POST or None),
        lambda data: services.award_revoke(actor=request.user, award=award, reason=data["reason"]),
        title=_("Thu hồi khen thưởng: %(who)s – %(kind)s") % {"who": award.recipient, "kind": award.kind.name},
        success=_("Đã thu hồi khen thưởng."),
        next_url=_to_decision(award.decision_id),
        unit=award.decision.issuer,
        submit=_("Thu hồi"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request, pk: int):
    unit = access_unit(request.user, pk, write=True)
    return service_form_page(
        request,
        InitiativeForm(request.POST or None, actor=request.user),
        lambda data: services.initiative_record_create(actor=request.user, unit=unit, **data),
        title=_("Ghi nhận sáng kiến của %(unit)s") % {"unit": unit.name},
        success=_("Đã ghi nhận sáng kiến."),
        next_url=lambda _r: reverse("awards:unit_book", kwargs={"pk": unit.pk}),
        unit=unit,
    )


# -- the ledger ----------------------------------------------------------------------------------------


@login_required
def person_ledger(request, pk: int):
    person = access_person(request.user, pk)
    entries = selectors.person_timeline(actor=request.user, person=person)
    return render(request, "awards/person_ledger.html", {"person": person, "entries": entries})


@login_required
def ledger_home(request):
    """Choose a unit whose ledger book to open: the actor's units and the units right below them."""
    _require_unit_reader(request)
    roots = list(unit_roots(actor=request.user)[:20])
    groups = [(root, list(unit_children(actor=request.user, unit=root)[:200])) for root in roots]
    return render(request, "awards/ledger_home.html", {"groups": groups})


def _default_start(years: int) -> int:
    current = SchoolYear.objects.filter(is_current=True).first()
    last = current.start_date.year if current else timezone.localdate().year
    return last - years + 1


BOOK_PAGE_SIZE = 50  # people a page of the ledger book shows; the Excel export holds everyone


def _book_page(request, unit, start: int, years: int):
    """The book's page asked for (``?page=``) and its Django ``Page``; the cells are read for that page only."""
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        number = 1
    while True:
        at = (number - 1) * BOOK_PAGE_SIZE
        people = slice(at, at + BOOK_PAGE_SIZE)
        book = selectors.ledger_book(actor=request.user, unit=unit, start_year=start, years=years, people=people)
        page = Paginator(range(book.total), BOOK_PAGE_SIZE).get_page(number)
        if page.number == number:
            return book, page
        number = page.number  # past the last page: show the last one, as the other lists do


@login_required
def unit_book(request, pk: int):
    unit = access_unit(request.user, pk)
    _require_unit_reader(request)
    form = BookForm(request.GET or None)
    years, start = 5, None
    if form.is_valid():
        years = form.cleaned_data["years"] or 5
        start = form.cleaned_data["start"]
    if start is None:
        start = _default_start(years)
    if _wants_xlsx(request):
        return sheets.ledger_book_xlsx(selectors.ledger_book(actor=request.user, unit=unit, start_year=start, years=years))
    book, page = _book_page(request, unit, start, years)
    scope = scope_for(request.user)
    context = {
        "unit": unit,
        "book": book,
        "rows_html": book_rows(book),  # rendered in Python: the cells were most of the page's time
        "page": page,
        "page_query": urlencode({"years": years, "start": start}),
        "years": years,
        "start": start,
        "form": form,
        "collective": [book.collective.get(y.code, []) for y in book.years],
        "timeline": selectors.unit_timeline(actor=request.user, unit=unit, awards=book.lineage_awards),
        "can_write": scope.can_write_unit(unit) and unit.is_active,
        "prev_start": start - years,
        "next_start": start + years,
    }
    return render(request, "awards/unit_book.html", context)


@login_required
def award_search(request):
    form = AwardSearchForm(request.GET or None, actor=request.user)
    awards = None
    if form.is_valid() and any(form.cleaned_data.values()):
        d = form.cleaned_data
        awards = selectors.award_search(
            actor=request.user,
            unit=d["unit"],
            kind_code=d["kind_code"],
            school_year=d["school_year"],
            decision_number=d["decision_number"],
            query=d["q"],
        )
    if _wants_xlsx(request):
        if awards is None:
            awards = selectors.award_search(actor=request.user)
        return sheets.awards_xlsx(awards)
    page = Paginator(awards, PAGE_SIZE).get_page(request.GET.get("page")) if awards is not None else None
    if page is not None:
        scope = scope_for(request.user)
        page.object_list = list(page.object_list)
        for a in page.object_list:
            a.decision_visible = selectors.award_line_visible(scope, issuer=a.decision.issuer, recipient_unit=a.recipient_unit)
    return render(request, "awards/search.html", {"form": form, "page": page})
