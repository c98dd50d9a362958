"""Working-day limits of each step of a dossier (DOMAIN §8.5, design nominations.md §4.1).

* receive: the receiving unit acknowledges a submitted dossier — 5 working days (❓ no text fixes it; the
  return limit of QĐ 311/QĐ-BNV, 5 days, is the nearest);
* check: from receipt to the decision, the forwarding or the return — 20 working days (QĐ 638/QĐ-BNV 2025,
  appraisal at the commune ✅; QĐ 311/QĐ-BNV for the Ministry ✅);
* answer: the sender completes a returned dossier — 5 working days (❓ configurable).

Overridden by the setting ``THIDUA_DOSSIER_DAYS`` (a dict of the same keys). Every date comes from
``years.calendar.add_working_days``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from thidua.years import calendar

DEFAULT_DAYS = {"receive": 5, "check": 20, "answer": 5}
KIND = {"receive": "dossier_receive", "check": "dossier_check", "answer": "dossier_answer"}


def days(step: str) -> int:
    return int({**DEFAULT_DAYS, **getattr(settings, "THIDUA_DOSSIER_DAYS", {})}[step])


def due(step: str, start: dt.date) -> dt.date:
    return calendar.add_working_days(start, days(step))
