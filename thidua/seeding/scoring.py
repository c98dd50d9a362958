"""Clusters and scoring for the seeds: the demo's clusters (last year's published round, this year's round in
progress with school A self-scored with evidence), and a cluster per group of schools for the bulk scales."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from thidua.org import clusters
from thidua.org.models import Cluster, ClusterMembership, OrgUnit
from thidua.scoring import publishing, services, sheets
from thidua.scoring.covenants import covenant_create
from thidua.scoring.models import ScoringRound, SheetCriterion
from thidua.years.models import SchoolYear

CRITERIA = [
    # code, text, kind, max, min, step, evidence, auto, parent
    ("I", "Thực hiện nhiệm vụ năm học", "info", 0, 0, None, "none", "", None),
    ("I.1", "Chất lượng giáo dục toàn diện", "score", 30, 0, "0.5", "required", "", "I"),
    ("I.2", "Đổi mới phương pháp dạy học, chuyển đổi số", "score", 20, 0, "0.5", "optional", "", "I"),
    ("I.3", "Tỉ lệ cán bộ đạt Lao động tiên tiến năm học trước", "score", 10, 0, "0.5", "none", "ldtt_share", "I"),
    ("II", "Công tác thi đua, khen thưởng", "score", 20, 0, "0.5", "optional", "", None),
    ("III", "Thành tích đột xuất", "bonus", 5, 0, "0.5", "optional", "", None),
    ("IV", "Vi phạm quy chế chuyên môn", "penalty", 0, -5, "0.5", "none", "", None),
    ("V", "Không có cán bộ bị kỷ luật từ khiển trách trở lên", "gate", 1, 0, None, "none", "", None),
]
BANDS = (("Xuất sắc", 70), ("Tốt", 55), ("Khá", 40), ("Trung bình", 0))


def _pdf(name: str) -> SimpleUploadedFile:
    """A one-page blank PDF standing for a scan (it must open in a PDF parser to be accepted)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def demo_sheet(admin, organiser, name="Bảng tiêu chí chấm điểm thi đua cụm trường phổ thông"):
    sheet = sheets.sheet_create(actor=admin, organiser=organiser, name=name, bonus_cap=Decimal(5), penalty_cap=Decimal(5), gate_cap="Tốt")
    made: dict[str, SheetCriterion] = {}
    for code, text, kind, hi, lo, step, evidence, auto, parent in CRITERIA:
        made[code] = sheets.criterion_add(
            actor=admin,
            sheet=sheet,
            code=code,
            text=text,
            kind=kind,
            max_points=hi,
            min_points=lo,
            step=Decimal(step) if step else None,
            evidence=evidence,
            auto_source=auto,
            parent=made.get(parent) if parent else None,
        )
    for label, minimum in BANDS:
        sheets.band_add(actor=admin, sheet=sheet, label=label, minimum=minimum)
    return sheets.sheet_publish(actor=admin, sheet=sheet)


def _score(admin, submission, values: dict[str, str], *, evidence: bool = True):
    services.scores_enter(actor=admin, submission=submission, tier="self", values=services.values_from(values))
    if evidence:
        services.evidence_add(
            actor=admin,
            submission=submission,
            criterion_code="I.1",
            upload=_pdf("bien-ban-chat-luong.pdf"),
            description="Báo cáo tổng kết năm học",
        )
    return services.submission_submit(actor=admin, submission=submission)


