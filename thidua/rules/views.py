"""Eligibility pages: who in a unit qualifies for what in a school year (with the reasons on click and an
Excel export), from the database through ``selectors`` and the same engine as the JSON interface and the API.

Each view: parse -> access_unit -> one selector -> render. Answers are proposals with their reasons and
citations; the council decides.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRefresh

from thidua.accounts.permissions import access_person, access_unit
from thidua.accounts.scope import scope_for
from thidua.core.forms import run_service
from thidua.core.vietnamese import fold
from thidua.core.views import service_form_page
from thidua.exports.xlsx import Column, table_response
from thidua.org.selectors import unit_roots
from thidua.people.models import Employment, Person
from thidua.years.lookup import normalise
from thidua.years.models import SchoolYear
from thidua.years.review import default_review_year

from . import selectors, services, snapshots
from .engine.criteria import VOTE_KEY
from .engine.evaluation import AssessedSubject, Evaluation
from .engine.facade import title_label
from .engine.facts import year_bounds, year_label, year_of
from .engine.outcomes import Badge
from .engine.rulesets import DEFAULT_BOOK, confirmation_facts
from .engine.titles import BY_CODE
from .forms import BallotForm, PersonConfirmForm, UnitConfirmForm
from .models import Confirmation
from .unit_html import table_rows

INDIVIDUAL = tuple(c for c in DEFAULT_BOOK.codes if DEFAULT_BOOK.subject_of(c) == "individual")
FIRST_YEAR = 2015


def _year(request, *, say: bool = True) -> int:
    """The school year asked for (``?year=2024`` or ``?year=2024-2025``), by default the one under review
    (``thidua.years.review``). A year that cannot be read or is out of range says so (``say``: as a message
    on the page) and shows the year under review instead."""
    asked = request.GET.get("year", "").strip()
    default = default_review_year()
    if not asked:
        return default
    label = normalise(asked)
    year = int(label[:4]) if label else int(asked) if asked.isascii() and asked.isdigit() and len(asked) == 4 else None
    if year is not None and FIRST_YEAR <= year <= year_of(timezone.localdate()):
        return year
    if say:
        messages.warning(
            request,
            _("Năm học “%(asked)s” không hợp lệ hoặc chưa có: đang xem năm học %(year)s.")
            % {"asked": asked[:20], "year": year_label(default)},
        )
    return default


def _back_to(request, default: str) -> str:
    """Where to land after saving: ``?next=`` when it is a page of this site (the eligibility page the officer
    worked on, with its year), else ``default``."""
    target = request.GET.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def _rows(result: Evaluation, persons, codes: tuple[str, ...], badge: str) -> list[AssessedSubject]:
    """``persons`` with their outcomes for ``codes``; ``badge``: only those with at least one such outcome."""
    rows = [result.assessed(person, codes) for person in persons]
    return [row for row in rows if row.has(badge)] if badge else rows


def _require_unit_reader(request) -> None:
    if not scope_for(request.user).sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem mục này."))


@login_required
def index(request):
    """Where to start: the units the actor reads (their subtree is evaluated on the unit page)."""
    _require_unit_reader(request)
    return render(request, "rules/index.html", {"units": list(unit_roots(actor=request.user)[:50]), "year": _year(request)})


PER_PAGE = 50  # people a page of the eligibility table
CHECKS_SHOWN = 20  # units whose checks are listed without choosing a team


@login_required
def unit(request, pk: int):
    """The unit's eligibility table, filtered by team (the unit a person works in), title and result, a page of
    people at a time, from the unit's snapshot (``snapshots``: evaluated once per data version; a big unit in the
    background, the last table shown meanwhile). The Excel export has every person of the filter, with what is
    missing (a full evaluation)."""
    org_unit = access_unit(request.user, pk)
    _require_unit_reader(request)
    year = _year(request)
    code = request.GET.get("title", "")
    codes = (code,) if code in INDIVIDUAL else INDIVIDUAL
    verdict = request.GET.get("verdict", "")
    verdict = verdict if verdict in set(Badge) else ""
    day = selectors.day_for(year)
    if request.GET.get("format") == "xlsx":
        result = selectors.evaluate_unit(actor=request.user, unit=org_unit, year=year, day=day)
        team = request.GET.get("team", "")
        persons = [p for p in result.persons if p.unit == team] if team else list(result.persons)
        return _xlsx(org_unit, year, _rows(result, persons, codes, verdict))
    view = snapshots.table(org_unit, year, day)
    if request.htmx and request.htmx.target == "elig-status":
        if view.fresh:
            return HttpResponseClientRefresh()
        return render(request, "rules/unit.html#status", {"unit": org_unit, "year": year, "view": view})
    context = {
        "unit": org_unit,
        "year": year,
        "year_label": year_label(year),
        "view": view,
        "title": code,
        "verdict": verdict,
        "verdicts": [(b.value, _(b.label)) for b in Badge],
        "codes": [(c, title_label(c), _title_name(c)) for c in codes],
        "all_codes": [(c, _title_name(c)) for c in INDIVIDUAL],
        "years": list(range(year_of(timezone.localdate()), FIRST_YEAR - 1, -1)),
        "can_confirm": scope_for(request.user).can_write_unit(org_unit),
    }
    table = view.table
    if table is None:
        return render(request, "rules/unit.html", context | {"day": day, "lines": [], "teams": [], "total": 0, "shown": 0})
    teams = sorted({p[2] for p in table.people if p[2]}, key=lambda c: (fold(table.unit_names.get(c, c)), c))
    team = request.GET.get("team", "")
    team = team if team in teams else ""
    people = [p for p in table.people if p[2] == team] if team else table.people
    # Rows (names, cells) are built for the page only; the filters read the snapshot's badge letters.
    if verdict:
        people = table.having(people, codes, verdict)
    page = Paginator(people, PER_PAGE).get_page(request.GET.get("page"))
    rows = table.rows(page.object_list, codes)
    # The URLs are built once for the page, not with a {% url %} per cell.
    span = len(codes) + 3 + context["can_confirm"]  # the table's columns (a checkbox column for who may decide)
    reasons_base = f"{reverse('rules:reasons', kwargs={'pk': org_unit.pk})}?year={year}&span={span}"
    person_base = reverse("people:detail", kwargs={"pk": 0}).removesuffix("0/")  # "/people/" + id + "/"
    lines = [
        {
            "row": row,
            "url": f"{person_base}{row.id}/",
            "cells": [(cell, f"{reasons_base}&person={row.id}&title={cell.code}") for cell in row.outcomes],
        }
        for row in rows
    ]
    filters = {k: v for k, v in {"year": year, "title": code, "verdict": verdict, "team": team}.items() if v}
    context |= {
        "day": table.day,
        "table": table,
        "rows": rows,
        "lines": lines,
        # rendered in Python: the cells were most of the page's time
        "rows_html": table_rows(
            lines, can_confirm=context["can_confirm"], select_all=request.GET.get("all") == "1", first=page.start_index()
        ),
        "page": page,
        "first": page.start_index(),
        "query": urlencode(filters),
        "shown": page.paginator.count,
        "team": team,
        "teams": [(t, table.unit_names.get(t, t)) for t in teams],
        # A Sở has a thousand units with checks: they are shown for the team chosen, or all when they are few.
        "unit_checks": table.checks([team] if team else table.unit_checks if len(table.unit_checks) <= CHECKS_SHOWN else []),
        "checks_hidden": 0 if team or len(table.unit_checks) <= CHECKS_SHOWN else len(table.unit_checks),
        "total": len(table.people),
        # The selection opens the decision form (``awards:decision_create``) with the people, the title and the year.
        "select_all": request.GET.get("all") == "1",
        "decision_url": reverse("awards:decision_create", kwargs={"pk": org_unit.pk}),
        "decision_award": code or (INDIVIDUAL[0] if INDIVIDUAL else ""),
    }
    return render(request, "rules/unit.html", context)


def _title_name(code: str) -> str:
    """The full name of a title ("Giấy khen" for GK), for headers and choices."""
    title = BY_CODE.get(code)
    return title.name if title else title_label(code)


@login_required
def reasons(request, pk: int):
    """The criteria of one person's outcome for one title (an HTMX partial, or a page without JavaScript)."""
    org_unit = access_unit(request.user, pk)
    _require_unit_reader(request)
    year, code = _year(request, say=False), request.GET.get("title", "")
    back = f"{reverse('rules:unit', kwargs={'pk': org_unit.pk})}?year={year}"
    context = {"unit": org_unit, "year": year, "year_label": year_label(year), "outcome": None, "back": back}
    person_id = request.GET.get("person", "")
    # ASCII digits only ("²".isdigit() is True) and few enough for a 64-bit id (SQLite overflows otherwise).
    if person_id.isascii() and person_id.isdigit() and len(person_id) <= 18 and code in INDIVIDUAL:
        lo, hi = year_bounds(year)
        staff = Employment.objects.filter(person_id=int(person_id), unit__path__startswith=org_unit.path, start_date__lte=hi)
        if not staff.exclude(end_date__lt=lo).exists():
            raise Http404(_("Không tìm thấy cán bộ trong đơn vị."))
        day = selectors.day_for(year)
        result = selectors.evaluate_person_ids(person_ids=[int(person_id)], day=day, year=year, codes=(code,))
        person = result.persons[0]
        cell = result.assess(person.outcomes[0])
        context |= {
            "person": person,
            "outcome": cell.outcome,
            "cell": cell,
            "can_confirm": scope_for(request.user).can_write_person(Person.objects.select_related("current_unit").get(pk=person_id)),
        }
    if request.htmx and str(request.htmx.target or "").startswith("why-"):
        # Opened from the table: a row right below the person's row (``span``: the table's columns).
        span = request.GET.get("span", "")
        context |= {"row_id": request.htmx.target, "span": int(span) if span.isascii() and span.isdigit() and len(span) < 3 else 1}
        return render(request, "rules/_reasons_row.html", context)
    template = "rules/_reasons.html" if request.htmx else "rules/reasons.html"
    return render(request, template, context)


