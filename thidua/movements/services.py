"""Every change to a movement, its responses and reports: keyword-only, one transaction, audited.

Statuses change only through ``core.workflow.transition`` (``states.MOVEMENT``, ``states.RESPONSE``); the
domain checks come first (``checks``), so a refusal saves nothing. Deadlines are working days
(``deadlines``, over ``years.calendar``).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.core.vietnamese import clean_text
from thidua.core.workflow import transition
from thidua.org.models import OrgUnit

from . import announce, checks, states
from .deadlines import add_working_days
from .models import Milestone, MilestoneKind, Movement, MovementKind, MovementReport, MovementResponse, MovementTarget
from .selectors import visible_q
from .uploads import check_document

S, RS = states.MovementStatus, states.ResponseStatus
TEXT_FIELDS = ("slogan", "goals", "content", "criteria")
DATE_FIELDS = ("period_start", "period_end", "registration_opens", "registration_closes", "phase_review_on", "final_review_on")


@dataclass(frozen=True)
class TargetSpec:
    unit: OrgUnit
    include_subtree: bool = True


def _long_text(value: str | None) -> str:
    """NFC, trimmed, line breaks kept (goals and content are paragraphs)."""
    return unicodedata.normalize("NFC", value or "").strip()


def _actor_or_none(actor):
    return actor if getattr(actor, "pk", None) else None


def _require_write(actor, unit: OrgUnit) -> None:
    if not scope_for(actor).can_write_unit(unit):
        raise PermissionDenied(_("Bạn không có quyền phát động phong trào của “%(name)s”.") % {"name": unit.name}, code="forbidden")


def _granting(launcher: OrgUnit, day: dt.date) -> tuple[OrgUnit | None, str]:
    """The launcher, or its nearest ancestor, that decides awards, and its authority in words."""
    units = {u.path: u for u in OrgUnit.objects.filter(path__in=launcher.ancestor_paths()).select_related("kind")}
    for path in reversed(launcher.ancestor_paths()):
        unit = units.get(path)
        if unit is None:
            continue
        text = checks.granting_authority(kind_code=unit.kind.code, legal_entity=unit.kind.legal_entity, day=day)
        if text:
            return unit, text[:500]
    return None, ""


def _check(movement: Movement, targets: Sequence[TargetSpec] | None) -> None:
    checks.kind_fields(kind=movement.kind, has_school_year=movement.school_year_id is not None, field=movement.field)
    if movement.kind not in MovementKind.values:
        raise DomainError(_("Loại phong trào không hợp lệ."), code="invalid_kind", field="kind")
    checks.period(start=movement.period_start, end=movement.period_end)
    checks.window(
        opens=movement.registration_opens, closes=movement.registration_closes, start=movement.period_start, end=movement.period_end
    )
    checks.milestones(phase=movement.phase_review_on, final=movement.final_review_on, start=movement.period_start, end=movement.period_end)
    if not movement.name:
        raise DomainError(_("Cần có tên phong trào."), code="required", field="name")
    for spec in targets or ():
        checks.target_within(target_path=spec.unit.path, target_name=spec.unit.name, launcher_path=movement.launcher.path,
                             launcher_name=movement.launcher.name)  # fmt: skip
    if movement.kind == MovementKind.REGULAR and _duplicate_regular(movement):
        raise Conflict(
            _("%(launcher)s đã có phong trào thi đua thường xuyên năm học %(year)s.")
            % {"launcher": movement.launcher.name, "year": movement.school_year.code},
            code="duplicate_movement",
            field="school_year",
        )


def _duplicate_regular(movement: Movement) -> bool:
    others = Movement.objects.filter(launcher=movement.launcher, school_year=movement.school_year, kind=MovementKind.REGULAR)
    return others.exclude(status=S.CANCELLED).exclude(pk=movement.pk).exists()


def _check_parent(actor, parent: Movement | None, launcher: OrgUnit) -> None:
    if parent is None:
        return
    if not Movement.objects.filter(visible_q(scope_for(actor)), pk=parent.pk).exists():
        raise DomainError(_("Không tìm thấy phong trào cấp trên."), code="unknown_movement", field="parent")
    if parent.status not in states.OPEN:
        raise DomainError(
            _("Phong trào “%(name)s” không còn nhận hưởng ứng (%(status)s).")
            % {"name": parent.name, "status": parent.get_status_display()},
            code="parent_not_open",
            field="parent",
        )
    if parent.launcher_id == launcher.pk:
        raise DomainError(_("Phong trào hưởng ứng phải của đơn vị cấp dưới."), code="invalid_parent", field="parent")


def _store_document(movement: Movement, document) -> None:
    if document:
        movement.plan_document_type = check_document(document, field="plan_document")


def _set_targets(movement: Movement, targets: Sequence[TargetSpec]) -> None:
    movement.targets.all().delete()
    seen: dict[int, TargetSpec] = {}
    for spec in targets:
        seen.setdefault(spec.unit.pk, spec)
    MovementTarget.objects.bulk_create(
        MovementTarget(movement=movement, unit=s.unit, include_subtree=s.include_subtree) for s in seen.values()
    )


def _snapshot(movement: Movement) -> dict:
    data = audit.snapshot(movement, fields=["launcher", "kind", "field", "name", "school_year", *DATE_FIELDS, "response_days", "status"])
    data["target_units"] = [t.unit.name + (" (" + _("cả các đơn vị trực thuộc") + ")" if t.include_subtree else "")
                            for t in movement.targets.select_related("unit")]  # fmt: skip
    data["planned_awards"] = sorted(movement.planned_awards.values_list("pk", flat=True))
    return data


@transaction.atomic
def movement_create(
    *,
    actor,
    launcher: OrgUnit,
    kind: str,
    name: str,
    school_year=None,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    parent: Movement | None = None,
    field: str = "",
    slogan: str = "",
    goals: str = "",
    content: str = "",
    criteria: str = "",
    subjects: str = "both",
    registration_opens: dt.date | None = None,
    registration_closes: dt.date | None = None,
    phase_review_on: dt.date | None = None,
    final_review_on: dt.date | None = None,
    response_days: int = 10,
    report_days: int = 5,
    planned_awards: Iterable = (),
    targets: Sequence[TargetSpec] | None = None,
    plan_document=None,
) -> Movement:
    """A draft movement of ``launcher``; a regular one takes its period from the school year unless given.
    Without targets it is launched to the launcher's whole subtree."""
    _require_write(actor, launcher)
    if kind == MovementKind.REGULAR and school_year is not None:
        period_start = period_start or school_year.start_date
        period_end = period_end or school_year.end_date
    movement = Movement(
        launcher=launcher, kind=kind, name=clean_text(name), school_year=school_year, period_start=period_start, period_end=period_end,
        parent=parent, field=field if kind == MovementKind.THEMATIC else "", subjects=subjects, registration_opens=registration_opens,
        registration_closes=registration_closes, phase_review_on=phase_review_on, final_review_on=final_review_on,
        response_days=response_days, report_days=report_days, created_by=_actor_or_none(actor), slogan=clean_text(slogan),
        goals=_long_text(goals), content=_long_text(content), criteria=_long_text(criteria),
    )  # fmt: skip
    targets = list(targets) if targets else [TargetSpec(launcher, True)]
    _check(movement, targets)
    _check_parent(actor, parent, launcher)
    _store_document(movement, plan_document)
    movement.granting_unit, movement.granting_authority = _granting(launcher, period_start)
    try:
        with transaction.atomic():
            movement.save()
    except IntegrityError:
        raise Conflict(_("Đơn vị đã có phong trào thường xuyên năm học này."), code="duplicate_movement", field="school_year") from None
    if plan_document:  # stored only once every check passed
        movement.plan_document = plan_document
        movement.save(update_fields=["plan_document"])
    movement.planned_awards.set(list(planned_awards))
    _set_targets(movement, targets)
    audit.record(actor=actor, verb="movement.created", target=movement, unit=launcher, after=_snapshot(movement))
    return movement


