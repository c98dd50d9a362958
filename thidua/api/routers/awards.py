"""``/api/v1/catalogue/``, ``/base-salaries/``, ``/decisions/``, ``/awards/`` and the ledgers.

Reads come from ``awards.selectors`` (scoped), single decisions and awards from ``awards.permissions``
(404 outside the read scope of the issuing unit), writes from ``awards.services``.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from thidua.accounts.permissions import access_person, access_unit
from thidua.awards import authority, lookup, selectors, services
from thidua.awards.models import AwardKind, BaseSalary, LegalRegime
from thidua.awards.permissions import access_award, access_decision
from thidua.awards.services import AwardSpec
from thidua.core.errors import DomainError
from thidua.org.models import UnitKind
from thidua.years.lookup import current_or_latest, resolve_school_year
from thidua.years.models import SchoolYear

from ..errors import responses
from ..paging import page
from ..refs import person_ref, unit_ref
from ..schemas_awards import (
    AmendmentIn,
    AwardFilters,
    AwardKindOut,
    AwardLineIn,
    AwardOut,
    AwardPage,
    BaseSalaryOut,
    CatalogueFilters,
    DecisionCreateIn,
    DecisionDetailOut,
    DecisionFilters,
    DecisionPage,
    LedgerFilters,
    RevokeIn,
    TimelineEntryOut,
    UnitLedgerOut,
)

catalogue_router = Router(tags=["catalogue"])
decisions_router = Router(tags=["decisions"])
awards_router = Router(tags=["awards"])
people_ledger_router = Router(tags=["ledger"])
units_ledger_router = Router(tags=["ledger"])
base_salary_router = Router(tags=["catalogue"])

WRITE_ERRORS = (400, 403, 404, 409, 422)


def _school_year(code: str | None, *, field: str) -> SchoolYear | None:
    return resolve_school_year(code, field=field)


def _specs(actor, lines: list[AwardLineIn], *, field: str) -> list[AwardSpec]:
    return [
        AwardSpec(
            kind_code=line.kind.strip(),
            person=person_ref(actor, line.person, field=f"{field}[{i}].person") if line.person is not None else None,
            unit=unit_ref(actor, line.unit, field=f"{field}[{i}].unit"),
            school_year=_school_year(line.school_year, field=f"{field}[{i}].school_year"),
            cash_amount=line.cash_amount,
            note=line.note,
        )
        for i, line in enumerate(lines)
    ]


def _with_granting_kinds(kinds: list[AwardKind]) -> list[AwardKind]:
    unit_kinds = list(UnitKind.objects.order_by("rank", "code").values_list("code", "legal_entity"))
    for k in kinds:
        k.granting_kinds = authority.issuer_kinds(k.code, unit_kinds, start=k.valid_from, end=k.valid_to)
    return kinds


def _detail(decision, actor):
    return selectors.decision_record(decision=decision, actor=actor)


# -- catalogue ------------------------------------------------------------------------------------------
@catalogue_router.get("/", response=responses({200: list[AwardKindOut]}, 400, 422), summary="Danh mục danh hiệu, hình thức khen thưởng")
def catalogue_list(request, filters: Query[CatalogueFilters]):
    regime = None
    if filters.regime:
        regime = LegalRegime.objects.filter(code=filters.regime).first()
        if regime is None:
            raise DomainError(_("Không có chế độ pháp lý “%(code)s”.") % {"code": filters.regime}, code="unknown_regime", field="regime")
    qs = selectors.catalogue(regime=regime, include_old_versions=filters.include_old_versions)
    if filters.subject:
        qs = qs.filter(subject=filters.subject)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.on:
        qs = [k for k in qs if k.covers(filters.on)]
    return _with_granting_kinds(list(qs))


@catalogue_router.get("/{id}", response=responses({200: AwardKindOut}, 404, 422), summary="Một mục của danh mục")
def catalogue_detail(request, id: int):
    kind = AwardKind.objects.select_related("regime").filter(pk=id).first()
    if kind is None:
        raise Http404(_("Không tìm thấy mục danh mục."))
    return _with_granting_kinds([kind])[0]


@base_salary_router.get("/", response=responses({200: list[BaseSalaryOut]}), summary="Mức lương cơ sở theo thời gian")
def base_salary_list(request):
    return BaseSalary.objects.order_by("effective_from")


# -- decisions ------------------------------------------------------------------------------------------
@decisions_router.get("/", response=responses({200: DecisionPage}, 400, 422), summary="Danh sách quyết định khen thưởng")
def decision_list(request, filters: Query[DecisionFilters]):
    actor = request.auth
    issuer = unit_ref(actor, filters.issuer, field="issuer")
    qs = selectors.decision_list(
        actor=actor,
        number=filters.number,
        school_year=_school_year(filters.school_year, field="school_year"),
        award_type=filters.award_type or "",
        status=filters.status or "",
    )
    if issuer is not None:
        qs = qs.filter(issuer=issuer)
    return page(qs, filters)


@decisions_router.post("/", response=responses({201: DecisionDetailOut}, 400, 403, 409, 422), summary="Ghi quyết định khen thưởng")
def decision_create(request, data: DecisionCreateIn):
    actor = request.auth
    issuer = unit_ref(actor, data.issuer, field="issuer")
    decision = services.decision_create(
        actor=actor,
        issuer=issuer,
        number=data.number,
        decision_date=data.decision_date,
        award_type=data.award_type,
        awards=_specs(actor, data.awards, field="awards"),
        period_start=data.period_start,
        period_end=data.period_end,
        school_year=_school_year(data.school_year, field="school_year"),
        signer_name=data.signer_name,
        signer_title=data.signer_title,
        title=data.title,
        movement=_movement(actor, data.movement),
    )
    return Status(201, _detail(decision, actor))


def _movement(actor, movement_id: int | None):
    """A movement named in a body: one the actor sees, else 400 ``unknown_movement``."""
    if movement_id is None:
        return None
    from thidua.movements.selectors import movements_visible

    movement = movements_visible(actor=actor).filter(pk=movement_id).first()
    if movement is None:
        raise DomainError(
            _("Không tìm thấy phong trào thi đua có mã số %(id)s.") % {"id": movement_id}, code="unknown_movement", field="movement"
        )
    return movement


@decisions_router.get("/{id}", response=responses({200: DecisionDetailOut}, 404, 422), summary="Chi tiết quyết định")
def decision_detail(request, id: int):
    return _detail(access_decision(request.auth, id), request.auth)


@decisions_router.post("/{id}/amendments", response=responses({201: DecisionDetailOut}, *WRITE_ERRORS), summary="Sửa đổi quyết định")
def decision_amend(request, id: int, data: AmendmentIn):
    actor = request.auth
    decision = access_decision(actor, id, write=True)
    header = data.header.model_dump(exclude_unset=True) if data.header else {}
    if "school_year" in header:
        header["school_year"] = _school_year(header["school_year"], field="header.school_year")
    by_id = {a.pk: a for a in decision.awards.filter(pk__in=data.remove_awards)}
    missing = [pk for pk in data.remove_awards if pk not in by_id]
    if missing:
        raise DomainError(
            _("Khen thưởng %(id)s không thuộc quyết định này.") % {"id": missing[0]}, code="invalid_award", field="remove_awards"
        )
    services.decision_amend(
        actor=actor,
        decision=decision,
        number=data.number,
        amendment_date=data.amendment_date,
        reason=data.reason,
        remove_awards=[by_id[pk] for pk in data.remove_awards],
        add_awards=_specs(actor, data.add_awards, field="add_awards"),
        header=header,
    )
    return Status(201, _detail(decision, actor))


@decisions_router.post("/{id}/revoke", response=responses({200: DecisionDetailOut}, *WRITE_ERRORS), summary="Hủy bỏ quyết định")
def decision_revoke(request, id: int, data: RevokeIn):
    decision = access_decision(request.auth, id, write=True)
    return _detail(services.decision_revoke(actor=request.auth, decision=decision, reason=data.reason), request.auth)


# -- awards ---------------------------------------------------------------------------------------------
@awards_router.get("/", response=responses({200: AwardPage}, 400, 422), summary="Tra cứu khen thưởng")
def award_list(request, filters: Query[AwardFilters]):
    actor = request.auth
    qs = selectors.award_search(
        actor=actor,
        person=person_ref(actor, filters.person, field="person") if filters.person is not None else None,
        unit=unit_ref(actor, filters.unit, field="unit"),
        kind_code=lookup.kind_code(filters.kind),
        school_year=_school_year(filters.school_year, field="school_year"),
        decision_number=filters.decision_number,
        query=filters.q,
        include_revoked=filters.include_revoked,
    )
    return page(qs, filters)


@awards_router.post("/{id}/revoke", response=responses({200: AwardOut}, *WRITE_ERRORS), summary="Thu hồi một khen thưởng")
def award_revoke(request, id: int, data: RevokeIn):
    award = access_award(request.auth, id, write=True)
    award = services.award_revoke(actor=request.auth, award=award, reason=data.reason)
    return selectors.award_search(actor=request.auth, include_revoked=True).get(pk=award.pk)


# -- ledgers --------------------------------------------------------------------------------------------
@people_ledger_router.get("/{id}/ledger", response=responses({200: list[TimelineEntryOut]}, 404, 422), summary="Sổ theo dõi của cá nhân")
def person_ledger(request, id: int):
    person = access_person(request.auth, id)
    return selectors.person_timeline(actor=request.auth, person=person)


@units_ledger_router.get("/{id}/ledger", response=responses({200: UnitLedgerOut}, 400, 404, 422), summary="Sổ theo dõi thi đua của đơn vị")
def unit_ledger(request, id: int, filters: Query[LedgerFilters]):
    unit = access_unit(request.auth, id)
    if filters.start_year:
        start = _school_year(filters.start_year, field="start_year").start_date.year
    else:
        current = current_or_latest()
        start = current.start_date.year - filters.years + 1
    return selectors.ledger_book(actor=request.auth, unit=unit, start_year=start, years=filters.years)
