"""Content-Security-Policy on every response (Django 5.2 has none built in; 6.0 will).

Scripts, styles, fonts and connections come from this site only: no inline ``<script>``, no ``on…=``
handler, no ``style="…"`` attribute, no ``eval``. Page behaviour lives in ``static/js/thidua.js``; see
docs/deployment.md. ``data:`` images are allowed for the blank favicon and Swagger UI's icons.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
HEADER = "; ".join(f"{name} {value}" for name, value in POLICY.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", HEADER)
        return response
