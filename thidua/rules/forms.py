"""Forms for what officers confirm (the qualitative criteria of the rules)."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DateField

from .engine.facade import title_label
from .engine.rulesets import ConfirmationFact
from .models import BallotTally, Confirmation

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


KEEP, WITHDRAW = "keep", "withdraw"
BULK_VALUES = {"yes": True, "no": False, WITHDRAW: None}


class UnitConfirmForm(forms.Form):
    """One fact for the people ticked (after the council's meeting). Nothing changes by default: the officer
    chooses a result explicitly, and a withdrawal or a change of what is recorded is confirmed on a second step
    that lists it (the view's ``confirmed``)."""

    fact = forms.ChoiceField(label=_("Tiêu chí"))
    value = forms.ChoiceField(
        label=_("Kết quả"),
        choices=[(KEEP, _("Không thay đổi")), ("yes", _("Đạt")), ("no", _("Không đạt")), (WITHDRAW, _("Rút xác nhận đã có"))],
        initial=KEEP,
        required=False,
    )
    basis = forms.CharField(label=_("Căn cứ xác nhận"), max_length=255, required=False, help_text=BASIS_HELP)
    people = forms.MultipleChoiceField(label=_("Cán bộ"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, facts: dict[str, ConfirmationFact], people: list[tuple[int, str]], tick_all: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fact"].choices = [(f.fact, f"{f.label} ({', '.join(title_label(c) for c in f.codes)})") for f in facts.values()]
        self.fields["people"].choices = [(str(pk), label) for pk, label in people]
        if tick_all:
            self.fields["people"].initial = [str(pk) for pk, _label in people]

    def clean_value(self) -> str:
        value = self.cleaned_data.get("value") or KEEP
        if value == KEEP:
            raise forms.ValidationError(_("Chọn “Đạt”, “Không đạt” hoặc “Rút xác nhận đã có”: “Không thay đổi” không ghi gì."))
        return value

    def wanted(self) -> bool | None:
        """The value to record for every person ticked (``None``: withdraw)."""
        return BULK_VALUES[self.cleaned_data["value"]]


def _tally(row: BallotTally) -> str:
    return _("%(title)s: %(votes)d/%(total)d thành viên đồng ý (%(written)d bằng văn bản), họp ngày %(day)s – %(basis)s (%(who)s).") % {
        "title": title_label(row.code),
        "votes": row.in_favour + row.in_favour_written,
        "total": row.total_members,
        "written": row.in_favour_written,
        "day": row.session_date.strftime("%d/%m/%Y"),
        "basis": row.basis,
        "who": row.entered_by.get_username(),
    }


class BallotForm(forms.Form):
    """The result of the council's secret ballot on one title, from the vote-count minutes (NĐ 98/2023 Điều 30.7):
    the denominator is the council's total membership; absent members voting in writing count."""

    code = forms.ChoiceField(label=_("Danh hiệu"))
    total_members = forms.IntegerField(label=_("Tổng số thành viên Hội đồng"), min_value=1, max_value=10000, required=False)
    in_favour = forms.IntegerField(label=_("Số thành viên đồng ý tại phiên họp"), min_value=0, max_value=10000, required=False)
    in_favour_written = forms.IntegerField(
        label=_("Số thành viên vắng mặt đồng ý bằng văn bản"), min_value=0, max_value=10000, required=False, initial=0
    )
    session_date = DateField(label=_("Ngày họp Hội đồng"), required=False)
    basis = forms.CharField(
        label=_("Căn cứ"), max_length=255, required=False, help_text=_("Ví dụ: Biên bản kiểm phiếu số 06/BB-HĐTĐKT ngày 28/5/2025.")
    )
    withdraw = forms.BooleanField(label=_("Bỏ kết quả đã nhập cho danh hiệu này"), required=False)

    def __init__(self, *args, titles: tuple[str, ...], current: dict[str, BallotTally], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [(c, title_label(c)) for c in titles]
        if current:
            self.fields["code"].help_text = _("Đã nhập: %(rows)s") % {"rows": " ".join(_tally(r) for r in current.values())}

    def clean(self):
        data = super().clean()
        if not data.get("withdraw"):
            for name in ("total_members", "in_favour", "session_date"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Nhập trường này."))
        return data
