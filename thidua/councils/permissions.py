"""Access to one council, session, item or written vote (404 unseen, 403 seen but not changeable).

Seen by readers of the council's unit and by its members; changed with write scope on the unit. The
secretary's pages (attendance, written votes, paper counts) also open to the council's secretary, the chair's
confirmation to its chair; the services check the same.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for

from .models import BallotItem, Council, MemberRole, Session, WrittenVote
from .selectors import visible_q


def _seat_role(actor, council: Council) -> str | None:
    if not getattr(actor, "person_id", None):
        return None
    return council.members.filter(person_id=actor.person_id).values_list("role", flat=True).first()


def _check(actor, council: Council, *, write: bool, secretary: bool, chair: bool) -> None:
    if not (write or secretary or chair) or scope_for(actor).can_write_unit(council.unit):
        return
    role = _seat_role(actor, council)
    if (secretary and role == MemberRole.SECRETARY) or (chair and role == MemberRole.CHAIR):
        return
    raise PermissionDenied(_("Bạn không có quyền thay đổi Hội đồng này."))


def access_council(actor, council_id, *, write: bool = False) -> Council:
    try:
        council = Council.objects.filter(visible_q(scope_for(actor))).distinct().select_related("unit", "school_year").get(pk=council_id)
    except (Council.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy Hội đồng.")) from None
    _check(actor, council, write=write, secretary=False, chair=False)
    return council


def access_session(actor, session_id, *, write: bool = False, secretary: bool = False) -> Session:
    try:
        session = (
            Session.objects.filter(visible_q(scope_for(actor), "council__"))
            .distinct()
            .select_related("council__unit", "council__school_year")
            .get(pk=session_id)
        )
    except (Session.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy phiên họp.")) from None
    _check(actor, session.council, write=write, secretary=secretary, chair=False)
    return session


def access_item(actor, item_id, *, write: bool = False, secretary: bool = False) -> BallotItem:
    try:
        item = (
            BallotItem.objects.filter(visible_q(scope_for(actor), "session__council__"))
            .distinct()
            .select_related("session__council__unit", "session__council__school_year", "person", "subject_unit")
            .get(pk=item_id)
        )
    except (BallotItem.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy nội dung bỏ phiếu.")) from None
    _check(actor, item.session.council, write=write, secretary=secretary, chair=False)
    return item


def access_written_vote(actor, vote_id, *, chair: bool = False) -> WrittenVote:
    try:
        vote = (
            WrittenVote.objects.filter(visible_q(scope_for(actor), "session__council__"))
            .distinct()
            .select_related("session__council__unit", "member__person")
            .get(pk=vote_id)
        )
    except (WrittenVote.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy ý kiến bằng văn bản.")) from None
    _check(actor, vote.session.council, write=False, secretary=False, chair=chair)
    return vote
