from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .scope import scope_for


def navigation(request):
    """Menu entries for the signed-in user's roles."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    scope = scope_for(user)
    nav = [("home", _("Tổng quan"))]
    if scope.sees_units:
        nav += [("org:tree", _("Đơn vị")), ("people:list", _("Cán bộ, giáo viên"))]
        nav += [("movements:list", _("Phong trào")), ("awards:decisions", _("Khen thưởng")), ("awards:ledger", _("Sổ theo dõi"))]
        nav.append(("rules:index", _("Xét điều kiện")))
        nav.append(("nominations:rounds", _("Bình xét")))
        nav.append(("years:calendar", _("Lịch làm việc")))
    if user.person_id:
        nav.append(("people:me", _("Hồ sơ của tôi")))
        nav.append(("nominations:mine", _("Đề nghị của tôi")))
    if scope.writes_units:
        nav.append(("imports:list", _("Nhập Excel")))
        nav.append(("audit:log", _("Nhật ký thay đổi")))
    if scope.is_admin:
        nav.append(("admin:index", _("Quản trị")))
    return {"nav": nav, "scope": scope}
