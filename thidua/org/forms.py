from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DateField

from .models import EducationLevel, OrgUnit, UnitKind


class UnitFieldsForm(forms.Form):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    education_levels = forms.MultipleChoiceField(
        label=_("Cấp học"), choices=EducationLevel.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    remote_area = forms.BooleanField(label=_("Vùng sâu, vùng xa, vùng khó khăn"), required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)


class UnitCreateForm(UnitFieldsForm):
    code = forms.CharField(label=_("Mã đơn vị"), max_length=32)
    kind = forms.ModelChoiceField(label=_("Loại đơn vị"), queryset=UnitKind.objects.all(), to_field_name="code")
    valid_from = DateField(label=_("Hiệu lực từ ngày"))
    field_order = ["code", "name", "kind", "valid_from", "education_levels", "remote_area", "address"]


class UnitCodeField(forms.CharField):
    """A unit typed by its code, looked up among the units the actor may change.

    A unit outside the actor's scope gets the same message as a unit that does not exist. Forms with
    such fields take ``actor=`` (see ``ScopedForm``); views still call ``access_unit`` on the result.
    """

    default_error_messages = {"unknown": _("Không có đơn vị mã “%(code)s” trong phạm vi của bạn.")}

    def __init__(self, **kwargs):
        super().__init__(max_length=32, **kwargs)
        self.queryset = OrgUnit.objects.none()

    def clean(self, value):
        code = super().clean(value)
        if not code:
            return None
        unit = self.queryset.filter(code=code.strip().upper()).select_related("kind").first()
        if unit is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"code": code})
        return unit


class ScopedForm(forms.Form):
    """A form whose unit-code fields only accept units the actor may change."""

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        from thidua.accounts.scope import scope_for

        units = OrgUnit.objects.filter(scope_for(actor).units_q(write=True))
        for field in self.fields.values():
            if isinstance(field, UnitCodeField):
                field.queryset = units


class RestructuringForm(ScopedForm):
    effective_date = DateField(label=_("Ngày hiệu lực"))
    decision_ref = forms.CharField(label=_("Căn cứ (số quyết định)"), max_length=120, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MoveForm(RestructuringForm):
    new_parent = UnitCodeField(label=_("Mã đơn vị quản lý mới"))
    field_order = ["new_parent", "effective_date", "decision_ref", "note"]


class MergeForm(RestructuringForm):
    sources = forms.CharField(label=_("Mã các đơn vị bị sáp nhập (cách nhau bởi dấu phẩy)"))
    target = UnitCodeField(label=_("Mã đơn vị tiếp nhận"))
    field_order = ["sources", "target", "effective_date", "decision_ref", "note"]

    def clean_sources(self):
        codes = [c.strip().upper() for c in self.cleaned_data["sources"].split(",") if c.strip()]
        units = list(self.fields["target"].queryset.filter(code__in=codes).select_related("kind"))
        missing = sorted(set(codes) - {u.code for u in units})
        if missing:
            raise forms.ValidationError(_("Không có đơn vị mã: %(codes)s.") % {"codes": ", ".join(missing)})
        return units


class CloseForm(RestructuringForm):
    pass
