from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DateField
from thidua.org.forms import ScopedForm, UnitCodeField
from thidua.years.models import SchoolYear

from .models import Discipline, DisciplineForm, Gender, LeaveKind, Rating, StaffType


class PersonFieldsForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    date_of_birth = DateField(label=_("Ngày sinh"), required=False)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices)
    ethnicity = forms.CharField(label=_("Dân tộc"), max_length=40, initial="Kinh")
    national_id = forms.CharField(label=_("Số định danh cá nhân"), max_length=20, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)


class PersonCreateForm(PersonFieldsForm):
    staff_type = forms.ChoiceField(label=_("Loại cán bộ"), choices=StaffType.choices)
    position = forms.CharField(label=_("Chức vụ"), max_length=120, required=False)
    start_date = DateField(label=_("Bắt đầu công tác tại đơn vị từ"))


class EmploymentForm(ScopedForm):
    unit = UnitCodeField(label=_("Mã đơn vị"))
    staff_type = forms.ChoiceField(label=_("Loại cán bộ"), choices=StaffType.choices)
    position = forms.CharField(label=_("Chức vụ"), max_length=120, required=False)
    start_date = DateField(label=_("Từ ngày"))
    end_date = DateField(label=_("Đến ngày"), required=False)


class TransferForm(ScopedForm):
    to_unit = UnitCodeField(label=_("Mã đơn vị chuyển đến"))
    effective_date = DateField(label=_("Ngày chuyển"))
    position = forms.CharField(label=_("Chức vụ mới"), max_length=120, required=False)


class RatingForm(forms.Form):
    school_year = forms.ModelChoiceField(label=_("Năm học"), queryset=SchoolYear.objects.order_by("-start_date"), to_field_name="code")
    rating = forms.ChoiceField(label=_("Xếp loại"), choices=Rating.choices)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class DisciplineAddForm(forms.Form):
    form = forms.ChoiceField(label=_("Hình thức"), choices=DisciplineForm.choices)
    status = forms.ChoiceField(label=_("Trạng thái"), choices=Discipline.Status.choices, initial=Discipline.Status.IN_EFFECT)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64, required=False)
    decision_date = DateField(label=_("Ngày quyết định"), required=False)
    start_date = DateField(label=_("Từ ngày"))
    end_date = DateField(label=_("Đến ngày"), required=False)
    reason = forms.CharField(label=_("Lý do"), max_length=255, required=False)


class LeaveForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=LeaveKind.choices)
    start_date = DateField(label=_("Từ ngày"))
    end_date = DateField(label=_("Đến ngày"))
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)
