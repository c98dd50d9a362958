"""Disclosure pages, the public page (nothing but name, unit and title) and the API."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories_disclosures import disclosure_of_school_a, objection_of_teacher_a
from tests.factories_nominations import line_of_teacher_a
from thidua.api.tests.conftest import ApiClient
from thidua.audit.models import AuditEvent
from thidua.disclosures.models import Disclosure, Remark
from thidua.people.models import Person

pytestmark = pytest.mark.django_db


def test_public_page_shows_name_unit_and_title_only(client, world):
    Person.objects.filter(pk=world.person_a.pk).update(date_of_birth=dt.date(1985, 3, 14), current_position="Tổ trưởng chuyên môn")
    d = disclosure_of_school_a(world)
    objection_of_teacher_a(world)
    response = client.get(reverse("disclosures:public", kwargs={"token": d.token}))
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex"
    html = response.content.decode()
    table = html[html.index('id="public-list"') : html.index("</table>", html.index('id="public-list"'))]
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", table)]
    assert cells == ["1", "Nguyễn Thị Hoà", "Trường THCS Yên Tiến", "Lao động tiên tiến"]
    for secret in ("1985", "14/03", "001185000001", "Tổ trưởng chuyên môn", "phản ánh về hồ sơ", "teacher_a", "officer_school_a"):
        assert secret not in html, secret
    person_ids = {str(world.person_a.pk), str(d.entries.get().line_id), str(d.pk), str(d.round_id)}
    assert not any(re.search(rf"/{i}/", html) for i in person_ids if len(i) > 0)  # no link to a row by id


def test_public_page_refuses_a_wrong_token_a_private_list_and_an_ended_one(client, world):
    d = disclosure_of_school_a(world)
    assert client.get(reverse("disclosures:public", kwargs={"token": "x" * 32})).status_code == 404
    Disclosure.objects.filter(pk=d.pk).update(ends_on=timezone.localdate() - dt.timedelta(days=1))
    assert client.get(reverse("disclosures:public", kwargs={"token": d.token})).status_code == 404


def test_publish_remark_and_answer_through_the_pages(client, world):
    line = line_of_teacher_a(world)
    client.force_login(world.officer_school_a)
    response = client.post(reverse("disclosures:publish", kwargs={"pk": line.round_id}), {"days": "3", "public": "on"})
    d = Disclosure.objects.get()
    assert response.status_code == 302 and d.days == 3 and d.public
    page = client.get(reverse("disclosures:detail", kwargs={"pk": d.pk})).content.decode()
    assert "Nguyễn Thị Hoà" in page and reverse("disclosures:public", kwargs={"token": d.token}) in page
    client.force_login(world.teacher_a)
    entry = d.entries.get()
    assert client.get(reverse("disclosures:detail", kwargs={"pk": d.pk})).status_code == 200
    missing = client.post(reverse("disclosures:remark", kwargs={"pk": d.pk}), {"kind": "objection", "text": "Thiếu minh chứng"})
    assert missing.status_code == 200 and "Hãy chọn đề nghị mà bạn phản ánh." in missing.content.decode()
    client.post(reverse("disclosures:remark", kwargs={"pk": d.pk}), {"kind": "objection", "entry": entry.pk, "text": "Thiếu minh chứng"})
    remark = Remark.objects.get()
    assert client.get(reverse("disclosures:answer", kwargs={"pk": remark.pk})).status_code == 403
    client.force_login(world.officer_school_b)
    assert client.get(reverse("disclosures:detail", kwargs={"pk": d.pk})).status_code == 404
    client.force_login(world.officer_school_a)
    client.post(reverse("disclosures:answer", kwargs={"pk": remark.pk}), {"answer": "Đã bổ sung minh chứng"})
    remark.refresh_from_db()
    assert remark.answer == "Đã bổ sung minh chứng"
    assert list(AuditEvent.objects.filter(verb__startswith="disclosure.").values_list("verb", flat=True).order_by("id")) == [
        "disclosure.published", "disclosure.objected", "disclosure.objection_answered"]  # fmt: skip


def test_api_disclosures(world):
    line = line_of_teacher_a(world)
    officer, teacher = ApiClient(world.officer_school_a), ApiClient(world.teacher_a)
    assert teacher.post("/disclosures/", {"round": line.round_id}).status_code == 404  # a teacher does not open the round
    assert ApiClient(world.council_a).post("/disclosures/", {"round": line.round_id}).status_code == 403
    created = officer.post("/disclosures/", {"round": line.round_id, "days": 4})
    assert created.status_code == 201, created.content
    d = created.json()
    assert d["days"] == 4 and d["running"] and d["unit"]["name"] == "Trường THCS Yên Tiến"
    detail = teacher.get(f"/disclosures/{d['id']}").json()
    (entry,) = detail["entries"]
    assert entry["name"] == "Nguyễn Thị Hoà" and entry["line"] == line.pk
    bad = teacher.post(f"/disclosures/{d['id']}/remarks", {"kind": "objection", "text": "Không đồng ý"})
    assert bad.status_code == 400 and bad.json()["code"] == "line_required"
    made = teacher.post(f"/disclosures/{d['id']}/remarks", {"kind": "objection", "text": "Không đồng ý", "entry": entry["id"]})
    assert made.status_code == 201
    remark = made.json()
    assert teacher.post(f"/disclosures/remarks/{remark['id']}/answer", {"answer": "x"}).status_code == 403
    answered = officer.post(f"/disclosures/remarks/{remark['id']}/answer", {"answer": "Đã xác minh"})
    assert answered.status_code == 200 and answered.json()["answered_at"]
    again = officer.post(f"/disclosures/remarks/{remark['id']}/answer", {"answer": "Lần hai"})
    assert again.status_code == 409 and again.json()["code"] == "already_answered"
    assert ApiClient(world.officer_school_b).get(f"/disclosures/{d['id']}").status_code == 404
    assert ApiClient(world.officer_school_b).get("/disclosures/").json()["count"] == 0
    assert len(officer.get(f"/disclosures/{d['id']}/remarks").json()) == 1
