"""The home page's counts (people in the actor's scope, people without a rating), kept per data version.

Counting every person of a Sở's subtree costs 20–35 ms of SQL on each visit of the page every officer lands on
(`bench/pages.py`: the home page at 5 % of the trivial view's throughput). Both counts change only through audited
changes, and every audited change bumps the data-version counter of each unit it touches and of every unit the
people it is about ever worked in (``rules.versions``). So a count is kept in Django's cache under the actor, the
school year, the actor's paths and the sum and number of the counters of those subtrees (one small aggregate per
page), and counted again only after a change there. A role granted or taken away changes the paths, hence the key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db.models import Count, Q, Sum

TIMEOUT = 6 * 3600  # a count is refreshed by a change, not by time; the timeout only bounds the cache's size


def subtree_version(paths: Iterable[str]) -> tuple[int, int]:
    """(sum, number) of the data-version counters of the units under ``paths`` and of the global scope. Counters
    only grow and a new one adds to the number, so the pair changes with every audited change under ``paths``."""
    from thidua.org.models import OrgUnit
    from thidua.rules.models import EligibilityVersion
    from thidua.rules.versions import GLOBAL

    units = Q(pk__in=[])
    for path in paths:
        units |= Q(path__startswith=path)
    found = EligibilityVersion.objects.filter(Q(scope=GLOBAL) | Q(scope__in=OrgUnit.objects.filter(units).values("pk")))
    totals = found.aggregate(total=Sum("counter"), rows=Count("scope"))
    return int(totals["total"] or 0), int(totals["rows"] or 0)


class HomeCounts:
    """The counts of one home page: ``get(name, paths, compute)`` answers from the cache when nothing under the
    actor's paths changed. The version is read once per page, on the first count asked."""

    def __init__(self, user, year_code: str, paths: Iterable[str]):
        self.user_id, self.year_code = user.pk, year_code
        self.paths = tuple(sorted(set(paths)))
        self._version: tuple[int, int] | None = None

    def get(self, name: str, compute: Callable[[], int]) -> int:
        if self._version is None:
            self._version = subtree_version(self.paths)
        raw = f"{name}|{self.user_id}|{self.year_code}|{self.paths}|{self._version}"
        key = "home-count:" + hashlib.sha256(raw.encode()).hexdigest()
        found = cache.get(key)
        if found is None:
            found = compute()
            cache.set(key, found, TIMEOUT)
        return found
