"""``POST /api/v1/auth/token``: exchange a password (and second factor) for a bearer token."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from ninja import Router

from thidua.accounts.scope import scope_for
from thidua.accounts.services import api_token_issue, totp_require
from thidua.core.errors import DomainError, PermissionDenied

from ..errors import responses
from ..schemas import TokenIn, TokenOut

router = Router(tags=["auth"])


class NotAuthenticated(DomainError):
    status = 401


@router.post("/token", auth=None, response=responses({200: TokenOut}, 400, 403, 422), summary="Lấy khóa truy cập (bearer token)")
def token_issue(request, data: TokenIn):
    user = authenticate(request, username=data.username, password=data.password)
    if user is None:
        if getattr(request, "thidua_locked", False):
            raise NotAuthenticated(_("Tài khoản đang tạm khóa do đăng nhập sai nhiều lần; hãy thử lại sau."), code="account_locked")
        raise NotAuthenticated(_("Tên đăng nhập hoặc mật khẩu không đúng."), code="invalid_credentials")
    if user.totp_enabled:
        if not data.totp:
            raise NotAuthenticated(_("Tài khoản đã bật xác thực hai bước: cần gửi mã “totp”."), code="totp_required", field="totp")
        try:
            totp_require(user=user, code=data.totp, field="totp")  # counted like a password, accepted once
        except DomainError as exc:
            raise NotAuthenticated(exc.message, code=exc.code, field="totp") from None
    elif settings.THIDUA_ADMIN_2FA and scope_for(user).is_admin:
        raise PermissionDenied(
            _("Quản trị hệ thống phải bật xác thực hai bước trước khi dùng API."), code="totp_enrolment_required", field="totp"
        )
    return {"token": api_token_issue(user=user)}
