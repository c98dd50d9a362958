"""Award decisions and the records of the ledger: each function is one audited use case.

A decision and its awards are saved together or not at all. Once saved, a decision changes only
through ``decision_amend`` (a recorded amendment with its own number and date) or ``decision_revoke`` /
``award_revoke`` (with a reason, DOMAIN §8.6).

The rules are stated once, over plain values, in ``awards.checks``; the Excel import checks its rows with
the same functions and writes through ``decisions_import`` / ``initiative_records_import``, which own the
bulk writes and write the same audit verbs as the one-at-a-time services, naming the batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import DomainError, PermissionDenied
from thidua.core.vietnamese import clean_text
from thidua.core.workflow import transition
from thidua.org.models import OrgUnit, UnitPlacement
from thidua.people.models import Employment, Person
from thidua.years.models import SchoolYear

from . import checks, lookup, selectors
from .models import Award, AwardKind, Decision, DecisionAmendment, InitiativeRecord, InitiativeScope
from .money import cash_amount
from .states import DecisionAction
from .uploads import check_scan


@dataclass(frozen=True)
class AwardSpec:
    """One line of a decision: who receives which title or form (by code, name or abbreviation: ``awards.lookup``)."""

    kind_code: str
    person: Person | None = None
    unit: OrgUnit | None = None
    school_year: SchoolYear | None = None
    cash_amount: int | None = None  # when given, must agree with coefficient × base salary
    note: str = ""


def _require_write(actor, unit: OrgUnit) -> None:
    if not scope_for(actor).can_write_unit(unit):
        raise PermissionDenied(_("Bạn không có quyền ghi quyết định của “%(name)s”.") % {"name": unit.name}, code="forbidden")


def _employment_unit(person: Person, day: dt.date) -> OrgUnit | None:
    row = (
        Employment.objects.filter(person=person, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("unit")
        .first()
    )
    if row is None:  # fall back to the latest employment that started before the day
        row = Employment.objects.filter(person=person, start_date__lte=day).order_by("-start_date").select_related("unit").first()
    return row.unit if row else None


def _paths_on(unit: OrgUnit, day: dt.date) -> set[str]:
    """The unit's current path and the paths it held on ``day`` (the tree changed on 01/07/2025)."""
    held = UnitPlacement.objects.filter(unit=unit, valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    return checks.paths_on(unit.path, held.values_list("valid_from", "valid_to", "path"), day)


def _build_award(decision: Decision, spec: AwardSpec, row: int) -> Award:
    field = f"awards[{row}]"
    decided = decision.decision_date
    try:
        kind = lookup.kind_on(spec.kind_code, decided)
        if kind is None:
            raise checks.unknown_kind(spec.kind_code, decided)
        checks.one_recipient(has_person=spec.person is not None, has_unit=spec.unit is not None)
        checks.subject_fits(subject=kind.subject, kind_name=kind.name, to_person=spec.person is not None)
        issuer = decision.issuer
        checks.issuer_may_grant(
            issuer_name=issuer.name, issuer_kind_code=issuer.kind.code, issuer_kind_name=issuer.kind.name,
            legal_entity=issuer.kind.legal_entity, kind_code=kind.code, kind_name=kind.name, day=decided,
        )  # fmt: skip
    except DomainError as exc:
        raise checks.on_row(exc, row, field=field) from None
    day = decision.period_end or decided
    recipient_unit = spec.unit
    if spec.person is not None:
        recipient_unit = _employment_unit(spec.person, min(day, decided))
    try:
        checks.recipient_within_issuer(
            recipient_name=spec.person.full_name if spec.person is not None else spec.unit.name, issuer_name=issuer.name,
            recipient_paths=_paths_on(recipient_unit, decided) if recipient_unit is not None else None,
            issuer_paths=_paths_on(issuer, decided), person=spec.person is not None,
        )  # fmt: skip
    except DomainError as exc:
        raise checks.on_row(exc, row, field=field) from None
    if spec.school_year is not None:
        checks.year_not_after_decision(decision_date=decided, year_code=spec.school_year.code, year_start=spec.school_year.start_date,
                                       field=field)  # fmt: skip
    base = selectors.base_salary_on(decided)
    computed = cash_amount(kind.coefficient, base.amount) if kind.coefficient is not None and base is not None else None
    try:
        amount = checks.cash(
            given=spec.cash_amount, computed=computed, coefficient=kind.coefficient, base_amount=base.amount if base else None
        )
    except DomainError as exc:
        raise checks.on_row(exc, row, field=field) from None
    return Award(
        decision=decision, kind=kind, person=spec.person, unit=spec.unit,
        recipient_unit=recipient_unit if spec.person is not None else spec.unit,
        school_year=spec.school_year or decision.school_year, coefficient=kind.coefficient, base_salary=base.amount if base else None,
        cash_amount=amount, note=clean_text(spec.note),
    )  # fmt: skip


def _save_awards(decision: Decision, specs: Sequence[AwardSpec], *, start_row: int = 0) -> list[Award]:
    awards = [_build_award(decision, spec, start_row + i) for i, spec in enumerate(specs)]
    seen: set[tuple] = set()
    for i, a in enumerate(awards):
        key = (a.kind.code, a.person_id, a.unit_id)
        if (
            key in seen
            or Award.objects.filter(decision=decision, kind__code=a.kind.code, person_id=a.person_id, unit_id=a.unit_id).exists()
        ):
            raise DomainError(
                _("Dòng %(row)d: %(who)s đã có “%(kind)s” trong quyết định này.")
                % {"row": start_row + i + 1, "who": a.recipient, "kind": a.kind.name},
                code="duplicate_award",
                field=f"awards[{start_row + i}]",
            )
        seen.add(key)
    Award.objects.bulk_create(awards)
    return awards


def award_lines_errors(*, issuer: OrgUnit, decision_date: dt.date, awards: Sequence[AwardSpec], period_end: dt.date | None = None,
                       school_year: SchoolYear | None = None) -> list[DomainError]:  # fmt: skip
    """Every refusal ``decision_create`` would give the lines, all at once (a read: nothing is saved).

    The form shows them together instead of one per attempt; ``decision_create`` still checks on its own.
    """
    draft = Decision(issuer=issuer, decision_date=decision_date, period_end=period_end, school_year=school_year)
    errors, seen = [], set()
    for row, spec in enumerate(awards):
        try:
            award = _build_award(draft, spec, row)
        except DomainError as exc:
            errors.append(exc)
            continue
        key = (award.kind.code, award.person_id, award.unit_id)
        if key in seen:
            errors.append(DomainError(_("Dòng %(row)d: %(who)s đã có “%(kind)s” trong quyết định này.")
                                      % {"row": row + 1, "who": award.recipient, "kind": award.kind.name},
                                      code="duplicate_award", field=f"awards[{row}]"))  # fmt: skip
        seen.add(key)
    return errors


def _check_header(*, number: str, decision_date: dt.date, period_start, period_end, award_type: str, school_year=None) -> None:
    checks.header(
        number=number, decision_date=decision_date, period_start=period_start, period_end=period_end, award_type_value=award_type,
        year_code=school_year.code if school_year is not None else None,
        year_start=school_year.start_date if school_year is not None else None, today=timezone.localdate(),
    )  # fmt: skip


@transaction.atomic
def decision_create(
    *,
    actor,
    issuer: OrgUnit,
    number: str,
    decision_date: dt.date,
    award_type: str,
    awards: Sequence[AwardSpec],
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    school_year: SchoolYear | None = None,
    signer_name: str = "",
    signer_title: str = "",
    title: str = "",
    scan=None,
    import_batch=None,
    movement=None,
) -> Decision:
    """Record a signed award decision with its list of awards (all or nothing); ``movement`` is the
    movement whose results it rewards (one the actor sees, launched)."""
    _require_write(actor, issuer)
    _check_movement(actor, movement)
    number = clean_text(number)
    _check_header(
        number=number, decision_date=decision_date, period_start=period_start, period_end=period_end, award_type=award_type,
        school_year=school_year,
    )  # fmt: skip
    if not awards:
        raise DomainError(_("Quyết định cần ít nhất một khen thưởng."), code="required", field="awards")
    if scan:
        check_scan(scan)
    if Decision.objects.filter(issuer=issuer, number=number, decision_date=decision_date).exists():
        raise DomainError(
            _("Quyết định số %(number)s ngày %(day)s của %(issuer)s đã có.")
            % {"number": number, "day": f"{decision_date:%d/%m/%Y}", "issuer": issuer.name},
            code="duplicate_decision",
            field="number",
        )
    decision = Decision(
        number=number, decision_date=decision_date, issuer=issuer, award_type=award_type, period_start=period_start,
        period_end=period_end, school_year=school_year, regime=selectors.regime_on(decision_date), signer_name=clean_text(signer_name),
        signer_title=clean_text(signer_title), title=clean_text(title), created_by=actor if getattr(actor, "pk", None) else None,
        import_batch=import_batch, movement=movement,
    )  # fmt: skip
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError:
        raise DomainError(_("Quyết định này đã có."), code="duplicate_decision", field="number") from None
    saved = _save_awards(decision, awards)
    if scan:  # stored only once every award passed: a refused decision leaves no file behind
        decision.scan = scan
        decision.save(update_fields=["scan"])
    audit.record(
        actor=actor, verb="decision.created", target=decision, unit=issuer,
        after={**_decision_snapshot(decision), "awards": [_award_snapshot(a) for a in saved]},
    )  # fmt: skip
    return decision


def _check_movement(actor, movement) -> None:
    """A decision names a movement the actor sees and that was launched (never a draft or a cancelled one)."""
    if movement is None:
        return
    from thidua.movements.models import Movement
    from thidua.movements.selectors import movements_visible

    visible = movements_visible(actor=actor).filter(pk=movement.pk).exclude(status__in=[Movement.Status.DRAFT, Movement.Status.CANCELLED])
    if not visible.exists():
        raise DomainError(_("Không tìm thấy phong trào thi đua đã phát động này."), code="unknown_movement", field="movement")


def _decision_snapshot(decision: Decision, fields: list[str] | None = None) -> dict:
    data = audit.snapshot(decision, fields=fields)
    if "scan" in data:  # a FieldFile is not JSON: log the stored name
        data["scan"] = decision.scan.name or ""
    return data


def _award_snapshot(a: Award) -> dict:
    return {"kind": a.kind.code, "person": a.person_id, "unit": a.unit_id, "school_year": a.school_year_id, "cash_amount": a.cash_amount}


@transaction.atomic
def decision_amend(
    *,
    actor,
    decision: Decision,
    number: str,
    amendment_date: dt.date,
    reason: str,
    remove_awards: Sequence[Award] = (),
    add_awards: Sequence[AwardSpec] = (),
    header: dict | None = None,
) -> DecisionAmendment:
    """Correct a decision by a recorded amendment: header fields, awards removed, awards added."""
    _require_write(actor, decision.issuer)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status == Decision.Status.REVOKED:
        raise DomainError(_("Quyết định đã bị hủy bỏ, không thể sửa đổi."), code="decision_revoked")
    number, reason = clean_text(number), clean_text(reason)
    if not number or not reason:
        raise DomainError(_("Sửa đổi cần có số quyết định và lý do."), code="required", field="number" if not number else "reason")
    if amendment_date < decision.decision_date:
        raise DomainError(_("Ngày sửa đổi không thể trước ngày quyết định gốc."), code="amendment_before_decision", field="amendment_date")
    header = dict(header or {})
    allowed = {"signer_name", "signer_title", "title", "period_start", "period_end", "school_year", "award_type"}
    unknown = set(header) - allowed
    if unknown:
        raise DomainError(_("Không được sửa: %(f)s.") % {"f": ", ".join(sorted(unknown))}, code="invalid_field")
    if not header and not remove_awards and not add_awards:
        raise DomainError(_("Sửa đổi không có nội dung nào."), code="nothing_to_amend")
    before = audit.snapshot(decision, fields=sorted(header)) if header else {}
    for key, value in header.items():
        setattr(decision, key, clean_text(value) if key in {"signer_name", "signer_title", "title"} else value)
    _check_header(
        number=decision.number, decision_date=decision.decision_date, period_start=decision.period_start, period_end=decision.period_end,
        award_type=decision.award_type, school_year=decision.school_year,
    )  # fmt: skip
    if header:
        decision.save(update_fields=sorted(header))
    removed = []
    for award in remove_awards:
        award = Award.objects.select_for_update().select_related("kind").filter(pk=award.pk).first()
        if award is None or award.decision_id != decision.pk:
            raise DomainError(_("Khen thưởng không thuộc quyết định này."), code="invalid_award", field="remove_awards")
        if award.revoked:
            raise DomainError(
                _("“%(kind)s” của %(who)s đã bị thu hồi trước đó.") % {"kind": award.kind.name, "who": award.recipient},
                code="award_revoked",
                field="remove_awards",
            )
        removed.append(_award_snapshot(award))
        with translation.override(settings.LANGUAGE_CODE):  # stored text: the language of record, not the writer's
            award.revoked, award.revoked_reason = True, _("Bỏ theo sửa đổi %(n)s: %(r)s") % {"n": number, "r": reason}
        award.save(update_fields=["revoked", "revoked_reason"])
    added = _save_awards(decision, add_awards, start_row=0)
    changes = {
        "header": {"before": before, "after": audit.snapshot(decision, fields=sorted(header))} if header else {},
        "removed": removed,
        "added": [_award_snapshot(a) for a in added],
    }
    amendment = DecisionAmendment.objects.create(
        decision=decision, number=number, amendment_date=amendment_date, reason=reason, changes=audit.jsonable(changes),
        created_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    audit.record(actor=actor, verb="decision.amended", target=decision, unit=decision.issuer, before=before, after=changes)
    return amendment


@transaction.atomic
def decision_revoke(*, actor, decision: Decision, reason: str) -> Decision:
    """Annul a decision (DOMAIN §8.6): it stays on record, marked revoked, and stops counting.

    ``transition`` checks the table (a revoked decision answers ``Conflict``, code ``decision_revoked``)
    and the actor's role on the issuer, and writes the history and the audit row."""
    reason = clean_text(reason)
    if not reason:
        raise DomainError(_("Cần ghi rõ lý do hủy bỏ."), code="required", field="reason")
    return transition(
        decision, action=DecisionAction.REVOKE, actor=actor, note=reason, revoked_reason=reason, revoked_at=timezone.now(),
        audit_after={"reason": reason},
    )  # fmt: skip


@transaction.atomic
def award_revoke(*, actor, award: Award, reason: str) -> Award:
    """Withdraw one award of a decision (e.g. a forged dossier found later), with a reason."""
    _require_write(actor, award.decision.issuer)
    award = Award.objects.select_for_update().select_related("decision__issuer", "kind").get(pk=award.pk)
    reason = clean_text(reason)
    if not reason:
        raise DomainError(_("Cần ghi rõ lý do thu hồi."), code="required", field="reason")
    if award.revoked:
        raise DomainError(_("Khen thưởng đã bị thu hồi trước đó."), code="award_revoked")
    if award.decision.status == Decision.Status.REVOKED:
        raise DomainError(_("Quyết định đã bị hủy bỏ, mọi khen thưởng trong đó đã hết hiệu lực."), code="decision_revoked")
    award.revoked, award.revoked_reason = True, reason
    award.save(update_fields=["revoked", "revoked_reason"])
    audit.record(
        actor=actor, verb="award.revoked", target=award, unit=award.decision.issuer, before={"revoked": False},
        after={"revoked": True, "reason": reason},
    )  # fmt: skip
    return award


@transaction.atomic
def initiative_record_create(
    *,
    actor,
    unit: OrgUnit,
    title: str,
    school_year: SchoolYear,
    scope: str,
    authors: Sequence[Person],
    decision_number: str = "",
    decision_date: dt.date | None = None,
    import_batch=None,
) -> InitiativeRecord:
    _require_write(actor, unit)
    title = clean_text(title)
    _check_initiative(title=title, scope=scope, authors=authors)
    record = InitiativeRecord.objects.create(
        title=title, school_year=school_year, scope=scope, unit=unit, decision_number=clean_text(decision_number),
        decision_date=decision_date, import_batch=import_batch,
    )  # fmt: skip
    record.authors.set(authors)
    audit.record(
        actor=actor,
        verb="initiative.recorded",
        target=record,
        unit=unit,
        after={**audit.snapshot(record), "authors": [a.pk for a in authors]},
    )
    return record


# -- many at once (the Excel import) ----------------------------------------------------------------------
@dataclass
class AwardPlan:
    """One award the importer matched and checked (``awards.checks``), ready to write."""

    kind: AwardKind
    person_id: int | None
    unit_id: int | None
    recipient_unit_id: int | None
    school_year: SchoolYear | None
    base_salary: int | None
    cash_amount: int | None
    note: str = ""


@dataclass
class DecisionPlan:
    """A decision and its awards; ``existing_id`` adds the awards to a decision an earlier import wrote."""

    issuer_id: int
    number: str
    decision_date: dt.date
    award_type: str
    period_start: dt.date | None
    period_end: dt.date | None
    regime_id: int
    awards: list[AwardPlan] = field(default_factory=list)
    existing_id: int | None = None

    @property
    def school_year_id(self) -> int | None:
        years = {a.school_year.pk if a.school_year else None for a in self.awards}
        return next(iter(years)) if len(years) == 1 else None


def _writable(actor, units: dict[int, OrgUnit]) -> None:
    scope = scope_for(actor)
    for unit in units.values():
        if not scope.can_write_unit(unit):
            raise PermissionDenied(_("Bạn không có quyền ghi quyết định của “%(name)s”.") % {"name": unit.name}, code="forbidden")


@transaction.atomic
def decisions_import(*, actor, plans: Sequence[DecisionPlan], batch=None) -> dict:
    """Write the decisions of an import batch in bulk, with the audit rows ``decision_create`` writes
    (``decision.created``; ``decision.awards_imported`` for awards added to an imported decision), each
    naming the batch. The rows were matched and checked by the importer with ``awards.checks`` in this
    transaction; the checks that need no look-up run here again."""
    plans = [p for p in plans if p.awards]
    issuers = OrgUnit.objects.in_bulk({p.issuer_id for p in plans})
    _writable(actor, issuers)
    today = timezone.localdate()
    for p in plans:
        checks.header(
            number=p.number, decision_date=p.decision_date, period_start=p.period_start, period_end=p.period_end,
            award_type_value=p.award_type, today=today,
        )  # fmt: skip
        for a in p.awards:
            if a.school_year is not None:
                checks.year_not_after_decision(
                    decision_date=p.decision_date, year_code=a.school_year.code, year_start=a.school_year.start_date, field="school_year"
                )
    created_by = actor if getattr(actor, "pk", None) else None
    fresh = [p for p in plans if not p.existing_id]
    decisions = [
        Decision(
            number=p.number, decision_date=p.decision_date, issuer_id=p.issuer_id, award_type=p.award_type, period_start=p.period_start,
            period_end=p.period_end, school_year_id=p.school_year_id, regime_id=p.regime_id, created_by=created_by, import_batch=batch,
        )
        for p in fresh
    ]  # fmt: skip
    Decision.objects.bulk_create(decisions, batch_size=1000)
    targets = {id(p): d for p, d in zip(fresh, decisions, strict=True)}
    targets |= {id(p): d for p, d in zip(plans, _existing(plans), strict=True) if d is not None}
    awards = [
        Award(
            decision_id=targets[id(p)].pk, kind=a.kind, person_id=a.person_id, unit_id=a.unit_id, recipient_unit_id=a.recipient_unit_id,
            school_year=a.school_year, coefficient=a.kind.coefficient, base_salary=a.base_salary, cash_amount=a.cash_amount,
            note=clean_text(a.note),
        )
        for p in plans
        for a in p.awards
    ]  # fmt: skip
    Award.objects.bulk_create(awards, batch_size=2000)
    offset = 0
    for p in plans:
        saved, offset = awards[offset : offset + len(p.awards)], offset + len(p.awards)
        target, snap = targets[id(p)], [_award_snapshot(a) for a in saved]
        if p.existing_id:
            after = {"import_batch": batch.pk if batch else None, "awards": snap}
            audit.record(actor=actor, verb="decision.awards_imported", target=target, unit=issuers[p.issuer_id], after=after)
        else:
            after = {**_decision_snapshot(target), "awards": snap}
            audit.record(actor=actor, verb="decision.created", target=target, unit=issuers[p.issuer_id], after=after)
    return {"decisions": len(decisions), "awards": len(awards)}


def _existing(plans: Sequence[DecisionPlan]) -> list[Decision | None]:
    found = Decision.objects.in_bulk([p.existing_id for p in plans if p.existing_id])
    return [found.get(p.existing_id) if p.existing_id else None for p in plans]


@dataclass
class InitiativePlan:
    """An initiative the importer matched and checked; ``existing_id`` adds authors to an imported record."""

    title: str
    school_year: SchoolYear
    scope: str
    unit_id: int
    decision_number: str
    decision_date: dt.date | None
    new_authors: list[int] = field(default_factory=list)
    existing_id: int | None = None


@transaction.atomic
def initiative_records_import(*, actor, plans: Sequence[InitiativePlan], batch=None) -> dict:
    """Write the initiatives of an import batch with the ``initiative.recorded`` audit row
    ``initiative_record_create`` writes (naming the batch)."""
    plans = [p for p in plans if p.new_authors]
    units = OrgUnit.objects.in_bulk({p.unit_id for p in plans})
    _writable(actor, units)
    today = timezone.localdate()
    for p in plans:
        _check_initiative(title=p.title, scope=p.scope, authors=p.new_authors)
        if p.decision_date:
            initiative_not_in_future(p.decision_date, today=today)
    through = InitiativeRecord.authors.through
    existing = InitiativeRecord.objects.in_bulk([p.existing_id for p in plans if p.existing_id])
    created, links = 0, []
    for p in plans:
        record = existing.get(p.existing_id) if p.existing_id else None
        if record is None:
            record = InitiativeRecord.objects.create(
                title=clean_text(p.title), school_year=p.school_year, scope=p.scope, unit_id=p.unit_id,
                decision_number=clean_text(p.decision_number), decision_date=p.decision_date, import_batch=batch,
            )  # fmt: skip
            created += 1
        links += [through(initiativerecord_id=record.pk, person_id=pid) for pid in p.new_authors]
        audit.record(
            actor=actor, verb="initiative.recorded", target=record, unit=units[p.unit_id],
            after={**audit.snapshot(record), "authors": p.new_authors, "import_batch": batch.pk if batch else None},
        )  # fmt: skip
    through.objects.bulk_create(links, batch_size=2000)
    return {"initiatives": created, "authors": len(links)}


def initiative_not_in_future(day: dt.date, *, today: dt.date) -> None:
    if day > today + dt.timedelta(days=1):
        raise DomainError(_("Ngày công nhận không được ở tương lai."), code="decision_in_future", field="decision_date")


def _check_initiative(*, title: str, scope: str, authors: Sequence) -> None:
    if not title:
        raise DomainError(_("Tên sáng kiến không được để trống."), code="required", field="title")
    if scope not in InitiativeScope.values:
        raise DomainError(_("Phạm vi ảnh hưởng không hợp lệ."), code="invalid_choice", field="scope")
    if not authors:
        raise DomainError(_("Sáng kiến cần ít nhất một tác giả."), code="required", field="authors")


@transaction.atomic
def award_kind_revise(*, actor, kind: AwardKind, **changes) -> AwardKind:
    """Change a catalogue entry (system admins only). A used entry is never edited in place: a new
    version is added and becomes current; the old version keeps describing the awards made with it."""
    if not scope_for(actor).is_admin:
        raise PermissionDenied(_("Chỉ quản trị hệ thống được sửa danh mục."), code="forbidden")
    allowed = {"name", "abbreviation", "aliases", "citation", "coefficient", "coefficient_citation", "status", "status_note", "rank",
               "valid_from", "valid_to"}  # fmt: skip
    unknown = set(changes) - allowed
    if unknown:
        raise DomainError(_("Không được sửa: %(f)s.") % {"f": ", ".join(sorted(unknown))}, code="invalid_field")
    kind = AwardKind.objects.select_for_update().get(pk=kind.pk)
    if not kind.is_current:
        raise DomainError(
            _("“%(name)s” phiên bản %(v)d đã được thay bằng phiên bản mới; hãy sửa phiên bản hiện hành.")
            % {"name": kind.name, "v": kind.version},
            code="not_current_version",
        )
    before = audit.snapshot(kind)
    if not Award.objects.filter(kind=kind).exists():
        for key, value in changes.items():
            setattr(kind, key, value)
        kind.save()
        audit.record(actor=actor, verb="award_kind.updated", target=kind, before=before, after=audit.snapshot(kind))
        return kind
    kind.is_current = False
    kind.save(update_fields=["is_current"])
    new = AwardKind.objects.get(pk=kind.pk)
    new.pk = None
    new.version = kind.version + 1
    new.supersedes = kind
    new.is_current = True
    for key, value in changes.items():
        setattr(new, key, value)
    new.save()
    audit.record(actor=actor, verb="award_kind.new_version", target=new, before=before, after=audit.snapshot(new))
    return new
