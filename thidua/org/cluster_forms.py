"""Forms of the cluster pages: parse input only (``org/clusters.py`` checks it)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DateField
from thidua.core.pickers import UnitPickerField

from .models import Cluster

SPARE_ROWS = 5  # empty member pickers offered below the list, to add units
MIN_ROWS = 8


class ClusterForm(forms.Form):
    organiser = UnitPickerField(label=_("Đơn vị tổ chức cụm, khối"), write=True)
    kind = forms.ChoiceField(label=_("Loại"), choices=Cluster.Kind.choices, initial=Cluster.Kind.CLUSTER)
    name = forms.CharField(label=_("Tên cụm, khối"), max_length=255)
    valid_from = DateField(label=_("Hiệu lực từ ngày"))
    founding_document = forms.CharField(label=_("Quyết định thành lập"), max_length=255, required=False)
    leaders_per_year = forms.IntegerField(label=_("Số đơn vị dẫn đầu mỗi năm"), min_value=1, max_value=10, initial=1)
    feeds_flag = forms.BooleanField(label=_("Đơn vị dẫn đầu được đề nghị Cờ thi đua"), required=False, initial=True)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].actor = actor


class MembersForm(forms.Form):
    """The year's members in rotation order, one unit picker each (inside the organiser's subtree), prefilled
    with the year's list or, for a year without one, next year's proposal; spare pickers below to add units."""

    def __init__(self, *args, actor, organiser, initial_units=(), notes=None, **kwargs):
        super().__init__(*args, **kwargs)
        notes = notes or {}
        rows = max(len(initial_units) + SPARE_ROWS, MIN_ROWS)
        for i in range(rows):
            unit = initial_units[i] if i < len(initial_units) else None
            field = UnitPickerField(label=_("Thành viên thứ %(n)d") % {"n": i + 1}, required=False, actor=actor, within=organiser)
            if unit is not None:
                field.initial = unit
                field.help_text = notes.get(unit.pk, "")
            self.fields[f"member_{i + 1}"] = field

    def units(self) -> list:
        return [u for name, u in self.cleaned_data.items() if name.startswith("member_") and u is not None]


class LeaderForm(forms.Form):
    leader = forms.ChoiceField(label=_("Cụm trưởng"))
    deputy = forms.ChoiceField(label=_("Cụm phó"), required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {str(m.unit_id): m.unit for m in members}
        choices = [(str(m.unit_id), m.unit.name) for m in members]
        self.fields["leader"].choices = choices
        self.fields["deputy"].choices = [("", "—"), *choices]

    def unit(self, name: str):
        return self.units.get(self.cleaned_data.get(name) or "")
