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


def _main_pages(w) -> list[str]:
    return [
        "/",
        "/people/",
        f"/people/{w.person_a.pk}/",
        "/units/",
        "/units/?on=01/03/2025",
        f"/units/{w.school_a.pk}/",
        "/audit/",
        "/imports/",
        "/imports/new/",
        "/awards/decisions/",
        "/awards/catalogue/",
        "/awards/search/",
        f"/awards/units/{w.school_a.pk}/book/",
        f"/awards/units/{w.school_a.pk}/decisions/new/",
        f"/awards/people/{w.person_a.pk}/",
        f"/eligibility/units/{w.school_a.pk}/",
        "/accounts/tokens/",
        "/api/v1/docs",
        "/admin/",
    ]


def test_main_pages_pass_the_content_security_policy(page, live_server, world):
    login(page, live_server, "admin")
    for path in _main_pages(world):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        assert page.csp_violations() == [], path


def test_expanding_the_unit_tree_loads_a_branch_once_without_inline_script(page, live_server, world):
    login(page, live_server, "officer_dept")
    page.goto(f"{live_server.url}/units/")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if "/children/" in r.url else None)
    button = page.locator("button.expander").first
    button.click()
    # The button stays enabled (it keeps the keyboard focus) and says it is expanded.
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".sub li").first).to_be_visible()
    button.click()  # closing and opening again shows the loaded branch without asking the server again
    expect(page.locator(".sub").first).to_be_hidden()
    button.click()
    expect(page.locator(".sub li").first).to_be_visible()
    assert len(requests) == 1, requests
    assert page.csp_violations() == []
