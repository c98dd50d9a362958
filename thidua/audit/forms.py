from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DateField
from thidua.core.pickers import PersonPickerField, UnitPickerField

from .verbs import verb_choices


class AuditFilterForm(forms.Form):
    person = PersonPickerField(label=_("Cá nhân"), required=False)
    unit = UnitPickerField(label=_("Đơn vị"), write=True, required=False)
    verb = forms.ChoiceField(label=_("Hành động"), required=False)
    date_from = DateField(label=_("Từ ngày"), required=False)
    date_to = DateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].actor = actor
        self.fields["unit"].actor = actor
        self.fields["verb"].choices = [("", _("Tất cả")), *verb_choices()]
