"""Changes to the organisation tree. Each function is one audited use case in one transaction.

Dates are inclusive: a restructuring effective on day D ends the old state on D-1 and starts the new
one on D. Units are never deleted; history (placements, employment, later awards) stays attached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.core.vietnamese import clean_text, fold
from thidua.people import services as people_services

from .models import EducationLevel, OrgUnit, Restructuring, RestructuringUnit, UnitKind, UnitPlacement, path_segment

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class UnitSpec:
    """What is needed to create a unit (used directly and by merge/split for new units)."""

    code: str
    name: str
    kind: str
    education_levels: Sequence[str] = ()
    remote_area: bool = False
    address: str = ""
    people: Sequence[int] = field(default_factory=tuple)  # split: people who move to this part
    children: Sequence[int] = field(default_factory=tuple)  # split: child units that move to this part


def _require_write(actor, *units: OrgUnit | None) -> None:
    scope = scope_for(actor)
    for unit in units:
        if unit is None:
            if not scope.is_admin:
                raise PermissionDenied(_("Chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất."), code="forbidden")
        elif not scope.can_write_unit(unit):
            raise PermissionDenied(_("Bạn không có quyền thay đổi đơn vị “%(name)s”.") % {"name": unit.name}, code="forbidden")


def _kind(code: str) -> UnitKind:
    try:
        return UnitKind.objects.get(code=code)
    except UnitKind.DoesNotExist:
        raise DomainError(_("Loại đơn vị “%(kind)s” không tồn tại.") % {"kind": code}, code="unknown_unit_kind", field="kind") from None


def _levels(codes: Iterable[str]) -> str:
    valid = set(EducationLevel.values)
    codes = [c for c in codes if c]
    bad = [c for c in codes if c not in valid]
    if bad:
        raise DomainError(
            _("Cấp học không hợp lệ: %(bad)s.") % {"bad": ", ".join(bad)}, code="invalid_education_level", field="education_levels"
        )
    return " ".join(sorted(set(codes), key=EducationLevel.values.index))


# Restructuring dates a record can hold: the day before the effective date is stored as an end date.
EARLIEST, LATEST = dt.date(1945, 9, 2), dt.date(2200, 12, 31)


def _effective(day: dt.date) -> dt.date:
    if not EARLIEST <= day <= LATEST:
        raise DomainError(
            _("Ngày hiệu lực %(day)s nằm ngoài khoảng cho phép (%(lo)s – %(hi)s).")
            % {"day": f"{day:%d/%m/%Y}", "lo": f"{EARLIEST:%d/%m/%Y}", "hi": f"{LATEST:%d/%m/%Y}"},
            code="date_out_of_range",
            field="effective_date",
        )
    return day


def _check_active(unit: OrgUnit, day: dt.date, field_name: str = "unit") -> None:
    if unit.valid_from > day or (unit.valid_to is not None and unit.valid_to < day):
        raise DomainError(
            _("Đơn vị “%(name)s” không còn hoạt động vào ngày %(day)s.") % {"name": unit.name, "day": f"{day:%d/%m/%Y}"},
            code="unit_inactive",
            field=field_name,
        )


def _check_kind_under(kind: UnitKind, parent: OrgUnit) -> None:
    """A unit may not stand under a unit of a lower kind (a school under a team)."""
    if kind.rank < parent.kind.rank:
        raise DomainError(
            _("Không thể đặt “%(kind)s” dưới “%(parent)s”.") % {"kind": kind.name, "parent": parent.kind.name},
            code="invalid_parent_kind",
            field="parent",
        )


def _lock(units: Iterable[OrgUnit]) -> None:
    ids = sorted({u.pk for u in units if u is not None})
    list(OrgUnit.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))


def _new_restructuring(actor, kind: str, day: dt.date, decision_ref: str, note: str) -> Restructuring:
    return Restructuring.objects.create(
        kind=kind,
        effective_date=day,
        decision_ref=clean_text(decision_ref),
        note=clean_text(note),
        created_by=actor if getattr(actor, "pk", None) else None,
    )


def _link(restructuring: Restructuring, unit: OrgUnit, role: str) -> None:
    RestructuringUnit.objects.get_or_create(restructuring=restructuring, unit=unit, role=role)


def _check_code_free(code: str) -> None:
    if OrgUnit.objects.filter(code=code).exists():
        raise DomainError(_("Mã đơn vị “%(code)s” đã được dùng.") % {"code": code}, code="duplicate_unit_code", field="code")


@transaction.atomic
def unit_create(
    *,
    actor,
    parent: OrgUnit | None,
    code: str,
    name: str,
    kind: str,
    valid_from: dt.date,
    education_levels: Sequence[str] = (),
    remote_area: bool = False,
    address: str = "",
) -> OrgUnit:
    _require_write(actor, parent)
    code = clean_text(code).upper()
    name = clean_text(name)
    if not code:
        raise DomainError(_("Mã đơn vị không được để trống."), code="required", field="code")
    if not name:
        raise DomainError(_("Tên đơn vị không được để trống."), code="required", field="name")
    _check_code_free(code)
    kind_obj = _kind(kind)
    if parent is not None:
        _check_active(parent, valid_from, "parent")
        _check_kind_under(kind_obj, parent)
    try:
        with transaction.atomic():  # the check above cannot see a unit another request is creating right now
            unit = OrgUnit.objects.create(
                code=code,
                name=name,
                name_folded=fold(name),
                kind=kind_obj,
                parent=parent,
                path=f"tmp-{code}",
                depth=0,
                education_levels=_levels(education_levels),
                remote_area=remote_area,
                address=clean_text(address),
                valid_from=valid_from,
            )
    except IntegrityError:
        raise Conflict(
            _("Mã đơn vị “%(code)s” vừa được dùng cho một đơn vị khác.") % {"code": code}, code="duplicate_unit_code", field="code"
        ) from None
    unit.path = (parent.path if parent else "") + path_segment(unit.pk)
    unit.depth = len(unit.path) // len(path_segment(1)) - 1
    unit.save(update_fields=["path", "depth"])
    UnitPlacement.objects.create(unit=unit, parent=parent, path=unit.path, valid_from=valid_from)
    audit.record(actor=actor, verb="unit.created", target=unit, after=audit.snapshot(unit))
    return unit


@transaction.atomic
def unit_update(
    *,
    actor,
    unit: OrgUnit,
    name: str | None = None,
    education_levels: Sequence[str] | None = None,
    remote_area: bool | None = None,
    address: str | None = None,
) -> OrgUnit:
    """Correct a unit's descriptive fields (its place in the tree changes only by restructuring)."""
    _require_write(actor, unit)
    before = audit.snapshot(unit)
    if name is not None:
        name = clean_text(name)
        if not name:
            raise DomainError(_("Tên đơn vị không được để trống."), code="required", field="name")
        unit.name, unit.name_folded = name, fold(name)
    if education_levels is not None:
        unit.education_levels = _levels(education_levels)
    if remote_area is not None:
        unit.remote_area = remote_area
    if address is not None:
        unit.address = clean_text(address)
    unit.save(update_fields=["name", "name_folded", "education_levels", "remote_area", "address"])
    changed_before, changed_after = audit.diff(before, audit.snapshot(unit))
    audit.record(actor=actor, verb="unit.updated", target=unit, before=changed_before, after=changed_after)
    return unit


