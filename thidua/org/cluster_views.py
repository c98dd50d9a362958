"""Pages of clusters and blocs: the scoped list and a cluster's year (members, leader, rounds, covenants)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.years.models import SchoolYear

from . import clusters


@login_required
def cluster_list(request):
    if not scope_for(request.user).sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem cụm, khối thi đua."))
    rows = list(clusters.clusters_visible(actor=request.user).order_by("organiser__name", "name"))
    return render(request, "org/clusters.html", {"clusters": rows})


def _year(request, cluster):
    typed = request.GET.get("year", "").strip()
    if typed:
        year = SchoolYear.objects.filter(code=typed).first()
        if year is not None:
            return year
        messages.error(request, _("Không có năm học %(year)s.") % {"year": typed[:20]})
    latest = cluster.memberships.order_by("-school_year__start_date").select_related("school_year").first()
    return latest.school_year if latest else SchoolYear.objects.filter(is_current=True).first()


@login_required
def cluster_detail(request, pk: int):
    from thidua.scoring.covenants import covenants_visible
    from thidua.scoring.selectors import rounds_visible

    cluster = clusters.access_cluster(request.user, pk)
    year = _year(request, cluster)
    years = SchoolYear.objects.filter(pk__in=cluster.memberships.values("school_year")).order_by("-start_date")
    context = {
        "cluster": cluster,
        "year": year,
        "years": years,
        "members": clusters.members(cluster, year) if year else [],
        "rounds": list(rounds_visible(actor=request.user).filter(cluster=cluster).order_by("-school_year__start_date")),
        "covenants": list(covenants_visible(actor=request.user).filter(cluster=cluster)),
        "can_write": scope_for(request.user).can_write_unit(cluster.organiser),
    }
    return render(request, "org/cluster.html", context)
