"""Working days: the one way every deadline of the system is counted (pure; no Django).

Vietnam's public holidays (Bộ luật Lao động 2019, Điều 112) move every year — Tết and Giỗ Tổ follow the lunar
calendar, and the government adds bridging days off (*nghỉ bù*) and swaps a Saturday into a working day
(*làm bù*) by a yearly notice — so they are data (``years.Holiday``), and this module only counts over them.

Counting follows Bộ luật Dân sự 2015, Điều 147–148 for periods in days: the event day (a launch, a receipt) is
not counted, and a deadline of *n* working days is the end of the *n*-th working day after it.

- ``add_working_days(start, n)``: the *n*-th working day after ``start`` (``n = 0``: ``start`` itself; ``n < 0``:
  the ``|n|``-th working day before it).
- ``working_days_between(a, b)``: how many working days lie in ``(a, b]`` (negative, counting ``[b, a)``, when
  ``b`` is before ``a``), so that ``working_days_between(a, add_working_days(a, n)) == n`` for every ``n``: a
  reminder "due in 2 working days" reads ``working_days_between(today, due) == 2``.
- ``unconfirmed_years(a, b)``: the calendar years of a period whose holidays are not all confirmed (or not
  entered at all); a deadline reaching one is computed and flagged, never refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

ONE_DAY = dt.timedelta(days=1)
MONDAY_TO_FRIDAY = frozenset({1, 2, 3, 4, 5})  # ISO weekdays
HOLIDAY, DAY_OFF, WORKING_DAY = "holiday", "day_off", "working_day"
# A bound on any walk: no period of this system is longer (a 10-year sector medal counts calendar days).
MAX_WORKING_DAYS = 3_660


def parse_weekdays(text: str) -> frozenset[int]:
    """``"12345"`` → the ISO weekdays Monday–Friday; refuses anything but distinct digits 1–7."""
    days = frozenset(int(ch) for ch in text if ch.isdigit())
    if not days or len(days) != len(text) or not days <= frozenset(range(1, 8)):
        raise ValueError(f"not a set of ISO weekdays: {text!r}")
    return days


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are worked: the weekly pattern in force on a day, minus days off, plus swapped days.

    ``weeks`` is a sequence of ``(valid_from, iso_weekdays)``; the latest one starting on or before a day
    applies (before the first one, the first one). ``days`` maps a date to ``HOLIDAY``, ``DAY_OFF`` or
    ``WORKING_DAY``; ``confirmed_years`` are the calendar years whose holidays an admin has confirmed.
    """

    days: dict[dt.date, str] = field(default_factory=dict)
    weeks: tuple[tuple[dt.date, frozenset[int]], ...] = ((dt.date.min, MONDAY_TO_FRIDAY),)
    confirmed_years: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        if not self.weeks:
            raise ValueError("a calendar needs at least one working week")
        object.__setattr__(self, "weeks", tuple(sorted(self.weeks)))

    @classmethod
    def build(
        cls,
        days: Iterable[tuple[dt.date, str]] = (),
        weeks: Iterable[tuple[dt.date, frozenset[int]]] = (),
        confirmed_years: Iterable[int] = (),
    ) -> WorkCalendar:
        weeks = tuple(weeks) or ((dt.date.min, MONDAY_TO_FRIDAY),)
        return cls(days=dict(days), weeks=weeks, confirmed_years=frozenset(confirmed_years))

    def weekdays_on(self, day: dt.date) -> frozenset[int]:
        pattern = self.weeks[0][1]
        for valid_from, weekdays in self.weeks:
            if valid_from > day:
                break
            pattern = weekdays
        return pattern

    def is_working_day(self, day: dt.date) -> bool:
        kind = self.days.get(day)
        if kind == WORKING_DAY:
            return True
        if kind in (HOLIDAY, DAY_OFF):
            return False
        return day.isoweekday() in self.weekdays_on(day)

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        if abs(n) > MAX_WORKING_DAYS:
            raise ValueError(f"{n} working days is beyond any period of this system")
        step = ONE_DAY if n >= 0 else -ONE_DAY
        day, left = start, abs(n)
        while left:
            day += step
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        if b >= a:
            return sum(1 for offset in range(1, (b - a).days + 1) if self.is_working_day(a + dt.timedelta(days=offset)))
        return -sum(1 for offset in range((a - b).days) if self.is_working_day(b + dt.timedelta(days=offset)))

    def unconfirmed_years(self, a: dt.date, b: dt.date) -> list[int]:
        low, high = sorted((a.year, b.year))
        return [year for year in range(low, high + 1) if year not in self.confirmed_years]
