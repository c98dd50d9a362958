"""Every change to dossiers: keyword-only, one transaction, audited (issue 14 items 4 and 5).

Statuses change only through ``core.workflow.transition`` (``states.DOSSIER``); a line's mark in its dossier is
changed here with its own audit row. The sender's steps need write scope on the sending unit, the receiver's on
the receiving unit (``_require``). Every step's deadline is a ``notifications.Deadline`` due a number of working
days later (``deadlines.py``), so the daily reminder job reminds and escalates it.

The decision (``dossier_decide``) goes through ``awards.services.decision_create`` (cash computed as for any
decision) and moves the nomination lines to decided / refused through the nominations workflow. It first asks
``nominations.blockers.decision_blockers`` (the public disclosure's hook).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.core.vietnamese import clean_text
from thidua.core.workflow import transition
from thidua.nominations import blockers, routing
from thidua.nominations import states as line_states
from thidua.nominations.models import NominationLine, ReviewRound, RoundKind
from thidua.notifications import services as notifications
from thidua.org.models import OrgUnit

from . import deadlines, states
from .models import Dossier, DossierLine

S, A, M = states.DossierStatus, states.DossierAction, states.LineMark
MAX_TEXT = 4000
AWARD_TYPE = {
    RoundKind.YEAR_END: "annual",
    RoundKind.SEMESTER: "annual",
    RoundKind.PHASE_REVIEW: "campaign",
    RoundKind.FINAL_REVIEW: "campaign",
    RoundKind.THEMATIC: "thematic",
    RoundKind.AD_HOC: "ad_hoc",
}


def _text(value: str | None, *, field: str, required: str = "") -> str:
    text = clean_text(value or "")
    if len(text) > MAX_TEXT:
        raise DomainError(_("Nội dung quá dài (tối đa %(n)d ký tự).") % {"n": MAX_TEXT}, code="text_too_long", field=field)
    if required and not text:
        raise DomainError(required, code="reason_required", field=field)
    return text


def _require(actor, unit: OrgUnit, what: str) -> None:
    if not scope_for(actor).can_write_unit(unit):
        raise PermissionDenied(_("Bạn không có quyền %(what)s của “%(unit)s”.") % {"what": what, "unit": unit.name}, code="forbidden")


def _require_sender(actor, dossier: Dossier, what: str) -> None:
    """The sender's steps: write scope on the sending unit, and not from the receiving side (whose officers reach the
    sending unit as its ancestor, but never recall or answer for it)."""
    _require(actor, dossier.sender, what)
    scope = scope_for(actor)
    if not scope.is_admin and scope.can_write_unit(dossier.receiver):
        raise PermissionDenied(_("Thao tác này do đơn vị gửi hồ sơ thực hiện."), code="forbidden")


def _url(dossier: Dossier) -> str:
    return reverse("dossiers:detail", kwargs={"pk": dossier.pk})


def _locked(dossier: Dossier, allowed: frozenset[str] | set[str], action: str) -> Dossier:
    """Lock the dossier row and check it is in one of ``allowed`` (a concurrent step becomes a ``Conflict``)."""
    current = Dossier.objects.select_for_update().filter(pk=dossier.pk).values_list("status", flat=True).first()
    if current is None:
        raise Conflict(_("Hồ sơ không còn tồn tại."), code="gone")
    if current not in allowed:
        raise Conflict(
            _("Không thể %(action)s: hồ sơ đang ở trạng thái “%(state)s”.")
            % {"action": states.DOSSIER.action_label(action), "state": states.DOSSIER.label(current)},
            code=f"dossier_{current}",
        )
    if current != dossier.status:
        raise Conflict(_("Hồ sơ vừa được xử lý bởi một thao tác khác; hãy tải lại trang rồi thử lại."), code="state_changed")
    return dossier


# -- routes ------------------------------------------------------------------------------------------------------
def line_route(line: NominationLine, day: dt.date | None = None) -> routing.Route:
    """Who grants the line's title (the one the council passed) on ``day`` (today: the expected decision day)."""
    return routing.route_for(
        kind_code=line.granted_code or line.kind_code, day=day or timezone.localdate(), person=line.person, unit=line.unit,
        movement=line.round.movement,
    )  # fmt: skip