UPDATABLE = {"name", "parent", "field", "subjects", "school_year", "response_days", "report_days", *TEXT_FIELDS, *DATE_FIELDS}


@transaction.atomic
def movement_update(
    *, actor, movement: Movement, changes: dict, planned_awards: Iterable | None = None, targets: Sequence[TargetSpec] | None = None,
    plan_document=None,
) -> Movement:  # fmt: skip
    """Change a draft: its fields, planned awards, targets or plan document. A launched movement is not edited."""
    _require_write(actor, movement.launcher)
    movement = Movement.objects.select_for_update(of=("self",)).select_related("launcher", "school_year").get(pk=movement.pk)
    if movement.status != S.DRAFT:
        raise Conflict(_("Chỉ sửa được phong trào đang dự thảo."), code=f"movement_{movement.status}")
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise DomainError(_("Không được sửa: %(f)s.") % {"f": ", ".join(sorted(unknown))}, code="invalid_field")
    before = _snapshot(movement)
    for key, value in changes.items():
        if key == "name" or key == "slogan":
            value = clean_text(value)
        elif key in TEXT_FIELDS:
            value = _long_text(value)
        setattr(movement, key, value)
    if movement.kind == MovementKind.REGULAR and movement.school_year is not None:  # as at creation: the year's dates by default
        movement.period_start = movement.period_start or movement.school_year.start_date
        movement.period_end = movement.period_end or movement.school_year.end_date
    if movement.kind != MovementKind.THEMATIC:
        movement.field = ""
    _check(movement, targets)
    if "parent" in changes:
        _check_parent(actor, movement.parent, movement.launcher)
    _store_document(movement, plan_document)
    if plan_document:
        movement.plan_document = plan_document
    movement.granting_unit, movement.granting_authority = _granting(movement.launcher, movement.period_start)
    movement.save()
    if planned_awards is not None:
        movement.planned_awards.set(list(planned_awards))
    if targets is not None:
        _set_targets(movement, targets)
    audit.record(actor=actor, verb="movement.updated", target=movement, unit=movement.launcher, before=before, after=_snapshot(movement))
    return movement