def _place(unit: OrgUnit, parent: OrgUnit | None, day: dt.date) -> None:
    """Put ``unit`` (and its whole subtree) under ``parent`` from ``day``, keeping placement history."""
    old_prefix = unit.path
    new_prefix = (parent.path if parent else "") + path_segment(unit.pk)
    subtree = list(OrgUnit.objects.filter(path__startswith=old_prefix).order_by("path"))
    open_rows = {p.unit_id: p for p in UnitPlacement.objects.filter(unit__in=subtree, valid_to__isnull=True)}
    latest = max((p.valid_from for p in open_rows.values()), default=day)
    if latest > day:
        raise DomainError(
            _("Ngày hiệu lực phải sau lần sắp xếp gần nhất (%(day)s).") % {"day": f"{latest:%d/%m/%Y}"},
            code="effective_date_before_last_change",
            field="effective_date",
        )
    to_close, to_replace, new_rows = [], [], []
    for member in subtree:
        member_parent = parent if member.pk == unit.pk else None
        member.path = new_prefix + member.path[len(old_prefix) :]
        member.depth = len(member.path) // len(path_segment(1)) - 1
        current = open_rows.get(member.pk)
        parent_id = (member_parent.pk if member_parent else None) if member.pk == unit.pk else member.parent_id
        if current is not None and current.valid_from == day:
            current.path, current.parent_id = member.path, parent_id  # same-day correction: nothing was ever in force
            to_replace.append(current)
            continue
        if current is not None:
            current.valid_to = day - ONE_DAY
            to_close.append(current)
        elif member.valid_to is not None and member.valid_to < day:
            continue  # closed before the move: its path follows the subtree, its past placements stay as they were
        new_rows.append(UnitPlacement(unit=member, parent_id=parent_id, path=member.path, valid_from=day))
    unit.parent = parent
    UnitPlacement.objects.bulk_update(to_close, ["valid_to"])
    UnitPlacement.objects.bulk_update(to_replace, ["path", "parent"])
    UnitPlacement.objects.bulk_create(new_rows)
    # Two passes avoid transient collisions on the unique path column when moving inside one subtree.
    for member in subtree:
        member.final_path, member.path = member.path, f"~{member.pk}"
    OrgUnit.objects.bulk_update(subtree, ["path"])
    for member in subtree:
        member.path = member.final_path
    OrgUnit.objects.bulk_update(subtree, ["path", "depth"])
    unit.save(update_fields=["parent"])


