"""Shapes of ``/api/v1/auth/tokens`` (listing and revoking bearer tokens)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from .schemas import PageParams


class TokenOwnerOut(Schema):
    id: int
    username: str


class ApiTokenOut(Schema):
    id: int
    user: TokenOwnerOut
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None = Field(None, description="Lần dùng gần nhất (ghi lại tối đa 5 phút một lần).")
    current: bool = Field(..., description="Khóa của chính yêu cầu này.")

    @staticmethod
    def resolve_current(obj, context) -> bool:
        request = (context or {}).get("request")
        return obj.pk == getattr(request, "api_token_id", None)


class ApiTokenPage(Schema):
    items: list[ApiTokenOut]
    count: int


class ApiTokenFilters(PageParams):
    user: int | None = Field(None, description="Chỉ khóa của tài khoản này (quản trị hệ thống xem được mọi tài khoản).")
