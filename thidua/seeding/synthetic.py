"""Synthetic bulk loader for the ``province`` and ``nation`` scales.

This is a benchmark loader, not a use case: it writes rows straight into the tables (no services, no
audit rows) in the same *shape* the services produce, so selectors and reports see realistic history:

* pre-2025 tree: ministry -> departments -> district offices -> preschool/primary/lower-secondary
  schools; upper-secondary, continuing-education, multi-level schools and colleges under departments;
  universities under the ministry; every school has a few teams;
* 1 July 2025: communes are created under the (surviving) departments, district-managed schools move
  under communes (a placement ending 2025-06-30 and one starting 2025-07-01, teams follow), district
  offices close (placement and unit end 2025-06-30), and the departments of merged provinces close,
  record the survivor as successor and hang under it (``unit_merge`` shape: their staff continue in the
  survivor from 2025-07-01);
* people with employment periods that never overlap (at most one open), some transfers between schools,
  retirements, one annual rating per school year worked (2016-2017..2025-2026), some discipline and leave.

Memory stays bounded: only the unit plan (one small tuple per unit) lives for the whole run; people are
generated school by school and written in chunks. On PostgreSQL rows go through ``COPY FROM STDIN``;
elsewhere through ``executemany``. Primary keys of units and people are preassigned (from the current
maximum) so materialised paths need no round trips; PostgreSQL sequences are reset at the end.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from thidua.core.vietnamese import fold, sort_key
from thidua.org.models import path_segment

from . import names

DAY = dt.date(2025, 7, 1)  # restructuring effective date
EVE = dt.date(2025, 6, 30)
LEGACY_FROM = dt.date(1976, 1, 1)
FIRST_RATED_YEAR, LAST_RATED_YEAR = 2016, 2025  # school years 2016-2017 .. 2025-2026
MERGE_DECISION = "Nghị quyết số 202/2025/QH15"
DISTRICT_DECISION = "Kết luận số 127-KL/TW; Nghị quyết số 1656/NQ-UBTVQH15"

DISTRICT_LEVELS = ("preschool", "primary", "lower_secondary")
DEPT_LEVELS = ("upper_secondary", "continuing", "multi_level", "college")
LEVEL_WEIGHTS = {  # share of schools by level
    "preschool": 30, "primary": 32, "lower_secondary": 25, "upper_secondary": 8,
    "continuing": 2, "multi_level": 2, "college": 1,
}  # fmt: skip
STAFF_WEIGHTS = {  # relative staff size
    "preschool": 25, "primary": 35, "lower_secondary": 35, "upper_secondary": 70, "continuing": 20,
    "multi_level": 60, "college": 150, "university": 300, "department": 45, "district_office": 10,
}  # fmt: skip
FEMALE_SHARE = {"preschool": 0.98, "primary": 0.85, "lower_secondary": 0.75, "upper_secondary": 0.65}
CODE_PREFIX = {
    "preschool": "MN", "primary": "TH", "lower_secondary": "THCS", "upper_secondary": "THPT",
    "multi_level": "LC", "continuing": "GDTX", "college": "CD", "university": "DH",
}  # fmt: skip
SUPPORT_POSITIONS = ["Kế toán", "Văn thư", "Thư viện", "Y tế học đường", "Thiết bị"]
WORKER_POSITIONS = ["Bảo vệ", "Phục vụ"]
RATINGS = ["excellent"] * 15 + ["good"] * 60 + ["completed"] * 22 + ["not_completed"] * 3

SCALES: dict[str, tuple[int, int, list[tuple[str, ...]]]] = {
    # name: (units, people, province groups); the first province of a group absorbs the others
    "province": (1_600, 50_000, [("Hưng Yên", "Thái Bình")]),
    "nation": (54_000, 1_660_000, names.PROVINCE_GROUPS),
}

# Column lists per table, in the order rows are built; checked against the models at start-up.
COLUMNS: dict[str, tuple[str, ...]] = {
    "org_orgunit": (
        "id", "code", "name", "name_folded", "kind_id", "parent_id", "path", "depth", "education_levels",
        "remote_area", "address", "valid_from", "valid_to", "successor_id",
    ),
    "org_unitplacement": ("unit_id", "parent_id", "path", "valid_from", "valid_to"),
    "org_restructuring": ("id", "kind", "effective_date", "decision_ref", "note", "created_at", "created_by_id"),
    "org_restructuringunit": ("restructuring_id", "unit_id", "role"),
    "people_person": (
        "id", "full_name", "name_folded", "sort_key", "date_of_birth", "gender", "ethnicity", "national_id",
        "email", "current_unit_id", "current_position", "created_at", "updated_at",
    ),
    "people_employment": ("person_id", "unit_id", "position", "staff_type", "start_date", "end_date"),
    "people_annualrating": ("person_id", "school_year_id", "rating", "unit_id", "note"),
    "people_discipline": (
        "person_id", "form", "status", "decision_number", "decision_date", "start_date", "end_date", "reason",
    ),
    "people_leave": ("person_id", "kind", "start_date", "end_date", "note"),
}  # fmt: skip
TABLE_MODELS = {
    "org_orgunit": "org.OrgUnit", "org_unitplacement": "org.UnitPlacement", "org_restructuring": "org.Restructuring",
    "org_restructuringunit": "org.RestructuringUnit", "people_person": "people.Person",
    "people_employment": "people.Employment", "people_annualrating": "people.AnnualRating",
    "people_discipline": "people.Discipline", "people_leave": "people.Leave",
}  # fmt: skip


def _check_columns() -> None:
    """Fail early (not halfway through a load) if a model gained or lost a column."""
    for table, label in TABLE_MODELS.items():
        model = apps.get_model(label)
        actual = {f.column for f in model._meta.concrete_fields} - {"id"}
        expected = set(COLUMNS[table]) - {"id"}
        if actual != expected:
            raise RuntimeError(f"{table}: columns changed, update seeding.synthetic.COLUMNS ({sorted(actual ^ expected)})")


# -- writing -----------------------------------------------------------------------------------------


class RowSink:
    """Buffers rows per table and writes them in foreign-key order (COPY on PostgreSQL)."""

    def __init__(self) -> None:
        self.buffers: dict[str, list[tuple]] = {t: [] for t in COLUMNS}
        self.counts: dict[str, int] = dict.fromkeys(COLUMNS, 0)
        self.postgres = connection.vendor == "postgresql"

    def add(self, table: str, row: tuple) -> None:
        self.buffers[table].append(row)

    def pending(self, table: str) -> int:
        return len(self.buffers[table])

    def flush(self) -> None:
        for table, rows in self.buffers.items():
            if not rows:
                continue
            cols = COLUMNS[table]
            if self.postgres:
                raw = connection.cursor().connection  # the psycopg 3 connection under Django's wrapper
                with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                    write = copy.write_row
                    for row in rows:
                        write(row)
            else:
                sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})"
                with connection.cursor() as cur:
                    for start in range(0, len(rows), 5000):
                        cur.executemany(sql, [tuple(_sqlite_value(v) for v in row) for row in rows[start : start + 5000]])
            self.counts[table] += len(rows)
            rows.clear()


def _sqlite_value(value):
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@lru_cache(maxsize=300_000)
def _name_keys(full_name: str) -> tuple[str, str]:
    return fold(full_name), sort_key(full_name)


# -- planning ----------------------------------------------------------------------------------------


@dataclass
class SchoolPlan:
    level: str
    teams: int
    staff: int = 0


@dataclass
class DeptPlan:
    province: str
    target: str  # province whose department survives
    districts: int
    communes: int
    schools: list[SchoolPlan] = field(default_factory=list)
    office_staff: int = 0
    district_staff: int = 0


@dataclass
class Stats:
    units: int = 0
    people: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _plan(rng: random.Random, units: int, people: int, groups: list[tuple[str, ...]]) -> tuple[list[DeptPlan], list[SchoolPlan]]:
    """Decide how many units of each kind each old department gets and how many people each unit has."""
    old = [(p, g[0]) for g in groups for p in g]
    n_univ = round(units * 0.004)
    rest = max(units - 1 - len(old) - 4 * n_univ, 8 * len(old))
    weights = [rng.uniform(0.6, 1.4) * (3 if p in ("Hà Nội", "Hồ Chí Minh") else 1) for p, _ in old]
    total_w = sum(weights)
    levels, level_w = list(LEVEL_WEIGHTS), list(LEVEL_WEIGHTS.values())
    plans: list[DeptPlan] = []
    for (province, target), w in zip(old, weights, strict=True):
        budget = rest * w / total_w
        districts = max(1, round(budget / 90))
        communes = max(1, round(budget / 16))
        n_schools = max(2, round((budget - districts - communes) / 3))
        plan = DeptPlan(province=province, target=target, districts=districts, communes=communes)
        for i in range(n_schools):
            level = "primary" if i == 0 else "upper_secondary" if i == 1 else rng.choices(levels, level_w)[0]
            plan.schools.append(SchoolPlan(level=level, teams=rng.randint(1, 3)))
        plans.append(plan)
    universities = [SchoolPlan(level="university", teams=3) for _ in range(n_univ)]
    # Staff: spread ``people`` over units in proportion to their (jittered) weights.
    entries: list[tuple[object, str, float]] = []
    for plan in plans:
        entries.append((plan, "office", STAFF_WEIGHTS["department"]))
        entries.append((plan, "district", STAFF_WEIGHTS["district_office"] * plan.districts))
        entries.extend((s, "school", STAFF_WEIGHTS[s.level] * rng.uniform(0.7, 1.3)) for s in plan.schools)
    entries.extend((s, "school", STAFF_WEIGHTS["university"] * rng.uniform(0.7, 1.3)) for s in universities)
    total = sum(e[2] for e in entries)
    for obj, what, w in entries:
        n = max(2, round(people * w / total))
        if what == "office":
            obj.office_staff = n
        elif what == "district":
            obj.district_staff = n
        else:
            obj.staff = n
    return plans, universities


# -- generating ----------------------------------------------------------------------------------------


class Generator:
    """Writes the whole synthetic data set through a ``RowSink``."""

    def __init__(self, *, seed: int, chunk: int = 20_000, log: Callable[[str], None] = lambda s: None) -> None:
        self.rng = random.Random(seed)
        self.sink = RowSink()
        self.chunk = chunk
        self.log = log
        OrgUnit, Person, Restructuring = (apps.get_model(m) for m in ("org.OrgUnit", "people.Person", "org.Restructuring"))
        self.next_unit = (OrgUnit.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        self.next_person = (Person.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        self.next_restructuring = (Restructuring.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        self.kinds = dict(apps.get_model("org.UnitKind").objects.values_list("code", "id"))
        years = apps.get_model("years.SchoolYear").objects.filter(
            start_date__year__gte=FIRST_RATED_YEAR, start_date__year__lte=LAST_RATED_YEAR
        )
        self.years = sorted((y.start_date, y.end_date, y.pk) for y in years)
        now = timezone.now()
        self.now = now
        self.id_serial: dict[str, int] = {}
        self.codes: set[str] = set()
        self.people = 0
        self.units = 0

    # units ---------------------------------------------------------------------------------------
    def _unit_id(self) -> int:
        pk = self.next_unit
        self.next_unit += 1
        self.units += 1
        return pk

    def _unit(
        self, pk: int, *, code: str, name: str, kind: str, parent: int | None, path: str, valid_from: dt.date,
        valid_to: dt.date | None = None, levels: str = "", remote: bool = False, address: str = "", successor: int | None = None,
    ) -> None:  # fmt: skip
        self.sink.add(
            "org_orgunit",
            (pk, code, name, fold(name), self.kinds[kind], parent, path, len(path) // 6 - 1, levels, remote, address,
             valid_from, valid_to, successor),
        )  # fmt: skip

    def _placement(self, unit: int, parent: int | None, path: str, start: dt.date, end: dt.date | None) -> None:
        self.sink.add("org_unitplacement", (unit, parent, path, start, end))

    def _restructuring(self, kind: str, decision: str, note: str, links: list[tuple[int, str]]) -> int:
        pk = self.next_restructuring
        self.next_restructuring += 1
        self.sink.add("org_restructuring", (pk, kind, DAY, decision, note, self.now, None))
        for unit, role in links:
            self.sink.add("org_restructuringunit", (pk, unit, role))
        return pk

    def _code(self, base: str) -> str:
        code, n = base, 1
        while code in self.codes:
            n += 1
            code = f"{base}{n}"
        self.codes.add(code)
        return code

    # people --------------------------------------------------------------------------------------
    def _national_id(self, province_no: int, gender: str, born: int) -> str | None:
        if self.rng.random() < 0.1:
            return None
        century = 0 if born < 2000 else 2
        prefix = f"{province_no:03d}{century + (gender == 'female')}{born % 100:02d}"
        serial = self.id_serial.get(prefix, 0) + 1
        self.id_serial[prefix] = serial
        return f"{prefix}{serial:06d}"

    def _person(
        self, *, province_no: int, level: str, periods_for: Callable[[dt.date], list[tuple[int, dt.date, dt.date | None]]],
        position: str, staff_type: str, earliest: dt.date, retire_ok: bool = True,
    ) -> None:  # fmt: skip
        """One person with their employment periods, ratings, and maybe leave or discipline.

        ``periods_for(start)`` turns a career start date into [(unit, start, end)] (transfers and
        restructuring decide the later periods)."""
        rng = self.rng
        gender = "female" if rng.random() < FEMALE_SHARE.get(level, 0.55) else "male"
        retired = retire_ok and rng.random() < 0.04
        born = rng.randint(1956, 1965) if retired else rng.randint(1966, 2001)
        dob = dt.date(born, rng.randint(1, 12), rng.randint(1, 28))
        start_year = min(max(born + 22 + int(rng.expovariate(0.25)), earliest.year + 1, 1980), 2025)
        start = dt.date(start_year, rng.choice((8, 9)), rng.randint(1, 28))
        if start_year == 2025:
            start = dt.date(2025, 8, rng.randint(1, 28))
        periods = periods_for(start)
        # Retirement at 60, or leaving early; both cut the last period and clear the open row.
        end: dt.date | None = None
        if retired:
            end = dt.date(born + 60, dob.month, dob.day) - dt.timedelta(days=1)
        elif rng.random() < 0.02:
            end = dt.date(rng.randint(2017, 2024), rng.randint(1, 12), 28)
        if end is not None:
            periods = [(u, s, end if e is None else min(e, end)) for u, s, e in periods if s <= end]
        if not periods:
            return
        pk = self.next_person
        self.next_person += 1
        self.people += 1
        full_name = names.person_name(rng, gender)
        folded, key = _name_keys(full_name)
        last_unit, _, last_end = periods[-1]
        current = last_unit if last_end is None else None
        add = self.sink.add
        add(
            "people_person",
            (pk, full_name, folded, key, dob, gender, names.ethnicity(rng), self._national_id(province_no, gender, born), "",
             current, position if current else "", self.now, self.now),
        )  # fmt: skip
        for u, s, e in periods:
            add("people_employment", (pk, u, position, staff_type, s, e))
        # One rating per school year worked, by the unit of the latest period overlapping the year.
        for y_start, y_end, y_pk in self.years:
            unit = None
            for u, s, e in periods:
                if s <= y_end and (e is None or e >= y_start):
                    unit = u
            if unit is not None:
                add("people_annualrating", (pk, y_pk, rng.choice(RATINGS), unit, ""))
        first = max(periods[0][1], dt.date(2016, 9, 1))
        last = periods[-1][2] or dt.date(2026, 6, 30)
        span = (last - first).days
        if span > 400:
            r = rng.random()
            if r < 0.035 and gender == "female" and born > 1975:
                s = first + dt.timedelta(days=rng.randint(0, span - 200))
                add("people_leave", (pk, "maternity", s, s + dt.timedelta(days=182), ""))
            elif r < 0.045:
                s = first + dt.timedelta(days=rng.randint(0, span - 370))
                add("people_leave", (pk, "training", s, s + dt.timedelta(days=rng.choice((90, 180, 365))), "Bồi dưỡng dài hạn"))
            if rng.random() < 0.005:
                s = first + dt.timedelta(days=rng.randint(0, span - 370))
                form = rng.choice(("reprimand", "reprimand", "warning"))
                add(
                    "people_discipline",
                    (pk, form, "in_effect", f"{rng.randint(1, 300)}/QĐ-KL", s, s, s + dt.timedelta(days=364), "Vi phạm quy chế chuyên môn"),
                )  # fmt: skip
        if self.sink.pending("people_person") >= self.chunk:
            self.sink.flush()

    def _school_staff(
        self, *, province_no: int, school: SchoolPlan, unit: int, valid_from: dt.date, peers: list[tuple[int, dt.date]]
    ) -> None:
        rng = self.rng
        teacher = "Giảng viên" if school.level in ("college", "university") else "Giáo viên"
        for i in range(school.staff):
            if i == 0:
                position, staff_type = ("Hiệu trưởng" if school.level not in ("continuing",) else "Giám đốc"), "manager"
            elif i <= (1 if school.staff < 30 else 2):
                position, staff_type = ("Phó Hiệu trưởng" if school.level != "continuing" else "Phó Giám đốc"), "manager"
            else:
                r = rng.random()
                if r < 0.80:
                    position, staff_type = (teacher if rng.random() > 0.08 else "Tổ trưởng chuyên môn"), "teacher"
                elif r < 0.92:
                    position, staff_type = rng.choice(SUPPORT_POSITIONS), "staff"
                else:
                    position, staff_type = ("Cấp dưỡng" if school.level == "preschool" else rng.choice(WORKER_POSITIONS)), "worker"

            def periods(start: dt.date, unit=unit) -> list[tuple[int, dt.date, dt.date | None]]:
                # About one in twenty moved from another school of the same kind in the province.
                if peers and rng.random() < 0.05 and start.year < 2023:
                    other, other_from = rng.choice(peers)
                    if other != unit and other_from < start:
                        moved = dt.date(rng.randint(start.year + 1, 2024), 8, rng.randint(1, 28))
                        return [(other, start, moved - dt.timedelta(days=1)), (unit, moved, None)]
                return [(unit, start, None)]

            self._person(
                province_no=province_no, level=school.level, periods_for=periods, position=position,
                staff_type=staff_type, earliest=valid_from,
            )  # fmt: skip

    def _teams(self, school: SchoolPlan, school_pk: int, placements: list[tuple[int, str, dt.date, dt.date | None]], code: str) -> None:
        """Teams follow their school: one placement per placement of the school (the ``_place`` shape)."""
        for title in self.rng.sample(names.TEAMS_BY_LEVEL[school.level], min(school.teams, len(names.TEAMS_BY_LEVEL[school.level]))):
            pk = self._unit_id()
            seg = path_segment(pk)
            current_path = placements[-1][1]
            self._unit(pk, code=self._code(f"{code}-TO{pk}"), name=title, kind="team", parent=school_pk,
                       path=current_path + seg, valid_from=placements[0][2])  # fmt: skip
            for _, p_path, p_start, p_end in placements:
                self._placement(pk, school_pk, p_path + seg, p_start, p_end)

    # the whole run ---------------------------------------------------------------------------------
    def run(self, *, units: int, people: int, groups: list[tuple[str, ...]]) -> Stats:
        started = time.monotonic()
        _check_columns()
        rng = self.rng
        plans, universities = _plan(rng, units, people, groups)
        self.log(f"Kế hoạch: {sum(len(p.schools) for p in plans) + len(universities)} cơ sở giáo dục, {len(plans)} sở cũ.")
        with transaction.atomic():
            ministry = self._unit_id()
            m_path = path_segment(ministry)
            self._unit(ministry, code=self._code("BGDDT"), name="Bộ Giáo dục và Đào tạo", kind="ministry", parent=None,
                       path=m_path, valid_from=LEGACY_FROM, address="35 Đại Cồ Việt, Hà Nội")  # fmt: skip
            self._placement(ministry, None, m_path, LEGACY_FROM, None)
            depts: dict[str, tuple[int, str, str]] = {}  # province -> (pk, current path, pre-2025 path)
            for plan in plans:  # survivors first so sources can hang under them
                if plan.province == plan.target:
                    pk = self._unit_id()
                    path = m_path + path_segment(pk)
                    depts[plan.province] = (pk, path, path)
            for plan in plans:
                if plan.province != plan.target:
                    pk = self._unit_id()
                    depts[plan.province] = (pk, depts[plan.target][1] + path_segment(pk), m_path + path_segment(pk))
            merges: dict[str, list[tuple[int, str]]] = {}
            for plan in plans:
                pk, path, old_path = depts[plan.province]
                label = "Thành phố" if plan.province in names.CITIES else "tỉnh"
                name = f"Sở Giáo dục và Đào tạo {plan.province}"
                code = self._code(f"SGD-{names.province_code(plan.province)}")
                if plan.province == plan.target:
                    self._unit(pk, code=code, name=name, kind="department", parent=ministry, path=path, valid_from=LEGACY_FROM,
                               address=f"{label} {plan.province}")  # fmt: skip
                    self._placement(pk, ministry, path, LEGACY_FROM, None)
                else:
                    target = depts[plan.target][0]
                    self._unit(pk, code=code, name=name, kind="department", parent=target, path=path, valid_from=LEGACY_FROM,
                               valid_to=EVE, successor=target, address=f"{label} {plan.province}")  # fmt: skip
                    # unit_merge shape: the pre-merge placement ends the day before; the unit then hangs under its successor.
                    self._placement(pk, ministry, old_path, LEGACY_FROM, EVE)
                    self._placement(pk, target, path, DAY, None)
                    merges.setdefault(plan.target, [(target, "target")]).append((pk, "source"))
            self._universities(universities, ministry, m_path)
            self.sink.flush()
        self.log(f"Đã tạo bộ, {len(depts)} sở và {len(universities)} trường đại học.")
        for no, plan in enumerate(plans, start=1):
            with transaction.atomic():
                moved = self._department(plan, depts, province_no=no * 2 - 1)
                if plan.province != plan.target:
                    merges[plan.target].extend((u, "moved") for u in moved)
                if plan is plans[-1] or plans[no].target != plan.target:
                    links = merges.pop(plan.target, None)
                    if links:
                        self._restructuring("merge", MERGE_DECISION, f"Hợp nhất các sở vào Sở GD&ĐT {plan.target}", links)
                self.sink.flush()
            self.log(f"  {no}/{len(plans)} Sở GD&ĐT {plan.province}: {self.units} đơn vị, {self.people} người.")
        self._finish()
        return Stats(units=self.units, people=self.people, rows=dict(self.sink.counts), seconds=time.monotonic() - started)

    def _universities(self, universities: list[SchoolPlan], ministry: int, m_path: str) -> None:
        rng = self.rng
        for school in universities:
            pk = self._unit_id()
            path = m_path + path_segment(pk)
            vf = dt.date(rng.randint(1976, 2005), 1, 1)
            code = self._code(f"DH-{pk}")
            self._unit(pk, code=code, name=names.school_name(rng, "university", names.place_name(rng), ""), kind="school",
                       parent=ministry, path=path, valid_from=vf, levels="university")  # fmt: skip
            self._placement(pk, ministry, path, vf, None)
            self._teams(school, pk, [(ministry, path, vf, None)], code)
            self._school_staff(province_no=1, school=school, unit=pk, valid_from=vf, peers=[])

    def _department(self, plan: DeptPlan, depts: dict[str, tuple[int, str, str]], province_no: int) -> list[int]:
        """Generate one pre-2025 department's subtree and people; return units moved to the survivor."""
        rng = self.rng
        dept, dept_path, dept_old_path = depts[plan.province]
        target, target_path, _ = depts[plan.target]
        merged = dept != target
        pc = names.province_code(plan.province)
        moved: list[int] = []
        # District offices (closed on 2025-07-01; in a merged department they hang under it, as unit_merge leaves them).
        districts: list[tuple[int, str]] = []
        for _ in range(plan.districts):
            pk = self._unit_id()
            seg = path_segment(pk)
            self._unit(pk, code=self._code(f"PGD-{pc}-{pk}"), name=f"Phòng Giáo dục và Đào tạo huyện {names.place_name(rng)}",
                       kind="district_office", parent=dept, path=dept_path + seg, valid_from=LEGACY_FROM, valid_to=EVE)  # fmt: skip
            self._placement(pk, dept, dept_old_path + seg, LEGACY_FROM, EVE)
            self._restructuring("close", DISTRICT_DECISION, "Kết thúc hoạt động cấp huyện", [(pk, "source")])
            districts.append((pk, dept_old_path + seg))
        # Communes exist from 2025-07-01 under the surviving department.
        communes: list[tuple[int, str, str]] = []
        for _ in range(plan.communes):
            pk = self._unit_id()
            place = names.place_name(rng)
            label = "phường" if rng.random() < 0.15 else "xã"
            path = target_path + path_segment(pk)
            self._unit(pk, code=self._code(f"XA-{pc}-{pk}"), name=f"UBND {label} {place}", kind="commune", parent=target,
                       path=path, valid_from=DAY)  # fmt: skip
            self._placement(pk, target, path, DAY, None)
            communes.append((pk, path, place))
            if merged:
                moved.append(pk)
        # Office and district staff: merged department's staff continue in the survivor; district staff go to
        # the surviving department or a commune.
        for _ in range(plan.office_staff):

            def office(start: dt.date) -> list[tuple[int, dt.date, dt.date | None]]:
                start = min(start, dt.date(2024, 9, 1))
                return [(dept, start, EVE), (target, DAY, None)] if merged else [(dept, start, None)]

            self._person(province_no=province_no, level="department", periods_for=office, position="Chuyên viên",
                         staff_type="staff", earliest=LEGACY_FROM)  # fmt: skip
        for i in range(plan.district_staff):
            district = districts[i % len(districts)][0]

            def district_periods(start: dt.date, district=district) -> list[tuple[int, dt.date, dt.date | None]]:
                start = min(start, dt.date(2024, 9, 1))
                after = target if rng.random() < 0.5 else rng.choice(communes)[0]
                return [(district, start, EVE), (after, DAY, None)]

            self._person(province_no=province_no, level="district_office", periods_for=district_periods, position="Chuyên viên",
                         staff_type="staff", earliest=LEGACY_FROM)  # fmt: skip
        # Schools: plan all of them first (ids, paths) so transfers can point at peers of the same kind.
        rows = []
        for school in plan.schools:
            pk = self._unit_id()
            seg = path_segment(pk)
            vf = dt.date(rng.choice((rng.randint(1976, 2000), rng.randint(1976, 2012))), 1, 1)
            commune_pk, commune_path, place = rng.choice(communes)
            if school.level in DISTRICT_LEVELS:
                district_pk, district_path = rng.choice(districts)
                placements = [(district_pk, district_path + seg, vf, EVE), (commune_pk, commune_path + seg, DAY, None)]
            elif merged:
                placements = [(dept, dept_old_path + seg, vf, EVE), (target, target_path + seg, DAY, None)]
            else:
                placements = [(dept, dept_path + seg, vf, None)]
            rows.append((school, pk, vf, place, placements))
        peers: dict[bool, list[tuple[int, dt.date]]] = {True: [], False: []}
        for school, pk, vf, _, _ in rows:
            peers[school.level in DISTRICT_LEVELS].append((pk, vf))
        for school, pk, vf, place, placements in rows:
            code = self._code(f"{CODE_PREFIX[school.level]}-{pc}-{pk}")
            parent, path = placements[-1][0], placements[-1][1]
            self._unit(pk, code=code, name=names.school_name(rng, school.level, place, plan.province), kind="school",
                       parent=parent, path=path, valid_from=vf, levels=school.level, remote=rng.random() < 0.08,
                       address=f"{place}, {plan.target}")  # fmt: skip
            for p_parent, p_path, p_start, p_end in placements:
                self._placement(pk, p_parent, p_path, p_start, p_end)
            if school.level in DISTRICT_LEVELS:
                self._restructuring("move", DISTRICT_DECISION, "Chuyển về UBND cấp xã quản lý", [(pk, "moved"), (parent, "target")])
            elif merged:
                moved.append(pk)
            self._teams(school, pk, placements, code)
            self._school_staff(province_no=province_no, school=school, unit=pk, valid_from=vf,
                               peers=peers[school.level in DISTRICT_LEVELS])  # fmt: skip
        return moved

    def _finish(self) -> None:
        if connection.vendor == "postgresql":
            models = [apps.get_model(label) for label in TABLE_MODELS.values()]
            with connection.cursor() as cur:
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cur.execute(sql)
                for table in COLUMNS:
                    cur.execute(f"ANALYZE {table}")


def seed_synthetic(
    *, scale: str, seed: int = 2025, units: int | None = None, people: int | None = None, log: Callable[[str], None] = lambda s: None
) -> Stats:
    """Load the ``province`` or ``nation`` data set (``units``/``people`` override the sizes, for tests)."""
    default_units, default_people, groups = SCALES[scale]
    generator = Generator(seed=seed, log=log)
    stats = generator.run(units=units or default_units, people=people or default_people, groups=groups)
    from .movements import seed_bulk_movements

    seed_bulk_movements(log=log)
    from .registrations import seed_bulk_registrations

    seed_bulk_registrations(log=log)
    return stats
