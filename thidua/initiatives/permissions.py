"""Access to one initiative (404 unseen, 403 seen but not changeable).

* Seen by readers of its unit (and above), by its authors, by the members of the unit's initiative council.
* Changed (``write``: submit, withdraw) by an author or an officer or head of the unit.
* Decided (``decide``: put to council, recognise, refuse, forward, rule on a similar one) by an officer or head
  of the unit (above it for a higher scope: the services check the body).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for

from .models import Initiative
from .selectors import visible_q


def access_initiative(actor, initiative_id, *, write: bool = False, decide: bool = False) -> Initiative:
    scope = scope_for(actor)
    try:
        initiative = (
            Initiative.objects.filter(visible_q(scope)).distinct().select_related("unit", "unit__kind", "school_year").get(pk=initiative_id)
        )
    except (Initiative.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404(_("Không tìm thấy sáng kiến.")) from None
    writer = scope.can_write_unit(initiative.unit)
    if decide and not writer:
        raise PermissionDenied(_("Bạn không có quyền xét sáng kiến này."))
    if write and not writer and not (scope.person_id and initiative.authors.filter(person_id=scope.person_id).exists()):
        raise PermissionDenied(_("Bạn chỉ thay đổi được sáng kiến mà mình là tác giả."))
    return initiative
