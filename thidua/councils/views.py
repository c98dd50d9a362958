"""Council pages: the list, a new council, its page (members, sessions, history), a session (attendance, agenda,
counts of who has voted, results once tallied), the member's phone-sized vote page (one item at a time, then the
results), the secretary's written votes and paper counts, the chair's confirmation, the tally; scans are served
only after the access check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.permissions import access_unit
from thidua.accounts.scope import scope_for
from thidua.core.forms import run_service
from thidua.org.models import OrgUnit

from . import ballots, selectors, services
from .forms import AttendanceForm, ConfirmForm, CouncilForm, ItemForm, MemberForm, PaperCountForm, SessionForm, VoteForm, WrittenVoteForm
from .models import AttendanceStatus, MemberRole, Session, WrittenVote
from .permissions import access_council, access_item, access_session, access_written_vote


def _posted(request):
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def form_page(request, form, save, *, title: str, success: str, next_url, back: str, submit: str | None = None, intro: str = ""):
    """Parse, call one service, redirect; a refusal shows on the form and nothing is saved."""
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: save(form.cleaned_data))
        if result is not None and not form.errors:
            messages.success(request, success)
            return redirect(next_url(result))
    context = {"form": form, "title": title, "back": back, "submit": submit or _("Lưu"), "intro": intro}
    return render(request, "councils/form_page.html", context)


def _to_council(council):
    return lambda _r: reverse("councils:detail", kwargs={"pk": council.pk})


def _to_session(session):
    return lambda _r: reverse("councils:session", kwargs={"pk": session.pk})


@login_required
def council_list(request):
    scope = scope_for(request.user)
    if not scope.sees_units and not request.user.person_id:
        raise PermissionDenied(_("Bạn không có quyền xem mục này."))
    councils = list(selectors.council_list(actor=request.user)[:200])
    units = [] if scope.is_admin else list(OrgUnit.objects.filter(path__in=scope.write_paths).order_by("path"))
    return render(request, "councils/list.html", {"councils": councils, "units": units})


@login_required
def council_create(request, pk):
    unit = access_unit(request.user, pk, write=True)
    form = CouncilForm(_posted(request), _files(request))

    def save(d):
        return services.council_create(actor=request.user, unit=unit, school_year=d["school_year"], decision_number=d["decision_number"],
                                       decision_date=d["decision_date"], decision_scan=d["decision_scan"],
                                       odd_required=d["odd_required"])  # fmt: skip

    return form_page(request, form, save, title=_("Lập Hội đồng Thi đua – Khen thưởng: %(unit)s") % {"unit": unit.name},
                     success=_("Đã lập Hội đồng; hãy thêm thành viên."), back=reverse("councils:list"),
                     next_url=lambda c: reverse("councils:detail", kwargs={"pk": c.pk}))  # fmt: skip


@login_required
def council_detail(request, pk):
    council = access_council(request.user, pk)
    scope = scope_for(request.user)
    context = {
        "council": council,
        "members": council.members.select_related("person").order_by("valid_to", "role", "person__sort_key"),
        "sessions": council.sessions.order_by("-held_on", "-id"),
        "can_write": scope.can_write_unit(council.unit),
        "history": council.transitions.select_related("actor"),
    }
    return render(request, "councils/detail.html", context)


@login_required
def council_scan(request, pk):
    council = access_council(request.user, pk)
    return FileResponse(council.decision_scan.open("rb"), as_attachment=True, filename=f"quyet-dinh-hoi-dong-{council.pk}.pdf")


@login_required
def member_add(request, pk):
    council = access_council(request.user, pk, write=True)
    form = MemberForm(_posted(request), actor=request.user)

    def save(d):
        return services.member_add(actor=request.user, council=council, person=d["person"], role=d["role"], votes=d["votes"],
                                   amending_decision=d["amending_decision"])  # fmt: skip

    return form_page(request, form, save, title=_("Thêm thành viên Hội đồng"), success=_("Đã thêm thành viên."),
                     back=reverse("councils:detail", kwargs={"pk": pk}), next_url=_to_council(council))  # fmt: skip


@login_required
def council_activate(request, pk):
    council = access_council(request.user, pk, write=True)
    return form_page(request, ConfirmForm(_posted(request)), lambda d: services.council_activate(actor=request.user, council=council),
                     title=_("Đưa Hội đồng vào hoạt động"), success=_("Hội đồng đã hoạt động."), submit=_("Xác nhận"),
                     back=reverse("councils:detail", kwargs={"pk": pk}), next_url=_to_council(council),
                     intro=_("Kiểm tra: có Chủ tịch, số thành viên biểu quyết là số lẻ."))  # fmt: skip


@login_required
def session_create(request, pk):
    council = access_council(request.user, pk, write=True)
    form = SessionForm(_posted(request))

    def save(d):
        return services.session_create(actor=request.user, council=council, held_on=d["held_on"], place=d["place"], mode=d["mode"])

    return form_page(request, form, save, title=_("Lên lịch phiên họp"), success=_("Đã lên lịch phiên họp."),
                     back=reverse("councils:detail", kwargs={"pk": pk}),
                     next_url=lambda s: reverse("councils:session", kwargs={"pk": s.pk}))  # fmt: skip


@login_required
def session_detail(request, pk):
    session = access_session(request.user, pk)
    council = session.council
    scope = scope_for(request.user)
    seat = ballots.member_of(request.user, council)
    present, total = services.attending(session)
    context = {
        "session": session,
        "council": council,
        "items": selectors.session_items(session),
        "attendance": session.attendance.select_related("member__person").order_by("member__person__sort_key"),
        "written": session.written_votes.select_related("member__person", "confirmed_by"),
        "present": present,
        "total": session.total_members or total,
        "can_write": scope.can_write_unit(council.unit),
        "is_secretary": scope.can_write_unit(council.unit) or (seat is not None and seat.role == MemberRole.SECRETARY),
        "is_chair": seat is not None and seat.role == MemberRole.CHAIR,
        "seat": seat,
        "history": session.transitions.select_related("actor"),
    }
    return render(request, "councils/session.html", context)


@login_required
def attendance(request, pk):
    session = access_session(request.user, pk, secretary=True)
    members = list(services.voting_members(session.council, session.held_on))
    current = dict(session.attendance.values_list("member_id", "status"))
    form = AttendanceForm(_posted(request), members=members, current=current)

    def save(d):
        with transaction.atomic():
            for m in members:
                services.attendance_set(actor=request.user, session=session, member=m, status=d[f"m{m.pk}"], reason=d[f"r{m.pk}"])
        return session

    return form_page(request, form, save, title=_("Điểm danh thành viên"), success=_("Đã ghi nhận điểm danh."),
                     back=reverse("councils:session", kwargs={"pk": pk}), next_url=_to_session(session))  # fmt: skip


@login_required
def session_open(request, pk):
    session = access_session(request.user, pk, write=True)
    present, total = services.attending(session)
    return form_page(request, ConfirmForm(_posted(request)), lambda d: services.session_open(actor=request.user, session=session),
                     title=_("Khai mạc phiên họp"), success=_("Phiên họp đã khai mạc."), submit=_("Khai mạc"),
                     back=reverse("councils:session", kwargs={"pk": pk}), next_url=_to_session(session),
                     intro=_("Có mặt hoặc có ý kiến bằng văn bản: %(p)d/%(t)d thành viên.") % {"p": present, "t": total})  # fmt: skip


@login_required
def session_close(request, pk):
    session = access_session(request.user, pk, write=True)
    return form_page(request, ConfirmForm(_posted(request)), lambda d: services.session_close(actor=request.user, session=session),
                     title=_("Kết thúc phiên họp"), success=_("Phiên họp đã kết thúc."), submit=_("Kết thúc"),
                     back=reverse("councils:session", kwargs={"pk": pk}), next_url=_to_session(session))  # fmt: skip


@login_required
def item_add(request, pk):
    session = access_session(request.user, pk, write=True)
    form = ItemForm(_posted(request), actor=request.user)

    def save(d):
        return services.item_add(actor=request.user, session=session, kind_code=d["kind_code"], person=d["person"],
                                 lower_codes=d["lower_codes"], label=d["label"])  # fmt: skip

    return form_page(request, form, save, title=_("Thêm nội dung bỏ phiếu"), success=_("Đã thêm nội dung bỏ phiếu."),
                     back=reverse("councils:session", kwargs={"pk": pk}), next_url=_to_session(session))  # fmt: skip


@login_required
def vote(request, pk):
    """The member's ballot, one item at a time; once nothing is left, the results of the tallied items."""
    session = access_session(request.user, pk)
    seat = ballots.member_of(request.user, session.council)
    item = None
    if seat is not None and session.status == Session.Status.OPEN and session.mode == "electronic":
        present = session.attendance.filter(member=seat, status=AttendanceStatus.PRESENT).exists()
        item = selectors.next_item_for(session, seat) if present else None
    form = VoteForm(_posted(request), item=item, initial={"item": item.pk}) if item else None
    if form is not None and request.method == "POST" and form.is_valid():
        if form.cleaned_data["item"] != item.pk:  # a second click, or a page left open: never cast on another item
            messages.error(request, _("Nội dung bỏ phiếu đã thay đổi; hãy xem lại rồi bỏ phiếu."))
            return redirect("councils:vote", pk=pk)
        cast = run_service(form, lambda: ballots.ballot_cast(actor=request.user, item=item, choice=form.cleaned_data["choice"]) or True)
        if cast:
            messages.success(request, _("Đã ghi nhận phiếu của bạn."))
            return redirect("councils:vote", pk=pk)
    items = selectors.session_items(session)
    context = {"session": session, "seat": seat, "item": item, "form": form, "items": items,
               "position": sum(1 for i in items if i.status == "open")}  # fmt: skip
    return render(request, "councils/vote.html", context)