def responding_units(movement: Movement) -> list[OrgUnit]:
    """The units that answer a launch: each target itself (never the launcher) and, for a subtree target,
    every active unit with legal personality below it (schools, communes …; a tổ answers through its school)."""
    out: dict[int, OrgUnit] = {}
    for target in movement.targets.select_related("unit"):
        if target.unit_id != movement.launcher_id:
            out[target.unit_id] = target.unit
        if target.include_subtree:
            below = OrgUnit.objects.active().filter(path__startswith=target.unit.path, kind__legal_entity=True).exclude(pk=target.unit_id)
            for unit in below.exclude(pk=movement.launcher_id).order_by("path"):
                out[unit.pk] = unit
    return sorted(out.values(), key=lambda u: u.path)


def _open_responses(movement: Movement, launched_on: dt.date) -> list[tuple[OrgUnit, dt.date]]:
    """Create one pending response per responding unit, due ``response_days`` working days after the launch.

    Returns (unit, due day) per response, which the launch announces (``announce.launched``)."""
    due = add_working_days(launched_on, movement.response_days)
    units = responding_units(movement)
    MovementResponse.objects.bulk_create(MovementResponse(movement=movement, unit=u, due_on=due) for u in units)
    return [(u, due) for u in units]


def _open_milestones(movement: Movement) -> None:
    rows = [(MilestoneKind.PHASE_REVIEW, movement.phase_review_on), (MilestoneKind.FINAL_REVIEW, movement.final_review_on)]
    Milestone.objects.bulk_create(
        Milestone(movement=movement, kind=kind, held_on=day, due_on=add_working_days(day, movement.report_days))
        for kind, day in rows
        if day
    )


@transaction.atomic
def movement_launch(*, actor, movement: Movement, launched_on: dt.date | None = None, note: str = "") -> Movement:
    """Phát động: the movement opens; every responding unit gets a pending response with its due day. A movement
    that answers a higher one submits the launcher's response to it (the child movement is the plan)."""
    _require_write(actor, movement.launcher)
    today = timezone.localdate()
    launched_on = launched_on or today
    if launched_on > today:
        raise DomainError(_("Ngày phát động không thể sau hôm nay."), code="date_in_future", field="launched_on")
    if launched_on > movement.period_end:
        raise DomainError(_("Ngày phát động sau khi thời gian thi đua đã kết thúc."), code="window_outside_period", field="launched_on")
    targets = [TargetSpec(t.unit, t.include_subtree) for t in movement.targets.select_related("unit")]
    if not targets:
        raise DomainError(_("Phong trào cần ít nhất một đơn vị được phát động."), code="required", field="targets")
    for t in targets:
        if not t.unit.is_active:
            raise DomainError(_("“%(unit)s” đã ngừng hoạt động.") % {"unit": t.unit.name}, code="unit_closed", field="targets")
    _check(movement, targets)
    transition(movement, action=states.MovementAction.LAUNCH, actor=actor, note=clean_text(note), launched_on=launched_on)
    opened = _open_responses(movement, launched_on)
    _open_milestones(movement)
    announce.launched(actor=actor, movement=movement, opened=opened)
    if movement.parent_id:
        _answer_parent(actor, movement, launched_on)
    audit.record(actor=actor, verb="movement.responses_opened", target=movement, unit=movement.launcher,
                 after={"responses": len(opened), "due_on": opened[0][1] if opened else None})  # fmt: skip
    return movement


