"""Every change to a registration: keyword-only, one transaction, audited; statuses change through
``core.workflow.transition`` (one row) or ``transition_many`` (a bulk approval or return, in a fixed number of
queries). The checks come first, so a refusal saves nothing.

* Create: the movement is launched, reaches the unit, and its window is open on the day (late only by an
  officer of the unit, with a reason: ``late=True``); a person registers themself (self-service) or an officer of
  their unit does it for them (``on_behalf``); a collective is registered by an officer of it or above. Each target
  is a catalogue entry in force on the day, of the subject's kind (no collective title for a person); a subject
  registers once per movement and a title once per school year.
* Approve / return: individual registrations by an officer or head of ``unit_of_record`` other than the
  registrant; collective ones by the level above. A return needs a reason. Two approvers racing: the row lock
  lets one win; the other is told (``Conflict``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.awards.lookup import kind_index
from thidua.awards.models import Subject
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.core.vietnamese import clean_text
from thidua.core.workflow import transition, transition_many
from thidua.movements.models import Movement, Subjects
from thidua.movements.states import OPEN
from thidua.org.models import OrgUnit
from thidua.people.models import Employment, Person

from . import notices, states
from .models import LIVE_Q, Commitment, CommitmentOption, Registration, RegistrationTarget

S, A = states.RegistrationStatus, states.RegistrationAction
MAX_TARGETS = 10
MAX_COMMITMENTS = 30


@dataclass(frozen=True)
class CommitmentSpec:
    text: str = ""
    option: CommitmentOption | None = None
    indicator: str = ""
    target_value: str = ""


# -- checks ----------------------------------------------------------------------------------------------
def _text(value: str, *, field: str, limit: int) -> str:
    if value and "\x00" in value:
        raise DomainError(_("Nội dung có ký tự không hợp lệ."), code="invalid_text", field=field)
    text = clean_text(value)
    if len(text) > limit:
        raise DomainError(_("Nội dung quá dài (tối đa %(n)d ký tự).") % {"n": limit}, code="too_long", field=field)
    return text


def reaches(movement: Movement, unit: OrgUnit) -> bool:
    """The movement was launched to ``unit`` (a target that is the unit, or above it with its subtree), or by it."""
    if unit.path.startswith(movement.launcher.path):
        for target in movement.targets.select_related("unit"):
            if target.unit_id == unit.pk or (target.include_subtree and unit.path.startswith(target.unit.path)):
                return True
        return movement.launcher_id == unit.pk
    return False


def _check_movement(movement: Movement, unit: OrgUnit, *, collective: bool) -> None:
    if movement.status not in OPEN:
        raise Conflict(
            _("Phong trào “%(name)s” không nhận đăng ký thi đua (%(status)s).")
            % {"name": movement.name, "status": movement.get_status_display()},
            code="movement_not_open",
            field="movement",
        )
    if not reaches(movement, unit):
        raise DomainError(
            _("Phong trào “%(name)s” không phát động tới “%(unit)s”.") % {"name": movement.name, "unit": unit.name},
            code="not_targeted",
            field="movement",
        )
    if collective and movement.subjects == Subjects.INDIVIDUALS:
        raise DomainError(_("Phong trào này chỉ dành cho cá nhân."), code="individuals_only", field="unit")
    if not collective and movement.subjects == Subjects.COLLECTIVES:
        raise DomainError(_("Phong trào này chỉ dành cho tập thể."), code="collectives_only", field="person")


def _window(movement: Movement, day: dt.date, *, officer: bool, late_reason: str) -> bool:
    """Whether the registration is late; refuses outside the window unless an officer gives a reason."""
    opens, closes = movement.registration_opens, movement.registration_closes
    if opens and closes and opens <= day <= closes:
        return False
    if opens is None or closes is None:
        message = _("Phong trào “%(name)s” chưa có thời hạn đăng ký thi đua.") % {"name": movement.name}
    elif day < opens:
        message = _("Chưa đến thời hạn đăng ký thi đua (mở từ ngày %(d)s).") % {"d": f"{opens:%d/%m/%Y}"}
    else:
        message = _("Đã hết hạn đăng ký thi đua (hạn cuối ngày %(d)s).") % {"d": f"{closes:%d/%m/%Y}"}
    if not officer:
        raise DomainError(message, code="window_closed", field="movement")
    if not late_reason:
        raise DomainError(message + " " + _("Cán bộ đăng ký muộn cần ghi lý do."), code="late_needs_reason", field="late_reason")
    return True


def year_of(movement: Movement):
    """The movement's school year; a campaign or thematic movement's is the one its period starts in."""
    from thidua.years.models import SchoolYear

    if movement.school_year_id is not None:
        return movement.school_year
    year = SchoolYear.objects.filter(start_date__lte=movement.period_start, end_date__gte=movement.period_start).first()
    if year is None:
        raise DomainError(_("Phong trào “%(name)s” không gắn với năm học nào.") % {"name": movement.name}, code="no_school_year",
                          field="movement")  # fmt: skip
    return year


def _unit_of_record(person: Person, year, day: dt.date) -> tuple[OrgUnit, str]:
    """The unit the person works in on ``day`` (else their last unit in the school year) and their position there."""
    rows = (
        Employment.objects.filter(person=person, start_date__lte=min(day, year.end_date))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=year.start_date))
        .select_related("unit")
        .order_by("-start_date", "-id")
    )
    for row in rows:
        if row.end_date is None or row.end_date >= day:
            return row.unit, row.position
    row = rows.first()
    if row is None:
        raise DomainError(
            _("%(name)s không công tác tại đơn vị nào trong năm học %(year)s.") % {"name": person.full_name, "year": year.code},
            code="not_employed",
            field="person",
        )
    return row.unit, row.position


def _kinds(codes: Sequence[str], *, subject: str, day: dt.date) -> list:
    if not codes:
        raise DomainError(_("Cần chọn ít nhất một danh hiệu hoặc hình thức khen thưởng."), code="no_target", field="targets")
    if len(codes) > MAX_TARGETS:
        raise DomainError(_("Tối đa %(n)d danh hiệu, hình thức.") % {"n": MAX_TARGETS}, code="too_many", field="targets")
    index = kind_index(day)
    kinds = {}
    for code in codes:
        kind = index.on(str(code), day)
        if kind is None:
            raise DomainError(
                _("“%(code)s” không có trong danh mục áp dụng ngày %(day)s.") % {"code": code, "day": f"{day:%d/%m/%Y}"},
                code="unknown_award_kind",
                field="targets",
            )
        if kind.subject != subject:
            message = (
                _("“%(name)s” là danh hiệu, hình thức dành cho tập thể, cá nhân không đăng ký được.")
                if subject == Subject.INDIVIDUAL
                else _("“%(name)s” là danh hiệu, hình thức dành cho cá nhân, tập thể không đăng ký được.")
            )
            raise DomainError(message % {"name": kind.name}, code="wrong_subject", field="targets")
        kinds.setdefault(kind.code, kind)
    return list(kinds.values())


def _commitments(specs: Sequence[CommitmentSpec], *, unit: OrgUnit, year) -> list[Commitment]:
    if len(specs) > MAX_COMMITMENTS:
        raise DomainError(_("Tối đa %(n)d cam kết.") % {"n": MAX_COMMITMENTS}, code="too_many", field="commitments")
    out = []
    for i, spec in enumerate(specs):
        option = spec.option
        if option is not None and (option.school_year_id != year.pk or not unit.path.startswith(option.unit.path)):
            raise DomainError(_("Cam kết đã chọn không thuộc danh sách cam kết của đơn vị."), code="unknown_option", field="commitments")
        text = _text(spec.text, field="commitments", limit=500) or (option.text if option else "")
        if not text:
            continue
        out.append(Commitment(order=i + 1, option=option, text=text, indicator=_text(spec.indicator, field="commitments", limit=200),
                              target_value=_text(spec.target_value, field="commitments", limit=100)))  # fmt: skip
    return out


def _duplicates(*, movement: Movement, year, person: Person | None, unit: OrgUnit | None, codes: Iterable[str], exclude: int | None = None):
    subject = {"person": person} if person is not None else {"unit": unit}
    name = person.full_name if person is not None else unit.name
    live = Registration.objects.filter(LIVE_Q, **subject).exclude(pk=exclude)
    if live.filter(movement=movement).exists():
        raise Conflict(
            _("%(name)s đã đăng ký thi đua trong phong trào “%(movement)s”.") % {"name": name, "movement": movement.name},
            code="duplicate_registration",
        )
    same = (
        RegistrationTarget.objects.filter(registration__in=live.filter(school_year=year), kind_code__in=list(codes))
        .select_related("kind")
        .first()
    )
    if same is not None:
        raise Conflict(
            _("%(name)s đã đăng ký “%(title)s” năm học %(year)s.") % {"name": name, "title": same.kind.name, "year": year.code},
            code="duplicate_title",
            field="targets",
        )


def _snapshot(registration: Registration) -> dict:
    data = audit.snapshot(registration, fields=["movement", "school_year", "person", "unit", "unit_of_record", "status", "late",
                                                "late_reason", "on_behalf"])  # fmt: skip
    data["targets"] = sorted(registration.targets.values_list("kind__name", flat=True))  # names: the log is read by people
    data["commitments"] = list(registration.commitments.values_list("text", flat=True))
    return data


def _save_parts(registration: Registration, kinds: list, commitments: list[Commitment]) -> None:
    registration.targets.all().delete()
    registration.commitments.all().delete()
    RegistrationTarget.objects.bulk_create(RegistrationTarget(registration=registration, kind=k, kind_code=k.code) for k in kinds)
    for c in commitments:
        c.registration = registration
    Commitment.objects.bulk_create(commitments)


# -- create and submit -----------------------------------------------------------------------------------
@transaction.atomic
def registration_create(
    *,
    actor,
    movement: Movement,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    kind_codes: Sequence[str],
    commitments: Sequence[CommitmentSpec] = (),
    late_reason: str = "",
    submit: bool = True,
    on: dt.date | None = None,
) -> Registration:
    """Register a person (themself, or an officer for them) or a collective for titles in a movement's year."""
    if (person is None) == (unit is None):
        raise DomainError(_("Cần chọn một cá nhân hoặc một tập thể."), code="one_subject", field="person")
    day = on or timezone.localdate()
    scope = scope_for(actor)
    late_reason = _text(late_reason, field="late_reason", limit=500)
    year = year_of(movement)
    if person is not None:
        record_unit, position = _unit_of_record(person, year, day)
        own = scope.person_id is not None and scope.person_id == person.pk
        officer = scope.can_write_unit(record_unit)
        if not own and not officer:
            raise PermissionDenied(_("Bạn chỉ đăng ký thi đua được cho chính mình."), code="forbidden")
        subject = Subject.INDIVIDUAL
        on_behalf = not own
    else:
        record_unit, position = unit, ""
        if not scope.can_write_unit(unit):
            raise PermissionDenied(_("Bạn không có quyền đăng ký thi đua cho “%(unit)s”.") % {"unit": unit.name}, code="forbidden")
        officer, own, on_behalf, subject = True, False, False, Subject.COLLECTIVE
    _check_movement(movement, record_unit, collective=unit is not None)
    late = _window(movement, day, officer=officer and not own, late_reason=late_reason)
    kinds = _kinds(kind_codes, subject=subject, day=day)
    parts = _commitments(commitments, unit=record_unit, year=year)
    _duplicates(movement=movement, year=year, person=person, unit=unit, codes=[k.code for k in kinds])
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                movement=movement, school_year=year, person=person, unit=unit, unit_of_record=record_unit,
                position=position, late=late, late_reason=late_reason if late else "", entered_by=actor, on_behalf=on_behalf,
            )  # fmt: skip
    except IntegrityError:  # a concurrent registration of the same subject
        raise Conflict(_("Đăng ký này vừa được tạo bởi một thao tác khác."), code="duplicate_registration") from None
    _save_parts(registration, kinds, parts)
    audit.record(actor=actor, verb="registration.created", target=registration, unit=record_unit, after=_snapshot(registration))
    if submit:
        registration = _submit(actor, registration)
    return registration


