"""Every change to an initiative: keyword-only, one transaction, audited; statuses change through
``core.workflow.transition``. The checks come first (``checks.py``), so a refusal saves nothing.

* Create / submit: an author for themself (self-service, every co-author working at the unit) or an officer of the
  unit; at least one author, each once, shares summing to 100 %; applied at the unit, not in the future.
* The council: the unit's officer forms it per school year (members are people); a member scores every criterion
  of the sheet once (insert-only rows), never their own initiative.
* Recognise: at the unit's scope by the unit (a legal entity) after the council's result reaches the pass mark;
  at province/ministry and national scope only after the lower scope and a forward, by a body that may grant it.
  A very close earlier initiative needs a recorded ruling first. Each recognition writes the ledger's
  ``awards.InitiativeRecord`` through ``awards.services`` and links to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.awards import services as awards_services
from thidua.awards.uploads import check_scan
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.core.vietnamese import fold
from thidua.core.workflow import transition
from thidua.org.models import OrgUnit
from thidua.people.models import Employment, Person

from . import checks, selectors, states
from .models import OPEN_Q, CouncilSeat, Criterion, Initiative, InitiativeAuthor, InitiativeCouncil, Recognition, Ruling, Score

S, A = states.InitiativeStatus, states.InitiativeAction
SEARCH_KEY_CHARS = 2000
MAX_AUTHORS = 20


def _snapshot(i: Initiative) -> dict:
    data = audit.snapshot(i, fields=["title", "unit", "school_year", "field", "applied_at", "applied_from", "status"])
    data["authors"] = [f"{a.person.full_name} ({format(a.share.normalize(), 'f')} %)" for a in i.authors.select_related("person")]
    return data


def _employed_at(person_ids: Sequence[int], unit: OrgUnit, day: dt.date) -> set[int]:
    return set(
        Employment.objects.filter(person_id__in=person_ids, unit__path__startswith=unit.path, start_date__lte=day)
        .exclude(end_date__lt=day)
        .values_list("person_id", flat=True)
    )


def _authors(actor, unit: OrgUnit, authors: Sequence[tuple[Person, object]], day: dt.date) -> list[tuple[Person, Decimal]]:
    if len(authors) > MAX_AUTHORS:
        raise DomainError(_("Tối đa %(n)d tác giả.") % {"n": MAX_AUTHORS}, code="too_many", field="authors")
    shares = checks.shares([(p.pk, p.full_name, s) for p, s in authors])
    scope = scope_for(actor)
    if not scope.can_write_unit(unit):
        if scope.person_id not in {p.pk for p, _s in authors}:
            raise PermissionDenied(_("Bạn chỉ gửi được sáng kiến mà mình là tác giả."), code="forbidden")
        outside = [p for p, _s in authors if p.pk not in _employed_at([p.pk for p, _s in authors], unit, day)]
        if outside:
            raise DomainError(
                _("%(name)s không công tác tại “%(unit)s”: đồng tác giả ngoài đơn vị do cán bộ thi đua bổ sung.")
                % {"name": outside[0].full_name, "unit": unit.name},
                code="author_outside_unit",
                field="authors",
            )
    return [(p, s) for (p, _raw), s in zip(authors, shares, strict=True)]


def _unit_for(actor, unit: OrgUnit | None, day: dt.date) -> OrgUnit:
    scope = scope_for(actor)
    if unit is not None:
        if scope.can_write_unit(unit) or (scope.person_id and _employed_at([scope.person_id], unit, day)):
            return unit
        raise PermissionDenied(_("Bạn không có quyền gửi sáng kiến của “%(unit)s”.") % {"unit": unit.name}, code="forbidden")
    person = getattr(actor, "person", None)
    current = getattr(person, "current_unit", None) if person is not None else None
    if current is None:
        raise DomainError(_("Cần chọn đơn vị áp dụng sáng kiến."), code="required", field="unit")
    return current


@transaction.atomic
def initiative_create(
    *,
    actor,
    school_year,
    title: str,
    field: str,
    summary: str,
    solution: str,
    authors: Sequence[tuple[Person, object]],
    unit: OrgUnit | None = None,
    problem: str = "",
    results: str = "",
    applied_at: str = "",
    applied_from: dt.date | None = None,
    attachment=None,
    submit: bool = False,
    on: dt.date | None = None,
) -> Initiative:
    """A new initiative (a draft, or submitted at once with ``submit=True``)."""
    day = on or timezone.localdate()
    unit = _unit_for(actor, unit, day)
    title = checks.text(title, field="title", limit=500, required=True, label=_("tên sáng kiến"))
    values = {
        "field": checks.text(field, field="field", limit=200, required=True, label=_("lĩnh vực")),
        "summary": checks.text(summary, field="summary", limit=5000, required=True, label=_("tóm tắt sáng kiến")),
        "problem": checks.text(problem, field="problem", limit=10000),
        "solution": checks.text(solution, field="solution", limit=20000, required=True, label=_("nội dung giải pháp")),
        "results": checks.text(results, field="results", limit=10000),
        "applied_at": checks.text(applied_at, field="applied_at", limit=500),
    }
    checks.applied_from(applied_from, day)
    people = _authors(actor, unit, authors, day)
    if attachment is not None:
        try:
            check_scan(attachment)
        except DomainError as exc:
            raise DomainError(exc.message, code=exc.code, field="attachment") from None
    folded = fold(title)
    if Initiative.objects.filter(OPEN_Q, unit=unit, school_year=school_year, title_folded=folded).exists():
        raise Conflict(_("Đơn vị đã có sáng kiến “%(title)s” đang xét trong năm học này.") % {"title": title}, code="duplicate_initiative",
                       field="title")  # fmt: skip
    try:
        with transaction.atomic():
            initiative = Initiative.objects.create(
                title=title, title_folded=folded, search_key=fold(f"{title} {values['summary']} {values['solution']}")[:SEARCH_KEY_CHARS],
                unit=unit, school_year=school_year, applied_from=applied_from, entered_by=actor, **values,
                **({"attachment": attachment} if attachment is not None else {}),
            )  # fmt: skip
    except IntegrityError:
        raise Conflict(_("Sáng kiến này vừa được tạo bởi một thao tác khác."), code="duplicate_initiative") from None
    InitiativeAuthor.objects.bulk_create(
        InitiativeAuthor(initiative=initiative, person=p, share=s, order=i + 1) for i, (p, s) in enumerate(people)
    )
    audit.record(actor=actor, verb="initiative.created", target=initiative, unit=unit, after=_snapshot(initiative))
    if submit:
        initiative = _submit(actor, initiative)
    return initiative


def _require_author(actor, initiative: Initiative) -> None:
    scope = scope_for(actor)
    if scope.can_write_unit(initiative.unit):
        return
    if not (scope.person_id and initiative.authors.filter(person_id=scope.person_id).exists()):
        raise PermissionDenied(_("Bạn chỉ thay đổi được sáng kiến mà mình là tác giả."), code="forbidden")


def _submit(actor, initiative: Initiative) -> Initiative:
    rows = list(initiative.authors.select_related("person"))
    checks.shares([(a.person_id, a.person.full_name, a.share) for a in rows])
    if not initiative.summary or not initiative.solution:
        raise DomainError(_("Cần ghi tóm tắt và nội dung giải pháp trước khi gửi."), code="required", field="summary")
    return transition(initiative, action=A.SUBMIT, actor=actor, submitted_at=timezone.now())


@transaction.atomic
def initiative_submit(*, actor, initiative: Initiative) -> Initiative:
    _require_author(actor, initiative)
    return _submit(actor, initiative)


@transaction.atomic
def initiative_withdraw(*, actor, initiative: Initiative, reason: str = "") -> Initiative:
    _require_author(actor, initiative)
    reason = checks.text(reason, field="reason", limit=500)
    return transition(initiative, action=A.WITHDRAW, actor=actor, note=reason, audit_after={"reason": reason} if reason else None)


# -- the council ----------------------------------------------------------------------------------------
@transaction.atomic
def council_create(
    *, actor, unit: OrgUnit, school_year, members: Sequence[tuple[Person, str]], blind: bool = False, decision_number: str = "",
    pass_mark: Decimal = Decimal(50),
) -> InitiativeCouncil:  # fmt: skip
    scope = scope_for(actor)
    if not scope.can_write_unit(unit):
        raise PermissionDenied(_("Bạn không có quyền lập Hội đồng sáng kiến của “%(unit)s”.") % {"unit": unit.name}, code="forbidden")
    if not members:
        raise DomainError(_("Hội đồng sáng kiến cần ít nhất một thành viên."), code="members_required", field="members")
    if len({p.pk for p, _r in members}) != len(members):
        raise DomainError(_("Một người được ghi hai lần trong Hội đồng."), code="duplicate_member", field="members")
    if not Decimal(0) < Decimal(pass_mark) <= Decimal(100):
        raise DomainError(_("Điểm đạt phải từ 0 đến 100."), code="out_of_range", field="pass_mark")
    if InitiativeCouncil.objects.filter(unit=unit, school_year=school_year).exists():
        raise Conflict(_("“%(unit)s” đã có Hội đồng sáng kiến năm học %(year)s.") % {"unit": unit.name, "year": school_year.code},
                       code="duplicate_council")  # fmt: skip
    council = InitiativeCouncil.objects.create(unit=unit, school_year=school_year, blind=blind, pass_mark=pass_mark, created_by=actor,
                                               decision_number=checks.text(decision_number, field="decision_number", limit=64))  # fmt: skip
    CouncilSeat.objects.bulk_create(CouncilSeat(council=council, person=p, role=r or CouncilSeat.Role.MEMBER) for p, r in members)
    audit.record(actor=actor, verb="initiative_council.created", target=council, unit=unit,
                 after={"school_year": school_year.code, "blind": blind, "members": [p.full_name for p, _r in members]})  # fmt: skip
    return council


@transaction.atomic
def initiative_put_to_council(*, actor, initiative: Initiative) -> Initiative:
    if selectors.council_of(initiative) is None:
        raise DomainError(
            _("“%(unit)s” chưa có Hội đồng sáng kiến năm học %(year)s.")
            % {"unit": initiative.unit.name, "year": initiative.school_year.code},
            code="no_council",
        )
    return transition(initiative, action=A.REVIEW, actor=actor)


@transaction.atomic
def score_submit(*, actor, initiative: Initiative, points: Mapping[str, object], comments: Mapping[str, str] | None = None) -> list[Score]:
    """A council member's points for every criterion of the sheet, once."""
    seat = selectors.seat_of(actor, initiative)
    if seat is None:
        raise PermissionDenied(_("Chỉ thành viên Hội đồng sáng kiến của đơn vị chấm điểm sáng kiến này."), code="not_a_member")
    if initiative.authors.filter(person_id=seat.person_id).exists():
        raise PermissionDenied(_("Thành viên Hội đồng không chấm sáng kiến của chính mình."), code="own_initiative")
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.status != S.IN_REVIEW:
        raise Conflict(_("Sáng kiến không ở bước Hội đồng chấm điểm (%(status)s).") % {"status": locked.get_status_display()},
                       code="not_in_review")  # fmt: skip
    criteria = list(Criterion.objects.all())
    unknown = set(points) - {c.code for c in criteria}
    if unknown:
        raise DomainError(_("Tiêu chí “%(code)s” không có trong phiếu chấm.") % {"code": sorted(unknown)[0]}, code="unknown_criterion",
                          field="points")  # fmt: skip
    missing = [c.name for c in criteria if c.code not in points]
    if missing:
        raise DomainError(_("Cần chấm đủ các tiêu chí (còn thiếu “%(name)s”).") % {"name": missing[0]}, code="criterion_missing",
                          field="points")  # fmt: skip
    comments = comments or {}
    rows = [
        Score(initiative=initiative, seat=seat, criterion=c, points=checks.points(points[c.code], maximum=c.max_points, name=c.name),
              comment=checks.text(comments.get(c.code, ""), field="comments", limit=1000))
        for c in criteria
    ]  # fmt: skip
    if Score.objects.filter(initiative=initiative, seat=seat).exists():
        raise Conflict(_("Bạn đã chấm sáng kiến này; điểm đã chấm được giữ nguyên."), code="already_scored")
    try:
        with transaction.atomic():
            Score.objects.bulk_create(rows)
    except IntegrityError:
        raise Conflict(_("Bạn đã chấm sáng kiến này; điểm đã chấm được giữ nguyên."), code="already_scored") from None
    audit.record(actor=actor, verb="initiative.scored", target=initiative, unit=initiative.unit,
                 after={"member": seat.person.full_name, "points": {r.criterion.code: str(r.points) for r in rows}})  # fmt: skip
    return rows