@login_required
def written_vote(request, pk):
    session = access_session(request.user, pk, secretary=True)
    members = session.council.members.filter(
        pk__in=session.attendance.filter(status=AttendanceStatus.ABSENT_WRITTEN).values("member_id")
    ).select_related("person")
    form = WrittenVoteForm(_posted(request), _files(request), members=members, items=session.items.filter(status="open"))

    def save(d):
        return ballots.written_vote_enter(actor=request.user, session=session, member=d["member"], choices=form.choices(), scan=d["scan"])

    return form_page(request, form, save, title=_("Nhập ý kiến bằng văn bản của thành viên vắng mặt"),
                     success=_("Đã nhập; chờ Chủ tịch Hội đồng xác nhận."),
                     back=reverse("councils:session", kwargs={"pk": pk}), next_url=_to_session(session))  # fmt: skip


@login_required
def written_confirm(request, pk):
    vote_row: WrittenVote = access_written_vote(request.user, pk, chair=True)
    session = vote_row.session
    return form_page(request, ConfirmForm(_posted(request)), lambda d: ballots.written_vote_confirm(actor=request.user, vote=vote_row),
                     title=_("Xác nhận ý kiến bằng văn bản của %(name)s") % {"name": vote_row.member.person.full_name},
                     success=_("Đã xác nhận; phiếu đã được bỏ vào hòm phiếu."), submit=_("Xác nhận"),
                     back=reverse("councils:session", kwargs={"pk": session.pk}), next_url=_to_session(session))  # fmt: skip


