"""The inbox: a user's own notifications (nobody else's, whatever their role), marking them read, and the
e-mail preference."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core.views import service_form_page

from . import selectors, services
from .forms import MarkReadForm, PreferenceForm
from .models import Notification

PAGE_SIZE = 50


@login_required
def inbox(request):
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(selectors.inbox(user=request.user, unread_only=unread_only), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "unread_only": unread_only,
        "query": "unread=1" if unread_only else "",
        "preference": PreferenceForm(initial={"email_enabled": services.email_enabled_for(request.user)}),
        "has_email": bool((request.user.email or "").strip()),
    }
    return render(request, "notifications/inbox.html", context)


@login_required
def open_notification(request, pk: int):
    """Mark one's own notification read and go to its page (someone else's id is 404)."""
    notification = Notification.objects.filter(pk=pk, recipient=request.user).only("pk", "url", "read_at").first()
    if notification is None:
        raise Http404(_("Không tìm thấy thông báo."))
    if notification.read_at is None:
        services.mark_read(request.user, [notification.pk])
    url = notification.url
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        url = reverse("notifications:inbox")
    return redirect(url)


@login_required
@require_POST
def mark_read(request):
    form = MarkReadForm(request.POST)
    if form.is_valid():
        ids = "all" if form.cleaned_data["all"] else form.cleaned_data["ids"]
        count = services.mark_read(request.user, ids)
        messages.success(request, _("Đã đánh dấu %(n)d thông báo là đã đọc.") % {"n": count})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not back.startswith("/"):
        back = reverse("notifications:inbox")
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferenceForm(
        request.POST if request.method == "POST" else None, initial={"email_enabled": services.email_enabled_for(request.user)}
    )
    return service_form_page(
        request,
        form,
        lambda data: services.preference_set(request.user, email_enabled=data["email_enabled"]),
        title=_("Nhận thông báo qua thư điện tử"),
        success=_("Đã lưu lựa chọn nhận thông báo."),
        next_url=lambda _pref: reverse("notifications:inbox"),
    )
