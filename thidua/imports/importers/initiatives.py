"""The initiatives sheet: one row per author, grouped into initiatives by (title, year, unit, decision
number). A row passes the checks of ``awards.services.initiative_record_create``; the commit writes
through ``awards.services.initiative_records_import``."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from thidua.awards import services as award_services
from thidua.awards.models import InitiativeRecord
from thidua.core.errors import DomainError
from thidua.core.vietnamese import clean_text, fold

from .. import cells
from ..models import ImportKind
from .base import Importer, RowRejected, RowResult, chunks


class InitiativesImporter(Importer):
    kind = ImportKind.INITIATIVES

    def load(self) -> None:
        super().load()
        self.plans: dict[tuple, award_services.InitiativePlan] = {}
        self.first_rows: dict[tuple, int] = {}
        self.existing: dict[tuple, tuple[int, int | None]] = {}
        self.existing_authors: dict[int, set[int]] = defaultdict(set)
        records = InitiativeRecord.objects.filter(self.scope.units_q("unit__", write=True)).values_list(
            "pk", "title", "school_year_id", "unit_id", "decision_number", "import_batch_id"
        )
        for pk, title, year_id, unit_id, number, batch_id in records:
            self.existing[(fold(title), year_id, unit_id, fold(number))] = (pk, batch_id)
        through = InitiativeRecord.authors.through
        ids = [v[0] for v in self.existing.values()]
        for chunk in chunks(ids):
            for rid, pid in through.objects.filter(initiativerecord_id__in=chunk).values_list("initiativerecord_id", "person_id"):
                self.existing_authors[rid].add(pid)
        self.existing_batch: dict[int, int | None] = dict(self.existing.values())
        self.authors: dict[tuple, list[int]] = defaultdict(list)

    def check_row(self, result: RowResult, values: dict) -> None:
        title = clean_text(self.cell(values, "title", required=True) or "")
        year = self.school_year(values, required=True)
        scope = self.cell(values, "scope", lambda v: cells.choice(v, cells.SCOPES, "phạm vi ảnh hưởng"), required=True)
        code = self.cell(values, "recognising_unit", required=True)
        number = clean_text(self.cell(values, "decision_number") or "")
        day = self.cell(values, "decision_date", cells.date)
        unit = self.writable_unit(code, "recognising_unit") if code else None
        if day:
            try:
                award_services.initiative_not_in_future(day, today=self.today)
            except DomainError as exc:
                self.refuse(exc)
        person = self.find_person(values)
        if result.errors or person is None or year is None or unit is None:
            raise RowRejected
        key = (fold(title), year.pk, unit.id, fold(number))
        plan = self.plans.get(key)
        if plan is None:
            plan = award_services.InitiativePlan(title, year, scope, unit.id, number, day)
            if key in self.existing:
                plan.existing_id = self.existing[key][0]
            self.plans[key], self.first_rows[key] = plan, result.row
        elif (plan.scope, plan.decision_date) != (scope, day):
            self.error("scope", _("phạm vi hoặc ngày công nhận khác với dòng %(row)d của cùng sáng kiến") % {"row": self.first_rows[key]})
            raise RowRejected
        label = _("“%(title)s” (%(year)s) – %(name)s") % {"title": title, "year": year.code, "name": person.full_name}
        if plan.existing_id and person.id in self.existing_authors[plan.existing_id]:
            result.status, result.text = "exists", _("Đã có: %(label)s") % {"label": label}
            return
        if plan.existing_id and self.existing_batch.get(plan.existing_id) is None:
            self.error("title", _("sáng kiến này đã có trong hệ thống với tác giả khác; hãy sửa trực tiếp"))
            raise RowRejected
        if person.id in plan.new_authors:
            self.error("full_name", _("tác giả bị lặp trong cùng sáng kiến"))
            raise RowRejected
        plan.new_authors.append(person.id)
        if plan.existing_id:
            result.text = _("Thêm tác giả cho sáng kiến %(label)s") % {"label": label}
        else:
            result.text = _("Sáng kiến %(label)s") % {"label": label}

    def initiative_plans(self) -> list[award_services.InitiativePlan]:
        return [p for p in self.plans.values() if p.new_authors]

    def creates(self) -> dict:
        plans = self.initiative_plans()
        return {"initiatives": sum(1 for p in plans if not p.existing_id), "authors": sum(len(p.new_authors) for p in plans)}

    def write(self) -> dict:
        return award_services.initiative_records_import(actor=self.actor, plans=self.initiative_plans(), batch=self.batch)
