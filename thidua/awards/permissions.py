"""Access to single decisions and awards: 404 when the issuer is outside the actor's read scope,
403 when the actor may read but not change (write needs write scope on the issuing unit).

A person's timeline shows awards from every unit they worked in (see ``selectors``), but the decision
behind an award — its signed scan, its other recipients — belongs to the issuing side.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for

from .models import Award, Decision


def access_decision(actor, decision_id, *, write: bool = False) -> Decision:
    scope = scope_for(actor)
    try:
        decision = Decision.objects.select_related("issuer", "issuer__kind", "regime", "school_year").get(pk=decision_id)
    except (Decision.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy quyết định.")) from None
    if not scope.can_read_unit(decision.issuer):
        raise Http404(_("Không tìm thấy quyết định."))
    if write and not scope.can_write_unit(decision.issuer):
        raise PermissionDenied(_("Bạn không có quyền thay đổi quyết định này."))
    return decision


def access_award(actor, award_id, *, write: bool = False) -> Award:
    """One award line, seen through its decision (same rule as ``access_decision``)."""
    scope = scope_for(actor)
    try:
        award = Award.objects.select_related("decision", "decision__issuer", "kind", "person", "unit").get(pk=award_id)
    except (Award.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy khen thưởng.")) from None
    if not scope.can_read_unit(award.decision.issuer):
        raise Http404(_("Không tìm thấy khen thưởng."))
    if write and not scope.can_write_unit(award.decision.issuer):
        raise PermissionDenied(_("Bạn không có quyền thay đổi khen thưởng này."))
    return award
