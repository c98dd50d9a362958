"""The header of every page: its menu and its fixed links, computed once per request (issue 12).

``base.html`` used to reverse a dozen URL names per page (``{% url %}`` in the menu loop) and the context
processor ran again for every template rendered with the request. Now the paths of the menu and header are
reversed once per process (they do not depend on the request), the menu is built once per request as escaped
HTML and kept on the request, and the template prints it."""

from __future__ import annotations

from django.urls import get_script_prefix, reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .scope import scope_for

HEADER_LINKS = ("home", "notifications:inbox", "accounts:tokens", "accounts:logout", "set_language")
CURRENT = mark_safe(' aria-current="page"')  # a constant
_paths: dict[tuple[str, str], str] = {}


def path_of(name: str) -> str:
    """``reverse(name)`` of an argument-free route, once per process and script prefix."""
    key = (get_script_prefix(), name)
    path = _paths.get(key)
    if path is None:
        path = _paths[key] = reverse(name)
    return path


def menu(user) -> list[tuple[str, object]]:
    """(route name, label) of the menu entries for the user's roles."""
    scope = scope_for(user)
    nav = [("home", _("Tổng quan"))]
    if scope.sees_units:
        nav += [("org:tree", _("Đơn vị")), ("people:list", _("Cán bộ, giáo viên"))]
        nav += [
            ("movements:list", _("Phong trào")),
            ("org:clusters", _("Cụm, khối")),
            ("awards:decisions", _("Khen thưởng")),
            ("awards:ledger", _("Sổ theo dõi")),
        ]
        nav.append(("rules:index", _("Xét điều kiện")))
        nav.append(("nominations:rounds", _("Bình xét")))
        nav.append(("dossiers:queue", _("Hồ sơ đề nghị")))
        nav.append(("initiatives:list", _("Sáng kiến")))
        nav.append(("years:calendar", _("Lịch làm việc")))
    if user.person_id:
        nav.append(("people:me", _("Hồ sơ của tôi")))
        nav.append(("registrations:mine", _("Đăng ký thi đua")))
        nav.append(("nominations:mine", _("Đề nghị của tôi")))
        if not scope.sees_units:
            nav.append(("initiatives:list", _("Sáng kiến")))
    if scope.writes_units:
        nav.append(("imports:list", _("Nhập Excel")))
        nav.append(("audit:log", _("Nhật ký thay đổi")))
    if scope.is_admin:
        nav.append(("admin:index", _("Quản trị")))
    return nav


def _menu_html(request, nav) -> SafeString:
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match is not None else ""
    return format_html_join(
        "",
        '<a href="{}"{}>{}</a>',
        ((path_of(name), CURRENT if name == current else "", label) for name, label in nav),
    )


def _header() -> dict[str, str]:
    """The header's paths by route name, ``:`` written ``_`` (``header.accounts_logout``)."""
    return {name.replace(":", "_"): path_of(name) for name in HEADER_LINKS}


def navigation(request):
    """The menu (``nav``: route names and labels; ``nav_html``: the links), the header's paths (``header``) and
    the scope, once per request and language."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": [], "header": _header()}
    language = get_language()
    cached = getattr(request, "_thidua_navigation", None)
    if cached is not None and cached[0] == language:
        return cached[1]
    nav = menu(user)
    context = {
        "nav": nav,
        "nav_html": _menu_html(request, nav),
        "header": _header(),
        "scope": scope_for(user),
    }
    request._thidua_navigation = (language, context)
    return context