def _above(route: routing.Route, unit_id: int) -> list[routing.ChainUnit]:
    """The route's units above ``unit_id`` up to the granting unit (empty when the unit grants it or is off the route)."""
    ids = [u.id for u in route.chain]
    if unit_id not in ids:
        return []
    return list(route.chain[ids.index(unit_id) + 1 :])


def receivers_for(round_: ReviewRound) -> dict[int, list[NominationLine]]:
    """The round's passed lines that need a higher authority, by the unit right above the round's unit on their
    route (the dossier's receiver): {receiver id: lines}."""
    out: dict[int, list[NominationLine]] = {}
    lines = NominationLine.objects.filter(round=round_, state__in=line_states.PASSED).select_related("person", "unit", "round__movement")
    for line in lines:
        above = _above(line_route(line), round_.unit_id)
        if above:
            out.setdefault(above[0].id, []).append(line)
    return out


def _place(line: NominationLine, sender_id: int, receiver: OrgUnit) -> tuple[routing.Route, routing.ChainUnit]:
    """The line's route, refused when ``receiver`` is not on it above the sender (it has no authority for it)."""
    route = line_route(line)
    above = _above(route, sender_id)
    if not above or receiver.pk not in [u.id for u in above]:
        granting = route.granting.name if route.granting else _("chưa xác định được")
        raise DomainError(
            _(
                "“%(line)s”: “%(unit)s” không có thẩm quyền khen thưởng và không nằm trên tuyến trình của đề nghị này (cấp khen thưởng: %(g)s)."
            )
            % {"line": str(line), "unit": receiver.name, "g": granting},
            code="no_authority",
            field="lines",
        )
    return route, route.granting


# -- the sender ----------------------------------------------------------------------------------------------------
@transaction.atomic
def dossier_create(*, actor, round_: ReviewRound, receiver: OrgUnit, lines: Sequence[NominationLine] | None = None) -> Dossier:
    """A draft dossier of ``round_`` to ``receiver`` with the given passed lines (by default every passed line
    whose route goes through ``receiver`` and that is in no dossier to it yet)."""
    _require(actor, round_.unit, _("lập hồ sơ đề nghị"))
    if round_.status == ReviewRound.Status.CANCELLED:
        raise DomainError(_("Đợt bình xét đã bị hủy."), code="round_cancelled", field="round")
    taken = set(DossierLine.objects.filter(receiver=receiver, line__round=round_).values_list("line_id", flat=True))
    if lines is None:
        lines = [line for line in receivers_for(round_).get(receiver.pk, []) if line.pk not in taken]
    placed = []
    for line in lines:
        if line.round_id != round_.pk:
            raise DomainError(_("“%(line)s” không thuộc đợt bình xét này.") % {"line": str(line)}, code="other_round", field="lines")
        if line.state not in line_states.PASSED:
            raise DomainError(
                _("“%(line)s” chưa được Hội đồng thông qua (trạng thái “%(state)s”).")
                % {"line": str(line), "state": line.get_state_display()},
                code="line_not_passed",
                field="lines",
            )
        if line.pk in taken:
            raise DomainError(_("“%(line)s” đã có trong hồ sơ gửi “%(unit)s”.") % {"line": str(line), "unit": receiver.name},
                              code="already_in_dossier", field="lines")  # fmt: skip
        placed.append((line, *_place(line, round_.unit_id, receiver)))
    if not placed:
        raise DomainError(_("Không có đề nghị nào cần gửi “%(unit)s”.") % {"unit": receiver.name}, code="no_lines", field="lines")
    dossier = Dossier.objects.create(round=round_, sender=round_.unit, receiver=receiver, created_by=_user(actor))
    _add_lines(dossier, placed)
    audit.record(actor=actor, verb="dossier.created", target=dossier, unit=dossier.sender,
                 after={"receiver": receiver.name, "lines": [str(line) for line, *_ in placed]})  # fmt: skip
    return dossier


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _add_lines(dossier: Dossier, placed) -> list[DossierLine]:
    return DossierLine.objects.bulk_create(
        [DossierLine(dossier=dossier, line=line, receiver=dossier.receiver, granting_id=granting.id if granting else None,
                     route=route.as_dict()) for line, route, granting in placed]
    )  # fmt: skip


