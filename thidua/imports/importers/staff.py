"""The staff sheet: people and their periods of work. A row adds a period to a person of the subtree
(matched as everywhere) or creates the person; it passes the checks of ``people.services.person_create``
and ``employment_add`` (``people.checks``); the commit writes through ``people.services.staff_import``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.core.vietnamese import clean_text, fold
from thidua.people import checks
from thidua.people import services as people_services
from thidua.people.models import Person

from .. import cells
from ..models import ImportKind
from .base import NO_PERIOD_END, Importer, RowRejected, RowResult, _d, chunks

# Where a rule of the people services names a field, the column of the sheet that holds it.
COLUMNS = {
    "unit": "unit_code",
    "end_date": "end_date",
    "start_date": "start_date",
    "date_of_birth": "date_of_birth",
    "national_id": "national_id",
}


class StaffImporter(Importer):
    kind = ImportKind.STAFF

    def load(self) -> None:
        super().load()
        self.new_people: dict[object, people_services.PersonPlan] = {}
        self.jobs: list[people_services.EmploymentPlan] = []
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
        for check in (
            lambda: checks.birth_date(dob, today=self.today),
            lambda: start and checks.period_order(start, end),
            lambda: (
                unit
                and start
                and checks.unit_active(name=unit.name, valid_from=unit.valid_from, valid_to=unit.valid_to, start=start, end=end)
            ),
        ):
            try:
                check()
            except DomainError as exc:
                self.refuse(exc, COLUMNS)
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
                result.status = "exists"
                result.text = _("%(name)s: đã có quá trình tại %(unit)s từ %(start)s") % {
                    "name": person.full_name,
                    "unit": unit.name,
                    "start": _d(start),
                }
                return
            if not self.can_write_person(person):
                self.error(
                    None, _("bạn không có quyền thay đổi hồ sơ của %(name)s (đơn vị hiện tại ngoài phạm vi)") % {"name": person.full_name}
                )
                raise RowRejected
            self._check_overlap(person.employments, self.planned[person.id], period)
            self.planned[person.id].append((*period, result.row))
            self.jobs.append(people_services.EmploymentPlan(person.id, None, unit.id, staff_type, position, start, end))
            result.text = _("Thêm quá trình công tác cho %(name)s: %(unit)s từ %(start)s") % {
                "name": person.full_name,
                "unit": unit.name,
                "start": _d(start),
            }
            return
        try:
            nid = checks.national_id_format(cells.national_id(values.get("national_id")))
        except DomainError as exc:
            self.refuse(exc, COLUMNS)
            raise RowRejected from None
        key = nid or (fold(name), dob)
        new = self.new_people.get(key)
        if new is None:
            if nid and nid in self.ids_seen:
                self.error("national_id", _("số định danh trùng với dòng %(row)d") % {"row": self.ids_seen[nid]})
                raise RowRejected
            new = people_services.PersonPlan(clean_text(name), gender, dob, clean_text(ethnicity), nid or None, unit.id)
            self.new_people[key] = new
            if nid:
                self.ids_seen[nid] = result.row
            result.text = _("Tạo hồ sơ %(name)s và quá trình tại %(unit)s từ %(start)s") % {
                "name": new.full_name,
                "unit": unit.name,
                "start": _d(start),
            }
        else:
            self._check_overlap([], [(*p, 0) for p in new.periods], period)
            result.text = _("Thêm quá trình công tác cho %(name)s (tạo mới ở dòng trên): %(unit)s từ %(start)s") % {
                "name": new.full_name,
                "unit": unit.name,
                "start": _d(start),
            }
        new.periods.append(period)
        self.jobs.append(people_services.EmploymentPlan(None, new, unit.id, staff_type, position, start, end))

    def _check_overlap(self, existing, planned, period) -> None:
        """Against the person's recorded periods (the service's rule and message), then the file's other rows."""
        start, end = period
        recorded = [(e[0], None if e[1] == NO_PERIOD_END else e[1], e[4]) for e in existing]
        try:
            checks.no_overlap(recorded, start, None if end == NO_PERIOD_END else end)
        except DomainError as exc:
            self.refuse(exc, COLUMNS)
            raise RowRejected from None
        for p in planned:
            if p[0] <= end and start <= p[1]:
                if p[2]:
                    message = _("thời gian công tác trùng với một dòng khác của tệp (dòng %(row)d)") % {"row": p[2]}
                else:
                    message = _("thời gian công tác trùng với một dòng khác của tệp")
                self.error("start_date", message)
                raise RowRejected

    def finish(self) -> None:
        # National IDs of new people must be free in the whole system (people outside the subtree too).
        wanted = [p.national_id for p in self.new_people.values() if p.national_id]
        taken: set[str] = set()
        for chunk in chunks(wanted):
            taken |= set(Person.objects.filter(national_id__in=chunk).values_list("national_id", flat=True))
        if not taken:
            return
        bad = {nid: row for nid, row in self.ids_seen.items() if nid in taken}
        for nid, row in bad.items():
            result = next(r for r in self.results if r.row == row)
            self._current = result
            self.refuse(checks.national_id_taken(nid), COLUMNS)
        self.jobs = [j for j in self.jobs if not (j.new_person and j.new_person.national_id in taken)]
        self.new_people = {k: v for k, v in self.new_people.items() if v.national_id not in taken}

    def creates(self) -> dict:
        return {"people": len(self.new_people), "employments": len(self.jobs)}

    def write(self) -> dict:
        return people_services.staff_import(
            actor=self.actor, people=list(self.new_people.values()), employments=self.jobs, batch=self.batch
        )
