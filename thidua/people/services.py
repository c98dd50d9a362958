"""Changes to people's records: each function is one audited use case in one transaction."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.core.vietnamese import clean_text, fold, sort_key
from thidua.org.models import OrgUnit
from thidua.years.models import SchoolYear

from . import checks
from .models import AnnualRating, Discipline, DisciplineForm, Employment, Gender, Leave, LeaveKind, Person, Rating, StaffType


def _require_unit_write(actor, unit: OrgUnit) -> None:
    if not scope_for(actor).can_write_unit(unit):
        raise PermissionDenied(_("Bạn không có quyền thay đổi dữ liệu của “%(name)s”.") % {"name": unit.name}, code="forbidden")


def _require_person_write(actor, person: Person) -> None:
    if not scope_for(actor).can_write_person(person):
        raise PermissionDenied(_("Bạn không có quyền thay đổi hồ sơ của “%(name)s”.") % {"name": person.full_name}, code="forbidden")


def _choice(value: str, choices, field: str, label: str) -> str:
    if value not in choices.values:
        raise DomainError(_("%(label)s “%(value)s” không hợp lệ.") % {"label": label, "value": value}, code="invalid_choice", field=field)
    return value


def _national_id(value: str | None, *, exclude_pk: int | None = None) -> str | None:
    value = checks.national_id_format(value)
    if value and Person.objects.filter(national_id=value).exclude(pk=exclude_pk).exists():
        raise checks.national_id_taken(value)
    return value


def _check_birth(date_of_birth: dt.date | None) -> None:
    checks.birth_date(date_of_birth, today=timezone.localdate())


def _refresh_current(person: Person) -> None:
    open_row = person.employments.filter(end_date__isnull=True).select_related("unit").first()
    person.current_unit = open_row.unit if open_row else None
    person.current_position = open_row.position if open_row else ""
    person.save(update_fields=["current_unit", "current_position", "updated_at"])


def _check_unit_active(unit: OrgUnit, start: dt.date, end: dt.date | None) -> None:
    checks.unit_active(name=unit.name, valid_from=unit.valid_from, valid_to=unit.valid_to, start=start, end=end)


def _check_period(person: Person, start: dt.date, end: dt.date | None, *, exclude_pk: int | None = None) -> None:
    checks.period_order(start, end)
    overlapping = person.employments.exclude(pk=exclude_pk).filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    if end is not None:
        overlapping = overlapping.filter(start_date__lte=end)
    clash = overlapping.select_related("unit").first()
    if clash:
        checks.no_overlap([(clash.start_date, clash.end_date, clash.unit.name)], start, end)


@transaction.atomic
def person_create(
    *,
    actor,
    full_name: str,
    gender: str,
    unit: OrgUnit,
    staff_type: str,
    start_date: dt.date,
    position: str = "",
    date_of_birth: dt.date | None = None,
    ethnicity: str = "Kinh",
    national_id: str | None = None,
    email: str = "",
) -> Person:
    """Create a person together with their first employment (a person always belongs somewhere)."""
    _require_unit_write(actor, unit)
    full_name = clean_text(full_name)
    if not full_name:
        raise DomainError(_("Họ và tên không được để trống."), code="required", field="full_name")
    _choice(gender, Gender, "gender", _("Giới tính"))
    _check_birth(date_of_birth)
    national_id = _national_id(national_id)
    try:
        with transaction.atomic():  # the check above cannot see a person another request is creating right now
            person = Person.objects.create(
                full_name=full_name,
                name_folded=fold(full_name),
                sort_key=sort_key(full_name),
                date_of_birth=date_of_birth,
                gender=gender,
                ethnicity=clean_text(ethnicity) or "Kinh",
                national_id=national_id,
                email=clean_text(email),
            )
    except IntegrityError:
        raise Conflict(
            _("Số định danh cá nhân %(id)s vừa được ghi cho một cá nhân khác.") % {"id": national_id},
            code="duplicate_national_id",
            field="national_id",
        ) from None
    audit.record(actor=actor, verb="person.created", target=person, unit=unit, after=audit.snapshot(person))
    _employment_add(actor=actor, person=person, unit=unit, staff_type=staff_type, start_date=start_date, end_date=None, position=position)
    person.refresh_from_db()
    return person


@transaction.atomic
def person_update(*, actor, person: Person, **fields) -> Person:
    """Correct identity fields: full_name, date_of_birth, gender, ethnicity, national_id, email."""
    _require_person_write(actor, person)
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = audit.snapshot(person)
    allowed = {"full_name", "date_of_birth", "gender", "ethnicity", "national_id", "email"}
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(_("Trường không được phép sửa: %(f)s.") % {"f": ", ".join(sorted(unknown))}, code="invalid_field")
    if "full_name" in fields:
        name = clean_text(fields["full_name"])
        if not name:
            raise DomainError(_("Họ và tên không được để trống."), code="required", field="full_name")
        person.full_name, person.name_folded, person.sort_key = name, fold(name), sort_key(name)
    if "gender" in fields:
        person.gender = _choice(fields["gender"], Gender, "gender", _("Giới tính"))
    if "date_of_birth" in fields:
        _check_birth(fields["date_of_birth"])
        person.date_of_birth = fields["date_of_birth"]
    if "ethnicity" in fields:
        person.ethnicity = clean_text(fields["ethnicity"]) or "Kinh"
    if "national_id" in fields:
        person.national_id = _national_id(fields["national_id"], exclude_pk=person.pk)
    if "email" in fields:
        person.email = clean_text(fields["email"])
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        raise DomainError(_("Số định danh cá nhân đã có trong hệ thống."), code="duplicate_national_id", field="national_id") from None
    changed_before, changed_after = audit.diff(before, audit.snapshot(person))
    changed_before.pop("updated_at", None)
    changed_after.pop("updated_at", None)
    audit.record(actor=actor, verb="person.updated", target=person, before=changed_before, after=changed_after)
    return person


@transaction.atomic
def employment_add(
    *,
    actor,
    person: Person,
    unit: OrgUnit,
    staff_type: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    position: str = "",
) -> Employment:
    """Add a period of work. The actor must manage both the unit and the person (a row in one's own
    unit would otherwise make anybody's record visible and editable)."""
    _require_unit_write(actor, unit)
    _require_person_write(actor, person)
    return _employment_add(
        actor=actor, person=person, unit=unit, staff_type=staff_type, start_date=start_date, end_date=end_date, position=position
    )


def _employment_add(
    *, actor, person: Person, unit: OrgUnit, staff_type: str, start_date: dt.date, end_date: dt.date | None, position: str
) -> Employment:
    """``employment_add`` without the person check, for callers that already decided (create, transfer)."""
    _require_unit_write(actor, unit)
    Person.objects.select_for_update().filter(pk=person.pk).first()
    _choice(staff_type, StaffType, "staff_type", _("Loại cán bộ"))
    _check_unit_active(unit, start_date, end_date)
    _check_period(person, start_date, end_date)
    row = Employment.objects.create(
        person=person, unit=unit, staff_type=staff_type, start_date=start_date, end_date=end_date, position=clean_text(position)
    )
    _refresh_current(person)
    audit.record(actor=actor, verb="employment.added", target=row, after=audit.snapshot(row))
    return row


class _Unset(enum.Enum):
    UNSET = enum.auto()


UNSET = _Unset.UNSET


@transaction.atomic
def employment_update(
    *,
    actor,
    employment: Employment,
    end_date: dt.date | _Unset | None = UNSET,
    start_date: dt.date | None = None,
    position: str | None = None,
    staff_type: str | None = None,
) -> Employment:
    """Correct a period of work. ``end_date=None`` reopens it; leaving ``end_date`` out keeps it."""
    _require_unit_write(actor, employment.unit)
    Person.objects.select_for_update().filter(pk=employment.person_id).first()
    before = audit.snapshot(employment)
    if start_date is not None:
        employment.start_date = start_date
    if end_date is not UNSET:
        employment.end_date = end_date
    if position is not None:
        employment.position = clean_text(position)
    if staff_type is not None:
        employment.staff_type = _choice(staff_type, StaffType, "staff_type", _("Loại cán bộ"))
    _check_unit_active(employment.unit, employment.start_date, employment.end_date)
    _check_period(employment.person, employment.start_date, employment.end_date, exclude_pk=employment.pk)
    employment.save()
    _refresh_current(employment.person)
    changed_before, changed_after = audit.diff(before, audit.snapshot(employment))
    audit.record(actor=actor, verb="employment.updated", target=employment, before=changed_before, after=changed_after)
    return employment


@transaction.atomic
def person_transfer(
    *, actor, person: Person, to_unit: OrgUnit, effective_date: dt.date, staff_type: str | None = None, position: str | None = None
) -> Employment:
    """Move a person to another unit: the open employment ends the day before ``effective_date``."""
    _require_person_write(actor, person)
    _require_unit_write(actor, to_unit)
    current = person.employments.filter(end_date__isnull=True).first()
    if current is None:
        raise DomainError(_("Cá nhân không có quá trình công tác đang mở."), code="no_open_employment")
    if current.unit_id == to_unit.pk:
        raise DomainError(_("Cá nhân đã công tác tại đơn vị này."), code="same_unit", field="unit")
    if effective_date <= current.start_date:
        raise DomainError(_("Ngày chuyển phải sau ngày bắt đầu công tác hiện tại."), code="end_before_start", field="effective_date")
    employment_update(actor=actor, employment=current, end_date=effective_date - dt.timedelta(days=1))
    return _employment_add(
        actor=actor,
        person=person,
        unit=to_unit,
        staff_type=staff_type or current.staff_type,
        start_date=effective_date,
        end_date=None,
        position=current.position if position is None else position,
    )


def employment_during(person: Person, year: SchoolYear) -> Employment | None:
    """The person's last employment overlapping the school year (``None``: they did not work in it)."""
    return (
        person.employments.filter(start_date__lte=year.end_date)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=year.start_date))
        .order_by("-start_date")
        .select_related("unit")
        .first()
    )


