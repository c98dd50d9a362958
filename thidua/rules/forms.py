"""Forms for what officers confirm (the qualitative criteria of the rules)."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from .engine import title_label
from .models import Confirmation
from .rulesets import ConfirmationFact

CHOICES = [("", _("Chưa xác nhận")), ("yes", _("Đạt")), ("no", _("Không đạt"))]
VALUES = {"": None, "yes": True, "no": False}
BASIS_HELP = _("Ví dụ: Biên bản họp Hội đồng Thi đua – Khen thưởng số 05/BB-HĐTĐKT ngày 20/5/2025.")


def _used_by(fact: ConfirmationFact) -> str:
    return _("Dùng cho: %(titles)s.") % {"titles": ", ".join(title_label(c) for c in fact.codes)}


def _current(row: Confirmation) -> str:
    return _("Đã xác nhận %(value)s – %(basis)s (%(who)s, %(when)s).") % {
        "value": _("đạt") if row.value else _("không đạt"),
        "basis": row.basis,
        "who": row.confirmed_by.get_username(),
        "when": date_format(localtime(row.confirmed_at), "d/m/Y H:i"),
    }


class PersonConfirmForm(forms.Form):
    """One choice per fact of the rules in force, starting from what is recorded; only changes are saved."""

    basis = forms.CharField(label=_("Căn cứ xác nhận"), max_length=255, required=False, help_text=BASIS_HELP)

    def __init__(self, *args, facts: dict[str, ConfirmationFact], current: dict[str, Confirmation], **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current
        fields = {}
        for fact in facts.values():
            row = current.get(fact.fact)
            help_text = f"{_current(row)} {_used_by(fact)}" if row else _used_by(fact)
            initial = "" if row is None else "yes" if row.value else "no"
            fields[f"fact_{fact.fact}"] = forms.ChoiceField(
                label=fact.label, choices=CHOICES, required=False, initial=initial, help_text=help_text
            )
        self.fields = {**fields, "basis": self.fields["basis"]}

    def changes(self) -> dict[str, bool | None]:
        """The facts whose choice differs from what is recorded. Facts left as they are keep their basis,
        author and time; a fact missing from the submitted form is left alone, never withdrawn."""
        out = {}
        for name, value in self.cleaned_data.items():
            if not name.startswith("fact_") or name not in self.data:
                continue
            fact, wanted = name.removeprefix("fact_"), VALUES[value]
            row = self.current.get(fact)
            if wanted != (None if row is None else row.value):
                out[fact] = wanted
        return out


class UnitConfirmForm(forms.Form):
    """One fact for the people ticked (after the council's meeting)."""

    fact = forms.ChoiceField(label=_("Tiêu chí"))
    value = forms.ChoiceField(
        label=_("Kết quả"), choices=[("yes", _("Đạt")), ("no", _("Không đạt")), ("", _("Bỏ xác nhận"))], required=False
    )
    basis = forms.CharField(label=_("Căn cứ xác nhận"), max_length=255, required=False, help_text=BASIS_HELP)
    people = forms.MultipleChoiceField(label=_("Cán bộ"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, facts: dict[str, ConfirmationFact], people: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fact"].choices = [(f.fact, f"{f.label} ({', '.join(title_label(c) for c in f.codes)})") for f in facts.values()]
        self.fields["people"].choices = [(str(pk), label) for pk, label in people]
