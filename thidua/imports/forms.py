from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.org.forms import ScopedForm, UnitCodeField

from .models import ImportKind


class ImportUploadForm(ScopedForm):
    kind = forms.ChoiceField(label=_("Loại dữ liệu"), choices=ImportKind.choices)
    unit = UnitCodeField(label=_("Mã đơn vị nhập"), help_text=_("Dữ liệu của đơn vị này và các đơn vị trực thuộc."))
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
