"""Disclosure pages: the scoped list, publishing a round's list, a disclosure's page (its lines, the remarks the
reader may see, the answer links for the unit's officers), a remark, an answer, and the public page (no login:
name, unit and title only). Views parse, check access and call one service or selector."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.accounts.scope import scope_for
from thidua.core.views import service_form_page
from thidua.nominations.permissions import access_round

from . import selectors, services
from .forms import AnswerForm, PublishForm, RemarkForm
from .permissions import access_disclosure, access_remark


def _posted(request):
    return request.POST if request.method == "POST" else None


def _to(disclosure_id: int) -> str:
    return reverse("disclosures:detail", kwargs={"pk": disclosure_id})


@login_required
def disclosure_list(request):
    disclosures = list(selectors.disclosure_list(actor=request.user)[:200])
    return render(request, "disclosures/list.html", {"disclosures": disclosures, "today": timezone.localdate()})


@login_required
def disclosure_publish(request, pk: int):
    round_ = access_round(request.user, pk, write=True)
    return service_form_page(
        request, PublishForm(_posted(request)),
        lambda d: services.disclosure_publish(actor=request.user, round_=round_, days=d["days"], public=d["public"], note=d["note"]),
        title=_("Công khai danh sách đề nghị: %(name)s") % {"name": round_.name}, success=_("Đã công khai danh sách đề nghị."),
        next_url=lambda d: _to(d.pk), submit=_("Công khai"),
        back=(round_.name, reverse("nominations:round", kwargs={"pk": round_.pk})),
        intro=_("Danh sách gồm các đề nghị đang được xét của đợt; thời gian công khai tính theo ngày làm việc, không kể hôm nay."),
    )  # fmt: skip


@login_required
def disclosure_detail(request, pk: int):
    disclosure = access_disclosure(request.user, pk)
    writer = scope_for(request.user).can_write_unit(disclosure.unit)
    entries = list(selectors.disclosure_entries(disclosure=disclosure))
    remarks = list(selectors.remarks_for(actor=request.user, disclosure=disclosure))
    context = {
        "disclosure": disclosure,
        "entries": entries,
        "remarks": remarks,
        "can_write": writer,
        "running": disclosure.is_running(),
        "public_url": reverse("disclosures:public", kwargs={"token": disclosure.token}) if disclosure.public and writer else "",
        "unanswered": sum(1 for r in remarks if r.unanswered),
    }
    return render(request, "disclosures/detail.html", context)


@login_required
def remark_add(request, pk: int):
    disclosure = access_disclosure(request.user, pk)
    entries = list(selectors.disclosure_entries(disclosure=disclosure))
    by_id = {e.pk: e for e in entries}
    initial = {"entry": request.GET.get("line")} if request.method == "GET" else None
    form = RemarkForm(_posted(request), entries=entries, initial=initial)
    return service_form_page(
        request, form,
        lambda d: services.remark_add(actor=request.user, disclosure=disclosure, kind=d["kind"], text=d["text"], entry=by_id.get(d["entry"])),
        title=_("Góp ý, phản ánh về danh sách công khai"), success=_("Đã gửi ý kiến."),
        next_url=lambda _r: _to(disclosure.pk), submit=_("Gửi ý kiến"), back=(disclosure.title, _to(disclosure.pk)),
        intro=_("Một phản ánh (kiến nghị) phải nêu đề nghị được phản ánh; đơn vị trả lời từng phản ánh trước khi quyết định khen thưởng."),
    )  # fmt: skip


@login_required
def objection_answer(request, pk: int):
    remark = access_remark(request.user, pk, write=True)
    disclosure = remark.disclosure
    return service_form_page(
        request, AnswerForm(_posted(request)), lambda d: services.objection_answer(actor=request.user, remark=remark, answer=d["answer"]),
        title=_("Trả lời phản ánh"), success=_("Đã trả lời phản ánh."), next_url=lambda _r: _to(disclosure.pk),
        submit=_("Gửi trả lời"), back=(disclosure.title, _to(disclosure.pk)), intro=remark.text,
    )  # fmt: skip


@require_GET
def public_page(request, token: str):
    disclosure, rows = selectors.public_rows(token=token)
    response = render(request, "disclosures/public.html", {"title": disclosure.title, "unit": disclosure.unit.name,
                                                          "ends_on": disclosure.ends_on, "rows": rows})  # fmt: skip
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
