"""Clusters and blocs (*cụm, khối thi đua*): create one, set its members for a school year, name its leader.

Members are per school year: a unit merged in 2025 keeps its place in the 2024-2025 cluster, and next year's
list (copied from last year's, confirmed by the organiser) takes its successor instead, flagged. A member lies
inside the organiser's subtree on the year's first day (the tree of that day, from ``UnitPlacement``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.core.vietnamese import clean_text
from thidua.years.models import SchoolYear

from .models import Cluster, ClusterMembership, OrgUnit, UnitPlacement

Role = ClusterMembership.Role


# -- reads -----------------------------------------------------------------------------------------------
def clusters_visible(*, actor) -> QuerySet[Cluster]:
    """Clusters whose organiser the actor reads, or of which a unit the actor reads is (or was) a member."""
    scope = scope_for(actor)
    if scope.is_admin:
        return Cluster.objects.select_related("organiser")
    member_of = ClusterMembership.objects.filter(scope.units_q("unit__")).values("cluster_id")
    return Cluster.objects.filter(scope.units_q("organiser__") | Q(pk__in=member_of)).select_related("organiser")


def access_cluster(actor, cluster_id, *, write: bool = False) -> Cluster:
    """404 when the actor reads neither the organiser nor a member; writing needs write scope on the organiser."""
    try:
        cluster = Cluster.objects.select_related("organiser").get(pk=cluster_id)
    except (Cluster.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy cụm, khối thi đua.")) from None
    scope = scope_for(actor)
    if not scope.can_read_unit(cluster.organiser):
        member = scope.sees_units and cluster.memberships.filter(scope.units_q("unit__")).exists()
        if not member:
            raise Http404(_("Không tìm thấy cụm, khối thi đua."))
    if write and not scope.can_write_unit(cluster.organiser):
        raise DjangoPermissionDenied(_("Chỉ đơn vị tổ chức cụm, khối được thay đổi cụm, khối này."))
    return cluster


def members(cluster: Cluster, school_year: SchoolYear) -> list[ClusterMembership]:
    return list(cluster.memberships.filter(school_year=school_year).select_related("unit", "replaces"))


def inside_on(organiser: OrgUnit, units: Sequence[OrgUnit], day: dt.date) -> set[int]:
    """Ids of ``units`` that were active and inside ``organiser``'s subtree on ``day`` (one query)."""
    ids = [u.pk for u in units] + [organiser.pk]
    rows = (
        UnitPlacement.objects.filter(unit_id__in=ids, valid_from__lte=day, unit__valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .filter(Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gte=day))
        .values_list("unit_id", "path")
    )
    paths = dict(rows)
    root = paths.get(organiser.pk)
    if root is None:
        return set()
    return {u.pk for u in units if u.pk != organiser.pk and paths.get(u.pk, "").startswith(root)}


@dataclass(frozen=True)
class Proposed:
    unit: OrgUnit
    rotation_order: int
    replaces: OrgUnit | None = None  # the merged-away member this unit takes the place of


def members_proposed(cluster: Cluster, school_year: SchoolYear) -> list[Proposed]:
    """Last year's members for this year: a unit closed before the year starts is dropped, or replaced by its
    successor (flagged) when it was merged; the organiser confirms with ``cluster_members_set``."""
    last = SchoolYear.objects.filter(start_date__lt=school_year.start_date).order_by("-start_date").first()
    if last is None:
        return []
    out: list[Proposed] = []
    seen: set[int] = set()
    for m in (
        cluster.memberships.filter(school_year=last).select_related("unit", "unit__successor").order_by("rotation_order", "unit__name")
    ):
        unit, replaces = m.unit, None
        if unit.valid_to is not None and unit.valid_to < school_year.start_date:
            if unit.successor is None:
                continue
            unit, replaces = unit.successor, m.unit
        if unit.pk in seen:
            continue
        seen.add(unit.pk)
        out.append(Proposed(unit=unit, rotation_order=m.rotation_order, replaces=replaces))
    return out


def leader_proposed(cluster: Cluster, school_year: SchoolYear) -> OrgUnit | None:
    """The member after last year's leader in rotation order (the first member when there was none)."""
    now = sorted(members(cluster, school_year), key=lambda m: (m.rotation_order, m.unit.name))
    if not now:
        return None
    last = SchoolYear.objects.filter(start_date__lt=school_year.start_date).order_by("-start_date").first()
    previous = cluster.memberships.filter(school_year=last, role=Role.LEADER).first() if last else None
    if previous is None:
        return now[0].unit
    later = [m for m in now if m.rotation_order > previous.rotation_order]
    return (later or now)[0].unit


# -- writes ----------------------------------------------------------------------------------------------
def _require_organiser(actor, organiser: OrgUnit) -> None:
    if not scope_for(actor).can_write_unit(organiser):
        raise PermissionDenied(_("Bạn không có quyền tổ chức cụm, khối của “%(unit)s”.") % {"unit": organiser.name}, code="forbidden")


@transaction.atomic
def cluster_create(
    *,
    actor,
    organiser: OrgUnit,
    name: str,
    kind: str = Cluster.Kind.CLUSTER,
    valid_from: dt.date,
    feeds_flag: bool = True,
    leaders_per_year: int = 1,
    founding_document: str = "",
) -> Cluster:
    _require_organiser(actor, organiser)
    name = clean_text(name)
    if not name:
        raise DomainError(_("Hãy nhập tên cụm, khối."), code="required", field="name")
    if leaders_per_year < 1:
        raise DomainError(_("Cụm, khối có ít nhất một đơn vị dẫn đầu."), code="invalid_leaders", field="leaders_per_year")
    if Cluster.objects.filter(organiser=organiser, name=name).exists():
        raise Conflict(_("Đơn vị đã có cụm, khối tên “%(name)s”.") % {"name": name}, code="duplicate_cluster")
    cluster = Cluster.objects.create(
        organiser=organiser,
        name=name,
        kind=kind,
        valid_from=valid_from,
        feeds_flag=feeds_flag,
        leaders_per_year=leaders_per_year,
        founding_document=clean_text(founding_document),
    )
    audit.record(actor=actor, verb="cluster.created", target=cluster, unit=organiser, after={"name": name, "kind": kind})
    return cluster


