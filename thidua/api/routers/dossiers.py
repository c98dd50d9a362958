"""``/api/v1/dossiers/``: one endpoint per service, scoped like the pages.

A dossier comes from ``dossiers.permissions.access_dossier`` (404 unless the caller reads its sending or receiving
unit; 403 without write scope on the side the step belongs to). The receiver of a new dossier is named among the
units the round's lines go through (``services.receivers_for``), so a school names the commune it cannot read.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from thidua.core.errors import DomainError
from thidua.dossiers import selectors, services
from thidua.dossiers.models import DossierLine
from thidua.dossiers.permissions import access_dossier
from thidua.nominations.models import NominationLine
from thidua.nominations.permissions import access_round
from thidua.org.models import OrgUnit

from ..errors import responses
from ..paging import page
from ..schemas_dossiers import (
    AnswerIn,
    DecideIn,
    DossierCreateIn,
    DossierDetailOut,
    DossierFilters,
    DossierLineOut,
    DossierOut,
    DossierPage,
    LineCheckIn,
    NoteIn,
)

router = Router(tags=["dossiers"])
WRITE_ERRORS = (400, 403, 404, 409, 422)


def _detail(actor, dossier):
    reviews = selectors.line_reviews(actor=actor, dossier=dossier)
    dossier.lines_out = []
    for r in reviews:
        r.dline.current_verdict = r.current_verdict
        dossier.lines_out.append(r.dline)
    return dossier


@router.get("/", response=responses({200: DossierPage}, 400, 422), summary="Danh sách hồ sơ đề nghị khen thưởng")
def dossier_list(request, filters: Query[DossierFilters]):
    if filters.overdue:
        qs = selectors.overdue(actor=request.auth)
        if filters.status:
            qs = qs.filter(status=filters.status)
        if filters.round:
            qs = qs.filter(round_id=filters.round)
    else:
        qs = selectors.dossier_list(actor=request.auth, status=filters.status or "", round_id=filters.round)
    return page(qs, filters)


@router.get("/queue", response=responses({200: list[DossierOut]}, 422), summary="Hồ sơ gửi đến đơn vị (quá hạn trước)")
def dossier_queue(request):
    return list(selectors.queue(actor=request.auth)[:500])


@router.post("/", response=responses({201: DossierOut}, *WRITE_ERRORS), summary="Lập hồ sơ đề nghị")
def dossier_create(request, data: DossierCreateIn):
    actor = request.auth
    try:
        round_ = access_round(actor, data.round, write=True)
    except Http404:
        raise DomainError(
            _("Không tìm thấy đợt bình xét có mã số %(id)s.") % {"id": data.round}, code="unknown_round", field="round"
        ) from None
    found = services.receivers_for(round_)
    receiver = OrgUnit.objects.filter(pk=data.receiver).first() if data.receiver in found else None
    if receiver is None:
        raise DomainError(_("Đơn vị này không nhận hồ sơ của đợt bình xét: không có đề nghị nào thuộc thẩm quyền của đơn vị đó."),
                          code="unknown_receiver", field="receiver")  # fmt: skip
    lines = None
    if data.lines is not None:
        lines = list(NominationLine.objects.filter(round=round_, pk__in=data.lines).select_related("person", "unit", "round__movement"))
        if len(lines) != len(set(data.lines)):
            raise DomainError(_("Có đề nghị không thuộc đợt bình xét này."), code="unknown_line", field="lines")
    dossier = services.dossier_create(actor=actor, round_=round_, receiver=receiver, lines=lines)
    return Status(201, access_dossier(actor, dossier.pk))


@router.get("/{id}", response=responses({200: DossierDetailOut}, 404, 422), summary="Chi tiết hồ sơ")
def dossier_detail(request, id: int):
    return _detail(request.auth, access_dossier(request.auth, id))


def _step(service, side: str):
    def call(request, id: int, data: NoteIn):
        dossier = access_dossier(request.auth, id, side=side)
        service(actor=request.auth, dossier=dossier, note=data.note)
        return access_dossier(request.auth, id)

    return call


for _name, _service, _side, _summary in (
    ("submit", services.dossier_submit, "sender", "Gửi hồ sơ"),
    ("recall", services.dossier_recall, "sender", "Rút lại hồ sơ (trước khi được tiếp nhận)"),
    ("resubmit", services.dossier_resubmit, "sender", "Gửi lại hồ sơ đã bổ sung"),
    ("receive", services.dossier_receive, "receiver", "Tiếp nhận hồ sơ"),
    ("check", services.dossier_check, "receiver", "Bắt đầu thẩm định hồ sơ"),
    ("return", services.dossier_return, "receiver", "Trả lại hồ sơ để bổ sung"),
    ("forward", services.dossier_forward, "receiver", "Chuyển các đề nghị thuộc thẩm quyền cấp trên lên cấp trên"),
):
    _view = _step(_service, _side)
    _view.__name__ = f"dossier_{_name}"
    router.post(
        f"/{{id}}/{_name}", response=responses({200: DossierOut}, *WRITE_ERRORS), summary=_summary, operation_id=f"dossier_{_name}"
    )(_view)


@router.post("/{id}/decide", response=responses({200: DossierOut}, *WRITE_ERRORS), summary="Quyết định khen thưởng theo hồ sơ")
def dossier_decide(request, id: int, data: DecideIn):
    dossier = access_dossier(request.auth, id, side="receiver")
    services.dossier_decide(actor=request.auth, dossier=dossier, number=data.number, decision_date=data.decision_date,
                            signer_name=data.signer_name, signer_title=data.signer_title)  # fmt: skip
    return access_dossier(request.auth, id)


def _dline(dossier, line_id: int) -> DossierLine:
    dline = (
        dossier.lines.select_related("line", "line__person", "line__unit", "line__school_year", "line__round", "granting")
        .filter(pk=line_id)
        .first()
    )
    if dline is None:
        raise Http404(_("Không tìm thấy đề nghị trong hồ sơ."))
    dline.dossier = dossier
    return dline


@router.post("/{id}/lines/{line_id}/check", response=responses({200: DossierLineOut}, *WRITE_ERRORS), summary="Thẩm định một đề nghị")
def dossier_line_check(request, id: int, line_id: int, data: LineCheckIn):
    dline = _dline(access_dossier(request.auth, id, side="receiver"), line_id)
    if data.verdict == "accept":
        return services.line_accept(actor=request.auth, dline=dline)
    if data.verdict == "return":
        return services.line_return(actor=request.auth, dline=dline, reason=data.reason, field=data.return_field)
    return services.line_refuse(actor=request.auth, dline=dline, reason=data.reason)


@router.post("/{id}/lines/{line_id}/answer", response=responses({200: DossierLineOut}, *WRITE_ERRORS), summary="Trả lời yêu cầu bổ sung")
def dossier_line_answer(request, id: int, line_id: int, data: AnswerIn):
    dline = _dline(access_dossier(request.auth, id, side="sender"), line_id)
    return services.line_answer(actor=request.auth, dline=dline, answer=data.answer)
