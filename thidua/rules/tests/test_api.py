"""``POST /api/v1/eligibility/evaluate`` gives the CLI's answers (needs the database for the token only)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from thidua.api.tests.conftest import ApiClient
from thidua.rules.engine.jsonio import evaluate_document

from .test_jsonio import EXAMPLES

URL = "/api/v1/eligibility/evaluate"


@pytest.fixture
def client(world):
    return ApiClient(world.teacher_a)


def test_api_gives_the_same_answers_as_the_cli(client):
    data = json.loads((EXAMPLES / "school-2024-2025.json").read_text(encoding="utf-8"))

    response = client.post(URL, data)

    assert response.status_code == 200, response.content
    assert response.json() == json.loads(json.dumps(evaluate_document(data), ensure_ascii=False))


def test_api_reports_the_exact_path_with_422(client):
    data = json.loads((EXAMPLES / "invalid.json").read_text(encoding="utf-8"))

    response = client.post(URL, data)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_document"
    assert body["field"] == "evaluation_date"
    assert "persons[0].history[0].rating" in [e["field"] for e in body["errors"]]


def test_api_refuses_a_non_object_body_with_422(client):
    assert client.post(URL, [1, 2]).status_code == 422


def test_api_answers_400_on_unparsable_json(client):
    assert client.post(URL, '{"evaluation_date": ').status_code == 400


def test_anonymous_caller_gets_401(db):
    response = Client().post(URL, data="{}", content_type="application/json")
    assert response.status_code == 401
