from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RemarkKind
from .services import MAX_DAYS, MAX_TEXT, default_days


class PublishForm(forms.Form):
    days = forms.IntegerField(label=_("Số ngày làm việc công khai"), min_value=1, max_value=MAX_DAYS)
    public = forms.BooleanField(label=_("Công khai cả trên trang không cần đăng nhập (chỉ họ tên, đơn vị, danh hiệu)"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].initial = default_days()


class RemarkForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại ý kiến"), choices=RemarkKind.choices, initial=RemarkKind.COMMENT)
    entry = forms.TypedChoiceField(label=_("Về đề nghị"), coerce=int, required=False, empty_value=None)
    text = forms.CharField(label=_("Nội dung"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [("", _("Cả danh sách"))] + [(e.pk, f"{e.name} – {e.title}") for e in entries]


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Trả lời"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3}))
