"""``/api/v1/disclosures/``: public disclosure of a round's lines, the readers' comments and objections, the
unit's answers. Scoped like the pages (``disclosures.permissions``: 404 unseen, 403 seen but not changeable)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from thidua.core.errors import DomainError
from thidua.disclosures import selectors, services
from thidua.disclosures.models import DisclosedLine
from thidua.disclosures.permissions import access_disclosure, access_remark
from thidua.nominations.permissions import access_round

from ..errors import responses
from ..paging import page
from ..schemas_disclosures import (
    AnswerIn,
    DisclosureDetailOut,
    DisclosureFilters,
    DisclosureIn,
    DisclosureOut,
    DisclosurePage,
    RemarkIn,
    RemarkOut,
)

router = Router(tags=["disclosures"])
WRITE_ERRORS = (400, 403, 404, 409, 422)


@router.get("/", response=responses({200: DisclosurePage}, 400, 422), summary="Danh sách các đợt công khai")
def disclosure_list(request, filters: Query[DisclosureFilters]):
    return page(selectors.disclosure_list(actor=request.auth, round_id=filters.round), filters)


@router.post("/", response=responses({201: DisclosureOut}, *WRITE_ERRORS), summary="Công khai danh sách đề nghị của đợt bình xét")
def disclosure_publish(request, data: DisclosureIn):
    round_ = access_round(request.auth, data.round, write=True)
    return Status(201, services.disclosure_publish(actor=request.auth, round_=round_, days=data.days, public=data.public, note=data.note))


@router.get("/{id}", response=responses({200: DisclosureDetailOut}, 404, 422), summary="Chi tiết đợt công khai")
def disclosure_detail(request, id: int):
    disclosure = access_disclosure(request.auth, id)
    disclosure.listed = list(selectors.disclosure_entries(disclosure=disclosure))
    disclosure.visible_remarks = list(selectors.remarks_for(actor=request.auth, disclosure=disclosure))
    return disclosure


@router.get("/{id}/remarks", response=responses({200: list[RemarkOut]}, 404, 422), summary="Ý kiến góp ý, phản ánh")
def disclosure_remarks(request, id: int):
    return list(selectors.remarks_for(actor=request.auth, disclosure=access_disclosure(request.auth, id)))


@router.post("/{id}/remarks", response=responses({201: RemarkOut}, *WRITE_ERRORS), summary="Góp ý hoặc phản ánh về danh sách")
def disclosure_remark_add(request, id: int, data: RemarkIn):
    disclosure = access_disclosure(request.auth, id)
    entry = None
    if data.entry is not None:
        entry = DisclosedLine.objects.filter(pk=data.entry, disclosure=disclosure).first()
        if entry is None:
            raise DomainError(_("Đề nghị này không có trong danh sách công khai."), code="unknown_line", field="entry")
    return Status(201, services.remark_add(actor=request.auth, disclosure=disclosure, kind=data.kind, text=data.text, entry=entry))


@router.post("/remarks/{id}/answer", response=responses({200: RemarkOut}, *WRITE_ERRORS), summary="Trả lời phản ánh")
def disclosure_objection_answer(request, id: int, data: AnswerIn):
    remark = access_remark(request.auth, id, write=True)
    return services.objection_answer(actor=request.auth, remark=remark, answer=data.answer)
