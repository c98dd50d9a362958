"""Second factor: a user with TOTP enabled (or an admin when THIDUA_ADMIN_2FA is on) must pass it."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "thidua_2fa_ok"


def needs_second_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.totp_enabled:
        return True
    if settings.THIDUA_ADMIN_2FA:
        from .scope import scope_for

        return scope_for(user).is_admin
    return False


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.session.get(SESSION_KEY) and needs_second_factor(user):
            allowed = {reverse("accounts:totp"), reverse("accounts:logout"), reverse("set_language")}
            if request.path not in allowed and not request.path.startswith(("/static/", "/api/")):
                return redirect("accounts:totp")
        return self.get_response(request)