def _rating_of(person: Person, school_year: SchoolYear) -> AnnualRating | None:
    """The recorded rating of that year, locked until the end of the transaction."""
    return AnnualRating.objects.select_for_update().filter(person=person, school_year=school_year).first()


@transaction.atomic
def rating_set(*, actor, person: Person, school_year: SchoolYear, rating: str, note: str = "") -> AnnualRating:
    """Record (or correct) the annual rating of a school year in which the person worked."""
    _require_person_write(actor, person)
    _choice(rating, Rating, "rating", _("Xếp loại"))
    employment = employment_during(person, school_year)
    if employment is None:
        raise checks.not_employed_in_year(name=person.full_name, year_code=school_year.code)
    # Lock the person: a row lock cannot cover a rating that does not exist yet, so two first saves of the
    # same year (a double-submitted form) would both insert. The second now waits and corrects the first.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    existing = _rating_of(person, school_year)
    before = audit.snapshot(existing) if existing else None
    if existing:
        existing.rating, existing.note, existing.unit = rating, clean_text(note), employment.unit
        existing.save(update_fields=["rating", "note", "unit"])
        row = existing
    else:
        try:
            with transaction.atomic():
                row = AnnualRating.objects.create(
                    person=person, school_year=school_year, rating=rating, note=clean_text(note), unit=employment.unit
                )
        except IntegrityError:  # only where the lock does not hold (SQLite locks the whole database anyway)
            raise Conflict(
                _("Xếp loại năm học %(year)s của %(name)s vừa được ghi bởi một yêu cầu khác; hãy tải lại trang.")
                % {"year": school_year.code, "name": person.full_name},
                code="rating_recorded_meanwhile",
                field="rating",
            ) from None
    audit.record(actor=actor, verb="rating.set", target=row, before=before, after=audit.snapshot(row))
    return row