def _moment(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _date_past_round(scoring_round, *, opened: dt.datetime, published: dt.datetime) -> None:
    """Last year's round happened in its own school year: opened on its day, scored and approved in the weeks
    after, published on the decision's day (not on the day the seed runs). The insert-only rows (publication,
    results, entries) get their time when written; the workflow's history rows are moved here."""
    from thidua.scoring.models import RoundTransition, SubmissionTransition

    ScoringRound.objects.filter(pk=scoring_round.pk).update(created_at=opened)
    RoundTransition.objects.filter(scoring_round=scoring_round).update(at=published)
    for i, pk in enumerate(
        SubmissionTransition.objects.filter(submission__scoring_round=scoring_round).order_by("id").values_list("pk", flat=True)
    ):
        SubmissionTransition.objects.filter(pk=pk).update(at=opened + dt.timedelta(days=7, hours=i))


def seed_demo_scoring(admin, *, district: OrgUnit, department: OrgUnit, last_members: list[OrgUnit], members: list[OrgUnit]) -> None:
    for unit in (district, department, *last_members, *members):
        unit.refresh_from_db()  # restructuring moved them: their paths changed
    last = SchoolYear.objects.get(code="2024-2025")
    this = SchoolYear.objects.get(code="2025-2026")
    # Last year: the district's cluster, scored and published (school A leads).
    old = clusters.cluster_create(
        actor=admin,
        organiser=district,
        name="Cụm thi đua các trường huyện Ý Yên",
        valid_from=dt.date(2015, 9, 1),
        founding_document="Quyết định số 45/QĐ-PGDĐT ngày 05/9/2015",
    )
    clusters.cluster_members_set(actor=admin, cluster=old, school_year=last, units=last_members)
    clusters.cluster_leader_set(actor=admin, cluster=old, school_year=last, leader=last_members[0], deputy=last_members[1])
    sheet = demo_sheet(admin, district, name="Bảng tiêu chí chấm điểm thi đua các trường huyện Ý Yên")
    past = services.round_open(actor=admin, cluster=old, school_year=last, sheet=sheet, opens=dt.date(2025, 5, 5))
    scores = [
        {"I.1": "27", "I.2": "18", "II": "18", "III": "3", "IV": "0", "V": "1"},
        {"I.1": "25", "I.2": "17", "II": "17", "III": "1", "IV": "-1", "V": "1"},
        {"I.1": "24", "I.2": "16", "II": "16", "III": "0", "IV": "0", "V": "1"},
    ]
    for unit, values in zip(last_members, scores, strict=False):
        submission = past.submissions.get(unit=unit)
        _score(admin, submission, values)
        submission.refresh_from_db()
        services.submission_approve(actor=admin, submission=submission)
    published_at = _moment(dt.date(2025, 6, 10), 15)
    publishing.round_publish(
        actor=admin, scoring_round=past, decision_number="78/QĐ-PGDĐT", decision_date=published_at.date(), published_at=published_at
    )
    _date_past_round(past, opened=_moment(past.opens, 8), published=published_at)
    # This year: the department's cluster, school A self-scored with evidence, peers assigned.
    cluster = clusters.cluster_create(
        actor=admin,
        organiser=department,
        name="Cụm thi đua số 1 các trường phổ thông",
        valid_from=dt.date(2025, 7, 1),
        founding_document="Quyết định số 12/QĐ-SGDĐT ngày 25/8/2025",
    )
    clusters.cluster_members_set(actor=admin, cluster=cluster, school_year=this, units=members)
    clusters.cluster_leader_set(actor=admin, cluster=cluster, school_year=this, leader=members[1], deputy=members[0])
    sheet = demo_sheet(admin, department)
    current = services.round_open(actor=admin, cluster=cluster, school_year=this, sheet=sheet, opens=dt.date(2026, 5, 4))
    services.peers_assign(actor=admin, scoring_round=current, pairs=[(members[1], members[0]), (members[0], members[1])])
    _score(admin, current.submissions.get(unit=members[0]), {"I.1": "28", "I.2": "18.5", "II": "19", "III": "2", "IV": "0", "V": "1"})
    covenant_create(
        actor=admin,
        organiser=department,
        cluster=cluster,
        school_year=this,
        title="Giao ước thi đua năm học 2025-2026",
        text="Các đơn vị trong cụm giao ước thi đua thực hiện thắng lợi nhiệm vụ năm học, dạy tốt, học tốt.",
        signed_on=dt.date(2025, 9, 26),
        signatories=[(u, "Hiệu trưởng " + u.name.removeprefix("Trường ")) for u in members],
        scan=_pdf("giao-uoc-2025-2026.pdf"),
    )


def seed_bulk_clusters(*, log=lambda s: None) -> int:
    """One cluster per unit that has schools under it (organised by that unit), its schools as members for the
    current school year, the first as leader: a few bulk inserts, no audit rows (seed data)."""
    year = SchoolYear.objects.filter(is_current=True).first()
    if year is None:
        return 0
    schools = (
        OrgUnit.objects.active()
        .filter(kind__is_school=True, parent__isnull=False)
        .values_list("pk", "parent_id")
        .order_by("parent_id", "name")
    )
    groups: dict[int, list[int]] = {}
    for pk, parent in schools.iterator(chunk_size=20_000):
        groups.setdefault(parent, []).append(pk)
    names = dict(OrgUnit.objects.filter(pk__in=list(groups)).values_list("pk", "name"))
    made = Cluster.objects.bulk_create(
        [
            Cluster(organiser_id=parent, name=f"Cụm thi đua các trường thuộc {names[parent]}", valid_from=year.start_date, feeds_flag=True)
            for parent, members in groups.items()
            if len(members) >= 2
        ],
        batch_size=2000,
    )
    if connection.vendor == "sqlite" or not all(c.pk for c in made):
        made = list(Cluster.objects.filter(organiser_id__in=list(groups)))
    rows = [
        ClusterMembership(
            cluster=c,
            organiser_id=c.organiser_id,
            school_year=year,
            unit_id=unit,
            rotation_order=i,
            role=ClusterMembership.Role.LEADER if i == 1 else ClusterMembership.Role.MEMBER,
        )
        for c in made
        for i, unit in enumerate(groups[c.organiser_id], start=1)
    ]
    ClusterMembership.objects.bulk_create(rows, batch_size=5000)
    log(f"clusters: {len(made)} clusters, {len(rows)} memberships")
    return len(made)
