"""Who reads a disclosure: everyone holding a role in the disclosing unit's subtree (its staff included, the
point of "công khai trong đơn vị"), and the readers of the unit above (officers, heads, council members,
admins). Who changes it (publishes, answers objections): write scope on the unit. 404 unseen, 403 seen but not
changeable."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.org.models import SEGMENT as PATH_STEP

from .models import Disclosure, Remark


def _ancestor_paths(path: str) -> list[str]:
    return [path[:i] for i in range(PATH_STEP, len(path) + 1, PATH_STEP)]


def visible_q(actor, prefix: str = "") -> Q:
    """Filter for Disclosure (through ``prefix``): the unit is read by the actor, or the actor holds a role on
    the unit or inside its subtree."""
    scope = scope_for(actor)
    q = scope.units_q(f"{prefix}unit__")
    paths = {p for _role, role_path in scope.role_paths for p in _ancestor_paths(role_path)}
    if paths:
        q |= Q(**{f"{prefix}unit__path__in": sorted(paths)})
    return q


def can_read(actor, disclosure: Disclosure) -> bool:
    scope = scope_for(actor)
    if scope.can_read_unit(disclosure.unit):
        return True
    return any(path.startswith(disclosure.unit.path) for _role, path in scope.role_paths)


def access_disclosure(actor, disclosure_id, *, write: bool = False) -> Disclosure:
    try:
        disclosure = Disclosure.objects.select_related("unit", "round", "round__school_year", "created_by").get(pk=disclosure_id)
    except (Disclosure.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy đợt công khai.")) from None
    if not can_read(actor, disclosure):
        raise Http404(_("Không tìm thấy đợt công khai."))
    if write and not scope_for(actor).can_write_unit(disclosure.unit):
        raise PermissionDenied(_("Bạn không có quyền thay đổi đợt công khai này."))
    return disclosure


def access_remark(actor, remark_id, *, write: bool = False) -> Remark:
    """A remark: read by its author and the unit's writers; answered with write scope on the unit."""
    try:
        remark = Remark.objects.select_related("disclosure", "disclosure__unit", "entry", "author").get(pk=remark_id)
    except (Remark.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy ý kiến.")) from None
    scope = scope_for(actor)
    writer = scope.can_write_unit(remark.disclosure.unit)
    own = getattr(actor, "pk", None) == remark.author_id
    if not (own or writer or (scope.can_read_unit(remark.disclosure.unit))):
        raise Http404(_("Không tìm thấy ý kiến."))
    if write and not writer:
        raise PermissionDenied(_("Bạn không có quyền trả lời ý kiến này."))
    return remark