@transaction.atomic
def rating_delete(*, actor, rating: AnnualRating) -> None:
    _require_person_write(actor, rating.person)
    before = audit.snapshot(rating)
    audit.record(actor=actor, verb="rating.deleted", target=rating, before=before)
    rating.delete()


@transaction.atomic
def discipline_add(
    *,
    actor,
    person: Person,
    form: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    status: str = Discipline.Status.IN_EFFECT,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    reason: str = "",
) -> Discipline:
    _require_person_write(actor, person)
    _choice(form, DisciplineForm, "form", _("Hình thức kỷ luật"))
    _choice(status, Discipline.Status, "status", _("Trạng thái"))
    if end_date is not None and end_date < start_date:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."), code="end_before_start", field="end_date")
    if decision_date and decision_date > start_date:
        raise DomainError(
            _("Ngày quyết định không được sau ngày bắt đầu thi hành kỷ luật."), code="decision_after_start", field="decision_date"
        )
    row = Discipline.objects.create(
        person=person,
        form=form,
        status=status,
        start_date=start_date,
        end_date=end_date,
        decision_number=clean_text(decision_number),
        decision_date=decision_date,
        reason=clean_text(reason),
    )
    audit.record(actor=actor, verb="discipline.added", target=row, after=audit.snapshot(row))
    return row


