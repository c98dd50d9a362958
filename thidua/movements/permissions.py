"""Access to one movement, response or report (404 unseen, 403 seen but not changeable).

* A movement: visible by ``selectors.visible_q``; changed (edit, launch, review, close, cancel) with write
  scope on the launcher.
* A response: seen by readers of its unit or of the launcher; answered (plan, report) with write scope on
  its unit; acknowledged or returned (``review=True``) with write scope on the launcher only — a school
  never acknowledges its own plan.
* A report: seen like its unit's response.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for

from .models import Movement, MovementReport, MovementResponse
from .selectors import response_visible, visible_q


def access_movement(actor, movement_id, *, write: bool = False) -> Movement:
    scope = scope_for(actor)
    try:
        movement = (
            Movement.objects.filter(visible_q(scope))
            .select_related("launcher", "launcher__kind", "parent", "school_year", "granting_unit", "created_by")
            .get(pk=movement_id)
        )
    except (Movement.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy phong trào thi đua.")) from None
    if write and not scope.can_write_unit(movement.launcher):
        raise PermissionDenied(_("Bạn không có quyền thay đổi phong trào này."))
    return movement


def access_response(actor, response_id, *, write: bool = False, review: bool = False) -> MovementResponse:
    scope = scope_for(actor)
    try:
        response = MovementResponse.objects.select_related("movement", "movement__launcher", "unit", "child_movement").get(pk=response_id)
    except (MovementResponse.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy kế hoạch hưởng ứng.")) from None
    if not response_visible(scope, response):
        raise Http404(_("Không tìm thấy kế hoạch hưởng ứng."))
    if write and not scope.can_write_unit(response.unit):
        raise PermissionDenied(_("Bạn không có quyền gửi kế hoạch, báo cáo của đơn vị này."))
    if review and not scope.can_write_unit(response.movement.launcher):
        raise PermissionDenied(_("Chỉ đơn vị phát động mới ghi nhận hoặc trả lại kế hoạch hưởng ứng."))
    return response


def access_report(actor, report_id) -> MovementReport:
    scope = scope_for(actor)
    try:
        report = MovementReport.objects.select_related("milestone", "milestone__movement__launcher", "unit").get(pk=report_id)
    except (MovementReport.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy báo cáo.")) from None
    if not (scope.can_read_unit(report.unit) or scope.can_read_unit(report.milestone.movement.launcher)):
        raise Http404(_("Không tìm thấy báo cáo."))
    return report
