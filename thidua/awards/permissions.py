"""Access to single decisions and awards (the rule is stated in ``selectors`` and docs/architecture.md).

* Read: the decision's issuer lies in the actor's read scope, or the decision awards someone of the
  actor's units (an award whose recipient unit lies in their read scope). Otherwise 404.
* Write (amend, revoke, withdraw one award): write scope on the issuing unit. A reader without it gets
  403: the school sees the commune's decision about its teachers but cannot change it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for

from .models import Award, Decision
from .selectors import award_line_visible


def access_decision(actor, decision_id, *, write: bool = False) -> Decision:
    scope = scope_for(actor)
    try:
        decision = Decision.objects.select_related("issuer", "issuer__kind", "regime", "school_year").get(pk=decision_id)
    except (Decision.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy quyết định.")) from None
    if not scope.can_read_unit(decision.issuer):
        about_own_units = scope.sees_units and decision.awards.filter(scope.units_q("recipient_unit__")).exists()
        if not about_own_units:
            raise Http404(_("Không tìm thấy quyết định."))
    if write and not scope.can_write_unit(decision.issuer):
        raise PermissionDenied(_("Bạn không có quyền thay đổi quyết định này."))
    return decision


def access_award(actor, award_id, *, write: bool = False) -> Award:
    """One award line: visible when the actor sees that line of its decision (``award_line_visible``)."""
    scope = scope_for(actor)
    try:
        award = Award.objects.select_related("decision", "decision__issuer", "kind", "person", "unit", "recipient_unit").get(pk=award_id)
    except (Award.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy khen thưởng.")) from None
    if not award_line_visible(scope, issuer=award.decision.issuer, recipient_unit=award.recipient_unit):
        raise Http404(_("Không tìm thấy khen thưởng."))
    if write and not scope.can_write_unit(award.decision.issuer):
        raise PermissionDenied(_("Bạn không có quyền thay đổi khen thưởng này."))
    return award
