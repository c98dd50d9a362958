"""The review-round pages as each persona sees them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories_nominations import line_of_teacher_a
from thidua.nominations import services
from thidua.nominations.models import NominationLine
from thidua.people.models import AnnualRating
from thidua.years.models import SchoolYear

pytestmark = pytest.mark.django_db


def test_officer_of_sibling_school_can_neither_read_nor_change_school_as_round(client, world):
    line = line_of_teacher_a(world)
    client.force_login(world.officer_school_b)
    for name in ("nominations:round", "nominations:suggestions", "nominations:line_add", "nominations:round_close"):
        assert client.get(reverse(name, kwargs={"pk": line.round_id})).status_code == 404, name
    assert client.post(reverse("nominations:line_withdraw", kwargs={"pk": line.pk}), {"reason": "x"}).status_code == 404
    assert client.get(reverse("nominations:rounds")).content.decode().count(line.round.name) == 0
    line.refresh_from_db()
    assert line.state == "proposed"


def test_a_teacher_sees_only_her_own_line(client, world):
    line = line_of_teacher_a(world)
    other = services.line_add(actor=world.admin, round_=line.round, person=world.colleague_a, kind_code="GK", reason="Bổ sung")
    client.force_login(world.teacher_a)
    mine = client.get(reverse("nominations:mine")).content.decode()
    assert reverse("nominations:line", kwargs={"pk": line.pk}) in mine and reverse("nominations:line", kwargs={"pk": other.pk}) not in mine
    assert client.get(reverse("nominations:line", kwargs={"pk": line.pk})).status_code == 200
    assert client.get(reverse("nominations:line", kwargs={"pk": other.pk})).status_code == 404
    assert client.get(reverse("nominations:round", kwargs={"pk": line.round_id})).status_code == 404
    assert client.get(reverse("nominations:rounds"))["Location"] == reverse("nominations:mine")


def test_the_teacher_comments_from_her_line_page(client, world):
    line = line_of_teacher_a(world)
    client.force_login(world.teacher_a)
    page = client.get(reverse("nominations:line", kwargs={"pk": line.pk})).content.decode()
    assert reverse("nominations:line_comment", kwargs={"pk": line.pk}) in page and "Đã đề xuất" in page
    client.post(reverse("nominations:line_comment", kwargs={"pk": line.pk}), {"text": "Em bổ sung minh chứng"})
    assert "Em bổ sung minh chứng" in client.get(reverse("nominations:line", kwargs={"pk": line.pk})).content.decode()


def test_the_officer_ticks_suggestions_and_the_round_shows_the_warning(client, world):
    line = line_of_teacher_a(world)
    AnnualRating.objects.create(person=world.colleague_a, school_year=SchoolYear.objects.get(code="2025-2026"), rating="not_completed")
    client.force_login(world.officer_school_a)
    page = client.get(reverse("nominations:suggestions", kwargs={"pk": line.round_id})).content.decode()
    assert f'value="p{world.person_a.pk}:LDTT"' not in page  # already proposed
    response = client.post(reverse("nominations:line_add", kwargs={"pk": line.round_id}),
                           {"person": str(world.colleague_a.pk), "kind_code": "LDTT", "reason": "Thành tích đột xuất"})  # fmt: skip
    assert response.status_code == 200 and "cần ghi giải trình" in response.content.decode()
    client.post(reverse("nominations:line_add", kwargs={"pk": line.round_id}),
                {"person": str(world.colleague_a.pk), "kind_code": "LDTT", "reason": "Thành tích đột xuất",
                 "justification": "Nghỉ ốm dài ngày"})  # fmt: skip
    assert NominationLine.objects.filter(person=world.colleague_a, kind_code="LDTT").exists()
    page = client.get(reverse("nominations:round", kwargs={"pk": line.round_id})).content.decode()
    assert "Chưa đạt tiêu chuẩn" in page and "Nghỉ ốm dài ngày" in page and "Chủ tịch UBND xã" in page


def test_the_suggestions_page_proposes_the_ticked_rows(client, world):
    line = line_of_teacher_a(world)
    client.force_login(world.officer_school_a)
    response = client.post(reverse("nominations:suggestions", kwargs={"pk": line.round_id}), {"picks": [f"p{world.colleague_a.pk}:LDTT"]})
    assert response.status_code == 302
    assert NominationLine.objects.get(person=world.colleague_a).source == "suggestion"


def test_the_round_and_line_pages_say_how_sure_a_rule_is_in_words_not_symbols(client, world):
    """The authority table and the basis once showed ✅ (a missing glyph: a box) and ⚠️ ❓ with no explanation."""
    line = line_of_teacher_a(world)
    client.force_login(world.officer_school_a)
    for url in (reverse("nominations:round", kwargs={"pk": line.round_id}), reverse("nominations:line", kwargs={"pk": line.pk})):
        page = client.get(url).content.decode()
        assert not {"✅", "⚠", "❓"} & set(page), url
