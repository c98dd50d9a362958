"""One error shape for every API failure, and the exception handlers that produce it.

``{"code": str, "message": str, "field": str | null, "errors": [...]}``: ``code`` is what clients switch
on, ``message`` is Vietnamese text for people, ``field`` names the offending input when there is one.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, RawPostDataException
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from thidua.core.errors import DomainError, error_body
from thidua.core.middleware import current_request_id

_log = logging.getLogger("thidua.api")

# Where a parameter came from is ninja's business; clients only need the field's own path.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
_BODY_PARAM = "data"  # every endpoint names its body parameter ``data``


def _messages() -> dict[str, str]:
    """Vietnamese text per pydantic error type (computed per request so the active language applies)."""
    return {
        "missing": _("Trường này là bắt buộc."),
        "date_parsing": _("Ngày không hợp lệ (định dạng YYYY-MM-DD)."),
        "date_from_datetime_parsing": _("Ngày không hợp lệ (định dạng YYYY-MM-DD)."),
        "date_from_datetime_inexact": _("Ngày không hợp lệ (định dạng YYYY-MM-DD)."),
        "date_type": _("Ngày không hợp lệ (định dạng YYYY-MM-DD)."),
        "int_parsing": _("Phải là số nguyên."),
        "int_type": _("Phải là số nguyên."),
        "int_from_float": _("Phải là số nguyên."),
        "bool_parsing": _("Phải là true hoặc false."),
        "bool_type": _("Phải là true hoặc false."),
        "string_type": _("Phải là chuỗi ký tự."),
        "string_too_long": _("Quá dài."),
        "string_too_short": _("Quá ngắn."),
        "greater_than_equal": _("Giá trị quá nhỏ."),
        "less_than_equal": _("Giá trị quá lớn."),
        "literal_error": _("Giá trị không nằm trong danh sách cho phép."),
        "enum": _("Giá trị không nằm trong danh sách cho phép."),
        "list_type": _("Phải là một danh sách."),
        "extra_forbidden": _("Trường này không được chấp nhận."),
        "model_attributes_type": _("Phải là một đối tượng JSON."),
        "dict_type": _("Phải là một đối tượng JSON."),
        "json_invalid": _("Nội dung JSON không hợp lệ."),
    }


def _field(loc: list[Any] | tuple[Any, ...]) -> str:
    parts = list(loc)
    if parts and parts[0] in _SOURCES:
        source = parts.pop(0)
        if source == "body" and parts and parts[0] == _BODY_PARAM:
            parts.pop(0)
    return ".".join(str(p) for p in parts)


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api`` (more specific classes win: ninja walks the exception's MRO)."""

    def respond(request: HttpRequest, status: int, **body) -> HttpResponse:
        return api.create_response(request, error_body(**body), status=status)

    def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return respond(request, exc.status, code=exc.code, message=exc.message, field=exc.field)

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, code="not_found", message=str(exc) or _("Không tìm thấy."))

    def on_forbidden(request: HttpRequest, exc: DjangoPermissionDenied) -> HttpResponse:
        return respond(request, 403, code="forbidden", message=str(exc) or _("Bạn không có quyền thực hiện thao tác này."))

    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = respond(request, 401, code="not_authenticated", message=_("Cần đăng nhập: gửi tiêu đề “Authorization: Bearer <token>”."))
        response["WWW-Authenticate"] = "Bearer"
        return response

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = {400: "bad_request", 403: "forbidden", 404: "not_found", 429: "too_many_requests"}.get(exc.status_code, "error")
        message = _("Nội dung yêu cầu không đọc được (JSON không hợp lệ).") if exc.status_code == 400 else str(exc)
        return respond(request, exc.status_code, code=code, message=message)

    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        messages = _messages()
        errors = [
            {
                "field": _field(err.get("loc", ())),
                "code": err.get("type", "invalid"),
                "message": messages.get(err.get("type", ""), _("Giá trị không hợp lệ.")),
            }
            for err in exc.errors
        ]
        first = errors[0] if errors else {"field": None, "message": _("Dữ liệu không hợp lệ.")}
        return respond(request, 422, code="validation_error", message=first["message"], field=first["field"] or None, errors=errors)

    def on_unreadable_body(request: HttpRequest, exc: RawPostDataException) -> HttpResponse:
        # A form (multipart) body sent to an operation that reads JSON: the middleware parsed it as a form.
        return respond(request, 400, code="bad_request", message=_("Nội dung yêu cầu phải là JSON (Content-Type: application/json)."))

    def on_integrity_error(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
        # Services check the rules first; this only answers a race two requests lost at the database.
        return respond(request, 409, code="conflict", message=_("Dữ liệu vừa bị thay đổi đồng thời; hãy thử lại."))

    api.add_exception_handler(DomainError, on_domain_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(DjangoPermissionDenied, on_forbidden)
    api.add_exception_handler(AuthenticationError, on_unauthenticated)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(IntegrityError, on_integrity_error)
    api.add_exception_handler(RawPostDataException, on_unreadable_body)


def responses(ok: dict[int, Any], *errors: int) -> dict[int, Any]:
    """``response=`` for an operation: its success shapes plus every error status it can answer.

    401 is always possible (every route but the token route needs a bearer token), and so is 400: the
    input-cleaning middleware (``thidua.core.middleware``) refuses NUL bytes in the path, the query string,
    the headers or the body of any request, and bodies that cannot be parsed.
    """
    from .schemas import ErrorOut

    out: dict[int, Any] = dict(ok)
    for status in sorted({400, 401, *errors}):
        out[status] = ErrorOut
    return out


def install_server_error(api: NinjaAPI) -> None:
    """Any exception no other handler knows: the documented error shape with status 500, never a traceback.

    ninja would re-raise it (Django's HTML 500 page) with DEBUG off and answer the traceback as text with
    DEBUG on; both are wrong for API clients. The traceback goes to the log with the request id, which
    the message gives the user to quote.
    """

    def on_server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        request_id = current_request_id()
        _log.error("API %s %s failed [%s]", request.method, request.path, request_id, exc_info=exc)
        message = _("Lỗi máy chủ; vui lòng thử lại sau hoặc báo quản trị hệ thống (mã yêu cầu %(id)s).") % {"id": request_id or "-"}
        return api.create_response(request, error_body(code="server_error", message=message), status=500)

    api.add_exception_handler(Exception, on_server_error)
