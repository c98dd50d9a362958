"""The eligibility table of a unit and school year, computed once per data version and kept (decision "eligibility snapshots by data version").

``table(unit, year, day)`` answers the page: the snapshot when its data version is the current one, otherwise a
fresh evaluation — inline for a unit of up to ``INLINE_MAX`` people, else in the background
(``tasks.refresh_snapshot``), the page showing the last snapshot meanwhile with its age and the progress.

The data version (``data_version``) is read before the facts: a hash of the engine's source, the day, the year
and the counters (``versions``) of every unit the facts of the table come from — the unit's subtree, its
ancestors, every unit where its staff of that year ever worked and their ancestors, and the global counter.
Counters only grow, so the same hash means no audited change touched those units since.

A snapshot holds what the page shows, compactly: per person the id, name, unit and one badge letter per
title; the names of the units; the collectives and unit checks as the engine's objects (pickled with the rest,
compressed). It is a cache of the facts, not a record: it is written without an audit row and may be dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import pickle
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from thidua.org.models import OrgUnit
from thidua.people.models import Employment

from .engine.evaluation import AssessedSubject, Evaluation, UnitChecks
from .engine.evaluators import title_label
from .engine.facts import year_bounds
from .engine.outcomes import Badge
from .engine.rulesets import DEFAULT_BOOK
from .models import EligibilitySnapshot, EligibilityVersion
from .versions import GLOBAL

INDIVIDUAL = tuple(c for c in DEFAULT_BOOK.codes if DEFAULT_BOOK.subject_of(c) == "individual")
REFRESH_TASK = "thidua.rules.tasks.refresh_snapshot"
STALE_RUN = dt.timedelta(minutes=30)  # a refresh that has not finished by then is taken for dead and started again
_LETTER = {Badge.ELIGIBLE: "e", Badge.NOT_ELIGIBLE: "n", Badge.CONFIRM: "c", Badge.MISSING: "m", Badge.NOT_MODELLED: "x"}
_BADGE = {v: k for k, v in _LETTER.items()}
STEP = 6  # characters per level of ``OrgUnit.path``
FORMAT = 2  # of the payload: a change makes every snapshot out of date


def inline_max() -> int:
    """Units with more people than this are evaluated in the background (a Sở: 50,000 people, 90 s)."""
    return getattr(settings, "THIDUA_ELIGIBILITY_INLINE_MAX", 3000)


@cache
def engine_fingerprint() -> str:
    """A hash of the rule engine's source and rule book: a release that changes a rule changes every version."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent / "engine"
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    if required := getattr(settings, "THIDUA_REGISTRATION_REQUIRED", None):  # the registration policy is data (0017)
        digest.update(json.dumps(required, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:16]


def _prefixes(path: str) -> set[str]:
    return {path[:k] for k in range(STEP, len(path) + 1, STEP)}


def outside_units(unit: OrgUnit, year: int) -> list[int]:
    """The units outside ``unit``'s subtree its facts of ``year`` can come from: its ancestors, every unit where its
    staff of the year (anyone employed in the subtree during it) ever worked, and their ancestors (two queries)."""
    lo, hi = year_bounds(year)
    qn = connection.ops.quote_name
    job, org = (qn(m._meta.db_table) for m in (Employment, OrgUnit))
    like = _like(unit.path)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT u2.path FROM {job} e2 INNER JOIN {org} u2 ON e2.unit_id = u2.id WHERE u2.path NOT LIKE %s ESCAPE '\\' "
            f"AND e2.person_id IN (SELECT e.person_id FROM {job} e INNER JOIN {org} u ON e.unit_id = u.id "
            f"WHERE u.path LIKE %s ESCAPE '\\' AND e.start_date <= %s AND (e.end_date IS NULL OR e.end_date >= %s))",
            [like, like, hi, lo],
        )
        paths = _prefixes(unit.path)
        for (path,) in cursor.fetchall():
            paths |= _prefixes(path)
    paths = {p for p in paths if not p.startswith(unit.path)}
    return sorted(OrgUnit.objects.filter(path__in=paths).values_list("pk", flat=True)) if paths else []


def _like(path: str) -> str:
    return path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def data_version(unit: OrgUnit, year: int, day: dt.date, outside: list[int]) -> str:
    """The version of the facts of ``unit``'s table for ``year`` on ``day``: the counters of its subtree, of the
    ``outside`` units (``outside_units``) and the global one (one query). The outside units change only through
    a change of a staff member's employment, which bumps a unit of the subtree (``versions``)."""
    qn = connection.ops.quote_name
    org, version = (qn(m._meta.db_table) for m in (OrgUnit, EligibilityVersion))
    marks = ", ".join(["%s"] * len(outside)) or "NULL"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT v.scope, v.counter FROM {version} v WHERE v.scope = %s OR v.scope IN ({marks}) "
            f"OR v.scope IN (SELECT u.id FROM {org} u WHERE u.path LIKE %s ESCAPE '\\') ORDER BY v.scope",
            [GLOBAL, *outside, _like(unit.path)],
        )
        counters = cursor.fetchall()
    key = f"{FORMAT}|{engine_fingerprint()}|{unit.pk}|{year}|{day.isoformat()}|{outside}|{counters}"
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class Cell:
    """One title's badge for one person, as the table shows it (the reasons are evaluated on click)."""

    code: str
    badge: Badge

    @property
    def label(self) -> str:
        return title_label(self.code)


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    unit: str  # the code of the unit the person works in (the team filter's value)
    unit_name: str
    outcomes: tuple[Cell, ...]

    def has(self, badge: str) -> bool:
        return any(c.badge == badge for c in self.outcomes)