# -- rulings on near-duplicates -------------------------------------------------------------------------
@transaction.atomic
def ruling_record(*, actor, initiative: Initiative, candidate: Initiative, disposition: str, note: str = "") -> Ruling:
    scope = scope_for(actor)
    if not (scope.can_write_unit(initiative.unit) or selectors.seat_of(actor, initiative)):
        raise PermissionDenied(_("Chỉ Hội đồng sáng kiến hoặc cán bộ của đơn vị ghi kết luận về sáng kiến tương tự."), code="forbidden")
    if disposition not in Ruling.Disposition.values:
        raise DomainError(_("Kết luận không hợp lệ."), code="invalid_choice", field="disposition")
    match = next((s for s in selectors.similar(actor=actor, initiative=initiative, threshold=0.0, limit=50) if s.candidate.pk == candidate.pk),
                 None)  # fmt: skip
    if match is None:
        raise DomainError(_("Sáng kiến được chọn không nằm trong danh sách sáng kiến tương tự."), code="not_a_candidate", field="candidate")
    note = checks.text(note, field="note", limit=1000)
    if Ruling.objects.filter(initiative=initiative, candidate=candidate).exists():
        raise Conflict(_("Đã có kết luận về sáng kiến tương tự này."), code="already_ruled")
    ruling = Ruling.objects.create(initiative=initiative, candidate=candidate, score=Decimal(str(match.score)), disposition=disposition,
                                   note=note, decided_by=actor)  # fmt: skip
    audit.record(actor=actor, verb="initiative.similarity_ruled", target=initiative, unit=initiative.unit,
                 after={"candidate": candidate.title, "score": str(ruling.score), "disposition": disposition, "note": note})  # fmt: skip
    return ruling