def _open_deadline(dossier: Dossier, step: str, *, actor, start: dt.date) -> dt.date:
    due_on = deadlines.due(step, start)
    unit = dossier.sender if step == "answer" else dossier.receiver
    titles = {
        "receive": _("Tiếp nhận hồ sơ đề nghị khen thưởng của %(unit)s"),
        "check": _("Thẩm định hồ sơ đề nghị khen thưởng của %(unit)s"),
        "answer": _("Bổ sung hồ sơ đề nghị khen thưởng theo yêu cầu của %(unit)s"),
    }
    other = dossier.receiver if step == "answer" else dossier.sender
    notifications.deadline_open(obj=dossier, unit=unit, due_on=due_on, kind=deadlines.KIND[step], title=titles[step] % {"unit": other.name},
                                url=_url(dossier), escalate_to=unit.parent, actor=actor)  # fmt: skip
    return due_on


def _close_deadline(dossier: Dossier, step: str, *, actor) -> None:
    notifications.deadline_close(dossier, deadlines.KIND[step], actor=actor)


def _notify(dossier: Dossier, unit: OrgUnit, title: str, *, actor, body: str = "") -> None:
    notifications.notify_unit(unit, kind="general", title=title, url=_url(dossier), body=body, actor=actor)


@transaction.atomic
def dossier_submit(*, actor, dossier: Dossier, note: str = "") -> Dossier:
    _require_sender(actor, dossier, _("gửi hồ sơ"))
    return _submit(actor, dossier, note)


def _submit(actor, dossier: Dossier, note: str = "") -> Dossier:
    today = timezone.localdate()
    due_on = _open_deadline(dossier, "receive", actor=actor, start=today)
    transition(dossier, action=A.SUBMIT, actor=actor, note=_text(note, field="note"), submitted_on=today, due_on=due_on)
    _notify(dossier, dossier.receiver, _("%(unit)s gửi hồ sơ đề nghị khen thưởng") % {"unit": dossier.sender.name}, actor=actor)
    return dossier


@transaction.atomic
def dossier_recall(*, actor, dossier: Dossier, note: str = "") -> Dossier:
    """The sender takes the dossier back before the receiver opens it."""
    _require_sender(actor, dossier, _("rút lại hồ sơ"))
    transition(dossier, action=A.RECALL, actor=actor, note=_text(note, field="note"), due_on=None)
    _close_deadline(dossier, "receive", actor=actor)
    return dossier


@transaction.atomic
def dossier_resubmit(*, actor, dossier: Dossier, note: str = "") -> Dossier:
    """The sender sends a returned dossier again once every returned line is answered; the receipt starts again."""
    _require_sender(actor, dossier, _("gửi lại hồ sơ"))
    _locked(dossier, {S.RETURNED}, A.RESUBMIT)
    unanswered = [str(d.line) for d in dossier.lines.filter(mark=M.RETURNED, answer="").select_related("line__person", "line__unit")]
    if unanswered:
        raise DomainError(_("Cần trả lời yêu cầu bổ sung của: %(lines)s.") % {"lines": "; ".join(unanswered)}, code="answer_required",
                          field="answer")  # fmt: skip
    reopened = list(dossier.lines.filter(mark=M.RETURNED))
    dossier.lines.filter(mark=M.RETURNED).update(mark=M.PENDING)
    today = timezone.localdate()
    _close_deadline(dossier, "answer", actor=actor)
    due_on = _open_deadline(dossier, "receive", actor=actor, start=today)
    transition(dossier, action=A.RESUBMIT, actor=actor, note=_text(note, field="note"), submitted_on=today, received_on=None,
               due_on=due_on, audit_after={"answered": [str(d.line) for d in reopened]})  # fmt: skip
    _notify(dossier, dossier.receiver, _("%(unit)s gửi lại hồ sơ đã bổ sung") % {"unit": dossier.sender.name}, actor=actor)
    return dossier


