"""Recording what officers confirm for the qualitative criteria of the rules (audited, scoped).

A confirmation is a decision about one person, one school year and one fact of the rule book
(``rulesets.confirmation_facts``): met (``True``), not met (``False``), or withdrawn (``None``, the criterion
reads "cần xác nhận" again). Setting one needs its basis (the minutes of the council meeting, the unit's
assessment) and write access to the person's current unit, like their rating.
"""

from __future__ import annotations

import datetime as dt
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

from .engine.evaluators import title_label
from .engine.rulesets import DEFAULT_BOOK, confirmation_facts
from .engine.rulesets.votes import vote_titles
from .models import BallotTally, Confirmation, fact_label

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
    employment = _employment_to_write(
        actor, person, school_year, _("Bạn không có quyền xác nhận tiêu chí cho “%(name)s”.") % {"name": person.full_name}
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
                    % {"fact": fact_label(fact), "name": person.full_name},
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


# -- the council's secret ballot (NĐ 98/2023 Điều 30.7) ---------------------------------------------------------
VOTE_TITLES = vote_titles()  # the individual titles whose rules ask for the council's vote, in any regime


def _check_tally(code: str, school_year: SchoolYear, total: int, present: int, written: int, session_date: dt.date) -> None:
    if code not in VOTE_TITLES:
        raise DomainError(
            _("Danh hiệu “%(code)s” không xét bằng bỏ phiếu kín của Hội đồng (chọn: %(codes)s).")
            % {"code": code, "codes": ", ".join(title_label(c) for c in VOTE_TITLES)},
            code="no_vote_for_title",
            field="code",
        )
    if total < 1:
        raise DomainError(_("Tổng số thành viên Hội đồng phải từ 1 trở lên."), code="no_members", field="total_members")
    if present < 0 or written < 0:
        raise DomainError(_("Số phiếu đồng ý không được âm."), code="negative_votes", field="in_favour")
    if present + written > total:
        raise DomainError(
            _("Số thành viên đồng ý (%(votes)d) nhiều hơn tổng số thành viên Hội đồng (%(total)d).")
            % {"votes": present + written, "total": total},
            code="votes_exceed_members",
            field="in_favour",
        )
    if session_date < school_year.start_date:
        raise DomainError(
            _("Ngày họp Hội đồng %(day)s trước khi năm học %(year)s bắt đầu.")
            % {"day": f"{session_date:%d/%m/%Y}", "year": school_year.code},
            code="session_before_year",
            field="session_date",
        )
    if session_date > timezone.localdate():
        raise DomainError(_("Ngày họp Hội đồng không được sau hôm nay."), code="session_in_future", field="session_date")


def _employment_to_write(actor, person: Person, school_year: SchoolYear, refusal: str):
    """The person's employment in the school year, once the actor may write for them (``refusal`` otherwise)."""
    if not scope_for(actor).can_write_person(person):
        raise PermissionDenied(refusal, code="forbidden")
    employment = employment_during(person, school_year)
    if employment is None:
        raise DomainError(
            _("%(name)s không công tác trong năm học %(year)s.") % {"name": person.full_name, "year": school_year.code},
            code="not_employed_in_year",
            field="school_year",
        )
    return employment


def _ballot_writer(actor, person: Person, school_year: SchoolYear):
    return _employment_to_write(
        actor, person, school_year, _("Bạn không có quyền nhập kết quả bỏ phiếu cho “%(name)s”.") % {"name": person.full_name}
    )


@transaction.atomic
def ballot_tally_set(
    *,
    actor,
    person: Person,
    school_year: SchoolYear,
    code: str,
    total_members: int,
    in_favour: int,
    in_favour_written: int = 0,
    session_date: dt.date,
    basis: str,
) -> BallotTally:
    """Record (or correct) the result of the council's secret ballot on ``code`` for a person and school year,
    from the minutes (``basis``): the council's total membership, those in favour at the session and the
    absent members in favour in writing."""
    _check_tally(code, school_year, total_members, in_favour, in_favour_written, session_date)
    basis = _basis(basis, needed=True)
    employment = _ballot_writer(actor, person, school_year)
    row = BallotTally.objects.select_for_update().filter(person=person, school_year=school_year, code=code).first()
    values = {
        "total_members": total_members,
        "in_favour": in_favour,
        "in_favour_written": in_favour_written,
        "session_date": session_date,
        "basis": basis,
    }
    if row is not None and all(getattr(row, k) == v for k, v in values.items()):
        return row  # nothing to change
    before = audit.snapshot(row) if row else None
    if row is None:
        row = BallotTally(person=person, school_year=school_year, code=code)
    for key, value in values.items():
        setattr(row, key, value)
    row.unit, row.entered_by, row.entered_at = employment.unit, actor, timezone.now()
    try:
        with transaction.atomic():  # the row lock covers a row that exists; a first save can still race
            row.save()
    except IntegrityError:
        raise Conflict(
            _("Kết quả bỏ phiếu %(title)s của %(name)s vừa được người khác nhập; hãy tải lại trang và xem lại.")
            % {"title": title_label(code), "name": person.full_name},
            code="ballot_entered_meanwhile",
            field="code",
        ) from None
    audit.record(actor=actor, verb="eligibility.ballot_recorded", target=row, before=before, after=audit.snapshot(row))
    return row


@transaction.atomic
def ballot_tally_withdraw(*, actor, person: Person, school_year: SchoolYear, code: str) -> None:
    """Withdraw a tally entered by mistake: the criterion reads "chưa bỏ phiếu" again."""
    _ballot_writer(actor, person, school_year)
    row = BallotTally.objects.select_for_update().filter(person=person, school_year=school_year, code=code).first()
    if row is None:
        raise DomainError(
            _("Chưa có kết quả bỏ phiếu %(title)s năm học %(year)s để bỏ.") % {"title": title_label(code), "year": school_year.code},
            code="no_ballot",
            field="code",
        )
    audit.record(actor=actor, verb="eligibility.ballot_withdrawn", target=row, before=audit.snapshot(row))
    row.delete()
