"""Odd bytes never reach the database: NUL (PostgreSQL text cannot hold it), lone surrogates and unparsable
multipart bodies are refused with a 400 — the API's error shape under /api/, a page elsewhere — and
nothing is written. Run on PostgreSQL too: SQLite stores NUL happily, so only there did they turn into 500s."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from thidua.accounts.services import api_token_issue
from thidua.audit.models import AuditEvent
from thidua.people.models import Person

API = "/api/v1"


def _api(user=None) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_issue(user=user)}"} if user else {})


def _assert_api_refusal(response, field=None, code="invalid_characters"):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == code and body["message"]
    assert set(body) >= {"code", "message", "field"}
    assert body["field"] == field


def test_token_route_refuses_a_nul_in_the_password(world):
    response = Client().post(f"{API}/auth/token", {"username": "admin", "password": "x\u0000"}, content_type="application/json")
    _assert_api_refusal(response, field="password")
    assert "NUL" in response.json()["message"]


def test_a_nul_in_the_username_spelled_raw_is_refused_too(world):
    body = b'{"username": "ad\x00min", "password": "x"}'
    _assert_api_refusal(Client().post(f"{API}/auth/token", body, content_type="application/json"))


def test_an_escaped_backslash_u0000_is_text_not_nul(world):
    """``"\\\\u0000"`` in JSON is the six characters \\u0000, which PostgreSQL stores: not refused."""
    response = Client().post(f"{API}/auth/token", '{"username": "admin", "password": "\\\\u0000"}', content_type="application/json")
    assert response.status_code == 401


def test_a_lone_surrogate_in_json_is_refused(world):
    response = Client().post(f"{API}/auth/token", '{"username": "\\ud800", "password": "x"}', content_type="application/json")
    _assert_api_refusal(response, field="username")


def test_api_person_create_with_a_nul_in_the_name_writes_nothing(world):
    api = _api(world.officer_school_a)
    events, people = AuditEvent.objects.count(), Person.objects.count()
    data = {"unit": world.school_a.pk, "full_name": "Nguyễn\u0000 Văn A", "email": "a\u0000@example.edu.vn"}
    response = api.post(f"{API}/people/", json.dumps(data), content_type="application/json")
    _assert_api_refusal(response, field="full_name")
    assert (AuditEvent.objects.count(), Person.objects.count()) == (events, people)


def test_api_query_string_nul_is_refused(world):
    _assert_api_refusal(_api(world.admin).get(f"{API}/people/?q=%00"), field="q")
    _assert_api_refusal(_api(world.admin).get(f"{API}/units/?q=a%00b"), field="q")


def test_api_path_nul_is_refused(world):
    _assert_api_refusal(_api(world.admin).get(f"{API}/people/{world.person_a.pk}/confirmations/2024-2025%00"))


def test_a_nul_in_a_header_is_refused_before_the_token_is_looked_up(world):
    response = Client(headers={"Authorization": "Bearer x\u0000y"}).get(f"{API}/people/")
    _assert_api_refusal(response)


def test_multipart_without_a_boundary_is_a_400_with_the_api_shape(world):
    response = _api(world.officer_school_a).generic("POST", f"{API}/imports/", b"--x\r\n", content_type="multipart/form-data")
    _assert_api_refusal(response, code="bad_request")
    response = _api(world.officer_school_a).generic("POST", f"{API}/people/", b"--x\r\n", content_type="multipart/form-data")
    assert response.status_code == 400 and response.json()["code"] == "bad_request"


def test_html_search_with_a_nul_is_a_400_page(client, world):
    client.force_login(world.officer_school_a)
    response = client.get("/people/?q=%00")
    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.content.decode()
    assert client.get("/units/?q=%00").status_code == 400
    assert client.get("/audit/?q=x%00").status_code == 400


def test_html_form_with_a_nul_writes_nothing(client, world):
    client.force_login(world.officer_school_a)
    events, people = AuditEvent.objects.count(), Person.objects.count()
    response = client.post(f"/people/new/{world.school_a.pk}/", {"full_name": "Trần\u0000 Văn B", "email": "b@example.edu.vn"})
    assert response.status_code == 400
    assert (AuditEvent.objects.count(), Person.objects.count()) == (events, people)


def test_html_multipart_with_a_nul_in_a_field_is_refused(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.officer_school_a)
    response = client.post(
        f"/people/new/{world.school_a.pk}/", {"full_name": "Trần\u0000", "scan": SimpleUploadedFile("a.pdf", b"%PDF-1.4")}
    )
    assert response.status_code == 400
    # Django's multipart parser drops a NUL from a file name by itself; the file name check is a second guard.
    response = client.post(f"/people/new/{world.school_a.pk}/", {"full_name": "Trần", "scan": SimpleUploadedFile("a\u0000.pdf", b"%PDF")})
    assert response.status_code in (200, 400)


def test_html_multipart_without_a_boundary_is_a_400_page(client, world):
    client.force_login(world.officer_school_a)
    response = client.generic("POST", f"/people/new/{world.school_a.pk}/", b"--x\r\n", content_type="multipart/form-data")
    assert response.status_code == 400


def test_file_contents_may_hold_nul_bytes(client, world):
    """Binary files are full of NUL bytes: only text fields and file names are checked."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = _api(world.officer_school_a).post(
        f"{API}/imports/", {"kind": "staff", "unit": world.school_a.pk, "file": SimpleUploadedFile("a.xlsx", b"PK\x03\x04\x00\x00")}
    )
    assert response.status_code != 400 or response.json()["code"] != "invalid_characters"


@pytest.mark.parametrize("path", ["/people/", "/units/", "/audit/", "/awards/decisions/", "/imports/"])
def test_html_page_numbers_past_64_bits_are_not_server_errors(client, world, path):
    client.force_login(world.admin)
    for page in ("9223372036854775807", "99999999999999999999999", "-1", "1e400", "abc"):
        assert client.get(path, {"page": page}).status_code in (200, 302, 404), (path, page)


@pytest.mark.parametrize("value", ["²", "١٢", str(2**70), "-1", "abc"])
def test_odd_numbers_in_a_query_string_are_not_server_errors(client, world, value):
    client.force_login(world.admin)
    url = f"/eligibility/units/{world.school_a.pk}/reasons/"
    assert client.get(url, {"person": value, "title": "LDTT"}).status_code in (200, 404)
    assert client.get(url, {"year": value, "title": "LDTT"}).status_code in (200, 404)
    assert client.get("/people/", {"unit": value}).status_code in (200, 404)
