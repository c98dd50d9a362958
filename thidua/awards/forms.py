"""Forms of the award pages: parse and validate input only; the services decide."""

from __future__ import annotations

import contextlib

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DateField
from thidua.core.pickers import PersonPickerField, UnitPickerField
from thidua.years.lookup import normalise
from thidua.years.models import SchoolYear

from .models import AwardKind, AwardType, Decision, InitiativeScope, LegalRegime


def _school_years():
    return SchoolYear.objects.order_by("-start_date")


class SchoolYearField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Năm học"))
        super().__init__(queryset=_school_years(), to_field_name="code", **kwargs)

    def to_python(self, value):
        """By label, written as ``years.lookup`` reads it ("2024 - 2025" is 2024-2025)."""
        if isinstance(value, str) and value.strip():
            value = normalise(value) or value
        return super().to_python(value)


class MovementChoiceField(forms.ModelChoiceField):
    """A launched movement the actor sees, chosen by name (``movements.selectors.movements_visible``)."""

    def __init__(self, **kwargs):
        from thidua.movements.models import Movement

        super().__init__(queryset=Movement.objects.none(), **kwargs)

    def limit_to(self, actor) -> None:
        from thidua.movements.models import Movement
        from thidua.movements.selectors import movements_visible

        self.queryset = movements_visible(actor=actor).exclude(status__in=[Movement.Status.DRAFT, Movement.Status.CANCELLED])

    def label_from_instance(self, obj) -> str:
        return f"{obj.name} – {obj.launcher.name}"


class DecisionHeaderForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=64)
    decision_date = DateField(label=_("Ngày quyết định"))
    award_type = forms.ChoiceField(label=_("Loại hình khen thưởng"), choices=AwardType.choices)
    school_year = SchoolYearField(required=False)
    period_start = DateField(label=_("Thời gian lập thành tích từ"), required=False)
    period_end = DateField(label=_("Thời gian lập thành tích đến"), required=False)
    title = forms.CharField(label=_("Trích yếu"), max_length=255, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120, required=False)
    scan = forms.FileField(label=_("Bản quét quyết định đã ký (PDF, PNG, JPEG)"), required=False)
    movement = MovementChoiceField(
        label=_("Khen thưởng trong phong trào thi đua"), required=False, empty_label=_("Không thuộc phong trào nào")
    )

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        if actor is not None:
            self.fields["movement"].limit_to(actor)


def kind_choices() -> list[tuple[str, str]]:
    """The current catalogue entries by name (the newest regime's name wins), for a plain ``<select>``."""
    names: dict[str, str] = {}
    for code, name in AwardKind.objects.filter(is_current=True).order_by("regime__effective_from").values_list("code", "name"):
        names[code] = name
    return sorted(names.items(), key=lambda item: item[1])


class AwardLineForm(forms.Form):
    """One award of a decision: a title or form (chosen by name) and a person or a unit (picked by name)."""

    kind_code = forms.CharField(label=_("Danh hiệu, hình thức"), max_length=200, required=False, widget=forms.Select)
    person = PersonPickerField(label=_("Cá nhân"), required=False)
    unit = UnitPickerField(label=_("hoặc tập thể (đơn vị)"), required=False)
    school_year = SchoolYearField(required=False)
    cash_amount = forms.IntegerField(label=_("Tiền thưởng (đồng)"), required=False, min_value=0)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, actor=None, kinds: list[tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["person"].actor = actor
        self.fields["unit"].actor = actor
        self.fields["kind_code"].widget.choices = [("", "—"), *(kinds if kinds is not None else kind_choices())]

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return not any(data.get(k) for k in ("kind_code", "person", "unit")) and not self._has_errors_in(("person", "unit"))

    def _has_errors_in(self, names) -> bool:
        return any(n in self.errors for n in names)

    def clean(self):
        data = super().clean()
        if not any(data.get(k) for k in ("kind_code", "person", "unit")):
            return data
        if not data.get("kind_code"):
            self.add_error("kind_code", _("Chọn danh hiệu, hình thức."))
        if data.get("person") and data.get("unit"):
            raise forms.ValidationError(_("Chọn một cá nhân hoặc một tập thể, không chọn cả hai."))
        if not data.get("person") and not data.get("unit") and not self._has_errors_in(("person", "unit")):
            raise forms.ValidationError(_("Chọn cá nhân hoặc tập thể nhận khen thưởng."))
        data["kind_code"] = (data.get("kind_code") or "").strip()
        return data


class BaseLineFormSet(forms.BaseFormSet):
    def __init__(self, *args, actor=None, **kwargs):
        self.actor = actor
        self._kinds = kind_choices()
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "actor": self.actor, "kinds": self._kinds}

    @property
    def empty_form(self):
        form = self.form(auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"), empty_permitted=True, use_required_attribute=False,
                         actor=self.actor, kinds=self._kinds, renderer=self.renderer)  # fmt: skip
        self.add_fields(form, None)
        return form

    def filled(self) -> list[tuple[int, AwardLineForm]]:
        """(form index, form) of the rows that were filled in."""
        return [(i, f) for i, f in enumerate(self.forms) if not f.is_blank]

    def raw_lines(self) -> list[dict]:
        """The lines as typed (bound values), the blank ones left out: to re-show them with more lines."""
        out = []
        for f in self.forms:
            row = {name: f[name].value() for name in f.fields}
            for name in ("person", "unit"):
                picked = row[name] if isinstance(row[name], dict) else {"id": row[name] or "", "q": ""}
                row[name] = picked["id"] or None
                if not picked["id"] and picked["q"]:
                    row[f"{name}_q"] = picked["q"]
            if any(row.get(k) for k in ("kind_code", "person", "unit", "person_q", "unit_q")):
                out.append(row)
        return out


