"""Access to one dossier (404 unseen, 403 seen but not changeable).

A dossier is read by those who read its sending or its receiving unit (officers, heads and council members of
either, or above; admins). Its sender's steps need write scope on the sending unit, its receiver's on the
receiving unit (``side="sender"`` / ``"receiver"``). Teachers never open a dossier: they follow their own line.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for

from .models import Dossier, DossierLine

RELATED = ("round", "round__unit", "round__school_year", "round__movement", "sender", "receiver", "decision", "forwarded_from")


def _visible(scope, dossier: Dossier) -> bool:
    return scope.can_read_unit(dossier.sender) or scope.can_read_unit(dossier.receiver)


def can_act(scope, dossier: Dossier, side: str) -> bool:
    """The receiver's side writes the receiving unit; the sender's writes the sending unit and not the receiving one
    (an officer above both belongs to the receiver's side)."""
    if side == "receiver":
        return scope.can_write_unit(dossier.receiver)
    return scope.can_write_unit(dossier.sender) and (scope.is_admin or not scope.can_write_unit(dossier.receiver))


def access_dossier(actor, dossier_id, *, side: str = "") -> Dossier:
    scope = scope_for(actor)
    try:
        dossier = Dossier.objects.select_related(*RELATED).get(pk=dossier_id)
    except (Dossier.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404(_("Không tìm thấy hồ sơ.")) from None
    if not _visible(scope, dossier):
        raise Http404(_("Không tìm thấy hồ sơ."))
    if side and not can_act(scope, dossier, side):
        raise PermissionDenied(_("Bạn không có quyền xử lý hồ sơ này."))
    return dossier


def access_dossier_line(actor, dline_id, *, side: str = "") -> DossierLine:
    scope = scope_for(actor)
    try:
        dline = DossierLine.objects.select_related(
            *(f"dossier__{r}" for r in RELATED), "line", "line__person", "line__unit", "line__round", "line__school_year"
        ).get(pk=dline_id)
    except (DossierLine.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404(_("Không tìm thấy đề nghị trong hồ sơ.")) from None
    dossier = dline.dossier
    if not _visible(scope, dossier):
        raise Http404(_("Không tìm thấy đề nghị trong hồ sơ."))
    if side and not can_act(scope, dossier, side):
        raise PermissionDenied(_("Bạn không có quyền xử lý hồ sơ này."))
    return dline