def _answer_parent(actor, movement: Movement, on: dt.date) -> None:
    response = MovementResponse.objects.filter(movement_id=movement.parent_id, unit_id=movement.launcher_id).first()
    if response is not None and response.status in states.AWAITING:
        _submit(actor, response, text="", child_movement=movement, on=on, attachment=None)


@transaction.atomic
def movement_begin_review(*, actor, movement: Movement, note: str = "") -> Movement:
    return transition(movement, action=states.MovementAction.BEGIN_REVIEW, actor=actor, note=clean_text(note))


@transaction.atomic
def movement_close(*, actor, movement: Movement, note: str = "") -> Movement:
    return transition(movement, action=states.MovementAction.CLOSE, actor=actor, note=clean_text(note))


@transaction.atomic
def movement_cancel(*, actor, movement: Movement, reason: str) -> Movement:
    """Hủy: a draft or a running movement, with a reason; never one that already led to an award decision."""
    _require_write(actor, movement.launcher)
    reason = clean_text(reason)
    if not reason:
        raise DomainError(_("Cần ghi rõ lý do hủy."), code="required", field="reason")
    if movement.decisions.exists():
        raise Conflict(_("Phong trào đã có quyết định khen thưởng, không thể hủy."), code="movement_has_decisions", field="reason")
    return transition(movement, action=states.MovementAction.CANCEL, actor=actor, note=reason, cancel_reason=reason[:500],
                      audit_after={"reason": reason})  # fmt: skip


# -- responses ------------------------------------------------------------------------------------------
def _require_open(movement: Movement) -> None:
    if movement.status not in states.OPEN:
        raise Conflict(
            _("Phong trào “%(name)s” đang ở trạng thái “%(status)s”, không nhận kế hoạch, báo cáo.")
            % {"name": movement.name, "status": movement.get_status_display()},
            code=f"movement_{movement.status}",
        )


def _answer_day(on: dt.date | None, since: dt.date | None) -> dt.date:
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise DomainError(_("Ngày gửi không thể sau hôm nay."), code="date_in_future", field="on")
    if since is not None and on < since:
        raise DomainError(
            _("Ngày gửi không thể trước ngày phát động (%(d)s).") % {"d": f"{since:%d/%m/%Y}"}, code="date_before_launch", field="on"
        )
    return on


def _submit(actor, response: MovementResponse, *, text: str, attachment, child_movement: Movement | None, on: dt.date | None):
    movement = response.movement
    _require_open(movement)
    text = _long_text(text)
    if child_movement is not None and (child_movement.parent_id != movement.pk or child_movement.launcher_id != response.unit_id):
        raise DomainError(
            _("Phong trào phát động lại phải là phong trào của đơn vị, hưởng ứng phong trào này."),
            code="invalid_child",
            field="child_movement",
        )
    if not text and not attachment and child_movement is None:
        raise DomainError(
            _("Cần ghi nội dung kế hoạch, đính kèm tệp kế hoạch hoặc chọn phong trào phát động lại."), code="required", field="text"
        )
    kind = check_document(attachment, field="attachment") if attachment else ""
    day = _answer_day(on, movement.launched_on)
    changes = {
        "text": text,
        "child_movement": child_movement,
        "submitted_on": day,
        "submitted_by": _actor_or_none(actor),
        "return_reason": "",
    }
    if attachment:
        changes.update(attachment=attachment, attachment_type=kind)
    response = transition(response, action=states.ResponseAction.SUBMIT, actor=actor, **changes,
                          audit_after={"child_movement": child_movement.pk if child_movement else None, "submitted_on": day})  # fmt: skip
    announce.answered(actor=actor, response=response)
    return response


