"""Movement services: launch opens one response per responding unit with a due day in working days; responses
are answered by their unit and acknowledged by the launcher; reports are tracked; every write is audited."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories_awards import tiny_image
from tests.factories_movements import LAUNCH, docx_upload, draft, launched, pdf_upload, response_of, submitted_response
from thidua.audit.models import AuditEvent
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.core.tests.status_writes import status_writes_outside_transition
from thidua.movements import services
from thidua.movements.deadlines import add_working_days
from thidua.movements.models import Movement, MovementReport, MovementResponse, MovementTransition, ResponseTransition
from thidua.movements.selectors import report_tracker, response_tracker


def test_launch_opens_one_response_per_targeted_unit_due_in_working_days(world):
    movement = draft(world)

    with status_writes_outside_transition() as offenders:
        services.movement_launch(actor=world.officer_dept, movement=movement, launched_on=LAUNCH)

    movement.refresh_from_db()
    assert movement.status == "launched" and movement.launched_on == LAUNCH
    response = MovementResponse.objects.get(movement=movement)
    assert response.unit == world.school_a and response.status == "pending"
    assert response.due_on == add_working_days(LAUNCH, 10) == dt.date(2025, 9, 22)  # two weekends skipped
    assert [(m.kind, m.due_on) for m in movement.milestones.all()] == [
        ("phase_review", add_working_days(dt.date(2026, 1, 15), 5)),
        ("final_review", add_working_days(dt.date(2026, 5, 25), 5)),
    ]
    step = MovementTransition.objects.get(movement=movement)
    assert (step.from_state, step.to_state, step.actor) == ("draft", "launched", world.officer_dept)
    verbs = list(AuditEvent.objects.filter(target_type="movements.movement").order_by("id").values_list("verb", flat=True))
    assert verbs == ["movement.created", "movement.launched", "movement.responses_opened"]
    assert offenders == []


def test_a_subtree_launch_asks_every_unit_with_legal_personality_below_the_launcher(world):
    movement = launched(world, launcher=world.dept, targets=[services.TargetSpec(world.dept, True)])

    units = set(movement.responses.values_list("unit__code", flat=True))
    assert units == {world.district.code, world.commune.code, world.school_a.code, world.school_b.code}  # no tổ, not the Sở


def test_the_granting_authority_follows_the_launcher(world):
    school = draft(world, launcher=world.school_a, targets=[services.TargetSpec(world.school_a, True)])
    team = draft(world, launcher=world.team_a, targets=[services.TargetSpec(world.team_a, True)], kind="campaign")

    assert school.granting_unit == world.school_a and "Hiệu trưởng" in school.granting_authority
    assert team.granting_unit == world.school_a  # a tổ grants nothing: its school does


# -- bad input ------------------------------------------------------------------------------------------
def _refused(world, code, **fields):
    before = (Movement.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainError) as exc:
        draft(world, **fields)
    assert exc.value.code == code
    assert (Movement.objects.count(), AuditEvent.objects.count()) == before
    return exc.value


def test_an_end_before_the_start_is_refused(world):
    error = _refused(world, "end_before_start", kind="campaign", period_start=dt.date(2026, 3, 1), period_end=dt.date(2026, 2, 1))
    assert error.field == "period_end" and "trước ngày bắt đầu" in error.message


def test_a_registration_window_outside_the_period_is_refused(world):
    _refused(world, "window_outside_period", registration_opens=dt.date(2025, 8, 1), registration_closes=dt.date(2025, 9, 30))


def test_a_target_outside_the_launchers_subtree_is_unknown(world):
    _refused(world, "unknown_unit", targets=[services.TargetSpec(world.school_c, False)])


def test_a_second_regular_movement_of_the_same_launcher_and_year_is_a_conflict(world):
    draft(world)
    error = _refused(world, "duplicate_movement")
    assert isinstance(error, Conflict) and error.status == 409


def test_a_cancelled_regular_movement_leaves_room_for_a_new_one(world):
    services.movement_cancel(actor=world.admin, movement=draft(world), reason="Soạn lại")
    assert draft(world).status == "draft"


def test_a_plan_that_is_not_a_pdf_or_docx_is_refused(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    image = SimpleUploadedFile("ke-hoach.pdf", tiny_image(), content_type="application/pdf")
    error = _refused(world, "invalid_file_type", plan_document=image)
    assert error.field == "plan_document" and error.message == "Tệp phải là văn bản PDF hoặc DOCX."


def test_a_docx_declaring_xml_entities_is_refused(world):
    evil = docx_upload(extra={"word/styles.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'})
    _refused(world, "xml_entities", plan_document=evil)


def test_a_pdf_or_docx_plan_is_stored(world):
    assert draft(world, plan_document=docx_upload()).plan_document_type == "docx"
    assert draft(world, kind="campaign", plan_document=pdf_upload()).plan_document_type == "pdf"


def test_only_writers_of_the_launcher_create_or_launch(world):
    with pytest.raises(PermissionDenied):
        draft(world, actor=world.officer_school_a)
    movement = draft(world)
    with pytest.raises(PermissionDenied):
        services.movement_launch(actor=world.officer_school_a, movement=movement)
    assert Movement.objects.get(pk=movement.pk).status == "draft"


def test_launching_twice_is_a_conflict(world):
    movement = launched(world)
    stale = Movement.objects.get(pk=movement.pk)
    stale.status = "draft"
    with pytest.raises(Conflict):
        services.movement_launch(actor=world.admin, movement=stale, launched_on=LAUNCH)
    assert MovementResponse.objects.filter(movement=movement).count() == 1


# -- responses ------------------------------------------------------------------------------------------
def test_the_school_responds_and_the_launcher_acknowledges(world):
    response = submitted_response(world)

    assert (response.status, response.submitted_on, response.attachment_type) == ("submitted", dt.date(2025, 9, 15), "pdf")
    services.response_acknowledge(actor=world.officer_dept, response=response)
    response.refresh_from_db()
    assert response.status == "acknowledged"
    steps = list(ResponseTransition.objects.filter(response=response).values_list("action", "actor__username"))
    assert steps == [("submit", "officer_school_a"), ("acknowledge", "officer_dept")]


def test_a_school_cannot_acknowledge_its_own_plan(world):
    response = submitted_response(world)

    with pytest.raises(PermissionDenied) as exc:
        services.response_acknowledge(actor=world.officer_school_a, response=response)

    assert exc.value.code == "not_launcher"
    assert MovementResponse.objects.get(pk=response.pk).status == "submitted"


def test_a_sibling_school_cannot_answer_for_school_a(world):
    response = response_of(launched(world), world.school_a)
    with pytest.raises(PermissionDenied):
        services.response_submit(actor=world.officer_school_b, response=response, text="Kế hoạch")
    assert not ResponseTransition.objects.exists()


def test_a_returned_plan_is_submitted_again(world):
    response = submitted_response(world)
    services.response_return(actor=world.admin, response=response, reason="Bổ sung chỉ tiêu")
    response.refresh_from_db()
    assert (response.status, response.return_reason) == ("returned", "Bổ sung chỉ tiêu")

    services.response_submit(actor=world.head_a, response=response, text="Kế hoạch bổ sung")

    response.refresh_from_db()
    assert (response.status, response.text, response.return_reason) == ("submitted", "Kế hoạch bổ sung", "")


def test_an_empty_response_is_refused(world):
    response = response_of(launched(world), world.school_a)
    with pytest.raises(DomainError) as exc:
        services.response_submit(actor=world.officer_school_a, response=response, text="  ")
    assert exc.value.code == "required"


def test_a_child_movement_launched_in_answer_submits_the_units_response(world):
    parent = launched(world)
    child = draft(world, launcher=world.school_a, targets=[services.TargetSpec(world.school_a, True)], parent=parent,
                  name="Phong trào thi đua của Trường THCS Yên Tiến", actor=world.officer_school_a)  # fmt: skip

    services.movement_launch(actor=world.officer_school_a, movement=child, launched_on=dt.date(2025, 9, 12))

    response = response_of(parent, world.school_a)
    assert (response.status, response.child_movement, response.submitted_on) == ("submitted", child, dt.date(2025, 9, 12))


def test_no_response_to_a_cancelled_movement(world):
    movement = launched(world)
    services.movement_cancel(actor=world.admin, movement=movement, reason="Sai đối tượng")
    with pytest.raises(Conflict):
        services.response_submit(actor=world.officer_school_a, response=response_of(movement, world.school_a), text="Kế hoạch")


def test_the_tracker_counts_working_days_late(world):
    movement = launched(
        world, launcher=world.commune, targets=[services.TargetSpec(world.school_a, False), services.TargetSpec(world.school_b, False)]
    )
    response = response_of(movement, world.school_a)
    services.response_submit(actor=world.officer_school_a, response=response, text="Kế hoạch", on=dt.date(2025, 9, 24))

    rows = {
        r.response.unit.code: r.days_late for r in response_tracker(actor=world.officer_dept, movement=movement, today=dt.date(2025, 9, 29))
    }

    assert rows == {world.school_a.code: 2, world.school_b.code: 5}  # due Mon 22/09; B still owes on Mon 29/09


def test_a_targeted_school_sees_only_its_own_row(world):
    movement = launched(world, targets=[services.TargetSpec(world.school_a, False), services.TargetSpec(world.school_b, False)])
    rows = response_tracker(actor=world.officer_school_a, movement=movement)
    assert [r.response.unit for r in rows] == [world.school_a]


# -- reports --------------------------------------------------------------------------------------------
def test_reports_are_tracked_per_unit_and_milestone(world):
    movement = launched(world, targets=[services.TargetSpec(world.school_a, False), services.TargetSpec(world.school_b, False)])
    services.report_submit(actor=world.officer_school_a, response=response_of(movement, world.school_a), kind="phase_review",
                           text="Sơ kết học kỳ I", figures=[("Số giáo viên đăng ký", "32")], on=dt.date(2026, 1, 16))  # fmt: skip

    phase, final = report_tracker(actor=world.officer_dept, movement=movement, today=dt.date(2026, 1, 30))

    assert [(c.unit.code, c.report is not None, c.days_late) for c in phase.rows] == [
        (world.school_a.code, True, 0),
        (world.school_b.code, False, 6),  # due Thu 22/01/2026; Fri 23 and Mon 26 – Fri 30 are six working days
    ]
    assert [c.unit for c in phase.missing] == [world.school_b] and len(final.missing) == 2
    assert MovementReport.objects.get().figures == [["Số giáo viên đăng ký", "32"]]
    assert AuditEvent.objects.filter(verb="movement.report_submitted").count() == 1


def test_a_report_sent_again_replaces_the_first(world):
    movement = launched(world)
    response = response_of(movement, world.school_a)
    for text in ("Sơ kết lần 1", "Sơ kết lần 2"):
        services.report_submit(actor=world.officer_school_a, response=response, kind="phase_review", text=text)
    assert list(MovementReport.objects.values_list("text", flat=True)) == ["Sơ kết lần 2"]
    event = AuditEvent.objects.filter(verb="movement.report_submitted").latest("id")
    assert event.before["text"] == "Sơ kết lần 1"


def test_a_report_for_a_milestone_the_plan_lacks_is_refused(world):
    movement = launched(world, phase_review_on=None)
    with pytest.raises(DomainError) as exc:
        services.report_submit(actor=world.officer_school_a, response=response_of(movement, world.school_a), kind="phase_review", text="x")
    assert exc.value.code == "unknown_milestone"


# -- review, close, cancel ------------------------------------------------------------------------------
def test_review_then_close(world):
    movement = launched(world)
    services.movement_begin_review(actor=world.officer_dept, movement=movement)
    services.movement_close(actor=world.officer_dept, movement=movement, note="Tổng kết xong")
    assert list(movement.transitions.values_list("action", flat=True)) == ["launch", "begin_review", "close"]


def test_a_movement_with_an_award_decision_cannot_be_cancelled(world):
    from thidua.awards import services as awards

    movement = launched(world)
    awards.decision_create(actor=world.admin, issuer=world.commune, number="7/QĐ-UBND", decision_date=dt.date(2026, 5, 28),
                           award_type="annual", awards=[awards.AwardSpec(kind_code="GK", person=world.person_a)],
                           movement=movement)  # fmt: skip

    with pytest.raises(Conflict) as exc:
        services.movement_cancel(actor=world.admin, movement=movement, reason="Nhầm")
    assert exc.value.code == "movement_has_decisions"


def test_a_decision_cannot_name_a_draft_or_an_unseen_movement(world):
    from thidua.awards import services as awards

    spec = [awards.AwardSpec(kind_code="GK", person=world.person_b)]
    for movement, actor in ((draft(world, kind="campaign"), world.admin), (launched(world), world.officer_school_b)):
        with pytest.raises(DomainError) as exc:
            awards.decision_create(actor=actor, issuer=world.school_b, number="8/QĐ", decision_date=dt.date(2026, 5, 28),
                                   award_type="annual", awards=spec, movement=movement)  # fmt: skip
        assert exc.value.code == "unknown_movement"


def test_a_response_due_across_tet_skips_the_holidays(world):
    movement = draft(world, kind="campaign", response_days=5, period_start=dt.date(2026, 2, 1), period_end=dt.date(2026, 5, 31),
                     phase_review_on=None, final_review_on=None)  # fmt: skip

    services.movement_launch(actor=world.admin, movement=movement, launched_on=dt.date(2026, 2, 12))  # Thursday before Tết

    # Fri 13/02, then Tết Bính Ngọ (14–22/02), then Mon 23 – Thu 26/02.
    assert response_of(movement, world.school_a).due_on == dt.date(2026, 2, 26)