# -- recognition ----------------------------------------------------------------------------------------
def _check_body(initiative: Initiative, scope: str, body: OrgUnit) -> None:
    checks.body_may_grant(
        scope=scope, body_kind=body.kind.code, body_legal_entity=body.kind.legal_entity,
        body_is_unit_or_above=initiative.unit.path.startswith(body.path),
    )  # fmt: skip


@transaction.atomic
def initiative_recognise(
    *, actor, initiative: Initiative, scope: str, body: OrgUnit, decision_number: str, decision_date: dt.date, on: dt.date | None = None
) -> Recognition:
    """Recognise at ``scope`` by ``body``'s decision; writes the ledger's record (awards.services) and links it."""
    day = on or timezone.localdate()
    decision_number = checks.text(decision_number, field="decision_number", limit=64, required=True, label=_("số quyết định công nhận"))
    if decision_date is None or decision_date > day:
        raise DomainError(_("Ngày quyết định công nhận không được để trống hoặc sau hôm nay."), code="invalid_date", field="decision_date")
    _check_body(initiative, scope, body)
    if not scope_for(actor).can_write_unit(body):
        raise PermissionDenied(_("Bạn không có quyền ghi quyết định của “%(name)s”.") % {"name": body.name}, code="forbidden")
    if Recognition.objects.filter(initiative=initiative, scope=scope).exists():
        raise Conflict(_("Sáng kiến đã được công nhận ở phạm vi này."), code="already_recognised", field="scope")
    mean = None
    if scope == "unit":
        if initiative.status != S.IN_REVIEW:
            raise Conflict(_("Sáng kiến chưa qua Hội đồng sáng kiến của đơn vị."), code=f"initiative_{initiative.status}")
        res = selectors.result(initiative)
        if res.mean is None:
            raise DomainError(_("Hội đồng sáng kiến chưa chấm điểm sáng kiến này."), code="not_scored")
        if not res.passed:
            raise DomainError(_("Điểm trung bình của Hội đồng (%(mean)s) chưa đạt điểm đạt.") % {"mean": format(res.mean.normalize(), "f").replace(".", ",")},
                              code="below_pass_mark")  # fmt: skip
        mean = res.mean
    else:
        lower = checks.SCOPE_ORDER[checks.SCOPE_ORDER.index(scope) - 1]
        if not Recognition.objects.filter(initiative=initiative, scope=lower).exists() or initiative.status != S.FORWARDED:
            raise DomainError(_("Sáng kiến cần được công nhận ở phạm vi thấp hơn và được đề nghị lên trước."), code="scope_ladder",
                              field="scope")  # fmt: skip
    pending = selectors.pending_rulings(actor=actor, initiative=initiative)
    if pending:
        raise DomainError(
            _("Cần ghi kết luận về sáng kiến rất giống “%(title)s” trước khi công nhận.") % {"title": pending[0].candidate.title},
            code="similarity_pending",
        )
    people = [a.person for a in initiative.authors.select_related("person")]
    record = awards_services.initiative_record_create(
        actor=actor, unit=body, title=initiative.title, school_year=initiative.school_year, scope=scope, authors=people,
        decision_number=decision_number, decision_date=decision_date,
    )  # fmt: skip
    recognition = Recognition.objects.create(initiative=initiative, scope=scope, body=body, record=record, decision_number=decision_number,
                                             decision_date=decision_date, mean_score=mean, created_by=actor)  # fmt: skip
    transition(initiative, action=A.RECOGNISE, actor=actor, note=f"{decision_number} ({decision_date:%d/%m/%Y})", scope=scope,
               audit_after={"scope": scope, "body": body.name, "decision_number": decision_number, "record": record.pk})  # fmt: skip
    return recognition


@transaction.atomic
def initiative_reject(*, actor, initiative: Initiative, reason: str) -> Initiative:
    reason = checks.text(reason, field="reason", limit=500, required=True, label=_("lý do"))
    return transition(initiative, action=A.REJECT, actor=actor, note=reason, audit_after={"reason": reason})


@transaction.atomic
def initiative_forward(*, actor, initiative: Initiative, note: str = "") -> Initiative:
    if initiative.scope == "national":
        raise DomainError(_("Sáng kiến đã được công nhận ở phạm vi toàn quốc."), code="scope_ladder", field="scope")
    note = checks.text(note, field="note", limit=500)
    return transition(initiative, action=A.FORWARD, actor=actor, note=note)


@transaction.atomic
def initiative_decline(*, actor, initiative: Initiative, reason: str) -> Initiative:
    reason = checks.text(reason, field="reason", limit=500, required=True, label=_("lý do"))
    return transition(initiative, action=A.DECLINE, actor=actor, note=reason, audit_after={"reason": reason})
