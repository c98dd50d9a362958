"""The 403, 404, 500 and CSRF pages: the user's language, the site's layout, a way back, no traceback."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

LAYOUT = 'class="topbar"'
HOME = 'href="/"'


def test_unknown_url_answers_the_vietnamese_404_page_inside_the_layout(client, world):
    client.force_login(world.officer_school_a)

    response = client.get("/no-such-page/")

    body = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in body
    assert LAYOUT in body and 'class="mainnav"' in body  # the signed-in user keeps the menu
    assert HOME in body and "Về trang chủ" in body
    assert "Not Found" not in body


def test_the_404_page_links_back_to_the_page_of_this_site_the_user_came_from(client, db):
    response = client.get("/no-such-page/", HTTP_REFERER="http://testserver/units/?on=01/03/2025")

    assert "Quay lại trang trước" in response.content.decode()
    assert 'href="http://testserver/units/?on=01/03/2025"' in response.content.decode()


def test_the_404_page_offers_no_way_back_to_another_site(client, db):
    response = client.get("/no-such-page/", HTTP_REFERER="https://evil.example/")

    body = response.content.decode()
    assert "evil.example" not in body and "Quay lại trang trước" not in body
    assert HOME in body


def test_the_404_page_is_english_when_the_user_switched_language(client, db):
    client.cookies["django_language"] = "en"

    body = client.get("/no-such-page/").content.decode()

    assert "Page not found" in body and "Back to the home page" in body
    assert "Không tìm thấy trang" not in body


def test_a_refused_page_answers_the_vietnamese_403_page_with_the_reason(client, world):
    client.force_login(world.teacher_a)

    response = client.get(reverse("audit:log"))

    body = response.content.decode()
    assert response.status_code == 403
    assert "Không có quyền truy cập" in body
    assert "Bạn không có quyền xem nhật ký." in body
    assert LAYOUT in body and HOME in body
    assert "Forbidden" not in body


@pytest.mark.urls("thidua.core.tests.urls_errors")
def test_a_failing_view_answers_the_500_page_without_a_traceback(client, world):
    client.force_login(world.officer_school_a)
    client.raise_request_exception = False

    response = client.get("/test-failure/")

    body = response.content.decode()
    assert response.status_code == 500
    assert "Đã có lỗi xảy ra" in body
    assert LAYOUT in body and "css/thidua.css" in body and HOME in body
    assert response["X-Request-ID"] in body  # the id under which the traceback is in the log
    assert "secret internal detail" not in body and "Traceback" not in body and "RuntimeError" not in body


@pytest.mark.urls("thidua.core.tests.urls_errors")
def test_the_500_page_needs_no_database(client, world, django_assert_num_queries):
    client.raise_request_exception = False

    with django_assert_num_queries(0):
        response = client.get("/test-failure/")

    assert response.status_code == 500 and "Đã có lỗi xảy ra" in response.content.decode()


@pytest.mark.urls("thidua.core.tests.urls_errors")
def test_the_500_page_is_english_when_the_user_switched_language(client, db):
    client.raise_request_exception = False
    client.cookies["django_language"] = "en"

    body = client.get("/test-failure/").content.decode()

    assert "Something went wrong" in body and "Đã có lỗi xảy ra" not in body


def test_a_form_posted_without_its_csrf_token_answers_the_vietnamese_page(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})

    body = response.content.decode()
    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in body
    assert "chặn cookie" in body  # no CSRF cookie: the reason is said in plain words
    assert LAYOUT in body and HOME in body
    assert "CSRF verification failed" not in body and "Forbidden" not in body
