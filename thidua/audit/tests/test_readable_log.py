"""The audit log page reads as Vietnamese: verbs by label, before/after as a list of changed fields."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from thidua.audit.verbs import VERBS, verb_label
from thidua.formats.numbers import number_vi, years_months


def test_every_verb_written_in_the_code_has_a_vietnamese_label():
    root = Path(settings.BASE_DIR) / "thidua"
    used = set()
    for path in root.rglob("*.py"):
        if "tests" not in path.parts:
            used |= set(re.findall(r'verb="([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8")))
    assert used and used <= set(VERBS), sorted(used - set(VERBS))
    assert verb_label("role.assigned") == "Phân quyền"


def test_audit_log_shows_labels_and_changed_fields_not_codes_or_reprs(client, world):
    from thidua.people import services

    services.leave_add(
        actor=world.officer_school_a, person=world.person_a, kind="training", start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 3, 1)
    )
    client.force_login(world.officer_school_a)
    html = client.get(reverse("audit:log")).content.decode()
    # What is on screen: the action filter's option values are codes the browser sends, never shows.
    body = re.sub(r'value="[^"]*"', "", html)
    assert "Ghi thời gian nghỉ" in body and "leave.added" not in body
    assert "01/01/2024" in body and "2024-01-01" not in body and "{&#x27;" not in body and "None" not in body


def test_numbers_and_tenures_read_the_vietnamese_way():
    assert number_vi(1234567) == "1.234.567" and number_vi(10.76) == "10,76" and number_vi(1234.5) == "1.234,5"
    assert years_months(10.76) == "10 năm 9 tháng" and years_months(dt.timedelta(days=3927)) == "10 năm 9 tháng"
    assert years_months(2) == "2 năm" and years_months(0.01) == "0 tháng"


def test_djangos_own_form_messages_read_well_in_vietnamese():
    class F(forms.Form):
        n = forms.IntegerField()
        d = forms.DateField()
        c = forms.ChoiceField(choices=[("a", "A")])
        r = forms.CharField()

    with translation.override("vi"):
        errors = F({"n": "x", "d": "31/02/2025", "c": "z"}).errors
    assert errors["n"] == ["Hãy nhập một số nguyên."]
    assert errors["d"][0].startswith("Hãy nhập ngày hợp lệ")
    assert errors["c"] == ["Hãy chọn một lựa chọn hợp lệ: z không có trong danh sách."]
    assert errors["r"] == ["Hãy điền mục này."]