@transaction.atomic
def response_submit(
    *, actor, response: MovementResponse, text: str = "", attachment=None, child_movement: Movement | None = None, on: dt.date | None = None
) -> MovementResponse:
    """The unit's plan in answer to the movement: a text, an attached plan, or its own child movement."""
    if not scope_for(actor).can_write_unit(response.unit):
        raise PermissionDenied(_("Bạn không có quyền gửi kế hoạch của “%(unit)s”.") % {"unit": response.unit.name}, code="forbidden")
    return _submit(actor, response, text=text, attachment=attachment, child_movement=child_movement, on=on)


def _require_launcher(actor, response: MovementResponse) -> None:
    if not scope_for(actor).can_write_unit(response.movement.launcher):
        raise PermissionDenied(_("Chỉ đơn vị phát động mới ghi nhận hoặc trả lại kế hoạch hưởng ứng."), code="not_launcher")


@transaction.atomic
def response_acknowledge(*, actor, response: MovementResponse, note: str = "") -> MovementResponse:
    _require_launcher(actor, response)
    return transition(response, action=states.ResponseAction.ACKNOWLEDGE, actor=actor, note=clean_text(note))


@transaction.atomic
def response_return(*, actor, response: MovementResponse, reason: str) -> MovementResponse:
    _require_launcher(actor, response)
    reason = clean_text(reason)
    if not reason:
        raise DomainError(_("Cần ghi rõ nội dung cần bổ sung."), code="required", field="reason")
    response = transition(response, action=states.ResponseAction.RETURN, actor=actor, note=reason, return_reason=reason[:500],
                          audit_after={"reason": reason})  # fmt: skip
    announce.returned(actor=actor, response=response, reason=reason)
    return response


# -- reports --------------------------------------------------------------------------------------------
def _figures(figures: Sequence[tuple[str, str]]) -> list[list[str]]:
    out = []
    for label, value in figures:
        label, value = clean_text(label), clean_text(str(value))
        if label or value:
            if not label or not value:
                raise DomainError(_("Mỗi số liệu cần có tên và giá trị."), code="invalid_figure", field="figures")
            out.append([label[:200], value[:100]])
    return out


@transaction.atomic
def report_submit(
    *, actor, response: MovementResponse, kind: str, text: str, figures: Sequence[tuple[str, str]] = (), attachment=None,
    on: dt.date | None = None,
) -> MovementReport:  # fmt: skip
    """The unit's sơ kết or tổng kết report; sent again, it replaces the earlier one (audited with both)."""
    if not scope_for(actor).can_write_unit(response.unit):
        raise PermissionDenied(_("Bạn không có quyền gửi báo cáo của “%(unit)s”.") % {"unit": response.unit.name}, code="forbidden")
    movement = Movement.objects.get(pk=response.movement_id)
    _require_open(movement)
    milestone = movement.milestones.filter(kind=kind).first()
    if milestone is None:
        raise DomainError(_("Phong trào không có mốc này trong kế hoạch."), code="unknown_milestone", field="kind")
    text = _long_text(text)
    if not text:
        raise DomainError(_("Cần có nội dung báo cáo."), code="required", field="text")
    rows = _figures(figures)
    file_kind = check_document(attachment, field="attachment") if attachment else ""
    day = _answer_day(on, movement.launched_on)
    report = MovementReport.objects.select_for_update().filter(milestone=milestone, unit=response.unit).first()
    before = audit.snapshot(report, fields=["text", "figures", "submitted_on"]) if report else {}
    if report is None:
        report = MovementReport(milestone=milestone, unit=response.unit)
    report.text, report.figures, report.submitted_on, report.submitted_by = text, rows, day, _actor_or_none(actor)
    if attachment:
        report.attachment, report.attachment_type = attachment, file_kind
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise Conflict(_("Báo cáo vừa được gửi bởi người khác; hãy tải lại trang."), code="state_changed") from None
    audit.record(actor=actor, verb="movement.report_submitted", target=report, unit=response.unit, before=before,
                 after={"milestone": milestone.get_kind_display(), "text": text, "figures": rows, "submitted_on": day})  # fmt: skip
    return report