def _xlsx(org_unit, year: int, rows: list[AssessedSubject]):
    columns = [
        Column(_("STT"), 6),
        Column(_("Họ và tên"), 28),
        Column(_("Đơn vị"), 16),
        Column(_("Danh hiệu, hình thức"), 22),
        Column(_("Kết quả"), 18),
        Column(_("Tiêu chuẩn còn thiếu, cần xác nhận"), 80),
    ]

    def lines():
        n = 0
        for row in rows:
            for cell in row.outcomes:
                n += 1
                yield n, row.name, row.unit, cell.label, _(cell.badge.label), "\n".join(cell.outcome.still_missing())

    title = _("XÉT ĐIỀU KIỆN THI ĐUA, KHEN THƯỞNG – %(unit)s – NĂM HỌC %(year)s") % {"unit": org_unit.name, "year": year_label(year)}
    return table_response(f"xet-dieu-kien-{year_label(year)}.xlsx", _("Xét điều kiện"), columns, lines(), title=title)


MAX_BULK = 500  # people listed in the bulk confirmation form (a school; a larger unit chooses a school first)


def _school_year(year: int) -> SchoolYear:
    school_year = SchoolYear.objects.filter(code=year_label(year)).first()
    if school_year is None:
        raise Http404(_("Không có năm học %(year)s.") % {"year": year_label(year)})
    return school_year