def _submit(actor, registration: Registration, note: str = "") -> Registration:
    registration = transition(registration, action=A.SUBMIT, actor=actor, note=note, submitted_at=timezone.now(), return_reason="")
    notices.to_approve(actor=actor, registration=registration)
    return registration


@transaction.atomic
def registration_submit(
    *,
    actor,
    registration: Registration,
    kind_codes: Sequence[str] | None = None,
    commitments: Sequence[CommitmentSpec] | None = None,
    on: dt.date | None = None,
) -> Registration:
    """Send a draft or a returned registration (with its targets and commitments changed, when given)."""
    _require_registrant(actor, registration)
    if kind_codes is not None or commitments is not None:
        day = on or timezone.localdate()
        subject = Subject.COLLECTIVE if registration.is_collective else Subject.INDIVIDUAL
        kinds = _kinds(kind_codes if kind_codes is not None else list(registration.targets.values_list("kind_code", flat=True)),
                       subject=subject, day=day)  # fmt: skip
        parts = (
            _commitments(commitments, unit=registration.unit_of_record, year=registration.school_year) if commitments is not None else None
        )
        _duplicates(movement=registration.movement, year=registration.school_year, person=registration.person, unit=registration.unit,
                    codes=[k.code for k in kinds], exclude=registration.pk)  # fmt: skip
        before = _snapshot(registration)
        if parts is None:
            parts = [Commitment(order=c.order, option=c.option, text=c.text, indicator=c.indicator, target_value=c.target_value)
                     for c in registration.commitments.all()]  # fmt: skip
        _save_parts(registration, kinds, parts)
        audit.record(actor=actor, verb="registration.changed", target=registration, before=before, after=_snapshot(registration))
    return _submit(actor, registration)


