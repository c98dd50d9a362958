from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    email_enabled = forms.BooleanField(label=_("Gửi thông báo cho tôi qua thư điện tử"), required=False)


class MarkReadForm(forms.Form):
    """Either ``all`` or some ``ids`` (the user's own; others' ids are ignored by the service)."""

    all = forms.BooleanField(required=False)
    ids = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any integer id is acceptable here: ownership is the service's business.
        self.fields["ids"].valid_value = lambda value: str(value).isdigit()
