"""Councils, members and sessions: every change audited, in one transaction, scoped by the council's unit.

The ballot itself (casting, written votes, paper counts, the tally) is in ``ballots.py``.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.awards.uploads import check_scan
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.core.vietnamese import clean_text
from thidua.core.workflow import transition
from thidua.people.services import employment_during

from .models import (
    AGREE,
    DISAGREE,
    LOWER,
    Attendance,
    AttendanceStatus,
    BallotBox,
    BallotItem,
    Council,
    CouncilMember,
    MemberRole,
    Recusal,
    Session,
    SessionMode,
)
from .tally import quorum_met
from .voterules import lower_titles, vote_rule


def _require_write(actor, unit) -> None:
    if not scope_for(actor).can_write_unit(unit):
        raise PermissionDenied(_("Bạn không có quyền thay đổi Hội đồng của “%(unit)s”.") % {"unit": unit.name}, code="forbidden")


def _text(value: str, field: str, *, required: bool = False, limit: int = 255) -> str:
    value = clean_text(value)
    if "\x00" in value:
        raise DomainError(_("Nội dung có ký tự không hợp lệ."), code="invalid_text", field=field)
    if required and not value:
        raise DomainError(_("Trường này là bắt buộc."), code="required", field=field)
    if len(value) > limit:
        raise DomainError(_("Quá dài (tối đa %(n)d ký tự).") % {"n": limit}, code="too_long", field=field)
    return value


def _scan(upload, field: str):
    if upload is None:
        raise DomainError(_("Tải lên bản quét (PDF, PNG hoặc JPEG)."), code="scan_required", field=field)
    try:
        check_scan(upload)
    except DomainError as exc:
        raise DomainError(exc.message, code=exc.code, field=field) from None
    return upload


# -- the council -----------------------------------------------------------------------------------------
@transaction.atomic
def council_create(*, actor, unit, school_year, decision_number: str, decision_date: dt.date, decision_scan, odd_required: bool = True,
                   quorum_num: int = 2, quorum_den: int = 3) -> Council:  # fmt: skip
    """Record the founding decision of a unit's council for a school year (members come next)."""
    _require_write(actor, unit)
    number = _text(decision_number, "decision_number", required=True, limit=64)
    if not (quorum_den >= 1 and 0 < quorum_num <= quorum_den):
        raise DomainError(_("Tỷ lệ tối thiểu có mặt không hợp lệ."), code="invalid_quorum", field="quorum_num")
    if decision_date > school_year.end_date:
        raise DomainError(_("Ngày quyết định sau khi năm học kết thúc."), code="decision_after_year", field="decision_date")
    council = Council(unit=unit, school_year=school_year, decision_number=number, decision_date=decision_date, created_by=actor,
                      decision_scan=_scan(decision_scan, "decision_scan"), odd_required=odd_required, quorum_num=quorum_num,
                      quorum_den=quorum_den)  # fmt: skip
    try:
        with transaction.atomic():
            council.save()
    except IntegrityError:
        raise Conflict(
            _("%(unit)s đã có Hội đồng Thi đua – Khen thưởng năm học %(year)s.") % {"unit": unit.name, "year": school_year.code},
            code="council_exists",
            field="school_year",
        ) from None
    audit.record(actor=actor, verb="council.created", target=council, after=audit.snapshot(council, ["decision_number", "decision_date"]))
    return council


