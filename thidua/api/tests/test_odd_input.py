"""Odd but well-formed requests get a documented 4xx, never a 500: offsets past 64 bits on every paged
list, form bodies sent to JSON operations."""

from __future__ import annotations

import pytest
from django.test import Client

from .conftest import ApiClient


def _paged_operations() -> list[str]:
    schema = Client().get("/api/v1/openapi.json").json()
    return [
        path
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if method == "get" and any(p["name"] == "offset" for p in op.get("parameters", []))
    ]


PAGED = _paged_operations()


def test_the_paged_lists_are_found():
    assert {"/api/v1/people/", "/api/v1/units/", "/api/v1/decisions/", "/api/v1/awards/"} <= set(PAGED)


@pytest.mark.parametrize("path", PAGED)
@pytest.mark.parametrize("offset", ["9223372036854775807", "9223372036854775808", "18446744073709551616", "1" + "0" * 40])
def test_a_huge_offset_is_a_422_with_the_error_shape(world, path, offset):
    path = path.replace("{id}", str(world.school_a.pk))
    response = ApiClient(world.admin).get(path, {"offset": offset})
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "validation_error" and body["field"] == "offset"


@pytest.mark.parametrize("path", PAGED)
def test_the_last_allowed_offset_is_an_empty_page(world, path):
    from ..schemas import MAX_OFFSET

    path = path.replace("{id}", str(world.school_a.pk))
    response = ApiClient(world.admin).get(path, {"offset": MAX_OFFSET, "limit": 200})
    assert response.status_code == 200 and response.json()["items"] == []


def test_a_form_body_sent_to_a_json_operation_is_a_400(world):
    response = ApiClient(world.officer_school_a).client.post(
        "/api/v1/people/", {"unit": world.school_a.pk, "full_name": "Nguyễn Văn A"}
    )  # multipart/form-data with a boundary
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_every_operation_documents_400(world):
    """The input-cleaning middleware may refuse any request with 400, so every operation declares it."""
    schema = Client().get("/api/v1/openapi.json").json()
    missing = [
        (method, path)
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if method in {"get", "post", "put", "patch", "delete"} and "400" not in op["responses"]
    ]
    assert missing == []
