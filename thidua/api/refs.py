"""Objects named inside a request body or a filter (not in the path).

They come through the same ``access_*`` checks as path objects, but an unknown or invisible one is a
fault of the request, so it answers 400 with ``code`` and ``field`` rather than 404 for the route.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.permissions import access_person, access_unit
from thidua.core.errors import DomainError
from thidua.org.models import OrgUnit
from thidua.people.models import Person


def unit_ref(actor, unit_id: int | None, *, field: str) -> OrgUnit | None:
    if unit_id is None:
        return None
    try:
        return access_unit(actor, unit_id)
    except Http404:
        raise DomainError(_("Không tìm thấy đơn vị có mã số %(id)s.") % {"id": unit_id}, code="unknown_unit", field=field) from None


def person_ref(actor, person_id: int, *, field: str) -> Person:
    try:
        return access_person(actor, person_id)
    except Http404:
        raise DomainError(_("Không tìm thấy cá nhân có mã số %(id)s.") % {"id": person_id}, code="unknown_person", field=field) from None
