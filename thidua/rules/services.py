"""Recording what officers confirm for the qualitative criteria of the rules (audited, scoped).

A confirmation is a decision about one person, one school year and one fact of the rule book
(``rulesets.confirmation_facts``): met (``True``), not met (``False``), or withdrawn (``None``, the criterion
reads "cần xác nhận" again). Setting one needs its basis (the minutes of the council meeting, the unit's
assessment) and write access to the person's current unit, like their rating.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.core.vietnamese import clean_text
from thidua.people.models import Person
from thidua.people.services import employment_during
from thidua.years.models import SchoolYear

from .models import Confirmation
from .rulesets import DEFAULT_BOOK, confirmation_facts

FACTS = confirmation_facts(DEFAULT_BOOK)  # every fact an individual rule of any regime asks an officer to confirm


@dataclass(frozen=True)
class Change:
    person: Person
    fact: str
    before: bool | None
    after: bool | None


def _check_fact(fact: str) -> None:
    if fact not in FACTS:
        raise DomainError(_("Tiêu chí xác nhận “%(fact)s” không có trong quy định.") % {"fact": fact}, code="unknown_fact", field="fact")


def _basis(basis: str, needed: bool) -> str:
    basis = clean_text(basis)
    if needed and not basis:
        raise DomainError(
            _("Nhập căn cứ xác nhận (ví dụ: biên bản họp Hội đồng Thi đua – Khen thưởng số …)."), code="basis_required", field="basis"
        )
    return basis[:255]


def _apply(actor, person: Person, school_year: SchoolYear, values: Mapping[str, bool | None], basis: str) -> list[Change]:
    if not scope_for(actor).can_write_person(person):
        raise PermissionDenied(_("Bạn không có quyền xác nhận tiêu chí cho “%(name)s”.") % {"name": person.full_name}, code="forbidden")
    employment = employment_during(person, school_year)
    if employment is None:
        raise DomainError(
            _("%(name)s không công tác trong năm học %(year)s.") % {"name": person.full_name, "year": school_year.code},
            code="not_employed_in_year",
            field="school_year",
        )
    existing = _recorded(person, school_year, values)
    now, changes = timezone.now(), []
    for fact, value in values.items():
        row = existing.get(fact)
        if (row is None and value is None) or (row is not None and row.value == value and row.basis == basis):
            continue  # nothing to change
        before = audit.snapshot(row) if row else None
        if value is None:
            audit.record(actor=actor, verb="eligibility.confirmation_withdrawn", target=row, before=before)
            row.delete()
        else:
            if row is None:
                row = Confirmation(person=person, school_year=school_year, fact=fact)
            row.value, row.basis, row.unit, row.confirmed_by, row.confirmed_at = value, basis, employment.unit, actor, now
            try:
                with transaction.atomic():  # the row lock covers rows that exist; a first save can still race
                    row.save()
            except IntegrityError:
                raise Conflict(
                    _("Tiêu chí “%(fact)s” của %(name)s vừa được người khác xác nhận; hãy tải lại trang và xem lại.")
                    % {"fact": fact, "name": person.full_name},
                    code="confirmed_meanwhile",
                    field="fact",
                ) from None
            audit.record(actor=actor, verb="eligibility.confirmed", target=row, before=before, after=audit.snapshot(row))
        changes.append(Change(person, fact, before["value"] if before else None, value))
    return changes


def _recorded(person: Person, school_year: SchoolYear, facts: Iterable[str]) -> dict[str, Confirmation]:
    """The recorded rows of these facts, locked until the end of the transaction."""
    rows = Confirmation.objects.select_for_update().filter(person=person, school_year=school_year, fact__in=list(facts))
    return {c.fact: c for c in rows}


@transaction.atomic
def confirmations_set(
    *, actor, person: Person, school_year: SchoolYear, values: Mapping[str, bool | None], basis: str = ""
) -> list[Change]:
    """Set or withdraw several facts for one person and school year (facts left out stay as they are)."""
    for fact in values:
        _check_fact(fact)
    basis = _basis(basis, needed=any(v is not None for v in values.values()))
    return _apply(actor, person, school_year, values, basis)


@transaction.atomic
def confirmations_set_for_people(
    *, actor, people: Iterable[Person], school_year: SchoolYear, fact: str, value: bool | None, basis: str = ""
) -> list[Change]:
    """One fact for many people (after the council's meeting): all of them or, on the first refusal, none."""
    _check_fact(fact)
    basis = _basis(basis, needed=value is not None)
    people = list(people)
    if not people:
        raise DomainError(_("Chọn ít nhất một người."), code="no_people", field="people")
    changes: list[Change] = []
    for person in people:
        changes += _apply(actor, person, school_year, {fact: value}, basis)
    return changes
