"""Criteria sheets: drafted, then published and frozen; a change is a new version superseding the old.

``to_compute(sheet)`` turns a sheet into the pure ``compute.Sheet`` every preview, publication and snapshot
uses; ``check_entry`` turns the arithmetic's refusals into Vietnamese ``DomainError``s.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.core.vietnamese import clean_text

from . import compute
from .models import ScoreSheet, SheetBand, SheetCriterion


def _require(actor, sheet_or_unit) -> None:
    unit = getattr(sheet_or_unit, "organiser", sheet_or_unit)
    if not scope_for(actor).can_write_unit(unit):
        raise PermissionDenied(_("Bạn không có quyền ban hành bảng tiêu chí của “%(unit)s”.") % {"unit": unit.name}, code="forbidden")


def _draft(sheet: ScoreSheet) -> None:
    if sheet.status != ScoreSheet.Status.DRAFT:
        raise Conflict(_("Bảng tiêu chí đã ban hành không được sửa; hãy tạo phiên bản mới."), code="immutable")


def parse_points(value, *, field: str = "points") -> Decimal:
    try:
        points = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise DomainError(_("“%(value)s” không phải là số điểm.") % {"value": value}, code="invalid_points", field=field) from None
    if not points.is_finite():
        raise DomainError(_("“%(value)s” không phải là số điểm.") % {"value": value}, code="invalid_points", field=field)
    return points


@transaction.atomic
def sheet_create(*, actor, organiser, name: str, bonus_cap=None, penalty_cap=None, decimals: int = 2, gate_cap: str = "") -> ScoreSheet:
    _require(actor, organiser)
    name = clean_text(name)
    version = (
        ScoreSheet.objects.filter(organiser=organiser, name=name).order_by("-version").values_list("version", flat=True).first() or 0
    ) + 1
    previous = ScoreSheet.objects.filter(organiser=organiser, name=name, version=version - 1).first()
    sheet = ScoreSheet.objects.create(
        organiser=organiser,
        name=name,
        version=version,
        bonus_cap=bonus_cap,
        penalty_cap=penalty_cap,
        decimals=decimals,
        gate_cap=gate_cap,
        supersedes=previous,
    )
    audit.record(actor=actor, verb="scoring.sheet_created", target=sheet, unit=organiser, after={"name": name, "version": version})
    return sheet


@transaction.atomic
def criterion_add(
    *,
    actor,
    sheet: ScoreSheet,
    code: str,
    text: str,
    kind: str = compute.SCORE,
    max_points=0,
    min_points=0,
    step=None,
    evidence: str = SheetCriterion.Evidence.NONE,
    auto_source: str = "",
    parent: SheetCriterion | None = None,
) -> SheetCriterion:
    _require(actor, sheet)
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    _draft(sheet)
    try:
        compute.Criterion(code=code, kind=kind, max_points=Decimal(max_points), min_points=Decimal(min_points))
    except ValueError:
        raise DomainError(_("Điểm tối thiểu lớn hơn điểm tối đa."), code="min_above_max", field="min_points") from None
    if sheet.criteria.filter(code=code).exists():
        raise DomainError(_("Mục %(code)s đã có trong bảng.") % {"code": code}, code="duplicate_criterion", field="code")
    criterion = SheetCriterion.objects.create(
        sheet=sheet,
        parent=parent,
        code=code,
        text=clean_text(text),
        kind=kind,
        max_points=max_points,
        min_points=min_points,
        step=step,
        evidence=evidence,
        auto_source=auto_source,
        position=sheet.criteria.count(),
    )
    audit.record(actor=actor, verb="scoring.sheet_changed", target=sheet, unit=sheet.organiser, after={"criterion": code})
    return criterion


@transaction.atomic
def band_add(*, actor, sheet: ScoreSheet, label: str, minimum) -> SheetBand:
    _require(actor, sheet)
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    _draft(sheet)
    band = SheetBand.objects.create(sheet=sheet, label=clean_text(label), minimum=minimum)
    audit.record(actor=actor, verb="scoring.sheet_changed", target=sheet, unit=sheet.organiser, after={"band": band.label})
    return band


@transaction.atomic
def sheet_publish(*, actor, sheet: ScoreSheet) -> ScoreSheet:
    _require(actor, sheet)
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    _draft(sheet)
    if not sheet.criteria.exists():
        raise DomainError(_("Bảng tiêu chí chưa có tiêu chí nào."), code="empty_sheet")
    try:
        to_compute(sheet)
    except ValueError as e:
        raise DomainError(_("Bảng tiêu chí chưa hợp lệ: %(error)s") % {"error": e}, code="invalid_sheet") from None
    sheet.status, sheet.published_at = ScoreSheet.Status.PUBLISHED, timezone.now()
    sheet.save(update_fields=["status", "published_at"])
    audit.record(actor=actor, verb="scoring.sheet_published", target=sheet, unit=sheet.organiser, after={"version": sheet.version})
    return sheet


def criteria_of(sheet: ScoreSheet) -> list[SheetCriterion]:
    return list(sheet.criteria.select_related("parent"))


def compute_criterion(c: SheetCriterion) -> compute.Criterion:
    return compute.Criterion(
        code=c.code,
        kind=c.kind,
        max_points=c.max_points,
        min_points=c.min_points,
        step=c.step or None,
        evidence_required=c.evidence == SheetCriterion.Evidence.REQUIRED,
        parent=c.parent.code if c.parent_id else None,
    )


def to_compute(sheet: ScoreSheet, *, leaders: int = 1, criteria: list[SheetCriterion] | None = None) -> compute.Sheet:
    rows = criteria if criteria is not None else criteria_of(sheet)
    return compute.Sheet(
        criteria=tuple(compute_criterion(c) for c in rows),
        bonus_cap=sheet.bonus_cap,
        penalty_cap=sheet.penalty_cap,
        decimals=sheet.decimals,
        bands=tuple(compute.Band(b.label, b.minimum) for b in sheet.bands.all()),
        gate_cap=sheet.gate_cap or None,
        leaders=leaders,
    )


MESSAGES = {
    "score_out_of_range": _("Mục %(code)s: %(points)s nằm ngoài khoảng điểm [%(min)s; %(max)s]."),
    "score_off_step": _("Mục %(code)s: %(points)s không đúng bước điểm %(step)s."),
    "gate_value": _("Mục %(code)s là điều kiện: chỉ nhận 1 (đạt) hoặc 0 (không đạt)."),
}


def check_entry(criterion: SheetCriterion, points: Decimal, headings: frozenset[int] = frozenset()) -> Decimal:
    """The value itself when the criterion takes it; refused (never clamped) with a Vietnamese message."""
    if criterion.kind == compute.INFO or criterion.pk in headings:
        raise DomainError(_("Mục %(code)s không chấm điểm.") % {"code": criterion.code}, code="not_scored", field=criterion.code)
    try:
        return compute.check_points(compute_criterion(criterion), points)
    except compute.ScoreError as e:
        message = str(MESSAGES[e.code]) % {
            "code": criterion.code,
            "points": points,
            "min": criterion.min_points,
            "max": criterion.max_points,
            "step": criterion.step,
        }
        raise DomainError(message, code=e.code, field=criterion.code) from None
