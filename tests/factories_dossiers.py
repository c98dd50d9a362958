"""Dossiers for tests, made through the services: school A's round with two passed lines (person_a's LĐTT, granted
by the commune, and colleague_a's Bằng khen, granted by the Sở through the commune) in a dossier to the commune."""

from __future__ import annotations

from tests.factories_nominations import line_of_teacher_a, round_of_school_a


def passed_line(world, line):
    from thidua.nominations import services

    if line.state == "proposed":
        line = services.line_put_on_agenda(actor=world.admin, line=line)
    if line.state == "on_agenda":
        services.lines_tallied(actor=world.admin, results=[services.TallyResult(line=line, outcome="passed")])
        line.refresh_from_db()
    return line


def bk_line_of_colleague_a(world):
    from thidua.nominations import services
    from thidua.nominations.models import NominationLine

    round_ = round_of_school_a(world)
    found = NominationLine.objects.filter(round=round_, person=world.colleague_a, kind_code="BK_BO_TINH").first()
    if found is None:
        found = services.line_add(actor=world.admin, round_=round_, person=world.colleague_a, kind_code="BK_BO_TINH",
                                  reason="Thành tích xuất sắc", justification="Có thành tích đột xuất cấp tỉnh")  # fmt: skip
    return found


def dossier_of_school_a(world, *, submitted: bool = False, both: bool = True):
    """School A's dossier to the commune (draft unless ``submitted``), with person_a's LĐTT and colleague_a's Bằng khen."""
    from thidua.dossiers import services
    from thidua.dossiers.models import Dossier

    found = Dossier.objects.filter(round__unit=world.school_a, receiver=world.commune).first()
    if found is not None:
        return found
    lines = [passed_line(world, line_of_teacher_a(world))]
    if both:
        lines.append(passed_line(world, bk_line_of_colleague_a(world)))
    dossier = services.dossier_create(actor=world.officer_school_a, round_=round_of_school_a(world), receiver=world.commune, lines=lines)
    if submitted:
        services.dossier_submit(actor=world.officer_school_a, dossier=dossier)
        dossier.refresh_from_db()
    return dossier
