"""Access to one registration (404 unseen, 403 seen but not changeable).

* Seen by readers of its unit of record (and above) and by the person registered.
* Changed (``write``: submit again, withdraw) by the person themself or an officer or head of the unit.
* Decided (``approve``: approve, return) by ``services.check_approver``: not by the registrant; a collective's
  by the level above.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.core import errors

from . import services
from .models import Registration
from .selectors import visible_registrations_q


def access_registration(actor, registration_id, *, write: bool = False, approve: bool = False) -> Registration:
    scope = scope_for(actor)
    try:
        registration = (
            Registration.objects.filter(visible_registrations_q(scope))
            .select_related(
                "movement",
                "movement__launcher",
                "school_year",
                "person",
                "unit",
                "unit__parent",
                "unit_of_record",
                "entered_by",
                "approved_by",
            )
            .get(pk=registration_id)
        )
    except (Registration.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy đăng ký thi đua.")) from None
    own = registration.person_id is not None and registration.person_id == scope.person_id
    if write and not (own or scope.can_write_unit(registration.unit_of_record)):
        raise PermissionDenied(_("Bạn không có quyền thay đổi đăng ký thi đua này."))
    if approve:
        try:
            services.check_approver(actor, registration)
        except errors.PermissionDenied as exc:
            raise PermissionDenied(exc.message) from None
    return registration