def _check_not_inside(sources: Sequence[OrgUnit], target: OrgUnit) -> None:
    for source in sources:
        if target.path.startswith(source.path):
            raise DomainError(
                _("Không thể sáp nhập “%(source)s” vào chính nó hoặc vào đơn vị trực thuộc của nó (“%(target)s”).")
                % {"source": source.name, "target": target.name},
                code="merge_into_descendant",
                field="target",
            )


@transaction.atomic
def unit_merge(
    *,
    actor,
    sources: Sequence[OrgUnit],
    effective_date: dt.date,
    target: OrgUnit | None = None,
    new_target: UnitSpec | None = None,
    new_target_parent: OrgUnit | None = None,
    decision_ref: str = "",
    note: str = "",
) -> OrgUnit:
    """Merge ``sources`` into ``target`` (existing, or created from ``new_target`` under ``new_target_parent``).

    Each source's active child units and current staff continue in the target from the effective date;
    the source is closed the day before, records the target as successor, and hangs under the target,
    so its history (past employment, awards) is inside the target's subtree.
    """
    sources = list({s.pk: s for s in sources}.values())
    if not sources:
        raise DomainError(_("Cần chọn ít nhất một đơn vị bị sáp nhập."), code="required", field="sources")
    if (target is None) == (new_target is None):
        raise DomainError(_("Chọn một đơn vị tiếp nhận có sẵn hoặc khai báo đơn vị mới."), code="invalid_target", field="target")
    day = _effective(effective_date)
    _require_write(actor, *sources, target if target else new_target_parent)
    _lock([*sources, target])
    for source in sources:
        _check_active(source, day - ONE_DAY, "sources")
    if target is not None:
        _check_not_inside(sources, target)
        _check_active(target, day, "target")
    else:
        if new_target_parent is not None:
            _check_not_inside(sources, new_target_parent)
        target = unit_create(
            actor=actor,
            parent=new_target_parent,
            code=new_target.code,
            name=new_target.name,
            kind=new_target.kind,
            valid_from=day,
            education_levels=new_target.education_levels,
            remote_area=new_target.remote_area,
            address=new_target.address,
        )
    restructuring = _new_restructuring(actor, Restructuring.Kind.MERGE, day, decision_ref, note)
    _link(restructuring, target, RestructuringUnit.Role.TARGET)
    for source in sources:
        source.refresh_from_db()
        before = audit.snapshot(source)
        for child in list(source.children.active()):
            child.refresh_from_db()
            _place(child, target, day)
            _link(restructuring, child, RestructuringUnit.Role.MOVED)
        moved = people_services.employments_continue_in(actor=actor, source=source, target=target, day=day, restructuring=restructuring)
        source.refresh_from_db()
        target.refresh_from_db()
        _place(source, target, day)
        source.valid_to = day - ONE_DAY
        source.successor = target
        source.save(update_fields=["valid_to", "successor"])
        _link(restructuring, source, RestructuringUnit.Role.SOURCE)
        audit.record(
            actor=actor,
            verb="unit.merged",
            target=source,
            unit=target,
            before=before,
            after={**audit.snapshot(source), "people_moved": moved, "restructuring": restructuring.pk},
        )
    target.refresh_from_db()
    return target


