"""Forms of the scoring pages: parse input only (the services check it)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DateField

from .models import SheetCriterion


class ScoresForm(forms.Form):
    """One field per scored criterion (blank: not entered), a reason beside each on the reviewers' layers."""

    def __init__(self, *args, criteria, current=None, editable=None, reasons=False, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.rows = []
        headings = {c.parent_id for c in criteria if c.parent_id}
        for c in criteria:
            if c.kind == SheetCriterion.Kind.INFO or c.pk in headings:
                self.rows.append((c, None, None))
                continue
            disabled = bool(c.auto_source) or (editable is not None and c.pk not in editable)
            label = f"{c.code}. {c.text}"
            field = forms.CharField(label=label, required=False, disabled=disabled, initial=current.get(c.code, ""))
            field.widget.attrs.update({"inputmode": "decimal", "size": 6})
            self.fields[f"c_{c.code}"] = field
            reason = None
            if reasons:
                reason = forms.CharField(label=_("Lý do (mục %(code)s)") % {"code": c.code}, required=False, disabled=disabled)
                self.fields[f"r_{c.code}"] = reason
            self.rows.append((c, self[f"c_{c.code}"], self[f"r_{c.code}"] if reasons else None))

    def values(self) -> dict[str, str]:
        return {name[2:]: v for name, v in self.cleaned_data.items() if name.startswith("c_") and not self.fields[name].disabled}

    def reasons(self) -> dict[str, str]:
        return {name[2:]: v for name, v in self.cleaned_data.items() if name.startswith("r_")}


class EvidenceForm(forms.Form):
    criterion = forms.ChoiceField(label=_("Minh chứng cho mục"), required=False)
    file = forms.FileField(label=_("Tệp minh chứng (PDF, PNG, JPEG)"), required=False)
    description = forms.CharField(label=_("Mô tả minh chứng"), required=False, max_length=255)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].choices = [("", "—")] + [(c.code, f"{c.code}. {c.text[:80]}") for c in criteria if c.evidence != "none"]


class PeerForm(ScoresForm):
    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["as_unit"] = forms.ChoiceField(label=_("Chấm chéo với tư cách đơn vị"), choices=[(str(u.pk), u.name) for u in units])
        self.units = {str(u.pk): u for u in units}


class ReturnForm(forms.Form):
    criteria = forms.MultipleChoiceField(label=_("Các mục cần chấm lại"), widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        headings = {c.parent_id for c in criteria if c.parent_id}
        self.fields["criteria"].choices = [
            (c.code, f"{c.code}. {c.text[:80]}") for c in criteria if c.kind != "info" and c.pk not in headings
        ]


class PublishForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định công nhận kết quả"), required=False, max_length=60)
    decision_date = DateField(label=_("Ngày quyết định"), required=False)
    designated = forms.ChoiceField(label=_("Đơn vị dẫn đầu do Hội đồng chỉ định (khi đồng hạng)"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {str(u.pk): u for u in units}
        self.fields["designated"].choices = [("", "—")] + [(str(u.pk), u.name) for u in units]


class CorrectForm(PublishForm):
    reason = forms.CharField(label=_("Lý do đính chính"), widget=forms.Textarea(attrs={"rows": 3}))


class CovenantForm(forms.Form):
    title = forms.CharField(label=_("Tên giao ước"), max_length=255)
    text = forms.CharField(label=_("Nội dung giao ước"), widget=forms.Textarea(attrs={"rows": 6}))
    signed_on = DateField(label=_("Ngày ký"))
    scan = forms.FileField(label=_("Bản quét đã ký (PDF, PNG, JPEG)"), required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for unit in self.members:
            self.fields[f"head_{unit.pk}"] = forms.CharField(
                label=_("Thủ trưởng ký cho %(unit)s (để trống nếu không ký)") % {"unit": unit.name}, required=False, max_length=255
            )

    def signatories(self):
        return [(u, self.cleaned_data[f"head_{u.pk}"]) for u in self.members if self.cleaned_data.get(f"head_{u.pk}")]
