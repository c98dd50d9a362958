"""The one shape of every HTML write page (a form, one service, a redirect) and the error pages.

The error pages (403, 404, 500 and the CSRF failure) speak the user's language, sit inside the site's layout
and offer a way back: the home page and, when the browser came from a page of this site, that page. None of
them shows a traceback; the 500 page quotes the request id under which the traceback is in the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import DisallowedHost
from django.http import HttpResponseForbidden, HttpResponseNotFound, HttpResponseServerError
from django.middleware.csrf import REASON_NO_CSRF_COOKIE, REASON_NO_REFERER
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from .forms import run_service
from .middleware import current_request_id

_log = logging.getLogger(__name__)


def service_form_page(
    request,
    form: forms.Form,
    save: Callable[[dict], Any],
    *,
    title: str,
    success: str,
    next_url: Callable[[Any], str],
    person=None,
    unit=None,
    submit: str | None = None,
    back: tuple[str, str] | None = None,
    intro: str = "",
):
    """``save(cleaned_data)`` calls the service; a refusal shows as a form error and nothing is saved.
    ``back`` (label, url) is the page the form belongs to (crumb and cancel) when it is neither a person nor a
    unit; ``intro`` a sentence shown above the form."""
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: save(form.cleaned_data))
        if result:
            messages.success(request, success)
            return redirect(next_url(result))
    context = {"form": form, "title": title, "person": person, "unit": unit, "submit": submit or _("Lưu"), "back": back, "intro": intro}
    return render(request, "form_page.html", context)


def _back_url(request) -> str:
    """The page the browser came from, when it is a page of this site other than this one; else ""."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:  # a refused Host header: no way back but home
        return ""
    if not referer or not url_has_allowed_host_and_scheme(referer, allowed_hosts={host}, require_https=request.is_secure()):
        return ""
    return "" if referer == request.build_absolute_uri() else referer


@requires_csrf_token
def page_not_found(request, exception=None):
    return HttpResponseNotFound(loader.render_to_string("404.html", {"back_url": _back_url(request)}, request))


@requires_csrf_token
def permission_denied(request, exception=None):
    # The message of a PermissionDenied raised by a view (Vietnamese, gettext) says what was refused.
    message = str(exception or "")
    context = {"back_url": _back_url(request), "message": message}
    return HttpResponseForbidden(loader.render_to_string("403.html", context, request))


def csrf_failure(request, reason: str = ""):
    context = {
        "back_url": _back_url(request),
        "no_cookie": reason == REASON_NO_CSRF_COOKIE,
        "no_referer": reason == REASON_NO_REFERER,
    }
    return HttpResponseForbidden(loader.render_to_string("403_csrf.html", context, request))


def server_error(request):
    """A page that needs neither the database nor the context processors: either may be what failed."""
    try:
        back_url = _back_url(request)
    except Exception:  # the error page must not fail in its turn
        back_url = ""
    try:
        body = loader.render_to_string("500.html", {"back_url": back_url, "request_id": current_request_id()})
    except Exception:
        _log.exception("the 500 page could not be rendered")
        body = "<!doctype html><title>500</title><h1>500</h1>"
    return HttpResponseServerError(body)
