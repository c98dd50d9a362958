from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import states


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CreateForm(forms.Form):
    receiver = forms.TypedChoiceField(label=_("Gửi đến"), coerce=int, choices=())

    def __init__(self, *args, receivers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiver"].choices = [(u.pk, f"{u.name} ({n})") for u, n in receivers]


class CheckForm(forms.Form):
    VERDICTS = (("accept", _("Đồng ý")), ("return", _("Yêu cầu bổ sung")), ("refuse", _("Không đồng ý")))
    verdict = forms.ChoiceField(label=_("Kết quả thẩm định"), choices=VERDICTS)
    return_field = forms.ChoiceField(label=_("Nội dung cần bổ sung"), choices=[("", "—"), *states.ReturnField.choices], required=False)
    reason = forms.CharField(label=_("Lý do"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Trả lời"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class DecideForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=50)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=forms.DateInput(attrs={"type": "date"}))
    signer_name = forms.CharField(label=_("Người ký"), max_length=200, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_date"].initial = timezone.localdate()
