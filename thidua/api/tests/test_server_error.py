"""An unexpected exception in an API operation answers the documented error shape, never a traceback."""

from __future__ import annotations

import pytest

from .conftest import ApiClient


class Boom:
    class objects:
        @staticmethod
        def order_by(*args):
            raise RuntimeError("secret internal detail")


@pytest.mark.parametrize("debug", [False, True])
def test_an_exception_in_an_operation_answers_500_with_the_error_shape(world, settings, monkeypatch, debug, caplog):
    settings.DEBUG = debug
    monkeypatch.setattr("thidua.api.routers.years.SchoolYear", Boom)

    response = ApiClient(world.officer_school_a).get("/school-years/", {})

    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == "server_error" and body["field"] is None
    assert response["X-Request-ID"] in body["message"]
    text = response.content.decode()
    assert "Traceback" not in text and "secret internal detail" not in text
    # The traceback is in the log, under the request id.
    assert any(r.exc_info and response["X-Request-ID"] in r.getMessage() for r in caplog.records)
