"""Scoring pages: the round matrix, a submission with every layer, the self, reviewer and peer forms, the return
form, publish (preview) and correct, the publication, covenants. Thin: parse, access_*, one service, render."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.core.forms import run_service
from thidua.core.views import service_form_page
from thidua.org.clusters import access_cluster, members
from thidua.years.models import SchoolYear

from . import compute, publishing, services
from .covenants import covenant_create as create_covenant
from .forms import CorrectForm, CovenantForm, EvidenceForm, PeerForm, PeersForm, PublishForm, ReturnForm, RoundOpenForm, ScoresForm
from .models import Evidence, PeerAssignment, Publication, ScoreSheet
from .permissions import ORGANISER, PEER, SELF, access_covenant, access_publication, access_round, access_submission, peer_units
from .selectors import sees_every_submission, sheets_visible
from .sheets import criteria_of
from .states import TIER_LABELS, SubmissionStatus


def _layers_table(submission, criteria, *, peers_by_unit: bool):
    """Rows (criterion, [(layer label, value, reason)], effective tier) for one submission."""
    entries = services.current_entries(submission)
    names = {}
    rows = []
    headings = {c.parent_id for c in criteria if c.parent_id}
    for c in criteria:
        if c.kind == "info" or c.pk in headings:
            rows.append({"criterion": c, "heading": True})
            continue
        cells = []
        for tier in submission.scoring_round.tiers:
            found = [e for (cid, t, _u), e in entries.items() if cid == c.pk and t == tier]
            if tier == compute.PEER and found:
                value = compute.peer_value([e.points for e in found], trim=submission.scoring_round.peer_trim)
                cells.append({"tier": tier, "label": TIER_LABELS[tier], "value": value.quantize(Decimal("0.01")), "reason": ""})
                if peers_by_unit:
                    for e in found:
                        names.setdefault(e.scorer_unit_id, e.scorer_unit.name if e.scorer_unit else "")
                        cells.append({"tier": "", "label": names[e.scorer_unit_id], "value": e.points, "reason": e.reason, "sub": True})
            else:
                e = found[-1] if found else None
                cells.append({"tier": tier, "label": TIER_LABELS[tier], "value": e.points if e else None, "reason": e.reason if e else ""})
        scored = [cell for cell in cells if cell["tier"] and cell["value"] is not None]
        rows.append({"criterion": c, "cells": cells, "effective": scored[-1]["tier"] if scored else None})
    return rows


@login_required
def round_detail(request, pk: int):
    scoring_round = access_round(request.user, pk)
    every = sees_every_submission(request.user, scoring_round)
    preview = publishing.preview(scoring_round)
    ranked = {int(r.unit): r for r in preview.result.ranked}
    scope = scope_for(request.user)
    subs = [s for s in scoring_round.submissions.select_related("unit") if every or scope.can_read_unit(s.unit)]
    criteria = criteria_of(scoring_round.sheet)
    scored = [c for c in criteria if c.code in {x.code for x in preview.sheet.scored}]
    matrix = []
    for s in subs:
        layers = preview.layers.get(s.unit_id, {})
        r = ranked.get(s.unit_id)
        cells = []
        for c in scored:
            values = [(TIER_LABELS[t], layers.get(t, {}).get(c.code)) for t in scoring_round.tiers]
            effective = r.effective.get(c.code, (None, None))[1] if r else None
            cells.append({"values": values, "effective": TIER_LABELS.get(effective, "")})
        matrix.append(
            {
                "submission": s,
                "rank": r.rank if r and s.status != SubmissionStatus.DRAFT else None,
                "total": r.total.total if r else None,
                "band": r.band if r else "",
                "cells": cells,
            }
        )
    context = {
        "round": scoring_round,
        "criteria": scored,
        "matrix": matrix,
        "every": every,
        "tier_labels": [str(TIER_LABELS[t]) for t in scoring_round.tiers],
        "can_write": scope.can_write_unit(scoring_round.cluster.organiser),
        "publications": list(scoring_round.publications.select_related("supersedes").prefetch_related("superseded_by")),
        "history": scoring_round.transitions.select_related("actor"),
    }
    if context["can_write"]:
        context["assignments"] = _assignments(scoring_round)
    if request.GET.get("format") == "xlsx":
        from thidua.exports.sheets import scoring_round_xlsx

        return scoring_round_xlsx(scoring_round, scored, matrix, context["tier_labels"])
    return render(request, "scoring/round.html", context)


@login_required
def submission_detail(request, pk: int):
    submission = access_submission(request.user, pk)
    scope = scope_for(request.user)
    organiser = submission.scoring_round.cluster.organiser
    criteria = criteria_of(submission.scoring_round.sheet)
    context = {
        "submission": submission,
        "round": submission.scoring_round,
        "rows": _layers_table(submission, criteria, peers_by_unit=scope.can_read_unit(organiser)),
        "tiers": [TIER_LABELS[t] for t in submission.scoring_round.tiers],
        "evidence": list(submission.evidence.select_related("criterion")),
        "revisions": list(submission.revisions.prefetch_related("criteria")),
        "can_self": scope.can_write_unit(submission.unit) and submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED),
        "can_review": scope.can_write_unit(organiser) and submission.status != SubmissionStatus.DRAFT,
        "can_peer": bool(peer_units(request.user, submission.scoring_round, submission.unit))
        and submission.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.IN_REVIEW),
        "history": submission.transitions.select_related("actor"),
        "result": _published_result(submission),
    }
    return render(request, "scoring/submission.html", context)


def _published_result(submission):
    """The unit's line in the round's current publication (rank, total, band, leader), None before publishing."""
    current = publishing.current_publication(submission.scoring_round)
    return current.results.filter(unit_id=submission.unit_id).select_related("publication").first() if current else None


def _current_values(submission, tier, scorer_unit_id=None) -> dict[str, str]:
    return {
        e.criterion.code: e.points for (_c, t, u), e in services.entries_by_layer(submission).items() if t == tier and u == scorer_unit_id
    }


def _back(submission) -> str:
    return reverse("scoring:submission", kwargs={"pk": submission.pk})


@login_required
def self_score(request, pk: int):
    submission = access_submission(request.user, pk, write=SELF)
    criteria = criteria_of(submission.scoring_round.sheet)
    editable = services.editable_criteria(submission)
    data = request.POST if request.method == "POST" else None
    form = ScoresForm(data, criteria=criteria, current=_current_values(submission, compute.SELF), editable=editable)
    evidence = EvidenceForm(data, request.FILES if data else None, criteria=criteria, prefix="ev")
    if data is not None and form.is_valid() and evidence.is_valid():

        def save():
            services.scores_enter(actor=request.user, submission=submission, tier=compute.SELF, values=services.values_from(form.values()))
            ev = evidence.cleaned_data
            if ev["file"]:
                services.evidence_add(
                    actor=request.user,
                    submission=submission,
                    criterion_code=ev["criterion"],
                    upload=ev["file"],
                    description=ev["description"],
                )
            if "submit" in request.POST:
                services.submission_submit(actor=request.user, submission=submission, answer=request.POST.get("answer", ""))
            return submission

        if run_service(form, save):
            messages.success(request, _("Đã nộp bảng tự chấm.") if "submit" in request.POST else _("Đã lưu điểm tự chấm."))
            return redirect(_back(submission))
    context = {
        "submission": submission,
        "form": form,
        "evidence": evidence,
        "title": _("Tự chấm điểm"),
        "self": True,
        "returned": editable is not None,
    }
    return render(request, "scoring/score_form.html", context)


def _review_tier(scoring_round) -> str:
    return next((t for t in reversed(scoring_round.tiers) if t in services.REVIEW_TIERS), compute.ORGANISER)


@login_required
def review(request, pk: int):
    submission = access_submission(request.user, pk, write=ORGANISER)
    tier = _review_tier(submission.scoring_round)
    criteria = criteria_of(submission.scoring_round.sheet)
    data = request.POST if request.method == "POST" else None
    form = ScoresForm(data, criteria=criteria, current=_current_values(submission, tier), reasons=True)
    if data is not None and form.is_valid():

        def save():
            services.scores_enter(
                actor=request.user, submission=submission, tier=tier, values=services.values_from(form.values(), form.reasons())
            )
            if "approve" in request.POST:
                submission.refresh_from_db()
                services.submission_approve(actor=request.user, submission=submission)
            return submission

        if run_service(form, save):
            messages.success(request, _("Đã lưu điểm thẩm định."))
            return redirect(_back(submission))
    context = {"submission": submission, "form": form, "title": TIER_LABELS[tier], "review": True}
    return render(request, "scoring/score_form.html", context)


@login_required
def peer(request, pk: int):
    submission = access_submission(request.user, pk, write=PEER)
    units = peer_units(request.user, submission.scoring_round, submission.unit)
    criteria = criteria_of(submission.scoring_round.sheet)
    data = request.POST if request.method == "POST" else None
    form = PeerForm(data, criteria=criteria, units=units, current=_current_values(submission, compute.PEER, units[0].pk))
    if data is not None and form.is_valid():
        as_unit = form.units[form.cleaned_data["as_unit"]]

        def save():
            return services.scores_enter(
                actor=request.user, submission=submission, tier=compute.PEER, values=services.values_from(form.values()), as_unit=as_unit
            ) or [submission]

        if run_service(form, save):
            messages.success(request, _("Đã lưu điểm chấm chéo."))
            return redirect(_back(submission))
    context = {"submission": submission, "form": form, "title": TIER_LABELS[compute.PEER], "peer": True}
    return render(request, "scoring/score_form.html", context)


@login_required
def return_(request, pk: int):
    submission = access_submission(request.user, pk, write=ORGANISER)
    form = ReturnForm(request.POST or None, criteria=criteria_of(submission.scoring_round.sheet))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_service(
            form, lambda: services.submission_return(actor=request.user, submission=submission, criteria=d["criteria"], reason=d["reason"])
        ):
            messages.success(request, _("Đã trả lại bảng chấm điểm."))
            return redirect(_back(submission))
    return render(
        request,
        "scoring/form.html",
        {"form": form, "title": _("Trả lại để chấm lại"), "submission": submission, "round": submission.scoring_round},
    )


def _tied_units(preview):
    if not preview.result.leader_tie:
        return []
    boundary = max(r.rank for r in preview.result.ranked if r.rank <= preview.sheet.leaders)
    return [r.unit for r in preview.result.ranked if r.rank == boundary]


@login_required
def publish(request, pk: int):
    scoring_round = access_round(request.user, pk, write=True)
    preview = publishing.preview(scoring_round)
    from thidua.org.models import OrgUnit

    tied = list(OrgUnit.objects.filter(pk__in=[int(u) for u in _tied_units(preview)]))
    form = PublishForm(request.POST or None, units=tied)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        publication = run_service(
            form,
            lambda: publishing.round_publish(
                actor=request.user,
                scoring_round=scoring_round,
                decision_number=d["decision_number"],
                decision_date=d["decision_date"],
                designated=form.units.get(d["designated"]),
            ),
        )
        if publication:
            messages.success(request, _("Đã công bố kết quả."))
            return redirect("scoring:publication", pk=publication.pk)
    context = {
        "round": scoring_round,
        "preview": _preview_rows(preview),
        "form": form,
        "title": _("Công bố kết quả"),
        "open": preview.open_submissions,
    }
    context["not_submitted"] = [preview.names[int(u)] for u in preview.result.not_submitted]
    return render(request, "scoring/publish.html", context)


def _preview_rows(preview):
    return [
        {
            "name": preview.names[int(r.unit)],
            "total": r.total.total,
            "rank": r.rank,
            "tied": r.tied,
            "band": r.band,
            "capped": r.band_capped,
            "gates": r.total.gates_failed,
            "leader": r.leader,
        }
        for r in preview.result.ranked
    ]


@login_required
def correct(request, pk: int):
    scoring_round = access_round(request.user, pk, write=True)
    current = publishing.current_publication(scoring_round)
    preview = publishing.preview(scoring_round)
    from thidua.org.models import OrgUnit

    tied = list(OrgUnit.objects.filter(pk__in=[int(u) for u in _tied_units(preview)]))
    form = CorrectForm(request.POST or None, units=tied)
    if request.method == "POST" and form.is_valid() and current is not None:
        d = form.cleaned_data
        publication = run_service(
            form,
            lambda: publishing.round_correct(
                actor=request.user,
                scoring_round=scoring_round,
                supersedes=current,
                reason=d["reason"],
                decision_number=d["decision_number"],
                decision_date=d["decision_date"],
                designated=form.units.get(d["designated"]),
            ),
        )
        if publication:
            messages.success(request, _("Đã đính chính kết quả."))
            return redirect("scoring:publication", pk=publication.pk)
    context = {
        "round": scoring_round,
        "preview": _preview_rows(preview),
        "form": form,
        "title": _("Đính chính kết quả"),
        "current": current,
        "correcting": True,
    }
    context["open"], context["not_submitted"] = preview.open_submissions, [preview.names[int(u)] for u in preview.result.not_submitted]
    return render(request, "scoring/publish.html", context)


@login_required
def publication(request, pk: int):
    pub = access_publication(request.user, pk)
    later = Publication.objects.filter(supersedes=pub).first()
    context = {"publication": pub, "round": pub.scoring_round, "results": list(pub.ranked_results()), "superseded_by": later}
    return render(request, "scoring/publication.html", context)


def _file(field, name: str):
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404(_("Không tìm thấy tệp.")) from None
    kind = name.rsplit(".", 1)[-1]
    content_type = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}.get(kind, "application/octet-stream")
    response = FileResponse(handle, content_type=content_type, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def evidence_file(request, pk: int):
    try:
        evidence = Evidence.objects.select_related("submission").get(pk=pk)
    except Evidence.DoesNotExist:
        raise Http404(_("Không tìm thấy minh chứng.")) from None
    access_submission(request.user, evidence.submission_id)
    return _file(evidence.file, f"minh-chung-{evidence.pk}.{evidence.file_type}")


@login_required
def covenant_create(request, pk: int):
    cluster = access_cluster(request.user, pk, write=True)
    year = SchoolYear.objects.filter(code=request.GET.get("year", "")).first() or SchoolYear.objects.filter(is_current=True).first()
    units = [m.unit for m in members(cluster, year)]
    form = CovenantForm(request.POST or None, request.FILES or None, members=units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        covenant = run_service(
            form,
            lambda: create_covenant(
                actor=request.user,
                organiser=cluster.organiser,
                cluster=cluster,
                school_year=year,
                title=d["title"],
                text=d["text"],
                signed_on=d["signed_on"],
                signatories=form.signatories(),
                scan=d["scan"],
            ),
        )
        if covenant:
            messages.success(request, _("Đã ghi giao ước thi đua."))
            return redirect("scoring:covenant", pk=covenant.pk)
    title = _("Giao ước thi đua năm học %(year)s") % {"year": year.code}
    return render(request, "scoring/form.html", {"form": form, "title": title, "cluster": cluster, "multipart": True})


@login_required
def covenant_detail(request, pk: int):
    covenant = access_covenant(request.user, pk)
    return render(request, "scoring/covenant.html", {"covenant": covenant, "signatories": covenant.signatories.select_related("unit")})


@login_required
def covenant_scan(request, pk: int):
    covenant = access_covenant(request.user, pk)
    if not covenant.scan:
        raise Http404(_("Giao ước chưa có bản quét."))
    return _file(covenant.scan, f"giao-uoc-{covenant.pk}.{covenant.scan.name.rsplit('.', 1)[-1].lower()}")


@login_required
def round_open(request, pk: int):
    """Open a round for the cluster's members of a year, against a published sheet the officer reads."""
    cluster = access_cluster(request.user, pk, write=True)
    year = _year_of(request)
    ancestors = _ancestor_paths(cluster.organiser.path)
    choices = list(
        sheets_visible(actor=request.user)
        .filter(status=ScoreSheet.Status.PUBLISHED, organiser__path__in=ancestors)
        .order_by("name", "-version")
    )
    form = RoundOpenForm(request.POST or None, sheets=choices, tiers=[(t, TIER_LABELS[t]) for t in compute.TIERS])

    def save(d):
        return services.round_open(
            actor=request.user,
            cluster=cluster,
            school_year=year,
            sheet=form.chosen_sheet(),
            opens=d["opens"],
            self_days=d["self_days"],
            tiers=d["tiers"],
            peer_trim=d["peer_trim"],
        )

    back = reverse("org:cluster", kwargs={"pk": cluster.pk}) + f"?year={year.code}"
    return service_form_page(
        request,
        form,
        save,
        title=_("Mở đợt chấm điểm năm học %(year)s") % {"year": year.code},
        success=_("Đã mở đợt chấm điểm; mỗi thành viên có một bảng tự chấm."),
        next_url=lambda r: reverse("scoring:round", kwargs={"pk": r.pk}),
        back=(cluster.name, back),
        intro="" if choices else _("Chưa có bảng tiêu chí đã ban hành của đơn vị tổ chức hoặc cấp trên; hãy soạn và ban hành trước."),
    )


