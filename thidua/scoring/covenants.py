"""Emulation covenants (*giao ước thi đua*): signed at the cluster's opening meeting by its members' heads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.awards.uploads import check_scan
from thidua.core.errors import DomainError
from thidua.core.vietnamese import clean_text
from thidua.org.models import Cluster, OrgUnit
from thidua.years.models import SchoolYear

from .models import Covenant, CovenantSignatory
from .services import require_write


def covenants_visible(*, actor) -> QuerySet[Covenant]:
    scope = scope_for(actor)
    if scope.is_admin:
        return Covenant.objects.select_related("organiser", "school_year", "cluster")
    signed = CovenantSignatory.objects.filter(scope.units_q("unit__")).values("covenant_id")
    return Covenant.objects.filter(scope.units_q("organiser__") | Q(pk__in=signed)).select_related("organiser", "school_year", "cluster")


@transaction.atomic
def covenant_create(
    *,
    actor,
    organiser: OrgUnit,
    school_year: SchoolYear,
    title: str,
    text: str,
    signed_on: dt.date,
    signatories: Sequence[tuple[OrgUnit, str]],
    cluster: Cluster | None = None,
    scan=None,
) -> Covenant:
    """A covenant of ``cluster`` (its organiser) or of a list of units; ``signatories`` are (unit, head's name)."""
    if cluster is not None:
        organiser = cluster.organiser
    require_write(actor, organiser)
    title, text = clean_text(title), clean_text(text)
    if not title or not text:
        raise DomainError(_("Hãy nhập tên và nội dung giao ước."), code="required", field="title" if not title else "text")
    if not signatories:
        raise DomainError(_("Giao ước cần ít nhất một đơn vị ký."), code="required", field="signatories")
    outside = [u.name for u, _h in signatories if not u.path.startswith(organiser.path)]
    if outside:
        raise DomainError(
            _("Không thuộc đơn vị tổ chức: %(units)s.") % {"units": ", ".join(outside)}, code="unknown_unit", field="signatories"
        )
    if len({u.pk for u, _h in signatories}) != len(signatories):
        raise DomainError(_("Một đơn vị được chọn hai lần."), code="duplicate_member", field="signatories")
    if scan:
        try:
            check_scan(scan)
        except DomainError as e:
            e.field = "scan"
            raise
    covenant = Covenant.objects.create(
        cluster=cluster,
        organiser=organiser,
        school_year=school_year,
        title=title,
        text=text,
        signed_on=signed_on,
        scan=scan or "",
        created_by=actor,
    )
    CovenantSignatory.objects.bulk_create(
        CovenantSignatory(covenant=covenant, unit=u, head_name=clean_text(head) or "—") for u, head in signatories
    )
    audit.record(
        actor=actor,
        verb="covenant.created",
        target=covenant,
        unit=organiser,
        after={"title": title, "units": [u.pk for u, _h in signatories]},
    )
    return covenant
