"""An officer confirms a qualitative criterion in the browser, and the record shows it."""

import pytest
from playwright.sync_api import expect

from thidua.rules.models import Confirmation

from .test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_confirms_a_criterion_from_the_persons_page(page, live_server, world):
    login(page, live_server, "officer_school_a")
    page.goto(f"{live_server.url}/people/{world.person_a.pk}/")
    page.click("text=Xác nhận các tiêu chí cần cán bộ, hội đồng đánh giá")

    page.select_option("select[name=fact_ldtt_qualities]", "yes")
    page.click("button[type=submit]")  # without a basis: refused, nothing saved
    expect(page.locator(".error")).to_contain_text("Nhập căn cứ xác nhận")
    assert not Confirmation.objects.exists()

    page.fill("input[name=basis]", "Biên bản họp Hội đồng TĐKT số 05/BB")
    page.click("button[type=submit]")

    expect(page.locator("h1")).to_have_text("Nguyễn Thị Hoà")
    expect(page.locator("body")).to_contain_text("Đã lưu xác nhận.")
    row = Confirmation.objects.get()
    assert (row.person_id, row.fact, row.value, row.basis) == (
        world.person_a.pk,
        "ldtt_qualities",
        True,
        "Biên bản họp Hội đồng TĐKT số 05/BB",
    )


def test_the_reasons_open_in_a_row_right_below_the_persons_row(page, live_server, world):
    login(page, live_server, "officer_school_a")
    page.goto(f"{live_server.url}/eligibility/units/{world.school_a.pk}/?year=2024")

    person_row = page.locator("table.eligibility tbody tr", has=page.locator(f"a[href='/people/{world.person_a.pk}/']"))
    person_row.locator("a.badge").first.click()

    below = page.locator(f"#why-{world.person_a.pk}")
    expect(below).to_be_visible()
    expect(below).to_contain_text("Căn cứ")
    assert below.evaluate("row => row.previousElementSibling.querySelector('a').textContent") == "Nguyễn Thị Hoà"
