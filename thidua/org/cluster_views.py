"""Pages of clusters and blocs: the scoped list and a cluster's year (members, leader, rounds, covenants)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.core.errors import DomainError
from thidua.core.views import service_form_page
from thidua.years.models import SchoolYear

from . import clusters
from .cluster_forms import ClusterForm, LeaderForm, MembersForm
from .models import ClusterMembership


@login_required
def cluster_list(request):
    if not scope_for(request.user).sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem cụm, khối thi đua."))
    scope = scope_for(request.user)
    rows = list(clusters.clusters_visible(actor=request.user).order_by("organiser__name", "name"))
    return render(request, "org/clusters.html", {"clusters": rows, "can_create": scope.writes_units})


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
        "next_year": SchoolYear.objects.filter(start_date__gt=year.start_date).order_by("start_date").first() if year else None,
    }
    return render(request, "org/cluster.html", context)


def _back(cluster, year=None) -> tuple[str, str]:
    url = reverse("org:cluster", kwargs={"pk": cluster.pk})
    return cluster.name, f"{url}?year={year.code}" if year else url


@login_required
def cluster_create(request):
    if not scope_for(request.user).writes_units:
        raise PermissionDenied(_("Bạn không có quyền tổ chức cụm, khối thi đua."))
    form = ClusterForm(request.POST or None, actor=request.user)

    def save(d):
        return clusters.cluster_create(
            actor=request.user,
            organiser=d["organiser"],
            name=d["name"],
            kind=d["kind"],
            valid_from=d["valid_from"],
            feeds_flag=d["feeds_flag"],
            leaders_per_year=d["leaders_per_year"],
            founding_document=d["founding_document"],
        )

    return service_form_page(
        request,
        form,
        save,
        title=_("Thành lập cụm, khối thi đua"),
        success=_("Đã thành lập cụm, khối thi đua."),
        next_url=lambda c: reverse("org:cluster", kwargs={"pk": c.pk}),
        back=(_("Cụm, khối thi đua"), reverse("org:clusters")),
    )


def _year_or_current(request) -> SchoolYear:
    year = SchoolYear.objects.filter(code=request.GET.get("year", "")).first() or SchoolYear.objects.filter(is_current=True).first()
    if year is None:
        raise Http404(_("Không có năm học %(year)s.") % {"year": request.GET.get("year", "")[:20]})
    return year


@login_required
def cluster_members(request, pk: int):
    """The year's members; a year without a list starts from the proposal (last year's, merged units replaced
    by their successor, flagged), which the organiser's officer checks and confirms by saving."""
    cluster = clusters.access_cluster(request.user, pk, write=True)
    year = _year_or_current(request)
    current = clusters.members(cluster, year)
    replaces = {m.unit_id: m.replaces for m in current if m.replaces_id}
    intro = ""
    if current:
        units = [m.unit for m in current]
    else:
        proposed = clusters.members_proposed(cluster, year)
        units = [p.unit for p in proposed]
        replaces = {p.unit.pk: p.replaces for p in proposed if p.replaces}
        if proposed:
            intro = _(
                "Danh sách đề xuất từ năm học trước (đơn vị đã giải thể được bỏ, đơn vị sáp nhập được thay bằng đơn vị kế thừa): kiểm tra rồi bấm Lưu để xác nhận."
            )
    notes = {pk: _("thay cho %(unit)s (đã sáp nhập)") % {"unit": u.name} for pk, u in replaces.items()}
    form = MembersForm(request.POST or None, actor=request.user, organiser=cluster.organiser, initial_units=units, notes=notes)

    def save(_d):
        chosen = form.units()
        clusters.cluster_members_set(
            actor=request.user,
            cluster=cluster,
            school_year=year,
            units=chosen,
            replaces={u.pk: replaces[u.pk] for u in chosen if u.pk in replaces},
        )
        return cluster

    return service_form_page(
        request,
        form,
        save,
        title=_("Thành viên %(cluster)s năm học %(year)s") % {"cluster": cluster.name, "year": year.code},
        success=_("Đã lưu danh sách thành viên."),
        next_url=lambda c: _back(c, year)[1],
        back=_back(cluster, year),
        intro=intro or _("Các đơn vị theo thứ tự luân phiên; để trống ô nào thì bỏ đơn vị đó."),
    )


@login_required
def cluster_leader(request, pk: int):
    cluster = clusters.access_cluster(request.user, pk, write=True)
    year = _year_or_current(request)
    rows = clusters.members(cluster, year)
    leader = next((m.unit for m in rows if m.role == ClusterMembership.Role.LEADER), None) or clusters.leader_proposed(cluster, year)
    deputy = next((m.unit for m in rows if m.role == ClusterMembership.Role.DEPUTY), None)
    initial = {"leader": str(leader.pk) if leader else "", "deputy": str(deputy.pk) if deputy else ""}
    form = LeaderForm(request.POST or None, members=rows, initial=initial)

    def save(_d):
        if form.unit("leader") is None:
            raise DomainError(_("Hãy chọn cụm trưởng."), code="required", field="leader")
        return clusters.cluster_leader_set(
            actor=request.user, cluster=cluster, school_year=year, leader=form.unit("leader"), deputy=form.unit("deputy")
        )

    return service_form_page(
        request,
        form,
        save,
        title=_("Cụm trưởng, cụm phó năm học %(year)s") % {"year": year.code},
        success=_("Đã lưu cụm trưởng, cụm phó."),
        next_url=lambda _m: _back(cluster, year)[1],
        back=_back(cluster, year),
        intro="" if rows else _("Cụm, khối chưa có thành viên năm học này."),
    )