@transaction.atomic
def discipline_delete(*, actor, discipline: Discipline) -> None:
    _require_person_write(actor, discipline.person)
    audit.record(actor=actor, verb="discipline.deleted", target=discipline, before=audit.snapshot(discipline))
    discipline.delete()


@transaction.atomic
def leave_add(*, actor, person: Person, kind: str, start_date: dt.date, end_date: dt.date, note: str = "") -> Leave:
    _require_person_write(actor, person)
    _choice(kind, LeaveKind, "kind", _("Loại nghỉ"))
    if end_date < start_date:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."), code="end_before_start", field="end_date")
    row = Leave.objects.create(person=person, kind=kind, start_date=start_date, end_date=end_date, note=clean_text(note))
    audit.record(actor=actor, verb="leave.added", target=row, after=audit.snapshot(row))
    return row


@transaction.atomic
def leave_delete(*, actor, leave: Leave) -> None:
    _require_person_write(actor, leave.person)
    audit.record(actor=actor, verb="leave.deleted", target=leave, before=audit.snapshot(leave))
    leave.delete()


# -- restructuring (called by the org services) ---------------------------------------------------------


@transaction.atomic
def employments_continue_in(
    *, actor, source: OrgUnit, target: OrgUnit, day: dt.date, person_ids: set[int] | None = None, restructuring=None
) -> int:
    """End the employment in ``source`` that runs into ``day`` on the day before and continue it in ``target``
    from ``day`` (a merge or split of units); ``person_ids`` limits it to those people. Returns how many moved.

    Rows with a planned end after ``day`` are split too (keeping their end in the target): otherwise they
    would outlive the unit they belong to. Each continued row gets an ``employment.continued`` audit row.
    """
    _require_unit_write(actor, source)
    _require_unit_write(actor, target)
    rows = list(Employment.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), unit=source))
    if person_ids is not None:
        rows = [r for r in rows if r.person_id in person_ids]
    if any(r.start_date >= day for r in rows):
        raise DomainError(
            _("Có quá trình công tác bắt đầu từ ngày hiệu lực trở đi tại “%(name)s”; hãy sửa trước khi sắp xếp.") % {"name": source.name},
            code="employment_after_effective_date",
            field="effective_date",
        )
    ends = {r.pk: r.end_date for r in rows}
    for row in rows:
        row.end_date = day - dt.timedelta(days=1)
    Employment.objects.bulk_update(rows, ["end_date"])
    continued = Employment.objects.bulk_create(
        [
            Employment(
                person_id=r.person_id, unit=target, position=r.position, staff_type=r.staff_type, start_date=day, end_date=ends[r.pk]
            )
            for r in rows
        ]
    )
    Person.objects.filter(pk__in=[r.person_id for r in rows if ends[r.pk] is None]).update(current_unit=target)
    extra = {"restructuring": restructuring.pk} if restructuring is not None else {}
    for old, new in zip(rows, continued, strict=True):
        audit.record(
            actor=actor,
            verb="employment.continued",
            target=new,
            unit=target,
            person_id=new.person_id,
            before={"employment": old.pk, "unit": source.pk, "end_date": ends[old.pk]},
            after={**audit.snapshot(new), "previous": old.pk, "previous_end_date": old.end_date, **extra},
        )
    return len(rows)


# -- many at once (the Excel import) ----------------------------------------------------------------------
@dataclass
class PersonPlan:
    """A new person the importer checked (``people.checks``); ``obj`` is set once written."""

    full_name: str
    gender: str
    date_of_birth: dt.date | None
    ethnicity: str
    national_id: str | None
    unit_id: int
    periods: list[tuple[dt.date, dt.date]] = field(default_factory=list)
    obj: Person | None = None


@dataclass
class EmploymentPlan:
    """A period of work for an existing person (``person_id``) or for one planned in the same batch."""

    person_id: int | None
    new_person: PersonPlan | None
    unit_id: int
    staff_type: str
    position: str
    start: dt.date
    end: dt.date | None


@dataclass
class RatingPlan:
    person_id: int
    school_year: SchoolYear
    rating: str
    note: str
    unit_id: int