@transaction.atomic
def unit_split(
    *, actor, source: OrgUnit, parts: Sequence[UnitSpec], effective_date: dt.date, decision_ref: str = "", note: str = ""
) -> list[OrgUnit]:
    """Split ``source`` into new sibling units. People and child units go where ``parts`` say
    (unlisted ones go to the first part); the source is closed the day before and stays in place."""
    from thidua.people.models import Employment

    if len(parts) < 2:
        raise DomainError(_("Chia tách cần ít nhất hai đơn vị mới."), code="split_needs_two_parts", field="parts")
    day = _effective(effective_date)
    _require_write(actor, source, source.parent)
    _lock([source])
    _check_active(source, day - ONE_DAY, "source")
    restructuring = _new_restructuring(actor, Restructuring.Kind.SPLIT, day, decision_ref, note)
    _link(restructuring, source, RestructuringUnit.Role.SOURCE)
    before = audit.snapshot(source)
    new_units = [
        unit_create(
            actor=actor,
            parent=source.parent,
            code=p.code,
            name=p.name,
            kind=p.kind,
            valid_from=day,
            education_levels=p.education_levels,
            remote_area=p.remote_area,
            address=p.address,
        )
        for p in parts
    ]
    for unit in new_units:
        _link(restructuring, unit, RestructuringUnit.Role.TARGET)
    children = {c.pk: c for c in source.children.active()}
    staff = set(Employment.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), unit=source).values_list("person_id", flat=True))
    strangers = sorted({pk for part in parts for pk in part.people} - staff)
    if strangers:
        raise DomainError(
            _("Cá nhân %(ids)s không công tác tại đơn vị bị chia tách.") % {"ids": ", ".join(map(str, strangers))},
            code="invalid_person",
            field="parts",
        )
    people_claimed: set[int] = set()
    for part, unit in zip(parts[1:], new_units[1:], strict=True):
        for child_id in part.children:
            if child_id not in children:
                raise DomainError(
                    _("Đơn vị con %(id)s không thuộc đơn vị bị chia tách.") % {"id": child_id}, code="invalid_child", field="parts"
                )
            _place(children.pop(child_id), unit, day)
        people_services.employments_continue_in(
            actor=actor, source=source, target=unit, day=day, person_ids=set(part.people), restructuring=restructuring
        )
        people_claimed |= set(part.people)
    for child in children.values():
        child.refresh_from_db()
        _place(child, new_units[0], day)
    people_services.employments_continue_in(actor=actor, source=source, target=new_units[0], day=day, restructuring=restructuring)
    source.refresh_from_db()
    source.valid_to = day - ONE_DAY
    source.successor = new_units[0]
    source.save(update_fields=["valid_to", "successor"])
    audit.record(
        actor=actor, verb="unit.split", target=source, before=before, after={**audit.snapshot(source), "parts": [u.code for u in new_units]}
    )
    return new_units


