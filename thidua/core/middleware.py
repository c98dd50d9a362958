"""Request id: one id per request, returned in ``X-Request-ID``, logged and stored in audit rows."""

from __future__ import annotations

import json
import logging
import re
import uuid
from contextvars import ContextVar

_request_id: ContextVar[str] = ContextVar("request_id", default="")
_VALID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get() or "-"
        return True


class LanguageMiddleware:
    """Vietnamese unless the user chose another language (the language cookie set by the switcher).

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is ignored: officers in Vietnam often
    run English-language browsers, and the official language of the paperwork is Vietnamese.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


# PostgreSQL text cannot hold NUL, and UTF-8 cannot encode a lone surrogate (JSON's "\ud800"): either one
# reaching the database is a server error, so both are refused at the edge, for every page and the API.
_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")


class BadInput(Exception):
    def __init__(self, message: str, *, code: str, field: str | None = None):
        super().__init__(message)
        self.message, self.code, self.field = message, code, field


def _first_bad_key(pairs) -> str | None:
    """The name of the first (key, value) pair holding a refused character (``""`` for a bad key)."""
    for key, value in pairs:
        if _BAD_CHARS.search(key):
            return ""
        if isinstance(value, str) and _BAD_CHARS.search(value):
            return key
    return None


def _bad_json_path(value, path: str = "") -> str | None:
    """The dotted path of the first string (key or value) in a JSON document holding a refused character."""
    if isinstance(value, str):
        return path if _BAD_CHARS.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{key}" if path else str(key)
            if _BAD_CHARS.search(str(key)):
                return path
            found = _bad_json_path(item, here)
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _bad_json_path(item, f"{path}.{index}" if path else str(index))
            if found is not None:
                return found
    return None


class InputCleaningMiddleware:
    """Refuse what the database cannot store and bodies Django cannot parse, before any view runs.

    Checks the path, the query string, the headers and the body (form fields, multipart fields and file
    names, JSON strings). The API answers 400 with its error shape (``thidua/api/errors.py``); pages answer
    a 400 page. File contents are not looked at (binary files hold NUL bytes by nature).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            self.check(request)
        except BadInput as exc:
            return self.refuse(request, exc)
        return self.get_response(request)

    @staticmethod
    def _nul(field: str | None) -> BadInput:
        from django.utils.translation import gettext as _

        return BadInput(
            _("Dữ liệu gửi lên chứa ký tự không hợp lệ (ký tự NUL hoặc mã Unicode hỏng)."), code="invalid_characters", field=field or None
        )

    def check(self, request) -> None:
        from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
        from django.http.multipartparser import MultiPartParserError
        from django.utils.translation import gettext as _

        if _BAD_CHARS.search(request.path_info):
            raise self._nul(None)
        for key, value in request.META.items():
            if (key.startswith("HTTP_") or key == "CONTENT_TYPE") and isinstance(value, str) and _BAD_CHARS.search(value):
                raise self._nul(None)
        field = _first_bad_key((k, v) for k, values in request.GET.lists() for v in values)
        if field is not None:
            raise self._nul(field)
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return
        try:
            if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
                pairs = [(k, v) for k, values in request.POST.lists() for v in values]
                pairs += [(k, f.name or "") for k, files in request.FILES.lists() for f in files]
                field = _first_bad_key(pairs)
                if field is not None:
                    raise self._nul(field)
                return
            body = request.body
        except MultiPartParserError:
            raise BadInput(_("Nội dung multipart không đọc được (thiếu hoặc sai boundary)."), code="bad_request") from None
        except RequestDataTooBig:
            raise BadInput(_("Nội dung gửi lên quá lớn."), code="request_too_large") from None
        except SuspiciousOperation:
            raise BadInput(_("Nội dung gửi lên không hợp lệ."), code="bad_request") from None
        if b"\x00" in body:
            raise self._nul(None)
        if b"\\u" in body:  # a JSON escape may spell a NUL or a lone surrogate: look at the decoded strings
            try:
                document = json.loads(body)
            except ValueError:
                return  # not JSON: the view answers that
            path = _bad_json_path(document)
            if path is not None:
                raise self._nul(path)

    @staticmethod
    def refuse(request, exc: BadInput):
        from django.http import HttpResponseBadRequest, JsonResponse
        from django.template.loader import render_to_string

        from .errors import error_body

        if request.path_info.startswith("/api/"):
            return JsonResponse(error_body(code=exc.code, message=exc.message, field=exc.field), status=400)
        # A page of its own, without the session: a refused cookie must not reach the session store.
        return HttpResponseBadRequest(render_to_string("core/bad_request.html", {"message": exc.message}))
