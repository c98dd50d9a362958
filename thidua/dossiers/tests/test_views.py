"""The receiver's queue (overdue first) and the dossier page (snapshot beside the engine's outcome now, the
council's result, the warning, the ten-year ledger); a return through the pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, grant
from tests.factories_dossiers import dossier_of_school_a
from thidua.dossiers import services
from thidua.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def test_the_queue_lists_overdue_dossiers_first(client, world):
    dossier = dossier_of_school_a(world, submitted=True)
    Dossier.objects.filter(pk=dossier.pk).update(due_on=timezone.localdate() - dt.timedelta(days=2))
    commune = UserFactory(username="officer_commune")
    grant(commune, "officer", world.commune)
    client.force_login(commune)
    body = client.get(reverse("dossiers:queue")).content.decode()
    incoming = body.split('id="incoming"')[1].split("</table>")[0]
    assert "quá hạn</strong>" in incoming and world.school_a.name in incoming
    client.force_login(world.officer_dept)  # the Sở's queue holds what is sent to the Sở; the commune's late dossier is listed
    body = client.get(reverse("dossiers:queue")).content.decode()
    assert world.school_a.name not in body.split('id="incoming"')[1].split("</table>")[0]
    assert reverse("dossiers:detail", kwargs={"pk": dossier.pk}) in body.split('id="overdue"')[1].split("</ul>")[0]
    client.force_login(world.officer_school_a)
    body = client.get(reverse("dossiers:queue")).content.decode()
    assert reverse("dossiers:create", kwargs={"pk": dossier.round_id}) in body  # the sender makes a dossier from its round


def test_the_dossier_page_shows_what_the_receiver_checks(client, world):
    dossier = dossier_of_school_a(world, submitted=True)
    client.force_login(world.officer_dept)
    body = client.get(reverse("dossiers:detail", kwargs={"pk": dossier.pk})).content.decode()
    assert "Đối chiếu tiêu chuẩn khi đề nghị" in body and "Đối chiếu tiêu chuẩn hiện nay" in body
    assert "Hội đồng thông qua" in body  # the council's result
    assert "Quá trình thi đua, khen thưởng 10 năm" in body
    assert "Đề nghị khi chưa đạt tiêu chuẩn." in body or all(not d.line.against_failed for d in dossier.lines.all())
    assert reverse("dossiers:receive", kwargs={"pk": dossier.pk}) in body
    assert reverse("dossiers:recall", kwargs={"pk": dossier.pk}) not in body  # the receiver's side does not recall
    client.force_login(world.officer_school_a)
    body = client.get(reverse("dossiers:detail", kwargs={"pk": dossier.pk})).content.decode()
    assert reverse("dossiers:recall", kwargs={"pk": dossier.pk}) in body
    assert reverse("dossiers:receive", kwargs={"pk": dossier.pk}) not in body


def test_a_line_is_returned_through_the_page_with_its_reason(client, world):
    dossier = dossier_of_school_a(world, submitted=True)
    services.dossier_receive(actor=world.officer_dept, dossier=dossier)
    services.dossier_check(actor=world.officer_dept, dossier=dossier)
    dline = dossier.lines.order_by("id").first()
    client.force_login(world.officer_dept)
    url = reverse("dossiers:line_check", kwargs={"pk": dline.pk})
    refused = client.post(url, {"verdict": "return", "reason": "", "return_field": "minutes"})
    assert refused.status_code == 200 and "Cần ghi lý do trả lại đề nghị." in refused.content.decode()
    done = client.post(url, {"verdict": "return", "reason": "Thiếu biên bản kiểm phiếu", "return_field": "minutes"})
    assert done.status_code == 302
    dline.refresh_from_db()
    assert dline.mark == "returned" and dline.return_field == "minutes"
    client.force_login(world.officer_school_a)
    body = client.get(reverse("dossiers:detail", kwargs={"pk": dossier.pk})).content.decode()
    assert "Thiếu biên bản kiểm phiếu" in body and "Biên bản họp, kết quả kiểm phiếu" in body


def test_the_level_above_follows_the_dossiers_waiting_at_the_units_below(client, world):
    """School A's dossier waits at the commune: the commune's officer has it in their own queue; the Sở's officer (who
    may act there) finds it under the units below; school B's officer sees nothing of it."""
    dossier = dossier_of_school_a(world, submitted=True)
    url, link = reverse("dossiers:queue"), reverse("dossiers:detail", kwargs={"pk": dossier.pk})
    commune_officer = UserFactory(username="officer_commune")
    grant(commune_officer, "officer", world.commune)
    client.force_login(commune_officer)
    page = client.get(url).content.decode()
    assert link in page[page.index('id="incoming"') : page.index("</table>", page.index('id="incoming"'))]
    assert 'id="below"' not in page
    client.force_login(world.officer_dept)
    page = client.get(url).content.decode()
    assert link in page[page.index('id="below"') :] and link not in page[: page.index('id="below"')]
    client.force_login(world.officer_school_b)
    assert link not in client.get(url).content.decode()
