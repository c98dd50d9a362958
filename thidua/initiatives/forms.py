"""Forms of the initiative pages: parse and validate input only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import InitiativeScope
from thidua.core.forms import DateField
from thidua.people.models import Person
from thidua.years.models import SchoolYear

from .models import Criterion, Ruling

AUTHOR_ROWS = 3


class NamedChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return getattr(obj, "full_name", None) or getattr(obj, "name", None) or str(obj)


class YearChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.code


def staff_of(unit):
    return Person.objects.filter(current_unit__path__startswith=unit.path).order_by("sort_key", "id")


class InitiativeForm(forms.Form):
    title = forms.CharField(label=_("Tên sáng kiến"), max_length=500)
    school_year = YearChoice(label=_("Năm học"), queryset=SchoolYear.objects.order_by("-start_date"), empty_label=None)
    field = forms.CharField(label=_("Lĩnh vực (môn học, hoạt động)"), max_length=200)
    summary = forms.CharField(label=_("Tóm tắt sáng kiến"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    problem = forms.CharField(label=_("Thực trạng, vấn đề cần giải quyết"), max_length=10000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    solution = forms.CharField(label=_("Nội dung giải pháp"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6}))
    results = forms.CharField(label=_("Kết quả áp dụng"), max_length=10000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    applied_at = forms.CharField(label=_("Nơi áp dụng"), max_length=500, required=False)
    applied_from = DateField(label=_("Áp dụng từ ngày"), required=False)
    attachment = forms.FileField(label=_("Bản mô tả sáng kiến (PDF)"), required=False)
    submit_now = forms.BooleanField(label=_("Gửi đơn yêu cầu công nhận ngay"), required=False, initial=True)

    def __init__(self, *args, unit, me=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = staff_of(unit)
        for i in range(1, AUTHOR_ROWS + 1):
            self.fields[f"author_{i}"] = NamedChoice(label=_("Tác giả %(n)d") % {"n": i}, queryset=people, required=False)
            self.fields[f"share_{i}"] = forms.DecimalField(label=_("Tỷ lệ đóng góp của tác giả %(n)d (%%)") % {"n": i}, required=False,
                                                           max_digits=6, decimal_places=2)  # fmt: skip
        if me is not None:
            self.fields["author_1"].initial = me.pk
            self.fields["share_1"].initial = 100

    def authors(self) -> list:
        d = self.cleaned_data
        out = []
        for i in range(1, AUTHOR_ROWS + 1):
            person, share = d.get(f"author_{i}"), d.get(f"share_{i}")
            if person is not None:
                out.append((person, share if share is not None else 0))
        return out


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class RecogniseForm(forms.Form):
    scope = forms.ChoiceField(label=_("Phạm vi công nhận"), choices=InitiativeScope.choices)
    body = NamedChoice(label=_("Đơn vị công nhận"), queryset=None, empty_label=None)
    decision_number = forms.CharField(label=_("Số quyết định công nhận"), max_length=64)
    decision_date = DateField(label=_("Ngày quyết định"))

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class RulingForm(forms.Form):
    candidate = forms.TypedChoiceField(label=_("Sáng kiến tương tự"), coerce=int, choices=())
    disposition = forms.ChoiceField(label=_("Kết luận"), choices=Ruling.Disposition.choices)
    note = forms.CharField(label=_("Ghi chú"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].choices = [
            (s.candidate.pk, f"{s.candidate.title} – {s.candidate.unit.name}, {s.candidate.school_year.code} ({s.score:.0%})")
            for s in candidates
        ]


class ScoreForm(forms.Form):
    """One field per criterion of the sheet (and a comment): the service checks the range."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(Criterion.objects.all())
        for c in self.criteria:
            self.fields[f"points_{c.code}"] = forms.DecimalField(
                label=_("%(name)s (tối đa %(max)d điểm)") % {"name": c.name, "max": c.max_points}, max_digits=6, decimal_places=2,
                widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
            )  # fmt: skip
            self.fields[f"comment_{c.code}"] = forms.CharField(label=_("Nhận xét"), max_length=1000, required=False)

    def points(self) -> dict:
        return {c.code: self.cleaned_data[f"points_{c.code}"] for c in self.criteria}

    def comments(self) -> dict:
        return {c.code: self.cleaned_data.get(f"comment_{c.code}", "") for c in self.criteria}


class CouncilForm(forms.Form):
    school_year = YearChoice(label=_("Năm học"), queryset=SchoolYear.objects.order_by("-start_date"), empty_label=None)
    decision_number = forms.CharField(label=_("Số quyết định thành lập"), max_length=64, required=False)
    chair = NamedChoice(label=_("Chủ tịch Hội đồng"), queryset=None)
    members = forms.ModelMultipleChoiceField(label=_("Thành viên"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple)
    blind = forms.BooleanField(label=_("Chấm ẩn danh (ẩn tên tác giả đến khi có kết quả)"), required=False)
    pass_mark = forms.DecimalField(label=_("Điểm đạt (trên 100)"), initial=50, max_digits=5, decimal_places=2)

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        people = staff_of(unit)
        self.fields["chair"].queryset = people
        self.fields["members"].queryset = people
        self.fields["members"].label_from_instance = lambda p: p.full_name

    def seats(self) -> list:
        chair = self.cleaned_data["chair"]
        return [(chair, "chair"), *[(p, "member") for p in self.cleaned_data["members"] if p.pk != chair.pk]]