@transaction.atomic
def registration_amend(
    *,
    actor,
    registration: Registration,
    reason: str,
    kind_codes: Sequence[str] | None = None,
    commitments: Sequence[CommitmentSpec] | None = None,
    on: dt.date | None = None,
) -> Registration:
    """Change the titles or commitments of an approved registration, with a reason: it goes back for approval
    (the window need not be open: a registration is amended during the year). The approved version stays in the
    audit row's ``before`` and the history row carries the reason."""
    _require_registrant(actor, registration)
    reason = _text(reason, field="reason", limit=500)
    if not reason:
        raise DomainError(_("Cần ghi lý do sửa đăng ký đã duyệt."), code="reason_required", field="reason")
    if registration.status != S.APPROVED:
        raise Conflict(_("Chỉ sửa theo cách này đăng ký thi đua đã được duyệt."), code="not_approved")
    if registration.movement.status not in OPEN:
        raise Conflict(
            _("Phong trào “%(name)s” không còn nhận đăng ký thi đua (%(status)s).")
            % {"name": registration.movement.name, "status": registration.movement.get_status_display()},
            code="movement_not_open",
        )
    day = on or timezone.localdate()
    subject = Subject.COLLECTIVE if registration.is_collective else Subject.INDIVIDUAL
    current_codes = list(registration.targets.values_list("kind_code", flat=True))
    kinds = _kinds(kind_codes if kind_codes is not None else current_codes, subject=subject, day=day)
    if commitments is not None:
        parts = _commitments(commitments, unit=registration.unit_of_record, year=registration.school_year)
    else:
        parts = [Commitment(order=c.order, option=c.option, text=c.text, indicator=c.indicator, target_value=c.target_value)
                 for c in registration.commitments.all()]  # fmt: skip
    _duplicates(movement=registration.movement, year=registration.school_year, person=registration.person, unit=registration.unit,
                codes=[k.code for k in kinds], exclude=registration.pk)  # fmt: skip
    before = _snapshot(registration) | {
        "approved_by": registration.approved_by_id,
        "approved_at": registration.approved_at.isoformat() if registration.approved_at else None,
    }
    registration = transition(registration, action=A.AMEND, actor=actor, note=reason, submitted_at=timezone.now(), approved_by=None,
                              approved_at=None, return_reason="", audit_after={"reason": reason})  # fmt: skip
    _save_parts(registration, kinds, parts)
    audit.record(actor=actor, verb="registration.changed", target=registration, before=before,
                 after=_snapshot(registration) | {"reason": reason})  # fmt: skip
    notices.to_approve(actor=actor, registration=registration)
    return registration


