"""Row-by-row checking (the dry run) and writing (the commit) of each import kind.

An importer loads what it needs once — the people who ever worked in the batch's subtree with their
employment, the units the actor may write, the catalogue, base salaries, existing decisions, ratings
and initiatives for idempotency — so checking 50,000 rows costs a handful of queries, not one per row.
The checks are those of the services a person would use by hand (``people.services.person_create`` /
``employment_add`` / ``rating_set``, ``awards.services.decision_create`` / ``_build_award`` /
``initiative_record_create``), re-expressed over these in-memory maps; the commit then writes with
``bulk_create`` and one audit row per created person, decision or initiative, plus one for the batch.
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
from thidua.audit import recorder as audit
from thidua.awards import authority
from thidua.awards.models import Award, AwardKind, BaseSalary, Decision, InitiativeRecord, LegalRegime, Subject
from thidua.awards.money import cash_amount
from thidua.core.vietnamese import clean_text, fold, sort_key
from thidua.org.models import OrgUnit
from thidua.people.models import AnnualRating, Employment, Person, Rating
from thidua.years.models import SchoolYear

from . import cells
from .cells import CellError
from .columns import columns_for, max_lengths
from .models import ImportBatch, ImportKind

CHUNK = 500
DECISION_FIELDS = ["id", "number", "decision_date", "issuer", "award_type", "period_start", "period_end", "school_year", "regime",
                   "status", "created_by", "import_batch"]  # fmt: skip
NO_PERIOD_END = dt.date.max


def _d(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _money(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
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
    employments: list[tuple[dt.date, dt.date, int, str]] = field(default_factory=list)  # start, end (max if open), unit id, path


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

    def _load_people(self) -> None:
        """Everyone who ever worked in the subtree, with all their employment, in **one** statement: a
        person created meanwhile is either wholly in (with their employment) or wholly out, never an
        employment row without its person. The commit calls this inside its lock."""
        in_subtree = Employment.objects.filter(person=OuterRef("person_id"), unit__path__startswith=self.root.path)
        rows = (
            Employment.objects.filter(Exists(in_subtree))
            .order_by()
            .values_list(
                "person_id", "person__full_name", "person__name_folded", "person__date_of_birth", "person__national_id",
                "person__current_unit__path", "start_date", "end_date", "unit_id", "unit__path",
            )
        )  # fmt: skip
        self.people: dict[int, PersonInfo] = {}
        for row in rows.iterator(chunk_size=5000):
            person = self.people.get(row[0])
            if person is None:
                person = self.people[row[0]] = PersonInfo(*row[:6])
            person.employments.append((row[6], row[7] or NO_PERIOD_END, row[8], row[9]))
        self.by_nid = {p.national_id: p.id for p in self.people.values() if p.national_id}
        self.by_name: dict[str, list[int]] = defaultdict(list)
        for p in self.people.values():
            self.by_name[p.name_folded].append(p.id)

    # -- rows -------------------------------------------------------------------------------------------
    def error(self, key: str | None, reason: str) -> None:
        assert self._current is not None
        column = self.headers.get(key, "") if key else ""
        where = f"Dòng {self._current.row}, cột “{column}”" if column else f"Dòng {self._current.row}"
        self._current.errors.append({"column": column, "reason": reason, "message": f"{where}: {reason}"})
        self._current.status = "error"

    def cell(self, values: dict, key: str, parse: Callable[[object], object] = cells.text, *, required: bool = False):
        raw = values.get(key)
        try:
            value = parse(raw)
        except CellError as exc:
            self.error(key, str(exc))
            return None
        if required and value in (None, ""):
            self.error(key, "không được để trống")
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
            self.error(key, f"không có đơn vị mã “{code}” thuộc {self.root.name}")
            return None
        return unit

    def writable_unit(self, code: str, key: str) -> UnitInfo | None:
        unit = self.units.get(code.upper())
        if unit is None:
            self.error(key, f"không có đơn vị mã “{code}” trong phạm vi bạn được ghi")
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
                    self.error("full_name", f"họ tên “{name}” không khớp với người có số định danh {nid} ({person.full_name})")
                return person
            if not may_be_new:
                self.error("national_id", f"không tìm thấy cá nhân có số định danh {nid} trong {self.root.name}")
            return None
        if not name:
            self.error("full_name", "cần số định danh cá nhân hoặc họ và tên")
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
            self._current.text = f"{len(ids)} người trùng họ tên{' và ngày sinh' if dob else ''}: chọn đúng người"
            raise RowRejected
        if not may_be_new:
            where = unit.name if unit else self.root.name
            self.error("full_name", f"không tìm thấy “{name}”{' sinh ngày ' + _d(dob) if dob else ''} tại {where}")
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
            self.error("school_year", f"năm học {code} chưa có trong hệ thống")
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


# -- staff -------------------------------------------------------------------------------------------------
@dataclass
class NewPerson:
    full_name: str
    gender: str
    date_of_birth: dt.date | None
    ethnicity: str
    national_id: str | None
    unit_id: int
    periods: list[tuple[dt.date, dt.date]] = field(default_factory=list)
    obj: Person | None = None


@dataclass
class NewJob:
    person_id: int | None
    new_person: NewPerson | None
    unit_id: int
    staff_type: str
    position: str
    start: dt.date
    end: dt.date | None


class StaffImporter(Importer):
    kind = ImportKind.STAFF

    def load(self) -> None:
        super().load()
        self.new_people: dict[object, NewPerson] = {}
        self.jobs: list[NewJob] = []
        self.planned: dict[int, list[tuple[dt.date, dt.date, int]]] = defaultdict(list)  # existing person -> new periods, row
        self.ids_seen: dict[str, int] = {}

    def check_row(self, result: RowResult, values: dict) -> None:
        name = self.cell(values, "full_name", required=True)
        gender = self.cell(values, "gender", lambda v: cells.choice(v, cells.GENDERS, "giới tính"), required=True)
        staff_type = self.cell(values, "staff_type", lambda v: cells.choice(v, cells.STAFF_TYPES, "loại cán bộ"), required=True)
        start = self.cell(values, "start_date", cells.date, required=True)
        end = self.cell(values, "end_date", cells.date)
        dob = self.cell(values, "date_of_birth", cells.date)
        code = self.cell(values, "unit_code", required=True)
        ethnicity = self.cell(values, "ethnicity") or "Kinh"
        position = self.cell(values, "position") or ""
        unit = self.unit_in_root(code, "unit_code") if code else None
        if dob and not (dt.date(1900, 1, 1) <= dob <= self.today):
            self.error("date_of_birth", "ngày sinh không hợp lệ")
        if start and end and end < start:
            self.error("end_date", "ngày kết thúc phải sau ngày bắt đầu")
        if unit and start and ((unit.valid_to is not None and (end is None or end > unit.valid_to)) or unit.valid_from > start):
            self.error("unit_code", f"đơn vị “{unit.name}” không hoạt động trong thời gian này")
        if result.errors:
            raise RowRejected
        # With a date of birth, look across the whole subtree (the person may have worked elsewhere in it).
        lookup = dict(values, unit_code="" if dob else code)
        person = self.find_person(lookup, may_be_new=True)
        if result.errors:
            raise RowRejected
        period = (start, end or NO_PERIOD_END)
        if person is not None:
            if any(e[2] == unit.id and e[0] == start for e in person.employments):
                result.status, result.text = "exists", f"{person.full_name}: đã có quá trình tại {unit.name} từ {_d(start)}"
                return
            if not self.can_write_person(person):
                self.error(None, f"bạn không có quyền thay đổi hồ sơ của {person.full_name} (đơn vị hiện tại ngoài phạm vi)")
                raise RowRejected
            self._check_overlap(person.employments, self.planned[person.id], period, unit)
            self.planned[person.id].append((*period, result.row))
            self.jobs.append(NewJob(person.id, None, unit.id, staff_type, position, start, end))
            result.text = f"Thêm quá trình công tác cho {person.full_name}: {unit.name} từ {_d(start)}"
            return
        nid = cells.national_id(values.get("national_id"))
        key = nid or (fold(name), dob)
        new = self.new_people.get(key)
        if new is None:
            if nid and nid in self.ids_seen:
                self.error("national_id", f"số định danh trùng với dòng {self.ids_seen[nid]}")
                raise RowRejected
            new = NewPerson(clean_text(name), gender, dob, clean_text(ethnicity), nid or None, unit.id)
            self.new_people[key] = new
            if nid:
                self.ids_seen[nid] = result.row
            result.text = f"Tạo hồ sơ {new.full_name} và quá trình tại {unit.name} từ {_d(start)}"
        else:
            self._check_overlap([], [(*p, 0) for p in new.periods], period, unit)
            result.text = f"Thêm quá trình công tác cho {new.full_name} (tạo mới ở dòng trên): {unit.name} từ {_d(start)}"
        new.periods.append(period)
        self.jobs.append(NewJob(None, new, unit.id, staff_type, position, start, end))

    def _check_overlap(self, existing, planned, period, unit) -> None:
        start, end = period
        for e in existing:
            if e[0] <= end and start <= e[1]:
                self.error(
                    "start_date",
                    f"thời gian công tác trùng với quá trình đã có ({_d(e[0])} – {_d(e[1]) if e[1] != NO_PERIOD_END else 'nay'})",
                )
                raise RowRejected
        for p in planned:
            if p[0] <= end and start <= p[1]:
                self.error("start_date", "thời gian công tác trùng với một dòng khác của tệp" + (f" (dòng {p[2]})" if p[2] else ""))
                raise RowRejected

    def finish(self) -> None:
        # National IDs of new people must be free in the whole system (people outside the subtree too).
        wanted = [p.national_id for p in self.new_people.values() if p.national_id]
        taken: set[str] = set()
        for chunk in _chunks(wanted):
            taken |= set(Person.objects.filter(national_id__in=chunk).values_list("national_id", flat=True))
        if not taken:
            return
        bad = {nid: row for nid, row in self.ids_seen.items() if nid in taken}
        for nid, row in bad.items():
            result = next(r for r in self.results if r.row == row)
            self._current = result
            self.error("national_id", f"số định danh cá nhân {nid} đã có trong hệ thống (ngoài đơn vị nhập)")
        self.jobs = [j for j in self.jobs if not (j.new_person and j.new_person.national_id in taken)]
        self.new_people = {k: v for k, v in self.new_people.items() if v.national_id not in taken}

    def creates(self) -> dict:
        return {"people": len(self.new_people), "employments": len(self.jobs)}

    def write(self) -> dict:
        new = list(self.new_people.values())
        people = [
            Person(
                full_name=p.full_name, name_folded=fold(p.full_name), sort_key=sort_key(p.full_name), date_of_birth=p.date_of_birth,
                gender=p.gender, ethnicity=p.ethnicity or "Kinh", national_id=p.national_id,
            )
            for p in new
        ]  # fmt: skip
        Person.objects.bulk_create(people, batch_size=1000)
        for p, obj in zip(new, people, strict=True):
            p.obj = obj
        jobs = [
            Employment(
                person_id=j.person_id if j.person_id else j.new_person.obj.pk, unit_id=j.unit_id, staff_type=j.staff_type,
                position=clean_text(j.position), start_date=j.start, end_date=j.end,
            )
            for j in self.jobs
        ]  # fmt: skip
        Employment.objects.bulk_create(jobs, batch_size=1000)
        touched = {j.person_id for j in jobs}
        units = OrgUnit.objects.in_bulk({j.unit_id for j in jobs})
        open_rows: dict[int, Employment] = {}
        for chunk in _chunks(sorted(touched)):
            open_rows |= {j.person_id: j for j in Employment.objects.filter(person_id__in=chunk, end_date__isnull=True)}
        Person.objects.bulk_update(
            [Person(pk=pid, current_unit_id=(open_rows[pid].unit_id if pid in open_rows else None),
                    current_position=(open_rows[pid].position if pid in open_rows else "")) for pid in touched],
            ["current_unit", "current_position"], batch_size=1000,
        )  # fmt: skip
        for p in new:
            audit.record(actor=self.actor, verb="person.created", target=p.obj, unit=units[p.unit_id], after=audit.snapshot(p.obj))
        return {"people": len(people), "employments": len(jobs)}


# -- ratings ------------------------------------------------------------------------------------------------
class RatingsImporter(Importer):
    kind = ImportKind.RATINGS

    def load(self) -> None:
        super().load()
        self.existing: dict[int, dict[int, str]] = {}  # school year -> person -> rating
        self.planned: dict[tuple[int, int], int] = {}
        self.new: list[AnnualRating] = []
        self.labels = dict(Rating.choices)

    def _ratings_of(self, year: SchoolYear) -> dict[int, str]:
        if year.pk not in self.existing:
            in_subtree = Employment.objects.filter(person=OuterRef("person"), unit__path__startswith=self.root.path)
            rows = AnnualRating.objects.filter(Exists(in_subtree), school_year=year).values_list("person_id", "rating")
            self.existing[year.pk] = dict(rows)
        return self.existing[year.pk]

    def check_row(self, result: RowResult, values: dict) -> None:
        year = self.school_year(values, required=True)
        rating = self.cell(values, "rating", lambda v: cells.choice(v, cells.RATINGS, "xếp loại"), required=True)
        note = self.cell(values, "note") or ""
        person = self.find_person(values)
        if result.errors or person is None or year is None:
            raise RowRejected
        current = self._ratings_of(year).get(person.id)
        label = str(self.labels[rating])
        if current == rating:
            result.status, result.text = "exists", f"{person.full_name}, {year.code}: đã có xếp loại “{label}”"
            return
        if current is not None:
            self.error("rating", f"{person.full_name} đã có xếp loại năm học {year.code} khác (“{self.labels[current]}”); sửa trên hồ sơ")
            raise RowRejected
        if not self.can_write_person(person):
            self.error(None, f"bạn không có quyền thay đổi hồ sơ của {person.full_name}")
            raise RowRejected
        jobs = [e for e in person.employments if e[0] <= year.end_date and e[1] >= year.start_date]
        if not jobs:
            self.error("school_year", f"{person.full_name} không công tác trong năm học {year.code}")
            raise RowRejected
        twin = self.planned.get((person.id, year.pk))
        if twin:
            self.error("school_year", f"trùng với dòng {twin} (cùng người, cùng năm học)")
            raise RowRejected
        self.planned[(person.id, year.pk)] = result.row
        unit_id = max(jobs, key=lambda e: e[0])[2]
        self.new.append(AnnualRating(person_id=person.id, school_year=year, rating=rating, note=clean_text(note), unit_id=unit_id))
        result.text = f"{person.full_name}, {year.code}: {label}"

    def creates(self) -> dict:
        return {"ratings": len(self.new)}

    def write(self) -> dict:
        AnnualRating.objects.bulk_create(self.new, batch_size=2000)
        return {"ratings": len(self.new)}


# -- awards -------------------------------------------------------------------------------------------------
@dataclass
class DecisionPlan:
    issuer: UnitInfo
    number: str
    decision_date: dt.date
    award_type: str
    period_start: dt.date | None
    period_end: dt.date | None
    regime_id: int
    first_row: int
    existing_id: int | None = None
    awards: list[Award] = field(default_factory=list)
    keys: dict[tuple, int] = field(default_factory=dict)  # (kind code, person, unit) -> row
    years: set[int | None] = field(default_factory=set)


class AwardsImporter(Importer):
    kind = ImportKind.AWARDS

    def load(self) -> None:
        super().load()
        self.kinds_by_name: dict[str, list[AwardKind]] = defaultdict(list)
        for kind in AwardKind.objects.filter(is_current=True).select_related("regime"):
            for name in {kind.code, kind.name, kind.abbreviation, *kind.aliases}:
                if name:
                    self.kinds_by_name[fold(name).replace(".", "").strip()].append(kind)
        self.regimes = list(LegalRegime.objects.order_by("effective_from"))
        self.salaries = list(BaseSalary.objects.order_by("-effective_from"))
        self.plans: dict[tuple, DecisionPlan] = {}
        self.existing: dict[tuple, dict] = {}
        self.existing_awards: dict[int, set[tuple]] = defaultdict(set)
        self.unit_ids = {u.id: u for u in self.units.values()}

    def prepare(self, rows: list[tuple[int, dict]]) -> None:
        """Load the decisions the file names (by number) and their awards, for idempotency."""
        numbers = sorted({clean_text(cells.text(v.get("number"))) for _, v in rows} - {""})
        for chunk in _chunks(numbers):
            for d in Decision.objects.filter(number__in=chunk).values(
                "pk", "issuer_id", "number", "decision_date", "import_batch_id", "status", "award_type", "period_start", "period_end"
            ):
                self.existing[(d["issuer_id"], d["number"], d["decision_date"])] = d
        ids = [d["pk"] for d in self.existing.values()]
        for chunk in _chunks(ids):
            for decision_id, code, person_id, unit_id in Award.objects.filter(decision_id__in=chunk).values_list(
                "decision_id", "kind__code", "person_id", "unit_id"
            ):
                self.existing_awards[decision_id].add((code, person_id, unit_id))

    def kind_on(self, text: str, day: dt.date) -> AwardKind | None:
        for kind in self.kinds_by_name.get(fold(text).replace(".", "").strip(), []):
            if kind.valid_from <= day and (kind.valid_to is None or day <= kind.valid_to):
                return kind
        return None

    def regime_on(self, day: dt.date) -> LegalRegime | None:
        return next((r for r in self.regimes if r.covers(day)), None)

    def salary_on(self, day: dt.date) -> BaseSalary | None:
        return next((s for s in self.salaries if s.effective_from <= day), None)

    def year_of(self, day: dt.date) -> SchoolYear | None:
        return next((y for y in self.years.values() if y.start_date <= day <= y.end_date), None)

    def check_row(self, result: RowResult, values: dict) -> None:
        number = clean_text(self.cell(values, "number", required=True) or "")
        day = self.cell(values, "decision_date", cells.date, required=True)
        issuer_code = self.cell(values, "issuer_code", required=True)
        kind_text = self.cell(values, "kind", required=True)
        award_type = self.cell(values, "award_type", lambda v: cells.choice(v, cells.AWARD_TYPES, "loại hình khen thưởng")) or "annual"
        start = self.cell(values, "period_start", cells.date)
        end = self.cell(values, "period_end", cells.date)
        amount = self.cell(values, "cash_amount", cells.amount)
        note = self.cell(values, "note") or ""
        year = self.school_year(values, required=False)
        collective = self.cell(values, "collective_code")
        issuer = self.writable_unit(issuer_code, "issuer_code") if issuer_code else None
        # Decision header (as awards.services._check_header).
        if start and end and end < start:
            self.error("period_end", "ngày kết thúc phải sau ngày bắt đầu")
        if day and start and day < start:
            self.error("decision_date", f"ngày quyết định ({_d(day)}) không thể trước thời gian lập thành tích (từ {_d(start)})")
        if day and day > self.today + dt.timedelta(days=1):
            self.error("decision_date", "ngày quyết định không được ở tương lai")
        regime = self.regime_on(day) if day else None
        if day and regime is None:
            self.error("decision_date", f"không có chế độ pháp lý nào áp dụng cho ngày {_d(day)}")
        kind = self.kind_on(kind_text, day) if kind_text and day else None
        if kind_text and day and kind is None:
            self.error("kind", f"“{kind_text}” không có trong danh mục áp dụng ngày {_d(day)}")
        if result.errors:
            raise RowRejected
        # Recipient: a person or a collective, not both.
        has_person = any(cells.text(values.get(k)) for k in ("full_name", "national_id"))
        if has_person == bool(collective):
            self.error(
                "collective_code" if collective else "full_name",
                "cần đúng một người (họ tên/số định danh) hoặc một tập thể nhận khen thưởng",
            )
            raise RowRejected
        person = self.find_person(values) if has_person else None
        unit = self.unit_in_root(collective, "collective_code") if collective else None
        if result.errors or (person is None and unit is None):
            raise RowRejected
        if kind.subject == Subject.COLLECTIVE and person is not None:
            self.error("kind", f"“{kind.name}” là danh hiệu, hình thức dành cho tập thể, không tặng cho cá nhân")
        if kind.subject == Subject.INDIVIDUAL and unit is not None:
            self.error("kind", f"“{kind.name}” dành cho cá nhân, không tặng cho tập thể")
        if authority.authority_for(code=kind.code, issuer_kind=issuer.kind_code, legal_entity=issuer.kind_legal_entity, day=day) is None:
            self.error("issuer_code", authority.refusal(issuer_name=issuer.name, issuer_kind_name=issuer.kind_name, kind_name=kind.name,
                                                        code=kind.code, day=day))  # fmt: skip
        recipient_unit_id = None
        if person is not None:
            job = self.employment_on(person, min(end or day, day))
            if job is None or not job[3].startswith(issuer.path):
                self.error(None, f"{person.full_name} không công tác trong phạm vi của {issuer.name}")
            else:
                recipient_unit_id = job[2]
        elif not unit.path.startswith(issuer.path):
            self.error("collective_code", f"{unit.name} không thuộc phạm vi của {issuer.name}")
        salary = self.salary_on(day)
        computed = cash_amount(kind.coefficient, salary.amount) if kind.coefficient is not None and salary is not None else None
        if computed is not None:
            if amount is not None and amount != computed:
                self.error(
                    "cash_amount",
                    f"số tiền {_money(amount)} đồng không khớp hệ số {kind.coefficient} × lương cơ sở {_money(salary.amount)} = {_money(computed)} đồng",
                )
            amount = computed
        if result.errors:
            raise RowRejected
        year = year or self.year_of(end or day)
        who = person.full_name if person else unit.name
        award_key = (kind.code, person.id if person else None, unit.id if unit else None)
        key = (issuer.id, number, day)
        plan = self.plans.get(key)
        if plan is None:
            plan = DecisionPlan(issuer, number, day, award_type, start, end, regime.pk, result.row)
            existing = self.existing.get(key)
            if existing:
                plan.existing_id = existing["pk"]
                plan.existing = existing
            self.plans[key] = plan
        elif (plan.award_type, plan.period_start, plan.period_end) != (award_type, start, end):
            self.error(None, f"loại hình hoặc thời gian lập thành tích khác với dòng {plan.first_row} của cùng quyết định {number}")
            raise RowRejected
        label = f"{kind.name} – {who} (QĐ {number} ngày {_d(day)}, {issuer.name})"
        if plan.existing_id:
            existing = plan.existing
            if award_key in self.existing_awards[plan.existing_id]:
                result.status, result.text = "exists", f"Đã có: {label}"
                return
            if existing["import_batch_id"] is None or existing["status"] != Decision.Status.IN_FORCE:
                self.error(
                    "number",
                    f"quyết định {number} ngày {_d(day)} đã có trong hệ thống mà không có khen thưởng này; hãy sửa bằng quyết định sửa đổi",
                )
                raise RowRejected
            if (existing["award_type"], existing["period_start"], existing["period_end"]) != (award_type, start, end):
                self.error(None, f"loại hình hoặc thời gian lập thành tích khác với quyết định {number} đã có")
                raise RowRejected
        twin = plan.keys.get(award_key)
        if twin:
            self.error(None, f"trùng với dòng {twin}: {who} đã có “{kind.name}” trong quyết định này")
            raise RowRejected
        plan.keys[award_key] = result.row
        plan.years.add(year.pk if year else None)
        plan.awards.append(
            Award(
                kind=kind, person_id=person.id if person else None, unit_id=unit.id if unit else None,
                recipient_unit_id=recipient_unit_id or (unit.id if unit else None), school_year=year, coefficient=kind.coefficient,
                base_salary=salary.amount if salary else None, cash_amount=amount, note=clean_text(note),
            )
        )  # fmt: skip
        result.text = label + (f", {_money(amount)} đồng" if amount else "")

    def creates(self) -> dict:
        new = [p for p in self.plans.values() if p.awards]
        return {"decisions": sum(1 for p in new if not p.existing_id), "awards": sum(len(p.awards) for p in new)}

    def write(self) -> dict:
        plans = [p for p in self.plans.values() if p.awards]
        fresh = [p for p in plans if not p.existing_id]
        decisions = [
            Decision(
                number=p.number, decision_date=p.decision_date, issuer_id=p.issuer.id, award_type=p.award_type, period_start=p.period_start,
                period_end=p.period_end, school_year_id=next(iter(p.years)) if len(p.years) == 1 else None, regime_id=p.regime_id,
                created_by=self.actor if getattr(self.actor, "pk", None) else None, import_batch=self.batch,
            )
            for p in fresh
        ]  # fmt: skip
        Decision.objects.bulk_create(decisions, batch_size=1000)
        for p, d in zip(fresh, decisions, strict=True):
            p.existing_id = p.decision = d.pk
        awards = []
        for p in plans:
            for a in p.awards:
                a.decision_id = p.existing_id
                awards.append(a)
        Award.objects.bulk_create(awards, batch_size=2000)
        issuers = OrgUnit.objects.in_bulk({p.issuer.id for p in plans})
        by_pk = {d.pk: d for d in decisions}
        others = Decision.objects.in_bulk([p.existing_id for p in plans if p.existing_id not in by_pk])
        for p in plans:
            target = by_pk.get(p.existing_id) or others[p.existing_id]
            snap = [{"kind": a.kind.code, "person": a.person_id, "unit": a.unit_id, "school_year": a.school_year_id,
                     "cash_amount": a.cash_amount} for a in p.awards]  # fmt: skip
            if p.existing_id in by_pk:
                after = {**audit.snapshot(target, fields=DECISION_FIELDS), "awards": snap}
                audit.record(actor=self.actor, verb="decision.created", target=target, unit=issuers[p.issuer.id], after=after)
            else:
                audit.record(
                    actor=self.actor, verb="decision.awards_imported", target=target, unit=issuers[p.issuer.id],
                    after={"import_batch": self.batch.pk, "awards": snap},
                )  # fmt: skip
        return {"decisions": len(decisions), "awards": len(awards)}


# -- initiatives ------------------------------------------------------------------------------------------------
@dataclass
class InitiativePlan:
    title: str
    school_year: SchoolYear
    scope: str
    unit: UnitInfo
    decision_number: str
    decision_date: dt.date | None
    first_row: int
    existing_id: int | None = None
    existing_batch: int | None = None
    authors: list[int] = field(default_factory=list)
    new_authors: list[int] = field(default_factory=list)


class InitiativesImporter(Importer):
    kind = ImportKind.INITIATIVES

    def load(self) -> None:
        super().load()
        self.plans: dict[tuple, InitiativePlan] = {}
        self.existing: dict[tuple, tuple[int, int | None]] = {}
        self.existing_authors: dict[int, set[int]] = defaultdict(set)
        records = InitiativeRecord.objects.filter(self.scope.units_q("unit__", write=True)).values_list(
            "pk", "title", "school_year_id", "unit_id", "decision_number", "import_batch_id"
        )
        for pk, title, year_id, unit_id, number, batch_id in records:
            self.existing[(fold(title), year_id, unit_id, fold(number))] = (pk, batch_id)
        through = InitiativeRecord.authors.through
        ids = [v[0] for v in self.existing.values()]
        for chunk in _chunks(ids):
            for rid, pid in through.objects.filter(initiativerecord_id__in=chunk).values_list("initiativerecord_id", "person_id"):
                self.existing_authors[rid].add(pid)

    def check_row(self, result: RowResult, values: dict) -> None:
        title = clean_text(self.cell(values, "title", required=True) or "")
        year = self.school_year(values, required=True)
        scope = self.cell(values, "scope", lambda v: cells.choice(v, cells.SCOPES, "phạm vi ảnh hưởng"), required=True)
        code = self.cell(values, "recognising_unit", required=True)
        number = clean_text(self.cell(values, "decision_number") or "")
        day = self.cell(values, "decision_date", cells.date)
        unit = self.writable_unit(code, "recognising_unit") if code else None
        if day and day > self.today + dt.timedelta(days=1):
            self.error("decision_date", "ngày công nhận không được ở tương lai")
        person = self.find_person(values)
        if result.errors or person is None or year is None or unit is None:
            raise RowRejected
        key = (fold(title), year.pk, unit.id, fold(number))
        plan = self.plans.get(key)
        if plan is None:
            plan = InitiativePlan(title, year, scope, unit, number, day, result.row)
            if key in self.existing:
                plan.existing_id, plan.existing_batch = self.existing[key]
            self.plans[key] = plan
        elif (plan.scope, plan.decision_date) != (scope, day):
            self.error("scope", f"phạm vi hoặc ngày công nhận khác với dòng {plan.first_row} của cùng sáng kiến")
            raise RowRejected
        label = f"“{title}” ({year.code}) – {person.full_name}"
        if plan.existing_id and person.id in self.existing_authors[plan.existing_id]:
            result.status, result.text = "exists", f"Đã có: {label}"
            return
        if plan.existing_id and plan.existing_batch is None:
            self.error("title", "sáng kiến này đã có trong hệ thống với tác giả khác; hãy sửa trực tiếp")
            raise RowRejected
        if person.id in plan.authors or person.id in plan.new_authors:
            self.error("full_name", "tác giả bị lặp trong cùng sáng kiến")
            raise RowRejected
        plan.new_authors.append(person.id)
        result.text = ("Thêm tác giả cho sáng kiến " if plan.existing_id else "Sáng kiến ") + label

    def creates(self) -> dict:
        plans = [p for p in self.plans.values() if p.new_authors]
        return {"initiatives": sum(1 for p in plans if not p.existing_id), "authors": sum(len(p.new_authors) for p in plans)}

    def write(self) -> dict:
        plans = [p for p in self.plans.values() if p.new_authors]
        through = InitiativeRecord.authors.through
        units = OrgUnit.objects.in_bulk({p.unit.id for p in plans})
        created = 0
        links = []
        for p in plans:
            if p.existing_id:
                record = InitiativeRecord.objects.get(pk=p.existing_id)
            else:
                record = InitiativeRecord.objects.create(
                    title=p.title, school_year=p.school_year, scope=p.scope, unit_id=p.unit.id, decision_number=p.decision_number,
                    decision_date=p.decision_date, import_batch=self.batch,
                )  # fmt: skip
                created += 1
            links += [through(initiativerecord_id=record.pk, person_id=pid) for pid in p.new_authors]
            audit.record(
                actor=self.actor, verb="initiative.recorded", target=record, unit=units[p.unit.id],
                after={**audit.snapshot(record), "authors": p.new_authors, "import_batch": self.batch.pk},
            )  # fmt: skip
        through.objects.bulk_create(links, batch_size=2000)
        return {"initiatives": created, "authors": len(links)}


IMPORTERS: dict[str, type[Importer]] = {
    ImportKind.STAFF: StaffImporter,
    ImportKind.RATINGS: RatingsImporter,
    ImportKind.AWARDS: AwardsImporter,
    ImportKind.INITIATIVES: InitiativesImporter,
}
