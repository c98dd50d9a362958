"""Forms of the registration pages: parse and validate input only; the services decide."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import AwardKind, Subject
from thidua.people.models import Person

from . import services
from .states import RegistrationStatus


class NamedChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return getattr(obj, "name", None) or getattr(obj, "full_name", None) or str(obj)


class MovementChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        label = f"{obj.name} – {obj.launcher.name}"
        if obj.registration_closes:
            label += f" ({_('hạn đăng ký')} {obj.registration_closes:%d/%m/%Y})"
        return label


class KindChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


def kinds_in_force(subject: str, day=None):
    day = day or timezone.localdate()
    return (
        AwardKind.objects.filter(is_current=True, subject=subject, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("category", "rank", "name")
    )


class RegistrationForm(forms.Form):
    """Register: the movement, the titles by name, commitments from the unit's list and free lines."""

    movement = MovementChoice(label=_("Phong trào thi đua"), queryset=None, empty_label=None)
    person = NamedChoice(label=_("Cá nhân"), queryset=Person.objects.none(), required=False)
    unit = NamedChoice(label=_("hoặc tập thể"), queryset=None, required=False)
    kinds = KindChoices(label=_("Danh hiệu, hình thức đăng ký"), queryset=AwardKind.objects.none(), widget=forms.CheckboxSelectMultiple)
    options = forms.ModelMultipleChoiceField(label=_("Cam kết theo danh sách của đơn vị"), queryset=None, required=False,
                                             widget=forms.CheckboxSelectMultiple)  # fmt: skip
    free = forms.CharField(label=_("Cam kết khác (mỗi dòng một cam kết)"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    late_reason = forms.CharField(label=_("Lý do đăng ký muộn (cán bộ đăng ký thay sau hạn)"), max_length=500, required=False)

    def __init__(self, *args, movements, options, people=None, units=None, subject=Subject.INDIVIDUAL, officer=False, **kwargs):
        super().__init__(*args, **kwargs)
        from thidua.movements.models import Movement
        from thidua.org.models import OrgUnit

        from .models import CommitmentOption

        self.fields["movement"].queryset = Movement.objects.filter(pk__in=[m.pk for m in movements]).select_related("launcher")
        self.fields["options"].queryset = CommitmentOption.objects.filter(pk__in=[o.pk for o in options])
        if people is None:
            del self.fields["person"]
        else:
            self.fields["person"].queryset = people
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units])
        if not officer:
            del self.fields["late_reason"]
        subjects = [Subject.INDIVIDUAL, Subject.COLLECTIVE] if units is not None else [subject]
        self.fields["kinds"].queryset = AwardKind.objects.filter(pk__in=[k.pk for s in subjects for k in kinds_in_force(s)]).order_by(
            "subject", "category", "rank"
        )

    def commitments(self) -> list[services.CommitmentSpec]:
        chosen = [services.CommitmentSpec(option=o) for o in self.cleaned_data.get("options") or []]
        lines = [line.strip() for line in (self.cleaned_data.get("free") or "").splitlines()]
        return chosen + [services.CommitmentSpec(text=line) for line in lines if line]


class EditForm(forms.Form):
    kinds = KindChoices(label=_("Danh hiệu, hình thức đăng ký"), queryset=AwardKind.objects.none(), widget=forms.CheckboxSelectMultiple)
    free = forms.CharField(label=_("Cam kết (mỗi dòng một cam kết)"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip

    def __init__(self, *args, subject: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"].queryset = kinds_in_force(subject)

    def commitments(self) -> list[services.CommitmentSpec]:
        lines = [line.strip() for line in (self.cleaned_data.get("free") or "").splitlines()]
        return [services.CommitmentSpec(text=line) for line in lines if line]


class AmendForm(EditForm):
    reason = forms.CharField(label=_("Lý do sửa đăng ký đã duyệt"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class OptionForm(forms.Form):
    text = forms.CharField(label=_("Nội dung cam kết"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ConfirmForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do trả lại"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class ListFilterForm(forms.Form):
    movement = MovementChoice(label=_("Phong trào thi đua"), queryset=None, required=False, empty_label=_("Tất cả phong trào"))
    status = forms.ChoiceField(label=_("Trạng thái"), choices=[("", _("Tất cả")), *RegistrationStatus.choices], required=False)

    def __init__(self, *args, movements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = movements


class BulkForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(label=_("Đăng ký đã chọn"), coerce=int, choices=[])
    action = forms.ChoiceField(
        label=_("Thao tác"), choices=[("approve", _("Duyệt các đăng ký đã chọn")), ("return", _("Trả lại các đăng ký đã chọn"))]
    )
    reason = forms.CharField(label=_("Lý do trả lại"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        raw = self.data.getlist("ids") if hasattr(self.data, "getlist") else self.data.get("ids", [])
        self.fields["ids"].choices = [(v, v) for v in raw if str(v).isdigit()]

    def clean(self):
        data = super().clean()
        if data.get("action") == "return" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Cần ghi lý do trả lại."))
        return data
