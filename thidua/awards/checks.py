"""The rules of a decision and its awards over plain values: the one statement that a decision typed in
the form, sent to the API or read from an Excel row must pass.

No database here: the caller looks up what a check needs (the catalogue entry, the paths a unit held on
the decision date, the base salary) — ``awards.services`` one decision at a time, the importer from the
maps it loaded once. Each check raises ``DomainError`` with a Vietnamese message (gettext, ``%(name)s``
placeholders) and the field it concerns; the importer turns the field into the column of its report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _

from thidua.core.errors import DomainError

from . import authority
from .models import AwardType, Subject


def _d(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def money(n: int) -> str:
    """Đồng with dots between thousands: 2.340.000."""
    return f"{n:,}".replace(",", ".")


# -- header --------------------------------------------------------------------------------------------
def number_given(number: str) -> None:
    if not number:
        raise DomainError(_("Số quyết định không được để trống."), code="required", field="number")


def period(*, decision_date: dt.date, period_start: dt.date | None, period_end: dt.date | None) -> None:
    if period_start and period_end and period_end < period_start:
        raise DomainError(_("Thời gian lập thành tích: ngày kết thúc phải sau ngày bắt đầu."), code="end_before_start", field="period_end")
    if period_start and decision_date < period_start:
        raise DomainError(
            _("Ngày quyết định (%(day)s) không thể trước thời gian lập thành tích (từ %(start)s).")
            % {"day": _d(decision_date), "start": _d(period_start)},
            code="decision_before_period",
            field="decision_date",
        )


def award_type(value: str) -> None:
    if value not in AwardType.values:
        raise DomainError(_("Loại hình khen thưởng không hợp lệ."), code="invalid_choice", field="award_type")


def year_not_after_decision(*, decision_date: dt.date, year_code: str, year_start: dt.date, field: str) -> None:
    """A decision cannot reward a school year that had not begun when it was signed."""
    if year_start > decision_date:
        raise DomainError(
            _("Ngày quyết định (%(day)s) không thể trước năm học %(year)s được khen.") % {"day": _d(decision_date), "year": year_code},
            code="decision_before_period",
            field=field,
        )


def not_in_future(decision_date: dt.date, *, today: dt.date) -> None:
    if decision_date > today + dt.timedelta(days=1):
        raise DomainError(_("Ngày quyết định không được ở tương lai."), code="decision_in_future", field="decision_date")


def header(
    *,
    number: str,
    decision_date: dt.date,
    period_start: dt.date | None,
    period_end: dt.date | None,
    award_type_value: str,
    year_code: str | None = None,
    year_start: dt.date | None = None,
    today: dt.date,
) -> None:
    """Every check of a decision's header, in the order the form shows them."""
    number_given(number)
    period(decision_date=decision_date, period_start=period_start, period_end=period_end)
    award_type(award_type_value)
    if year_code is not None and year_start is not None:
        year_not_after_decision(decision_date=decision_date, year_code=year_code, year_start=year_start, field="school_year")
    not_in_future(decision_date, today=today)


# -- one award -----------------------------------------------------------------------------------------
def unknown_kind(text: str, day: dt.date, *, field: str | None = None) -> DomainError:
    return DomainError(
        _("“%(code)s” không có trong danh mục áp dụng ngày %(day)s.") % {"code": text, "day": _d(day)},
        code="unknown_award_kind",
        field=field,
    )


def one_recipient(*, has_person: bool, has_unit: bool, field: str | None = None) -> None:
    if has_person == has_unit:
        raise DomainError(_("cần đúng một người hoặc một tập thể nhận khen thưởng."), code="invalid_recipient", field=field)


def subject_fits(*, subject: str, kind_name: str, to_person: bool, field: str | None = None) -> None:
    if subject == Subject.COLLECTIVE and to_person:
        raise DomainError(
            _("“%(kind)s” là danh hiệu, hình thức dành cho tập thể, không tặng cho cá nhân.") % {"kind": kind_name},
            code="collective_kind_for_person",
            field=field,
        )
    if subject == Subject.INDIVIDUAL and not to_person:
        raise DomainError(
            _("“%(kind)s” dành cho cá nhân, không tặng cho tập thể.") % {"kind": kind_name}, code="individual_kind_for_unit", field=field
        )


def issuer_may_grant(
    *,
    issuer_name: str,
    issuer_kind_code: str,
    issuer_kind_name: str,
    legal_entity: bool,
    kind_code: str,
    kind_name: str,
    day: dt.date,
    field: str | None = None,
) -> None:
    """The authority table (``awards.authority``) on the decision date."""
    if authority.authority_for(code=kind_code, issuer_kind=issuer_kind_code, legal_entity=legal_entity, day=day) is None:
        message = authority.refusal(
            issuer_name=issuer_name, issuer_kind_name=issuer_kind_name, kind_name=kind_name, code=kind_code, day=day
        )
        raise DomainError(message, code="no_authority", field=field)


def paths_on(path: str, placements: Iterable[tuple[dt.date, dt.date | None, str]], day: dt.date) -> set[str]:
    """A unit's current ``path`` and the paths its placements ``(valid_from, valid_to, path)`` held on ``day``."""
    return {path, *(p for start, end, p in placements if start <= day and (end is None or day <= end))}


def within(recipient_paths: Iterable[str], issuer_paths: Iterable[str]) -> bool:
    """Whether one of the recipient's paths lies under one of the issuer's (both: today's path and the
    paths held on the decision date, so a restructured tree keeps its old decisions valid)."""
    issuer_paths = list(issuer_paths)
    return any(p.startswith(i) for p in recipient_paths for i in issuer_paths)


def recipient_within_issuer(
    *,
    recipient_name: str,
    issuer_name: str,
    recipient_paths: Iterable[str] | None,
    issuer_paths: Iterable[str],
    person: bool,
    field: str | None = None,
) -> None:
    """``recipient_paths`` is ``None`` for a person who worked nowhere on the day."""
    if recipient_paths is not None and within(recipient_paths, issuer_paths):
        return
    if person:
        message = _("%(name)s không công tác trong phạm vi của %(issuer)s.") % {"name": recipient_name, "issuer": issuer_name}
    else:
        message = _("%(name)s không thuộc phạm vi của %(issuer)s.") % {"name": recipient_name, "issuer": issuer_name}
    raise DomainError(message, code="recipient_outside_issuer", field=field)


def cash(*, given: int | None, computed: int | None, coefficient, base_amount: int | None, field: str | None = None) -> int | None:
    """The amount to record: the computed one (coefficient × base salary) when there is one, which the
    given amount must then equal; otherwise the given amount."""
    if computed is None:
        return given
    if given is not None and given != computed:
        raise DomainError(
            _("số tiền %(given)s đồng không khớp hệ số %(coef)s × lương cơ sở %(base)s = %(computed)s đồng.")
            % {"given": money(given), "coef": coefficient, "base": money(base_amount or 0), "computed": money(computed)},
            code="cash_mismatch",
            field=field,
        )
    return computed


def on_row(error: DomainError, row: int, *, field: str) -> DomainError:
    """The same refusal, named after the decision's award line (``Dòng 2: …``)."""
    return DomainError(_("Dòng %(row)d: %(message)s") % {"row": row + 1, "message": error.message}, code=error.code, field=field)
