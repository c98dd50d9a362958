"""Domain errors raised by services and turned into form errors (UI) or 4xx JSON (API)."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule of the domain refused the change; nothing was saved.

    ``code`` is machine-readable (API clients switch on it), ``message`` is the Vietnamese text shown
    to the user, ``field`` names the offending input when there is one.
    """

    status = 400

    def __init__(self, message: str, *, code: str, field: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.code = code
        self.field = field


def error_body(code: str, message: str, field: str | None = None, errors: list[dict] | None = None) -> dict[str, Any]:
    """The one JSON shape of a refused API request (``thidua/api/errors.py``; the input guard of ``core.middleware``)."""
    body: dict[str, Any] = {"code": code, "message": message, "field": field}
    if errors is not None:
        body["errors"] = errors
    return body


class Conflict(DomainError):
    status = 409


class PermissionDenied(DomainError):
    status = 403