@transaction.atomic
def member_add(*, actor, council: Council, person, role: str = MemberRole.MEMBER, votes: bool = True, valid_from: dt.date | None = None,
               amending_decision: str = "") -> CouncilMember:  # fmt: skip
    """Name a person to the council. Once the council is active a change needs its amending decision (kiện toàn)."""
    council = Council.objects.select_for_update().get(pk=council.pk)
    _require_write(actor, council.unit)
    if council.status == Council.Status.DISSOLVED:
        raise Conflict(_("Hội đồng đã giải thể."), code="council_dissolved")
    amending = _text(amending_decision, "amending_decision", limit=64)
    if council.status == Council.Status.ACTIVE and not amending:
        raise DomainError(
            _("Hội đồng đang hoạt động: nhập số quyết định kiện toàn Hội đồng."),
            code="amending_decision_required",
            field="amending_decision",
        )
    if role not in MemberRole.values:
        raise DomainError(_("Chức danh không hợp lệ."), code="invalid_role", field="role")
    employment = employment_during(person, council.school_year)
    if employment is None or not employment.unit.path.startswith(council.unit.path):
        raise DomainError(
            _("%(name)s không công tác tại %(unit)s trong năm học %(year)s.")
            % {"name": person.full_name, "unit": council.unit.name, "year": council.school_year.code},
            code="member_outside_unit",
            field="person",
        )
    member = CouncilMember(council=council, person=person, role=role, votes=votes, amending_decision=amending,
                           valid_from=valid_from or council.decision_date)  # fmt: skip
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        taken = council.members.filter(person=person).exists()
        raise Conflict(
            _("%(name)s đã là thành viên Hội đồng.") % {"name": person.full_name}
            if taken
            else _("Hội đồng đã có Chủ tịch; mỗi Hội đồng chỉ có một Chủ tịch."),
            code="already_member" if taken else "one_chair",
            field="person" if taken else "role",
        ) from None
    audit.record(actor=actor, verb="council.member_added", target=member, unit=council.unit,
                 after={"person": person.pk, "role": role, "votes": votes, "amending_decision": amending})  # fmt: skip
    return member


@transaction.atomic
def member_end(*, actor, member: CouncilMember, valid_to: dt.date, amending_decision: str) -> CouncilMember:
    """A member leaves the council (amending decision): later sessions count one member fewer."""
    council = Council.objects.select_for_update().get(pk=member.council_id)
    _require_write(actor, council.unit)
    amending = _text(amending_decision, "amending_decision", required=True, limit=64)
    if valid_to < member.valid_from:
        raise DomainError(_("Ngày thôi tham gia trước ngày bắt đầu."), code="invalid_period", field="valid_to")
    member.valid_to, member.amending_decision = valid_to, amending
    member.save(update_fields=["valid_to", "amending_decision"])
    audit.record(
        actor=actor,
        verb="council.member_ended",
        target=member,
        unit=council.unit,
        after={"valid_to": valid_to, "amending_decision": amending},
    )
    return member


def voting_members(council: Council, day: dt.date) -> list[CouncilMember]:
    return [m for m in council.members.select_related("person") if m.votes and m.serves_on(day)]


def _needs_odd(council: Council) -> bool:
    return council.odd_required


@transaction.atomic
def council_activate(*, actor, council: Council) -> Council:
    members = voting_members(council, max(council.decision_date, council.school_year.start_date))
    if not members:
        raise DomainError(_("Hội đồng chưa có thành viên."), code="council_no_members", field="members")
    if not any(m.role == MemberRole.CHAIR for m in members):
        raise DomainError(_("Hội đồng chưa có Chủ tịch."), code="council_no_chair", field="members")
    if _needs_odd(council) and len(members) % 2 == 0:
        raise DomainError(
            _("Hội đồng có %(n)d thành viên biểu quyết: số thành viên phải là số lẻ (Điều lệ nhà trường).") % {"n": len(members)},
            code="council_even_members",
            field="members",
        )
    return transition(council, action="activate", actor=actor)


# -- sessions --------------------------------------------------------------------------------------------
@transaction.atomic
def session_create(*, actor, council: Council, held_on: dt.date, place: str = "", mode: str = SessionMode.ELECTRONIC) -> Session:
    _require_write(actor, council.unit)
    if council.status != Council.Status.ACTIVE:
        raise Conflict(_("Hội đồng chưa hoạt động hoặc đã giải thể."), code="council_not_active")
    if mode not in SessionMode.values:
        raise DomainError(_("Hình thức bỏ phiếu không hợp lệ."), code="invalid_mode", field="mode")
    if not (council.school_year.start_date <= held_on <= council.school_year.end_date + dt.timedelta(days=92)):
        raise DomainError(_("Ngày họp không thuộc năm học của Hội đồng."), code="session_outside_year", field="held_on")
    session = Session.objects.create(council=council, held_on=held_on, place=_text(place, "place", limit=200), mode=mode)
    audit.record(actor=actor, verb="council_session.created", target=session, after={"held_on": held_on, "mode": mode})
    return session


