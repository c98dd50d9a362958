"""Forms of the movement pages: parse and validate input only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.forms import SchoolYearField
from thidua.awards.models import AwardKind
from thidua.core.forms import DateField
from thidua.core.pickers import UnitPickerField

from .models import MilestoneKind, Movement, MovementKind, Subjects, ThematicField
from .selectors import movements_visible

TARGET_FIELDS = ("target_1", "target_2", "target_3", "target_4", "target_5")
FIGURE_ROWS = 4


class TargetMode:
    SUBTREE = "subtree"
    UNITS = "units"
    CHOICES = [(SUBTREE, _("Toàn bộ đơn vị trực thuộc")), (UNITS, _("Các đơn vị được chọn"))]


def _open_movements(actor):
    return movements_visible(actor=actor).filter(status__in=[Movement.Status.LAUNCHED, Movement.Status.REVIEWING])


class MovementChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} – {obj.launcher.name}"


class MovementForm(forms.Form):
    launcher = UnitPickerField(label=_("Đơn vị phát động"), write=True)
    kind = forms.ChoiceField(label=_("Loại phong trào"), choices=MovementKind.choices)
    field = forms.ChoiceField(label=_("Lĩnh vực (phong trào chuyên đề)"), choices=[("", "—"), *ThematicField.choices], required=False)
    name = forms.CharField(label=_("Tên phong trào"), max_length=300)
    slogan = forms.CharField(label=_("Khẩu hiệu"), max_length=300, required=False)
    parent = MovementChoice(label=_("Hưởng ứng phong trào của cấp trên"), queryset=Movement.objects.none(), required=False,
                            empty_label=_("Không"))  # fmt: skip
    school_year = SchoolYearField(required=False, help_text=_("Bắt buộc với phong trào thường xuyên."))
    period_start = DateField(label=_("Thời gian thi đua từ ngày"), required=False, help_text=_("Để trống: theo năm học."))
    period_end = DateField(label=_("đến ngày"), required=False)
    goals = forms.CharField(label=_("Mục đích, yêu cầu"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    content = forms.CharField(label=_("Nội dung thi đua"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    criteria = forms.CharField(label=_("Tiêu chí thi đua"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    subjects = forms.ChoiceField(label=_("Đối tượng thi đua"), choices=Subjects.choices)
    registration_opens = DateField(label=_("Mở đăng ký thi đua"), required=False)
    registration_closes = DateField(label=_("Hạn đăng ký thi đua"), required=False)
    phase_review_on = DateField(label=_("Ngày sơ kết"), required=False)
    final_review_on = DateField(label=_("Ngày tổng kết"), required=False)
    response_days = forms.IntegerField(label=_("Thời hạn hưởng ứng (ngày làm việc)"), min_value=1, max_value=120, initial=10)
    report_days = forms.IntegerField(label=_("Thời hạn gửi báo cáo sơ kết, tổng kết (ngày làm việc)"), min_value=1, max_value=60, initial=5)
    planned_awards = forms.ModelMultipleChoiceField(
        label=_("Hình thức khen thưởng dự kiến"), queryset=AwardKind.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    target_mode = forms.ChoiceField(
        label=_("Phát động đến"), choices=TargetMode.CHOICES, initial=TargetMode.SUBTREE, widget=forms.RadioSelect
    )
    target_1 = UnitPickerField(label=_("Đơn vị được chọn"), required=False)
    target_2 = UnitPickerField(label=_("Đơn vị được chọn"), required=False)
    target_3 = UnitPickerField(label=_("Đơn vị được chọn"), required=False)
    target_4 = UnitPickerField(label=_("Đơn vị được chọn"), required=False)
    target_5 = UnitPickerField(label=_("Đơn vị được chọn"), required=False)
    plan_document = forms.FileField(label=_("Kế hoạch phát động (PDF, DOCX)"), required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        for name in ("launcher", *TARGET_FIELDS):
            self.fields[name].actor = actor
        self.fields["parent"].queryset = _open_movements(actor)
        self.fields["planned_awards"].queryset = AwardKind.objects.filter(is_current=True, regime__effective_to__isnull=True).order_by(
            "subject", "rank"
        )

    def clean(self):
        data = super().clean()
        units = [data.get(name) for name in TARGET_FIELDS if data.get(name)]
        if data.get("target_mode") == TargetMode.UNITS and not units and not any(n in self.errors for n in TARGET_FIELDS):
            self.add_error("target_1", _("Chọn ít nhất một đơn vị."))
        data["target_units"] = list(dict.fromkeys(units))
        return data


class MovementEditForm(MovementForm):
    """The creation form, filled in from a draft: its launcher and kind stay as created."""

    CHANGES = ("name", "slogan", "parent", "field", "school_year", "period_start", "period_end", "goals", "content", "criteria",
               "subjects", "registration_opens", "registration_closes", "phase_review_on", "final_review_on", "response_days",
               "report_days")  # fmt: skip

    def __init__(self, *args, actor, movement: Movement, **kwargs):
        targets = list(movement.targets.select_related("unit"))
        chosen = [t.unit for t in targets if not (t.include_subtree and t.unit_id == movement.launcher_id)]
        initial = {name: getattr(movement, name) for name in self.CHANGES}
        initial["planned_awards"] = list(movement.planned_awards.all())
        initial["target_mode"] = TargetMode.UNITS if chosen else TargetMode.SUBTREE
        initial.update(zip(TARGET_FIELDS, chosen, strict=False))
        super().__init__(*args, actor=actor, initial=initial, **kwargs)
        del self.fields["launcher"], self.fields["kind"]
        self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=movement.pk)


class ConfirmForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class LaunchForm(ConfirmForm):
    launched_on = DateField(label=_("Ngày phát động"), required=False, help_text=_("Để trống: hôm nay."))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class ResponseForm(forms.Form):
    text = forms.CharField(label=_("Nội dung kế hoạch hưởng ứng"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    attachment = forms.FileField(label=_("Tệp kế hoạch (PDF, DOCX)"), required=False)
    child_movement = MovementChoice(
        label=_("hoặc phong trào đơn vị đã phát động để hưởng ứng"),
        queryset=Movement.objects.none(),
        required=False,
        empty_label=_("Không"),
    )
    on = DateField(label=_("Ngày ban hành kế hoạch"), required=False, help_text=_("Để trống: hôm nay."))

    def __init__(self, *args, response, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child_movement"].queryset = Movement.objects.filter(parent=response.movement, launcher=response.unit).select_related(
            "launcher"
        )


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Báo cáo"), choices=MilestoneKind.choices)
    text = forms.CharField(label=_("Nội dung báo cáo"), widget=forms.Textarea(attrs={"rows": 6}))
    attachment = forms.FileField(label=_("Tệp báo cáo (PDF, DOCX)"), required=False)
    on = DateField(label=_("Ngày báo cáo"), required=False, help_text=_("Để trống: hôm nay."))

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        for i in range(1, FIGURE_ROWS + 1):
            self.fields[f"figure_{i}_label"] = forms.CharField(label=_("Số liệu %(n)d: tên") % {"n": i}, max_length=200, required=False)
            self.fields[f"figure_{i}_value"] = forms.CharField(label=_("giá trị"), max_length=100, required=False)

    def figures(self) -> list[tuple[str, str]]:
        d = self.cleaned_data
        return [(d.get(f"figure_{i}_label", ""), d.get(f"figure_{i}_value", "")) for i in range(1, FIGURE_ROWS + 1)]


class MovementFilterForm(forms.Form):
    school_year = SchoolYearField(required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=[("", _("Tất cả")), *MovementKind.choices], required=False)
    status = forms.ChoiceField(label=_("Trạng thái"), choices=[("", _("Tất cả")), *Movement.Status.choices], required=False)
    q = forms.CharField(label=_("Tên phong trào"), max_length=100, required=False)