def _year_of(request) -> SchoolYear:
    year = SchoolYear.objects.filter(code=request.GET.get("year", "")).first() or SchoolYear.objects.filter(is_current=True).first()
    if year is None:
        raise Http404(_("Không có năm học %(year)s.") % {"year": request.GET.get("year", "")[:20]})
    return year


def _ancestor_paths(path: str, width: int = 6) -> list[str]:
    """The path of the unit and of each unit above it (materialised path, 6 characters a level)."""
    return [path[:i] for i in range(width, len(path) + 1, width)]


@login_required
def peers(request, pk: int):
    """Assign peers: prefilled with the assignments made, or the default (all others up to eight members, else
    the next four in rotation), never a unit itself. Saving adds the ticked pairs; none is removed."""
    scoring_round = access_round(request.user, pk, write=True)
    order = {m.unit_id: (m.rotation_order, m.unit.name) for m in members(scoring_round.cluster, scoring_round.school_year)}
    units = sorted((s.unit for s in scoring_round.submissions.select_related("unit")), key=lambda u: order.get(u.pk, (0, u.name)))
    made = list(scoring_round.peer_assignments.values_list("scorer_id", "scored_id"))
    pairs = made or services.peers_proposed([u.pk for u in units])
    form = PeersForm(request.POST if request.method == "POST" else None, units=units, pairs=pairs)
    intro = (
        _("Đã có phân công: bấm Lưu để thêm các ô mới đánh dấu (phân công đã có không bị xóa).")
        if made
        else _(
            "Phân công đề xuất: cụm, khối đến 8 đơn vị thì mỗi đơn vị chấm chéo cho mọi đơn vị khác, đông hơn thì cho 4 đơn vị kế tiếp theo thứ tự luân phiên."
        )
    )
    return service_form_page(
        request,
        form,
        lambda _d: services.peers_assign(actor=request.user, scoring_round=scoring_round, pairs=form.pairs()) or scoring_round,
        title=_("Phân công chấm chéo"),
        success=_("Đã lưu phân công chấm chéo."),
        next_url=lambda _r: reverse("scoring:round", kwargs={"pk": scoring_round.pk}),
        back=(_("Đợt chấm điểm"), reverse("scoring:round", kwargs={"pk": scoring_round.pk})),
        intro=intro,
    )


