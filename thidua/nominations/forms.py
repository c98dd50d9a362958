"""Forms of the review-round pages: parse and validate input only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.forms import SchoolYearField
from thidua.core.pickers import PersonPickerField, UnitPickerField
from thidua.movements.selectors import movements_visible
from thidua.rules.engine.rulesets import DEFAULT_BOOK

from .models import RoundKind, kind_name


def kind_choices(subject: str | None = None) -> list[tuple[str, str]]:
    codes = [c for c in DEFAULT_BOOK.codes if subject is None or DEFAULT_BOOK.subject_of(c) == subject]
    return [(c, kind_name(c)) for c in codes]


class RoundForm(forms.Form):
    school_year = SchoolYearField()
    kind = forms.ChoiceField(label=_("Loại đợt bình xét"), choices=RoundKind.choices, initial=RoundKind.YEAR_END)
    name = forms.CharField(
        label=_("Tên đợt bình xét"), max_length=300, required=False, help_text=_("Để trống: đặt tên theo loại và năm học.")
    )
    movement = forms.ModelChoiceField(label=_("Phong trào (đợt sơ kết, tổng kết, chuyên đề)"), queryset=None, required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = movements_visible(actor=actor).select_related("launcher")
        self.fields["movement"].label_from_instance = lambda m: f"{m.name} – {m.launcher.name}"


class ConfirmForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class LineForm(forms.Form):
    person = PersonPickerField(label=_("Cá nhân"), required=False)
    unit = UnitPickerField(label=_("hoặc tập thể"), required=False)
    kind_code = forms.ChoiceField(label=_("Danh hiệu, hình thức"), choices=())
    reason = forms.CharField(label=_("Lý do bổ sung"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    justification = forms.CharField(
        label=_("Giải trình (khi chưa đạt tiêu chuẩn)"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, actor, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].actor = actor
        self.fields["unit"].actor = actor
        self.fields["unit"].within = round_.unit
        self.fields["kind_code"].choices = kind_choices()

    def clean(self):
        data = super().clean()
        if bool(data.get("person")) == bool(data.get("unit")):
            raise forms.ValidationError(_("Chọn một cá nhân hoặc một tập thể."))
        return data


class PickForm(forms.Form):
    picks = forms.MultipleChoiceField(label=_("Đề nghị theo gợi ý"), choices=(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["picks"].choices = choices


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Góp ý"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class AgendaForm(forms.Form):
    """Which session of the unit's council, and which proposed lines (none ticked: every proposed line)."""

    session = forms.ModelChoiceField(label=_("Phiên họp Hội đồng"), queryset=None, empty_label=None)
    lines = forms.MultipleChoiceField(
        label=_("Đề nghị đưa ra Hội đồng"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Không chọn: đưa mọi đề nghị đang chờ ra Hội đồng."),
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, sessions, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["session"].label_from_instance = lambda s: (
            _("Phiên họp ngày %(day)s %(place)s")
            % {
                "day": f"{s.held_on:%d/%m/%Y}",
                "place": f"– {s.place}" if s.place else "",
            }
        )
        self.fields["lines"].choices = [(str(line.pk), str(line)) for line in lines]
