"""Access to single objects: ``access_<thing>(actor, id, write=...)``.

404 when the actor must not know the object exists, 403 when they may read but not change it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.org.models import OrgUnit
from thidua.people.models import Person

from .models import ApiToken
from .scope import scope_for


def access_unit(actor, unit_id, *, write: bool = False) -> OrgUnit:
    scope = scope_for(actor)
    try:
        unit = OrgUnit.objects.select_related("kind", "parent", "successor").get(pk=unit_id)
    except (OrgUnit.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy đơn vị.")) from None
    if not scope.can_read_unit(unit):
        raise Http404(_("Không tìm thấy đơn vị."))
    if write and not scope.can_write_unit(unit):
        raise PermissionDenied(_("Bạn không có quyền thay đổi đơn vị này."))
    return unit


def access_person(actor, person_id, *, write: bool = False) -> Person:
    scope = scope_for(actor)
    try:
        person = Person.objects.select_related("current_unit", "current_unit__kind").get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy cá nhân.")) from None
    if not scope.can_read_person(person):
        raise Http404(_("Không tìm thấy cá nhân."))
    if write and not scope.can_write_person(person):
        raise PermissionDenied(_("Bạn không có quyền thay đổi hồ sơ này."))
    return person


def access_api_token(actor, token_id) -> ApiToken:
    """A token is seen by its owner and by system admins; anyone else gets 404 (ids reveal nothing)."""
    try:
        token = ApiToken.objects.select_related("user").get(pk=token_id)
    except (ApiToken.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy khóa truy cập.")) from None
    if token.user_id != actor.pk and not scope_for(actor).is_admin:
        raise Http404(_("Không tìm thấy khóa truy cập."))
    return token
