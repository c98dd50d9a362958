"""Reads of the catalogue, decisions and the achievement ledger, scoped to the actor.

Ledger visibility (decided, see docs/architecture.md "The ledger"): whoever may see a person sees the
person's *whole* timeline — awards, ratings, initiatives and discipline from every unit they worked in —
because checking a career record across schools is the ledger's purpose. What stays with the issuing
side is the decision itself: the signed scan and the other recipients of a decision are shown only to
actors who can see the decision's issuing unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.core.errors import DomainError
from thidua.core.vietnamese import fold
from thidua.org.models import OrgUnit
from thidua.people.models import Person

from .models import Award, AwardKind, BaseSalary, Decision, InitiativeRecord, LegalRegime


def regime_on(day: dt.date) -> LegalRegime:
    regime = LegalRegime.objects.filter(effective_from__lte=day).filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day)).first()
    if regime is None:
        raise DomainError(
            _("Không có chế độ pháp lý nào áp dụng cho ngày %(day)s.") % {"day": f"{day:%d/%m/%Y}"}, code="no_regime", field="decision_date"
        )
    return regime


def base_salary_on(day: dt.date) -> BaseSalary | None:
    return BaseSalary.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


def kind_on(code: str, day: dt.date) -> AwardKind | None:
    """The current version of a catalogue entry in the regime in force on ``day``."""
    return (
        AwardKind.objects.filter(code=code, is_current=True, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("regime")
        .first()
    )


def kind_by_name(text: str, day: dt.date) -> AwardKind | None:
    """Match a title written in full, abbreviated, with or without diacritics ("LĐTT", "lao dong tien tien")."""
    wanted = fold(text).replace(".", "").strip()
    if not wanted:
        return None
    candidates = AwardKind.objects.filter(is_current=True, valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    for kind in candidates:
        names = [kind.code, kind.name, kind.abbreviation, *kind.aliases]
        if any(fold(n).replace(".", "") == wanted for n in names if n):
            return kind
    return None


def catalogue(*, regime: LegalRegime | None = None, include_old_versions: bool = False) -> QuerySet[AwardKind]:
    qs = AwardKind.objects.select_related("regime")
    if regime is not None:
        qs = qs.filter(regime=regime)
    if not include_old_versions:
        qs = qs.filter(is_current=True)
    return qs.order_by("regime__effective_from", "subject", "rank", "code")


def decisions_visible(*, actor) -> QuerySet[Decision]:
    """Decisions issued by units the actor can see."""
    return Decision.objects.filter(scope_for(actor).units_q("issuer__")).select_related("issuer", "regime", "school_year")


def award_search(
    *,
    actor,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    kind_code: str = "",
    school_year=None,
    decision_number: str = "",
    query: str = "",
    include_revoked: bool = False,
) -> QuerySet[Award]:
    """Awards the actor may see: of people they may see, or to units (collectives) they may see."""
    scope = scope_for(actor)
    people = Person.objects.filter(scope.people_q()).values("pk")
    qs = Award.objects.filter(Q(person__in=people) | Q(scope.units_q("unit__"), unit__isnull=False))
    if not include_revoked:
        qs = qs.filter(revoked=False, decision__status=Decision.Status.IN_FORCE)
    if person is not None:
        qs = qs.filter(person=person)
    if unit is not None:
        qs = qs.filter(Q(recipient_unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path))
    if kind_code:
        qs = qs.filter(kind__code=kind_code)
    if school_year is not None:
        qs = qs.filter(school_year=school_year)
    if decision_number:
        qs = qs.filter(decision__number__icontains=decision_number.strip())
    for term in fold(query).split():
        qs = qs.filter(Q(person__name_folded__contains=term) | Q(unit__name_folded__contains=term))
    return qs.select_related("kind", "decision", "decision__issuer", "person", "unit", "recipient_unit", "school_year").order_by(
        "-decision__decision_date", "id"
    )


@dataclass
class TimelineEntry:
    """One line of a ledger timeline, whatever its source."""

    day: dt.date | None
    school_year: str
    kind: str  # "award", "rating", "initiative", "discipline", "employment"
    label: str
    detail: str = ""
    unit: str = ""
    obj: object = None
    extra: dict = field(default_factory=dict)


def person_timeline(*, actor, person: Person) -> list[TimelineEntry]:
    """One timeline of a person's awards, ratings, initiatives, discipline and employment (already access-checked)."""
    entries: list[TimelineEntry] = []
    awards = (
        Award.objects.filter(person=person)
        .select_related("kind", "decision", "decision__issuer", "school_year", "recipient_unit")
        .order_by("decision__decision_date")
    )
    for a in awards:
        status = " (đã thu hồi)" if a.revoked or a.decision.status == Decision.Status.REVOKED else ""
        entries.append(
            TimelineEntry(
                day=a.decision.decision_date,
                school_year=a.school_year.code if a.school_year else "",
                kind="award",
                label=a.kind.name + status,
                detail=f"QĐ {a.decision.number} ngày {a.decision.decision_date:%d/%m/%Y} – {a.decision.issuer.name}",
                unit=a.recipient_unit.name if a.recipient_unit else "",
                obj=a,
            )
        )
    for r in person.ratings.select_related("school_year", "unit"):
        entries.append(
            TimelineEntry(
                day=r.school_year.end_date,
                school_year=r.school_year.code,
                kind="rating",
                label=r.get_rating_display(),
                unit=r.unit.name if r.unit else "",
                obj=r,
            )
        )
    for i in InitiativeRecord.objects.filter(authors=person).select_related("school_year", "unit"):
        entries.append(
            TimelineEntry(
                day=i.decision_date or i.school_year.end_date, school_year=i.school_year.code, kind="initiative", label=i.title,
                detail=f"{i.get_scope_display()}" + (f" – QĐ {i.decision_number}" if i.decision_number else ""), unit=i.unit.name, obj=i,
            )
        )  # fmt: skip
    for d in person.disciplines.all():
        entries.append(
            TimelineEntry(day=d.start_date, school_year="", kind="discipline", label=d.get_form_display(), detail=d.decision_number, obj=d)
        )
    for e in person.employments.select_related("unit"):
        entries.append(
            TimelineEntry(
                day=e.start_date, school_year="", kind="employment", label=e.position or e.get_staff_type_display(), unit=e.unit.name, obj=e
            )
        )
    entries.sort(key=lambda x: (x.day or dt.date.min, x.kind), reverse=True)
    return entries
