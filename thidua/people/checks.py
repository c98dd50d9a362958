"""The rules of a person's record over plain values, shared by ``people.services`` (one person at a time)
and the Excel import (many rows against maps loaded once). No database: callers pass what they looked up.
Each check raises ``DomainError`` with a Vietnamese message and the field it concerns."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.core.vietnamese import clean_text

# ASCII digits only: \d would also accept "٠١٢…" and fullwidth "０１２…".
NATIONAL_ID = re.compile(r"[0-9]{12}")
EARLIEST_BIRTH = dt.date(1900, 1, 1)


def national_id_format(value: str | None) -> str | None:
    """The national ID without spaces, ``None`` when empty; refused unless exactly 12 ASCII digits."""
    value = clean_text(value).replace(" ", "")
    if not value:
        return None
    if not NATIONAL_ID.fullmatch(value):
        raise DomainError(_("Số định danh cá nhân phải gồm đúng 12 chữ số."), code="invalid_national_id", field="national_id")
    return value


def national_id_taken(value: str) -> DomainError:
    return DomainError(
        _("Số định danh cá nhân %(id)s đã có trong hệ thống.") % {"id": value}, code="duplicate_national_id", field="national_id"
    )


def birth_date(date_of_birth: dt.date | None, *, today: dt.date) -> None:
    if date_of_birth and not (EARLIEST_BIRTH <= date_of_birth <= today):
        raise DomainError(_("Ngày sinh không hợp lệ."), code="invalid_date", field="date_of_birth")


def unit_active(*, name: str, valid_from: dt.date, valid_to: dt.date | None, start: dt.date, end: dt.date | None) -> None:
    """Work happens only while the unit exists (a closed or merged unit takes no new or reopened periods)."""
    if (valid_to is not None and (end is None or end > valid_to)) or valid_from > start:
        raise DomainError(_("Đơn vị “%(name)s” không hoạt động trong thời gian này.") % {"name": name}, code="unit_inactive", field="unit")


def period_order(start: dt.date, end: dt.date | None) -> None:
    if end is not None and end < start:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."), code="end_before_start", field="end_date")


def overlapping(
    periods: Iterable[tuple[dt.date, dt.date | None, str]], start: dt.date, end: dt.date | None
) -> tuple[dt.date, dt.date | None, str] | None:
    """The first of ``periods`` ``(start, end or None, unit name)`` that shares a day with ``start``–``end``."""
    last = end or dt.date.max
    for p in periods:
        if p[0] <= last and start <= (p[1] or dt.date.max):
            return p
    return None


def no_overlap(periods: Iterable[tuple[dt.date, dt.date | None, str]], start: dt.date, end: dt.date | None) -> None:
    clash = overlapping(periods, start, end)
    if clash:
        raise DomainError(
            _("Thời gian công tác trùng với quá trình tại “%(unit)s” (%(start)s – %(end)s).")
            % {"unit": clash[2], "start": f"{clash[0]:%d/%m/%Y}", "end": f"{clash[1]:%d/%m/%Y}" if clash[1] else _("nay")},
            code="employment_overlap",
            field="start_date",
        )


def not_employed_in_year(*, name: str, year_code: str) -> DomainError:
    return DomainError(
        _("%(name)s không công tác trong năm học %(year)s.") % {"name": name, "year": year_code},
        code="not_employed_in_year",
        field="school_year",
    )