@transaction.atomic
def line_answer(*, actor, dline: DossierLine, answer: str) -> DossierLine:
    """The sender's answer to a returned line (what was completed or why it stands)."""
    dossier = dline.dossier
    _require_sender(actor, dossier, _("trả lời yêu cầu bổ sung"))
    _locked(dossier, {S.RETURNED}, A.RESUBMIT)
    if dline.mark != M.RETURNED:
        raise DomainError(_("Đề nghị này không bị yêu cầu bổ sung."), code="line_not_returned", field="answer")
    dline.answer = _text(answer, field="answer", required=_("Cần ghi nội dung trả lời."))
    dline.save(update_fields=["answer"])
    audit.record(actor=actor, verb="dossier_line.answered", target=dline, unit=dossier.sender, person_id=dline.line.person_id,
                 after={"answer": dline.answer})  # fmt: skip
    return dline


# -- the receiver --------------------------------------------------------------------------------------------------
@transaction.atomic
def dossier_receive(*, actor, dossier: Dossier, note: str = "") -> Dossier:
    _require(actor, dossier.receiver, _("tiếp nhận hồ sơ"))
    today = timezone.localdate()
    _locked(dossier, {S.SUBMITTED}, A.RECEIVE)
    _close_deadline(dossier, "receive", actor=actor)
    due_on = _open_deadline(dossier, "check", actor=actor, start=today)
    transition(dossier, action=A.RECEIVE, actor=actor, note=_text(note, field="note"), received_on=today, due_on=due_on)
    return dossier


@transaction.atomic
def dossier_check(*, actor, dossier: Dossier, note: str = "") -> Dossier:
    _require(actor, dossier.receiver, _("thẩm định hồ sơ"))
    return transition(dossier, action=A.CHECK, actor=actor, note=_text(note, field="note"))


CHECKABLE = frozenset({S.RECEIVED, S.CHECKING})


def _mark(actor, dline: DossierLine, mark: str, verb: str, *, reason: str = "", field: str = "") -> DossierLine:
    dossier = dline.dossier
    _require(actor, dossier.receiver, _("thẩm định hồ sơ"))
    _locked(dossier, CHECKABLE, A.CHECK)
    if dline.mark in (M.FORWARDED, M.DECIDED):
        raise DomainError(_("Đề nghị này đã được xử lý."), code="line_settled", field="mark")
    before = {"mark": dline.mark}
    dline.mark, dline.reason, dline.return_field = mark, reason, field
    dline.save(update_fields=["mark", "reason", "return_field"])
    audit.record(actor=actor, verb=verb, target=dline, unit=dossier.receiver, person_id=dline.line.person_id, before=before,
                 after={"mark": mark, "reason": reason, "return_field": field})  # fmt: skip
    return dline


@transaction.atomic
def line_accept(*, actor, dline: DossierLine) -> DossierLine:
    return _mark(actor, dline, M.ACCEPTED, "dossier_line.accepted")


@transaction.atomic
def line_return(*, actor, dline: DossierLine, reason: str, field: str) -> DossierLine:
    """Ask the sender to complete a line: the reason and the part to complete are required."""
    reason = _text(reason, field="reason", required=_("Cần ghi lý do trả lại đề nghị."))
    if field not in states.ReturnField.values:
        raise DomainError(_("Chọn nội dung cần bổ sung."), code="field_required", field="return_field")
    return _mark(actor, dline, M.RETURNED, "dossier_line.returned", reason=reason, field=field)


@transaction.atomic
def line_refuse(*, actor, dline: DossierLine, reason: str) -> DossierLine:
    """Not granted: the reason is shown to the sending unit."""
    reason = _text(reason, field="reason", required=_("Cần ghi lý do không đồng ý để đơn vị được biết."))
    return _mark(actor, dline, M.REFUSED, "dossier_line.refused", reason=reason)