@dataclass(frozen=True)
class Cite:
    text: str


@dataclass(frozen=True)
class Criterion:
    label: str
    status: str
    reason: str
    citation: Cite
    tag_symbol: str


@dataclass(frozen=True)
class OutcomeText:
    citation: Cite
    tag_symbol: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class CollectiveOutcome:
    label: str
    badge: Badge
    outcome: OutcomeText


@dataclass(frozen=True)
class Next:
    summary: str


@dataclass(frozen=True)
class Collective:
    """A collective's outcomes as the page shows them: text only (the engine's objects hold every member's facts,
    which a Sở's snapshot would take seconds to read back)."""

    name: str
    outcomes: tuple[CollectiveOutcome, ...]
    next: tuple[Next, ...]


def _collective(assessed: AssessedSubject) -> Collective:
    def outcome(a) -> CollectiveOutcome:
        o = a.outcome
        criteria = tuple(
            Criterion(c.label, getattr(c.status, "value", c.status), c.reason, Cite(c.citation.text), c.tag_symbol) for c in o.criteria
        )
        return CollectiveOutcome(a.label, a.badge, OutcomeText(Cite(o.citation.text), o.tag_symbol, criteria))

    return Collective(assessed.name, tuple(outcome(a) for a in assessed.outcomes), tuple(Next(n.summary) for n in assessed.next))


@dataclass(frozen=True)
class Table:
    """What the eligibility page shows of a unit and year."""

    people: tuple[tuple[int, str, str, str], ...]  # (id, name, unit code, badge letters in ``INDIVIDUAL`` order)
    unit_names: dict[str, str]
    collectives: tuple[Collective, ...]
    unit_checks: dict[str, bytes]  # unit code -> its checks, pickled (a Sở has a thousand: read only those shown)
    regime: str
    day: dt.date

    def checks(self, codes) -> list[tuple[UnitChecks, str]]:
        """The unit checks of the units ``codes`` (in the table's order), each with the unit's name."""
        wanted = set(codes)
        return [(pickle.loads(blob), self.unit_names.get(code, code)) for code, blob in self.unit_checks.items() if code in wanted]  # noqa: S301

    def having(self, people, codes: tuple[str, ...], badge: str) -> list:
        """The ``people`` (rows of ``self.people``) with at least one ``badge`` among ``codes``, read from the
        letters (no row built: a Sở has 50,000)."""
        letter, at = _LETTER[Badge(badge)], [INDIVIDUAL.index(c) for c in codes]
        return [p for p in people if any(p[3][i] == letter for i in at)]

    def rows(self, people, codes: tuple[str, ...]) -> list[Row]:
        at = [INDIVIDUAL.index(c) for c in codes]
        names = self.unit_names
        return [
            Row(
                str(pid),
                name,
                unit,
                names.get(unit, unit),
                tuple(Cell(c, _BADGE[b[i]]) for c, i in zip(codes, at, strict=True) if b[i] != "-"),
            )
            for pid, name, unit, b in people
        ]


def table_of(result: Evaluation) -> Table:
    """The compact table of an evaluation (one query: the names of the units)."""
    people = []
    for person in result.persons:
        badges = {a.code: _LETTER[a.badge] for a in result.assessed(person).outcomes}
        people.append((int(person.id), person.name, person.unit, "".join(badges.get(c, "-") for c in INDIVIDUAL)))
    codes = {p[2] for p in people if p[2]} | {u.unit for u in result.unit_checks}
    names = dict(OrgUnit.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
    regime = result.regime
    return Table(
        people=tuple(people),
        unit_names=names,
        collectives=tuple(_collective(result.assessed(c)) for c in result.collectives),
        unit_checks={u.unit: pickle.dumps(u, protocol=pickle.HIGHEST_PROTOCOL) for u in result.unit_checks},
        regime=regime.name if regime else "",
        day=result.day,
    )


def _seal_key() -> bytes:
    return hashlib.sha256(b"thidua.rules.snapshots:" + settings.SECRET_KEY.encode()).digest()


def _dump(table: Table) -> bytes:
    """The payload: the pickled table, compressed, behind an HMAC of the installation's secret key."""
    blob = zlib.compress(pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL), 3)
    return hmac.new(_seal_key(), blob, hashlib.sha256).digest() + blob


