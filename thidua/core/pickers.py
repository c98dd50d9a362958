"""Searchable pickers: choose a person or a unit by name, never by code or database number.

``PickerWidget`` renders a search box (the field's label points at it), a hidden input carrying the chosen
id, and a results list. With JavaScript, htmx asks ``pick:people`` / ``pick:units`` as the user types and
``static/js/thidua.js`` copies a clicked result into the hidden input (``data-pick-id``). Without it,
the typed name is submitted: one match in the actor's scope is taken, several are offered back as radio
buttons to choose from (search, then choose). Both endpoints and the fields go through the scope
(``accounts.scope``): a picker never offers, nor accepts, a person or unit the actor may not see.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.forms.utils import flatatt
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from thidua.accounts.scope import scope_for
from thidua.core.vietnamese import search_terms
from thidua.org.models import OrgUnit
from thidua.people.models import Person
from thidua.people.selectors import people_list

MATCHES = 10  # results shown by the endpoint and offered back without JavaScript


def find_people(*, actor, query: str, unit: OrgUnit | None = None):
    return people_list(actor=actor, query=query, unit=unit)


def find_units(*, actor, query: str):
    qs = OrgUnit.objects.filter(scope_for(actor).units_q())
    for term in search_terms(query):
        qs = qs.filter(name_folded__contains=term)
    return qs.order_by("path")


def person_label(person: Person) -> str:
    unit = person.current_unit
    return f"{person.full_name} – {unit.name}" if unit is not None else person.full_name


class PickerWidget(forms.Widget):
    """A search box + hidden id (see the module docstring). The value is ``{"id": str, "q": str}``."""

    template_name = "pickers/widget.html"

    def __init__(self, *, url: str, placeholder: str = "", attrs=None):
        super().__init__(attrs)
        self.url = url
        self.placeholder = placeholder
        self.matches: list = []  # set by the field when a typed name matched several
        self.labels: dict[str, str] = {}

    def __deepcopy__(self, memo):
        # Widget.__deepcopy__ copies only attrs: the labels and matches are per form, never shared.
        obj = super().__deepcopy__(memo)
        obj.matches, obj.labels = [], {}
        return obj

    def value_from_datadict(self, data, files, name):
        ids = [v for v in (data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]) if v]
        return {"id": str(ids[-1]) if ids else "", "q": (data.get(f"{name}_q") or "").strip()}

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_q" not in data

    def format_value(self, value):
        if isinstance(value, dict):
            return value
        if value in (None, ""):
            return {"id": "", "q": ""}
        pk = str(getattr(value, "pk", value))
        return {"id": pk, "q": self.labels.get(pk) or (str(value) if hasattr(value, "pk") else "")}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = context["widget"]["value"]
        if value["id"] and not value["q"]:
            value["q"] = self.labels.get(value["id"], "")
        context["widget"].update(
            url=str(self.url), placeholder=self.placeholder, matches=self.matches, query_name=f"{name}_q",
            attrs_html=flatatt(context["widget"]["attrs"]),
        )  # fmt: skip
        return context

    def _render(self, template_name, context, renderer=None):
        # The project's template engine (templates/pickers/), not the form renderer's own.
        return render_to_string(template_name, context)


class _PickerField(forms.Field):
    default_error_messages = {
        "none": _("Không tìm thấy “%(q)s” trong phạm vi của bạn."),
        "many": _("Có nhiều kết quả cho “%(q)s”: chọn một bên dưới."),
        "unknown": _("Lựa chọn không có trong phạm vi của bạn."),
    }

    def __init__(self, *, actor=None, **kwargs):
        kwargs.setdefault("widget", self.widget_for())
        super().__init__(**kwargs)
        self.actor = actor

    def widget_for(self) -> PickerWidget:
        raise NotImplementedError

    def candidates(self, query: str):
        raise NotImplementedError

    def by_id(self, pk: int):
        raise NotImplementedError

    def describe(self, obj) -> str:
        return str(obj)

    def prepare_value(self, value):
        if hasattr(value, "pk"):
            self.widget.labels[str(value.pk)] = self.describe(value)
        elif value and not isinstance(value, dict) and str(value).isdigit():
            obj = self.by_id(int(value))
            if obj is not None:
                self.widget.labels[str(obj.pk)] = self.describe(obj)
        return value

    def has_changed(self, initial, data):
        picked = data if isinstance(data, dict) else {"id": str(data or ""), "q": ""}
        before = str(getattr(initial, "pk", initial) or "")
        return picked["id"] != before or (not picked["id"] and bool(picked["q"]))

    def to_python(self, value):
        if not isinstance(value, dict):
            value = {"id": str(value or ""), "q": ""}
        if value["id"]:
            obj = self.by_id(int(value["id"])) if value["id"].isdigit() else None
            if obj is None:
                raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
            self.widget.labels[str(obj.pk)] = self.describe(obj)
            return obj
        if not value["q"]:
            return None
        found = list(self.candidates(value["q"])[: MATCHES + 1])
        if len(found) == 1:
            self.widget.labels[str(found[0].pk)] = self.describe(found[0])
            return found[0]
        if not found:
            raise forms.ValidationError(self.error_messages["none"], code="none", params={"q": value["q"]})
        self.widget.matches = [(str(o.pk), self.describe(o)) for o in found[:MATCHES]]
        raise forms.ValidationError(self.error_messages["many"], code="many", params={"q": value["q"]})


class PersonPickerField(_PickerField):
    def widget_for(self):
        return PickerWidget(url=reverse_lazy("pick:people"), placeholder=_("Gõ họ tên để tìm"))

    def candidates(self, query):
        return find_people(actor=self.actor, query=query)

    def by_id(self, pk):
        return Person.objects.filter(scope_for(self.actor).people_q(), pk=pk).select_related("current_unit").first()

    def describe(self, obj):
        return person_label(obj)


class UnitPickerField(_PickerField):
    """A unit picked by name; ``write=True`` offers only units the actor may change, ``within`` (a unit, settable
    after construction) only that unit and the units below it."""

    def __init__(self, *, write: bool = False, within: OrgUnit | None = None, **kwargs):
        super().__init__(**kwargs)
        self.write = write
        self.within = within

    @property
    def within(self) -> OrgUnit | None:
        return self._within

    @within.setter
    def within(self, unit: OrgUnit | None) -> None:
        self._within = unit
        base = reverse_lazy("pick:units")
        self.widget.url = f"{base}?within={unit.pk}" if unit is not None else base

    def widget_for(self):
        return PickerWidget(url=reverse_lazy("pick:units"), placeholder=_("Gõ tên đơn vị để tìm"))

    def _units(self):
        qs = OrgUnit.objects.filter(scope_for(self.actor).units_q(write=self.write)).select_related("kind")
        return qs.filter(path__startswith=self.within.path) if self.within is not None else qs

    def candidates(self, query):
        return find_units(actor=self.actor, query=query).filter(pk__in=self._units().values("pk"))

    def by_id(self, pk):
        return self._units().filter(pk=pk).first()

    def to_python(self, value):
        # A unit code sent by a script (as the Excel and the API name units) is still understood.
        if isinstance(value, dict) and value["id"] and not value["id"].isdigit():
            unit = self._units().filter(code=value["id"].strip().upper()).first()
            value = {"id": str(unit.pk) if unit else "0", "q": ""}
        return super().to_python(value)

    def describe(self, obj):
        return obj.name


def _query(request) -> str:
    """The search box sends itself under ``<field>_q`` (htmx includes the triggering input)."""
    if request.GET.get("q"):
        return request.GET["q"]
    return next((v for k, v in request.GET.items() if k.endswith("_q")), "")


@login_required
def people(request):
    query = _query(request)
    found = [(p.pk, person_label(p)) for p in find_people(actor=request.user, query=query)[:MATCHES]] if search_terms(query) else []
    return render(request, "pickers/results.html", {"found": found, "query": query})


@login_required
def units(request):
    """Units by name in the actor's scope; ``?within=<pk>`` keeps that unit and the units below it."""
    query = _query(request)
    units = find_units(actor=request.user, query=query)
    within = request.GET.get("within", "")
    if within.isdigit():
        top = OrgUnit.objects.filter(scope_for(request.user).units_q(), pk=int(within)).first()
        units = units.filter(path__startswith=top.path) if top is not None else units.none()
    found = [(u.pk, u.name) for u in units[:MATCHES]] if search_terms(query) else []
    return render(request, "pickers/results.html", {"found": found, "query": query})


app_name = "pick"
urlpatterns = [
    path("people/", people, name="people"),
    path("units/", units, name="units"),
]
