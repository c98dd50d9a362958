"""``POST /api/v1/eligibility/evaluate``: the JSON document of ``manage.py eligibility``, same answers.

The engine is pure and reads nothing from the database, so any authenticated caller may evaluate the
facts they send. The document is checked by ``thidua.rules.engine.jsonio`` (not by a second schema here) so the
paths of the problems are exactly those the CLI prints.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Body, Router, Status

from thidua.accounts.permissions import access_person
from thidua.rules import services
from thidua.rules.engine.jsonio import InvalidDocument, evaluate_document
from thidua.years.lookup import school_year_by_label

from ..errors import error_body, responses
from ..schemas import BulkConfirmationIn, BulkConfirmationOut

router = Router(tags=["eligibility"])

DESCRIPTION = (
    "Xét điều kiện danh hiệu thi đua, hình thức khen thưởng từ một tài liệu JSON tự chứa (định dạng "
    "`thidua-eligibility/1`, xem docs/eligibility-format.md và thidua/rules/engine/schema/eligibility-input.schema.json). "
    "Không đọc cơ sở dữ liệu. Lỗi dữ liệu trả 422 với đường dẫn chính xác trong `field` và mọi lỗi trong `errors`."
)


@router.post(
    "/evaluate",
    response=responses({200: dict[str, Any]}, 400, 403, 422),
    summary="Xét điều kiện khen thưởng (tài liệu JSON)",
    description=DESCRIPTION,
)
def eligibility_evaluate(request, data: dict[str, Any] = Body(...)):  # noqa: B008 (ninja's way of declaring a raw JSON body)
    try:
        return evaluate_document(data)
    except InvalidDocument as exc:
        errors = [{"field": p.path, "code": "invalid", "message": p.message} for p in exc.problems]
        first = exc.problems[0]
        body = error_body("invalid_document", _("Tài liệu không hợp lệ: %(problem)s") % {"problem": first}, first.path or None, errors)
        return Status(422, body)


@router.post(
    "/confirmations",
    response=responses({200: BulkConfirmationOut}, 400, 403, 404, 409, 422),
    summary="Xác nhận một tiêu chí cho nhiều người",
    description="Sau cuộc họp của Hội đồng: một dữ kiện, một kết quả, một căn cứ cho các cá nhân đã chọn. "
    "Tất cả hoặc không: một người ngoài phạm vi (404), chỉ được xem (403) hay không công tác trong năm học (400) thì không ghi gì.",
)
def confirmation_bulk(request, data: BulkConfirmationIn):
    year = school_year_by_label(data.school_year)
    if year is None:  # 404, as rules/tests/test_confirmations.py pins (elsewhere a year in a body is 400 unknown_school_year)
        raise Http404(_("Không tìm thấy năm học %(code)s.") % {"code": data.school_year})
    people = [access_person(request.auth, pk, write=True) for pk in dict.fromkeys(data.people)]
    changes = services.confirmations_set_for_people(
        actor=request.auth, people=people, school_year=year, fact=data.fact, value=data.value, basis=data.basis
    )
    return {"changed": len(changes)}
