"""The movement and response tables, without a database: every (state, action) pair as designed."""

from __future__ import annotations

import pytest

from thidua.movements.states import MOVEMENT, RESPONSE, WRITERS

WRITER = "officer"
MOVEMENT_STEPS = {
    ("draft", "launch"): "launched",
    ("draft", "cancel"): "cancelled",
    ("launched", "begin_review"): "reviewing",
    ("launched", "cancel"): "cancelled",
    ("reviewing", "close"): "closed",
}
RESPONSE_STEPS = {
    ("pending", "submit"): "submitted",
    ("submitted", "acknowledge"): "acknowledged",
    ("submitted", "return"): "returned",
    ("returned", "submit"): "submitted",
}


def _pairs(workflow):
    return [(state, action) for state in workflow.states.values for action in sorted(workflow.actions)]


@pytest.mark.parametrize(("state", "action"), _pairs(MOVEMENT))
def test_movement_table(state, action):
    step = MOVEMENT.step(state, action)
    assert (step.target if step else None) == MOVEMENT_STEPS.get((state, action))


@pytest.mark.parametrize(("state", "action"), _pairs(RESPONSE))
def test_response_table(state, action):
    step = RESPONSE.step(state, action)
    assert (step.target if step else None) == RESPONSE_STEPS.get((state, action))


def test_closed_and_cancelled_movements_and_acknowledged_responses_are_final():
    assert MOVEMENT.final == {"closed", "cancelled"} and RESPONSE.final == {"acknowledged"}
    for state in ("closed", "cancelled"):
        assert MOVEMENT.allowed_actions(state, WRITERS) == ()
    assert RESPONSE.allowed_actions("acknowledged", WRITERS) == ()


@pytest.mark.parametrize("role", ["council_member", "staff", "system"])
def test_readers_and_the_worker_take_no_step(role):
    for workflow in (MOVEMENT, RESPONSE):
        for state in workflow.states.values:
            assert workflow.allowed_actions(state, {role}) == ()


def test_a_writer_may_launch_or_cancel_a_draft_in_table_order():
    assert [t.action for t in MOVEMENT.allowed_actions("draft", {WRITER})] == ["launch", "cancel"]
    assert [t.action for t in RESPONSE.allowed_actions("submitted", {"head"})] == ["acknowledge", "return"]


def test_every_step_writes_a_registered_audit_verb():
    from thidua.audit.verbs import VERBS

    for workflow in (MOVEMENT, RESPONSE):
        for t in workflow.transitions:
            assert t.verb in VERBS
