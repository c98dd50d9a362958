"""``/api/v1/people/``: career records (employment, ratings, discipline, leave)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from thidua.accounts.permissions import access_person
from thidua.people import selectors, services
from thidua.people.models import AnnualRating
from thidua.rules import services as rules_services
from thidua.rules.selectors import ballots_of, confirmations_of
from thidua.years.lookup import school_year_by_label
from thidua.years.models import SchoolYear

from ..errors import responses
from ..refs import unit_ref
from ..schemas import (
    BallotIn,
    BallotOut,
    ConfirmationOut,
    ConfirmationsIn,
    DisciplineIn,
    DisciplineOut,
    EmploymentIn,
    EmploymentOut,
    EmploymentUpdateIn,
    LeaveIn,
    LeaveOut,
    PeopleFilters,
    PersonCreateIn,
    PersonDetailOut,
    PersonPage,
    PersonUpdateIn,
    RatingIn,
    RatingOut,
    TransferIn,
)

router = Router(tags=["people"])

WRITE_ERRORS = (400, 403, 404, 409, 422)


def _record(person):
    return selectors.person_record(person=person)


def _school_year(code: str) -> SchoolYear:
    """A school year named in the URL path: a resource address, so an unknown one is 404."""
    year = school_year_by_label(code)
    if year is None:
        raise Http404(_("Không tìm thấy năm học %(code)s.") % {"code": code})
    return year


@router.get("/", response=responses({200: PersonPage}, 400, 422), summary="Danh sách cá nhân")
def person_list(request, filters: Query[PeopleFilters]):
    unit = unit_ref(request.auth, filters.unit, field="unit")
    found = selectors.people_page(
        actor=request.auth,
        query=filters.q,
        unit=unit,
        current_only=filters.current_only,
        after=filters.after,
        offset=filters.offset,
        limit=filters.limit,
    )
    count = found.count
    if filters.total and count is None:  # asked for: the one full count
        count = selectors.people_list(actor=request.auth, query=filters.q, unit=unit, current_only=filters.current_only).count()
    return {"items": found.people, "count": count, "next": found.next}


@router.post("/", response=responses({201: PersonDetailOut}, 400, 403, 409, 422), summary="Thêm cá nhân")
def person_create(request, data: PersonCreateIn):
    unit = unit_ref(request.auth, data.unit, field="unit")
    person = services.person_create(actor=request.auth, unit=unit, **data.model_dump(exclude={"unit"}))
    return Status(201, _record(person))


@router.get("/{id}", response=responses({200: PersonDetailOut}, 404, 422), summary="Hồ sơ cá nhân")
def person_detail(request, id: int):
    return _record(access_person(request.auth, id))


@router.patch("/{id}", response=responses({200: PersonDetailOut}, *WRITE_ERRORS), summary="Sửa thông tin cá nhân")
def person_update(request, id: int, data: PersonUpdateIn):
    person = access_person(request.auth, id, write=True)
    return _record(services.person_update(actor=request.auth, person=person, **data.model_dump(exclude_unset=True)))


@router.post("/{id}/employments", response=responses({201: EmploymentOut}, *WRITE_ERRORS), summary="Thêm quá trình công tác")
def employment_add(request, id: int, data: EmploymentIn):
    person = access_person(request.auth, id, write=True)
    unit = unit_ref(request.auth, data.unit, field="unit")
    return Status(201, services.employment_add(actor=request.auth, person=person, unit=unit, **data.model_dump(exclude={"unit"})))


@router.patch("/{id}/employments/{eid}", response=responses({200: EmploymentOut}, *WRITE_ERRORS), summary="Sửa quá trình công tác")
def employment_update(request, id: int, eid: int, data: EmploymentUpdateIn):
    person = access_person(request.auth, id, write=True)
    employment = person.employments.select_related("unit", "person").filter(pk=eid).first()
    if employment is None:
        raise Http404(_("Không tìm thấy quá trình công tác."))
    # Only the keys the client sent: an absent end_date keeps the stored one, an explicit null reopens the row.
    return services.employment_update(actor=request.auth, employment=employment, **data.model_dump(exclude_unset=True))


@router.post("/{id}/transfer", response=responses({200: EmploymentOut}, *WRITE_ERRORS), summary="Chuyển công tác")
def person_transfer(request, id: int, data: TransferIn):
    person = access_person(request.auth, id, write=True)
    to_unit = unit_ref(request.auth, data.unit, field="unit")
    return services.person_transfer(
        actor=request.auth,
        person=person,
        to_unit=to_unit,
        effective_date=data.effective_date,
        staff_type=data.staff_type,
        position=data.position,
    )


@router.put("/{id}/ratings/{school_year_code}", response=responses({200: RatingOut}, *WRITE_ERRORS), summary="Ghi xếp loại năm học")
def rating_set(request, id: int, school_year_code: str, data: RatingIn):
    person = access_person(request.auth, id, write=True)
    year = _school_year(school_year_code)
    return services.rating_set(actor=request.auth, person=person, school_year=year, rating=data.rating, note=data.note)


@router.delete("/{id}/ratings/{school_year_code}", response=responses({204: None}, 403, 404, 409, 422), summary="Xoá xếp loại năm học")
def rating_delete(request, id: int, school_year_code: str):
    person = access_person(request.auth, id, write=True)
    rating = AnnualRating.objects.select_related("person", "school_year").filter(person=person, school_year__code=school_year_code).first()
    if rating is None:
        raise Http404(_("Chưa có xếp loại năm học %(code)s.") % {"code": school_year_code})
    services.rating_delete(actor=request.auth, rating=rating)
    return Status(204, None)


@router.post("/{id}/disciplines", response=responses({201: DisciplineOut}, *WRITE_ERRORS), summary="Thêm kỷ luật")
def discipline_add(request, id: int, data: DisciplineIn):
    person = access_person(request.auth, id, write=True)
    return Status(201, services.discipline_add(actor=request.auth, person=person, **data.model_dump()))


@router.post("/{id}/leaves", response=responses({201: LeaveOut}, *WRITE_ERRORS), summary="Thêm thời gian nghỉ")
def leave_add(request, id: int, data: LeaveIn):
    person = access_person(request.auth, id, write=True)
    return Status(201, services.leave_add(actor=request.auth, person=person, **data.model_dump()))


@router.get(
    "/{id}/confirmations/{school_year_code}",
    response=responses({200: list[ConfirmationOut]}, 404, 422),
    summary="Xác nhận tiêu chí định tính của một năm học",
)
def confirmation_list(request, id: int, school_year_code: str):
    person = access_person(request.auth, id)
    return confirmations_of(person=person, school_year=_school_year(school_year_code))


@router.put(
    "/{id}/confirmations/{school_year_code}",
    response=responses({200: list[ConfirmationOut]}, *WRITE_ERRORS),
    summary="Ghi, bỏ xác nhận tiêu chí định tính",
)
def confirmation_set(request, id: int, school_year_code: str, data: ConfirmationsIn):
    person = access_person(request.auth, id, write=True)
    year = _school_year(school_year_code)
    rules_services.confirmations_set(actor=request.auth, person=person, school_year=year, values=data.values, basis=data.basis)
    return confirmations_of(person=person, school_year=year)


@router.get(
    "/{id}/ballots/{school_year_code}",
    response=responses({200: list[BallotOut]}, 404, 422),
    summary="Kết quả bỏ phiếu kín của Hội đồng trong một năm học",
)
def ballot_list(request, id: int, school_year_code: str):
    person = access_person(request.auth, id)
    return ballots_of(person=person, school_year=_school_year(school_year_code))


@router.put(
    "/{id}/ballots/{school_year_code}/{code}",
    response=responses({200: BallotOut}, *WRITE_ERRORS),
    summary="Ghi kết quả bỏ phiếu kín của Hội đồng cho một danh hiệu",
)
def ballot_set(request, id: int, school_year_code: str, code: str, data: BallotIn):
    person = access_person(request.auth, id, write=True)
    year = _school_year(school_year_code)
    rules_services.ballot_tally_set(actor=request.auth, person=person, school_year=year, code=code, **data.model_dump())
    return next(b for b in ballots_of(person=person, school_year=year) if b["code"] == code)


@router.delete(
    "/{id}/ballots/{school_year_code}/{code}",
    response=responses({204: None}, *WRITE_ERRORS),
    summary="Bỏ kết quả bỏ phiếu kín đã nhập",
)
def ballot_withdraw(request, id: int, school_year_code: str, code: str):
    person = access_person(request.auth, id, write=True)
    rules_services.ballot_tally_withdraw(actor=request.auth, person=person, school_year=_school_year(school_year_code), code=code)
    return Status(204, None)