@login_required
@require_http_methods(["GET", "POST"])
def confirm(request, pk: int):
    """What the officer confirms for one person and school year: the qualitative criteria of the rules in force."""
    person = access_person(request.user, pk, write=True)
    year = _year(request)
    school_year = _school_year(year)
    facts = confirmation_facts(DEFAULT_BOOK, day=selectors.day_for(year))
    current = selectors.confirmations_recorded(person=person, school_year=school_year)
    form = PersonConfirmForm(request.POST or None, facts=facts, current=current)

    def save(data: dict) -> bool:
        services.confirmations_set(actor=request.user, person=person, school_year=school_year, values=form.changes(), basis=data["basis"])
        return True

    return service_form_page(
        request,
        form,
        save,
        person=person,
        title=_("Xác nhận tiêu chí thi đua, khen thưởng – %(name)s – năm học %(year)s")
        % {"name": person.full_name, "year": year_label(year)},
        success=_("Đã lưu xác nhận."),
        next_url=lambda _result: _back_to(request, reverse("people:detail", kwargs={"pk": person.pk})),
    )


NAMES_SHOWN = 20  # names listed in a summary or a confirmation step before "và N người khác"


def _names(people: list[Person]) -> str:
    names = ", ".join(p.full_name for p in people[:NAMES_SHOWN])
    more = len(people) - NAMES_SHOWN
    return names + (_(" và %(n)d người khác") % {"n": more} if more > 0 else "")


def _bulk_plan(people: list[Person], school_year: SchoolYear, fact: str, wanted: bool | None) -> dict[str, list[Person]]:
    """Whom the bulk write would touch among what is recorded: ``withdrawn`` (a confirmation removed) and
    ``replaced`` (a recorded value changed to the other one). A read of rows the officer may write."""
    recorded = dict(Confirmation.objects.filter(person__in=people, school_year=school_year, fact=fact).values_list("person_id", "value"))
    withdrawn = [p for p in people if wanted is None and p.pk in recorded]
    replaced = [p for p in people if wanted is not None and p.pk in recorded and recorded[p.pk] != wanted]
    return {"withdrawn": withdrawn, "replaced": replaced}