def line_formset(extra: int = 5):
    return forms.formset_factory(AwardLineForm, formset=BaseLineFormSet, extra=extra, max_num=200, absolute_max=200)


AwardLineFormSet = line_formset()


class StaffPickForm(forms.Form):
    """Add many people at once: the chosen people of one unit's current staff, each on a line of one title.

    The unit is the issuer or any unit or team below it, picked by name (``staff_unit``, default the issuer);
    ``people_of(unit)`` lists its staff. Bound, the unit is read from the data, so the ticked boxes are
    checked against the list they were ticked in."""

    staff_unit = UnitPickerField(label=_("Đơn vị hoặc tổ"), required=False)
    staff = forms.MultipleChoiceField(label=_("Cán bộ, giáo viên"), required=False, widget=forms.CheckboxSelectMultiple)
    staff_kind = forms.CharField(label=_("Danh hiệu, hình thức cho các dòng thêm"), required=False, widget=forms.Select)

    def __init__(self, *args, actor, issuer, people_of, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        picker = self.fields["staff_unit"]
        picker.actor, picker.within = actor, issuer
        self.unit = self.initial.get("staff_unit") or issuer
        if self.is_bound:
            with contextlib.suppress(forms.ValidationError):  # shown next to the field by full_clean
                self.unit = picker.clean(self["staff_unit"].data) or issuer
        self.people = people_of(self.unit)
        self.fields["staff"].choices = [(str(p.pk), p.full_name) for p in self.people]
        self.fields["staff_kind"].widget.choices = [("", "—"), *kinds]


class DecisionAmendForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định sửa đổi"), max_length=64)
    amendment_date = DateField(label=_("Ngày sửa đổi"))
    reason = forms.CharField(label=_("Lý do"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    remove_awards = forms.MultipleChoiceField(label=_("Bỏ các khen thưởng"), required=False, widget=forms.CheckboxSelectMultiple)
    title = forms.CharField(label=_("Trích yếu mới"), max_length=255, required=False)
    signer_name = forms.CharField(label=_("Người ký mới"), max_length=120, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký mới"), max_length=120, required=False)
    school_year = SchoolYearField(label=_("Năm học mới"), required=False)

    def __init__(self, *args, decision: Decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = decision
        awards = [a for a in decision.awards.all() if not a.revoked]
        self.fields["remove_awards"].choices = [(str(a.pk), f"{a.recipient} – {a.kind.name}") for a in awards]
        self._awards = {str(a.pk): a for a in awards}

    def clean_remove_awards(self):
        return [self._awards[pk] for pk in self.cleaned_data["remove_awards"]]

    def header(self) -> dict:
        """Only the header fields that were filled in and differ from the decision."""
        out = {}
        for key in ("title", "signer_name", "signer_title", "school_year"):
            value = self.cleaned_data.get(key)
            if value and value != getattr(self.decision, key):
                out[key] = value
        return out


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


AUTHOR_FIELDS = ("author_1", "author_2", "author_3", "author_4")


class InitiativeForm(forms.Form):
    title = forms.CharField(label=_("Tên sáng kiến"), max_length=500)
    school_year = SchoolYearField()
    scope = forms.ChoiceField(label=_("Phạm vi ảnh hưởng"), choices=InitiativeScope.choices)
    author_1 = PersonPickerField(label=_("Tác giả"))
    author_2 = PersonPickerField(label=_("Đồng tác giả"), required=False)
    author_3 = PersonPickerField(label=_("Đồng tác giả"), required=False)
    author_4 = PersonPickerField(label=_("Đồng tác giả"), required=False)
    decision_number = forms.CharField(label=_("Số quyết định công nhận"), max_length=64, required=False)
    decision_date = DateField(label=_("Ngày công nhận"), required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        for name in AUTHOR_FIELDS:
            self.fields[name].actor = actor

    def clean(self):
        data = super().clean()
        authors = [data.pop(name) for name in AUTHOR_FIELDS if data.get(name)]
        for name in AUTHOR_FIELDS:
            data.pop(name, None)
        data["authors"] = list(dict.fromkeys(authors))
        return data


class DecisionFilterForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=64, required=False)
    issuer = forms.CharField(label=_("Đơn vị ban hành"), max_length=100, required=False)
    school_year = SchoolYearField(required=False)
    award_type = forms.ChoiceField(label=_("Loại hình"), choices=[("", "—"), *AwardType.choices], required=False)
    status = forms.ChoiceField(label=_("Trạng thái"), choices=[("", "—"), *Decision.Status.choices], required=False)


class AwardSearchForm(forms.Form):
    q = forms.CharField(label=_("Họ tên hoặc tên tập thể"), max_length=100, required=False)
    unit = UnitPickerField(label=_("Đơn vị"), required=False)
    kind_code = forms.ChoiceField(label=_("Danh hiệu, hình thức"), required=False)
    school_year = SchoolYearField(required=False)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64, required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["unit"].actor = actor
        self.fields["kind_code"].choices = [("", _("Tất cả")), *kind_choices()]


class CatalogueFilterForm(forms.Form):
    regime = forms.ModelChoiceField(
        label=_("Chế độ"), queryset=LegalRegime.objects.all(), to_field_name="code", required=False, empty_label=_("Tất cả")
    )


class BookForm(forms.Form):
    start = forms.IntegerField(label=_("Từ năm học bắt đầu năm"), min_value=2000, max_value=2100, required=False)
    years = forms.TypedChoiceField(label=_("Giai đoạn"), choices=[(5, _("5 năm")), (10, _("10 năm"))], coerce=int, required=False)
