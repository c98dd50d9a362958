"""Forms of the council pages: parse and validate input only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.forms import SchoolYearField
from thidua.core.forms import DateField
from thidua.core.pickers import PersonPickerField
from thidua.rules.engine.evaluators import title_label

from .labels import option_label
from .models import AttendanceStatus, MemberRole, SessionMode

PROPOSABLE = ["LDTT", "CSTDCS", "CSTD_BO_TINH", "CSTDTQ", "GK", "BK_BO_TINH", "TTLDTT", "TTLDXS", "CO_BO_TINH", "NGUT", "NGND"]


class CouncilForm(forms.Form):
    school_year = SchoolYearField()
    decision_number = forms.CharField(label=_("Số quyết định thành lập"), max_length=64)
    decision_date = DateField(label=_("Ngày quyết định"))
    decision_scan = forms.FileField(label=_("Bản quét quyết định (PDF, PNG, JPEG)"))
    odd_required = forms.BooleanField(label=_("Số thành viên phải là số lẻ"), required=False, initial=True)


class MemberForm(forms.Form):
    person = PersonPickerField(label=_("Cá nhân"))
    role = forms.ChoiceField(label=_("Chức danh trong Hội đồng"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    votes = forms.BooleanField(label=_("Có quyền biểu quyết"), required=False, initial=True)
    amending_decision = forms.CharField(label=_("Số quyết định kiện toàn (khi Hội đồng đang hoạt động)"), max_length=64, required=False)

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].actor = actor


class ConfirmForm(forms.Form):
    """A step with nothing to type (activate, open, tally): the button is the confirmation."""


class SessionForm(forms.Form):
    held_on = DateField(label=_("Ngày họp"))
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    mode = forms.ChoiceField(label=_("Hình thức bỏ phiếu"), choices=SessionMode.choices)


class AttendanceForm(forms.Form):
    """One status per member (fields ``m<id>``), built from the council's members."""

    def __init__(self, *args, members=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        for member in members:
            self.fields[f"m{member.pk}"] = forms.ChoiceField(
                label=f"{member.person.full_name} ({member.get_role_display()})",
                choices=AttendanceStatus.choices,
                initial=current.get(member.pk, AttendanceStatus.PRESENT),
            )
            self.fields[f"r{member.pk}"] = forms.CharField(label=_("Lý do vắng"), max_length=255, required=False)


class ItemForm(forms.Form):
    person = PersonPickerField(label=_("Cá nhân được đề nghị"))
    kind_code = forms.ChoiceField(label=_("Danh hiệu đề nghị"), choices=[(c, title_label(c)) for c in PROPOSABLE])
    lower_codes = forms.MultipleChoiceField(
        label=_("Danh hiệu thấp hơn được bỏ phiếu thay thế"),
        choices=[(c, title_label(c)) for c in PROPOSABLE],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    label = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].actor = actor


class VoteForm(forms.Form):
    item = forms.IntegerField(label=_("Nội dung bỏ phiếu"), widget=forms.HiddenInput)
    choice = forms.ChoiceField(label=_("Ý kiến của bạn"), widget=forms.RadioSelect)

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = [(o, option_label(item, o)) for o in item.options]


class WrittenVoteForm(forms.Form):
    """The member, the scan of the signed opinion, and a choice per open item (fields ``i<id>``)."""

    member = forms.ModelChoiceField(label=_("Thành viên vắng mặt"), queryset=None)
    scan = forms.FileField(label=_("Bản quét ý kiến bằng văn bản (PDF, PNG, JPEG)"), required=False)

    def __init__(self, *args, members=None, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: m.person.full_name
        self.items = list(items)
        for item in self.items:
            self.fields[f"i{item.pk}"] = forms.ChoiceField(
                label=f"{item.subject} – {title_label(item.kind_code)}",
                choices=[("", "—"), *((o, option_label(item, o)) for o in item.options)],
                required=False,
            )

    def choices(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data[f"i{i.pk}"] for i in self.items if self.cleaned_data.get(f"i{i.pk}")}


class PaperCountForm(forms.Form):
    issued = forms.IntegerField(label=_("Số phiếu phát ra"), min_value=0, max_value=999)
    returned = forms.IntegerField(label=_("Số phiếu thu về"), min_value=0, max_value=999)
    valid = forms.IntegerField(label=_("Số phiếu hợp lệ"), min_value=0, max_value=999)
    invalid = forms.IntegerField(label=_("Số phiếu không hợp lệ"), min_value=0, max_value=999)
    scan = forms.FileField(label=_("Bản quét biên bản kiểm phiếu (PDF, PNG, JPEG)"), required=False)

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        for option in item.options:
            self.fields[f"o_{option}"] = forms.IntegerField(label=option_label(item, option), min_value=0, max_value=999, initial=0)

    def counts(self) -> dict[str, int]:
        return {o: self.cleaned_data[f"o_{o}"] for o in self.item.options}