def _chunks(items: list, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _writable_units(actor, unit_ids: set[int]) -> dict[int, OrgUnit]:
    units = OrgUnit.objects.in_bulk(unit_ids)
    scope = scope_for(actor)
    for unit in units.values():
        if not scope.can_write_unit(unit):
            raise PermissionDenied(_("Bạn không có quyền thay đổi dữ liệu của “%(name)s”.") % {"name": unit.name}, code="forbidden")
    return units


@transaction.atomic
def staff_import(*, actor, people: list[PersonPlan], employments: list[EmploymentPlan], batch=None) -> dict:
    """Write the people and periods of work of an import batch in bulk, with the audit rows
    ``person_create`` and ``employment_add`` write (``person.created``, ``employment.added``), each naming
    the batch. The importer matched and checked the rows with ``people.checks`` in this transaction."""
    units = _writable_units(actor, {j.unit_id for j in employments} | {p.unit_id for p in people})
    today = timezone.localdate()
    for p in people:
        checks.birth_date(p.date_of_birth, today=today)
        checks.national_id_format(p.national_id)
        _choice(p.gender, Gender, "gender", _("Giới tính"))
    for j in employments:
        _choice(j.staff_type, StaffType, "staff_type", _("Loại cán bộ"))
        checks.period_order(j.start, j.end)
    rows = [
        Person(
            full_name=clean_text(p.full_name),
            name_folded=fold(p.full_name),
            sort_key=sort_key(p.full_name),
            date_of_birth=p.date_of_birth,
            gender=p.gender,
            ethnicity=clean_text(p.ethnicity) or "Kinh",
            national_id=p.national_id,
        )
        for p in people
    ]
    Person.objects.bulk_create(rows, batch_size=1000)
    for p, obj in zip(people, rows, strict=True):
        p.obj = obj
    jobs = [
        Employment(
            person_id=j.person_id if j.person_id else j.new_person.obj.pk,
            unit_id=j.unit_id,
            staff_type=j.staff_type,
            position=clean_text(j.position),
            start_date=j.start,
            end_date=j.end,
        )
        for j in employments
    ]
    Employment.objects.bulk_create(jobs, batch_size=1000)
    touched = {j.person_id for j in jobs}
    open_rows: dict[int, Employment] = {}
    for chunk in _chunks(sorted(touched)):
        open_rows |= {j.person_id: j for j in Employment.objects.filter(person_id__in=chunk, end_date__isnull=True)}
    Person.objects.bulk_update(
        [
            Person(
                pk=pid,
                current_unit_id=(open_rows[pid].unit_id if pid in open_rows else None),
                current_position=(open_rows[pid].position if pid in open_rows else ""),
            )
            for pid in touched
        ],
        ["current_unit", "current_position"],
        batch_size=1000,
    )
    ref = {"import_batch": batch.pk if batch else None}
    for p in people:
        audit.record(actor=actor, verb="person.created", target=p.obj, unit=units[p.unit_id], after={**audit.snapshot(p.obj), **ref})
    for row in jobs:
        audit.record(actor=actor, verb="employment.added", target=row, after={**audit.snapshot(row), **ref})
    return {"people": len(rows), "employments": len(jobs)}


@transaction.atomic
def ratings_import(*, actor, ratings: list[RatingPlan], batch=None) -> dict:
    """Write the new annual ratings of an import batch in bulk, with the ``rating.set`` audit row of
    ``rating_set`` (naming the batch). Existing ratings are never overwritten by an import."""
    scope = scope_for(actor)
    ids = sorted({r.person_id for r in ratings})
    for chunk in _chunks(ids):
        for name, path in Person.objects.filter(pk__in=chunk).values_list("full_name", "current_unit__path"):
            if path is None or not scope.can_write_path(path):
                raise PermissionDenied(_("Bạn không có quyền thay đổi hồ sơ của “%(name)s”.") % {"name": name}, code="forbidden")
    for r in ratings:
        _choice(r.rating, Rating, "rating", _("Xếp loại"))
    rows = [
        AnnualRating(person_id=r.person_id, school_year=r.school_year, rating=r.rating, note=clean_text(r.note), unit_id=r.unit_id)
        for r in ratings
    ]
    AnnualRating.objects.bulk_create(rows, batch_size=2000)
    ref = {"import_batch": batch.pk if batch else None}
    for row in rows:
        audit.record(actor=actor, verb="rating.set", target=row, before=None, after={**audit.snapshot(row), **ref})
    return {"ratings": len(rows)}
