"""API test helpers: a JSON client per persona (bearer token from the real service)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from thidua.accounts.services import api_token_issue
from thidua.years.models import SchoolYear


class ApiClient:
    """Thin JSON wrapper over Django's test client; ``user=None`` is the anonymous visitor."""

    prefix = "/api/v1"

    def __init__(self, user=None):
        headers = {"Authorization": f"Bearer {api_token_issue(user=user)}"} if user is not None else {}
        self.client = Client(headers=headers)

    def _url(self, path: str) -> str:
        return path if path.startswith(self.prefix) else self.prefix + path

    def get(self, path: str, params: dict | None = None):
        return self.client.get(self._url(path), params or {})

    def _send(self, method: str, path: str, body) -> object:
        data = body if isinstance(body, (str, bytes)) else json.dumps(body if body is not None else {})
        return getattr(self.client, method)(self._url(path), data=data, content_type="application/json")

    def post(self, path: str, body=None):
        return self._send("post", path, body)

    def patch(self, path: str, body=None):
        return self._send("patch", path, body)

    def put(self, path: str, body=None):
        return self._send("put", path, body)

    def delete(self, path: str):
        return self.client.delete(self._url(path))


@pytest.fixture
def api_as(world):
    """``api_as(world.officer_school_a)`` -> a client sending that user's bearer token."""
    return ApiClient


@pytest.fixture
def years(db) -> dict[str, SchoolYear]:
    """The school years seeded by the migration (2010-2011 … 2030-2031), by code."""
    return {y.code: y for y in SchoolYear.objects.all()}