@transaction.atomic
def dossier_return(*, actor, dossier: Dossier, note: str = "") -> Dossier:
    """Return the dossier to the sender: at least one line asked to be completed, each naming what."""
    _require(actor, dossier.receiver, _("trả lại hồ sơ"))
    _locked(dossier, CHECKABLE, A.RETURN)
    returned = list(dossier.lines.filter(mark=M.RETURNED).select_related("line__person", "line__unit"))
    if not returned:
        raise DomainError(_("Chọn ít nhất một đề nghị cần bổ sung (ghi lý do và nội dung cần bổ sung)."), code="nothing_returned",
                          field="lines")  # fmt: skip
    today = timezone.localdate()
    _close_deadline(dossier, "check", actor=actor)
    due_on = _open_deadline(dossier, "answer", actor=actor, start=today)
    note = _text(note, field="note")
    transition(dossier, action=A.RETURN, actor=actor, note=note, return_note=note, due_on=due_on,
               audit_after={"lines": [f"{d.line}: {d.return_field_label} – {d.reason}" for d in returned]})  # fmt: skip
    body = "; ".join(f"{d.line}: {d.return_field_label} – {d.reason}" for d in returned)
    _notify(dossier, dossier.sender, _("%(unit)s trả lại hồ sơ để bổ sung") % {"unit": dossier.receiver.name}, actor=actor, body=body)
    return dossier


def _open_marks(dossier: Dossier, marks) -> list[DossierLine]:
    return list(dossier.lines.filter(mark__in=marks).select_related("line__person", "line__unit", "line__round"))


@transaction.atomic
def dossier_forward(*, actor, dossier: Dossier, note: str = "") -> Dossier | None:
    """Send the accepted lines granted above the receiver on to the next level, in a new dossier there (submitted,
    linked to this one). This dossier ends forwarded when nothing is left for its receiver to decide; lines it
    refused are then refused. Returns the new dossier."""
    _require(actor, dossier.receiver, _("chuyển hồ sơ lên cấp trên"))
    _locked(dossier, {S.CHECKING}, A.FORWARD)
    beyond = [d for d in _open_marks(dossier, [M.ACCEPTED]) if d.beyond]
    if not beyond:
        raise DomainError(_("Không có đề nghị đã đồng ý nào thuộc thẩm quyền cấp trên."), code="nothing_to_forward", field="lines")
    placed, target = [], None
    for d in beyond:
        above = _above(line_route(d.line), dossier.receiver_id)
        if not above:
            raise DomainError(_("“%(line)s”: tuyến trình đã thay đổi, không còn cấp trên để chuyển.") % {"line": str(d.line)},
                              code="route_changed", field="lines")  # fmt: skip
        target = target or above[0].id
        if above[0].id != target:
            raise DomainError(_("Các đề nghị cần chuyển không cùng một cấp trên."), code="route_changed", field="lines")
        route = line_route(d.line)
        placed.append((d.line, route, route.granting))
    upper = OrgUnit.objects.get(pk=target)
    if DossierLine.objects.filter(receiver=upper, line__in=[line for line, *_ in placed]).exists():
        raise DomainError(_("Một số đề nghị đã được chuyển “%(unit)s”.") % {"unit": upper.name}, code="already_in_dossier", field="lines")
    new = Dossier.objects.create(
        round=dossier.round, sender=dossier.receiver, receiver=upper, forwarded_from=dossier, created_by=_user(actor)
    )
    _add_lines(new, placed)
    DossierLine.objects.filter(pk__in=[d.pk for d in beyond]).update(mark=M.FORWARDED)
    audit.record(actor=actor, verb="dossier_lines.forwarded", target=dossier, unit=dossier.receiver,
                 after={"to": upper.name, "lines": [str(d.line) for d in beyond], "dossier": new.pk})  # fmt: skip
    _submit(actor, new, _text(note, field="note"))  # sent on by the receiver that forwards it
    if not _open_marks(dossier, [M.PENDING, M.ACCEPTED, M.RETURNED]):
        _settle_refused(actor, dossier)
        _close_deadline(dossier, "check", actor=actor)
        transition(dossier, action=A.FORWARD, actor=actor, note=_text(note, field="note"), due_on=None)
    return new


