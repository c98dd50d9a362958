"""What every import kind shares: cell parsing with column-named errors, the look-ups of units and
people loaded once per batch, and the report rows.

An importer only reads, matches and plans. It loads what it needs once — the people who ever worked in
the batch's subtree with their employment, the units the actor may write, the school years — so checking
50,000 rows costs a handful of queries, not one per row. The rules a row must pass are the services'
own, stated once over plain values in ``awards.checks`` and ``people.checks``; the writes and their audit
rows belong to the bulk services (``awards.services.decisions_import`` …), which ``write`` calls.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import Scope
from thidua.core.errors import DomainError
from thidua.core.vietnamese import fold
from thidua.org.models import OrgUnit, UnitPlacement
from thidua.people.models import Employment
from thidua.years.models import SchoolYear

from .. import cells
from ..cells import CellError
from ..columns import columns_for, max_lengths
from ..models import ImportBatch

CHUNK = 500
NO_PERIOD_END = dt.date.max


def _d(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _money(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


@dataclass
class RowResult:
    row: int
    status: str = "create"  # error | create | exists | ambiguous
    text: str = ""
    errors: list[dict] = field(default_factory=list)
    candidates: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        out: dict = {"row": self.row, "status": self.status, "text": self.text}
        if self.errors:
            out["errors"] = self.errors
        if self.candidates:
            out["candidates"] = self.candidates
        return out


class RowRejected(Exception):
    """Stop checking a row (its errors are already recorded)."""


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    path: str
    kind_code: str
    kind_name: str
    valid_from: dt.date
    valid_to: dt.date | None
    kind_legal_entity: bool = False


@dataclass
class PersonInfo:
    id: int
    full_name: str
    name_folded: str
    date_of_birth: dt.date | None
    national_id: str | None
    current_unit_path: str | None
    employments: list[tuple[dt.date, dt.date, int, str, str]] = field(default_factory=list)  # start, end (max if open), unit id, path, name


class Importer:
    """Shared plumbing: cell parsing with column-named errors, the unit and person look-ups."""

    kind: str

    def __init__(self, *, batch: ImportBatch, actor, scope: Scope, resolutions: dict[str, int] | None = None):
        self.batch = batch
        self.actor = actor
        self.scope = scope
        self.root = batch.unit
        self.resolutions = {int(k): int(v) for k, v in (resolutions or {}).items()}
        self.headers = {c.key: c.header for c in columns_for(self.kind)}
        self.today = timezone.localdate()
        self.results: list[RowResult] = []
        self._current: RowResult | None = None

    # -- loading ----------------------------------------------------------------------------------------
    def load(self) -> None:
        units = (
            OrgUnit.objects.filter(self.scope.units_q(write=True))
            .values_list("pk", "code", "name", "path", "kind__code", "kind__name", "valid_from", "valid_to", "kind__legal_entity")
            .iterator(chunk_size=5000)
        )
        self.units = {u[1].upper(): UnitInfo(*u) for u in units}
        self._load_people()
        self.years = {y.code: y for y in SchoolYear.objects.all()}

    def load_placements(self) -> None:
        """Where every unit stood in the tree over time (``UnitPlacement``), for "within the issuer on the day"."""
        self.placements: dict[int, list[tuple]] = defaultdict(list)
        rows = UnitPlacement.objects.values_list("unit_id", "valid_from", "valid_to", "path").iterator(chunk_size=5000)
        for unit_id, start, end, path in rows:
            self.placements[unit_id].append((start, end, path))

    def _load_people(self) -> None:
        """Everyone who ever worked in the subtree, with all their employment, in **one** statement: a
        person created meanwhile is either wholly in (with their employment) or wholly out, never an
        employment row without its person. The commit calls this inside its lock."""
        in_subtree = Employment.objects.filter(person=OuterRef("person_id"), unit__path__startswith=self.root.path)
        rows = (
            Employment.objects.filter(Exists(in_subtree))
            .order_by()
            .values_list(
                "person_id",
                "person__full_name",
                "person__name_folded",
                "person__date_of_birth",
                "person__national_id",
                "person__current_unit__path",
                "start_date",
                "end_date",
                "unit_id",
                "unit__path",
                "unit__name",
            )
        )
        self.people: dict[int, PersonInfo] = {}
        for row in rows.iterator(chunk_size=5000):
            person = self.people.get(row[0])
            if person is None:
                person = self.people[row[0]] = PersonInfo(*row[:6])
            person.employments.append((row[6], row[7] or NO_PERIOD_END, row[8], row[9], row[10]))
        self.by_nid = {p.national_id: p.id for p in self.people.values() if p.national_id}
        self.by_name: dict[str, list[int]] = defaultdict(list)
        for p in self.people.values():
            self.by_name[p.name_folded].append(p.id)

    # -- rows -------------------------------------------------------------------------------------------
    def error(self, key: str | None, reason: str) -> None:
        assert self._current is not None
        column = self.headers.get(key, "") if key else ""
        row = self._current.row
        where = _("Dòng %(row)d, cột “%(column)s”") % {"row": row, "column": column} if column else _("Dòng %(row)d") % {"row": row}
        self._current.errors.append({"column": column, "reason": reason, "message": f"{where}: {reason}"})
        self._current.status = "error"

    def refuse(self, exc: DomainError, fields: dict[str | None, str | None] | None = None) -> None:
        """Record a service rule's refusal (``awards.checks``, ``people.checks``) on the column its field names."""
        key = (fields or {}).get(exc.field, exc.field)
        self.error(key if key in self.headers else None, exc.message)

    def cell(self, values: dict, key: str, parse: Callable[[object], object] = cells.text, *, required: bool = False):
        raw = values.get(key)
        try:
            value = parse(raw)
        except CellError as exc:
            self.error(key, str(exc))
            return None
        if required and value in (None, ""):
            self.error(key, _("không được để trống"))
        return value

    def check(self, number: int, values: dict) -> RowResult:
        result = RowResult(row=number)
        self._current = result
        with contextlib.suppress(RowRejected):
            self.check_lengths(values)
            self.check_row(result, values)
        if result.errors:
            result.status = "error"
        self.results.append(result)
        return result

    def check_lengths(self, values: dict) -> None:
        """Text longer than the field that stores it is an error of the dry run, not a failed commit."""
        for key, limit in max_lengths(self.kind).items():
            value = values.get(key)
            if value is None:
                continue
            n = len(cells.text(value))
            if n > limit:
                self.error(key, _("dài %(n)d ký tự, tối đa %(max)d ký tự") % {"n": n, "max": limit})
        if self._current.errors:
            raise RowRejected

    def check_row(self, result: RowResult, values: dict) -> None:  # pragma: no cover - per kind
        raise NotImplementedError

    def finish(self) -> None:
        """Checks that need every row (none by default)."""

    # -- look-ups ---------------------------------------------------------------------------------------
    def unit_in_root(self, code: str, key: str) -> UnitInfo | None:
        unit = self.units.get(code.upper())
        if unit is None or not unit.path.startswith(self.root.path):
            self.error(key, _("không có đơn vị mã “%(code)s” thuộc %(root)s") % {"code": code, "root": self.root.name})
            return None
        return unit

    def writable_unit(self, code: str, key: str) -> UnitInfo | None:
        unit = self.units.get(code.upper())
        if unit is None:
            self.error(key, _("không có đơn vị mã “%(code)s” trong phạm vi bạn được ghi") % {"code": code})
        return unit

    def employment_on(self, person: PersonInfo, day: dt.date) -> tuple | None:
        """The employment row on ``day``, else the latest one started before it (as ``_employment_unit``)."""
        current = [e for e in person.employments if e[0] <= day <= e[1]]
        if current:
            return current[0]
        before = [e for e in person.employments if e[0] <= day]
        return max(before, key=lambda e: e[0]) if before else None

    def find_person(self, values: dict, *, may_be_new: bool = False) -> PersonInfo | None:
        """By national ID, else by folded name + date of birth + unit subtree; only people of the batch's
        subtree (all visible to the actor). ``None``: not found (an error unless ``may_be_new``)."""
        nid = self.cell(values, "national_id", cells.national_id)
        name = self.cell(values, "full_name")
        dob = self.cell(values, "date_of_birth", cells.date)
        code = self.cell(values, "unit_code")
        if self._current.errors:
            raise RowRejected
        if nid:
            pid = self.by_nid.get(nid)
            if pid is not None:
                person = self.people[pid]
                if name and fold(name) != person.name_folded:
                    self.error(
                        "full_name",
                        _("họ tên “%(name)s” không khớp với người có số định danh %(id)s (%(found)s)")
                        % {"name": name, "id": nid, "found": person.full_name},
                    )
                return person
            if not may_be_new:
                self.error(
                    "national_id", _("không tìm thấy cá nhân có số định danh %(id)s trong %(root)s") % {"id": nid, "root": self.root.name}
                )
            return None
        if not name:
            self.error("full_name", _("cần số định danh cá nhân hoặc họ và tên"))
            raise RowRejected
        unit = self.unit_in_root(code, "unit_code") if code else None
        if code and unit is None:
            raise RowRejected
        path = unit.path if unit else self.root.path
        ids = [
            pid
            for pid in self.by_name.get(fold(name), [])
            if (dob is None or self.people[pid].date_of_birth == dob) and any(e[3].startswith(path) for e in self.people[pid].employments)
        ]
        if len(ids) == 1:
            return self.people[ids[0]]
        if len(ids) > 1:
            chosen = self.resolutions.get(self._current.row)
            if chosen in ids:
                return self.people[chosen]
            self._current.status = "ambiguous"
            self._current.candidates = [self._candidate(self.people[pid]) for pid in ids]
            self._current.text = (
                _("%(n)d người trùng họ tên và ngày sinh: chọn đúng người") if dob else _("%(n)d người trùng họ tên: chọn đúng người")
            ) % {"n": len(ids)}
            raise RowRejected
        if not may_be_new:
            where = unit.name if unit else self.root.name
            if dob:
                message = _("không tìm thấy “%(name)s” sinh ngày %(dob)s tại %(where)s") % {"name": name, "dob": _d(dob), "where": where}
            else:
                message = _("không tìm thấy “%(name)s” tại %(where)s") % {"name": name, "where": where}
            self.error("full_name", message)
        return None

    def _candidate(self, person: PersonInfo) -> dict:
        latest = max(person.employments, key=lambda e: e[0]) if person.employments else None
        unit_name = ""
        if latest:
            unit_name = next((u.name for u in self.units.values() if u.id == latest[2]), "")
        return {"id": person.id, "name": person.full_name, "date_of_birth": _d(person.date_of_birth), "unit": unit_name}

    def can_write_person(self, person: PersonInfo) -> bool:
        return person.current_unit_path is not None and self.scope.can_write_path(person.current_unit_path)

    def school_year(self, values: dict, *, required: bool) -> SchoolYear | None:
        code = self.cell(values, "school_year", cells.school_year_code, required=required)
        if not code:
            return None
        year = self.years.get(code)
        if year is None:
            self.error("school_year", _("năm học %(code)s chưa có trong hệ thống") % {"code": code})
        return year

    # -- summary / commit -------------------------------------------------------------------------------
    def summary(self) -> dict:
        counts = {"rows": len(self.results), "error": 0, "create": 0, "exists": 0, "ambiguous": 0}
        for r in self.results:
            counts[r.status] += 1
        counts["creates"] = self.creates()
        return counts

    def creates(self) -> dict:  # pragma: no cover - per kind
        raise NotImplementedError

    def write(self) -> dict:  # pragma: no cover - per kind
        raise NotImplementedError
