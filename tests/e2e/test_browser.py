import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo12345")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_officer_finds_a_person_by_typing_without_diacritics_and_opens_their_page(page, live_server, world):
    login(page, live_server, "officer_school_a")
    page.click("nav.mainnav >> text=Cán bộ, giáo viên")
    page.fill("input[name=q]", "nguyen thi hoa")
    # htmx replaces the list as you type: only the match is left.
    expect(page.locator("#people-results tbody tr")).to_have_count(1)
    page.locator("#people-results a", has_text="Nguyễn Thị Hoà").click()
    assert page.locator("h1").inner_text() == "Nguyễn Thị Hoà"
    assert "Trường THCS Yên Tiến" in page.content()


def test_the_interface_is_vietnamese_and_switches_to_english(page, live_server, world):
    login(page, live_server, "officer_school_a")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Đăng xuất" in page.content()
    page.select_option("select[name=language]", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert "Log out" in page.content()


def test_wrong_password_shows_a_vietnamese_message(page, live_server, world):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "officer_school_a")
    page.fill("input[name=password]", "sai-mat-khau")
    page.click("button[type=submit]")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page.content()