def _require_registrant(actor, registration: Registration) -> None:
    scope = scope_for(actor)
    own = registration.person_id is not None and scope.person_id == registration.person_id
    if not own and not scope.can_write_unit(registration.unit_of_record):
        raise PermissionDenied(_("Bạn chỉ thay đổi được đăng ký thi đua của chính mình."), code="forbidden")


@transaction.atomic
def registration_withdraw(*, actor, registration: Registration) -> Registration:
    _require_registrant(actor, registration)
    return transition(registration, action=A.WITHDRAW, actor=actor)


# -- approve and return ----------------------------------------------------------------------------------
def check_approver(actor, registration: Registration) -> None:
    """The registrant never approves their own; a collective is approved by the level above."""
    scope = scope_for(actor)
    if registration.person_id is not None:
        if scope.person_id == registration.person_id and not scope.is_admin:
            raise PermissionDenied(_("Bạn không tự duyệt đăng ký thi đua của chính mình."), code="own_registration")
        if not scope.can_write_unit(registration.unit_of_record):
            raise PermissionDenied(_("Bạn không có quyền duyệt đăng ký thi đua của “%(unit)s”.") % {"unit": registration.unit_of_record.name},
                                   code="forbidden")  # fmt: skip
        return
    parent = registration.unit.parent
    if not scope.is_admin and (parent is None or not scope.can_write_unit(parent)):
        raise PermissionDenied(_("Đăng ký thi đua của tập thể do cấp trên trực tiếp duyệt."), code="level_above")


def _reason(reason: str) -> str:
    reason = _text(reason, field="reason", limit=500)
    if not reason:
        raise DomainError(_("Cần ghi lý do trả lại."), code="reason_required", field="reason")
    return reason