@login_required
def written_scan(request, pk):
    vote_row = access_written_vote(request.user, pk)
    return FileResponse(vote_row.scan.open("rb"), as_attachment=True, filename=f"y-kien-bang-van-ban-{vote_row.pk}")


@login_required
def paper_count(request, pk):
    item = access_item(request.user, pk, secretary=True)
    form = PaperCountForm(_posted(request), _files(request), item=item)

    def save(d):
        return ballots.paper_count_enter(actor=request.user, item=item, issued=d["issued"], returned=d["returned"], valid=d["valid"],
                                         invalid=d["invalid"], counts=form.counts(), scan=d["scan"])  # fmt: skip

    return form_page(request, form, save, title=_("Nhập kết quả phiếu giấy: %(s)s") % {"s": item.subject},
                     success=_("Đã nhập kết quả phiếu giấy."), back=reverse("councils:session", kwargs={"pk": item.session_id}),
                     next_url=_to_session(item.session))  # fmt: skip


@login_required
def item_tally(request, pk):
    item = access_item(request.user, pk, write=True)
    voted = item.receipts.count()
    return form_page(request, ConfirmForm(_posted(request)), lambda d: ballots.item_tally(actor=request.user, item=item),
                     title=_("Kiểm phiếu: %(s)s") % {"s": item.subject}, success=_("Đã kiểm phiếu."), submit=_("Kiểm phiếu"),
                     back=reverse("councils:session", kwargs={"pk": item.session_id}), next_url=_to_session(item.session),
                     intro=_("%(n)d thành viên đã bỏ phiếu. Sau khi kiểm phiếu không nhận thêm phiếu.") % {"n": voted})  # fmt: skip
