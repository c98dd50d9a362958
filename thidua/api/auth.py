"""Bearer-token authentication for the API (tokens come from ``POST /api/v1/auth/token``).

Only bearer tokens are accepted, never the session cookie: a browser session may still be waiting for
its second factor (the middleware lets /api/ through), while a token is issued only after it.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from thidua.accounts.models import User
from thidua.accounts.services import api_token_lookup


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = api_token_lookup(token.strip()) if token else None
        if found is None:
            return None
        request.user = found.user
        request.api_token_id = found.pk  # lets GET /auth/tokens mark the token of this request
        return found.user