def _settle_refused(actor, dossier: Dossier) -> None:
    """The lines the receiver refused become refused (the reason goes to the line's history and the unit sees it)."""
    for d in _open_marks(dossier, [M.REFUSED]):
        if d.line.state in line_states.PASSED:
            transition(d.line, action=line_states.LineAction.REFUSE, actor=actor, note=d.reason, audit_after={"reason": d.reason})


@transaction.atomic
def dossier_decide(
    *, actor, dossier: Dossier, number: str, decision_date: dt.date, signer_name: str = "", signer_title: str = "", title: str = ""
) -> Dossier:
    """The receiving authority decides: one ``Decision`` with an award for every accepted line it grants (through
    ``awards.services.decision_create``), those lines decided, the refused ones refused with their reason.

    The dossier row is locked first, so of two officers deciding at once one wins and the other gets a ``Conflict``
    (no second decision is written)."""
    from thidua.awards import services as awards

    _require(actor, dossier.receiver, _("quyết định khen thưởng"))
    _locked(dossier, {S.CHECKING}, A.DECIDE)
    waiting = _open_marks(dossier, [M.PENDING, M.RETURNED])
    if waiting:
        raise DomainError(_("Còn đề nghị chưa thẩm định xong: %(lines)s.") % {"lines": "; ".join(str(d.line) for d in waiting)},
                          code="lines_unchecked", field="lines")  # fmt: skip
    accepted = _open_marks(dossier, [M.ACCEPTED])
    beyond = [d for d in accepted if d.beyond]
    if beyond:
        raise DomainError(
            _("Các đề nghị sau thuộc thẩm quyền cấp trên, cần chuyển lên trước khi quyết định: %(lines)s.")
            % {"lines": "; ".join(str(d.line) for d in beyond)},
            code="forward_first",
            field="lines",
        )
    blocked = blockers.decision_blockers([d.line for d in accepted])
    if blocked:
        raise DomainError(" ".join(blocked), code="decision_blocked", field="lines")
    decision = None
    if accepted:
        round_ = dossier.round
        specs = [
            awards.AwardSpec(kind_code=d.granted_code, person=d.line.person, unit=d.line.unit, school_year=d.line.school_year)
            for d in accepted
        ]
        decision = awards.decision_create(
            actor=actor, issuer=dossier.receiver, number=number, decision_date=decision_date, award_type=AWARD_TYPE.get(round_.kind, "annual"),
            awards=specs, school_year=round_.school_year, signer_name=signer_name, signer_title=signer_title, title=title,
            movement=round_.movement if round_.kind in (RoundKind.PHASE_REVIEW, RoundKind.FINAL_REVIEW, RoundKind.THEMATIC) else None,
        )  # fmt: skip
        for d in accepted:
            transition(d.line, action=line_states.LineAction.DECIDE, actor=actor, note=_("Quyết định số %(n)s") % {"n": decision.number},
                       audit_after={"decision": decision.pk})  # fmt: skip
        DossierLine.objects.filter(pk__in=[d.pk for d in accepted]).update(mark=M.DECIDED)
    elif not _open_marks(dossier, [M.REFUSED]):
        raise DomainError(_("Hồ sơ không còn đề nghị nào để quyết định."), code="no_lines", field="lines")
    _settle_refused(actor, dossier)
    _close_deadline(dossier, "check", actor=actor)
    transition(dossier, action=A.DECIDE, actor=actor, decision=decision, due_on=None,
               audit_after={"decision": decision.number if decision else ""})  # fmt: skip
    _notify(
        dossier, dossier.sender, _("%(unit)s đã quyết định về hồ sơ đề nghị khen thưởng") % {"unit": dossier.receiver.name}, actor=actor
    )
    return dossier
