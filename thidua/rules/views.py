"""Eligibility pages: who in a unit qualifies for what in a school year (with the reasons on click and an
Excel export), from the database through ``selectors`` and the same engine as the JSON interface and the API.

Each view: parse -> access_unit -> one selector -> render. Answers are proposals with their reasons and
citations; the council decides.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.permissions import access_unit
from thidua.accounts.scope import scope_for
from thidua.exports.xlsx import Column, table_response
from thidua.org.selectors import unit_roots
from thidua.people.models import Employment

from . import selectors
from .criteria import Confirmed
from .engine import title_label
from .facts import year_bounds, year_label, year_of
from .outcomes import TAG_SYMBOL
from .rulesets import DEFAULT_BOOK

INDIVIDUAL = tuple(c for c in DEFAULT_BOOK.codes if DEFAULT_BOOK.subject_of(c) == "individual")
FIRST_YEAR = 2015
# Verdict shown on a badge; "undetermined" splits into what an officer must confirm and what facts are missing.
VERDICTS = {
    "eligible": gettext_lazy("Đủ điều kiện"),
    "not_eligible": gettext_lazy("Chưa đủ điều kiện"),
    "confirm": gettext_lazy("Cần xác nhận"),
    "missing": gettext_lazy("Thiếu dữ kiện"),
    "not_modelled": gettext_lazy("Chưa mô hình hoá"),
}
STATUSES = {"met": gettext_lazy("Đạt"), "not_met": gettext_lazy("Không đạt"), "unknown": gettext_lazy("Chưa rõ")}


def _year(request) -> int:
    current = year_of(dt.date.today())
    try:
        year = int(request.GET.get("year", current))
    except ValueError:
        return current
    return year if FIRST_YEAR <= year <= current else current


def _confirmation_keys(code: str, day: dt.date) -> frozenset[str]:
    rule = DEFAULT_BOOK.on(code, day)
    return frozenset(c.key for c in rule.criteria if isinstance(c.params, Confirmed)) if rule else frozenset()


def badge(outcome: dict, confirm_keys: frozenset[str]) -> str:
    """eligible | not_eligible | confirm | missing | not_modelled."""
    if outcome["verdict"] != "undetermined":
        return outcome["verdict"]
    open_keys = {c["key"] for c in outcome["criteria"] if c["status"] != "met"}
    return "confirm" if open_keys <= confirm_keys else "missing"


def _decorate(outcome: dict, confirm_keys: frozenset[str]) -> dict:
    kind = badge(outcome, confirm_keys)
    return outcome | {"badge": kind, "badge_label": VERDICTS[kind], "label": title_label(outcome["code"])}


def _rows(result: dict, codes: tuple[str, ...], day: dt.date, verdict: str) -> list[dict]:
    keys = {c: _confirmation_keys(c, day) for c in codes}
    rows = []
    for person in result["persons"]:
        by_code = {o["code"]: o for o in person["outcomes"]}
        cells = [_decorate(by_code[c], keys[c]) for c in codes if c in by_code]
        if verdict and not any(c["badge"] == verdict for c in cells):
            continue
        rows.append({"id": person["id"], "name": person["name"], "unit": person["unit"], "cells": cells})
    return rows


def _require_unit_reader(request) -> None:
    if not scope_for(request.user).sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem mục này."))


@login_required
def index(request):
    """Where to start: the units the actor reads (their subtree is evaluated on the unit page)."""
    _require_unit_reader(request)
    return render(request, "rules/index.html", {"units": list(unit_roots(actor=request.user)[:50]), "year": _year(request)})


@login_required
def unit(request, pk: int):
    org_unit = access_unit(request.user, pk)
    _require_unit_reader(request)
    year = _year(request)
    code = request.GET.get("title", "")
    codes = (code,) if code in INDIVIDUAL else INDIVIDUAL
    verdict = request.GET.get("verdict", "")
    verdict = verdict if verdict in VERDICTS else ""
    day = selectors.day_for(year)
    result = selectors.evaluate_unit(actor=request.user, unit=org_unit, year=year, day=day)
    rows = _rows(result, codes, day, verdict)
    if request.GET.get("format") == "xlsx":
        return _xlsx(org_unit, year, rows)
    collective_keys = {c: _confirmation_keys(c, day) for c in DEFAULT_BOOK.codes}
    collectives = [c | {"outcomes": [_decorate(o, collective_keys[o["code"]]) for o in c["outcomes"]]} for c in result["collectives"]]
    names = {p["id"]: p["name"] for p in result["persons"]}
    for entry in result["units"]:
        for check in entry["checks"]:
            check["tag_symbol"] = TAG_SYMBOL.get(check["tag"], "")
            for row in check.get("proposed_order", ()):
                row["name"] = names.get(row["person"], row["person"])
    context = {
        "unit": org_unit, "year": year, "year_label": year_label(year), "day": day, "result": result, "rows": rows,
        "codes": [(c, title_label(c)) for c in codes], "all_codes": [(c, title_label(c)) for c in INDIVIDUAL], "title": code,
        "verdict": verdict, "verdicts": list(VERDICTS.items()), "collectives": collectives,
        "years": list(range(year_of(dt.date.today()), FIRST_YEAR - 1, -1)), "total": len(result["persons"]),
    }  # fmt: skip
    return render(request, "rules/unit.html", context)


@login_required
def reasons(request, pk: int):
    """The criteria of one person's outcome for one title (an HTMX partial, or a page without JavaScript)."""
    org_unit = access_unit(request.user, pk)
    _require_unit_reader(request)
    year, code = _year(request), request.GET.get("title", "")
    context = {"unit": org_unit, "year": year, "year_label": year_label(year), "outcome": None, "statuses": STATUSES}
    person_id = request.GET.get("person", "")
    if person_id.isdigit() and code in INDIVIDUAL:
        lo, hi = year_bounds(year)
        staff = Employment.objects.filter(person_id=int(person_id), unit__path__startswith=org_unit.path, start_date__lte=hi)
        if not staff.exclude(end_date__lt=lo).exists():
            raise Http404(_("Không tìm thấy cán bộ trong đơn vị."))
        day = selectors.day_for(year)
        result = selectors.evaluate_person_ids(person_ids=[int(person_id)], day=day, year=year, codes=(code,))
        person = result["persons"][0]
        context |= {"person": person, "outcome": _decorate(person["outcomes"][0], _confirmation_keys(code, day))}
    template = "rules/_reasons.html" if request.htmx else "rules/reasons.html"
    return render(request, template, context)


def _xlsx(org_unit, year: int, rows: list[dict]):
    columns = [Column(_("STT"), 6), Column(_("Họ và tên"), 28), Column(_("Đơn vị"), 16), Column(_("Danh hiệu, hình thức"), 22),
               Column(_("Kết quả"), 18), Column(_("Tiêu chuẩn còn thiếu, cần xác nhận"), 80)]  # fmt: skip

    def lines():
        n = 0
        for row in rows:
            for cell in row["cells"]:
                n += 1
                yield n, row["name"], row["unit"], cell["label"], str(cell["badge_label"]), "\n".join(cell["missing"])

    title = _("XÉT ĐIỀU KIỆN THI ĐUA, KHEN THƯỞNG – %(unit)s – NĂM HỌC %(year)s") % {"unit": org_unit.name, "year": year_label(year)}
    return table_response(f"xet-dieu-kien-{year_label(year)}.xlsx", _("Xét điều kiện"), columns, lines(), title=title)
