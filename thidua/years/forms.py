from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DateField

from .models import Holiday
from .workdays import MAX_WORKING_DAYS


class AddWorkingDaysForm(forms.Form):
    start = DateField(label=_("Từ ngày (không tính ngày này)"))
    days = forms.IntegerField(label=_("Số ngày làm việc"), min_value=-MAX_WORKING_DAYS, max_value=MAX_WORKING_DAYS)


class HolidayForm(forms.Form):
    date = DateField(label=_("Ngày"))
    kind = forms.ChoiceField(label=_("Loại ngày"), choices=Holiday.Kind.choices)
    name = forms.CharField(label=_("Tên"), max_length=200)
    basis = forms.CharField(label=_("Căn cứ"), max_length=300, required=False, help_text=_("Thông báo nghỉ lễ của năm: số, ngày."))
    confirmed = forms.BooleanField(label=_("Theo thông báo chính thức (đã xác nhận)"), required=False)


class HolidayConfirmForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    basis = forms.CharField(label=_("Căn cứ"), max_length=300, required=False, help_text=_("Thông báo nghỉ lễ của năm: số, ngày."))


class HolidayDeleteForm(forms.Form):
    """A confirmation step: nothing to fill in."""
