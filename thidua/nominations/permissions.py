"""Access to one review round or nomination line (404 unseen, 403 seen but not changeable).

* A round: read by those who read its unit (officers, heads and council members of the unit or above, admins);
  changed with write scope on its unit. A teacher never opens a round page: she sees her own lines.
* A line: read like its round, and by the person proposed (``staff``: her own line only); changed with write
  scope on the round's unit. Commenting (``comment=True``) is open to the person proposed and to the writers.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for

from .models import NominationLine, ReviewRound


def access_round(actor, round_id, *, write: bool = False) -> ReviewRound:
    scope = scope_for(actor)
    try:
        round_ = ReviewRound.objects.select_related("unit", "unit__kind", "school_year", "movement", "movement__launcher").get(pk=round_id)
    except (ReviewRound.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy đợt bình xét.")) from None
    if not scope.can_read_unit(round_.unit):
        raise Http404(_("Không tìm thấy đợt bình xét."))
    if write and not scope.can_write_unit(round_.unit):
        raise PermissionDenied(_("Bạn không có quyền thay đổi đợt bình xét này."))
    return round_


def access_line(actor, line_id, *, write: bool = False, comment: bool = False) -> NominationLine:
    scope = scope_for(actor)
    try:
        line = NominationLine.objects.select_related(
            "round", "round__unit", "round__school_year", "round__movement", "person", "unit", "school_year"
        ).get(pk=line_id)
    except (NominationLine.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy đề nghị khen thưởng.")) from None
    own = line.person_id is not None and line.person_id == scope.person_id
    if not (own or scope.can_read_unit(line.round.unit)):
        raise Http404(_("Không tìm thấy đề nghị khen thưởng."))
    writer = scope.can_write_unit(line.round.unit)
    if write and not writer:
        raise PermissionDenied(_("Bạn không có quyền thay đổi đề nghị này."))
    if comment and not (own or writer):
        raise PermissionDenied(_("Chỉ người được đề nghị và cán bộ phụ trách mới góp ý về đề nghị này."))
    return line