def _locked_session(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("council__unit", "council__school_year").get(pk=session.pk)


@transaction.atomic
def attendance_set(*, actor, session: Session, member: CouncilMember, status: str, reason: str = "") -> Attendance:
    """The secretary records who attends (before the session opens, or during it for a latecomer)."""
    session = _locked_session(session)
    _require_secretary_or_writer(actor, session.council)
    if session.status not in (Session.Status.SCHEDULED, Session.Status.OPEN):
        raise Conflict(_("Phiên họp đã kết thúc."), code="session_closed")
    if member.council_id != session.council_id:
        raise DomainError(_("Không phải thành viên Hội đồng này."), code="not_a_member", field="member")
    if status not in AttendanceStatus.values:
        raise DomainError(_("Tình trạng không hợp lệ."), code="invalid_status", field="status")
    reason = _text(reason, "reason")
    row, _created = Attendance.objects.update_or_create(session=session, member=member, defaults={"status": status, "reason": reason})
    audit.record(actor=actor, verb="council_session.attendance_set", target=row, unit=session.council.unit,
                 after={"member": member.pk, "status": status, "reason": reason})  # fmt: skip
    return row


def _require_secretary_or_writer(actor, council: Council) -> None:
    if scope_for(actor).can_write_unit(council.unit):
        return
    if actor.person_id and council.members.filter(person_id=actor.person_id, role=MemberRole.SECRETARY).exists():
        return
    raise PermissionDenied(_("Chỉ Thư ký Hội đồng hoặc cán bộ thi đua của đơn vị làm việc này."), code="not_secretary")


def attending(session: Session) -> tuple[int, int]:
    """(members present or voting in writing, voting members on the session day)."""
    members = {m.pk for m in voting_members(session.council, session.held_on)}
    present = session.attendance.filter(
        member_id__in=members, status__in=[AttendanceStatus.PRESENT, AttendanceStatus.ABSENT_WRITTEN]
    ).count()
    return present, len(members)


@transaction.atomic
def session_open(*, actor, session: Session) -> Session:
    """Open the session once enough members attend (present or in writing): the quorum of the council."""
    council = session.council
    present, total = attending(session)
    if not quorum_met(attending=present, total=total, num=council.quorum_num, den=council.quorum_den):
        raise DomainError(
            _("Chưa đủ số thành viên để họp: %(present)d/%(total)d thành viên, cần ít nhất %(num)d/%(den)d.")
            % {"present": present, "total": total, "num": council.quorum_num, "den": council.quorum_den},
            code="no_quorum",
            field="attendance",
        )
    return transition(session, action="open", actor=actor, total_members=total)


@transaction.atomic
def session_close(*, actor, session: Session) -> Session:
    if session.items.filter(status=BallotItem.Status.OPEN).exists():
        raise DomainError(_("Còn nội dung chưa kiểm phiếu."), code="items_open", field="items")
    return transition(session, action="close", actor=actor)


# -- agenda items ----------------------------------------------------------------------------------------
@transaction.atomic
def item_add(*, actor, session: Session, kind_code: str, person=None, subject_unit=None, lower_codes: list[str] | None = None,
             label: str = "", supersedes: BallotItem | None = None, reason: str = "", line_id: int | None = None) -> BallotItem:  # fmt: skip
    """Put one subject and title on the agenda, with the lower titles members may vote for instead.

    ``lower_codes`` must be rungs below ``kind_code`` on its ladder (the engine's verdicts are the caller's:
    the nominations workflow passes the ones the engine finds eligible or undetermined)."""
    session = _locked_session(session)
    council = session.council
    _require_write(actor, council.unit)
    if session.status not in (Session.Status.SCHEDULED, Session.Status.OPEN):
        raise Conflict(_("Phiên họp đã kết thúc."), code="session_closed")
    if (person is None) == (subject_unit is None):
        raise DomainError(_("Chọn một cá nhân hoặc một tập thể."), code="subject_required", field="person")
    if person is not None:
        employment = employment_during(person, council.school_year)
        if employment is None or not employment.unit.path.startswith(council.unit.path):
            raise DomainError(
                _("%(name)s không thuộc đơn vị trong năm học này.") % {"name": person.full_name},
                code="subject_outside_unit",
                field="person",
            )
    elif not subject_unit.path.startswith(council.unit.path):
        raise DomainError(_("Tập thể không thuộc đơn vị của Hội đồng."), code="subject_outside_unit", field="subject_unit")
    kind_code = _text(kind_code, "kind_code", required=True, limit=32).upper()
    allowed = lower_titles(kind_code)
    lower_codes = [c.upper() for c in (lower_codes or [])]
    wrong = [c for c in lower_codes if c not in allowed]
    if wrong:
        raise DomainError(
            _("“%(codes)s” không phải danh hiệu thấp hơn của %(kind)s.") % {"codes": ", ".join(wrong), "kind": kind_code},
            code="invalid_lower_option",
            field="lower_codes",
        )
    if supersedes is not None:
        reason = _text(reason, "reason", required=True, limit=500)
        supersedes = BallotItem.objects.select_for_update().select_related("session").get(pk=supersedes.pk)
        if supersedes.session.council_id != council.pk or supersedes.status != BallotItem.Status.TALLIED:
            raise DomainError(_("Chỉ bỏ phiếu lại một nội dung đã kiểm phiếu của Hội đồng này."), code="invalid_revote", field="supersedes")
        if hasattr(supersedes, "superseded_by"):
            raise Conflict(_("Nội dung này đã được bỏ phiếu lại."), code="already_revoted", field="supersedes")
    rule = vote_rule(kind_code, session.held_on)
    lower = [vote_rule(c, session.held_on).as_dict() for c in allowed if c in lower_codes]
    position = (session.items.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    item = BallotItem.objects.create(session=session, position=position, person=person, subject_unit=subject_unit, kind_code=kind_code,
                                     label=_text(label, "label"), rule=rule.as_dict(), lower_options=lower, supersedes=supersedes,
                                     reason=reason, line_id=line_id)  # fmt: skip
    # Every box exists from the start, empty: their ids and their order say nothing about the votes.
    BallotBox.objects.bulk_create(
        [BallotBox(item=item, option=o, written=w) for o in [AGREE, *(LOWER + x["code"] for x in lower), DISAGREE] for w in (False, True)]
    )
    if person is not None:
        for member in council.members.filter(person=person):
            Recusal.objects.create(item=item, member=member, reason=_("Thành viên là người được đề nghị"))
    audit.record(actor=actor, verb="ballot_item.added", target=item, unit=council.unit,
                 after={"kind_code": kind_code, "lower_codes": lower_codes, "reason": reason})  # fmt: skip
    return item


@transaction.atomic
def recusal_declare(*, actor, item: BallotItem, member: CouncilMember, reason: str) -> Recusal:
    """A member declares a conflict (kinship…) before voting: they vote no more on the item."""
    item = BallotItem.objects.select_for_update().get(pk=item.pk)
    council = item.session.council
    own = actor.person_id == member.person_id
    if not own:
        _require_write(actor, council.unit)
    if member.council_id != council.pk:
        raise DomainError(_("Không phải thành viên Hội đồng này."), code="not_a_member", field="member")
    if item.status != BallotItem.Status.OPEN:
        raise DomainError(_("Nội dung đã kết thúc bỏ phiếu."), code="item_closed", field="item")
    if item.receipts.filter(member=member).exists():
        raise Conflict(_("Thành viên đã bỏ phiếu nội dung này."), code="already_voted", field="member")
    recusal, created = Recusal.objects.get_or_create(item=item, member=member, defaults={"reason": _text(reason, "reason", required=True)})
    if created:
        audit.record(actor=actor, verb="ballot_item.recusal", target=item, unit=council.unit, after={"member": member.person.full_name})
    return recusal