@transaction.atomic
def registration_approve(*, actor, registration: Registration, note: str = "") -> Registration:
    check_approver(actor, registration)
    registration = transition(registration, action=A.APPROVE, actor=actor, note=_text(note, field="note", limit=500),
                              approved_by=actor, approved_at=timezone.now())  # fmt: skip
    notices.decided(registrations=[registration], approved=True)
    return registration


@transaction.atomic
def registration_return(*, actor, registration: Registration, reason: str) -> Registration:
    reason = _reason(reason)
    check_approver(actor, registration)
    registration = transition(registration, action=A.RETURN, actor=actor, note=reason, return_reason=reason,
                              audit_after={"reason": reason})  # fmt: skip
    notices.decided(registrations=[registration], approved=False, reason=reason)
    return registration


RELATED = ("person", "unit", "unit__parent", "school_year", "movement")


@transaction.atomic
def registrations_approve(*, actor, ids: Iterable[int]) -> list[Registration]:
    """Approve many registrations in one transaction (all or none: one already decided refuses the lot)."""
    ids = list(ids)
    if not ids:
        raise DomainError(_("Chưa chọn đăng ký nào."), code="nothing_selected", field="ids")
    rows = transition_many(Registration, ids, action=A.APPROVE, actor=actor, check=lambda r: check_approver(actor, r),
                           select_related=RELATED, approved_by=actor, approved_at=timezone.now())  # fmt: skip
    notices.decided(registrations=rows, approved=True)
    return rows


@transaction.atomic
def registrations_return(*, actor, ids: Iterable[int], reason: str) -> list[Registration]:
    ids = list(ids)
    reason = _reason(reason)
    if not ids:
        raise DomainError(_("Chưa chọn đăng ký nào."), code="nothing_selected", field="ids")
    rows = transition_many(Registration, ids, action=A.RETURN, actor=actor, check=lambda r: check_approver(actor, r), note=reason,
                           audit_after={"reason": reason}, select_related=RELATED, return_reason=reason)  # fmt: skip
    notices.decided(registrations=rows, approved=False, reason=reason)
    return rows


# -- the unit's commitment list --------------------------------------------------------------------------
@transaction.atomic
def commitment_option_add(*, actor, unit: OrgUnit, school_year, text: str) -> CommitmentOption:
    if not scope_for(actor).can_write_unit(unit):
        raise PermissionDenied(_("Bạn không có quyền sửa danh sách cam kết của “%(unit)s”.") % {"unit": unit.name}, code="forbidden")
    text = _text(text, field="text", limit=500)
    if not text:
        raise DomainError(_("Cần ghi nội dung cam kết."), code="required", field="text")
    existing = CommitmentOption.objects.filter(unit=unit, school_year=school_year, text=text).first()
    if existing is not None and existing.retired_at is not None:  # the same line again: back in use
        existing.retired_at = None
        existing.save(update_fields=["retired_at"])
        audit.record(actor=actor, verb="commitment_option.created", target=existing, unit=unit, after={"text": text, "restored": True})
        return existing
    if existing is not None:
        raise Conflict(_("Cam kết này đã có trong danh sách."), code="duplicate_option", field="text")
    order = CommitmentOption.objects.filter(unit=unit, school_year=school_year).count() + 1
    option = CommitmentOption.objects.create(unit=unit, school_year=school_year, text=text, order=order)
    audit.record(actor=actor, verb="commitment_option.created", target=option, unit=unit, after={"text": text})
    return option


@transaction.atomic
def commitment_option_retire(*, actor, option: CommitmentOption) -> bool:
    """Take a line off the unit's list: deleted when no registration chose it, else retired (never deleted: the
    registrations keep it). Returns whether it was deleted."""
    unit = option.unit
    if not scope_for(actor).can_write_unit(unit):
        raise PermissionDenied(_("Bạn không có quyền sửa danh sách cam kết của “%(unit)s”.") % {"unit": unit.name}, code="forbidden")
    option = CommitmentOption.objects.select_for_update().filter(pk=option.pk).first()
    if option is None or option.retired_at is not None:
        raise Conflict(_("Cam kết này vừa được bỏ khỏi danh sách; hãy tải lại trang."), code="state_changed")
    in_use = Commitment.objects.filter(option=option).exists()
    audit.record(actor=actor, verb="commitment_option.retired", target=option, unit=unit,
                 before={"text": option.text}, after={"deleted": not in_use})  # fmt: skip
    if in_use:
        option.retired_at = timezone.now()
        option.save(update_fields=["retired_at"])
    else:
        option.delete()
    return not in_use