@transaction.atomic
def cluster_members_set(
    *, actor, cluster: Cluster, school_year: SchoolYear, units: Sequence[OrgUnit], replaces: dict[int, OrgUnit] | None = None
) -> list[ClusterMembership]:
    """The members of ``cluster`` for ``school_year``, in rotation order (the list replaces that year's list;
    other years are untouched). Each must lie in the organiser's subtree on the year's first day."""
    _require_organiser(actor, cluster.organiser)
    if not units:
        raise DomainError(_("Cụm, khối cần ít nhất một thành viên."), code="required", field="units")
    if len({u.pk for u in units}) != len(units):
        raise DomainError(_("Một đơn vị được chọn hai lần."), code="duplicate_member", field="units")
    inside = inside_on(cluster.organiser, units, school_year.start_date)
    outside = [u.name for u in units if u.pk not in inside]
    if outside:
        raise DomainError(
            _("Không thuộc %(organiser)s vào ngày %(day)s: %(units)s.")
            % {"organiser": cluster.organiser.name, "day": f"{school_year.start_date:%d/%m/%Y}", "units": ", ".join(outside)},
            code="member_outside_organiser",
            field="units",
        )
    Cluster.objects.select_for_update().filter(pk=cluster.pk).first()  # one writer of this cluster's lists at a time
    taken = (
        ClusterMembership.objects.filter(organiser=cluster.organiser, school_year=school_year, unit__in=[u.pk for u in units])
        .exclude(cluster=cluster)
        .select_related("unit", "cluster")
    )
    if taken:
        raise DomainError(
            _("Mỗi đơn vị chỉ thuộc một cụm, khối của %(organiser)s trong một năm học; năm học %(year)s đã có: %(units)s.")
            % {
                "organiser": cluster.organiser.name,
                "year": school_year.code,
                "units": "; ".join(f"{m.unit.name} ({m.cluster.name})" for m in taken),
            },
            code="member_of_another_cluster",
            field="units",
        )
    old = {m.unit_id: m.role for m in cluster.memberships.filter(school_year=school_year)}
    cluster.memberships.filter(school_year=school_year).delete()
    replaces = replaces or {}
    try:
        with transaction.atomic():
            rows = ClusterMembership.objects.bulk_create(
                ClusterMembership(
                    cluster=cluster,
                    organiser=cluster.organiser,
                    school_year=school_year,
                    unit=u,
                    rotation_order=i,
                    role=old.get(u.pk, Role.MEMBER),
                    replaces=replaces.get(u.pk),
                )
                for i, u in enumerate(units, start=1)
            )
    except IntegrityError:  # another cluster of the organiser took one of these units meanwhile
        raise Conflict(
            _("Một đơn vị vừa được xếp vào cụm, khối khác của %(organiser)s năm học này; hãy tải lại trang.")
            % {"organiser": cluster.organiser.name},
            code="member_of_another_cluster",
        ) from None
    audit.record(
        actor=actor,
        verb="cluster.members_set",
        target=cluster,
        unit=cluster.organiser,
        before={"members": sorted(old)},
        after={"school_year": school_year.code, "members": [u.pk for u in units]},
    )
    return rows


@transaction.atomic
def cluster_leader_set(
    *, actor, cluster: Cluster, school_year: SchoolYear, leader: OrgUnit, deputy: OrgUnit | None = None
) -> ClusterMembership:
    """Name the year's leader (cụm trưởng) and deputy among the members; the previous holders become members."""
    _require_organiser(actor, cluster.organiser)
    rows = {m.unit_id: m for m in cluster.memberships.select_for_update().filter(school_year=school_year)}
    for unit, field in ((leader, "leader"), (deputy, "deputy")):
        if unit is not None and unit.pk not in rows:
            raise DomainError(_("“%(unit)s” không là thành viên năm học này.") % {"unit": unit.name}, code="not_a_member", field=field)
    if deputy is not None and deputy.pk == leader.pk:
        raise DomainError(_("Cụm trưởng và cụm phó phải là hai đơn vị khác nhau."), code="leader_is_deputy", field="deputy")
    try:
        with transaction.atomic():
            ClusterMembership.objects.filter(cluster=cluster, school_year=school_year, role__in=[Role.LEADER, Role.DEPUTY]).update(
                role=Role.MEMBER
            )
            rows[leader.pk].role = Role.LEADER
            rows[leader.pk].save(update_fields=["role"])
            if deputy is not None:
                rows[deputy.pk].role = Role.DEPUTY
                rows[deputy.pk].save(update_fields=["role"])
    except IntegrityError:
        raise Conflict(_("Cụm trưởng vừa được thay đổi bởi người khác; hãy tải lại trang."), code="state_changed") from None
    audit.record(
        actor=actor,
        verb="cluster.leader_set",
        target=cluster,
        unit=cluster.organiser,
        after={"school_year": school_year.code, "leader": leader.pk, "deputy": deputy.pk if deputy else None},
    )
    return rows[leader.pk]
