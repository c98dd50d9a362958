"""Text stored in the audit log is in the language of record (Vietnamese), whatever the writer's interface
language; the log shows Vietnamese labels. Fact keys never reach the stored text."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import translation

from thidua.audit.models import AuditEvent
from thidua.people import services
from thidua.rules.models import fact_label
from thidua.rules.services import confirmations_set
from thidua.years.models import SchoolYear


def _leave(world, language: str, start: dt.date) -> AuditEvent:
    with translation.override(language):
        services.leave_add(actor=world.officer_school_a, person=world.person_a, kind="training", start_date=start,
                           end_date=start + dt.timedelta(days=59))  # fmt: skip
    return AuditEvent.objects.filter(verb="leave.added").latest("id")


def test_a_write_with_english_active_stores_the_same_text_as_with_vietnamese(world):
    english = _leave(world, "en", dt.date(2024, 1, 1))
    vietnamese = _leave(world, "vi", dt.date(2024, 1, 1) + dt.timedelta(days=400))
    assert english.target_repr == "Nguyễn Thị Hoà: Đi học, bồi dưỡng dài hạn (01/01/2024–29/02/2024)"
    assert vietnamese.target_repr == "Nguyễn Thị Hoà: Đi học, bồi dưỡng dài hạn (04/02/2025–04/04/2025)"
    assert "training" not in english.target_repr.lower()


def test_a_confirmation_is_stored_by_the_criterions_words_not_its_fact_key(world):
    year = SchoolYear.objects.get(code="2024-2025")
    with translation.override("en"):
        confirmations_set(actor=world.officer_school_a, person=world.person_a, school_year=year,
                          values={"ldtt_qualities": True}, basis="Biên bản họp hội đồng")  # fmt: skip
    text = AuditEvent.objects.get(verb="eligibility.confirmed").target_repr
    assert "ldtt_qualities" not in text
    assert text == f"Nguyễn Thị Hoà 2024-2025: {fact_label('ldtt_qualities')} – đạt"[:255]
    assert fact_label("ldtt_qualities") != "ldtt_qualities"


def test_the_log_shows_vietnamese_labels_for_an_english_writers_change(client, world):
    _leave(world, "en", dt.date(2024, 1, 1))
    client.force_login(world.officer_school_a)
    with translation.override("vi"):
        body = client.get(reverse("audit:log"), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Ghi thời gian nghỉ" in body and "Đi học, bồi dưỡng dài hạn" in body
    assert "Long-term study" not in body and "leave.added" not in body.replace('value="leave.added"', "")
