"""The Sở launches a movement with a registration window; school A answers it; teacher_a registers for CSTĐCS with
two commitments from their own page; the principal approves; the teacher's page and the eligibility panel of the
person page show the approved registration."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thidua.movements.models import Movement
from thidua.registrations.models import Registration

from .test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NAME = "Thi đua “Dạy tốt, học tốt” chào mừng ngày Nhà giáo Việt Nam"


def test_a_teacher_registers_and_the_principal_approves(page, live_server, world):
    today = timezone.localdate()
    login(page, live_server, "officer_dept")
    page.goto(f"{live_server.url}/movements/new/")
    page.fill("input[name=launcher_q]", world.dept.name)
    page.select_option("select[name=kind]", "campaign")
    page.fill("input[name=name]", NAME)
    page.fill("input[name=period_start]", f"{today - dt.timedelta(days=30):%d/%m/%Y}")
    page.fill("input[name=period_end]", f"{today + dt.timedelta(days=150):%d/%m/%Y}")
    page.fill("input[name=registration_opens]", f"{today - dt.timedelta(days=1):%d/%m/%Y}")
    page.fill("input[name=registration_closes]", f"{today + dt.timedelta(days=10):%d/%m/%Y}")
    page.check("input[name=target_mode][value=subtree]")
    page.click("button[type=submit]")
    expect(page.locator("body")).to_contain_text("Đã lưu dự thảo phong trào.")
    page.click(".actions >> text=Phát động")
    page.click("button[type=submit]")
    expect(page.locator("body")).to_contain_text("Đã phát động phong trào.")
    movement = Movement.objects.get(name=NAME)

    page.context.clear_cookies()
    login(page, live_server, "officer_school_a")
    waiting = page.locator("#awaiting tr", has_text=NAME)
    waiting.locator("text=Gửi kế hoạch hưởng ứng").click()
    page.fill("textarea[name=text]", "Kế hoạch số 21/KH-THCSYT: 100% cán bộ, giáo viên đăng ký thi đua.")
    page.click("button[type=submit]")
    expect(page.locator("body")).to_contain_text("Đã gửi kế hoạch hưởng ứng.")

    page.context.clear_cookies()
    login(page, live_server, "teacher_a")
    page.goto(f"{live_server.url}/registrations/mine/")
    page.select_option("select[name=movement]", str(movement.pk))
    page.get_by_label("Chiến sĩ thi đua cơ sở", exact=True).check()
    page.fill("textarea[name=free]", "Có 2 tiết dạy tốt mỗi học kỳ\nCó sáng kiến được Hội đồng cấp trường công nhận")
    page.click("#register button[type=submit]")
    expect(page.locator("body")).to_contain_text("Đã gửi đăng ký thi đua")
    expect(page.locator("#my-registrations")).to_contain_text("Chờ duyệt")
    registration = Registration.objects.get(person=world.person_a)
    assert registration.commitments.count() == 2 and not registration.on_behalf
    # The eligibility panel, before the approval (its answer is then kept per data version: decision 0016).
    page.goto(f"{live_server.url}/people/{world.person_a.pk}/")
    panel = page.locator(".eligibility-panel #registration-criterion")
    expect(panel).to_contain_text("Chưa đăng ký thi đua đầu năm học (không bắt buộc).")
    expect(panel).to_contain_text("Đã đăng ký, chờ duyệt: Chiến sĩ thi đua cơ sở")

    page.context.clear_cookies()
    login(page, live_server, "head_a")
    page.goto(f"{live_server.url}/units/{world.school_a.pk}/registrations/?status=submitted")
    page.locator("#registrations tr", has_text=world.person_a.full_name).locator("a").first.click()
    page.click(".actions >> text=Duyệt")
    page.click("button[type=submit]")
    expect(page.locator("#status")).to_contain_text("Đã duyệt")

    page.context.clear_cookies()
    login(page, live_server, "teacher_a")
    page.goto(f"{live_server.url}/registrations/mine/")
    row = page.locator("#my-registrations tr", has_text=NAME)
    expect(row).to_contain_text("Đã duyệt")
    expect(row).to_contain_text("Chiến sĩ thi đua cơ sở")
    page.goto(f"{live_server.url}/people/{world.person_a.pk}/")
    # The approval bumped the data version: the panel shows the engine's registration criterion, no cache cleared.
    panel = page.locator(".eligibility-panel #registration-criterion")
    expect(panel).to_contain_text(
        f"Lao động tiên tiến: Đã đăng ký thi đua: Chiến sĩ thi đua cơ sở, duyệt ngày {timezone.localdate():%d/%m/%Y}."
    )
    expect(panel).to_contain_text("Căn cứ: Thông tư 29/2023/TT-BGDĐT) (văn bản chưa quy định rõ)")
    expect(panel).not_to_contain_text("chờ duyệt")