def _load(payload) -> Table | None:
    """The table of a payload this installation wrote; ``None`` for anything else (a row written or changed by
    other means, or under another secret key), which is then computed again. Nothing unsealed is unpickled: a
    write to the database must not become code run by the application."""
    data = bytes(payload)
    mac, blob = data[:32], data[32:]
    if not hmac.compare_digest(mac, hmac.new(_seal_key(), blob, hashlib.sha256).digest()):
        return None
    return pickle.loads(zlib.decompress(blob))  # noqa: S301  # sealed above: written by this code


@dataclass(frozen=True)
class View:
    """The answer to the page: ``table`` (``None`` before the first computation) and whether it is ``fresh``;
    when not, ``snapshot`` tells how old it is and how far the refresh has come."""

    table: Table | None
    fresh: bool
    snapshot: EligibilitySnapshot | None

    @property
    def progress(self) -> int:
        s = self.snapshot
        return int(100 * s.done / s.total) if s and s.total else 0


def compute(unit: OrgUnit, year: int, day: dt.date, *, progress: Callable[[int, int], None] | None = None) -> EligibilitySnapshot:
    """Evaluate the unit now and keep the result. The data version is read before the facts."""
    from . import selectors

    started = time.perf_counter()
    outside = outside_units(unit, year)
    version = data_version(unit, year, day, outside)
    result = selectors.evaluate_document_facts(selectors.unit_document(unit=unit, year=year, day=day, progress=progress))
    table = table_of(result)
    fields = {
        "day": day,
        "version": version,
        "outside": outside,
        "computed_at": timezone.now(),
        "seconds": time.perf_counter() - started,
        "people": len(table.people),
        "payload": _dump(table),
        "error": "",
    }
    return _save(unit, year, fields, finished=True)


def _save(unit: OrgUnit, year: int, fields: dict, *, finished: bool = False) -> EligibilitySnapshot:
    """Write the snapshot row's ``fields`` (creating it); ``finished``: a computation is over (no refresh runs)."""
    for _attempt in range(2):
        with transaction.atomic():
            row = EligibilitySnapshot.objects.select_for_update().filter(unit=unit, year=year).first()
            if row is None:
                try:
                    with transaction.atomic():
                        return EligibilitySnapshot.objects.create(unit=unit, year=year, **fields)
                except IntegrityError:
                    continue  # created meanwhile by another request: update it
            for name, value in fields.items():
                setattr(row, name, value)
            if finished:
                row.running_version, row.started_at = "", None
            row.save()
            return row
    raise RuntimeError("eligibility snapshot row could not be written")  # pragma: no cover


def staff_count(unit: OrgUnit, year: int) -> int:
    lo, hi = year_bounds(year)
    return (
        Employment.objects.filter(unit__path__startswith=unit.path, start_date__lte=hi)
        .exclude(end_date__lt=lo)
        .values("person_id")
        .distinct()
        .count()
    )


def table(unit: OrgUnit, year: int, day: dt.date) -> View:
    """The unit's table for ``year`` on ``day``: the snapshot if current, else computed (inline or in the
    background, see the module's note)."""
    from thidua.core.jobs import enqueue_on_commit

    row = EligibilitySnapshot.objects.filter(unit=unit, year=year).first()
    # With the outside units the snapshot was computed from: if they changed, a bump in the subtree says so.
    version = data_version(unit, year, day, row.outside if row is not None else [])
    if row is not None and row.version == version and row.payload is not None:
        loaded = _load(row.payload)
        if loaded is not None:
            return View(loaded, True, row)
        row.payload = None  # not sealed by this installation: computed again below
    people = row.people if row is not None and row.payload is not None else staff_count(unit, year)
    if people <= inline_max():
        row = compute(unit, year, day)
        return View(_load(row.payload), True, row)
    now = timezone.now()
    if row is None or row.running_version != version or row.started_at is None or now - row.started_at > STALE_RUN:
        row = _save(unit, year, {"running_version": version, "started_at": now, "done": 0, "total": people, "error": ""})
        with transaction.atomic():
            enqueue_on_commit(REFRESH_TASK, unit.pk, year, day.isoformat())
        row.refresh_from_db()  # the immediate backend (tests, demos) has already computed it
    loaded = _load(row.payload) if row.payload is not None else None
    return View(loaded, row.version == version and loaded is not None, row)


def refresh(unit_id: int, year: int, day: dt.date) -> None:
    """The background refresh: evaluate, reporting progress on the snapshot row as the facts are read."""
    unit = OrgUnit.objects.get(pk=unit_id)

    def progress(done: int, total: int) -> None:
        EligibilitySnapshot.objects.filter(unit=unit, year=year).update(done=done, total=total)

    try:
        compute(unit, year, day, progress=progress)
    except Exception as error:
        EligibilitySnapshot.objects.filter(unit=unit, year=year).update(running_version="", started_at=None, error=str(error)[:255])
        raise
