"""Forms of the scoring pages: parse input only (the services check it)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DateField
from thidua.core.pickers import UnitPickerField

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


class PointsField(forms.DecimalField):
    default_error_messages = {"invalid": _("Hãy nhập một số điểm (ví dụ 2 hoặc 0,5).")}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 8)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(value.replace(",", ".") if isinstance(value, str) else value)


class SheetForm(forms.Form):
    organiser = UnitPickerField(label=_("Đơn vị ban hành"), write=True)
    name = forms.CharField(label=_("Tên bảng tiêu chí"), max_length=255)
    bonus_cap = PointsField(label=_("Điểm thưởng tối đa"), required=False, min_value=0, help_text=_("Để trống: không giới hạn."))
    penalty_cap = PointsField(label=_("Điểm trừ tối đa"), required=False, min_value=0, help_text=_("Để trống: không giới hạn."))
    decimals = forms.IntegerField(label=_("Số chữ số thập phân của tổng điểm"), min_value=0, max_value=2, initial=2)
    gate_cap = forms.CharField(
        label=_("Xếp loại cao nhất khi không đạt điều kiện"), max_length=60, required=False, help_text=_("Ví dụ: Tốt")
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].actor = actor


class CriterionForm(forms.Form):
    code = forms.CharField(label=_("Mục (ví dụ II.3.b)"), max_length=20)
    text = forms.CharField(label=_("Nội dung tiêu chí"), widget=forms.Textarea(attrs={"rows": 3}))
    parent = forms.ChoiceField(label=_("Thuộc mục"), required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=SheetCriterion.Kind.choices, initial=SheetCriterion.Kind.SCORE)
    max_points = PointsField(label=_("Điểm tối đa"), initial=0)
    min_points = PointsField(label=_("Điểm tối thiểu"), initial=0, help_text=_("Điểm trừ: số âm, ví dụ -2."))
    step = PointsField(label=_("Bước điểm"), required=False, min_value=0, help_text=_("Ví dụ 0,5; để trống: điểm bất kỳ."))
    evidence = forms.ChoiceField(label=_("Minh chứng"), choices=SheetCriterion.Evidence.choices, initial=SheetCriterion.Evidence.NONE)
    auto_source = forms.ChoiceField(label=_("Tính tự động từ dữ liệu"), choices=SheetCriterion.AutoSource.choices, required=False)

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = {str(c.pk): c for c in criteria}
        self.fields["parent"].choices = [("", "—")] + [(str(c.pk), f"{c.code}. {c.text[:80]}") for c in criteria]

    def parent_criterion(self):
        return self.criteria.get(self.cleaned_data.get("parent") or "")


class BandForm(forms.Form):
    label = forms.CharField(label=_("Xếp loại"), max_length=60, help_text=_("Ví dụ: Xuất sắc"))
    minimum = PointsField(label=_("Từ điểm"))


class ConfirmForm(forms.Form):
    """A button only (publishing a sheet): the service decides."""


class RoundOpenForm(forms.Form):
    sheet = forms.ChoiceField(label=_("Bảng tiêu chí (đã ban hành)"))
    opens = DateField(label=_("Ngày mở"))
    self_days = forms.IntegerField(label=_("Hạn tự chấm (ngày làm việc sau ngày mở)"), min_value=1, max_value=60, initial=15)
    tiers = forms.MultipleChoiceField(label=_("Các lớp chấm"), widget=forms.CheckboxSelectMultiple)
    peer_trim = forms.BooleanField(label=_("Bỏ điểm cao nhất và thấp nhất khi có từ 5 đơn vị chấm chéo"), required=False)

    def __init__(self, *args, sheets=(), tiers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sheets = {str(s.pk): s for s in sheets}
        self.fields["sheet"].choices = [(str(s.pk), f"{s} – {s.organiser.name}") for s in sheets]
        self.fields["tiers"].choices = list(tiers)
        self.fields["tiers"].initial = ["self", "peer", "organiser"]

    def chosen_sheet(self):
        return self.sheets.get(self.cleaned_data.get("sheet") or "")


class PeersForm(forms.Form):
    """For each member (the scorer), the members it scores: prefilled with the assignments made, or the default."""

    def __init__(self, *args, units, pairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {str(u.pk): u for u in units}
        chosen: dict[int, list[str]] = {}
        for a, b in pairs:
            chosen.setdefault(a, []).append(str(b))
        for u in units:
            self.fields[f"scorer_{u.pk}"] = forms.MultipleChoiceField(
                label=_("%(unit)s chấm chéo cho") % {"unit": u.name},
                choices=[(str(o.pk), o.name) for o in units if o.pk != u.pk],
                required=False,
                initial=chosen.get(u.pk, []),
                widget=forms.CheckboxSelectMultiple,
            )

    def pairs(self) -> list[tuple]:
        out = []
        for name, scored in self.cleaned_data.items():
            scorer = self.units[name.removeprefix("scorer_")]
            out += [(scorer, self.units[pk]) for pk in scored if pk in self.units]
        return out
