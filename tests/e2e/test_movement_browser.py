"""The Sở's officer launches a movement to the Sở's subtree; school A's officer finds it waiting on the home page
and answers with a plan; the launcher's tracker shows school A as responded."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thidua.movements.models import Movement

from .test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NAME = "Thi đua lập thành tích chào mừng ngày Nhà giáo Việt Nam"


def test_a_movement_launched_by_the_department_is_answered_by_school_a(page, live_server, world):
    today = timezone.localdate()
    login(page, live_server, "officer_dept")
    page.click("nav.mainnav >> text=Phong trào")
    page.click("text=Soạn phong trào mới")
    page.fill("input[name=launcher_q]", world.dept.name)
    page.select_option("select[name=kind]", "campaign")
    page.fill("input[name=name]", NAME)
    page.fill("input[name=period_start]", f"{today - dt.timedelta(days=30):%d/%m/%Y}")
    page.fill("input[name=period_end]", f"{today + dt.timedelta(days=150):%d/%m/%Y}")
    page.check("input[name=target_mode][value=subtree]")
    page.click("button[type=submit]")

    expect(page.locator("h1")).to_contain_text(NAME)
    expect(page.locator("body")).to_contain_text("Đã lưu dự thảo phong trào.")
    page.click(".actions >> text=Phát động")
    page.click("button[type=submit]")
    expect(page.locator("body")).to_contain_text("Đã phát động phong trào.")
    movement = Movement.objects.get(name=NAME)
    assert movement.status == "launched" and movement.launcher == world.dept

    page.context.clear_cookies()
    login(page, live_server, "officer_school_a")
    waiting = page.locator("#awaiting tr", has_text=NAME)
    expect(waiting).to_contain_text(world.school_a.name)
    waiting.locator("text=Gửi kế hoạch hưởng ứng").click()
    page.fill("textarea[name=text]", "Kế hoạch số 20/KH-THCSYT: mỗi tổ chuyên môn tổ chức một chuyên đề.")
    page.click("button[type=submit]")
    expect(page.locator("body")).to_contain_text("Đã gửi kế hoạch hưởng ứng.")

    page.context.clear_cookies()
    login(page, live_server, "officer_dept")
    page.goto(f"{live_server.url}/movements/{movement.pk}/")
    row = page.locator("#responses tr", has_text=world.school_a.name)
    expect(row).to_contain_text("Đã gửi kế hoạch")
    expect(page.locator("#responses tr", has_text=world.school_b.name)).to_contain_text("Chờ hưởng ứng")