def _assignments(scoring_round) -> list[dict]:
    """The round's peer assignments with whether the peer has scored already (then it cannot be removed)."""
    scored = set(scoring_round.submissions.filter(entries__tier=compute.PEER).values_list("unit_id", "entries__scorer_unit_id").distinct())
    rows = scoring_round.peer_assignments.select_related("scorer", "scored").order_by("scored__name", "scorer__name")
    return [{"assignment": a, "scored_already": (a.scored_id, a.scorer_id) in scored} for a in rows]


@login_required
def peer_remove(request, pk: int):
    """Confirm, then withdraw one peer assignment (refused once the peer has scored or the round is over)."""
    assignment = PeerAssignment.objects.select_related("scorer", "scored").filter(pk=pk).first()
    if assignment is None:
        raise Http404(_("Không tìm thấy phân công chấm chéo."))
    scoring_round = access_round(request.user, assignment.scoring_round_id, write=True)
    assignment.scoring_round = scoring_round
    back = reverse("scoring:round", kwargs={"pk": scoring_round.pk})
    return service_form_page(
        request,
        forms.Form(request.POST if request.method == "POST" else None),
        lambda _d: services.peer_remove(actor=request.user, assignment=assignment) or scoring_round,
        title=_("Bỏ phân công chấm chéo"),
        success=_("Đã bỏ phân công chấm chéo."),
        next_url=lambda _r: back,
        submit=_("Bỏ phân công"),
        back=(_("Đợt chấm điểm"), back),
        intro=_("Bỏ phân công “%(scorer)s” chấm chéo cho “%(scored)s”? Đơn vị này sẽ không còn xem và chấm bảng điểm đó.")
        % {"scorer": assignment.scorer.name, "scored": assignment.scored.name},
    )
