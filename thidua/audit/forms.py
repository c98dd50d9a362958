from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DateField
from thidua.org.forms import ScopedForm, UnitCodeField


class AuditFilterForm(ScopedForm):
    person = forms.IntegerField(label=_("Mã cá nhân"), required=False, min_value=1)
    unit = UnitCodeField(label=_("Mã đơn vị"), required=False)
    verb = forms.CharField(label=_("Hành động"), required=False, max_length=64)
    date_from = DateField(label=_("Từ ngày"), required=False)
    date_to = DateField(label=_("Đến ngày"), required=False)
