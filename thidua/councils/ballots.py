"""The secret ballot: casting, absent members' written votes, paper counts, and the tally.

Every write that touches an item's votes locks the item's row first (``select_for_update``), so a tally
counts exactly the ballots committed before it and every later cast finds the item tallied and is refused.
Casts and written votes write a receipt (no choice, no time) and increment a box; nothing stores who chose
what (decision 0013).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit import recorder as audit
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.core.workflow import transition
from thidua.rules import services as rules_services
from thidua.rules.engine.evaluators import title_label
from thidua.rules.engine.rulesets import DEFAULT_BOOK, confirmation_facts

from . import hooks
from .models import (
    AGREE,
    LOWER,
    AttendanceStatus,
    BallotBox,
    BallotItem,
    BallotReceipt,
    Channel,
    CouncilMember,
    MemberRole,
    Outcome,
    PaperCount,
    Session,
    SessionMode,
    Tally,
    WrittenVote,
)
from .services import _require_secretary_or_writer, _require_write, _scan
from .tally import VoteRule, percent, resolve


def _locked_item(item: BallotItem) -> BallotItem:
    return BallotItem.objects.select_for_update().select_related("session__council__unit", "session__council__school_year").get(pk=item.pk)


def _item_open(item: BallotItem) -> None:
    if item.status == BallotItem.Status.TALLIED:
        raise DomainError(_("Nội dung này đã kiểm phiếu; không nhận thêm phiếu."), code="item_closed", field="item")
    if item.status != BallotItem.Status.OPEN:
        raise DomainError(_("Nội dung này không còn bỏ phiếu."), code="item_closed", field="item")
    if item.session.status != Session.Status.OPEN:
        raise DomainError(_("Phiên họp chưa khai mạc hoặc đã kết thúc."), code="session_not_open", field="item")


def member_of(actor, council) -> CouncilMember | None:
    """The actor's own seat on the council (``None`` if they have none)."""
    if actor is None or not getattr(actor, "person_id", None):
        return None
    return council.members.filter(person_id=actor.person_id).first()


def _voting_seat(item: BallotItem, member: CouncilMember | None) -> CouncilMember:
    if member is None or not member.votes or not member.serves_on(item.session.held_on):
        raise PermissionDenied(_("Bạn không phải thành viên biểu quyết của Hội đồng này."), code="not_a_member")
    if item.recusals.filter(member=member).exists():
        raise PermissionDenied(_("Bạn không tham gia biểu quyết nội dung này."), code="recused")
    return member


def _receipt(item: BallotItem, member: CouncilMember, channel: str) -> None:
    try:
        with transaction.atomic():
            BallotReceipt.objects.create(item=item, member=member, channel=channel)
    except IntegrityError:
        raise Conflict(_("Thành viên này đã bỏ phiếu nội dung này; mỗi người chỉ một phiếu."), code="already_voted", field="item") from None


def _drop(item: BallotItem, option: str, *, written: bool) -> None:
    if option not in item.options:
        raise DomainError(_("Phương án bỏ phiếu không hợp lệ."), code="invalid_choice", field="choice")
    BallotBox.objects.filter(item=item, option=option, written=written).update(count=F("count") + 1)


@transaction.atomic
def ballot_cast(*, actor, item: BallotItem, choice: str) -> None:
    """A member present at an electronic session votes, as themself, once; the vote is final and secret."""
    item = _locked_item(item)
    _item_open(item)
    if item.session.mode != SessionMode.ELECTRONIC:
        raise DomainError(_("Phiên họp bỏ phiếu giấy; không bỏ phiếu điện tử."), code="paper_session", field="item")
    member = _voting_seat(item, member_of(actor, item.session.council))
    present = item.session.attendance.filter(member=member, status=AttendanceStatus.PRESENT).exists()
    if not present:
        raise PermissionDenied(_("Thư ký chưa ghi nhận bạn có mặt tại phiên họp."), code="not_present")
    if choice not in item.options:
        raise DomainError(_("Phương án bỏ phiếu không hợp lệ."), code="invalid_choice", field="choice")
    _receipt(item, member, Channel.ELECTRONIC)
    _drop(item, choice, written=False)
    audit.record(actor=actor, verb="ballot.cast", target=item, unit=item.session.council.unit, after={"member": member.person.full_name})


