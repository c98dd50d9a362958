"""The ratings sheet: one annual rating per person and school year, never overwriting a recorded one.
A row passes the checks of ``people.services.rating_set``; the commit writes through
``people.services.ratings_import``."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from thidua.core.vietnamese import clean_text
from thidua.people import checks
from thidua.people import services as people_services
from thidua.people.models import AnnualRating, Employment, Rating
from thidua.years.models import SchoolYear

from .. import cells
from ..models import ImportKind
from .base import Importer, RowRejected, RowResult


class RatingsImporter(Importer):
    kind = ImportKind.RATINGS

    def load(self) -> None:
        super().load()
        self.existing: dict[int, dict[int, str]] = {}  # school year -> person -> rating
        self.planned: dict[tuple[int, int], int] = {}
        self.new: list[people_services.RatingPlan] = []
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
            result.status = "exists"
            result.text = _("%(name)s, %(year)s: đã có xếp loại “%(rating)s”") % {
                "name": person.full_name,
                "year": year.code,
                "rating": label,
            }
            return
        if current is not None:
            self.error(
                "rating",
                _("%(name)s đã có xếp loại năm học %(year)s khác (“%(rating)s”); sửa trên hồ sơ")
                % {"name": person.full_name, "year": year.code, "rating": self.labels[current]},
            )
            raise RowRejected
        if not self.can_write_person(person):
            self.error(None, _("bạn không có quyền thay đổi hồ sơ của %(name)s") % {"name": person.full_name})
            raise RowRejected
        jobs = [e for e in person.employments if e[0] <= year.end_date and e[1] >= year.start_date]
        if not jobs:
            exc = checks.not_employed_in_year(name=person.full_name, year_code=year.code)
            self.refuse(exc)
            raise RowRejected
        twin = self.planned.get((person.id, year.pk))
        if twin:
            self.error("school_year", _("trùng với dòng %(row)d (cùng người, cùng năm học)") % {"row": twin})
            raise RowRejected
        self.planned[(person.id, year.pk)] = result.row
        unit_id = max(jobs, key=lambda e: e[0])[2]
        self.new.append(people_services.RatingPlan(person.id, year, rating, clean_text(note), unit_id))
        result.text = f"{person.full_name}, {year.code}: {label}"

    def creates(self) -> dict:
        return {"ratings": len(self.new)}

    def write(self) -> dict:
        return people_services.ratings_import(actor=self.actor, ratings=self.new, batch=self.batch)
