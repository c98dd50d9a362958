"""The awards sheet: one row per award, grouped into decisions by (issuer, number, date). Each row passes
the checks of ``awards.services.decision_create`` (``awards.checks``), over the maps loaded once; the
commit writes through ``awards.services.decisions_import``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from thidua.awards import checks, lookup
from thidua.awards import services as award_services
from thidua.awards.models import Award, BaseSalary, Decision, LegalRegime
from thidua.awards.money import cash_amount
from thidua.core.errors import DomainError
from thidua.core.vietnamese import clean_text
from thidua.years.models import SchoolYear

from .. import cells
from ..models import ImportKind
from .base import Importer, RowRejected, RowResult, UnitInfo, _d, _money, chunks

# Where a rule of the decision service names a field, the column of the sheet that holds it.
HEADER_COLUMNS = {
    "number": "number",
    "decision_date": "decision_date",
    "period_end": "period_end",
    "award_type": "award_type",
    "school_year": "school_year",
}


@dataclass
class DecisionRows:
    """The rows of one decision of the file, as they are checked."""

    issuer: UnitInfo
    plan: award_services.DecisionPlan
    first_row: int
    existing: dict | None = None
    keys: dict[tuple, int] = field(default_factory=dict)  # (kind code, person, unit) -> row


class AwardsImporter(Importer):
    kind = ImportKind.AWARDS

    def load(self) -> None:
        super().load()
        self.load_placements()
        self.kinds = lookup.kind_index()
        self.regimes = list(LegalRegime.objects.order_by("effective_from"))
        self.salaries = list(BaseSalary.objects.order_by("-effective_from"))
        self.plans: dict[tuple, DecisionRows] = {}
        self.existing: dict[tuple, dict] = {}
        self.existing_awards: dict[int, set[tuple]] = defaultdict(set)

    def prepare(self, rows: list[tuple[int, dict]]) -> None:
        """Load the decisions the file names (by number) and their awards, for idempotency."""
        numbers = sorted({clean_text(cells.text(v.get("number"))) for _, v in rows} - {""})
        for chunk in chunks(numbers):
            for d in Decision.objects.filter(number__in=chunk).values(
                "pk", "issuer_id", "number", "decision_date", "import_batch_id", "status", "award_type", "period_start", "period_end"
            ):
                self.existing[(d["issuer_id"], d["number"], d["decision_date"])] = d
        ids = [d["pk"] for d in self.existing.values()]
        for chunk in chunks(ids):
            for decision_id, code, person_id, unit_id in Award.objects.filter(decision_id__in=chunk).values_list(
                "decision_id", "kind__code", "person_id", "unit_id"
            ):
                self.existing_awards[decision_id].add((code, person_id, unit_id))

    def regime_on(self, day: dt.date) -> LegalRegime | None:
        return next((r for r in self.regimes if r.covers(day)), None)

    def salary_on(self, day: dt.date) -> BaseSalary | None:
        return next((s for s in self.salaries if s.effective_from <= day), None)

    def year_of(self, day: dt.date) -> SchoolYear | None:
        return next((y for y in self.years.values() if y.start_date <= day <= y.end_date), None)

    def paths_on(self, unit_id: int, path: str, day: dt.date) -> set[str]:
        return checks.paths_on(path, self.placements.get(unit_id, ()), day)

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
        if result.errors:
            raise RowRejected
        # The decision's header (awards.services._check_header).
        try:
            checks.header(
                number=number,
                decision_date=day,
                period_start=start,
                period_end=end,
                award_type_value=award_type,
                year_code=year.code if year else None,
                year_start=year.start_date if year else None,
                today=self.today,
            )
        except DomainError as exc:
            self.refuse(exc, HEADER_COLUMNS)
        regime = self.regime_on(day)
        if regime is None:
            self.error("decision_date", _("Không có chế độ pháp lý nào áp dụng cho ngày %(day)s.") % {"day": _d(day)})
        kind = self.kinds.on(kind_text, day)
        if kind is None:
            self.refuse(checks.unknown_kind(kind_text, day, field="kind"))
        if result.errors:
            raise RowRejected
        # Recipient: a person or a collective, not both.
        has_person = any(cells.text(values.get(k)) for k in ("full_name", "national_id"))
        try:
            checks.one_recipient(has_person=has_person, has_unit=bool(collective), field="collective_code" if collective else "full_name")
        except DomainError as exc:
            self.refuse(exc)
            raise RowRejected from None
        person = self.find_person(values) if has_person else None
        unit = self.unit_in_root(collective, "collective_code") if collective else None
        if result.errors or (person is None and unit is None):
            raise RowRejected
        self._check_award(kind, issuer, person, unit, day, end, year)
        salary = self.salary_on(day)
        computed = cash_amount(kind.coefficient, salary.amount) if kind.coefficient is not None and salary is not None else None
        try:
            amount = checks.cash(
                given=amount,
                computed=computed,
                coefficient=kind.coefficient,
                base_amount=salary.amount if salary else None,
                field="cash_amount",
            )
        except DomainError as exc:
            self.refuse(exc)
        if result.errors:
            raise RowRejected
        job = self.employment_on(person, min(end or day, day)) if person is not None else None
        year = year or self.year_of(end or day)
        who = person.full_name if person else unit.name
        award_key = (kind.code, person.id if person else None, unit.id if unit else None)
        rows = self._decision(result, issuer, number, day, award_type, start, end, regime)
        label = _("%(kind)s – %(who)s (QĐ %(number)s ngày %(day)s, %(issuer)s)") % {
            "kind": kind.name,
            "who": who,
            "number": number,
            "day": _d(day),
            "issuer": issuer.name,
        }
        if rows.plan.existing_id:
            if award_key in self.existing_awards[rows.plan.existing_id]:
                result.status, result.text = "exists", _("Đã có: %(label)s") % {"label": label}
                return
            self._check_addable(rows, number, day, award_type, start, end)
        twin = rows.keys.get(award_key)
        if twin:
            self.error(
                None,
                _("trùng với dòng %(row)d: %(who)s đã có “%(kind)s” trong quyết định này") % {"row": twin, "who": who, "kind": kind.name},
            )
            raise RowRejected
        rows.keys[award_key] = result.row
        rows.plan.awards.append(
            award_services.AwardPlan(
                kind=kind,
                person_id=person.id if person else None,
                unit_id=unit.id if unit else None,
                recipient_unit_id=job[2] if job else unit.id,
                school_year=year,
                base_salary=salary.amount if salary else None,
                cash_amount=amount,
                note=clean_text(note),
            )
        )
        result.text = label + (_(", %(amount)s đồng") % {"amount": _money(amount)} if amount else "")

    def _check_award(self, kind, issuer: UnitInfo, person, unit, day: dt.date, end: dt.date | None, year) -> None:
        """The checks of ``awards.services._build_award``, in its order."""
        try:
            checks.subject_fits(subject=kind.subject, kind_name=kind.name, to_person=person is not None, field="kind")
        except DomainError as exc:
            self.refuse(exc)
        try:
            checks.issuer_may_grant(
                issuer_name=issuer.name,
                issuer_kind_code=issuer.kind_code,
                issuer_kind_name=issuer.kind_name,
                legal_entity=issuer.kind_legal_entity,
                kind_code=kind.code,
                kind_name=kind.name,
                day=day,
                field="issuer_code",
            )
        except DomainError as exc:
            self.refuse(exc)
        if person is not None:
            job = self.employment_on(person, min(end or day, day))
            recipient_paths = self.paths_on(job[2], job[3], day) if job else None
        else:
            recipient_paths = self.paths_on(unit.id, unit.path, day)
        try:
            checks.recipient_within_issuer(
                recipient_name=person.full_name if person else unit.name,
                issuer_name=issuer.name,
                recipient_paths=recipient_paths,
                issuer_paths=self.paths_on(issuer.id, issuer.path, day),
                person=person is not None,
                field=None if person is not None else "collective_code",
            )
        except DomainError as exc:
            self.refuse(exc)

    def _decision(self, result, issuer, number, day, award_type, start, end, regime) -> DecisionRows:
        key = (issuer.id, number, day)
        rows = self.plans.get(key)
        if rows is None:
            plan = award_services.DecisionPlan(
                issuer_id=issuer.id,
                number=number,
                decision_date=day,
                award_type=award_type,
                period_start=start,
                period_end=end,
                regime_id=regime.pk,
            )
            rows = self.plans[key] = DecisionRows(issuer, plan, result.row)
            existing = self.existing.get(key)
            if existing:
                plan.existing_id, rows.existing = existing["pk"], existing
        elif (rows.plan.award_type, rows.plan.period_start, rows.plan.period_end) != (award_type, start, end):
            self.error(
                None,
                _("loại hình hoặc thời gian lập thành tích khác với dòng %(row)d của cùng quyết định %(number)s")
                % {"row": rows.first_row, "number": number},
            )
            raise RowRejected
        return rows

    def _check_addable(self, rows: DecisionRows, number, day, award_type, start, end) -> None:
        """Awards are added to a decision already recorded only if an import wrote it (else: amend it)."""
        existing = rows.existing
        if existing["import_batch_id"] is None or existing["status"] != Decision.Status.IN_FORCE:
            self.error(
                "number",
                _("quyết định %(number)s ngày %(day)s đã có trong hệ thống mà không có khen thưởng này; hãy sửa bằng quyết định sửa đổi")
                % {"number": number, "day": _d(day)},
            )
            raise RowRejected
        if (existing["award_type"], existing["period_start"], existing["period_end"]) != (award_type, start, end):
            self.error(None, _("loại hình hoặc thời gian lập thành tích khác với quyết định %(number)s đã có") % {"number": number})
            raise RowRejected

    def decision_plans(self) -> list[award_services.DecisionPlan]:
        return [r.plan for r in self.plans.values() if r.plan.awards]

    def creates(self) -> dict:
        new = self.decision_plans()
        return {"decisions": sum(1 for p in new if not p.existing_id), "awards": sum(len(p.awards) for p in new)}

    def write(self) -> dict:
        return award_services.decisions_import(actor=self.actor, plans=self.decision_plans(), batch=self.batch)