@transaction.atomic
def written_vote_enter(*, actor, session: Session, member: CouncilMember, choices: dict[int, str], scan) -> WrittenVote:
    """The secretary enters an absent member's signed written opinion with its scan; the chair confirms it."""
    session = Session.objects.select_for_update().select_related("council__unit").get(pk=session.pk)
    _require_secretary_or_writer(actor, session.council)
    scan = _scan(scan, "scan")
    if member.council_id != session.council_id or not member.votes:
        raise DomainError(_("Không phải thành viên biểu quyết của Hội đồng này."), code="not_a_member", field="member")
    if not session.attendance.filter(member=member, status=AttendanceStatus.ABSENT_WRITTEN).exists():
        raise DomainError(
            _("Thành viên này chưa được ghi nhận vắng mặt có ý kiến bằng văn bản."), code="not_absent_written", field="member"
        )
    if session.status not in (Session.Status.SCHEDULED, Session.Status.OPEN):
        raise Conflict(_("Phiên họp đã kết thúc."), code="session_closed")
    items = {i.pk: i for i in session.items.filter(status=BallotItem.Status.OPEN)}
    if not choices:
        raise DomainError(_("Nhập ý kiến cho ít nhất một nội dung."), code="no_choices", field="choices")
    pending = {}
    for item_id, option in choices.items():
        item = items.get(int(item_id))
        if item is None:
            raise DomainError(_("Nội dung không còn bỏ phiếu."), code="item_closed", field="choices")
        if option not in item.options:
            raise DomainError(_("Phương án bỏ phiếu không hợp lệ."), code="invalid_choice", field="choices")
        if item.recusals.filter(member=member).exists():
            raise DomainError(_("Thành viên không tham gia biểu quyết nội dung này."), code="recused", field="choices")
        pending[str(item.pk)] = option
    try:
        with transaction.atomic():
            vote = WrittenVote.objects.create(session=session, member=member, scan=scan, pending=pending, entered_by=actor)
    except IntegrityError:
        raise Conflict(_("Ý kiến bằng văn bản của thành viên này đã được nhập."), code="already_entered", field="member") from None
    audit.record(
        actor=actor, verb="ballot.written_entered", target=session, after={"member": member.person.full_name, "items": len(pending)}
    )
    return vote


@transaction.atomic
def written_vote_confirm(*, actor, vote: WrittenVote) -> WrittenVote:
    """The chair confirms a written vote: its choices go into the boxes, a receipt per item, the row keeps no choice."""
    vote = WrittenVote.objects.select_for_update().select_related("session__council__unit", "member__person").get(pk=vote.pk)
    council = vote.session.council
    seat = member_of(actor, council)
    if seat is None or seat.role != MemberRole.CHAIR:
        raise PermissionDenied(_("Chỉ Chủ tịch Hội đồng xác nhận ý kiến bằng văn bản."), code="not_chair")
    if vote.confirmed_by_id:
        raise Conflict(_("Ý kiến này đã được xác nhận."), code="already_confirmed")
    for item_id in sorted(vote.pending, key=int):  # one lock order: two confirmations never deadlock
        item = _locked_item(BallotItem(pk=int(item_id)))
        _item_open(item)
        _receipt(item, vote.member, Channel.WRITTEN)
        _drop(item, vote.pending[item_id], written=True)
    items = sorted(vote.pending, key=int)
    vote.pending, vote.confirmed_by = {}, actor
    vote.save(update_fields=["pending", "confirmed_by"])
    audit.record(actor=actor, verb="ballot.written_confirmed", target=vote.session, unit=council.unit,
                 after={"member": vote.member.person.full_name, "items": len(items)})  # fmt: skip
    return vote


@transaction.atomic
def paper_count_enter(*, actor, item: BallotItem, issued: int, returned: int, valid: int, invalid: int, counts: dict[str, int],
                      scan) -> PaperCount:  # fmt: skip
    """The secretary enters the counting board's figures for a paper item, with the scan of its minutes."""
    item = _locked_item(item)
    _require_secretary_or_writer(actor, item.session.council)
    _item_open(item)
    if item.session.mode != SessionMode.PAPER:
        raise DomainError(_("Phiên họp bỏ phiếu điện tử; không nhập phiếu giấy."), code="electronic_session", field="item")
    scan = _scan(scan, "scan")
    options = item.options
    if set(counts) - set(options) or any(v < 0 for v in counts.values()) or min(issued, returned, valid, invalid) < 0:
        raise DomainError(_("Số phiếu theo phương án không hợp lệ."), code="invalid_choice", field="counts")
    if not (issued >= returned == valid + invalid and valid == sum(counts.values())) or issued > item.session.total_members:
        raise DomainError(
            _("Số phiếu không khớp: phát ra ≥ thu về = hợp lệ + không hợp lệ, hợp lệ = tổng số phiếu các phương án, "
              "phát ra không quá số thành viên."),
            code="count_mismatch",
            field="counts",
        )  # fmt: skip
    try:
        with transaction.atomic():
            paper = PaperCount.objects.create(item=item, issued=issued, returned=returned, valid=valid, invalid=invalid,
                                              counts={o: int(counts.get(o, 0)) for o in options}, scan=scan, entered_by=actor)  # fmt: skip
    except IntegrityError:
        raise Conflict(_("Đã nhập kết quả phiếu giấy của nội dung này."), code="already_entered", field="item") from None
    for option in options:
        BallotBox.objects.filter(item=item, option=option, written=False).update(count=int(counts.get(option, 0)))
    audit.record(actor=actor, verb="ballot.paper_counted", target=paper, unit=item.session.council.unit,
                 after=audit.snapshot(paper, ["issued", "returned", "valid", "invalid"]))  # fmt: skip
    return paper


