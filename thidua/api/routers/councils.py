"""``/api/v1/councils/``: the council, its members, sessions, attendance, ``open``, items, ``ballot``, the chair's
confirmation of written votes and ``tally``; one endpoint per service, scoped like the pages
(``councils.permissions``). Files (the founding decision, written votes' scans, paper counts) are uploaded on the pages.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from thidua.core.errors import DomainError
from thidua.councils import ballots, selectors, services
from thidua.councils.models import BallotItem
from thidua.councils.permissions import access_council, access_item, access_session, access_written_vote
from thidua.documents import council_selectors, registry
from thidua.documents.views import file_response
from thidua.people.models import Person
from thidua.years.lookup import resolve_school_year

from ..errors import responses
from ..paging import page
from ..schemas_councils import (
    AttendanceIn,
    BallotIn,
    CastOut,
    CouncilDetailOut,
    CouncilFilters,
    CouncilPage,
    EmptyIn,
    ItemIn,
    ItemOut,
    MemberIn,
    MemberOut,
    SessionIn,
    SessionOut,
)

router = Router(tags=["councils"])
WRITE_ERRORS = (400, 403, 404, 409, 422)


def _person(actor, pk: int, field: str) -> Person:
    from thidua.accounts.scope import scope_for

    person = Person.objects.filter(scope_for(actor).people_q(), pk=pk).first()
    if person is None:
        raise DomainError(_("Không tìm thấy cá nhân có mã số %(id)s.") % {"id": pk}, code="unknown_person", field=field)
    return person


@router.get("/", response=responses({200: CouncilPage}, 400, 422), summary="Danh sách Hội đồng Thi đua – Khen thưởng")
def council_list(request, filters: Query[CouncilFilters]):
    year = resolve_school_year(filters.school_year, field="school_year") if filters.school_year else None
    return page(selectors.council_list(actor=request.auth, school_year=year), filters)


@router.get("/{id}", response=responses({200: CouncilDetailOut}, 404, 422), summary="Hội đồng và thành viên")
def council_detail(request, id: int):
    return access_council(request.auth, id)


@router.post("/{id}/members", response=responses({201: MemberOut}, *WRITE_ERRORS), summary="Thêm thành viên Hội đồng")
def member_add(request, id: int, data: MemberIn):
    council = access_council(request.auth, id, write=True)
    person = _person(request.auth, data.person, "person")
    member = services.member_add(actor=request.auth, council=council, person=person, role=data.role, votes=data.votes,
                                 amending_decision=data.amending_decision)  # fmt: skip
    return Status(201, member)


@router.post("/{id}/activate", response=responses({200: CouncilDetailOut}, *WRITE_ERRORS), summary="Đưa Hội đồng vào hoạt động")
def council_activate(request, id: int, data: EmptyIn):
    return services.council_activate(actor=request.auth, council=access_council(request.auth, id, write=True))


@router.post("/{id}/sessions", response=responses({201: SessionOut}, *WRITE_ERRORS), summary="Lên lịch phiên họp")
def session_create(request, id: int, data: SessionIn):
    council = access_council(request.auth, id, write=True)
    return Status(201, services.session_create(actor=request.auth, council=council, held_on=data.held_on, place=data.place, mode=data.mode))


@router.get("/sessions/{id}", response=responses({200: SessionOut}, 404, 422), summary="Phiên họp, nội dung và kết quả")
def session_detail(request, id: int):
    return access_session(request.auth, id)


@router.post("/sessions/{id}/attendance", response=responses({200: SessionOut}, *WRITE_ERRORS), summary="Điểm danh một thành viên")
def attendance_set(request, id: int, data: AttendanceIn):
    session = access_session(request.auth, id, secretary=True)
    member = session.council.members.filter(pk=data.member).first()
    if member is None:
        raise DomainError(_("Không phải thành viên Hội đồng này."), code="not_a_member", field="member")
    services.attendance_set(actor=request.auth, session=session, member=member, status=data.status, reason=data.reason)
    return session


@router.post(
    "/sessions/{id}/open",
    response=responses({200: SessionOut}, *WRITE_ERRORS),
    summary="Khai mạc phiên họp (kiểm tra số thành viên có mặt)",
)
def session_open(request, id: int, data: EmptyIn):
    return services.session_open(actor=request.auth, session=access_session(request.auth, id, write=True))


@router.post("/sessions/{id}/items", response=responses({201: ItemOut}, *WRITE_ERRORS), summary="Thêm nội dung bỏ phiếu")
def item_add(request, id: int, data: ItemIn):
    session = access_session(request.auth, id, write=True)
    person = _person(request.auth, data.person, "person")
    supersedes = None
    if data.supersedes is not None:
        supersedes = BallotItem.objects.filter(session__council=session.council, pk=data.supersedes).first()
        if supersedes is None:
            raise DomainError(_("Không tìm thấy nội dung cần bỏ phiếu lại."), code="unknown_item", field="supersedes")
    item = services.item_add(actor=request.auth, session=session, kind_code=data.kind_code, person=person, lower_codes=data.lower_codes,
                             label=data.label, supersedes=supersedes, reason=data.reason)  # fmt: skip
    return Status(201, item)


@router.post("/items/{id}/ballot", response=responses({200: CastOut}, *WRITE_ERRORS), summary="Bỏ phiếu kín (thành viên, một lần)")
def ballot_cast(request, id: int, data: BallotIn):
    item = access_item(request.auth, id)
    ballots.ballot_cast(actor=request.auth, item=item, choice=data.choice)
    return {"item": item.pk, "voted": item.receipts.count()}


@router.post(
    "/written-votes/{id}/confirm", response=responses({200: SessionOut}, *WRITE_ERRORS), summary="Chủ tịch xác nhận ý kiến bằng văn bản"
)
def written_vote_confirm(request, id: int, data: EmptyIn):
    vote = access_written_vote(request.auth, id, chair=True)
    ballots.written_vote_confirm(actor=request.auth, vote=vote)
    return vote.session


@router.post("/items/{id}/tally", response=responses({200: ItemOut}, *WRITE_ERRORS), summary="Kiểm phiếu")
def item_tally(request, id: int, data: EmptyIn):
    item = access_item(request.auth, id, write=True)
    ballots.item_tally(actor=request.auth, item=item)
    item.refresh_from_db()
    return item


# -- the council's papers: GET /sessions/{id}/documents/{kind}.docx|.pdf (rendered on demand, nothing written) ------
PAPER_SUMMARIES = {"ballot_paper": "Phiếu bầu", "minutes": "Biên bản họp Hội đồng", "vote_count": "Biên bản kiểm phiếu"}


def _paper_endpoint(kind: str, fmt: str):
    def endpoint(request, id: int):
        session, data = council_selectors.session_document(actor=request.auth, session_id=id, kind=kind)
        return file_response(registry.render(kind, data, fmt), fmt, f"{council_selectors.NAMES[kind]}-{session.pk}")

    what = "Tệp .docx theo thể thức Nghị định 30/2020/NĐ-CP, sửa được." if fmt == "docx" else "Tệp PDF khổ A4."
    content = {registry.CONTENT_TYPES[fmt]: {"schema": {"type": "string", "format": "binary"}}}
    router.get(
        f"/sessions/{{id}}/documents/{kind}.{fmt}",
        response=responses({200: None}, 404, 422),
        summary=f"{PAPER_SUMMARIES[kind]} ({'Word' if fmt == 'docx' else 'PDF'})",
        operation_id=f"council_session_{kind}_{fmt}",
        openapi_extra={"responses": {"200": {"description": what, "content": content}}},
    )(endpoint)


for _kind in council_selectors.KINDS:
    for _fmt in ("docx", "pdf"):
        _paper_endpoint(_kind, _fmt)
