"""``/api/v1/notifications/``: the caller's own inbox. Nobody reads another's notifications, admins included:
another user's id answers 404."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router

from thidua.core.errors import DomainError
from thidua.notifications import selectors, services
from thidua.notifications.models import Notification

from ..errors import responses
from ..schemas_notifications import MarkedOut, MarkReadIn, NotificationFilters, NotificationPage, PreferenceIn, PreferenceOut, UnreadOut

router = Router(tags=["notifications"])


@router.get("/", response=responses({200: NotificationPage}, 422), summary="Thông báo của tôi (chưa đọc trước)")
def notification_list(request, filters: Query[NotificationFilters]):
    qs = selectors.inbox(user=request.auth, unread_only=filters.unread)
    return {
        "items": list(qs[filters.offset : filters.offset + filters.limit]),
        "count": qs.count(),
        "unread": selectors.unread_count(user=request.auth),
    }


@router.get("/unread-count", response=responses({200: UnreadOut}), summary="Số thông báo chưa đọc")
def notification_unread_count(request):
    return {"unread": selectors.unread_count(user=request.auth)}


@router.post("/read", response=responses({200: MarkedOut}, 403, 422), summary="Đánh dấu đã đọc (một số hoặc tất cả)")
def notification_mark_read(request, data: MarkReadIn):
    if not data.all and not data.ids:
        raise DomainError(_("Hãy chọn thông báo cần đánh dấu, hoặc “all”: true."), code="nothing_to_mark", field="ids")
    return {"marked": services.mark_read(request.auth, "all" if data.all else data.ids)}


@router.post("/{id}/read", response=responses({200: MarkedOut}, 403, 404, 422), summary="Đánh dấu một thông báo đã đọc")
def notification_read(request, id: int):
    if not Notification.objects.filter(pk=id, recipient=request.auth).exists():
        raise Http404(_("Không tìm thấy thông báo."))
    return {"marked": services.mark_read(request.auth, [id])}


def _preference(user) -> dict:
    return {"email_enabled": services.email_enabled_for(user), "has_email": bool((user.email or "").strip())}


@router.get("/preferences", response=responses({200: PreferenceOut}), summary="Lựa chọn nhận thông báo qua thư điện tử")
def notification_preference(request):
    return _preference(request.auth)


@router.put("/preferences", response=responses({200: PreferenceOut}, 403, 422), summary="Bật, tắt thông báo qua thư điện tử")
def notification_preference_set(request, data: PreferenceIn):
    services.preference_set(request.auth, email_enabled=data.email_enabled)
    return _preference(request.auth)