def _bulk_summary(people: list[Person], changes: list[services.Change]) -> str:
    recorded = {c.person.pk for c in changes if c.after is not None}
    withdrawn = {c.person.pk for c in changes if c.after is None}
    groups = [
        (_("Đã ghi %(n)d xác nhận: %(names)s."), [p for p in people if p.pk in recorded]),
        (_("Đã rút %(n)d xác nhận: %(names)s."), [p for p in people if p.pk in withdrawn]),
        (_("Không thay đổi %(n)d người: %(names)s."), [p for p in people if p.pk not in recorded | withdrawn]),
    ]
    return " ".join(text % {"n": len(group), "names": _names(group)} for text, group in groups if group)


@login_required
@require_http_methods(["GET", "POST"])
def unit_confirm(request, pk: int):
    """One criterion for many people of a unit at once (after the council's meeting). Nothing changes by
    default; withdrawing or changing what is recorded is confirmed on a second step that lists it; the page
    after saving says what changed, by name."""
    org_unit = access_unit(request.user, pk, write=True)
    year = _year(request)
    school_year = _school_year(year)
    ids = selectors.staff_of(org_unit, year)
    if len(ids) > MAX_BULK:
        messages.warning(
            request, _("Đơn vị có %(n)d cán bộ: hãy chọn một trường hoặc đơn vị nhỏ hơn để xác nhận hàng loạt.") % {"n": len(ids)}
        )
        ids = []
    # Those who worked there that year and whose record the officer may still change (not those who left).
    scope = scope_for(request.user)
    writable = {p.pk: p.full_name for p in Person.objects.filter(pk__in=ids).select_related("current_unit") if scope.can_write_person(p)}
    people = [(pk_, writable[pk_]) for pk_ in ids if pk_ in writable]
    form = UnitConfirmForm(
        request.POST or None,
        facts=confirmation_facts(DEFAULT_BOOK, day=selectors.day_for(year)),
        people=people,
        tick_all=request.GET.get("all") == "1",
    )
    back = f"{reverse('rules:unit', kwargs={'pk': org_unit.pk})}?year={year}"
    title = _("Xác nhận tiêu chí hàng loạt – %(unit)s – năm học %(year)s") % {"unit": org_unit.name, "year": year_label(year)}
    context = {"form": form, "unit": org_unit, "year": year, "title": title, "back": back, "plan": None}
    if request.method == "POST" and form.is_valid():
        data, wanted = form.cleaned_data, form.wanted()
        chosen = list(Person.objects.filter(pk__in=[int(p) for p in data["people"]]).order_by("sort_key", "pk"))
        plan = _bulk_plan(chosen, school_year, data["fact"], wanted)
        if (plan["withdrawn"] or plan["replaced"]) and request.POST.get("confirmed") != "1":
            context["plan"] = {key: (len(group), _names(group)) for key, group in plan.items()}
            context["chosen"] = [str(p.pk) for p in chosen]
            return render(request, "rules/unit_confirm.html", context)
        changes = run_service(
            form,
            lambda: services.confirmations_set_for_people(
                actor=request.user, people=chosen, school_year=school_year, fact=data["fact"], value=wanted, basis=data["basis"]
            ),
        )
        if changes is not None:
            messages.success(request, _bulk_summary(chosen, changes))
            return redirect(back)
    return render(request, "rules/unit_confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def ballot(request, pk: int):
    """The council's secret ballot on one of a person's titles for a school year, entered from the minutes (until
    the nominations work records it with the review round)."""
    person = access_person(request.user, pk, write=True)
    year = _year(request)
    school_year = _school_year(year)
    day = selectors.day_for(year)
    titles = tuple(c for c in services.VOTE_TITLES if (rule := DEFAULT_BOOK.on(c, day)) and any(x.key == VOTE_KEY for x in rule.criteria))
    form = BallotForm(
        request.POST or None,
        titles=titles or services.VOTE_TITLES,
        current=selectors.ballots_recorded(person=person, school_year=school_year),
    )

    def save(data: dict) -> bool:
        if data["withdraw"]:
            services.ballot_tally_withdraw(actor=request.user, person=person, school_year=school_year, code=data["code"])
        else:
            services.ballot_tally_set(
                actor=request.user,
                person=person,
                school_year=school_year,
                code=data["code"],
                total_members=data["total_members"],
                in_favour=data["in_favour"],
                in_favour_written=data["in_favour_written"] or 0,
                session_date=data["session_date"],
                basis=data["basis"],
            )
        return True

    return service_form_page(
        request,
        form,
        save,
        person=person,
        title=_("Kết quả bỏ phiếu kín của Hội đồng Thi đua – Khen thưởng – %(name)s – năm học %(year)s")
        % {"name": person.full_name, "year": year_label(year)},
        success=_("Đã lưu kết quả bỏ phiếu."),
        next_url=lambda _result: _back_to(request, reverse("people:detail", kwargs={"pk": person.pk})),
    )
