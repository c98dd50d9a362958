"""One way to name a catalogue entry: its code, its Vietnamese name, its abbreviation or an alias,
with or without diacritics, dots or case ("LDTT", "LĐTT", "Lao động tiên tiến", "lao dong tien tien").

The decision form, the API and the Excel import all resolve through ``KindIndex``; a name that matches
nothing in force on the day is refused everywhere as ``unknown_award_kind`` (HTTP 400 in the API, like
every other unknown reference in a request body).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from thidua.core.vietnamese import fold

from . import checks
from .models import AwardKind


def kind_key(text: str) -> str:
    return fold(text or "").replace(".", "").strip()


class KindIndex:
    """The current catalogue entries by every name they are known by (built once, asked many times)."""

    def __init__(self, kinds: Iterable[AwardKind]):
        self.by_name: dict[str, list[AwardKind]] = defaultdict(list)
        for kind in kinds:
            names = [kind.code, kind.name, kind.abbreviation, *kind.aliases]
            for key in dict.fromkeys(kind_key(n) for n in names if n):
                if key:
                    self.by_name[key].append(kind)

    def on(self, text: str, day: dt.date) -> AwardKind | None:
        """The entry named ``text`` in force on ``day`` (a code match wins over a name match)."""
        found = [k for k in self.by_name.get(kind_key(text), []) if k.covers(day)]
        exact = [k for k in found if k.code == (text or "").strip().upper()]
        return (exact or found or [None])[0]

    def code(self, text: str) -> str | None:
        """The code ``text`` names, whatever the day (for searching the ledger)."""
        found = self.by_name.get(kind_key(text), [])
        return found[0].code if found else None


def kind_index(day: dt.date | None = None) -> KindIndex:
    kinds = AwardKind.objects.filter(is_current=True).select_related("regime").order_by("valid_from", "code")
    if day is not None:
        kinds = kinds.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    return KindIndex(kinds)


def kind_on(text: str, day: dt.date) -> AwardKind | None:
    return kind_index(day).on(text, day)


def resolve_kind(text: str, day: dt.date, *, field: str | None = None) -> AwardKind:
    kind = kind_on(text, day)
    if kind is None:
        raise checks.unknown_kind(text, day, field=field)
    return kind


def kind_code(text: str) -> str:
    """The code of the entry ``text`` names, or ``text`` itself (upper-cased) when none does."""
    text = (text or "").strip()
    if not text:
        return ""
    return kind_index().code(text) or text.upper()
