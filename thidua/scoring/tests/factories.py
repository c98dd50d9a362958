"""A cluster of three schools of the commune (school A, two others; school B is not a member), a published
sheet, and a round of 2025-2026, built through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import UserFactory, grant, make_unit
from tests.factories_awards import tiny_pdf
from thidua.org import clusters
from thidua.scoring import services, sheets
from thidua.scoring.models import SheetCriterion
from thidua.years.models import SchoolYear

YEAR = "2025-2026"


@dataclass
class Scoring:
    cluster: object
    sheet: object
    round: object
    school_d: object
    school_e: object
    officer_d: object
    officer_e: object
    year: object

    def submission(self, unit):
        return self.round.submissions.get(unit=unit)


def make_sheet(actor, organiser, *, name="Bảng tiêu chí cụm trường THCS"):
    sheet = sheets.sheet_create(actor=actor, organiser=organiser, name=name, bonus_cap=Decimal(2), penalty_cap=Decimal(2), gate_cap="Tốt")
    heading = sheets.criterion_add(actor=actor, sheet=sheet, code="I", text="Công tác chuyên môn", kind="info")
    sheets.criterion_add(
        actor=actor,
        sheet=sheet,
        code="I.1",
        text="Chất lượng dạy học",
        max_points=10,
        step=Decimal("0.5"),
        evidence="required",
        parent=heading,
    )
    sheets.criterion_add(
        actor=actor, sheet=sheet, code="I.2", text="Phong trào thi đua", max_points=10, step=Decimal("0.5"), parent=heading
    )
    sheets.criterion_add(actor=actor, sheet=sheet, code="II", text="Thành tích đột xuất", kind="bonus", max_points=2)
    sheets.criterion_add(actor=actor, sheet=sheet, code="III", text="Vi phạm", kind="penalty", min_points=-2, max_points=0)
    sheets.criterion_add(actor=actor, sheet=sheet, code="IV", text="Không có cán bộ bị kỷ luật", kind="gate", max_points=1)
    sheets.criterion_add(
        actor=actor,
        sheet=sheet,
        code="V",
        text="Tỉ lệ Lao động tiên tiến năm trước",
        max_points=5,
        step=Decimal("0.5"),
        auto_source=SheetCriterion.AutoSource.LDTT_SHARE,
    )
    for label, minimum in (("Xuất sắc", 25), ("Tốt", 15), ("Khá", 0)):
        sheets.band_add(actor=actor, sheet=sheet, label=label, minimum=minimum)
    return sheets.sheet_publish(actor=actor, sheet=sheet)


def make_scoring(world) -> Scoring:
    admin = world.admin
    school_d = make_unit(code="THCS-YB", name="Trường THCS Yên Bình", kind="school", parent=world.commune, levels="lower_secondary")
    school_e = make_unit(code="THCS-YH", name="Trường THCS Yên Hưng", kind="school", parent=world.commune, levels="lower_secondary")
    officer_d = UserFactory(username="officer_school_d")
    grant(officer_d, "officer", school_d)
    officer_e = UserFactory(username="officer_school_e")
    grant(officer_e, "officer", school_e)
    year = SchoolYear.objects.get(code=YEAR)
    cluster = clusters.cluster_create(
        actor=admin, organiser=world.commune, name="Cụm thi đua các trường THCS xã Yên Tiến", valid_from=dt.date(2025, 7, 1)
    )
    clusters.cluster_members_set(actor=admin, cluster=cluster, school_year=year, units=[world.school_a, school_d, school_e])
    clusters.cluster_leader_set(actor=admin, cluster=cluster, school_year=year, leader=world.school_a, deputy=school_d)
    sheet = make_sheet(admin, world.commune)
    scoring_round = services.round_open(actor=admin, cluster=cluster, school_year=year, sheet=sheet, opens=dt.date(2026, 5, 4))
    services.peers_assign(
        actor=admin, scoring_round=scoring_round, pairs=[(school_d, world.school_a), (school_e, world.school_a), (world.school_a, school_d)]
    )
    return Scoring(cluster, sheet, scoring_round, school_d, school_e, officer_d, officer_e, year)


def pdf(name="minh-chung.pdf"):
    return SimpleUploadedFile(name, tiny_pdf(), content_type="application/pdf")


FULL = {"I.1": "8", "I.2": "7", "II": "1", "III": "0", "IV": "1"}


def self_score(actor, submission, values=None, *, submit=True):
    services.scores_enter(actor=actor, submission=submission, tier="self", values=services.values_from(values or FULL))
    if "I.1" in (values or FULL):
        services.evidence_add(actor=actor, submission=submission, criterion_code="I.1", upload=pdf())
    if submit:
        return services.submission_submit(actor=actor, submission=submission)
    return submission
