from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.accounts.scope import scope_for
from thidua.core.pickers import UnitPickerField
from thidua.org.models import OrgUnit

from .models import ImportKind


def own_unit(actor) -> OrgUnit | None:
    """The unit the officer works for: the top of what they may change, when that is one unit."""
    paths = scope_for(actor).write_paths
    return OrgUnit.objects.filter(path=paths[0]).first() if len(paths) == 1 else None


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại dữ liệu"), choices=ImportKind.choices)
    unit = UnitPickerField(label=_("Đơn vị nhập"), write=True, help_text=_("Dữ liệu của đơn vị này và các đơn vị trực thuộc."))
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].actor = actor
        if not self.is_bound and "unit" not in self.initial:
            self.initial["unit"] = own_unit(actor)  # the officer's own unit, preselected
