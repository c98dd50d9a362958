"""``/api/v1/review-rounds/`` and ``/api/v1/nomination-lines/``: one endpoint per service, scoped like the pages.

Rounds come from ``nominations.permissions.access_round`` (404 unseen, 403 without write scope on the round's
unit); lines from ``access_line`` (the person proposed reads and comments on her own line).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from thidua.awards.lookup import resolve_kind
from thidua.core.errors import DomainError
from thidua.movements.selectors import movements_visible
from thidua.nominations import agenda, basis, routing, selectors, services
from thidua.nominations.permissions import access_line, access_round
from thidua.years.lookup import resolve_school_year

from ..errors import responses
from ..paging import page
from ..refs import person_ref, unit_ref
from ..schemas_councils import ItemOut
from ..schemas_nominations import (
    AgendaIn,
    CommentIn,
    CommentOut,
    LineDetailOut,
    LineIn,
    LineOut,
    NoteIn,
    PicksIn,
    ReasonIn,
    RoundCreateIn,
    RoundDetailOut,
    RoundFilters,
    RoundOut,
    RoundPage,
    SuggestionOut,
)

rounds_router = Router(tags=["nominations"])
lines_router = Router(tags=["nominations"])
WRITE_ERRORS = (400, 403, 404, 409, 422)


def _detail(round_):
    round_.checks = selectors.round_checks(round_=round_)
    return round_


@rounds_router.get("/", response=responses({200: RoundPage}, 400, 422), summary="Danh sách đợt bình xét")
def review_round_list(request, filters: Query[RoundFilters]):
    qs = selectors.round_list(
        actor=request.auth, school_year=resolve_school_year(filters.school_year, field="school_year"), status=filters.status or ""
    )
    return page(qs, filters)


@rounds_router.post("/", response=responses({201: RoundOut}, 400, 403, 409, 422), summary="Lập đợt bình xét")
def review_round_create(request, data: RoundCreateIn):
    actor = request.auth
    unit = unit_ref(actor, data.unit, field="unit")
    movement = None
    if data.movement is not None:
        movement = movements_visible(actor=actor).filter(pk=data.movement).select_related("launcher").first()
        if movement is None:
            raise DomainError(_("Không tìm thấy phong trào thi đua có mã số %(id)s.") % {"id": data.movement}, code="unknown_movement",
                              field="movement")  # fmt: skip
    year = resolve_school_year(data.school_year, field="school_year")
    round_ = services.round_create(actor=actor, unit=unit, school_year=year, kind=data.kind, name=data.name, movement=movement)
    return Status(201, round_)


@rounds_router.get("/{id}", response=responses({200: RoundDetailOut}, 404, 422), summary="Chi tiết đợt bình xét")
def review_round_detail(request, id: int):
    return _detail(access_round(request.auth, id))


@rounds_router.post("/{id}/open", response=responses({200: RoundOut}, *WRITE_ERRORS), summary="Mở đợt bình xét")
def review_round_open(request, id: int, data: NoteIn):
    return services.round_open(actor=request.auth, round_=access_round(request.auth, id, write=True), note=data.note)


@rounds_router.post("/{id}/close", response=responses({200: RoundOut}, *WRITE_ERRORS), summary="Kết thúc đợt bình xét")
def review_round_close(request, id: int, data: NoteIn):
    return services.round_close(actor=request.auth, round_=access_round(request.auth, id, write=True), note=data.note)


@rounds_router.post("/{id}/cancel", response=responses({200: RoundOut}, *WRITE_ERRORS), summary="Hủy đợt bình xét")
def review_round_cancel(request, id: int, data: ReasonIn):
    return services.round_cancel(actor=request.auth, round_=access_round(request.auth, id, write=True), reason=data.reason)


@rounds_router.get("/{id}/lines", response=responses({200: list[LineOut]}, 404, 422), summary="Danh sách đề nghị của đợt")
def review_round_lines(request, id: int):
    return list(selectors.round_lines(round_=access_round(request.auth, id)).select_related("school_year"))


@rounds_router.get("/{id}/suggestions", response=responses({200: list[SuggestionOut]}, 404, 422), summary="Gợi ý đề nghị")
def review_round_suggestions(request, id: int):
    return selectors.suggestions(round_=access_round(request.auth, id))


@rounds_router.post("/{id}/lines", response=responses({201: LineOut}, *WRITE_ERRORS), summary="Bổ sung đề nghị (ghi lý do)")
def nomination_line_add(request, id: int, data: LineIn):
    actor = request.auth
    round_ = access_round(actor, id, write=True)
    if (data.person is None) == (data.unit is None):
        raise DomainError(_("Chọn một cá nhân hoặc một tập thể."), code="subject_required", field="person")
    person = person_ref(actor, data.person, field="person") if data.person is not None else None
    unit = unit_ref(actor, data.unit, field="unit")
    kind = resolve_kind(data.kind_code, basis.round_day(round_.school_year), field="kind_code")
    line = services.line_add(actor=actor, round_=round_, person=person, unit=unit, kind_code=kind.code, reason=data.reason,
                             justification=data.justification)  # fmt: skip
    return Status(201, line)


@rounds_router.post(
    "/{id}/lines/from-suggestions", response=responses({201: list[LineOut]}, *WRITE_ERRORS), summary="Lập đề nghị theo gợi ý"
)
def nomination_lines_from_suggestions(request, id: int, data: PicksIn):
    round_ = access_round(request.auth, id, write=True)
    return Status(201, services.lines_from_suggestions(actor=request.auth, round_=round_, keys=data.picks))


@rounds_router.post(
    "/{id}/lines/from-registrations",
    response=responses({201: list[LineOut]}, *WRITE_ERRORS),
    summary="Thêm từ đăng ký thi đua (các đăng ký đã duyệt của đơn vị trong năm học)",
)
def nomination_lines_from_registrations(request, id: int, data: NoteIn):
    round_ = access_round(request.auth, id, write=True)
    lines, _skipped = services.lines_from_approved_registrations(actor=request.auth, round_=round_)
    return Status(201, lines)


@rounds_router.post("/{id}/agenda", response=responses({201: list[ItemOut]}, *WRITE_ERRORS), summary="Đưa đề nghị ra Hội đồng")
def review_round_agenda(request, id: int, data: AgendaIn):
    round_ = access_round(request.auth, id, write=True)
    session = agenda.sessions_for(round_).filter(pk=data.session).first()
    if session is None:
        raise DomainError(_("Không tìm thấy phiên họp đang chờ của Hội đồng đơn vị có mã số %(id)s.") % {"id": data.session},
                          code="unknown_session", field="session")  # fmt: skip
    lines = None
    if data.lines is not None:
        lines = list(round_.lines.filter(pk__in=data.lines))
        if len(lines) != len(set(data.lines)):
            raise DomainError(_("Đề nghị không thuộc đợt bình xét này."), code="line_of_another_round", field="lines")
    items = agenda.lines_to_agenda(actor=request.auth, round_=round_, session=session, lines=lines, note=data.note)
    return Status(201, items)


@lines_router.get("/{id}", response=responses({200: LineDetailOut}, 404, 422), summary="Chi tiết đề nghị")
def nomination_line_detail(request, id: int):
    line = access_line(request.auth, id)
    route = routing.route_for(
        kind_code=line.kind_code, day=timezone.localdate(), person=line.person, unit=line.unit, movement=line.round.movement
    )
    line.route = route.as_dict()
    return line


@lines_router.post("/{id}/withdraw", response=responses({200: LineOut}, *WRITE_ERRORS), summary="Rút đề nghị (ghi lý do)")
def nomination_line_withdraw(request, id: int, data: ReasonIn):
    return services.line_withdraw(actor=request.auth, line=access_line(request.auth, id, write=True), reason=data.reason)


@lines_router.post("/{id}/comments", response=responses({201: CommentOut}, *WRITE_ERRORS), summary="Góp ý về đề nghị")
def nomination_line_comment(request, id: int, data: CommentIn):
    line = access_line(request.auth, id, comment=True)
    return Status(201, services.line_comment(actor=request.auth, line=line, text=data.text))
