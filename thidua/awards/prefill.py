"""Opening the decision form with its lines filled in, from a link (the GET prefill contract).

``GET /awards/units/<issuer pk>/decisions/new/?person=<pk>&person=<pk>…&award=<code>&year=<label>``

- ``person`` (repeated): the people to award, one line each, in the order given (duplicates once). People the
  actor may not change (current unit outside the actor's write scope), and numbers that name nobody, are
  dropped with one message, "Đã bỏ N người ngoài phạm vi của bạn" (the count only: a link does not tell
  whether someone exists outside the scope). At most ``MAX_LINES`` lines; the rest are dropped with a message.
- ``award``: the title or form of every line and of the "add many" list, by code (also by name, abbreviation
  or alias, as ``awards.lookup`` reads it). An unknown one is reported and the lines are left without a title.
- ``year``: the school year of the decision, by label ("2024-2025"); an unknown one is reported and left empty.

Nothing is saved: the officer checks the lines and saves the form as usual, through ``services.decision_create``.
The eligibility page links its selection here; keep these parameter names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.people.models import Person
from thidua.years.lookup import school_year_by_label

from . import lookup

MAX_LINES = 200  # the line formset's max_num


@dataclass
class Prefill:
    header: dict = field(default_factory=dict)
    lines: list[dict] = field(default_factory=list)
    kind_code: str = ""
    notes: list[str] = field(default_factory=list)  # what was dropped, in Vietnamese, for the page's messages


def _person_ids(values: list[str]) -> tuple[list[int], int]:
    """The numbers given (order kept, each once) and how many values were not numbers."""
    ids, bad = [], 0
    for value in values:
        value = value.strip()
        if value.isdigit():
            ids.append(int(value))
        elif value:
            bad += 1
    return list(dict.fromkeys(ids)), bad


def prefill_from_query(query, *, actor, kinds: list[tuple[str, str]]) -> Prefill:
    """Read the contract's parameters (a ``QueryDict``) into initial header values and lines (see the module)."""
    out = Prefill()
    award = (query.get("award") or "").strip()
    if award:
        code = lookup.kind_index().code(award)
        if code is None or code not in dict(kinds):
            out.notes.append(_("Không có danh hiệu, hình thức “%(award)s” trong danh mục hiện hành: chọn ở từng dòng.") % {"award": award})
        else:
            out.kind_code = code
    label = (query.get("year") or "").strip()
    if label:
        year = school_year_by_label(label)
        if year is None:
            out.notes.append(_("Không có năm học “%(year)s”: chọn năm học của quyết định.") % {"year": label})
        else:
            out.header["school_year"] = year.code
    ids, bad = _person_ids(query.getlist("person"))
    if len(ids) > MAX_LINES:
        out.notes.append(_("Một quyết định nhập tối đa %(n)d dòng: chỉ thêm %(n)d người đầu tiên.") % {"n": MAX_LINES})
        ids = ids[:MAX_LINES]
    kept: list[int] = []
    if ids:
        order = Case(*(When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)), output_field=IntegerField())
        writable = Person.objects.filter(scope_for(actor).units_q("current_unit__", write=True), pk__in=ids)
        kept = list(writable.order_by(order).values_list("pk", flat=True))
    dropped = len(ids) - len(kept) + bad
    if dropped:
        out.notes.append(_("Đã bỏ %(n)d người ngoài phạm vi của bạn.") % {"n": dropped})
    out.lines = [{"kind_code": out.kind_code, "person": str(pk)} for pk in kept]
    return out
