"""The pages: teacher_a submits from her page, the council member scores on the phone page, the panel flags the
earlier paraphrase with its differing words marked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.initiatives.models import Initiative, Score

from . import factories as f

pytestmark = pytest.mark.django_db


def test_teacher_submits_an_initiative_from_her_page(client, world):
    f.council(world)
    client.force_login(world.teacher_a)
    page = client.get(reverse("initiatives:new"))
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.content.decode()
    data = {"title": f.TITLE, "school_year": str(f.year().pk), "field": "Hóa học", "summary": f.SUMMARY, "solution": f.SOLUTION,
            "applied_from": "05/09/2025", "author_1": str(world.person_a.pk), "share_1": "90", "submit_now": "on"}  # fmt: skip
    refused = client.post(reverse("initiatives:new"), data)
    assert refused.status_code == 200 and "phải bằng 100 %" in refused.content.decode() and not Initiative.objects.exists()
    response = client.post(reverse("initiatives:new"), {**data, "share_1": "100"})
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and initiative.status == "submitted"
    mine = client.get(reverse("initiatives:list") + "?mine=1").content.decode()
    assert f.TITLE in mine and "Đã gửi" in mine


def test_the_member_scores_on_the_phone_page(client, world):
    initiative = f.in_review(world)
    client.force_login(f.member_user(world))
    page = client.get(reverse("initiatives:score", kwargs={"pk": initiative.pk})).content.decode()
    assert 'id="score-form"' in page and 'inputmode="decimal"' in page and "Tính mới trong phạm vi đơn vị" in page
    data = {f"points_{k}": str(v) for k, v in f.POINTS.items()}
    assert client.post(reverse("initiatives:score", kwargs={"pk": initiative.pk}), {**data, "points_benefit": "26"}).status_code == 200
    assert not Score.objects.exists()
    assert client.post(reverse("initiatives:score", kwargs={"pk": initiative.pk}), data).status_code == 302
    assert Score.objects.count() == 4
    client.force_login(world.council_a)  # a reader without a seat: no sheet
    assert 'id="score-form"' not in client.get(reverse("initiatives:score", kwargs={"pk": initiative.pk})).content.decode()


def test_the_detail_flags_a_very_close_earlier_initiative_and_hides_authors_in_blind_mode(client, world):
    f.council(world, blind=True)
    earlier = f.recognised(world)
    later = f.in_review(world, **f.PARAPHRASE)
    client.force_login(f.member_user(world))
    page = client.get(reverse("initiatives:detail", kwargs={"pk": later.pk})).content.decode()
    assert "Rất giống" in page and earlier.title in page and "<mark>" in page
    assert "Cần ghi kết luận trước khi công nhận" in page
    assert world.person_a.full_name not in page.split('id="authors"')[1].split("</dd>")[0]
