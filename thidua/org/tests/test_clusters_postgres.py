"""On PostgreSQL: two officers putting one unit into two clusters of the same organiser at once, exactly one wins."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from thidua.core.errors import Conflict, DomainError
from thidua.org import clusters
from thidua.org.models import Cluster, ClusterMembership
from thidua.years.models import SchoolYear


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clusters_taking_one_unit_at_once_one_wins(world):
    year = SchoolYear.objects.get(code="2025-2026")
    pair = [
        clusters.cluster_create(actor=world.admin, organiser=world.commune, name=name, valid_from=dt.date(2025, 7, 1))
        for name in ("Cụm THCS", "Cụm liên cấp")
    ]
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def take(cluster_id):
        try:
            start.wait()
            cluster = Cluster.objects.select_related("organiser").get(pk=cluster_id)
            clusters.cluster_members_set(actor=world.officer_dept, cluster=cluster, school_year=year, units=[world.school_a])
            outcomes.append("ok")
        except (Conflict, DomainError) as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(c.pk,)) for c in pair]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["member_of_another_cluster", "ok"], outcomes
    assert ClusterMembership.objects.filter(unit=world.school_a, school_year=year).count() == 1