def _support_of(counts: dict[str, int], item: BallotItem, granted: str) -> int:
    support = counts.get(AGREE, 0)
    for option in item.lower_options:
        if item.kind_code == granted:
            break
        support += counts.get(LOWER + option["code"], 0)
        if option["code"] == granted:
            break
    return support


@transaction.atomic
def item_tally(*, actor, item: BallotItem) -> Tally:
    """Count the item's boxes under its lock and store the immutable result; write the ballot result and the
    qualitative confirmations the engine reads (``rules.services``) for a person who passed."""
    item = _locked_item(item)
    session, council = item.session, item.session.council
    _require_write(actor, council.unit)
    if item.status == BallotItem.Status.TALLIED or Tally.objects.filter(item=item).exists():
        raise Conflict(_("Nội dung này đã được kiểm phiếu."), code="already_tallied", field="item")
    if session.status != Session.Status.OPEN:
        raise DomainError(_("Phiên họp chưa khai mạc hoặc đã kết thúc."), code="session_not_open", field="item")
    if session.mode == SessionMode.PAPER and not PaperCount.objects.filter(item=item).exists():
        raise DomainError(_("Chưa nhập kết quả phiếu giấy."), code="paper_count_missing", field="item")
    boxes = list(BallotBox.objects.filter(item=item))
    counts = dict.fromkeys(item.options, 0)
    written = dict.fromkeys(item.options, 0)
    for box in boxes:
        counts[box.option] += box.count
        if box.written:
            written[box.option] += box.count
    total = session.total_members
    rule = VoteRule.of(item.rule)
    lower = [(VoteRule.of(o), counts[LOWER + o["code"]]) for o in item.lower_options]
    result = resolve(total=total, agree=counts[AGREE], lower=lower, rule=rule)
    tally = Tally.objects.create(
        item=item, total_members=total, ballots=sum(counts.values()), counts=counts, agree_written=written[AGREE], support=result.support,
        fraction=f"{result.fraction.numerator}/{result.fraction.denominator}" if result.support else f"0/{total}",
        outcome=result.outcome, granted_code=result.granted_code, citation=result.rule.cite[:255], computed_by=actor,
        computed_at=timezone.now(),
    )  # fmt: skip
    transition(
        item, action="tally", actor=actor, audit_after={"granted_code": result.granted_code, "support": result.support, "total": total}
    )
    if item.person_id:
        _write_rules_facts(actor, item, tally, counts, written)
    hooks.tallied(actor=actor, item=item, tally=tally)  # e.g. the nomination line moves (nominations.apps)
    return tally


def basis_text(item: BallotItem, tally: Tally) -> str:
    council = item.session.council
    return _(
        "Biên bản kiểm phiếu Hội đồng TĐKT %(unit)s ngày %(day)s (QĐ thành lập số %(number)s): %(support)d/%(total)d phiếu (%(pct)s%%)"
    ) % {
        "unit": council.unit.name,
        "day": f"{item.session.held_on:%d/%m/%Y}",
        "number": council.decision_number,
        "support": tally.support,
        "total": tally.total_members,
        "pct": percent(_fraction(tally.support, tally.total_members)),
    }


def _fraction(a: int, b: int):
    from fractions import Fraction

    return Fraction(a, b)


def _write_rules_facts(actor, item: BallotItem, tally: Tally, counts: dict, written: dict) -> None:
    """The ballot result per voted title (the proposed one and, when granted, the lower one) and, on a pass,
    the granted rule's qualitative facts as confirmed, with the minutes as their basis."""
    session, council = item.session, item.session.council
    basis = basis_text(item, tally)
    codes = dict.fromkeys([item.kind_code, *([tally.granted_code] if tally.granted_code else [])])
    for code in codes:
        if code not in rules_services.VOTE_TITLES:
            continue
        support = _support_of(counts, item, code)
        in_writing = _support_of(written, item, code)
        rules_services.ballot_tally_set(actor=actor, person=item.person, school_year=council.school_year, code=code,
                                        total_members=tally.total_members, in_favour=support - in_writing,
                                        in_favour_written=in_writing, session_date=min(session.held_on, timezone.localdate()),
                                        basis=basis)  # fmt: skip
    if tally.outcome == Outcome.FAILED:
        return  # a failed vote proves no quality absent
    facts = confirmation_facts(DEFAULT_BOOK, day=session.held_on)
    values = {f.fact: True for f in facts.values() if tally.granted_code in f.codes and f.fact in rules_services.FACTS}
    if values:
        rules_services.confirmations_set(actor=actor, person=item.person, school_year=council.school_year, values=values, basis=basis)


@transaction.atomic
def item_withdraw(*, actor, item: BallotItem, reason: str) -> BallotItem:
    from .services import _text

    return transition(item, action="withdraw", actor=actor, note=_text(reason, "reason", required=True), audit_after={"reason": reason})


def result_label(tally: Tally) -> str:
    if tally.outcome == Outcome.FAILED:
        return _("Không đạt")
    return _("Đạt %(title)s") % {"title": title_label(tally.granted_code)}
