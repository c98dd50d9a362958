"""The eligibility panel of a person page, kept per data version (as the unit tables are, ``snapshots``).

A person's answer depends only on the person's own facts (``selectors.person_document``: no collective, no unit
context), and every audited change of a fact about a person bumps the counter of every unit the person ever
worked in (``versions.scopes_of``), the catalogue and configuration the global one. So the counters of those
units and the global one, with the engine's fingerprint, the person and the day, name the answer: the page reads
them (one query) and evaluates only when they moved, instead of reading the facts (ten queries) and running the
engine on every view. The answers live in Django's cache (per process unless a shared cache is configured); it
is a cache, not a record: dropping it costs one evaluation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from django.core.cache import cache
from django.utils import timezone

from .engine.evaluation import Evaluation
from .models import EligibilityVersion
from .snapshots import FORMAT, engine_fingerprint
from .versions import GLOBAL

TIMEOUT = 24 * 3600  # the day is in the key: yesterday's answers expire on their own


def version(person_id: int, unit_ids: Iterable[int], day: dt.date) -> str:
    """The version of a person's facts on ``day``: the counters of the units they ever worked in and the global
    one (one query), read before the facts."""
    scopes = sorted({GLOBAL, *unit_ids})
    counters = list(EligibilityVersion.objects.filter(scope__in=scopes).order_by("scope").values_list("scope", "counter"))
    key = f"{FORMAT}|{engine_fingerprint()}|person|{person_id}|{day.isoformat()}|{counters}"
    return hashlib.sha256(key.encode()).hexdigest()


def evaluation(*, person, unit_ids: Iterable[int], day: dt.date | None = None) -> Evaluation:
    """``selectors.evaluate_person`` for a person (already access-checked) whose every employment's unit is
    ``unit_ids``, from the cache when the facts have not changed since."""
    from .selectors import evaluate_person

    day = day or timezone.localdate()
    key = "thidua:eligibility:person:" + version(person.pk, unit_ids, day)
    answer = cache.get(key)
    if answer is None:
        answer = evaluate_person(person=person, day=day)
        cache.set(key, answer, TIMEOUT)
    return answer
