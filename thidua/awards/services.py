"""Award decisions and the records of the ledger: each function is one audited use case.

A decision and its awards are saved together or not at all. Once saved, a decision changes only
through ``decision_amend`` (a recorded amendment with its own number and date) or ``decision_revoke`` /
``award_revoke`` (with a reason, DOMAIN §8.6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import DomainError, PermissionDenied
from thidua.core.vietnamese import clean_text
from thidua.core.workflow import transition
from thidua.org.models import OrgUnit, UnitPlacement
from thidua.people.models import Employment, Person
from thidua.years.models import SchoolYear

from . import authority, selectors
from .models import Award, AwardKind, AwardType, Decision, DecisionAmendment, InitiativeRecord, InitiativeScope, Subject
from .money import cash_amount
from .states import DecisionAction
from .uploads import check_scan


@dataclass(frozen=True)
class AwardSpec:
    """One line of a decision: who receives which title or form (by catalogue code)."""

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
    """The unit's current path and the path it held on ``day`` (the tree changed on 01/07/2025)."""
    held = UnitPlacement.objects.filter(unit=unit, valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    return {unit.path, *held.values_list("path", flat=True)}


def _within(unit: OrgUnit, issuer: OrgUnit, day: dt.date) -> bool:
    """Whether ``unit`` is in the issuer's subtree today or was on the decision date."""
    if unit.path.startswith(issuer.path):
        return True
    issuer_paths = _paths_on(issuer, day)
    return any(p.startswith(i) for p in _paths_on(unit, day) for i in issuer_paths)


def _check_year(decision: Decision, year: SchoolYear | None, field: str) -> None:
    if year is not None and year.start_date > decision.decision_date:
        raise DomainError(
            _("Ngày quyết định (%(day)s) không thể trước năm học %(year)s được khen.")
            % {"day": f"{decision.decision_date:%d/%m/%Y}", "year": year.code},
            code="decision_before_period",
            field=field,
        )


def _build_award(decision: Decision, spec: AwardSpec, row: int) -> Award:
    field = f"awards[{row}]"
    kind = selectors.kind_on(spec.kind_code, decision.decision_date)
    if kind is None:
        raise DomainError(
            _("Dòng %(row)d: “%(code)s” không có trong danh mục áp dụng ngày %(day)s.")
            % {"row": row + 1, "code": spec.kind_code, "day": f"{decision.decision_date:%d/%m/%Y}"},
            code="unknown_award_kind",
            field=field,
        )
    if (spec.person is None) == (spec.unit is None):
        raise DomainError(
            _("Dòng %(row)d: cần đúng một người hoặc một tập thể nhận khen thưởng.") % {"row": row + 1},
            code="invalid_recipient",
            field=field,
        )
    if kind.subject == Subject.COLLECTIVE and spec.person is not None:
        raise DomainError(
            _("Dòng %(row)d: “%(kind)s” là danh hiệu, hình thức dành cho tập thể, không tặng cho cá nhân.")
            % {"row": row + 1, "kind": kind.name},
            code="collective_kind_for_person",
            field=field,
        )
    if kind.subject == Subject.INDIVIDUAL and spec.unit is not None:
        raise DomainError(
            _("Dòng %(row)d: “%(kind)s” dành cho cá nhân, không tặng cho tập thể.") % {"row": row + 1, "kind": kind.name},
            code="individual_kind_for_unit",
            field=field,
        )
    issuer = decision.issuer
    decided = decision.decision_date
    if authority.authority_for(code=kind.code, issuer_kind=issuer.kind.code, legal_entity=issuer.kind.legal_entity, day=decided) is None:
        message = authority.refusal(
            issuer_name=issuer.name, issuer_kind_name=issuer.kind.name, kind_name=kind.name, code=kind.code, day=decided
        )
        raise DomainError(_("Dòng %(row)d: %(message)s") % {"row": row + 1, "message": message}, code="no_authority", field=field)
    day = decision.period_end or decision.decision_date
    recipient_unit = None
    if spec.person is not None:
        recipient_unit = _employment_unit(spec.person, min(day, decision.decision_date))
        if recipient_unit is None or not _within(recipient_unit, issuer, decision.decision_date):
            raise DomainError(
                _("Dòng %(row)d: %(name)s không công tác trong phạm vi của %(issuer)s.")
                % {"row": row + 1, "name": spec.person.full_name, "issuer": issuer.name},
                code="recipient_outside_issuer",
                field=field,
            )
    elif not _within(spec.unit, issuer, decision.decision_date):
        raise DomainError(
            _("Dòng %(row)d: %(name)s không thuộc phạm vi của %(issuer)s.")
            % {"row": row + 1, "name": spec.unit.name, "issuer": issuer.name},
            code="recipient_outside_issuer",
            field=field,
        )
    _check_year(decision, spec.school_year, field)
    base = selectors.base_salary_on(decision.decision_date)
    computed = cash_amount(kind.coefficient, base.amount) if kind.coefficient is not None and base is not None else None
    amount = spec.cash_amount
    if computed is not None:
        if amount is not None and amount != computed:
            raise DomainError(
                _("Dòng %(row)d: số tiền %(given)s đồng không khớp hệ số %(coef)s × lương cơ sở %(base)s = %(computed)s đồng.")
                % {
                    "row": row + 1,
                    "given": f"{amount:,}".replace(",", "."),
                    "coef": kind.coefficient,
                    "base": f"{base.amount:,}".replace(",", "."),
                    "computed": f"{computed:,}".replace(",", "."),
                },
                code="cash_mismatch",
                field=field,
            )
        amount = computed
    return Award(
        decision=decision, kind=kind, person=spec.person, unit=spec.unit, recipient_unit=recipient_unit or spec.unit,
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


def _check_header(*, number: str, decision_date: dt.date, period_start, period_end, award_type: str, school_year=None) -> None:
    if not number:
        raise DomainError(_("Số quyết định không được để trống."), code="required", field="number")
    if period_start and period_end and period_end < period_start:
        raise DomainError(_("Thời gian lập thành tích: ngày kết thúc phải sau ngày bắt đầu."), code="end_before_start", field="period_end")
    if period_start and decision_date < period_start:
        raise DomainError(
            _("Ngày quyết định (%(day)s) không thể trước thời gian lập thành tích (từ %(start)s).")
            % {"day": f"{decision_date:%d/%m/%Y}", "start": f"{period_start:%d/%m/%Y}"},
            code="decision_before_period",
            field="decision_date",
        )
    if award_type not in AwardType.values:
        raise DomainError(_("Loại hình khen thưởng không hợp lệ."), code="invalid_choice", field="award_type")
    if school_year is not None and school_year.start_date > decision_date:
        raise DomainError(
            _("Ngày quyết định (%(day)s) không thể trước năm học %(year)s được khen.")
            % {"day": f"{decision_date:%d/%m/%Y}", "year": school_year.code},
            code="decision_before_period",
            field="school_year",
        )
    if decision_date > timezone.localdate() + dt.timedelta(days=1):
        raise DomainError(_("Ngày quyết định không được ở tương lai."), code="decision_in_future", field="decision_date")


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
) -> Decision:
    """Record a signed award decision with its list of awards (all or nothing)."""
    _require_write(actor, issuer)
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
        import_batch=import_batch,
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
        award.revoked, award.revoked_reason = True, _("Bỏ theo sửa đổi %(n)s: %(r)s") % {"n": number, "r": reason}
        award.save(update_fields=["revoked", "revoked_reason"])
    added = _save_awards(decision, add_awards, start_row=0)
    changes = {
        "header": {"before": before, "after": audit.snapshot(decision, fields=sorted(header))} if header else {},
        "removed": removed,
        "added": [_award_snapshot(a) for a in added],
    }
    amendment = DecisionAmendment.objects.create(
        decision=decision, number=number, amendment_date=amendment_date, reason=reason, changes=audit._jsonable(changes),
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
    if not title:
        raise DomainError(_("Tên sáng kiến không được để trống."), code="required", field="title")
    if scope not in InitiativeScope.values:
        raise DomainError(_("Phạm vi ảnh hưởng không hợp lệ."), code="invalid_choice", field="scope")
    if not authors:
        raise DomainError(_("Sáng kiến cần ít nhất một tác giả."), code="required", field="authors")
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
