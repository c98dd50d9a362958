"""Clusters: yearly membership survives restructuring, members lie in the organiser's subtree, leaders rotate."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import make_unit
from thidua.core.errors import DomainError, PermissionDenied
from thidua.org import clusters, services
from thidua.years.models import SchoolYear

pytestmark = pytest.mark.django_db


def _years():
    return SchoolYear.objects.get(code="2024-2025"), SchoolYear.objects.get(code="2025-2026")


def test_a_merge_does_not_rewrite_last_years_cluster_and_next_year_takes_the_successor_flagged(world):
    last, this = _years()
    school_x = make_unit(code="TH-YX", name="Trường Tiểu học Yên Xá", kind="school", parent=world.district)
    cluster = clusters.cluster_create(actor=world.admin, organiser=world.dept, name="Cụm tiểu học", valid_from=dt.date(2020, 9, 1))
    clusters.cluster_members_set(actor=world.admin, cluster=cluster, school_year=last, units=[world.school_a, school_x])
    services.unit_merge(actor=world.admin, sources=[school_x], target=world.school_b, effective_date=dt.date(2025, 7, 1))

    assert [m.unit.code for m in clusters.members(cluster, last)] == ["THCS-YT", "TH-YX"]
    proposed = clusters.members_proposed(cluster, this)
    assert [(p.unit.code, p.replaces.code if p.replaces else None) for p in proposed] == [("THCS-YT", None), ("TH-YT", "TH-YX")]
    clusters.cluster_members_set(
        actor=world.admin,
        cluster=cluster,
        school_year=this,
        units=[p.unit for p in proposed],
        replaces={p.unit.pk: p.replaces for p in proposed if p.replaces},
    )
    assert [m.unit.code for m in clusters.members(cluster, last)] == ["THCS-YT", "TH-YX"]
    assert {m.unit.code: m.replaces_id for m in clusters.members(cluster, this)} == {"THCS-YT": None, "TH-YT": school_x.pk}


def test_a_member_outside_the_organisers_subtree_on_the_first_day_is_refused(world):
    _last, this = _years()
    cluster = clusters.cluster_create(actor=world.admin, organiser=world.commune, name="Cụm xã", valid_from=dt.date(2025, 7, 1))
    with pytest.raises(DomainError) as refused:
        clusters.cluster_members_set(actor=world.admin, cluster=cluster, school_year=this, units=[world.school_a, world.school_c])
    assert refused.value.code == "member_outside_organiser"


def test_only_the_organisers_writers_change_a_cluster(world):
    with pytest.raises(PermissionDenied):
        clusters.cluster_create(actor=world.officer_school_a, organiser=world.commune, name="Cụm", valid_from=dt.date(2025, 7, 1))


def test_the_next_leader_is_proposed_by_rotation(world):
    last, this = _years()
    school_x = make_unit(code="TH-YX", name="Trường Tiểu học Yên Xá", kind="school", parent=world.district)
    cluster = clusters.cluster_create(actor=world.admin, organiser=world.dept, name="Cụm", valid_from=dt.date(2020, 9, 1))
    for year in (last, this):
        clusters.cluster_members_set(actor=world.admin, cluster=cluster, school_year=year, units=[world.school_a, world.school_b, school_x])
    clusters.cluster_leader_set(actor=world.admin, cluster=cluster, school_year=last, leader=world.school_b, deputy=school_x)
    assert clusters.leader_proposed(cluster, this) == school_x
    with pytest.raises(DomainError):
        clusters.cluster_leader_set(actor=world.admin, cluster=cluster, school_year=this, leader=school_x, deputy=school_x)


def test_a_unit_in_another_cluster_of_the_same_organiser_that_year_is_refused_with_a_message(world):
    _last, this = _years()
    first = clusters.cluster_create(actor=world.admin, organiser=world.commune, name="Cụm THCS", valid_from=dt.date(2025, 7, 1))
    second = clusters.cluster_create(actor=world.admin, organiser=world.commune, name="Cụm liên cấp", valid_from=dt.date(2025, 7, 1))
    clusters.cluster_members_set(actor=world.admin, cluster=first, school_year=this, units=[world.school_a])
    with pytest.raises(DomainError) as refused:
        clusters.cluster_members_set(actor=world.admin, cluster=second, school_year=this, units=[world.school_b, world.school_a])
    assert refused.value.code == "member_of_another_cluster"
    assert "Trường THCS Yên Tiến (Cụm THCS)" in refused.value.message
    assert not second.memberships.exists()
    # Setting the first cluster's list again, another organiser's cluster, or another year: all allowed.
    clusters.cluster_members_set(actor=world.admin, cluster=first, school_year=this, units=[world.school_a, world.school_b])
    other = clusters.cluster_create(actor=world.admin, organiser=world.dept, name="Cụm của Sở", valid_from=dt.date(2025, 7, 1))
    clusters.cluster_members_set(actor=world.admin, cluster=other, school_year=this, units=[world.school_a])
    assert first.memberships.get(unit=world.school_a).organiser == world.commune


def test_the_database_refuses_a_unit_twice_for_one_organiser_and_year(world):
    from django.db import IntegrityError, transaction

    from thidua.org.models import ClusterMembership

    _last, this = _years()
    first = clusters.cluster_create(actor=world.admin, organiser=world.commune, name="Cụm THCS", valid_from=dt.date(2025, 7, 1))
    second = clusters.cluster_create(actor=world.admin, organiser=world.commune, name="Cụm liên cấp", valid_from=dt.date(2025, 7, 1))
    clusters.cluster_members_set(actor=world.admin, cluster=first, school_year=this, units=[world.school_a])
    with pytest.raises(IntegrityError), transaction.atomic():
        ClusterMembership.objects.create(cluster=second, organiser=world.commune, school_year=this, unit=world.school_a)
