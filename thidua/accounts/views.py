from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core.errors import DomainError
from thidua.org.selectors import unit_roots
from thidua.people.selectors import people_list

from . import selectors, services
from .agenda import agenda_for
from .forms import LoginForm, TotpForm
from .middleware import SESSION_KEY
from .permissions import access_api_token
from .scope import scope_for


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def home(request):
    """Greets the person by name and shows what they have to do next (``agenda.agenda_for``)."""
    scope = scope_for(request.user)
    agenda = agenda_for(request.user)
    context = {"agenda": agenda}
    if scope.sees_units:
        context["roots"] = list(unit_roots(actor=request.user)[:20])
        context["people_count"] = agenda.counts.get("people", lambda: people_list(actor=request.user).count())
    return render(request, "home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def totp(request):
    """Second step of login for users with TOTP (or admins when it is required)."""
    user = request.user
    if request.session.get(SESSION_KEY):
        return redirect("home")
    enrolling = not user.totp_enabled
    form = TotpForm(request.POST or None)
    uri = None
    if enrolling and (request.method == "GET" or not user.totp_secret):
        uri = services.totp_begin(user=user)
    if request.method == "POST" and form.is_valid():
        try:
            if enrolling:
                services.totp_enable(user=user, code=form.cleaned_data["code"])
            else:
                services.totp_require(user=user, code=form.cleaned_data["code"])
        except services.AccountLocked as exc:
            # Too many wrong codes: the half-open session ends; logging in again is refused while locked.
            logout(request)
            messages.error(request, exc.message)
            return redirect("accounts:login")
        except DomainError as exc:
            form.add_error("code", exc.message)
        else:
            request.session[SESSION_KEY] = True
            messages.success(request, _("Đã xác thực hai bước."))
            return redirect("home")
    return render(
        request, "accounts/totp.html", {"form": form, "enrolling": enrolling, "uri": uri, "secret": user.totp_secret if enrolling else None}
    )


@login_required
def tokens(request):
    """The live API tokens the user may revoke: their own (a system admin sees everyone's)."""
    scope = scope_for(request.user)
    qs = selectors.api_tokens(actor=request.user)
    return render(request, "accounts/tokens.html", {"tokens": qs[:500], "count": qs.count(), "all_users": scope.is_admin})


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = access_api_token(request.user, pk)
    try:
        services.api_token_revoke(actor=request.user, token=token)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thu hồi khóa truy cập."))
    return redirect("accounts:tokens")
