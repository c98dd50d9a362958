"""The Swagger page served from ninja's bundled static files, never from a CDN.

ninja falls back to a CDN template when the ``ninja`` app is not in INSTALLED_APPS; this class always
renders the local template (which needs ``"ninja"`` in INSTALLED_APPS for its template and static files).
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger


class LocalSwagger(Swagger):
    def render_page(self, request: HttpRequest, api, **kwargs) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings, indent=1), "api": api, "add_csrf": False}
        return render(request, self.template, context)