@transaction.atomic
def unit_move(*, actor, unit: OrgUnit, new_parent: OrgUnit, effective_date: dt.date, decision_ref: str = "", note: str = "") -> OrgUnit:
    """Move a unit and its subtree under another parent (schools from a district office to a commune)."""
    day = _effective(effective_date)
    _require_write(actor, unit, new_parent)
    _lock([unit, new_parent])
    unit.refresh_from_db()
    if new_parent.path.startswith(unit.path):
        raise DomainError(
            _("Không thể chuyển đơn vị vào chính nó hoặc đơn vị trực thuộc của nó."), code="move_into_descendant", field="parent"
        )
    if unit.parent_id == new_parent.pk:
        raise DomainError(_("Đơn vị đã trực thuộc “%(name)s”.") % {"name": new_parent.name}, code="same_parent", field="parent")
    _check_kind_under(unit.kind, new_parent)
    _check_active(unit, day, "unit")
    _check_active(new_parent, day, "parent")
    before = audit.snapshot(unit)
    restructuring = _new_restructuring(actor, Restructuring.Kind.MOVE, day, decision_ref, note)
    _link(restructuring, unit, RestructuringUnit.Role.MOVED)
    _link(restructuring, new_parent, RestructuringUnit.Role.TARGET)
    _place(unit, new_parent, day)
    unit.refresh_from_db()
    changed_before, changed_after = audit.diff(before, audit.snapshot(unit))
    audit.record(
        actor=actor, verb="unit.moved", target=unit, before=changed_before, after={**changed_after, "restructuring": restructuring.pk}
    )
    return unit


@transaction.atomic
def unit_close(*, actor, unit: OrgUnit, effective_date: dt.date, decision_ref: str = "", note: str = "") -> OrgUnit:
    """Close (dissolve) a unit from ``effective_date``; its staff and child units must be moved first."""
    from thidua.people.models import Employment

    day = _effective(effective_date)
    _require_write(actor, unit)
    _lock([unit])
    unit.refresh_from_db()
    _check_active(unit, day - ONE_DAY, "unit")
    latest = UnitPlacement.objects.filter(unit=unit, valid_to__isnull=True).values_list("valid_from", flat=True).first()
    if latest is not None and latest >= day:
        raise DomainError(
            _("Ngày giải thể phải sau lần sắp xếp gần nhất (%(day)s).") % {"day": f"{latest:%d/%m/%Y}"},
            code="effective_date_before_last_change",
            field="effective_date",
        )
    active_children = unit.children.active().count()
    if active_children:
        raise DomainError(
            _("Đơn vị còn %(n)d đơn vị trực thuộc đang hoạt động; hãy chuyển hoặc giải thể chúng trước.") % {"n": active_children},
            code="unit_has_children",
            field="unit",
        )
    # Employment planned to end after the closing date counts too: it would outlive the unit.
    staff = Employment.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), unit=unit).count()
    if staff:
        raise DomainError(
            _("Đơn vị còn %(n)d người đang công tác; hãy chuyển công tác cho họ trước khi giải thể.") % {"n": staff},
            code="unit_has_staff",
            field="unit",
        )
    before = audit.snapshot(unit)
    restructuring = _new_restructuring(actor, Restructuring.Kind.CLOSE, day, decision_ref, note)
    _link(restructuring, unit, RestructuringUnit.Role.SOURCE)
    unit.valid_to = day - ONE_DAY
    unit.save(update_fields=["valid_to"])
    UnitPlacement.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=day - ONE_DAY)
    audit.record(actor=actor, verb="unit.closed", target=unit, before=before, after=audit.snapshot(unit))
    return unit
